"""The runway what-if, driven in-process: a slider moves, the curve and readout follow burn."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.dashboards import runway as bd
from analysis.models import burn
from analysis.units import MILLION
from analysis.viz.whatif import MONTHS

WINDOW = (dt.date(2024, 12, 1), dt.date(2025, 12, 31))
PARAMS = {"daily_cost": 700_000.0, "monthly_revenue": 0.0, "revenue_growth": 0.0,
          "other_monthly_costs": 0.0, "cash": 400e6, "start": dt.date(2023, 11, 17)}


@pytest.fixture
def board():
    return bd.burn_dashboard(PARAMS, WINDOW)


def _runway(params):
    return burn.runway(params["cash"], params["daily_cost"], params["monthly_revenue"],
                       params["revenue_growth"], params["other_monthly_costs"],
                       start=params["start"])


def test_first_render_shows_the_model(board):
    day = _runway(PARAMS)
    assert day.isoformat() in board.readout.value and "inside" in board.readout.value
    curve = burn.cash_curve(400e6, 700_000.0, start=PARAMS["start"], months=MONTHS)
    assert board.figure.data[0].y[-1] == pytest.approx(curve["cash"].iloc[-1] / MILLION)
    assert board.figure.layout.shapes[0].x0 == WINDOW[0].isoformat()


def test_cash_slider_moves_the_runway_and_the_curve(board):
    before_y = list(board.figure.data[0].y)
    board.sliders["cash"].value = 100.0  # $ million
    assert board.params["cash"] == 100e6
    day = _runway(board.params)
    assert day == PARAMS["start"] + dt.timedelta(days=int(100e6 / 700_000))
    assert f"runs out on {day.isoformat()}, before" in board.readout.value
    assert list(board.figure.data[0].y) != before_y
    assert board.figure.data[1].x[0] == day


def test_revenue_above_costs_means_money_never_runs_out(board):
    board.sliders["monthly_revenue"].value = 100.0
    assert _runway(board.params) is None
    assert "never runs out" in board.readout.value
    assert len(board.figure.data[1].x) == 0


def test_readout_says_after_the_window():
    text = bd.readout_text({**PARAMS, "cash": 5e9}, WINDOW)
    assert "after the article's window" in text


@pytest.mark.parametrize("name, value", [("cash", 100.0), ("monthly_revenue", 100.0)])
def test_a_step_sends_what_a_freshly_built_figure_holds(board, name, value):
    """The update writes the traces' arrays alone; the widget's state must be what the whole
    figure built at the new parameters would send."""
    from analysis.dashboards.plotwidget import PlotWidget

    board.sliders[name].value = value
    fresh = PlotWidget(bd.curve_figure(board.params, WINDOW))
    assert board.figure._data == fresh._data
    assert board.figure._layout == fresh._layout
