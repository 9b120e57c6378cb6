# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # What does Sora's compute buy?
#
# **Question.** If the GPUs that served the Sora app go to training OpenAI's next language model (codenamed "Spud"), how much sooner does that model finish?
#
# **Answer.** Training time falls by Sora's share divided by the Sora-plus-training pool, whatever the fleet size, utilisation or model size. The first code cell keeps apart what the articles say, what the reference data says and what the suite assumes, and gives the saving as a range over the reference low and high values, since the shares and the fleet are assumptions.
#
# The articles report the move (Sora's compute to Spud, the Sora team to world-model research) but no allocation figures, so the shares here are assumptions shaped by the resource table of `chatgpt-dominance-talent-exodus`; hardware, utilisation, prices and model size come from public sources listed in `data/reference/compute.csv`.

# %%
from analysis.checks import compute as compute_checks
from analysis.dashboards import compute as dashboard
from analysis.frames import load
from analysis.models import compute, reference
from analysis.viz import display

display.setup()
f = load.frames()
ref = reference.compute_constants()
params = compute.defaults(ref)
print(compute_checks.answer(ref))

# %% [markdown]
# The same at the reference values alone, as the dashboard's readout writes it:

# %%
print(dashboard.readout_text(params))

# %% [markdown]
# ## Push it around
#
# Move the fleet, the hardware constants or any programme's share; the other shares rescale so the fleet stays at 100 %. The scenario menu loads the three presets described below. Charts: GPUs per programme; days to train Spud as Sora's share trades against training's (the dot is the current split); rental cost per day; and training days over utilisation by fleet size (the ring is the current setting). The readout under the controls is the answer for the current settings.

# %%
board = dashboard.compute_dashboard(params, ref)
board.show()

# %% [markdown]
# ## Where the constants come from
#
# Each default has a low/high range and a public source; the Sora throughput has none and is marked as an assumption with its reasoning.

# %%
ref[["value", "low", "high", "unit", "source"]]

# %% [markdown]
# ## Three scenarios
#
# *status quo* is the reference split; *Sora wound down* gives all of Sora's share to Spud (`sora-app-wind-down-spud`); *world-model pivot* lets the Sora team keep a fraction of it for world-model research and gives the rest to Spud (`sora-team-world-model-pivot`). Each scenario's training days come with their range over the reference low and high values of the six inputs (`training_days_low`, `training_days_high`): the scenarios differ by their split, and the range is what the assumed fleet, shares and model size leave open.

# %%
compute.scenarios(ref).pivot(index="programme", columns="scenario", values="share")

# %%
compute.scenario_table(ref)

# %% [markdown]
# ## The resource table as shares
#
# `chatgpt-dominance-talent-exodus` rates three project groups from *Overwhelmingly High* to *Scarce*. The rule in `registry.PRIORITY_LEVELS` reads a level as a share range of the fleet: a majority is overwhelmingly high, under a tenth is scarce, anything between is insufficient/constrained. Below, the article's table (from the processed tables frame) beside the level the rule gives the reference shares. The reference shares were chosen to fit this very table, so their agreement is by construction and is no evidence (`evidence`); move the sliders to test shares of your own against the table.

# %%
compute_checks.table_levels_check(f["tables"], params.shares, ref)

# %% [markdown]
# ## Checks against the articles' own figures
#
# Two figures in the articles bear on the fleet: a count of GPUs for frontier models, and a daily running cost for OpenAI's applications. Both are read from the processed quantities frame by what they are (a count in GPUs; money per day). A daily cost becomes the fleet it rents around the clock, at the older and at the newer reference price per GPU-hour.

# %%
checks = compute_checks.article_checks(f["quantities"], ref)
checks.drop(columns="sentence")

# %% [markdown]
# The GPU count is a range wide enough to hold the reference fleet. The daily cost does not buy a fleet of that size at either price: it is an estimate from the article's own time of what running OpenAI's applications cost, not of a fleet that also trains models and serves video, so it bounds the inference share of an earlier, smaller fleet rather than today's total. The sentences behind both figures:

# %%
print("\n".join(checks["sentence"].drop_duplicates()))
