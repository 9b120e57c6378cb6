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
# # What in the articles is wrong, out of date, or contradicted?
#
# **Question.** Which statements the articles make about the organisations, models, products and people they name are wrong, which were true only before the article was written, which contradict another article, and which can no public fact settle?
#
# **Answer.** The first code cell prints the counts and every finding, one per line, in words a writer can quote; the tables below give each with its sentence, the fact and its public source.

# %%
from analysis.checks import factcheck
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
print(factcheck.answer(f["checks"], f["statements"], f["articles"], f["events"]))

# %% [markdown]
# ## When each article speaks from
#
# A statement is checked at the article's date: its publication date where the manifest knows it to the month or day; otherwise a window that opens on the newest dated thing the article names (a product that did not exist before, a partnership it calls recent) and has no known end. A statement that held at the window's start and stopped holding later is *outdated*, with the day it stopped.

# %%
factcheck.article_dates(f["articles"], f["statements"], f["events"])

# %% [markdown]
# ## Findings
#
# Every statement the facts contradict (*conflicts*) or that had stopped being true by the article's date (*outdated*), with the sentence it comes from, what the facts say and where they say it. The facts are in `data/reference/facts.csv`, one row per fact with its public source and date.

# %%
factcheck.findings(f["checks"], f["statements"])

# %%
charts.build("checks_by_verdict", f)

# %% [markdown]
# ## Counts by verdict
#
# A statement made in several sentences counts once per sentence.

# %%
factcheck.by_verdict(f["checks"])

# %% [markdown]
# ## Articles that contradict each other
#
# Pairs of statements about one entity and attribute, from two articles, that cannot both hold; found by comparing the statements, not listed by hand. The ledger's hand-written comparisons (notebook 05) comment on the same ground.

# %%
factcheck.contradictions(f["statements"], f["articles"], f["events"])

# %% [markdown]
# ## What could not be checked
#
# Reported internal decisions and codenames have no public record to check against; they are listed with the reason, not counted as true or false.

# %%
factcheck.unchecked(f["checks"], f["statements"])
