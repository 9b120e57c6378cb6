"""The compute what-if against the articles' own figures and their resource table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.checks import compute as compute_checks
from analysis.errors import ModelError
from analysis.models import compute, reference


@pytest.fixture
def ref():
    return reference.compute_constants()


@pytest.fixture
def params(ref):
    return compute.defaults(ref)


@pytest.fixture
def quantities():
    # Shaped like data/processed/quantities.parquet; the numbers are synthetic.
    return pd.DataFrame(
        {
            "article": ["a", "b", "b", "c"],
            "surface": ["tens of GPUs", "$10 to $20 a day", "$5", "3 weeks"],
            "kind": ["count", "money", "money", "duration"],
            "value": [30.0, 10.0, 5.0, 3.0],
            "low": [20.0, 10.0, np.nan, np.nan],
            "high": [90.0, 20.0, np.nan, np.nan],
            "unit": ["GPUs", "USD", "USD", "week"],
            "per": [None, "day", None, None],
            "sentence": ["s1", "s2", "s3", "s4"],
        }
    )


def test_reported_figures_are_found_by_what_they_are(quantities):
    fleets = compute_checks.reported_fleets(quantities)
    assert list(fleets["surface"]) == ["tens of GPUs"]
    costs = compute_checks.reported_daily_costs(quantities)
    assert list(costs["surface"]) == ["$10 to $20 a day"]
    assert (costs["low"].iloc[0], costs["high"].iloc[0]) == (10.0, 20.0)


def test_article_checks_turn_daily_cost_into_fleet(quantities, ref):
    checks = compute_checks.article_checks(quantities, ref)
    assert len(checks) == 3  # one GPU count, one daily cost at two reference prices
    price = ref.loc["price_per_gpu_hour", "value"]
    row = checks[checks["basis"].str.endswith("(price_per_gpu_hour)")].iloc[0]
    assert row["high_gpus"] == pytest.approx(20.0 / (24 * price))
    fleet = ref.loc["fleet_gpus", "value"]
    gpu_row = checks[checks["basis"] == "GPU count"].iloc[0]
    assert gpu_row["reference_fleet_inside"] == (20.0 <= fleet <= 90.0)


def test_table_levels_check_reads_the_resource_table(params):
    tables = pd.DataFrame(
        {
            "article": ["a"] * 6,
            "table": [0] * 6,
            "row": [0, 0, 1, 1, 2, 2],
            "column": [0, 1, 0, 1, 0, 1],
            "header": ["Project Focus", "Resource Allocation Status"] * 3,
            "value": [
                "ChatGPT/LLMs",
                "Overwhelmingly High",
                "Sora/DALL-E (Video)",
                "Scarce",
                "Foundational Research",
                "Scarce",
            ],
        }
    )
    check = compute_checks.table_levels_check(tables, params.shares).set_index("group")
    assert check.loc["ChatGPT/LLMs", "agrees"]
    assert not check.loc["Sora/DALL-E", "agrees"]  # the reference share reads as constrained
    assert check.loc["Foundational research", "agrees"]
    with pytest.raises(ModelError, match="no table"):
        compute_checks.table_levels_check(tables.assign(header="x"), params.shares)


def test_an_agreement_with_the_table_the_shares_were_fitted_to_is_no_evidence(ref, params):
    from analysis.frames import load

    tables = load.load("tables")
    fitted = compute_checks.table_levels_check(tables, params.shares, ref)
    assert fitted["evidence"].str.startswith("none").all()
    own = compute.rebalance(params.shares, compute.SORA, 0.3)
    mine = compute_checks.table_levels_check(tables, own, ref)
    assert not mine["evidence"].str.startswith("none").any()


def test_the_answer_gives_the_saving_as_a_range_over_the_assumed_inputs(ref):
    r = compute.summary_range(ref)
    assert (r["low"] <= r["reference"]).all() and (r["reference"] <= r["high"]).all()
    assert r.loc["days_saved", "low"] < r.loc["days_saved", "high"]
    text = compute_checks.answer(ref)
    assert f"saves {r.loc['days_saved', 'reference']:,.0f} days" in text
    assert f"from {r.loc['days_saved', 'low']:,.1f}" in text
    assumed = [n for n in compute.RANGE_INPUTS if str(ref.loc[n, "source"]).startswith("Assumption")]
    assert assumed and all(n in text.split("The suite assumes", 1)[1] for n in assumed)
