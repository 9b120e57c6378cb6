"""The running costs and runway of house-divided-openai-chaos, checked against its own numbers and
sora-app-wind-down-spud's.

"OpenAI spends between $100,000 and $700,000 a day to run their applications" and "If their
burn rate remains as is, they can run out of money anywhere between the end of 2024 and
2025" (house-divided-openai-chaos, November 2023); "$1.3 billion in revenue by the end of 2023" (house-divided-openai-chaos); a
"$5.2 billion annual run-rate" (sora-app-wind-down-spud, undated, later). Numbers come from named claims
(:mod:`analysis.evidence.named`); the arithmetic is :mod:`analysis.models.burn`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.evidence.named import claim
from analysis.extract.timeline import period
from analysis.models import burn

__all__ = [
    "ILLUSTRATIVE_CASH",
    "Runway",
    "answer",
    "as_of",
    "cost_per_period",
    "defaults",
    "other_costs_needed",
    "required_cash",
    "runway_window",
    "yearly_figures",
]

MONTHS_PER_YEAR = 12
# Cash levels for the "what would have to be true" table. Illustrative only: no article
# says how much cash OpenAI held, so the table shows the answer for a spread of levels.
ILLUSTRATIVE_CASH = (1e9, 5e9, 10e9)
CLAIMS = ("daily_running_cost", "runway_window", "revenue_expected", "run_rate_annual",
          "altman_dismissal_weekend")
# What each figure measures and when: they are not the same kind of money.
MEASURES = {
    "daily_running_cost": ("cost of running the applications (servers), per day, scaled to a "
                           "year", "2023, as the article was written"),
    "revenue_expected": ("revenue expected for the whole of 2023: money coming in", "2023"),
    "run_rate_annual": ("an \"annual run-rate\", as the article calls it, beside operating costs "
                        "and without saying of what; read here as the usual revenue run-rate (a "
                        "recent month's revenue times twelve), an interpretation",
                        "undated report about the Sora app wind-down (notebook 06 dates it by "
                        "what it names)"),
}


@dataclass(frozen=True)
class Runway:
    """The article's window for running out of money, and the day it was written from."""

    start: dt.date
    window_start: dt.date
    window_end: dt.date


def as_of(quantities: pd.DataFrame) -> dt.date:
    """The day house-divided-openai-chaos speaks from: the weekend of turmoil it was written just after."""
    _, start, _ = period(claim("altman_dismissal_weekend", quantities).date)
    return start.date()


def runway_window(quantities: pd.DataFrame) -> Runway:
    """"between the end of 2024 and 2025" as first and last day, from the article's date."""
    _, lo, hi = period(claim("runway_window", quantities).date)
    return Runway(as_of(quantities), lo.date(), (hi - pd.Timedelta(days=1)).date())


def _cost_bounds(quantities: pd.DataFrame) -> np.ndarray:
    cost = claim("daily_running_cost", quantities)
    return np.array([cost.low, cost.high])


def cost_per_period(quantities: pd.DataFrame) -> pd.DataFrame:
    """The daily running cost's low and high end per day, month and year (USD)."""
    out = burn.per_period(_cost_bounds(quantities))
    out.index = pd.Index(["low end", "high end"], name="daily_running_cost")
    return out


def yearly_figures(quantities: pd.DataFrame) -> pd.DataFrame:
    """The three money figures on one yearly scale, what each measures, and their ratios."""
    yearly_cost = burn.per_period(_cost_bounds(quantities))["per_year"].to_numpy()
    revenue, run_rate = claim("revenue_expected", quantities), claim("run_rate_annual", quantities)
    cost = claim("daily_running_cost", quantities)
    rows = [
        ("running cost, low end", cost.surface, yearly_cost[0], *MEASURES["daily_running_cost"],
         cost.cite()),
        ("running cost, high end", cost.surface, yearly_cost[1],
         *MEASURES["daily_running_cost"], cost.cite()),
        ("revenue expected for 2023", revenue.surface, revenue.value, *MEASURES["revenue_expected"],
         revenue.cite()),
        ("annual run-rate", run_rate.surface, run_rate.value, *MEASURES["run_rate_annual"],
         run_rate.cite()),
    ]
    out = pd.DataFrame(rows, columns=["figure", "article_says", "usd_per_year", "measures",
                                      "when", "source"]).set_index("figure")
    out["times_high_running_cost"] = burn.ratio(out["usd_per_year"], yearly_cost[1]).round(1)
    out["times_2023_revenue"] = burn.ratio(out["usd_per_year"], revenue.value).round(2)
    return out


