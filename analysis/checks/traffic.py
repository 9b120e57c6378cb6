"""Checks of the traffic sentence of house-divided-openai-chaos against its own numbers and the reported traffic.

"The most up-to-date visitor count we have access to comes from August 2023 at 1.43 million
visits, a roughly 20-percent decrease compared to the previous peak in just three months".
Every number here is read from the quantities frame through named claims
(:mod:`analysis.evidence.named`); the arithmetic is :mod:`analysis.models.visits`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.evidence.named import ClaimValue, claim
from analysis.models import visits
from analysis.models.reference import chatgpt_visits
from analysis.units import BILLION, MILLION, PERCENT

__all__ = [
    "CLAIMS",
    "TOLERANCE",
    "TrafficCheck",
    "answer",
    "check",
    "checks_table",
    "reference_change",
    "reference_table",
    "said",
    "users_per_month",
]

# "roughly N percent" read as N rounded to the nearest 5 points: within ±2.5 points.
# A percent stated without a hedge is read as rounded to the nearest point: ±0.5.
TOLERANCE = {"roughly": 0.025, "": 0.005}

CLAIMS = ("chatgpt_visits_peak", "chatgpt_visits_peak_month", "chatgpt_visits_latest",
          "chatgpt_visits_latest_month", "chatgpt_visits_decline_pct",
          "chatgpt_visits_decline_window")


@dataclass(frozen=True)
class TrafficCheck:
    """The sentence's parts as stated, and what they recompute to."""

    peak: ClaimValue
    peak_month: ClaimValue
    later: ClaimValue
    later_month: ClaimValue
    stated_change: ClaimValue
    stated_months: ClaimValue

    @property
    def change(self) -> float:
        """Recomputed change from the peak to the later count (a fraction, negative = fall)."""
        return visits.decline(self.peak.value, self.later.value)

    @property
    def claimed_change(self) -> float:
        """The stated change as a signed fraction: the sentence calls it a decrease."""
        return -self.stated_change.value / PERCENT

    @property
    def months(self) -> int:
        """Calendar months between the two stated months."""
        return visits.months_between(self.peak_month.date, self.later_month.date)

    @property
    def monthly_rate(self) -> float:
        """The steady monthly change that turns the peak into the later count."""
        return visits.monthly_rate(self.peak.value, self.later.value, self.months)

    @property
    def change_verdict(self) -> visits.Verdict:
        tol = TOLERANCE.get(self.stated_change.approx or "", TOLERANCE[""])
        return visits.check_claim(self.claimed_change, self.change, tol)

    @property
    def months_verdict(self) -> visits.Verdict:
        return visits.check_claim(self.stated_months.value, self.months, 0, unit="months")


def said(value: ClaimValue) -> str:
    """The words of a claim with its hedge ("roughly 20-percent")."""
    return f"{value.approx} {value.surface}" if value.approx else value.surface


def check(quantities: pd.DataFrame) -> TrafficCheck:
    """Look up the sentence's six parts in the quantities frame."""
    return TrafficCheck(*(claim(name, quantities) for name in CLAIMS))


def checks_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """What the article says, what its own numbers give, and whether the two agree."""
    c = check(quantities)
    rows = [
        ("change from peak", said(c.stated_change), f"{c.change * PERCENT:+.1f} %",
         c.change_verdict.holds, c.stated_change.cite()),
        ("months between the two counts", c.stated_months.surface, f"{c.months}",
         c.months_verdict.holds, c.stated_months.cite()),
        ("average monthly change", "(not stated)", f"{c.monthly_rate * PERCENT:+.1f} % a month",
         pd.NA, c.later.cite()),
    ]
    out = pd.DataFrame(rows, columns=["check", "article_says", "its_numbers_give", "holds",
                                      "source"])
    out["holds"] = out["holds"].astype("boolean")
    return out.set_index("check")


def answer(quantities: pd.DataFrame) -> str:
    """The notebook's one-sentence answer, computed from the frames."""
    c = check(quantities)
    pct = "holds" if c.change_verdict.holds else "does not hold"
    span = "holds" if c.months_verdict.holds else "does not hold"
    return (
        f"The percentage {pct}: {c.peak.surface} to {c.later.surface} is "
        f"{c.change * PERCENT:+.1f} % (\u201c{said(c.stated_change)}\u201d), but the span "
        f"{span}: {c.peak_month.surface} to {c.later_month.surface} is {c.months} months, not "
        f"\u201c{c.stated_months.surface}\u201d; analytics firms counted billions, not millions."
    )


def reference_table(quantities: pd.DataFrame, reference: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """The reported monthly visits beside the article's two counts, month by month.

    ``article_visits`` is the article's count for that month (if it gives one);
    ``reported_per_article`` divides the reported count by it: about a thousand means the
    article's "million" stands for the firms' "billion".
    """
    ref = chatgpt_visits() if reference is None else reference
    c = check(quantities)
    stated = {c.peak_month.date: c.peak, c.later_month.date: c.later}
    out = pd.DataFrame({
        "month": ref["month"],
        "reported_visits_bn": ref["visits"] / BILLION,
        "basis": ref["basis"],
        "firm": ref["firm"],
    })
    out["article_visits_m"] = pd.array(
        [stated[m].value / MILLION if m in stated else None for m in ref["month"]],
        dtype="Float64")
    out["reported_per_article"] = (
        ref["visits"].to_numpy() / (out["article_visits_m"] * MILLION)).round(0)
    out["source"] = ref["source_title"] + " <" + ref["source_url"] + ">"
    return out.set_index("month")


def reference_change(quantities: pd.DataFrame, reference: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """The fall to the article's later month from each earlier reported month, as the firms
    counted it: which start month would make the stated span and percentage both right."""
    ref = chatgpt_visits() if reference is None else reference
    later_month = check(quantities).later_month.date
    later = float(ref.loc[ref["month"] == later_month, "visits"].iloc[0])
    earlier = ref[ref["month"] < later_month]
    return pd.DataFrame({
        "from_month": earlier["month"].to_numpy(),
        "months": [visits.months_between(m, later_month) for m in earlier["month"]],
        "change_pct": [visits.decline(v, later) * PERCENT for v in earlier["visits"]],
    }).round(1).set_index("from_month")


def users_per_month(quantities: pd.DataFrame) -> pd.DataFrame:
    """'100 million active users in two months' as users gained per month."""
    users, months = claim("chatgpt_users_milestone", quantities), claim("chatgpt_users_milestone_time", quantities)
    return pd.DataFrame({
        "article_says": [f"{users.surface} in {months.surface}"],
        "users_per_month_m": [users.value / months.value / MILLION],
        "source": [users.cite()],
    })
