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
# # Did ChatGPT's visits fall as fast as the article says?
#
# **Question.** Does the sentence of `house-divided-openai-chaos` on ChatGPT's traffic follow from its own two visit counts, and from what web-analytics firms reported for the same months?
#
# **Answer.** The percentage follows from its two counts; "three months" does not (April to August is four); and the firms counted billions of visits where the article says millions — the first code cell prints the numbers. What the article says is its sentence and its two counts; what the reference data says is the firms' monthly reports (`data/reference/chatgpt_visits_2023.csv`); what the suite assumes is that "roughly" allows a few points either way (`traffic.TOLERANCE`) and that the firms measured the same visits the article counts.

# %%
from analysis.checks import traffic
from analysis.evidence import named
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
q = f["quantities"]
print(traffic.answer(q))

# %% [markdown]
# ## The sentence and its parts
#
# Each number is looked up by what it is (a named claim in `analysis.evidence.named`), with the characters it came from.

# %%
named.claims_table(traffic.CLAIMS, q)[["claim", "surface", "value", "date", "article", "start", "end"]]

# %%
check = traffic.check(q)
print(check.peak.cite())
print(check.later.cite())

# %% [markdown]
# ## Checks against its own numbers
#
# The change is recomputed from the two counts; "roughly" is read as rounded to the nearest 5 points (`traffic.TOLERANCE`). The months are counted between the two months the article names. The average monthly change is the steady compound rate that turns the peak into the August count over those months.

# %%
traffic.checks_table(q)

# %% [markdown]
# ## Against what analytics firms reported
#
# `data/reference/chatgpt_visits_2023.csv` holds the monthly visits that Similarweb reported, each row with its public source. The firms counted **billions**: the reported count is about a thousand times the article's in both months it names, so the article's "million" stands for "billion".

# %%
traffic.reference_table(q)

# %% [markdown]
# The firms' series peaks in **May**, with April about level. Counting the fall to August from each earlier month shows which start month makes both the stated percentage and "three months" right: May. The article's numbers look like the firms' May peak and August count, with the peak's month given as April — consistent with the reference, though the article does not cite its source.

# %%
traffic.reference_change(q)

# %%
charts.build("chatgpt_visits", f)

# %% [markdown]
# The dotted line is the steady decline between the article's two counts (interpolated, not data). The article's points are in millions, the firms' in billions: the shapes coincide because only the unit word differs.
#
# ## The launch figure
#
# The article's launch figure, as users gained per month (in millions):

# %%
traffic.users_per_month(q)
