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


def _month_year(month: int, base) -> int | None:
    """Year of a month named without one: the base year, or the year before when that would
    put the month more than two months after the base ("April" seen from 2023-11 -> 2023,
    "December" seen from 2024-01 -> 2023). News reports mostly look back."""
    year, bmonth, _ = base
    if year is None:
        return None
    if bmonth is None:
        return year
    return year if month <= bmonth + 2 else year - 1


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


def _relative(word: str, base) -> tuple[str, str]:
    """'last year' / 'next week' / 'yesterday' against a base date."""
    w = word.lower().split()
    year, month, day = base
    if w[0] in ("yesterday", "tomorrow"):
        if day is None:
            return "", FLAG_UNRESOLVED
        step = -1 if w[0] == "yesterday" else 1
        return (dt.date(year, month, day) + dt.timedelta(days=step)).isoformat(), FLAG_RELATIVE
    step = {"last": -1, "previous": -1, "this": 0, "next": 1}[w[0]]
    unit = w[-1]
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


def date_of(m: re.Match, base, style: str = "dot") -> tuple[str, str] | None:
    """(date, flag) for a match of one of the date alternatives, or None to drop it."""
    g = m.groupdict()
    if g["dmy_m"] or g["mdy_m"]:
        mon_word = g["dmy_m"] or g["mdy_m"]
        day = g["dmy_d"] or g["mdy_d"]
        year = g["dmy_y"] or g["mdy_y"]
        if not day and not year and (mon_word.rstrip(".") in ("May", "March") or len(
            mon_word.rstrip(".")) <= 4 and mon_word not in ("June", "July")
        ):
            return None  # "may", "march", "Jan" alone are too often words or names
        month = _month_number(mon_word)
        day = int(day) if day else None
        if day is not None and not 1 <= day <= 31:
            return None
        if year:
            return _ymd(int(year), month, day), ""
        y = _month_year(month, base)
        return (_ymd(y, month, day), FLAG_YEAR_FROM_BASE) if y else ("", FLAG_UNRESOLVED)
    if g["mod"] is not None:
        mod = g["mod"].lower()
        year = int(g["mod_y"])
        if g["mod_m"]:
            return _ymd(year, _month_number(g["mod_m"]), None), ""
        if "half" in mod:
            return f"{year}-H{1 if 'first' in mod else 2}", ""
        if "quarter" in mod:
            n = ["first", "second", "third", "fourth"].index(next(
                w for w in ("first", "second", "third", "fourth") if w in mod)) + 1
            return f"{year}-Q{n}", ""
        if "end" in mod or "close" in mod:
            return f"{year}-12", ""
        if "start" in mod or "beginning" in mod:
            return f"{year}-01", ""
        if mod.startswith("early"):
            return f"{year}-H1", ""
        if mod.startswith("late"):
            return f"{year}-H2", ""
        return f"{year}", ""
    if g["q"]:
        if g["q"] == "H" and g["q_n"] not in "12":
            return None
        flag = FLAG_FISCAL if g["q_cal"] == "FY" else ""
        if g["q_y"]:
            y = int(g["q_y"])
            y = y + 2000 if y < 100 else y
        else:
            y, flag = base[0], FLAG_YEAR_FROM_BASE
            if y is None:
                return "", FLAG_UNRESOLVED
        return f"{y}-{g['q']}{g['q_n']}", flag
    if g["fy"]:
        y = int(g["fy_y"])
        y = y + 2000 if y < 100 else y
        return f"{y}", FLAG_FISCAL if g["fy"] == "FY" else ""
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
    if g["rel"]:
        return _relative(g["rel"], base)
    return None
