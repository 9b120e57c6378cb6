"""The check every model runs on its numeric inputs before any arithmetic."""

from __future__ import annotations

import numpy as np

from analysis.errors import ModelError

__all__ = ["checked"]


def checked(name: str, value, *, positive: bool = False, noun: str = "number") -> np.ndarray:
    """``value`` as a float array, or a ModelError naming the input when any element is not
    finite or is below zero (``positive``: zero or below)."""
    arr = np.asarray(value, dtype=float)
    bad = arr <= 0 if positive else arr < 0
    if np.any(~np.isfinite(arr)) or np.any(bad):
        need = f"a positive {noun}" if positive else f"a finite {noun} >= 0"
        raise ModelError(f"{name} must be {need}, got {value!r}")
    return arr
