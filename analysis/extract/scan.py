"""One pass over a text: every match of the scanning regex read into a :class:`Mention`.

:func:`scan` finds the matches of :func:`analysis.extract.patterns.master` in text order
and reads each with a few small look-ups to its left and right
(:mod:`analysis.extract.context`), so the cost is linear in the text and small per match.
Dates next to each other become one span ("between 2020 and 2023"), and "for weeks or
months" gives a row per unit. The rules a reader needs to predict the output are in the
docstrings below and in tests/gold/README.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from analysis.extract import context as ctx
from analysis.extract import lexicon as nb
from analysis.extract import patterns
from analysis.extract.dates import FLAG_AMBIGUOUS, FLAG_UNRESOLVED, date_of, parse_base, shift

__all__ = ["Mention", "scan"]


_FISCAL = re.compile(r"\bfiscal\b|\bFY\s?'?\d\d|\bGeschäftsjahr|\bexercice\b", re.I)


def names_fiscal_periods(text: str) -> bool:
    """Whether a text names fiscal periods ("fiscal 2025", "FY24"): then its quarters and
    halves without a year are the company's, not the calendar's."""
    return _FISCAL.search(text) is not None


def scan(text: str, lang: str | None = "en", base_date=None,
         fiscal: bool | None = None) -> list[Mention]:
    """Every quantitative mention of ``text``, in text order (see ``quantities.extract``).

    ``fiscal`` says whether the whole article names fiscal periods (None: look in ``text``).
    """
    if fiscal is None:
        fiscal = names_fiscal_periods(text)
    return _expand_bare(text, _extract_rows(text, lang, base_date, fiscal))


# --- reading one quantity match ----------------------------------------------------------


def _scale_of(s: str | None) -> float:
    if not s:
        return 1.0
    key = s.strip(" \u00a0-").lower()
    if key.startswith("hundred") and key != "hundred":
        return 100.0 * nb.SCALES[key.split()[-1]]
    return nb.SCALES.get(key, nb.SCALES.get(key.rstrip("."), 1.0))


def _number(digits: str | None, words: str | None, style: str) -> tuple[float, bool]:
    if digits is not None:
        return nb.read_digits(digits, style)
    w = words.lower()
    if w in ("a", "one"):
        return 1.0, False
    return nb.read_words(w), False


def _currency(cur: str | None) -> str:
    if not cur:
        return ""
    key = " ".join(cur.split()).lower()
    if key in nb.CURRENCY_SYMBOLS:
        return nb.CURRENCY_SYMBOLS[key]
    if key.upper() in nb.CURRENCY_CODES:
        return "CNY" if key.upper() == "RMB" else key.upper()
    if key.endswith(("'euros", "’euros")):
        return "EUR"
    return nb.CURRENCY_WORDS.get(key, "")


def _time_unit(tu: str) -> tuple[str, float]:
    """('month', factor) for a time-unit word; decades/centuries in years, quarters in months."""
    unit = nb.TIME_UNITS[tu.strip(" -").lower()]
    if unit in nb.TIME_IN_YEARS:
        return "year", nb.TIME_IN_YEARS[unit]
    if unit in nb.TIME_IN_MONTHS:
        return "month", nb.TIME_IN_MONTHS[unit]
    return unit, 1.0


NAN = math.nan


class Mention(NamedTuple):
    """One quantitative mention as the scan reads it: the frame's columns up to
    ``ambiguous`` (the sentence columns are added after the scan)."""

    start: int
    end: int
    surface: str
    kind: str
    value: float = NAN
    low: float = NAN
    high: float = NAN
    unit: str = ""
    per: str = ""
    approx: str = ""
    date: str = ""
    of: float = NAN
    multiplier: float = NAN
    date_flag: str = ""
    ambiguous: bool = False


class _Skip(NamedTuple):
    """A span that is read and is not a mention (a score "3-1"): the scan resumes after it."""

    end: int


def _mention(text: str, s: int, e: int, kind: str, **fields) -> Mention:
    return Mention(s, e, text[s:e], kind, **fields)


def _extract_rows(text: str, lang: str | None, base_date, fiscal: bool) -> list[Mention]:
    """Scan text once; return its mentions in text order."""
    style = nb.decimal_style(lang)
    code = (lang or "").lower().replace("_", "-").split("-")[0]
    base = parse_base(base_date)
    rows: list[Mention] = []
    between_row = -1  # index of a date row preceded by "between", awaiting "and <date>"
    match, next_candidate = patterns.master(style).match, patterns.candidates().search
    pos = 0
    while True:
        c = next_candidate(text, pos)
        if c is None:
            break
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        s, e = m.span()
        pos = e if e > s else e + 1
        kind_group = m.lastgroup
        if kind_group in ("skip", "name"):
            continue
        g = m.groupdict()
        if kind_group == "qty" or g["qty"] is not None:
            row = _read_quantity(text, m, g, style, base, code)
            if row is None or isinstance(row, _Skip):
                continue
            # a match cut short ("rose 56% to $2.9 billion") resumes after its first part
            e = pos = row.end
        else:
            row = _read_other(text, m, g, base, style, fiscal)
            if row is None:
                continue
        # date ranges: "between the end of 2024 and 2025", "2020 to 2023"
        if row.kind == "date" and rows and rows[-1].kind == "date" and row.date and rows[-1].date:
            prev = rows[-1]
            gap = text[prev.end:row.start]
            link = ctx.LINK_AND.match(gap) if len(gap) < 12 else None
            if link and (not gap.strip().startswith("and") or between_row == len(rows) - 1):
                second = _same_run(prev, row)
                rows[-1] = _mention(text, prev.start, row.end, "date", approx=prev.approx,
                                    date=f"{prev.date}/{second}",
                                    date_flag=prev.date_flag or row.date_flag)
                pos = max(pos, row.end)
                between_row = -1
                continue
        if row.kind == "count" and not row.unit and row.multiplier >= 1e6 and _after_money(
                text, rows, row.start):
            row = row._replace(kind="money")  # "$3.6 billion, against 4.25 billion a year ago"
        if row.kind == "date" and ctx.prev_word(text, row.start) == "between":
            between_row = len(rows)
        rows.append(row)
        pos = max(pos, row.end)
    return rows


# Between a sum and a bare amount that shares its currency: same sentence, a few words.
_ELLIPSIS = re.compile(r"[^.!?\n$€£¥]{1,120}")


def _after_money(text: str, rows: list[Mention], start: int) -> bool:
    """Whether the last mention before `start` other than a date is a sum of money in the
    same sentence, a few words back."""
    for prev in reversed(rows[-3:]):
        if prev.kind != "date":
            return prev.kind == "money" and _ELLIPSIS.fullmatch(text, prev.end, start) is not None
    return False


def _same_run(first: Mention, second: Mention) -> str:
    """The second end of a span of year-less months takes the first's year, or the next
    year when it would fall before the first ("from November to February")."""
    if not (first.date_flag == second.date_flag == "year_from_base"):
        return second.date
    year, rest = first.date[:4], second.date[4:]
    date = year + rest
    if date < first.date:
        date = f"{int(year) + 1:04d}{rest}"
    return date


def _read_other(text: str, m: re.Match, g: dict, base, style: str,
                fiscal: bool = False) -> Mention | None:
    """Mentions of the date alternatives and the word forms (minute-long, doubled, twice...)."""
    s, e = m.span()
    if g["long"]:
        unit, factor = _time_unit(g["long"])
        return _mention(text, s, e, "duration", value=factor, unit=unit)
    if g["mverb"]:
        return _mention(text, s, e, "other", value=nb.MULTIPLY_VERBS[g["mverb"].lower()],
                        unit="x")
    if g["times"]:
        word = g["times"].lower()
        v = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[word]
        if ctx.COMPARATIVE.match(text, e) and word != "once":
            return _mention(text, s, e, "other", value=v, unit="x")
        return _mention(text, s, e, "count", value=v, unit="times",
                        approx=ctx.approx_before(text, s, False))
    if g["bare"]:
        return _bare_rows(text, m)
    if g["aago"]:
        unit, factor = _time_unit(g["aago_u"])
        date, flag = shift(base, unit, factor) if base[0] else ("", FLAG_UNRESOLVED)
        return _mention(text, s, e, "date", date=date, date_flag=flag)
    if g["aunit"]:
        unit, factor = _time_unit(g["aunit_u"])
        return _mention(text, s, e, "duration", value=factor, unit=unit)
    if g["overu"]:  # "over the last year": a duration of one unit
        unit, factor = _time_unit(g["overu_u"])
        return _mention(text, s, e, "duration", value=factor, unit=unit)
    found = date_of(m, base, style, fiscal)
    if found is None:
        return None
    date, flag = found
    return _mention(text, s, e, "date", approx=ctx.approx_before(text, s, True), date=date,
                    date_flag=flag, ambiguous=flag == FLAG_AMBIGUOUS)


def _bare_rows(text: str, m: re.Match) -> Mention:
    """'for weeks or months': the first unit as one row; the second is found by a rescan."""
    s = m.start()
    word = re.match(r"\w+", text[s:]).group()
    unit, _ = _time_unit(word)
    return _mention(text, s, s + len(word), "duration", unit=unit)


_BARE_NEXT = re.compile(r"\s+(?:or|and|to)\s+(hours|days|weeks|months|years|decades)\b", re.I)

# Past-tense change verbs: "gained $1.96 to $79.82" is a change and a level, not a range.
_CHANGE_VERBS = {
    "rose", "fell", "gained", "lost", "climbed", "dropped", "slipped", "jumped", "added",
    "increased", "decreased", "declined", "grew", "surged", "sank", "slid", "tumbled", "up",
    "down", "soared", "plunged", "edged", "shed", "raised", "cut", "lowered", "trimmed",
}
_CAPITAL_NAME = re.compile(r"\s+[A-Z][a-z]+(?:(?<!s)\b|\s+[A-Z])")
_BPD = re.compile(r"\s+(?:bpd|b/d)\b")


def _times_of(text: str, end: int) -> bool:
    """'100 times earnings', '10 times the size': a multiple of the noun that follows."""
    nxt = ctx.TOKEN.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if nxt is None or not nxt.group()[0].isalpha():
        return False
    word = nxt.group().lower()
    return word in ctx.DETERMINERS or (word not in ctx.STOP and word not in nb.UNITS
                                       and word.islower())


# --- reading one number-based match ---------------------------------------------------------
#
# _read_quantity decides, in this order: where the mention starts; whether only its first
# part is a quantity (_cut_at); the number or band (_amount); its kind and unit (_kind, and
# _count for plain numbers, which may turn out to be years); its rate period (_rate_period).
# A step returns _GO_ON to let the next one run, or the match's final reading.

_GO_ON = object()


@dataclass(slots=True)
class _Reading:
    """What the steps have decided so far about one match."""

    s: int
    e: int
    mult: float
    noun_end: int
    value: float = NAN
    low: float = NAN
    high: float = NAN
    ambiguous: bool = False
    kind_hint: str = ""
    kind: str = ""
    unit: str = ""
    per: str = ""
    date: str = ""
    flag: str = ""
    of: float = NAN
    cur: str = ""
    approx: str = ""

    def scale(self, factor: float) -> None:
        self.value, self.low, self.high = self.value * factor, self.low * factor, self.high * factor

    def divide(self, by: float) -> None:
        self.value, self.low, self.high = self.value / by, self.low / by, self.high / by


def _first_part(text: str, m: re.Match, style: str, base, code: str, end: int):
    """Re-read a match cut at `end` (its first number alone)."""
    m2 = patterns.master(style).match(text, m.start(), end)
    if m2 is None or m2.group("qty") is None:
        return None
    return _read_quantity(text, m2, m2.groupdict(), style, base, code)


def _read_quantity(text: str, m: re.Match, g: dict, style: str, base,
                   code: str = "en") -> Mention | _Skip | None:
    """Read one number-based match into a mention, or None when it is not a quantity."""
    s = m.start("cur1") if g["cur1"] is not None else m.start(
        next(k for k in ("d1", "w1", "v1", "f1", "g1") if g[k] is not None))
    if g["neg"]:
        s = m.start("neg")
    d1 = g["d1"]
    if d1 is not None and len(d1) > 15 and d1.isdigit():
        return None  # an identifier, not an amount
    cut = _cut_at(text, m, g)
    if cut is not None:
        return _first_part(text, m, style, base, code, cut)
    r = _Reading(s=s, e=m.end(), mult=_scale_of(g["s1"]), noun_end=m.end())
    done = _amount(r, text, m, g, style, base, code)
    if done is not _GO_ON:
        return done
    if r.ambiguous:
        r.value = r.low = r.high = NAN
    r.cur = _currency(g["cur1"] or g["cur2"] or g["cur3"])
    r.approx = ctx.approx_before(text, s, False)
    done = _kind(r, text, m, g, style, base, code)
    if done is not _GO_ON:
        return done
    _rate_period(r, text)
    if not math.isnan(r.low) and r.low == r.high:
        r.value, r.low, r.high = r.low, NAN, NAN
    return _mention(text, r.s, r.e, r.kind, value=r.value, low=r.low, high=r.high, unit=r.unit,
                    per=r.per, approx=r.approx, date=r.date, of=r.of, multiplier=r.mult,
                    date_flag=r.flag, ambiguous=r.ambiguous)


def _cut_at(text: str, m: re.Match, g: dict) -> int | None:
    """Where to cut a match whose first part alone is the quantity, or None.

    "56% to $2.9 billion" (units differ), "rose $1.96 to $79.82" (a change, then a level)
    and "3 in 5 percent" (a unit after an "in" ratio) are read up to their first part.
    """
    if g["link"] is not None and g["btw"] is None:
        first_end = m.end("pct1") if g["pct1"] else m.end("s1") if g["s1"] else m.start("link")
        unit_mismatch = (bool(g["pct1"]) and not g["pct"]) or (
            bool(g["cur1"]) and not (g["cur2"] or g["cur3"]))
        change = g["link"].strip().lower() == "to" and ctx.prev_word(
            text, m.start()) in _CHANGE_VERBS
        if unit_mismatch or change:
            return first_end
    if g["inof"] is not None and any(
            g[k] for k in ("pct", "cur1", "cur3", "mult", "tu", "ou", "hn", "link")):
        return m.start("inof") - 1
    return None


def _amount(r: _Reading, text: str, m: re.Match, g: dict, style: str, base, code: str):
    """The number itself: a value, a vague band, a fraction, an "N-figure" size or a range."""
    d1 = g["d1"]
    if g["v1"] is not None:
        vague = " ".join(g["v1"].lower().split())
        if "couple" in vague:
            r.value = 2.0
        elif vague in nb.VAGUE:
            r.low, r.high = nb.VAGUE[vague]
        else:
            parts = vague.split(" of ")
            p = nb.POWERS[parts[0]] * (nb.SCALES[parts[1].rstrip("s")] if len(parts) > 1 else 1)
            r.low, r.high = p, 10 * p
        if r.mult != 1.0:
            r.low, r.high = r.low * r.mult, r.high * r.mult
        return _GO_ON
    if g["f1"] is not None:
        r.value = nb.FRACTIONS[" ".join(g["f1"].lower().replace("-", " ").split())]
        return _GO_ON
    if g["g1"] is not None:
        digits = nb.FIGURES[g["g1"].lower().split("-")[0]]
        r.low, r.high = 10.0 ** (digits - 1), 10.0**digits - 1
        r.kind_hint = "money"  # "a nine-figure deal": sizes of sums, currency unstated
        return _GO_ON
    r.value, r.ambiguous = _number(d1, g["w1"], style)
    if g["half"]:  # "four and a half years"
        r.value += 0.5
    r.value *= r.mult
    if g["link"] is not None:
        second, amb2 = _number(g["d2"], g["w2"], style)
        r.ambiguous = r.ambiguous or amb2
        mult2 = _scale_of(g["s2"])
        if g["s2"] and not g["s1"]:
            r.mult = mult2  # "$3 to $4.5 billion": the scale word is shared
            r.value *= mult2
        r.low, r.high, r.value = r.value, second * mult2, NAN
        year_pair = d1 is not None and len(d1) == 4 and len(g["d2"] or "") == 2
        if r.low > r.high and g["btw"] is None and not year_pair:
            if g["pct1"]:  # "57% to 43%": two figures, not a range
                return _first_part(text, m, style, base, code, m.end("pct1"))
            if not (g["cur1"] or g["pct"] or g["cur3"] or g["tu"] or g["ou"] or g["s1"]
                    or g["s2"] or g["mult"]):
                return _Skip(r.e)  # a score or a vote split: "3-1", "51-49"
    if g["neg"]:
        r.value, r.low = -r.value, -r.low
    return _GO_ON


def _kind(r: _Reading, text: str, m: re.Match, g: dict, style: str, base, code: str):
    """What the number measures and its unit, from the words the match holds."""
    if g["cur3"] and re.search(r"cent", g["cur3"], re.I):
        r.cur = "EUR" if style == "comma" else "USD"  # "4 cents", "3,1 Cent"
        r.divide(100)
    if r.cur:
        r.kind, r.unit = "money", r.cur
    elif g["pct"] is not None:
        r.kind = "percent"
        r.unit = "pp" if re.search(r"point|pp|punkte|bps", g["pct"], re.I) else "percent"
        if re.search(r"basis|bps", g["pct"], re.I):  # 25 basis points = 0.25 points
            r.divide(100)
    elif g["f1"] is not None:
        r.kind, r.unit, r.value = "percent", "percent", r.value * 100
    elif g["mult"] is not None:
        if (g["mult"].strip() == "times" and not ctx.COMPARATIVE.match(text, r.e)
                and g["link"] is None and not _times_of(text, r.e)):
            r.kind, r.unit = "count", "times"
        else:
            r.kind, r.unit = "other", "x"
    elif g["tu"] is not None:
        tunit, factor = _time_unit(g["tu"])
        ago = ctx.AGO.match(text, r.e)
        before = ctx.AGO_BEFORE.search(text, max(0, r.s - 10), r.s)
        if ago or before:  # "three weeks ago", "vor fünf Jahren", "il y a deux ans": a date
            date, flag = shift(base, tunit, r.value) if base[0] else ("", FLAG_UNRESOLVED)
            a, b = (r.s, ago.end()) if ago else (before.start(), r.e)
            return _mention(text, a, b, "date", approx=r.approx, date=date,
                            date_flag=flag, ambiguous=r.ambiguous)
        r.kind, r.unit = "duration", tunit
        r.scale(factor)
    elif g["ou"] is not None:
        key = " ".join(g["ou"].strip(" -").lower().split())
        r.kind = "other"
        r.unit = nb.PHYSICAL_UNITS.get(key, nb.PHYSICAL_UNITS.get(key.replace(" ", ""),
                                                                   g["ou"].strip(" -")))
    elif g["hn"] is not None:  # "a 1,200-page report", "a 12-point lead"
        r.kind, r.unit = "count", nb.plural(g["hn"][1:].lower())
    else:
        return _count(r, text, m, g, style, base, code)
    return _GO_ON


def _count(r: _Reading, text: str, m: re.Match, g: dict, style: str, base, code: str):
    """A plain number: a year (or a span of years), an "X of Y" ratio, or a count of the
    noun that follows it (which may make it a duration or money)."""
    r.kind = "count"
    d1, s, e = g["d1"], r.s, r.e
    year_like = (
        d1 is not None and len(d1) == 4 and d1.isdigit() and 1500 <= int(d1) <= 2199
        and g["s1"] is None and g["of"] is None
    )
    if year_like and g["link"] is not None:
        d2 = g["d2"] or ""
        if len(d2) == 2 and d2.isdigit():
            d2 = d1[:2] + d2  # "2023-24"
        if len(d2) == 4 and d2.isdigit() and int(d2) >= int(d1):
            return _mention(text, s, e, "date", approx=r.approx, date=f"{d1}/{d2}")
    elif year_like:
        if (ctx.prev_word(text, s) in ctx.DATE_PREPS or not ctx.counted_noun(text, e, 2.0)[0]
                or _CAPITAL_NAME.match(text, e)):
            return _mention(text, s, e, "date",
                            approx=r.approx if r.approx in nb.DATE_APPROX else "", date=d1)
    if g["of"] is not None:
        of_text = g["of"]
        r.of = (nb.read_digits(of_text, style)[0] if of_text[0].isdigit()
                else nb.read_words(of_text))
        if g["inof"] is not None and not (r.of <= 10 or r.of % 10 == 0):
            # "14 in 21 matches" is not a ratio like "1 in 5 adults"
            return _first_part(text, m, style, base, code, m.start("inof") - 1)
    if code in ("", "en"):
        r.unit, r.noun_end = ctx.counted_noun(text, e, r.value)
    else:
        r.unit, r.noun_end = ctx.foreign_noun(text, e, code)
    if _BPD.match(text, e):
        r.unit, r.noun_end = "barrels", e  # barrels per day
        r.per = "day"
    elif r.unit.lower() in nb.TIME_UNITS and g["of"] is None:
        # "six straight weeks": a duration with a word between number and unit
        tunit, factor = _time_unit(r.unit)
        r.kind, r.unit = "duration", tunit
        r.scale(factor)
    if r.kind_hint:
        r.kind, r.unit = r.kind_hint, ""
    elif not r.unit and d1 is None and g["w1"] is None and ctx.prev_word(text, s) in nb.MONEY_VERBS:
        r.kind = "money"  # "raise trillions": money, currency not stated
    elif not r.unit and _scale_of(g["s1"]) >= 1e6 and ctx.money_word_near(text, s, e):
        r.kind = "money"  # "invested a little less than a billion", "hat 40 Milliarden investiert"
    return _GO_ON


def _rate_period(r: _Reading, text: str) -> None:
    """The rate period, right after the number or after the counted noun ("100 users a day")."""
    p = ctx.PER.match(text, r.e)
    after_noun = p is None and r.kind == "count" and r.unit != "" and r.unit != "times"
    if after_noun and not r.per:
        p = ctx.PER.match(text, r.noun_end)
    if p:
        word = (p.group(1) or p.group(2) or p.group(4) or "year").lower().rstrip("s")
        word = "year" if word == "p.a." else word
        r.per = nb.PERIODS.get(word, nb.TIME_UNITS.get(word, ""))
        if r.per and not after_noun:
            r.e = p.end()


def _expand_bare(text: str, rows: list[Mention]) -> list[Mention]:
    """Add the second unit of 'weeks or months' as its own row."""
    out = []
    for row in rows:
        out.append(row)
        if row.kind == "duration" and math.isnan(row.value) and math.isnan(row.low) and row.unit:
            nxt = _BARE_NEXT.match(text, row.end)
            if nxt:
                unit, _ = _time_unit(nxt.group(1))
                a, b = nxt.span(1)
                out.append(_mention(text, a, b, "duration", unit=unit))
    return out
