# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # What is in the corpus?
#
# **Question.** What are the articles — who published them, when and how we know, how long they are, how much of each page is furniture, and what kinds of numbers they hold?
#
# **Answer.** A handful of scraped web pages from a few outlets, few of them datable and none by a date printed in the text, holding a few dozen quantitative mentions, most of them in one blog post; the cell below prints the counts from the frames.

# %%
from analysis.checks import overview
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
print(overview.answer(f["articles"], f["quantities"]))

# %% [markdown]
# ## The articles
#
# `published` is the date at its precision; `date_source` says how it is known: *inferred* from something on the page (the creation time encoded in the X status id of the post `chatgpt-dominance-talent-exodus` summarises; a date phrase in the blog post itself; `date_note` quotes it), *unknown* when the page gives only "3h ago" or nothing. `furniture_pct` is the share of characters in page furniture (bylines, share buttons, comment forms): kept in the frames, marked, and left out of every count below.

# %%
overview.articles_table(f["articles"], f["quantities"])

# %% [markdown]
# ## Quantities by kind
#
# Every money amount, count, percent, duration and date the extractor found in the prose (page furniture left out).

# %%
overview.kinds_table(f["quantities"])

# %%
charts.build("corpus_quantities_by_kind", f)

# %% [markdown]
# ## Every quantity
#
# One row per mention, in text order: `start` is the character offset into the article, `value` the number (`low`/`high` for a range or a vague amount like "tens of thousands"), `approx` the hedge ("roughly", "more than"), `date` an ISO date at its precision. Rows with `is_boilerplate` are page furniture (time stamps such as "… ago", view counters). The full frame, with each mention's sentence, is `data/processed/quantities.csv`.

# %%
overview.browse(f["quantities"])
