"""The timeline: every dated mention as a period with a start, an end and a precision.

:func:`events` turns the date rows of the quantities frame into one row per dated mention,
in time order, each with the claim (attribution, certainty grade) whose sentence holds it;
:func:`period` reads one ISO date at its precision (``2015-12``, ``2024-H1``, ``196X``,
``a/b`` ranges) into its start and exclusive end.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.extract.spans import Spans
from analysis.frames.schema import EVENT_PRECISIONS, FRAMES

__all__ = ["PRECISIONS", "events", "period"]


PRECISIONS = EVENT_PRECISIONS


def period(date: str) -> tuple[str | None, pd.Timestamp | None, pd.Timestamp | None]:
    """(precision, start, end) of an ISO date as written at its precision.

    ``end`` is exclusive, the first instant after the period ("2024" -> 2024-01-01 to
    2025-01-01), so a bar from start to end covers the period. Forms: ``yyyy``, ``yyyy-mm``,
    ``yyyy-mm-dd``, ``yyyy-Qn``, ``yyyy-Hn``, decades ``196X`` or ``1960s``, centuries
    ``19XX``, and ``a/b`` (from a's start to b's end, at the coarser precision). Anything else: (None, None, None).
    """
    date = (date or "").strip()
    if "/" in date:
        a, _, b = date.partition("/")
        pa, sa, _ = period(a)
        pb, _, eb = period(b)
        if pa is None or pb is None:
            return None, None, None
        return min(pa, pb, key=PRECISIONS.index), sa, eb
    if m := re.fullmatch(r"(\d{2})XX", date):
        start = pd.Timestamp(year=max(int(m.group(1)) * 100, 1), month=1, day=1)
        return "century", start, start + pd.DateOffset(years=100)
    if m := re.fullmatch(r"(\d{3})(?:0s|X)", date):
        start = pd.Timestamp(year=int(m.group(1)) * 10, month=1, day=1)
        return "decade", start, start + pd.DateOffset(years=10)
    if m := re.fullmatch(r"(\d{4})", date):
        start = pd.Timestamp(year=int(m.group(1)), month=1, day=1)
        return "year", start, start + pd.DateOffset(years=1)
    if m := re.fullmatch(r"(\d{4})-H([12])", date):
        start = pd.Timestamp(year=int(m.group(1)), month=6 * int(m.group(2)) - 5, day=1)
        return "half", start, start + pd.DateOffset(months=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", date):
        start = pd.Timestamp(year=int(m.group(1)), month=3 * int(m.group(2)) - 2, day=1)
        return "quarter", start, start + pd.DateOffset(months=3)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", date):
        try:
            start = pd.Timestamp(year=int(m.group(1)), month=int(m.group(2)), day=1)
        except ValueError:
            return None, None, None
        return "month", start, start + pd.DateOffset(months=1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        try:
            start = pd.Timestamp(date)
        except ValueError:
            return None, None, None
        return "day", start, start + pd.Timedelta(days=1)
    return None, None, None


def events(quantities: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per dated mention: quantities of kind "date" with a non-empty date.

    Attribution and grade come from the claim whose sentence holds the mention (``<NA>``
    without ``claims``). Sorted by date_start (undated last), then article and start.
    """
    q = quantities
    if q is None or q.empty:
        return FRAMES["events"].empty()
    # Rows of kind "date" first (a cheap test that keeps few rows), then the date tests.
    q = q[(q["kind"] == "date").to_numpy(dtype=bool, na_value=False)]
    dated = q[(q["kind"].astype("string") == "date") & q["date"].notna()
              & (q["date"].astype("string").str.strip() != "")]
    if dated.empty:
        return _no_events().copy()
    columns = {name: dated[name] if name in dated.columns else [default] * len(dated)
               for name, default in (("article", None), ("date", None), ("start", None),
                                     ("end", None), ("surface", None), ("sentence", None),
                                     ("paragraph", None), ("is_boilerplate", False))}
    find = _claim_finder(claims)
    rows = []
    for article, date, r_start, r_end, surface, sentence, paragraph, boiler in zip(
            *columns.values(), strict=True):
        precision, start, end = period(str(date))
        claim = find(str(article), int(r_start))
        if (sentence is None or pd.isna(sentence)) and claim is not None:
            sentence = claim["sentence"]
        rows.append({
            "article": article, "paragraph": paragraph, "date": str(date),
            "precision": precision, "date_start": start, "date_end": end,
            "surface": surface, "sentence": sentence, "start": int(r_start), "end": int(r_end),
            "attribution": None if claim is None else claim["attribution"],
            "grade": None if claim is None else claim["grade"],
            "is_boilerplate": bool(boiler),
        })
    frame = FRAMES["events"].typed(pd.DataFrame(rows, columns=FRAMES["events"].names))
    frame = frame.sort_values(["date_start", "article", "start"], kind="stable", na_position="last")
    return frame.reset_index(drop=True)


_NO_EVENTS: list[pd.DataFrame] = []


def _no_events() -> pd.DataFrame:
    """The events frame of quantities with no dated mention (built once, copied)."""
    if not _NO_EVENTS:
        frame = FRAMES["events"].empty()
        frame = frame.sort_values(["date_start", "article", "start"], kind="stable",
                                  na_position="last")
        _NO_EVENTS.append(frame.reset_index(drop=True))
    return _NO_EVENTS[0]


def _claim_finder(claims: pd.DataFrame | None):
    """find(article, start): the claim whose sentence holds that offset, or None; the claims
    frame's article and offset columns are read once."""
    if claims is None or claims.empty:
        return lambda article, start: None
    index: dict = {}
    for i, (a, s, e) in enumerate(zip(claims["article"].tolist(), claims["start"].tolist(),
                                      claims["end"].tolist(), strict=True)):
        if not (pd.isna(a) or pd.isna(s) or pd.isna(e)):
            index.setdefault(a, []).append((s, e, i))

    # Found by offset: an article of thousands of claims and dates would otherwise cost
    # their product.
    spans = {a: Spans(rows) for a, rows in index.items()}

    def find(article: str, start: int) -> pd.Series | None:
        found = spans[article].containing(start) if article in spans else None
        return claims.iloc[found[2]] if found is not None else None
    return find
