"""The compute dashboard, built in-process: sliders drive the model and the chart in place."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.dashboards import compute as dashboard
from analysis.models import compute


@pytest.fixture
def board():
    return dashboard.compute_dashboard()


def test_first_render_matches_model(board):
    alloc = compute.allocation(board.params)
    ys = [trace.y[0] for trace in board.panel("allocation")]
    assert ys == pytest.approx(list(alloc["gpus"]))
    titles = [note.text for note in board.chart.layout.annotations]
    assert titles == [dashboard.TITLES[key] for key in dashboard.PANELS]
    assert dashboard.readout_text(board.params) in board.readout.value


def test_fleet_slider_updates_the_chart_and_readout(board):
    before = board.readout.value
    fleet = board.controls["scalars"]["fleet_gpus"]
    fleet.value = fleet.value + 10 * fleet.step
    expected = compute.allocation(board.params)
    assert board.params.fleet_gpus == fleet.value
    ys = [trace.y[0] for trace in board.panel("allocation")]
    assert ys == pytest.approx(list(expected["gpus"]))
    assert list(board.panel("cost")[0].y) == pytest.approx(list(expected["cost_per_day"]))
    days = compute.summary(board.params)["days_saved"]
    assert f"saves {days:,.1f} days" in board.readout.value
    assert board.readout.value != before
    marker = board.panel("heatmap")[1]
    assert marker.x == (fleet.value,)


def test_share_slider_rebalances_others_to_100_percent(board):
    sliders = board.controls["shares"]
    sliders["sora_inference"].value = 0.30
    total = sum(slider.value for slider in sliders.values())
    assert total == pytest.approx(1.0)
    assert board.params.shares["sora_inference"] == pytest.approx(0.30)
    point = board.panel("curve")[1]
    assert point.x == pytest.approx((0.30,))
    assert point.y[0] == pytest.approx(compute.summary(board.params)["training_days"])
    assert board.controls["preset"].value is None


def test_preset_loads_scenario(board):
    board.controls["preset"].value = "Sora wound down"
    shares = compute.scenario("Sora wound down", board.ref)
    assert board.controls["shares"]["sora_inference"].value == 0
    assert board.params.shares.to_numpy() == pytest.approx(shares.to_numpy())
    assert "Sora has no share left" in board.readout.value


def test_training_flop_slider_is_logarithmic_and_the_heatmap_follows(board):
    import ipywidgets as w

    slider = board.controls["scalars"]["training_flop"]
    assert isinstance(slider, w.FloatLogSlider) and slider.base == 10
    assert (slider.min, slider.max) == dashboard.FLOP_EXPONENTS[:2]  # exponents, not FLOP
    slider.value = 1e26
    assert board.params.training_flop == pytest.approx(1e26)
    heat = board.panel("heatmap")[0]
    mfu, fleet = dashboard.grid_axes()
    expected = compute.sensitivity_grid(board.params, mfu, fleet)
    assert np.asarray(heat.customdata, dtype=float) == pytest.approx(expected)
    # Colours follow log10(days); the colour bar is labelled in days.
    assert np.asarray(heat.z, dtype=float) == pytest.approx(np.log10(expected))
    ticks = np.asarray(heat.colorbar.tickvals, dtype=float)
    assert len(ticks) >= 3 and (10**ticks).min() >= expected.min() / 1.001
    assert all(label.replace(",", "").isdigit() for label in heat.colorbar.ticktext)
