"""How numbers are written for people: one rule for tables, answers and axis labels."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["MISSING", "number"]

MISSING = "–"
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(x) -> str:
    """A number as a reader writes it: 2023 · 36,460 · 49.15 · 3.04 million · 2.1×10²⁵.

    Four-digit whole numbers keep no separator (years read as years); from 10,000 up
    thousands are separated, from a million up a scale word takes over.

    Missing values (None, NaN, pd.NA) give "–"; booleans and non-numbers are returned as text.
    """
    if x is None or x is pd.NA:
        return MISSING
    if isinstance(x, bool):
        return str(x)
    if not isinstance(x, int | float):
        try:
            x = float(x)
        except (TypeError, ValueError):
            return str(x)
    if isinstance(x, float) and math.isnan(x):
        return MISSING
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    magnitude = abs(x)
    if magnitude >= 1e15 or (0 < magnitude < 1e-3):
        mantissa, exponent = f"{x:.2e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    for scale, word in _SCALES:
        if magnitude >= scale:
            return f"{x / scale:.3g} {word}"
    if magnitude >= 10_000:
        return f"{x:,.0f}"
    if magnitude >= 1000 or float(x).is_integer():
        return f"{x:.0f}"
    return f"{x:.4g}"
