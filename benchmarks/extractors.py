"""Three open extractors read into the columns of analysis.extract.quantities, for scoring.

Each adapter is ``rows(text, lang, base) -> list[dict]`` with the keys of ``COLUMNS``
(``base`` is a ``datetime.date`` or None). How each tool's output becomes one of our kinds:

| tool | its output | our kind, unit |
|---|---|---|
| quantulum3 | unit entity `currency` | money, its ISO code |
| | unit `percentage` | percent |
| | unit entity `time` | duration, the unit's name |
| | unit `count` ("three times") | count, `times` |
| | other dimensionless | count, no unit (it does not name the counted noun) |
| | anything else (length, power ...) | other, the unit's name |
| Duckling | `amount-of-money` | money, `$` -> USD, `£` -> GBP, `€` -> EUR, else its code |
| | `number` | count, no unit; percent when `%`, `percent` or `per cent` follows |
| | `duration` | duration, its unit |
| | `time`, a value | date at its grain: year `yyyy`, quarter `yyyy-Qn`, month `yyyy-mm`, week `yyyy-Www`, day or finer `yyyy-mm-dd` |
| | `time`, an interval | date `from/to` at the grain, the exclusive end moved back one grain |
| | `distance`, `volume`, `quantity`, `temperature` | other, the unit's symbol (km, celsius, ...) |
| Recognizers-Text | `currency` | money, its `isoCurrency` (or Dollar -> USD, Euro -> EUR, Pound -> GBP) |
| | `number` | count, no unit |
| | `percentage` | percent |
| | `dimension`, `temperature` | other, the unit's symbol |
| | `age` | duration, its unit |
| | `datetimeV2` date, daterange, datetime | date from its TIMEX: `XXXX-04` a month without a year, `(2024-01-01,2024-04-01,P3M)` the quarter `2024-Q1`, P6M a half, P1Y a year, P1M a month, other spans `from/to` |
| | `datetimeV2.duration` | duration from its TIMEX (`P2W` -> 2 week) |
| | `datetimeV2.time`, `timerange` | date, empty (a clock time: not a mention by the gold's rules) |
| | `datetimeV2.set` ("every month") | dropped |

Where a tool offers several readings of a date without a year (past and future), the
reading whose year the gold's own rule would give is taken when offered (the base year,
or the year before when that would put it more than two months after the base), else the
tool's first. A tool's overlapping rows are reduced to one, preferring money, percent,
date, duration, other, count in that order, then the longer span (Duckling reads
"$4.5 billion in" both as money and as a distance in inches). Duckling and Recognizers
get the base date as their reference time (noon UTC; the 15th for a month-precision base)
or, with no base, the day of the run.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings

from analysis.extract.dates import _month_year as month_year

COLUMNS = ["start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "date"]
_PRIORITY = {"money": 0, "percent": 1, "date": 2, "duration": 3, "other": 4, "count": 5}

# Pinned to the versions measured in benchmarks/README.md. recognizers-text imports
# `emoji.UNICODE_EMOJI`, which emoji 1.0 removed.
PACKAGES = ["quantulum3==0.10.0", "pyduckling-native-phihos==0.3.0",
            "recognizers-text-suite==1.0.2a2", "emoji<1"]

_UNIT_SYMBOL = {
    "kilometre": "km", "kilometer": "km", "metre": "m", "meter": "m", "centimetre": "cm",
    "centimeter": "cm", "millimetre": "mm", "millimeter": "mm", "nanometer": "nm",
    "nanometre": "nm", "mile": "mi", "foot": "ft", "inch": "in", "yard": "yd",
    "gram": "g", "kilogram": "kg", "milligram": "mg", "tonne": "t", "ton": "t",
    "litre": "l", "liter": "l", "gallon": "gal", "celsius": "celsius", "c": "celsius",
    "degree": "degrees", "fahrenheit": "fahrenheit", "f": "fahrenheit", "watt": "W",
    "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "kilowatt hour": "kWh",
    "square kilometer": "km2", "square kilometre": "km2",
}
_CURRENCY = {"$": "USD", "dollar": "USD", "£": "GBP", "pound": "GBP", "€": "EUR",
             "euro": "EUR", "eur": "EUR", "usd": "USD", "gbp": "GBP", "¥": "JPY"}
_TIME_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour",
               "m": "minute", "S": "second"}


def row(start, end, text, kind, value=math.nan, unit="", date="") -> dict:
    return {"start": start, "end": end, "surface": text[start:end], "kind": kind,
            "value": value, "low": math.nan, "high": math.nan, "unit": unit, "per": "",
            "date": date}


def one_per_span(rows: list[dict]) -> list[dict]:
    """Drop a tool's rows that overlap a preferred one (see the module docstring)."""
    kept: list[dict] = []
    for r in sorted(rows, key=lambda r: (_PRIORITY[r["kind"]], -(r["end"] - r["start"]),
                                         r["start"])):
        if all(r["end"] <= k["start"] or k["end"] <= r["start"] for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: (r["start"], r["end"]))


