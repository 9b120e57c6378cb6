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
# # What does the burn rate mean, and when would the money run out?
#
# **Question.** What do the reported daily running costs mean per month and per year, beside the revenue figures of the same and a later article, and what would have to be true for the money to run out in the window the article gives?
#
# **Answer.** The running cost alone could exhaust the money in that window only if OpenAI held a few hundred million dollars at most and earned nothing — yet the same article expects several times that cost in 2023 revenue, so the window needs large other costs the article never names; the first code cell prints the numbers. The article gives the daily cost, the revenue expected and the window; no article gives OpenAI's cash, so the cash levels of the what-if are the suite's, shown as a spread (`spending.ILLUSTRATIVE_CASH`), never as one answer.

# %%
from analysis.checks import spending
from analysis.dashboards.runway import burn_dashboard
from analysis.evidence import named
from analysis.frames import load
from analysis.viz import charts, display

display.setup()
f = load.frames()
q = f["quantities"]
print(spending.answer(q))

# %% [markdown]
# ## Per day, per month, per year
#
# A month is a twelfth of a 365.25-day year (`analysis.models.burn`).

# %%
print(named.claim("daily_running_cost", q).cite())
spending.cost_per_period(q)

# %% [markdown]
# ## Beside the revenue figures
#
# Three figures, three different things. The daily cost is what running the applications cost at the time of the article (money going out, one kind of cost). The expected revenue is for the whole of that year (money coming in). The later article calls its figure only an "annual run-rate", sets it beside operating costs and does not say of what; the suite reads it as the usual revenue run-rate (a recent month's revenue times twelve), which is an interpretation, not the article's word. They differ by an order of magnitude because they measure different things at different times, so none of the ratios below is a margin or a growth rate.

# %%
spending.yearly_figures(q)

# %%
charts.build("burn_yearly", f)

# %% [markdown]
# ## What would have to be true for the window to hold
#
# The article's date and the window it gives are read from the frames (`spending.runway_window`). **If** the daily running cost were the only outflow and nothing came in, the money runs out in the window only for the cash on hand below:

# %%
spending.required_cash(q)

# %% [markdown]
# But the same article expects revenue for the year of more per month than the highest running cost. With that revenue, the money never runs out unless other costs (training runs, staff, offices — the article names none) exceed this much a month:

# %%
print(spending.break_even_text(q))

# %% [markdown]
# And for the window to hold, other monthly costs must fall in the band below, for each level of cash on hand. The cash levels are illustrative (`spending.ILLUSTRATIVE_CASH`): no article says how much cash OpenAI held.

# %%
spending.other_costs_needed(q)

# %% [markdown]
# ## What-if
#
# Move the running cost, revenue and its monthly growth, other costs and the cash on hand; the curve and the date the money runs out follow, with the article's window shaded. It starts at the article's own reading ("if their burn rate remains as is"): the high-end running cost, nothing coming in, and the cash that puts the end in the middle of the window. Add the article's expected revenue for the year (a twelfth of it each month) and the money never runs out.

# %%
window = spending.runway_window(q)
board = burn_dashboard(spending.defaults(q), (window.window_start, window.window_end))
board.show()
