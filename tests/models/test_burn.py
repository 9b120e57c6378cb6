"""Burn and runway arithmetic, pinned with numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from analysis.errors import ModelError
from analysis.models import burn


def test_a_month_is_a_twelfth_of_a_julian_year():
    assert burn.DAYS_PER_MONTH == 30.4375
    assert burn.DAYS_PER_YEAR == 365.25


def test_per_period_of_the_article_range():
    frame = burn.per_period([100_000, 700_000])
    # 100,000 * 30.4375 = 3,043,750; 100,000 * 365.25 = 36,525,000
    assert frame["per_month"].tolist() == [3_043_750.0, 21_306_250.0]
    assert frame["per_year"].tolist() == [36_525_000.0, 255_675_000.0]


def test_cash_curve_counts_growing_revenue_against_flat_costs():
    curve = burn.cash_curve(1_000.0, 10.0, monthly_revenue=100.0, revenue_growth=0.5, months=3)
    # costs 10 * 30.4375 = 304.375 a month; revenue 100, 150, 225
    assert curve["revenue"].tolist() == [100.0, 150.0, 225.0]
    assert curve["costs"].tolist() == [304.375] * 3
    assert curve["cash"].tolist() == pytest.approx([795.625, 641.25, 561.875])
    assert curve["month"].tolist() == [1, 2, 3]


def test_cash_curve_dates_are_month_ends_from_the_start():
    curve = burn.cash_curve(0.0, 0.0, start="2023-01-01", months=2)
    # floor(30.4375) = 30 days, floor(60.875) = 60 days
    assert [d.date() for d in curve["date"]] == [dt.date(2023, 1, 31), dt.date(2023, 3, 2)]


def test_runway_without_revenue_is_cash_over_daily_cost_in_days():
    # 1e9 / 7e5 = 1428.57 days; 2023-11-20 + 1461 days = 2027-11-20, minus 33 = 2027-10-18
    assert burn.runway(1e9, 700_000, start="2023-11-20") == dt.date(2027, 10, 18)
    # exactly one Julian year of cash: 365.25 days, 365 whole days
    assert burn.runway(36_525_000, 100_000, start="2023-01-01") == dt.date(2024, 1, 1)


def test_runway_with_no_cost_or_enough_revenue_never_ends():
    assert burn.runway(1.0, 0.0) is None
    assert burn.runway(1e9, 700_000, monthly_revenue=3e7, revenue_growth=0.1) is None


def test_runway_months_interpolates_inside_the_crossing_month():
    # cost 304.375 a month, cash 456.5625 = 1.5 months
    assert burn.runway_months(456.5625, 10.0) == pytest.approx(1.5)


def test_runway_months_is_vectorised():
    out = burn.runway_months([304.375, 0.0, 1.0], [10.0, 10.0, 0.0])
    np.testing.assert_allclose(out, [1.0, 0.0, np.inf])


def test_runway_refuses_arrays_and_negative_cash():
    with pytest.raises(ModelError, match="scalar"):
        burn.runway([1.0, 2.0], 1.0)
    with pytest.raises(ModelError, match="cash"):
        burn.runway(-1.0, 1.0)


def test_cash_that_makes_the_money_run_out_between_end_2024_and_end_2025():
    frame = burn.required_for_window(
        [100_000, 700_000], "2024-12-31", "2025-12-31", start="2023-11-20"
    )
    # 2023-11-20 -> 2024-11-20 is 366 days (leap year), + 41 to 31 Dec = 407; + 365 = 772
    assert frame["days_low"].tolist() == [407, 407]
    assert frame["days_high"].tolist() == [772, 772]
    assert frame["cash_low"].tolist() == [40_700_000.0, 284_900_000.0]
    assert frame["cash_high"].tolist() == [77_200_000.0, 540_400_000.0]


def test_required_cash_really_runs_out_inside_the_window():
    row = burn.required_for_window(250_000, "2024-12-31", "2025-12-31", "2023-11-20").iloc[0]
    for cash in (row["cash_low"], (row["cash_low"] + row["cash_high"]) / 2, row["cash_high"]):
        end = burn.runway(cash, 250_000, start="2023-11-20")
        assert dt.date(2024, 12, 31) <= end <= dt.date(2025, 12, 31)


def test_required_for_window_refuses_a_reversed_window():
    with pytest.raises(ModelError, match="before"):
        burn.required_for_window(1.0, "2025-12-31", "2024-12-31", "2023-11-20")


def test_ratio_of_run_rate_to_yearly_running_cost():
    # 5.2e9 / (700,000 * 365.25) = 5.2e9 / 255,675,000 = 20.338
    assert burn.ratio(5.2e9, 700_000 * 365.25) == pytest.approx(20.3383, abs=1e-4)
    with pytest.raises(ModelError):
        burn.ratio(1.0, 0.0)
