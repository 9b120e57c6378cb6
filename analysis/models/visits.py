"""The arithmetic of a traffic claim: a peak, a later count, and the change between them.

house-divided-openai-chaos says ChatGPT peaked at 1.8 million visits in April and had 1.43 million in
August 2023, "a roughly 20-percent decrease … in just three months". These functions
recompute each part of such a sentence (the change, the months it spans, the average
monthly rate, the path between the two points) so a notebook can check it, and read the
reference traffic that web-analytics firms published (``data/reference/``).

All functions are pure; the numeric ones accept numpy arrays where a scalar is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.models.inputs import checked

__all__ = [
    "Verdict",
    "check_claim",
    "decline",
    "monthly_rate",
    "months_between",
    "path",
]


def _visits(name: str, value) -> np.ndarray:
    return checked(name, value, positive=True, noun="number of visits")


def _scalar_or_array(arr: np.ndarray):
    return float(arr) if arr.ndim == 0 else arr


def decline(peak, later):
    """Relative change from ``peak`` to ``later`` as a fraction: 1.8 -> 1.43 gives -0.2056.

    Negative means a fall. The unit cancels, so millions and billions give the same answer.
    """
    return _scalar_or_array(_visits("later", later) / _visits("peak", peak) - 1.0)


def _period(month) -> pd.Period:
    try:
        return pd.Period(month, freq="M")
    except (ValueError, TypeError) as exc:
        raise ModelError(f"{month!r} is not a month like '2023-04'") from exc


def months_between(start, end) -> int:
    """Whole calendar months from ``start`` to ``end`` ("2023-04" to "2023-08" is 4)."""
    return int((_period(end) - _period(start)).n)


def monthly_rate(peak, later, months):
    """Compound average monthly change that turns ``peak`` into ``later`` over ``months``.

    ``(later / peak) ** (1 / months) - 1``: the constant rate a steady decline would need.
    """
    m = np.asarray(months, dtype=float)
    if np.any(~np.isfinite(m)) or np.any(m <= 0):
        raise ModelError(f"months must be positive, got {months!r}")
    ratio = _visits("later", later) / _visits("peak", peak)
    return _scalar_or_array(ratio ** (1.0 / m) - 1.0)


def path(peak: float, later: float, start_month, end_month) -> pd.DataFrame:
    """Monthly visits between two observations, interpolated geometrically.

    One row per calendar month from ``start_month`` to ``end_month`` inclusive: ``month``
    ("yyyy-mm"), ``step`` (months since the start) and ``visits`` = ``peak * (1 + r) ** step``
    with ``r`` the :func:`monthly_rate`. The end points are the observations themselves;
    the months between are what a steady compound change would give, not data.
    """
    n = months_between(start_month, end_month)
    if n <= 0:
        raise ModelError(f"end month {end_month!r} must come after start month {start_month!r}")
    rate = monthly_rate(peak, later, n)
    step = np.arange(n + 1)
    visits = float(peak) * (1.0 + rate) ** step
    visits[-1] = float(later)  # exact, not peak * (later/peak) with rounding
    months = pd.period_range(_period(start_month), periods=n + 1, freq="M")
    return pd.DataFrame(
        {
            "month": pd.array(months.strftime("%Y-%m"), dtype="string"),
            "step": step.astype("int64"),
            "visits": visits,
            "interpolated": (step > 0) & (step < n),
        }
    )


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a stated number against a recomputed one."""

    claimed: float
    actual: float
    tolerance: float
    unit: str = "fraction"

    @property
    def difference(self) -> float:
        """``actual - claimed``, in the claim's unit."""
        return self.actual - self.claimed

    @property
    def holds(self) -> bool:
        """Whether the recomputed value is within ``tolerance`` of the claim."""
        # A hair of slack so a boundary case is not decided by float rounding.
        return abs(self.difference) <= self.tolerance + 1e-12

    def _fmt(self, x: float) -> str:
        if self.unit == "fraction":
            return f"{x * 100:+.1f} %"
        return f"{x:g} {self.unit}".rstrip()

    def __str__(self) -> str:
        word = "holds" if self.holds else "does not hold"
        tol = (
            f"{self.tolerance * 100:.1f} points"
            if self.unit == "fraction"
            else self._fmt(self.tolerance)
        )
        return (
            f"{word}: claimed {self._fmt(self.claimed)}, recomputed {self._fmt(self.actual)} "
            f"(tolerance ±{tol})"
        )


def check_claim(claimed: float, actual: float, tolerance: float, unit: str = "fraction") -> Verdict:
    """Compare a stated value with a recomputed one.

    For a change, give fractions with their sign ("a roughly 20-percent decrease" is
    ``-0.20``) and a tolerance in fraction points (``0.025`` for "roughly", i.e. rounded to
    the nearest 5 %). For counts (months, visits) pass ``unit`` and a tolerance in that unit.
    """
    values = {"claimed": claimed, "actual": actual, "tolerance": tolerance}
    for name, v in values.items():
        if not isinstance(v, int | float | np.number) or not math.isfinite(v):
            raise ModelError(f"{name} must be a finite number, got {v!r}")
    if tolerance < 0:
        raise ModelError(f"tolerance must not be negative, got {tolerance!r}")
    return Verdict(float(claimed), float(actual), float(tolerance), unit)