def reference(base: dt.date | None) -> dt.datetime:
    day = base or dt.date.today()
    return dt.datetime(day.year, day.month, day.day, 12)


def _gold_year(month: int, base: dt.date | None) -> int | None:
    """The year the gold's rule gives a month without one: our extractor's own rule."""
    if base is None:
        return None
    return month_year(month, (base.year, base.month, base.day))


def _pick(candidates: list, month_of, year_of, base) -> object:
    """The candidate whose year the gold's rule gives for a year-less date, else the first."""
    for c in candidates:
        if year_of(c) == _gold_year(month_of(c), base):
            return c
    return candidates[0]


def _at_grain(day: dt.datetime, grain: str) -> str:
    if grain == "year":
        return f"{day.year:04d}"
    if grain == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return day.date().isoformat()


def _back_one(day: dt.datetime, grain: str) -> dt.datetime:
    """The last `grain` inside an interval whose exclusive end is `day`."""
    if grain in ("year", "quarter", "month"):
        months = {"year": 12, "quarter": 3, "month": 1}[grain]
        idx = day.year * 12 + day.month - 1 - months
        return day.replace(year=idx // 12, month=idx % 12 + 1, day=1)
    return day - dt.timedelta(days=7 if grain == "week" else 1)


# ---- quantulum3 ----------------------------------------------------------------------

def quantulum(install_hint: bool = False):
    """quantulum3's rows function, or None when it is not installed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is absent
        try:
            from quantulum3 import parser
        except ImportError:
            return None

    def rows(text: str, lang: str, base) -> list[dict]:
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)  # English only (its other language is Spanish)
        for q in found:
            entity, unit_name = q.unit.entity.name, q.unit.name
            if entity == "currency":
                kind, unit = "money", q.unit.currency_code or ""
            elif unit_name == "percentage":
                kind, unit = "percent", "percent"
            elif entity == "time":
                kind, unit = "duration", unit_name
            elif unit_name == "count":
                kind, unit = "count", "times"
            elif entity == "dimensionless":
                kind, unit = "count", ""
            else:
                kind, unit = "other", _UNIT_SYMBOL.get(unit_name, unit_name)
            out.append(row(q.span[0], q.span[1], text, kind, float(q.value), unit))
        return one_per_span(out)

    rows.warm = lambda: rows("warm up: $1 million", "en", None)
    return rows


# ---- Duckling ------------------------------------------------------------------------

_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per cent\b|Prozent\b|pour cent\b)")


def duckling_tool():
    """Duckling's rows function (pyduckling-native-phihos), or None when not installed."""
    try:
        import duckling
    except ImportError:
        return None
    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    locales = {lang: duckling.parse_locale(code, duckling.default_locale_lang(
        duckling.parse_lang(lang.upper()))) for lang, code in
        (("en", "EN_US"), ("de", "DE_DE"), ("fr", "FR_FR"))}
    dims = duckling.parse_dimensions(["time", "amount-of-money", "number", "duration",
                                      "distance", "temperature", "quantity", "volume"])

    def date_value(v: dict, base) -> str:
        if v.get("type") == "interval":
            ends = []
            for side in ("from", "to"):
                part = v.get(side)
                if not part:
                    ends.append("..")
                    continue
                when = dt.datetime.fromisoformat(part["value"][:19])
                if side == "to":
                    when = _back_one(when, part["grain"])
                ends.append(_at_grain(when, part["grain"]))
            return "/".join(ends)
        return _at_grain(dt.datetime.fromisoformat(v["value"][:19]), v["grain"])

    def rows(text: str, lang: str, base) -> list[dict]:
        ref = reference(base)
        stamp = int(dt.datetime(ref.year, ref.month, ref.day, 12,
                                tzinfo=dt.UTC).timestamp())
        context = duckling.Context(duckling.parse_ref_time(zones, "UTC", stamp),
                                   locales.get(lang, locales["en"]))
        out = []
        for d in duckling.parse(text, context, dims, False):
            a, b, v, dim = d["start"], d["end"], d["value"], d["dim"]
            if dim == "amount-of-money":
                unit = _CURRENCY.get(str(v.get("unit", "")).lower(), v.get("unit", ""))
                out.append(row(a, b, text, "money", float(v.get("value", math.nan)), unit))
            elif dim == "number":
                after = _PERCENT_AFTER.match(text, b)
                if after:
                    out.append(row(a, after.end(), text, "percent", float(v["value"]),
                                   "percent"))
                else:
                    out.append(row(a, b, text, "count", float(v["value"])))
            elif dim == "duration":
                out.append(row(a, b, text, "duration", float(v["value"]), v["unit"]))
            elif dim == "time":
                values = v.get("values") or [v]
                pick = _pick(values, lambda c: _month_of(c), lambda c: _year_of(c), base)
                out.append(row(a, b, text, "date", date=date_value(pick, base)))
            elif "value" in v:
                unit = str(v.get("unit", ""))
                out.append(row(a, b, text, "other", float(v["value"]),
                               _UNIT_SYMBOL.get(unit.lower(), unit)))
        return one_per_span(out)

    def _first(c: dict) -> str:
        return (c.get("value") or (c.get("from") or c.get("to") or {}).get("value") or "")

    def _month_of(c: dict) -> int:
        s = _first(c)
        return int(s[5:7]) if len(s) >= 7 else 0

    def _year_of(c: dict) -> int | None:
        s = _first(c)
        return int(s[:4]) if s[:4].isdigit() else None

    rows.warm = lambda: rows("warm up: $1 million on 3 March", "en", None)
    return rows


# ---- Recognizers-Text ----------------------------------------------------------------

_SPAN = re.compile(r"\((\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}),P(\d+)([YMWD])\)")
_DURATION = re.compile(r"P(?:T)?(\d+(?:\.\d+)?)([YMWDHS])$")


def _timex_date(timex: str, values: list[dict], base) -> str:
    """Our date string for a Recognizers-Text TIMEX (see the module docstring)."""
    m = _SPAN.fullmatch(timex)
    if m:
        a = dt.date.fromisoformat(m[1])
        n, unit = int(m[3]), m[4]
        if a.day == 1 and unit == "M" and n == 3 and a.month % 3 == 1:
            return f"{a.year:04d}-Q{(a.month - 1) // 3 + 1}"
        if a.day == 1 and unit == "M" and n == 6 and a.month in (1, 7):
            return f"{a.year:04d}-H{1 if a.month == 1 else 2}"
        if a.day == 1 and a.month == 1 and (unit, n) == ("Y", 1):
            return f"{a.year:04d}"
        if a.day == 1 and (unit, n) == ("M", 1):
            return f"{a.year:04d}-{a.month:02d}"
        b = dt.date.fromisoformat(m[2]) - dt.timedelta(days=1)
        if a.day == 1 and b.month != (b + dt.timedelta(days=1)).month:
            return f"{a.year:04d}-{a.month:02d}/{b.year:04d}-{b.month:02d}"
        return f"{a.isoformat()}/{b.isoformat()}"
    if timex.startswith("XXXX-") and values:
        starts = [v.get("start") or v.get("value") or "" for v in values]
        starts = [s for s in starts if s[:4].isdigit()]
        if starts:
            pick = _pick(starts, lambda s: int(s[5:7]), lambda s: int(s[:4]), base)
            return pick[:4] + timex[4:]
        return ""
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}", timex):
        return timex
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", timex):
        return timex[:10]
    return ""


