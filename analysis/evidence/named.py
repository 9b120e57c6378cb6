"""Named claims: find an article's number by what it is, never by typing it.

A notebook asks ``claim("chatgpt_visits_peak")`` and gets the value the extractor read
from the article, with the sentence and character offsets it came from. The registry
(:data:`analysis.evidence.registry.NAMED_NUMBERS`) maps each name to a *selector* over
the quantities frame (which article, what kind
of quantity, which sentence), not to a value: if the text or the extractor changes, the
number shown changes with it, and a selector that stops matching exactly one row fails
loudly instead of showing a stale number.

The quantities frame (``data/processed/quantities.parquet``, written by
``python -m analysis build``) has the columns article, paragraph, start, end, surface,
kind, value, low, high, unit, per, approx, date, of, sentence, is_boilerplate.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import AnalysisError, ProcessedDataMissing

QUANTITIES_PARQUET = paths.PROCESSED / "quantities.parquet"

__all__ = [
    "ClaimLookupError",
    "ClaimValue",
    "ProcessedDataMissing",
    "Selector",
    "claim",
    "claims_table",
    "load_quantities",
    "select",
]

class ClaimLookupError(AnalysisError, KeyError):
    """A claim name that is not registered, or whose selector does not match exactly one row."""

    def __str__(self) -> str:  # KeyError would quote the message; keep the house format
        return AnalysisError.__str__(self)


@dataclass(frozen=True)
class Selector:
    """Which quantities row a claim is: every given field must match.

    ``article`` is an article id or a glob over ids; ``kind``/``unit``/``per`` are one
    value or a tuple of accepted values; ``sentence`` and ``surface`` are regular
    expressions searched case-insensitively. ``nth`` picks the n-th match (in text order)
    when a sentence holds two numbers of the same kind ("650 out of 770"); ``merge``
    joins all matches into one range when the extractor splits one ("between $100,000
    and $700,000"). ``field`` names the column the number is read from: ``"value"``, or
    ``"of"`` for the whole in "650 out of 770". Boilerplate rows (page furniture) match only
    with ``boilerplate=True``.
    """

    description: str
    article: str | None = None
    kind: str | tuple[str, ...] | None = None
    unit: str | tuple[str, ...] | None = None
    per: str | tuple[str, ...] | None = None
    sentence: str | None = None
    surface: str | None = None
    nth: int | None = None
    merge: bool = False
    boilerplate: bool = False
    field: str = "value"


@dataclass(frozen=True)
class ClaimValue:
    """One number from an article, with where it came from."""

    name: str
    value: float
    low: float
    high: float
    unit: str | None
    per: str | None
    date: str | None
    kind: str | None
    approx: str | None
    surface: str
    sentence: str
    article: str
    start: int
    end: int
    description: str = ""
    rows: tuple[int, ...] = field(default=(), repr=False)

    def cite(self) -> str:
        """``article:start-end “sentence”``: enough to find the words in the source file."""
        return f"{self.article}:{self.start}-{self.end} \u201c{self.sentence}\u201d"

    def __float__(self) -> float:
        return float(self.value)


# --------------------------------------------------------------------------- loading

_cache: dict[Path, tuple[float, pd.DataFrame]] = {}


def load_quantities(path: str | Path | None = None) -> pd.DataFrame:
    """The processed quantities frame (cached until the file changes)."""
    p = Path(path) if path is not None else QUANTITIES_PARQUET
    if not p.exists():
        raise ProcessedDataMissing(
            "no processed quantities: run `python -m analysis build` first", file=p
        )
    mtime = p.stat().st_mtime
    hit = _cache.get(p)
    if hit is None or hit[0] != mtime:
        hit = (mtime, pd.read_parquet(p))
        _cache[p] = hit
    return hit[1]


# --------------------------------------------------------------------------- matching


def _isin(series: pd.Series, wanted: str | tuple[str, ...]) -> pd.Series:
    accepted = (wanted,) if isinstance(wanted, str) else tuple(wanted)
    return series.astype("string").isin(accepted).fillna(False).astype(bool)


def _search(series: pd.Series, pattern: str) -> pd.Series:
    return series.astype("string").str.contains(pattern, case=False, regex=True).fillna(False)


def select(quantities: pd.DataFrame, selector: Selector) -> pd.DataFrame:
    """All rows of ``quantities`` the selector matches, in text order (before ``nth``)."""
    q = quantities
    mask = pd.Series(True, index=q.index)
    if not selector.boilerplate and "is_boilerplate" in q:
        mask &= ~q["is_boilerplate"].astype("boolean").fillna(False).astype(bool)
    if selector.article is not None:
        ids = q["article"].astype("string")
        if any(ch in selector.article for ch in "*?["):
            mask &= ids.map(lambda a: fnmatch.fnmatchcase(str(a), selector.article)).astype(bool)
        else:
            mask &= (ids == selector.article).fillna(False).astype(bool)
    for column in ("kind", "unit", "per"):
        wanted = getattr(selector, column)
        if wanted is not None:
            mask &= _isin(q[column], wanted)
    if selector.sentence is not None:
        mask &= _search(q["sentence"], selector.sentence)
    if selector.surface is not None:
        mask &= _search(q["surface"], selector.surface)
    return q[mask.astype(bool)].sort_values(["article", "start", "end"], kind="stable")


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _number(value) -> float:
    if value is None or pd.isna(value):
        return math.nan
    return float(value)


def _from_rows(name: str, sel: Selector, rows: pd.DataFrame) -> ClaimValue:
    first = rows.iloc[0]
    if len(rows) == 1:
        if sel.field == "value":
            value, low, high = (_number(first[c]) for c in ("value", "low", "high"))
        else:
            value = low = high = _number(first[sel.field])
        # A point value is its own range, so low/high are always usable.
        low = value if math.isnan(low) else low
        high = value if math.isnan(high) else high
        date, surface = _text(first["date"]), str(first["surface"])
    else:  # merge: one claim spanning several extracted pieces
        lows = pd.concat([rows["low"], rows["value"]]).astype("Float64")
        highs = pd.concat([rows["high"], rows["value"]]).astype("Float64")
        low, high = _number(lows.min()), _number(highs.max())
        value = math.nan
        dates = [d for d in (_text(x) for x in rows["date"]) if d]
        date = f"{dates[0]}/{dates[-1]}" if len(dates) > 1 else (dates[0] if dates else None)
        surface = " \u2026 ".join(str(s) for s in rows["surface"])
    return ClaimValue(
        name=name,
        value=value,
        low=low,
        high=high,
        unit=_text(first["unit"]),
        per=_text(first["per"]),
        date=date,
        kind=_text(first["kind"]),
        approx=_text(first.get("approx")),
        surface=surface,
        sentence=str(first["sentence"]),
        article=str(first["article"]),
        start=int(rows["start"].min()),
        end=int(rows["end"].max()),
        description=sel.description,
        rows=tuple(int(i) for i in rows.index),
    )


def claim(
    name: str,
    quantities: pd.DataFrame | None = None,
    registry: dict[str, Selector] | None = None,
) -> ClaimValue:
    """The number a named claim stands for, with its sentence and offsets.

    Raises :class:`ClaimLookupError` when the name is unknown or its selector matches no
    row or several rows (the message names the claim and the count).
    """
    reg = _default(registry)
    if name not in reg:
        raise ClaimLookupError(f"unknown claim {name!r}; known: {', '.join(sorted(reg))}")
    sel = reg[name]
    q = load_quantities() if quantities is None else quantities
    rows = select(q, sel)
    if sel.nth is not None:
        if not -len(rows) <= sel.nth < len(rows):
            raise ClaimLookupError(
                f"claim {name!r} wants match #{sel.nth} but its selector matched {len(rows)} rows"
            )
        rows = rows.iloc[[sel.nth]]
    if sel.merge and len(rows) > 1 and rows["sentence"].nunique() > 1:
        raise ClaimLookupError(
            f"claim {name!r} matched {len(rows)} rows in {rows['sentence'].nunique()} "
            "sentences; a merged claim must come from one sentence"
        )
    if len(rows) == 0 or (len(rows) > 1 and not sel.merge):
        where = (
            ""
            if rows.empty
            else ": "
            + ", ".join(
                f"{a}:{s}-{e} {sf!r}"
                for a, s, e, sf in rows[["article", "start", "end", "surface"]].itertuples(
                    index=False
                )
            )
        )
        raise ClaimLookupError(
            f"claim {name!r} must match exactly one quantity, matched {len(rows)}{where}"
        )
    return _from_rows(name, sel, rows)


# The columns of claims_table after "claim", each a field of ClaimValue.
TABLE_FIELDS = ("description", "surface", "value", "low", "high", "unit", "per", "date",
                "article", "start", "end", "sentence")


def _default(registry: dict[str, Selector] | None) -> dict[str, Selector]:
    """The suite's named numbers (evidence.registry) unless a registry is given."""
    if registry is not None:
        return registry
    from analysis.evidence.registry import NAMED_NUMBERS

    return NAMED_NUMBERS


def claims_table(
    names: Iterable[str],
    quantities: pd.DataFrame | None = None,
    registry: dict[str, Selector] | None = None,
) -> pd.DataFrame:
    """One row per named claim: its number beside the sentence it came from."""
    q = load_quantities() if quantities is None else quantities
    values = [claim(n, q, registry) for n in names]
    fields = {"claim": "name", **{f: f for f in TABLE_FIELDS}}
    frame = pd.DataFrame({column: [getattr(v, attr) for v in values]
                          for column, attr in fields.items()})
    text_cols = ["claim", "description", "surface", "unit", "per", "date", "article", "sentence"]
    frame[text_cols] = frame[text_cols].astype("string")
    frame[["value", "low", "high"]] = frame[["value", "low", "high"]].astype("Float64")
    frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
    return frame
