"""Cash burn and runway: what a daily running cost means over months and years.

house-divided-openai-chaos says OpenAI spent "between $100,000 and $700,000 a day" to run its
applications and could "run out of money anywhere between the end of 2024 and 2025";
sora-app-wind-down-spud mentions a "$5.2 billion annual run-rate". These functions put such numbers
on one time scale, draw the cash curve a burn rate implies, and invert the runway claim
into the cash on hand it would need.

Calendar convention: a year is 365.25 days (the Julian year, averaging leap years) and a
month is a twelfth of it, 30.4375 days. Runway dates count elapsed days from ``start``,
so with no revenue a runway is exactly ``cash / daily_cost`` days.

All functions are pure; the numeric ones accept numpy arrays where a scalar is shown.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.models.inputs import checked

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12  # 30.4375
# Runways are searched this far ahead; beyond it money is treated as never running out.
HORIZON_MONTHS = 1200

__all__ = [
    "DAYS_PER_MONTH",
    "DAYS_PER_YEAR",
    "cash_curve",
    "per_period",
    "ratio",
    "required_for_window",
    "runway",
    "runway_months",
]


def _date(value, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ModelError(f"{name} {value!r} is not a date like '2023-11-20'") from exc
    if pd.isna(ts):
        raise ModelError(f"{name} is missing")
    return ts.normalize()


def per_period(daily) -> pd.DataFrame:
    """A daily amount per day, per (30.4375-day) month and per (365.25-day) year.

    One row per value of ``daily``: $100,000 a day is $3,043,750 a month, $36,525,000 a year.
    """
    d = np.atleast_1d(checked("daily", daily))
    return pd.DataFrame(
        {"per_day": d, "per_month": d * DAYS_PER_MONTH, "per_year": d * DAYS_PER_YEAR}
    )


def _flows(daily_cost, monthly_revenue, revenue_growth, other_monthly_costs, months: int):
    """Revenue and costs for months 1..months, broadcast over array parameters (last axis)."""
    k = np.arange(months, dtype=float)
    growth = np.asarray(revenue_growth, dtype=float)
    if np.any(~np.isfinite(growth)) or np.any(growth <= -1):
        raise ModelError(f"revenue_growth must be a monthly fraction > -1, got {revenue_growth!r}")
    revenue = checked("monthly_revenue", monthly_revenue)[..., None] * (
        (1.0 + growth[..., None]) ** k
    )
    costs = (
        checked("daily_cost", daily_cost)[..., None] * DAYS_PER_MONTH
        + checked("other_monthly_costs", other_monthly_costs)[..., None]
    ) + 0.0 * k
    return revenue, costs


def cash_curve(
    cash: float,
    daily_cost: float,
    monthly_revenue: float = 0.0,
    revenue_growth: float = 0.0,
    other_monthly_costs: float = 0.0,
    start="2023-11-01",
    months: int = 36,
) -> pd.DataFrame:
    """Cash at the end of each month, starting from ``cash`` on ``start``.

    Month ``m`` (1-based) ends ``m * 30.4375`` days after ``start``; revenue in month ``m``
    is ``monthly_revenue * (1 + revenue_growth) ** (m - 1)``; costs are
    ``daily_cost * 30.4375 + other_monthly_costs``. Columns: ``month`` (1..months),
    ``date`` (end of the month, a day), ``revenue``, ``costs``, ``net``, ``cash``. Cash may
    go negative: the curve shows how far short the money falls.
    """
    if int(months) != months or months < 1:
        raise ModelError(f"months must be a whole number >= 1, got {months!r}")
    cash0 = float(checked("cash", cash))
    begin = _date(start, "start")
    revenue, costs = _flows(
        daily_cost, monthly_revenue, revenue_growth, other_monthly_costs, months
    )
    if revenue.ndim != 1:
        raise ModelError("cash_curve draws one curve: give scalar parameters")
    net = revenue - costs
    m = np.arange(1, months + 1)
    days = np.floor(m * DAYS_PER_MONTH).astype("int64")
    return pd.DataFrame(
        {
            "month": m.astype("int64"),
            "date": begin + pd.to_timedelta(days, unit="D"),
            "revenue": revenue,
            "costs": costs,
            "net": net,
            "cash": cash0 + np.cumsum(net),
        }
    )


def runway_months(
    cash,
    daily_cost,
    monthly_revenue=0.0,
    revenue_growth=0.0,
    other_monthly_costs=0.0,
    horizon_months: int = HORIZON_MONTHS,
):
    """Months (fractional) until cash reaches zero; ``inf`` when it never does in the horizon.

    Flows are spread evenly within a month, so the crossing month is interpolated linearly.
    Vectorised: array parameters broadcast and give an array of runways.
    """
    c = checked("cash", cash)
    revenue, costs = _flows(
        daily_cost, monthly_revenue, revenue_growth, other_monthly_costs, horizon_months
    )
    net = revenue - costs
    c, net = np.broadcast_arrays(c[..., None], net)
    end = c + np.cumsum(net, axis=-1)
    short = end < 0
    hit = short.any(axis=-1)
    first = np.argmax(short, axis=-1)
    opening = np.take_along_axis(end - net, first[..., None], axis=-1)[..., 0]
    flow = np.take_along_axis(net, first[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        within = np.where(hit, opening / -flow, 0.0)
    out = np.where(hit, first + within, np.inf)
    return float(out) if out.ndim == 0 else out


def runway(
    cash: float,
    daily_cost: float,
    monthly_revenue: float = 0.0,
    revenue_growth: float = 0.0,
    other_monthly_costs: float = 0.0,
    start="2023-11-01",
    horizon_months: int = HORIZON_MONTHS,
) -> dt.date | None:
    """The day the money runs out, or ``None`` if it does not within ``horizon_months``.

    With no revenue and no other costs this is ``start + cash / daily_cost`` days (rounded
    down to a whole day).
    """
    months = runway_months(
        cash, daily_cost, monthly_revenue, revenue_growth, other_monthly_costs, horizon_months
    )
    if np.ndim(months) != 0:
        raise ModelError("runway gives one date: give scalar parameters (see runway_months)")
    if not np.isfinite(months):
        return None
    days = int(np.floor(months * DAYS_PER_MONTH + 1e-9))
    return (_date(start, "start") + pd.Timedelta(days=days)).date()


def required_for_window(daily_cost, window_start, window_end, start="2023-11-01") -> pd.DataFrame:
    """Cash on hand (no revenue) that makes money run out between two dates.

    At a constant ``daily_cost`` money lasts ``cash / daily_cost`` days, so running out
    inside ``[window_start, window_end]`` needs ``daily_cost * days(start -> window_start)
    <= cash <= daily_cost * days(start -> window_end)``. One row per ``daily_cost``:
    ``daily_cost``, ``days_low``, ``days_high``, ``cash_low``, ``cash_high``.
    """
    begin = _date(start, "start")
    lo, hi = _date(window_start, "window_start"), _date(window_end, "window_end")
    if hi < lo:
        raise ModelError(f"window_end {window_end!r} comes before window_start {window_start!r}")
    if lo < begin:
        raise ModelError(f"window_start {window_start!r} comes before start {start!r}")
    d = np.atleast_1d(checked("daily_cost", daily_cost))
    days_low, days_high = (lo - begin).days, (hi - begin).days
    return pd.DataFrame(
        {
            "daily_cost": d,
            "days_low": np.full(d.shape, days_low, dtype="int64"),
            "days_high": np.full(d.shape, days_high, dtype="int64"),
            "cash_low": d * days_low,
            "cash_high": d * days_high,
        }
    )


def ratio(a, b):
    """``a / b``, refusing a zero or non-finite denominator (e.g. run-rate vs yearly cost)."""
    den = np.asarray(b, dtype=float)
    if np.any(den == 0) or np.any(~np.isfinite(den)):
        raise ModelError(f"cannot divide by {b!r}")
    out = np.asarray(a, dtype=float) / den
    return float(out) if out.ndim == 0 else out