def required_cash(quantities: pd.DataFrame) -> pd.DataFrame:
    """Cash on hand (no revenue, no other costs) that makes the money run out in the window."""
    w = runway_window(quantities)
    out = burn.required_for_window(_cost_bounds(quantities), w.window_start, w.window_end,
                                   start=w.start)
    out.index = pd.Index(["low end", "high end"], name="daily_running_cost")
    return out


def other_costs_needed(quantities: pd.DataFrame, cash=ILLUSTRATIVE_CASH) -> pd.DataFrame:
    """Other monthly costs (beyond running the applications) that, with the article's 2023
    revenue and its high-end running cost, make money run out inside the window.

    Money lasts ``cash / net_burn`` months, so the window needs a net monthly burn between
    ``cash / months_to_window_end`` and ``cash / months_to_window_start``; other costs are
    that burn plus revenue minus running cost.
    """
    w = runway_window(quantities)
    req = required_cash(quantities).iloc[-1]
    months_low = req["days_low"] / burn.DAYS_PER_MONTH
    months_high = req["days_high"] / burn.DAYS_PER_MONTH
    revenue = claim("revenue_expected", quantities).value / MONTHS_PER_YEAR
    running = req["daily_cost"] * burn.DAYS_PER_MONTH
    c = np.asarray(cash, dtype=float)
    out = pd.DataFrame({
        "cash": c,
        "net_burn_low": c / months_high,
        "net_burn_high": c / months_low,
    })
    out["other_costs_low"] = out["net_burn_low"] + revenue - running
    out["other_costs_high"] = out["net_burn_high"] + revenue - running
    out.attrs["window"] = w
    return out


def break_even_other_costs(quantities: pd.DataFrame) -> float:
    """Monthly other costs at which the article's revenue just covers all costs (high end)."""
    revenue = claim("revenue_expected", quantities).value / MONTHS_PER_YEAR
    return float(revenue - _cost_bounds(quantities)[1] * burn.DAYS_PER_MONTH)


def break_even_text(quantities: pd.DataFrame) -> str:
    """:func:`break_even_other_costs` as a reader reads it: "$87 million a month"."""
    from analysis.formats import number

    return f"${number(break_even_other_costs(quantities))} a month"


def defaults(quantities: pd.DataFrame) -> dict:
    """The what-if's starting point: the article's reading of its own sentence.

    "If their burn rate remains as is": the high-end daily cost, no revenue, no other costs,
    and the cash that puts the runway in the middle of the window.
    """
    req = required_cash(quantities).iloc[-1]
    return {
        "daily_cost": float(req["daily_cost"]),
        "monthly_revenue": 0.0,
        "revenue_growth": 0.0,
        "other_monthly_costs": 0.0,
        "cash": float((req["cash_low"] + req["cash_high"]) / 2),
        "start": as_of(quantities),
    }


def answer(quantities: pd.DataFrame) -> str:
    """The notebook's one-sentence answer, computed from the frames."""
    per = cost_per_period(quantities)
    req = required_cash(quantities)
    revenue = claim("revenue_expected", quantities)
    fig = yearly_figures(quantities)
    return (
        f"The running cost is ${per['per_month'].iloc[0] / 1e6:,.0f}–"
        f"{per['per_month'].iloc[-1] / 1e6:,.0f} million a month "
        f"(${per['per_year'].iloc[0] / 1e6:,.0f}–{per['per_year'].iloc[-1] / 1e6:,.0f} million a "
        f"year); it empties the till inside the window only if OpenAI held between "
        f"${req['cash_low'].min() / 1e6:,.0f} and ${req['cash_high'].max() / 1e6:,.0f} million "
        f"and earned nothing, while the same article expects {revenue.surface} in revenue, "
        f"{fig.loc['revenue expected for 2023', 'times_high_running_cost']:.1f} times the "
        f"highest yearly running cost."
    )
