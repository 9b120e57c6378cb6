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
# # Do the articles give the programmes the attention the table implies?
#
# **Question.** How does the table of `chatgpt-dominance-talent-exodus` rank ChatGPT/LLMs, Sora/DALL-E and foundational research, and does the prose of each article talk about them in that order?
#
# **Answer.** The table puts language models first, video second and foundational research last; `chatgpt-dominance-talent-exodus`'s own prose spends more sentences on research than on video, and only the prose of `sora-app-wind-down-spud` follows the table's order — the first code cell prints the shares. The table and the sentences are the articles'; which words make a sentence about a programme is the suite's choice (`analysis.extract.topics.FAMILIES`), and the shares move with it.

# %%
from analysis.checks import attention
from analysis.evidence.registry import EXODUS
from analysis.extract.tables import table_frame
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
table = table_frame(f["tables"], EXODUS, 0)
shares = attention.shares(f["sentences"])
print(attention.answer(table, shares, EXODUS))

# %% [markdown]
# ## The table
#
# The markdown table of `chatgpt-dominance-talent-exodus`, with its two rating columns as ordered categories: the levels are ranks on each column's own scale, not measurements, so the chart puts the level names on the axis and draws no bars.

# %%
table

# %%
table.dtypes

# %%
charts.build("resource_levels", f)

# %% [markdown]
# ## What the prose talks about
#
# Each sentence of each article's prose (page furniture and the table left out) counts for a programme when it holds a keyword of that programme's family in `analysis.extract.topics.FAMILIES`: *chatgpt/llm* (ChatGPT, LLM, Spud, GPT, …), *sora/video* (Sora, DALL-E, video, …) and *research* (research, world model, robotics, AGI, …). A sentence naming two programmes counts for both, so an article's shares need not add up to 100 %. "Research" catches any sentence about researchers, a broad net: read its share as an upper bound.

# %%
shares

# %%
charts.build("attention_shares", f)

# %% [markdown]
# ## Table against prose
#
# The table's levels beside each article's share of sentences per programme, and the programme's attention rank within `chatgpt-dominance-talent-exodus` (1 = most sentences).

# %%
attention.table_vs_prose(table, shares, EXODUS)