def recognizers_tool():
    """Recognizers-Text's rows function, or None when it is not installed."""
    try:
        import recognizers_suite as rs
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_text import Culture
    except ImportError:
        return None
    # The Python port has English and French (no German) models: German text is read
    # with the English ones.
    cultures = {"en": Culture.English, "fr": Culture.French, "de": Culture.English}
    models = {c: DateTimeRecognizer(c).get_datetime_model() for c in set(cultures.values())}

    def rows(text: str, lang: str, base) -> list[dict]:
        culture = cultures.get(lang, Culture.English)
        out = []

        def add(kind, r, value=math.nan, unit="", date=""):
            out.append(row(r.start, r.end + 1, text, kind, value, unit, date))

        for r in rs.recognize_currency(text, culture):
            res = r.resolution or {}
            code = res.get("isoCurrency") or _CURRENCY.get(str(res.get("unit", "")).lower(), "")
            add("money", r, _float(res.get("value")), code)
        for r in rs.recognize_percentage(text, culture):
            add("percent", r, _float(str((r.resolution or {}).get("value", "")).rstrip("%")),
                "percent")
        for fn in (rs.recognize_dimension, rs.recognize_temperature):
            for r in fn(text, culture):
                unit = str((r.resolution or {}).get("unit", ""))
                add("other", r, _float((r.resolution or {}).get("value")),
                    _UNIT_SYMBOL.get(unit.lower(), unit))
        for r in rs.recognize_age(text, culture):
            unit = str((r.resolution or {}).get("unit", "")).lower()
            add("duration", r, _float((r.resolution or {}).get("value")), unit)
        for r in rs.recognize_number(text, culture):
            add("count", r, _float((r.resolution or {}).get("value")))
        for r in models[culture].parse(text, reference(base)):
            kind = r.type_name.split(".")[-1]
            values = (r.resolution or {}).get("values") or []
            timex = values[0].get("timex", "") if values else ""
            if kind == "set":
                continue
            if kind == "duration":
                m = _DURATION.match(timex)
                unit = _TIME_UNITS.get(m[2], "") if m else ""
                if m and timex.startswith("PT") and m[2] == "M":
                    unit = "minute"
                add("duration", r, float(m[1]) if m else math.nan, unit)
            elif kind in ("time", "timerange"):
                add("date", r)
            else:
                add("date", r, date=_timex_date(timex, values, base))
        return one_per_span(out)

    rows.warm = lambda: rows("warm up: $1 million on 3 March", "en", None)
    return rows


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
