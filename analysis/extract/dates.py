"""Dates as news text writes them: completed from a base date, and how each was completed.

:func:`date_of` reads the date groups of a quantity match (month names, ISO and slashed
forms, quarters and halves, fiscal years, decades, relative phrases) into an ISO date at its
precision and a ``date_flag`` saying how it was completed; :func:`shift` moves a base date by
a relative amount ("3h ago", "last quarter"). The regular expressions that find dates live
with the rest of the number grammar in :mod:`analysis.extract.quantities`.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from analysis.extract import lexicon as nb

__all__ = ["FLAG_AMBIGUOUS", "FLAG_FISCAL", "FLAG_RELATIVE", "FLAG_UNRESOLVED",
           "FLAG_YEAR_FROM_BASE", "date_of", "parse_base", "shift"]

FLAG_YEAR_FROM_BASE = "year_from_base"  # "17 November": year taken from base_date
FLAG_RELATIVE = "relative"  # "last year", "3h ago": resolved against base_date
FLAG_UNRESOLVED = "unresolved"  # needs a base_date (or a finer one) that was not given
FLAG_FISCAL = "fiscal_year"  # FY2024: the company's year, not the calendar's
FLAG_AMBIGUOUS = "ambiguous"  # 03/04/2024 with no locale: March 4 or 3 April


def parse_base(base_date) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a base date given as date, Timestamp, 'YYYY[-MM[-DD]]' or None."""
    if base_date is None or base_date == "" or (
        isinstance(base_date, float) and math.isnan(base_date)
    ):
        return None, None, None
    if isinstance(base_date, dt.datetime | dt.date | pd.Timestamp):
        return base_date.year, base_date.month, base_date.day
    parts = str(base_date).strip()[:10].split("-")
    nums = [int(p) for p in parts if p.isdigit()]
    nums += [None] * (3 - len(nums))
    return nums[0], nums[1], nums[2]


# Words before a year-less date that say it lies ahead ("a cut could come in June", "will
# keep it until the end of March", "scheduled for June 1").
_AHEAD = re.compile(
    r"\b(?:will|would|could|should|might|shall|expects?|expected|plans?|planned|scheduled"
    r"|due|forecasts?|aims?|intends?|set\s+to|upcoming|wird|werden|soll|sollen"
    r"|prévoit|prévu|devrait|doit)\b|\b(?:by|until|till|bis)\s+(?:the\s+(?:end|start|middle)"
    r"\s+of\s+)?$",
    re.I,
)
# A month after these is a kind of month, not a date ("the warmest January", "every May").
_NOT_A_DATE_BEFORE = re.compile(r"(?:\b(?:every|each|any|a|an)|\w+est)\s+$", re.I)


_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+$", re.I)
_HAD = re.compile(r"[^.!?\n]{0,50}\bhad\b", re.I)


def _ahead(text: str, start: int) -> bool:
    """Whether the words of the sentence before `start` look ahead in time ("as of June 29"
    is a reference date, whatever the verb)."""
    window = text[max(0, start - 90):start]
    if _AS_OF.search(window):
        return False
    cut = max(window.rfind(". "), window.rfind("\n"))
    cue = _AHEAD.search(window[cut + 1:])
    if cue and cue.group().split()[0].lower() in ("by", "until", "till", "bis"):
        return not _HAD.match(text, start)  # "By August, Anthropic had landed ..."
    return cue is not None


def _month_year(month: int, base, ahead: bool = False) -> int | None:
    """Year of a month named without one: the base year, or the year before when that would
    put the month more than two months after the base ("April" seen from 2023-11 -> 2023,
    "December" seen from 2024-01 -> 2023). News reports mostly look back; when the sentence
    looks ahead (`ahead`), the month is the next one of that name ("June" seen from March
    2024 in "a cut could come in June" -> 2024, "January" from November -> the year after)."""
    year, bmonth, _ = base
    if year is None:
        return None
    if bmonth is None:
        return year
    if ahead:
        return year if month >= bmonth else year + 1
    return year if month <= bmonth + 2 else year - 1


def _period(n: int, unit: str, year: int) -> str:
    return f"{year}-{'Q' if unit == 'quarter' else 'H'}{n}"


def _yearless_period(n: int, unit: str, base, fiscal: bool, ahead: bool) -> tuple[str, str]:
    """A quarter or half named without a year: fiscal in a text of fiscal periods (no calendar
    date), otherwise the year its first month gets by the month rule."""
    if fiscal:
        return "", FLAG_FISCAL
    first_month = (n - 1) * (3 if unit == "quarter" else 6) + 1
    year = _month_year(first_month, base, ahead)
    if year is None:
        return "", FLAG_UNRESOLVED
    return _period(n, unit, year), FLAG_YEAR_FROM_BASE


