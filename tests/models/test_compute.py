"""The GPU-fleet model: arithmetic, share rules, scenarios and the reference constants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ModelError
from analysis.evidence import registry
from analysis.models import compute, reference


@pytest.fixture(scope="module")
def ref():
    return reference.compute_constants()


@pytest.fixture(scope="module")
def params(ref):
    return compute.defaults(ref)


def test_training_days_gpt4_scale_on_25k_h100s():
    # 2.1e25 FLOP / (25,000 x 989e12 FLOP/s x 0.40) = 2.123e6 s = 24.57 days
    days = compute.training_days(2.1e25, 25_000, 989e12, 0.40)
    assert days == pytest.approx(24.57, abs=0.01)


def test_training_days_is_vectorised_and_inf_without_gpus():
    days = compute.training_days(1e24, np.array([0.0, 1000.0, 2000.0]), 1e15, 0.5)
    assert np.isinf(days[0])
    assert days[1] == pytest.approx(2 * days[2])


def test_fleet_for_daily_cost_inverts_daily_cost():
    assert compute.fleet_for_daily_cost(240_000, 2.5) == pytest.approx(4000)
    gpus = np.array([10.0, 5000.0])
    assert compute.fleet_for_daily_cost(
        compute.daily_cost_for_fleet(gpus, 3.0), 3.0
    ) == pytest.approx(gpus)


def test_sora_minutes_per_day():
    # 100 GPUs x 300 s/GPU-hour x 24 h = 720,000 s = 12,000 min
    assert compute.sora_minutes_per_day(100, 300) == pytest.approx(12_000)


def test_reference_rows_have_sources_and_ranges(ref):
    assert ref["source"].notna().all()
    assert (ref["low"] <= ref["value"]).all() and (ref["value"] <= ref["high"]).all()
    assert ref.loc["peak_flops_per_gpu", "value"] == pytest.approx(989e12)
    assert "ssumption" in ref.loc["sora_seconds_per_gpu_hour", "source"]


def test_reference_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="reference constants not found"):
        reference.compute_constants(tmp_path / "nope.csv")


def test_reference_value_outside_range_is_a_model_error(tmp_path):
    path = tmp_path / "compute.csv"
    path.write_text("name,value,low,high,unit,source\nmfu,0.9,0.3,0.5,fraction,x\n")
    with pytest.raises(ModelError, match="outside"):
        reference.compute_constants(path)


def test_shares_not_summing_to_one_raise_model_error(params):
    shares = params.shares.copy()
    shares["sora_inference"] += 0.1
    with pytest.raises(ModelError, match="sum to 1"):
        compute.check_shares(shares)
    with pytest.raises(ModelError, match="sum to 1"):
        params.with_(shares=shares)


def test_negative_or_unknown_share_raises(params):
    with pytest.raises(ModelError, match="between 0 and 1"):
        compute.check_shares({"chatgpt_inference": 1.2, "spud_training": -0.2})
    with pytest.raises(ModelError, match="unknown programmes"):
        compute.check_shares({"dalle": 1.0})


def test_allocation_splits_fleet_and_cost(params):
    frame = compute.allocation(params)
    assert list(frame["programme"]) == list(compute.PROGRAMMES)
    assert frame["gpus"].sum() == pytest.approx(params.fleet_gpus)
    total = frame["cost_per_day"].sum()
    assert total == pytest.approx(params.fleet_gpus * params.price_per_gpu_hour * 24)


def test_days_saved_fraction_is_sora_over_pool(params):
    out = compute.summary(params)
    s, t = params.shares["sora_inference"], params.shares["spud_training"]
    assert out["days_saved"] == pytest.approx(out["training_days"] * s / (s + t))
    assert out["training_days_without_sora"] < out["training_days"]


def test_summary_with_no_training_share_is_infinite(params):
    shares = compute.rebalance(params.shares, "spud_training", 0.0)
    out = compute.summary(params.with_(shares=shares))
    assert np.isinf(out["training_days"])


def test_curve_passes_through_current_point(params):
    curve = compute.training_days_vs_sora_share(params, n=201)
    current = compute.summary(params)["training_days"]
    interpolated = np.interp(
        params.shares["sora_inference"], curve["sora_share"], curve["training_days"]
    )
    assert interpolated == pytest.approx(current, rel=0.01)
    assert np.isnan(curve["training_days"].iloc[-1])
    assert curve["training_days"].iloc[:-1].is_monotonic_increasing


def test_sensitivity_grid_shape_and_corner(params):
    mfu = np.linspace(0.3, 0.5, 3)
    fleet = np.array([10_000.0, 20_000.0])
    grid = compute.sensitivity_grid(params, mfu, fleet)
    assert grid.shape == (3, 2)
    expected = compute.training_days(
        params.training_flop,
        20_000 * params.shares["spud_training"],
        params.peak_flops_per_gpu,
        0.5,
    )
    assert grid[2, 1] == pytest.approx(expected)


def test_rebalance_keeps_total_and_proportions(params):
    shares = compute.rebalance(params.shares, "sora_inference", 0.30)
    assert shares.sum() == pytest.approx(1.0)
    assert shares["sora_inference"] == pytest.approx(0.30)
    before = params.shares.drop("sora_inference")
    after = shares.drop("sora_inference")
    assert (after / before).to_numpy() == pytest.approx(np.full(4, 0.70 / before.sum()))


def test_rebalance_from_all_in_one_spreads_equally():
    shares = pd.Series({"chatgpt_inference": 1.0})
    out = compute.rebalance(shares, "chatgpt_inference", 0.6)
    assert out.drop("chatgpt_inference").to_numpy() == pytest.approx(np.full(4, 0.1))


def test_rebalance_clips_to_unit_interval(params):
    out = compute.rebalance(params.shares, "other_research", 1.5)
    assert out["other_research"] == 1.0 and out.sum() == pytest.approx(1.0)


def test_scenarios_move_sora_share(ref, params):
    wound = compute.scenario("Sora wound down", ref)
    assert wound["sora_inference"] == 0
    assert wound["spud_training"] == pytest.approx(
        params.shares["spud_training"] + params.shares["sora_inference"]
    )
    pivot = compute.scenario("world-model pivot", ref)
    kept = params.shares["sora_inference"] * ref.loc["pivot_to_world_model", "value"]
    assert pivot["world_model_research"] == pytest.approx(
        params.shares["world_model_research"] + kept
    )
    assert pivot.sum() == pytest.approx(1.0)
    assert compute.scenario("status quo", ref).equals(params.shares)
    with pytest.raises(ModelError, match="unknown scenario"):
        compute.scenario("moon base", ref)


def test_scenarios_frame_is_tidy(ref):
    frame = compute.scenarios(ref)
    assert len(frame) == len(registry.SCENARIOS) * len(compute.PROGRAMMES)
    assert frame.groupby("scenario")["share"].sum().to_numpy() == pytest.approx(1.0)


def test_priority_levels_tile_unit_interval():
    assert compute.priority_level(0.0) == "Scarce"
    assert compute.priority_level(0.099) == "Scarce"
    assert compute.priority_level(0.10) == "Insufficient/Constrained"
    assert compute.priority_level(0.5) == "Overwhelmingly High"
    assert list(compute.priority_level([0.05, 0.3, 0.9])) == [
        "Scarce",
        "Insufficient/Constrained",
        "Overwhelmingly High",
    ]
    with pytest.raises(ModelError):
        compute.priority_level(-0.1)


def test_share_range_round_trips_with_level():
    for name, low, high in registry.PRIORITY_LEVELS:
        assert compute.share_range(name) == (low, high)
        assert compute.priority_level((low + high) / 2) == name
    assert compute.share_range(" scarce ") == (0.0, 0.10)
    with pytest.raises(ModelError, match="unknown priority level"):
        compute.share_range("Lavish")


def test_reference_shares_match_the_resource_table(params):
    # The table of chatgpt-dominance-talent-exodus: LLMs overwhelmingly high, Sora constrained, foundational research scarce.
    groups = compute.group_shares(params.shares)
    levels = dict(zip(groups.index, compute.priority_level(groups.to_numpy()), strict=True))
    assert levels == {
        "ChatGPT/LLMs": "Overwhelmingly High",
        "Sora/DALL-E": "Insufficient/Constrained",
        "Foundational research": "Scarce",
    }


def test_scenario_table_orders_training_days(ref):
    table = compute.scenario_table(ref).set_index("scenario")
    assert (
        table.loc["Sora wound down", "training_days"]
        < table.loc["world-model pivot", "training_days"]
    )
    assert (
        table.loc["world-model pivot", "training_days"] < table.loc["status quo", "training_days"]
    )
    assert table.loc["Sora wound down", "sora_minutes_per_day"] == 0


def test_priority_table_gives_level_ranges(params):
    table = compute.priority_table(params.shares)
    assert (table["level_low"] <= table["share"]).all() and (
        table["share"] < table["level_high"]
    ).all()


def test_scenario_days_come_with_their_range_over_the_assumed_inputs(ref):
    table = compute.scenario_table(ref).set_index("scenario")
    assert (table["training_days_low"] <= table["training_days"]).all()
    assert (table["training_days"] <= table["training_days_high"]).all()
    # Moving Sora's share to training shortens the run at every corner, so its whole range
    # lies below the status quo's.
    assert table.loc["Sora wound down", "training_days_high"] < table.loc["status quo", "training_days_high"]
    assert table.loc["Sora wound down", "training_days_low"] < table.loc["status quo", "training_days_low"]
