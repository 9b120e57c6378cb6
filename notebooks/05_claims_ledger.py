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
# # Who says what, and how sure are they?
#
# **Question.** Who is each claim in the articles attributed to, how hedged is it, and where do the articles agree or contradict each other?
#
# **Answer.** Most claims in every article are hedged or second-hand, and the two Sora reports agree on the dates and on where the compute goes but contradict each other on whether Sora itself is canceled — the first code cell prints the counts.

# %%
from analysis.checks import ledger
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
print(ledger.answer(f["claims"], f["sentences"], f["quantities"]))

# %% [markdown]
# ## Hedged claims per article
#
# A claim is a sentence with a claim cue (a reporting verb, a source, a hedge or a number). `grade` is its certainty: *stated* (the article's own flat statement), *attributed* (to a named source), *hedged* ("reportedly", "suggests", "appears"), *speculative* ("could", "may", "if").

# %%
ledger.hedged_share(f["claims"])

# %%
charts.build("claims_by_grade", f)

# %% [markdown]
# ## Where the articles meet
#
# Sentences from different articles on the same subject, side by side, as a reader's commentary: each verdict is a reader's, with its reason, except the unveiling dates, which are compared by value. The contradictions the code finds by comparing the articles' statements themselves, with the facts and their sources, are in notebook 06 (`06_fact_check`); this list comments on them and adds subjects no statement pattern reads, such as the release timing of Spud.

# %%
ledger.comparisons(f["sentences"], f["quantities"])

# %% [markdown]
# ## Timeline
#
# Every dated mention across the articles, at the start of its period; hover a point for its sentence. The earlier failed products the blog post recalls stretch the axis back by decades.

# %%
charts.build("events_timeline", f)

# %% [markdown]
# ## The ledger
#
# Every claim with its attribution, hedges and grade (page furniture left out). The full frame, with offsets, is `data/processed/claims.csv`.

# %%
ledger.ledger(f["claims"])