def shift(base, unit: str, n: float) -> tuple[str, str]:
    """Date `n` units before the base (n > 0 = past); returns (iso date, flag)."""
    year, month, day = base
    n = round(n)
    if unit in ("hour", "minute", "second"):
        if day is None:
            return "", FLAG_UNRESOLVED
        when = dt.date(year, month, day) - dt.timedelta(days=(n if unit == "hour" else 0) // 24)
        return when.isoformat(), FLAG_RELATIVE
    if unit in ("day", "week"):
        if day is None:
            return "", FLAG_UNRESOLVED
        days = n * (7 if unit == "week" else 1)
        return (dt.date(year, month, day) - dt.timedelta(days=days)).isoformat(), FLAG_RELATIVE
    if unit in ("month", "quarter"):
        if month is None:
            return "", FLAG_UNRESOLVED
        idx = year * 12 + month - 1 - n * (3 if unit == "quarter" else 1)
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}", FLAG_RELATIVE
    if year is None:
        return "", FLAG_UNRESOLVED
    years = n * {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    return f"{year - years:04d}", FLAG_RELATIVE


_STEPS = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def _relative(word: str, base, fiscal: bool = False) -> tuple[str, str]:
    """'last year' / 'next week' / 'the current quarter' / 'yesterday' against a base date."""
    w = word.lower().split()
    if w[0] in ("yesterday", "tomorrow"):
        return _step(base, -1 if w[0] == "yesterday" else 1, "day")
    unit = "year" if w[-1] == "season" else w[-1]
    if unit == "quarter" and fiscal:
        return "", FLAG_FISCAL
    return _step(base, _STEPS[w[0]], unit)


def _step(base, step: int, unit: str) -> tuple[str, str]:
    """The `unit` (day, week, month, quarter, year) `step` units from the base's own."""
    year, month, day = base
    if unit == "day":
        if day is None:
            return "", FLAG_UNRESOLVED
        return (dt.date(year, month, day) + dt.timedelta(days=step)).isoformat(), FLAG_RELATIVE
    if unit == "week":
        if day is None:
            return "", FLAG_UNRESOLVED
        iso = (dt.date(year, month, day) + dt.timedelta(weeks=step)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", FLAG_RELATIVE
    if unit in ("month", "quarter"):
        if month is None:
            return "", FLAG_UNRESOLVED
        if unit == "quarter":
            q = (year * 4 + (month - 1) // 3) + step
            return f"{q // 4:04d}-Q{q % 4 + 1}", FLAG_RELATIVE
        idx = year * 12 + month - 1 + step
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}", FLAG_RELATIVE
    if year is None:
        return "", FLAG_UNRESOLVED
    return f"{year + step:04d}", FLAG_RELATIVE


def _ymd(year, month, day) -> str:
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(word: str) -> int:
    return nb.MONTHS[word.rstrip(".").lower()]


def _checked(year: int, month: int, day: int) -> str:
    """ISO date, or '' when the numbers are not a calendar date."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


_PREPOSITIONS = {"in", "since", "until", "till", "by", "from", "through", "to", "between",
                 "and", "of", "during", "last", "next", "this", "early", "late", "mid",
                 "before", "after", "for", "on", "en", "depuis", "im", "seit", "ab"}


def _fy_year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def date_of(m: re.Match, base, style: str = "dot", fiscal: bool = False) -> tuple[str, str] | None:
    """(date, flag) for a match of one of the date alternatives, or None to drop it.

    `fiscal` says the text names fiscal periods ("fiscal 2025", "FY24"): its quarters and
    halves without a year are the company's, with no calendar date.
    """
    g = m.groupdict()
    text, start = m.string, m.start()
    if g["dmy_m"] or g["mdy_m"]:
        return _month_date(g, text, start, base)
    if g["mod"] is not None:
        mod = g["mod"].lower()
        if g["mod_m"]:
            month = _month_number(g["mod_m"])
            if g["mod_y"]:
                return _ymd(int(g["mod_y"]), month, None), ""
            y = _month_year(month, base, _ahead(text, start))
            return (_ymd(y, month, None), FLAG_YEAR_FROM_BASE) if y else ("", FLAG_UNRESOLVED)
        year = int(g["mod_y2"])
        if "end" in mod or "close" in mod or mod.startswith("fin"):
            return f"{year}-12", ""
        if any(w in mod for w in ("start", "beginning", "anfang", "beginn", "début")):
            return f"{year}-01", ""
        if mod.startswith("early"):
            return f"{year}-H1", ""
        if mod.startswith("late"):
            return f"{year}-H2", ""
        return f"{year}", ""
    for key in ("qw", "qde", "qfr"):
        if g[key] is not None:
            return _named_period(g, key, text, start, base, fiscal)
    if g["qn"]:
        if g["qn_q"] == "H" and g["qn"] not in "12":
            return None
        return f"{_fy_year(g['qn_y'])}-{g['qn_q']}{g['qn']}", ""
    if g["q"]:
        if g["q"] == "H" and g["q_n"] not in "12":
            return None
        flag = FLAG_FISCAL if g["q_cal"] == "FY" or g["q_fis"] else ""
        if g["q_y"]:
            return f"{_fy_year(g['q_y'])}-{g['q']}{g['q_n']}", flag
        unit = "quarter" if g["q"] == "Q" else "half"
        return _yearless_period(int(g["q_n"]), unit, base, fiscal or bool(g["q_fis"]),
                                _ahead(text, start))
    if g["fy"]:
        return f"{_fy_year(g['fy_y'])}", FLAG_FISCAL if g["fy"] == "FY" else ""
    if g["fyw"]:
        return g["fyw_y"], FLAG_FISCAL
    if g["dec"]:
        return g["dec"][:3] + "X", ""
    if g["dec2"]:
        return "19" + g["dec2"][0] + "X", ""
    if g["iso"]:
        return g["iso"], ""
    if g["dot_d"]:
        return _checked(int(g["dot_y"]), int(g["dot_m"]), int(g["dot_d"])), ""
    if g["sl_a"]:
        a, b, y = int(g["sl_a"]), int(g["sl_b"]), int(g["sl_y"])
        if style == "unknown" and a <= 12 and b <= 12 and a != b:
            return "", FLAG_AMBIGUOUS
        month, day = (a, b) if style == "dot" and a <= 12 else (b, a)
        return _checked(y, month, day), ""
    if g["rel2"]:
        return _edge_relative(g, base)
    if g["rel"]:
        return _relative(g["rel"], base, fiscal)
    if g["frel"]:
        step, unit = nb.FOREIGN_RELATIVE[" ".join(g["frel"].lower().split())]
        return _step(base, step, unit)
    return None


def _month_date(g: dict, text: str, start: int, base) -> tuple[str, str] | None:
    """'17 November [2023]', 'November 17', 'April', 'last May', '1er juillet'."""
    mon_word = g["dmy_m"] or g["mdy_m"]
    day = g["dmy_d"] or g["mdy_d"]
    year = g["dmy_y"] or g["mdy_y"]
    rel = (g.get("mdy_rel") or "").lower()
    bare = mon_word.rstrip(".")
    if not day and not year and not rel:
        if _NOT_A_DATE_BEFORE.search(text, max(0, start - 20), start):
            return None  # "the warmest January on record"
        short = len(bare) <= 4 and bare not in ("June", "July", "mai", "juin", "août")
        if bare in ("May", "March", "mars", "Mars") or short:
            # "may", "march", "Jan" alone are too often words or names; after a
            # preposition ("in May", "to March") they are months
            before = text[max(0, start - 12):start].split()
            if not before or before[-1].lower() not in _PREPOSITIONS:
                return None
    month = _month_number(mon_word)
    day = int(day) if day else None
    if day is not None and not 1 <= day <= 31:
        return None
    if year:
        return _ymd(int(year), month, day), ""
    if rel:
        y, bmonth, _ = base
        if y is None or bmonth is None:
            return "", FLAG_UNRESOLVED
        if rel == "last":
            y = y if month < bmonth else y - 1
        elif rel == "next":
            y = y if month > bmonth else y + 1
        return _ymd(y, month, day), FLAG_RELATIVE
    y = _month_year(month, base, _ahead(text, start))
    return (_ymd(y, month, day), FLAG_YEAR_FROM_BASE) if y else ("", FLAG_UNRESOLVED)


def _named_period(g: dict, key: str, text: str, start: int, base,
                  fiscal: bool) -> tuple[str, str]:
    """'the second quarter [of 2024]', 'first-half', 'im dritten Quartal', 'premier trimestre'."""
    n = nb.ORDINALS[g[f"{key}_n"].lower()]
    unit_word = g[f"{key}_u"].lower()
    unit = "half" if unit_word in ("half", "halbjahr", "semestre") else "quarter"
    if unit == "half" and n > 2:
        return "", FLAG_UNRESOLVED
    if key == "qw":
        marked = bool(g["qw_fis"] or g["qw_fis2"] or g["qw_fy"] or g["qw_fy2"] or g["qw_fy3"])
        year = g["qw_y"] or g["qw_y2"] or g["qw_y3"]
        flag = FLAG_FISCAL if marked else ""
        if year:
            return _period(n, unit, _fy_year(year)), flag
        if g["qw_ly"]:
            y = base[0]
            if y is None:
                return "", FLAG_UNRESOLVED
            return _period(n, unit, y + _STEPS[g["qw_ly"].lower()]), FLAG_RELATIVE
        return _yearless_period(n, unit, base, fiscal or marked, _ahead(text, start))
    year = g[f"{key}_y"]
    if year:
        return _period(n, unit, int(year)), ""
    return _yearless_period(n, unit, base, fiscal, _ahead(text, start))


def _edge_relative(g: dict, base) -> tuple[str, str]:
    """'earlier this week', 'later this year', 'early next year' (H1), 'late last year' (H2)."""
    edge, step, unit = (g["rel2_m"].lower(), _STEPS[g["rel2_s"].lower()], g["rel2_u"].lower())
    if unit == "year" and edge in ("early", "late"):
        if base[0] is None:
            return "", FLAG_UNRESOLVED
        return f"{base[0] + step:04d}-H{1 if edge == 'early' else 2}", FLAG_RELATIVE
    return _step(base, step, unit)
