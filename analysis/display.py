"""How the notebooks show tables: numbers for people, gaps as "–", whole sentences, no math.

:func:`setup` (called by every notebook's first cell through
:func:`analysis.processed.setup_display`) sets pandas' display options and registers a
formatter with IPython, so a frame that ends a cell is shown with :func:`number` for its
numbers and "–" for missing values, in HTML that JupyterLab never typesets as LaTeX
(``$100,000 and $700,000`` in one cell would otherwise become math). The frames themselves
keep their values; only what is drawn changes.
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["MISSING", "OPTIONS", "number", "setup", "table_html", "table_text"]

MISSING = "–"
OPTIONS = {
    "display.max_rows": 500,
    "display.max_columns": 40,
    # Whole sentences: JupyterLab wraps table cells, so nothing is cut at a fixed width.
    "display.max_colwidth": None,
    "display.width": 160,
    # Marks pandas' tables with tex2jax_ignore/mathjax_ignore, so Lab leaves "$" alone.
    "display.html.use_mathjax": False,
}
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


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as display text: numbers through :func:`number`, every gap as "–"."""
    out = pd.DataFrame(index=frame.index)
    for i, column in enumerate(frame.columns):
        values = frame.iloc[:, i]
        if pd.api.types.is_bool_dtype(values.dtype):
            text = [MISSING if pd.isna(v) else str(bool(v)) for v in values]
        elif pd.api.types.is_numeric_dtype(values.dtype):
            text = [number(v) for v in values]
        else:
            text = [MISSING if _missing(v) else str(v) for v in values]
        out.insert(i, column, text, allow_duplicates=True)
    return out


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


def table_html(frame: pd.DataFrame) -> str:
    """The frame as the notebooks show it in HTML (escaped, never typeset as math)."""
    with pd.option_context(*_flat(OPTIONS)):
        return _cells(frame).to_html(notebook=True, escape=True,
                                     max_rows=OPTIONS["display.max_rows"],
                                     max_cols=OPTIONS["display.max_columns"])


def table_text(frame: pd.DataFrame) -> str:
    """The frame as plain text with the same numbers as :func:`table_html`."""
    return _cells(frame).to_string(max_rows=OPTIONS["display.max_rows"],
                                   max_cols=OPTIONS["display.max_columns"])


def _flat(options: dict) -> list:
    return [item for pair in options.items() for item in pair]


def setup() -> None:
    """Set pandas' options and, inside IPython, show every frame through this module."""
    for key, value in OPTIONS.items():
        pd.set_option(key, value)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, table_html)
    formatters["text/plain"].for_type(
        pd.DataFrame, lambda frame, printer, cycle: printer.text(table_text(frame)))
