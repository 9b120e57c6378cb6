"""Quantitative mentions in article text: money, counts, percents, dates, durations, ratios.

`extract(text)` returns one row per mention with character offsets, a normalised value
(or a low/high range), its unit, rate period, qualifier and ISO date, plus the sentence it
sits in. One compiled regex scans the text once (`finditer`); each hit is then read with a
few small look-ups to its left and right, so the cost is linear in the text and small per
match. The grammar's words live in `analysis.extract.lexicon`; the rules a reader needs to predict
the output are in the docstrings below and in tests/gold/README.md.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

import pandas as pd

from analysis.extract import lexicon as nb
from analysis.extract import sentences
from analysis.extract.dates import (
    FLAG_AMBIGUOUS,
    FLAG_UNRESOLVED,
    date_of,
    parse_base,
    shift,
)
from analysis.frames.schema import FRAMES, QUANTITY_KINDS, Frame

KINDS = QUANTITY_KINDS

# Columns of the frame `extract` returns, in order.
COLUMNS = [
    "start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "approx",
    "date", "of", "multiplier", "date_flag", "ambiguous", "sentence", "sentence_start",
    "sentence_end",
]
# Columns of `python -m analysis quantities` CSV output after its leading "file" column,
# so the header starts "file,start,end,surface,kind,value,low,high,unit,per,approx,date".
CSV_COLUMNS = [
    "start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "approx",
    "date", "of", "multiplier", "date_flag", "ambiguous", "sentence",
]

# date_flag values: how the date column was obtained.

# A sentence longer than this is quoted as a window around the mention, so a huge
# unpunctuated line does not repeat megabytes of text in every row.
MAX_SENTENCE = 600
WINDOW = 150

# --- the master regex --------------------------------------------------------------------


def _alt(words) -> str:
    """Regex alternation of words, longest first so 'seventeen' wins over 'seven'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_WORDS = _alt(nb.UNITS)
_BASIC = (
    rf"(?:(?:{_alt(nb.TENS)})(?:-(?:{_alt(w for w, n in nb.UNITS.items() if 0 < n < 10)}))?"
    rf"|{_alt(w for w in nb.UNITS if w != 'one')})\b"
)
_SCALE_WORDS = (
    r"(?:hundred\s+)?(?:thousand|million|billion|trillion)|lakh\s+crore|lakh|crore|dozen|hundred"
)
_WNUM = rf"(?i:(?:a|one)(?=[\s-]+(?:{_SCALE_WORDS})\b)|one(?=\s+in\s+(?:\d|{_BASIC}))|{_BASIC})"
_VAGUE = (
    r"(?i:a\s+few|a\s+couple(?:\s+of)?|several"
    r"|(?:tens|dozens|hundreds|thousands|millions|billions|trillions)"
    r"(?:\s+of\s+(?:thousands|millions|billions|trillions))?)\b"
)
_FRAC_WORDS = (
    r"(?:a|one)[\s-](?:half|third|quarter|fifth|tenth)|two[\s-]thirds"
    r"|(?:two|three|four)[\s-]fifths|three[\s-]quarters"
)
# "two-thirds of", "half the pace", "cut by a fifth"
_FRAC = (
    rf"(?i:(?:{_FRAC_WORDS}|(?<!first\s)(?<!second\s)half)(?=\s+(?:of|a|an|the)\b)"
    rf"|(?<=\bby\s)(?:{_FRAC_WORDS})\b(?!-))"
)
_FIG = rf"(?i:(?:{_alt(nb.FIGURES)})-figure)\b"
_CUR_PRE = (
    r"(?:(?:US|A|C|HK|NZ|S)\$|[$€£¥₹₩₽]"
    rf"|\b(?:{'|'.join(nb.CURRENCY_CODES)}|Rs\.?)(?:\s|\u00a0)?(?=\d))\s?"
)
_NUM = {
    "dot": r"\d{1,3}(?:(?:,\d{3})+|(?:[\u00a0\u202f\u2009]\d{3})+)(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?",
    "comma": r"\d{1,3}(?:(?:\.\d{3})+|(?:[ \u00a0\u202f\u2009]\d{3})+)(?:,\d+)?(?!\d)|\d+(?:,\d+)?",
    "unknown": (
        r"\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[\u00a0\u202f\u2009]\d{3})+)(?:[.,]\d+)?(?!\d)"
        r"|\d+(?:[.,]\d+)?"
    ),
}
_SCALE = (
    rf"(?:[\s\u00a0-]?(?i:{_SCALE_WORDS}|tausend|millionen|milliarden|milliarde|billionen"
    r"|milliards?)\b|[\s\u00a0]?(?:mn|bn|tn|mln|Mn|Bn|Mio|Mrd|Tsd|Md)\b\.?|[kKmMbBT]\b)"
)
_PCT = (
    r"\s?%|\s?-?\s?(?i:percent|per\s?cent|pct)\b|\s(?i:percentage[\s-]points?)\b"
    r"|\s?(?:Prozentpunkte|Prozent|pour\s?cent|por\s?ciento|per\s?cento|procent)\b|\s?pp\b"
    r"|\s(?i:basis\s+points?|bps)\b"
)
_CUR_POST = (
    rf"\s?(?:{'|'.join(nb.CURRENCY_CODES)})\b|\s?[€$£¥₹]"
    r"|\s+(?i:(?:US\s+)?dollars?|euros?|pounds(?:\s+sterling)?|yen|yuan|renminbi|rupees?|franken)\b"
    r"|\s+d['’]euros\b|\s+(?i:cents?)\b"
)
_TIME = (
    r"[\s-]?(?i:hours?|hrs?|minutes?|mins?|min|seconds?|secs?|days?|weeks?|wks?|months?"
    r"|years?|yrs?|decades?|centuries|century|quarters?|stunden?|tagen?|tage?|wochen?"
    r"|monaten?|monate?|jahren?|jahre?|jours?|semaines?|mois|ans|années?)\b(?!-points?\b)|h\b"
)
_OTHER_UNIT = (
    r"\s?(?:GWh|MWh|TWh|kWh|GW|MW|kW|GB|TB|PB|MB|km/h|km|kg|mg|cm|mm|nm|m/s|mph|[TPE]?FLOP[sS]?)\b"
    r"|\s?°\s?[CF]\b|C\b"
    r"|[\s-](?i:(?:square\s+)?(?:kilo|centi|milli|nano)?(?:met(?:re|er)s?|metern)|miles?"
    r"|(?:kilo|mega|giga)?watts?(?:-hours|\s+hours|stunden)?|kilogram(?:me)?s|milligrams"
    r"|degrees?(?:\s+(?:Celsius|Fahrenheit))?|kilowattstunden)\b"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?:1[5-9]|2[01])\d\d"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_PRODUCTS = (
    r"GPT|Claude|Llama|LLaMA|Gemini|Gemma|Mistral|Mixtral|Qwen|Phi|Grok|PaLM|DALL[-·]E|Sora"
    r"|Windows|iPhone|iPad|iOS|Android|macOS|Python|Pixel|Galaxy|Xbox|PlayStation|Firefox"
    r"|Chrome|Sonnet|Opus|Haiku|Version|version|v|Section|Article|Chapter|Clause|Title|Rule"
    r"|Amendment|Ep\.|Episode|Type|type|Stage|Phase|Level|Flight|Route|Interstate|Gate|Room"
    r"|No\.|Fortune|FTSE|S&P|Russell|Nikkei|DAX|CAC|Stoxx|Boeing|Falcon|Model|Series"
)

_SKIP = [
    r"(?:https?://|www\.)\S+",  # URLs (X status ids inside them)
    r"[\w.+-]+@[\w-]+\.[\w.]+",  # e-mail addresses
    r"(?<![\w])[#@]\w[\w.]*",  # hashtags, handles, "#150"
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)",  # phones
    r"\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Ave|Avenue|St|Street|Rd|Road|Blvd"
    r"|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Hwy|Highway|Pkwy|Parkway|Expressway"
    r"|Terrace|Square|Plaza|Row|Crescent|Close)\b\.?"
    r"(?:,?\s*(?:#|Suite\s|Ste\.?\s|Apt\.?\s|Unit\s)\s*\w+)?",  # street addresses
    rf"\b(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b",  # ZIP codes after a state
    r"(?m:^)[ \t]*\d{1,2}[.)](?=[ \t])",  # list numbering at line start
    r"\b24\s?/\s?7\b",  # "24/7" means "always"
    # phone numbers written with a trunk 0 or a country code: 020 7542 0192, 01 53 18 00 00
    r"(?:\+\d{1,3}|\(?0\d{1,4}\)?)(?:[\s.-]\d{1,4}){2,4}(?![\d,.]\d)",
    # "Tulpenfeld 4, 53113 Bonn", "139, rue de Bercy, 75012 Paris": street number, postcode
    r"\d{1,4}[a-z]?,\s*(?:rue|avenue|boulevard|place|quai|allée|chemin|impasse)\b[^,\n]*"
    r"|(?<=,\s)\d{5}(?=\s+[A-ZÄÖÜ][a-zäöüéè]+)"
    r"|(?<=[a-zäöüß]\s)\d{1,4}[a-z]?(?=,\s*\d{5}\s+[A-ZÄÖÜ])",
    r"(?i:doi:\s?)?\b10\.\d{4,9}/\S+",  # DOIs
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.m\.",  # clock times
    r"\d{1,2}[.:]\d{2}\s?(?:BST|GMT|UTC|CET|CEST|ET|EST|EDT|PT|PST|PDT|Uhr)\b|\d{1,2}h\d{2}\b",
]
# After the slash dates: "1/3", "2023/24" and other slashed figures are left alone.
_SLASHED = r"\d+(?:/\d+)+"
_DATE = [
    # 17 November [2023], 17th of November, 17. November 2023
    rf"(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR}))?(?![\w])",
    # November [17][, 2023], December 2015, April
    rf"(?<![\w])(?P<mdy_m>{_MONTH})(?:\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\w]))?"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?(?![\w])",
    # the end of 2024, early 2023, mid-2024, the first half of 2025, the third quarter of 2024
    r"(?<![\w])(?P<mod>(?i:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+"
    r"|(?:early|late|mid)[\s-]+|(?:the\s+)?(?:first|second)\s+half\s+of\s+"
    r"|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of\s+))"
    rf"(?:(?P<mod_m>{_MONTH})\s+)?(?P<mod_y>{_YEAR})\b",
    # Q2 2024, H1 CY2025, Q3'24, FY2024, CY2024
    r"\b(?P<q>[QH])(?P<q_n>[1-4])(?:(?:\s+|\s*(?=[CF]Y)|')(?:(?P<q_cal>CY|FY)\s?'?)?"
    r"(?P<q_y>(?:19|20)\d\d|\d\d))?\b",
    r"\b(?P<fy>CY|FY)\s?'?(?P<fy_y>(?:19|20)\d\d|\d\d)\b",
    # the 1960s, '90s
    r"(?<![\w])(?P<dec>(?:1[5-9]|20)\d0)s\b|(?<![\w])'(?P<dec2>\d0)s\b",
    # 17.11.2023 (day first); 11/17/2023 (month first in English, day first elsewhere)
    rf"(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>{_YEAR})(?![\w])",
    rf"(?P<sl_a>\d{{1,2}})/(?P<sl_b>\d{{1,2}})/(?P<sl_y>{_YEAR})(?![\w/])",
    # 2024-02-03, 2024-02
    rf"(?<![\w.])(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\w-])",
    # last year, next month, this week, yesterday
    r"(?<![\w])(?P<rel>(?i:(?:last|this|next|previous)\s+(?:year|month|week|quarter)"
    r"|yesterday|tomorrow))\b",
]
_NAMES = [
    rf"\b(?:{_PRODUCTS})[\s-]?\d[\w.]*",  # GPT-4o, Claude 3.5, Windows 11, v2
    r"\b(?!(?i:mid|pre|post|early|late|end|over|under|top)-)[A-Za-z]\w*-\d[\w.]*",  # RT-2
    r"\b[A-Za-z]+\d[\w.]*",  # H100, A100s, B200
]
_WORDY = [
    # minute-long, decade-spanning
    r"(?<![\w-])(?P<long>(?i:second|minute|hour|day|week|month|year|decade|century))"
    r"-(?:long|spanning)\b",
    # doubled, tripling (not "doubling down"); "triples", "to double" as verbs
    r"(?<![\w])(?P<mverb>(?i:doubled|doubling|tripled|tripling|quadrupled|quadrupling|halved"
    r"|halving|triples|quadruples|(?<=\bto\s)(?:double|triple|quadruple)"
    r"|(?:double|triple|quadruple)(?=\s+(?:the|its|their|his|her|our)\b)))\b(?!\s+down)",
    # a month ago, a decade ago; within a year
    r"(?<![\w])(?P<aago>(?i:an?)\s+(?P<aago_u>day|week|month|year|decade))\s+ago\b",
    r"(?<=\bwithin\s)(?P<aunit>(?i:an?)\s+(?P<aunit_u>day|week|month|year|decade))\b",
    # twice; "once" only after a qualifier ("more than once"), otherwise it means "formerly"
    r"(?<![\w])(?P<times>(?i:twice|thrice|(?:(?<=than\s)|(?<=least\s)|(?<=only\s)"
    r"|(?<=exactly\s))once))\b",
    # "for weeks or months": a duration in a unit without a number
    r"(?<=\bfor\s)(?P<bare>(?i:hours|days|weeks|months|years|decades)"
    r"(?:\s+(?:or|and|to)\s+(?:hours|days|weeks|months|years|decades))?)\b",
]


# Words after "N-" that do not make "N-word" a count of words ("two-thirds", "10-fold").
_COMPOUND_NOT = (
    r"thirds|quarters|fifths|tenths|halves|fold|odd|plus|ish|based|like|style|related|linked"
    r"|backed|led|owned|listed|run|wide|long|only|free|bound|level|and|for|from|to"
)


def _quantity(style: str) -> str:
    num = _NUM[style]
    # Digits are atomic: "1.5C" never backtracks to a bare "1".
    first = rf"(?:(?P<d1>(?>{num}))|(?P<g1>{_FIG})|(?P<f1>{_FRAC})|(?P<w1>{_WNUM})|(?P<v1>{_VAGUE}))"
    second = rf"(?:(?P<d2>(?>{num}))|(?P<w2>{_WNUM}))"
    link = (
        r"(?(btw)(?:\s+(?:and|to)\s+|\s*[-–—]\s*)|(?:\s*[-–—]\s*|\s+to\s+))"
    )
    return (
        r"(?<![\w.,])(?P<btw>(?i:between|from)\s+)?"
        r"(?P<neg>(?:(?<=[\s(|])|^)[-\u2212](?=\d))?"
        rf"(?P<cur1>{_CUR_PRE})?{first}(?P<s1>{_SCALE})?"
        rf"(?:(?P<pct1>\s?%|\s(?i:percent|per\s?cent))?"
        rf"(?P<link>{link})(?P<cur2>{_CUR_PRE})?{second}(?P<s2>{_SCALE})?)?"
        rf"(?:(?P<pct>{_PCT})|(?P<cur3>{_CUR_POST})|(?P<mult>\s?[x×]\b|\s+times\b|-fold\b)"
        rf"|(?P<tu>{_TIME})|(?P<ou>{_OTHER_UNIT})|(?P<hn>-(?!(?:{_COMPOUND_NOT})\b)[a-z]{{3,}}\b(?!-\d)))?"
        rf"(?:\s+(?:out\s+of|of|(?P<inof>in))\s+(?!{_YEAR}\b)(?P<of>{num}|{_BASIC}))?"
        r"(?![A-Za-z\d])"
    )


@lru_cache(maxsize=8)
def _master(style: str) -> re.Pattern:
    """The one scanning regex for a decimal style; alternatives in priority order."""
    parts = [f"(?P<skip>{'|'.join(_SKIP)})"]
    parts += [f"(?:{p})" for p in _DATE]
    parts.append(f"(?P<name>{'|'.join(_NAMES)}|{_SLASHED})")
    parts.append(f"(?P<qty>{_quantity(style)})")
    parts += [f"(?:{p})" for p in _WORDY]
    # No alternative starts right after a word character, so that test runs first.
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


# --- small right/left windows ------------------------------------------------------------

_PER = re.compile(
    r"(?:\s+(?:a|an|per|each|every|pro|je|par|por|al)\s+|\s*/\s*|\s+in\s+a\s+|\s+im\s+)"
    r"(hours?|hr|h|days?|weeks?|wk|months?|mo|years?|yr|annum|quarters?|Stunde|Tag|Woche"
    r"|Monat|Jahr|jour|mois|an|año|mes|día)\b"
    r"|\s+(annually|yearly|monthly|weekly|daily|hourly|quarterly|annuali[sz]ed|annual"
    r"|jährlich|monatlich|täglich)(?![\w])"
    r"|\s+(p\.a\.)",
    re.I,
)
_AGO = re.compile(r"\s+ago\b|\s+(?:vor|il\s+y\s+a)\b", re.I)
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\S")
_LINK_AND = re.compile(r"\s+and\s+$|\s*(?:-|–|—|to|until|through)\s*$")
_COMPARATIVE = re.compile(
    r"\s+(?:more|less|fewer|as|larger|bigger|higher|lower|faster|slower|greater|smaller|the|"
    r"over|cheaper|longer|[a-z]+er\b)",
    re.I,
)

# Words after a number that are not the thing counted; scanning stops at them.
_STOP = {
    "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "as", "than", "that",
    "which", "who", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "can", "could", "may", "might", "the", "a", "an", "this", "these", "those", "it",
    "its", "their", "his", "her", "our", "your", "we", "they", "he", "she", "you", "i",
    "per", "each", "every", "ago", "later", "earlier", "before", "after", "since", "until",
    "into", "over", "under", "about", "between", "more", "less", "while", "when", "but", "if",
    "so", "not", "do", "does", "did", "also", "just", "only", "up", "out", "off", "down",
    "across", "through", "during", "like", "such", "all", "both", "there", "here", "then",
}
_NOT_PLURAL = {"is", "was", "has", "its", "this", "us", "as", "thus", "yes", "plus", "always",
               "perhaps", "less", "unless", "across", "various", "numerous", "previous",
               "famous", "serious", "obvious", "does", "alias", "bonus", "status", "gas"}
# Determiners skipped after a partitive "of": "two of the three", "a dozen of those rounds".
_DETERMINERS = {"the", "these", "those", "its", "their", "our", "his", "her", "your", "my"}
# Plural nouns that do not end in -s.
_IRREGULAR_PLURALS = {"people", "children", "men", "women", "staff", "personnel", "data",
                      "media", "police", "feet", "teeth", "mice", "geese"}
# Words before a four-digit number that make it a year ("in 2009") even if a noun follows.
_DATE_PREPS = {
    "in", "by", "since", "from", "until", "till", "to", "and", "or", "of", "before", "after",
    "during", "circa", "around", "early", "late", "mid", "year", "through", "between", "for",
    "im", "seit", "bis", "ab", "vor", "nach", "en", "de", "depuis",
}


def _approx(text: str, start: int, for_date: bool) -> str:
    """The qualifier just before a mention ('roughly', 'more than'), normalised, or ''."""
    if start == 0 or not text[start - 1].isspace():
        return ""
    words = text[max(0, start - 24):start].lower().split()
    for n in (2, 1):
        if len(words) >= n:
            key = " ".join(words[-n:])
            if key in nb.APPROX:
                found = nb.APPROX[key]
                return "" if for_date and found not in nb.DATE_APPROX else found
    return ""


def _prev_word(text: str, start: int) -> str:
    words = text[max(0, start - 16):start].lower().split()
    return words[-1] if words else ""


def _counted(text: str, end: int, value: float) -> tuple[str, int]:
    """The noun counted after a number, as a plural ('4,325 other listed companies' -> companies).

    Rule: read at most five words after the number (skipping one leading 'of'), stopping at
    punctuation or a function word; take the first word that looks plural (ends in -s). If
    there is none and the count is one, take the first word not ending in -ly. Upper-case
    acronyms keep their case (GPUs); other nouns are lower-cased.
    """
    words = []
    partitive = 0  # "two of the three largest providers": skip "of" and one determiner
    for i, m in enumerate(_TOKEN.finditer(text, end, min(len(text), end + 80))):
        tok = m.group().rstrip("'’")
        if not tok[0].isalpha():
            break
        low = tok.lower()
        if i == 0 and low == "of":
            partitive = 1
            continue
        if partitive == 1 and i == 1 and low in _DETERMINERS:
            continue
        if low in _STOP or low in nb.UNITS or low in nb.TENS or len(words) >= 5:
            break
        words.append((tok, m.start() + len(tok)))
    for tok, stop in words:
        low = tok.lower()
        if low in _IRREGULAR_PLURALS:
            return low, stop
        if low.endswith("s") and len(low) > 2 and low not in _NOT_PLURAL and not low.endswith(
            ("ss", "ous", "'s", "’s")
        ):
            return (tok if tok[:-1].isupper() else low), stop
    if value == 1:
        for tok, stop in words:
            if not tok.lower().endswith("ly"):
                return nb.plural(tok if tok.isupper() else tok.lower()), stop
    return "", end


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


def _extract_rows(text: str, lang: str | None, base_date) -> list[tuple]:
    """Scan text once; return row tuples in COLUMNS order up to 'ambiguous' (no sentence)."""
    style = nb.decimal_style(lang)
    english = not lang or lang.lower().replace("_", "-").split("-")[0] == "en"
    base = parse_base(base_date)
    rows: list[tuple] = []
    between_row = -1  # index of a date row preceded by "between", awaiting "and <date>"
    search = _master(style).search
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            break
        s, e = m.span()
        pos = e if e > s else e + 1
        kind_group = m.lastgroup
        if kind_group in ("skip", "name"):
            continue
        g = m.groupdict()
        if kind_group == "qty" or g["qty"] is not None:
            row = _read_quantity(text, m, g, style, base, english)
            if row is None:
                continue
            if row[0] is _SKIPPED:
                continue
            # a match cut short ("rose 56% to $2.9 billion") resumes after its first part
            e = pos = row[1]
        else:
            row = _read_other(text, m, g, base, style)
            if row is None:
                continue
        # date ranges: "between the end of 2024 and 2025", "2020 to 2023"
        if row[3] == "date" and rows and rows[-1][3] == "date" and row[10] and rows[-1][10]:
            prev = rows[-1]
            gap = text[prev[1]:row[0]]
            link = _LINK_AND.match(gap) if len(gap) < 12 else None
            if link and (not gap.strip().startswith("and") or between_row == len(rows) - 1):
                merged = (prev[0], row[1], text[prev[0]:row[1]], "date", NAN, NAN, NAN, "",
                          "", prev[9], f"{prev[10]}/{row[10]}", NAN, NAN,
                          prev[13] or row[13], False)
                rows[-1] = merged
                pos = max(pos, row[1])
                between_row = -1
                continue
        if row[3] == "date" and _prev_word(text, row[0]) == "between":
            between_row = len(rows)
        rows.append(row)
        pos = max(pos, row[1])
    return rows


def _read_other(text: str, m: re.Match, g: dict, base, style: str) -> tuple | None:
    """Rows for the date alternatives and the word forms (minute-long, doubled, twice...)."""
    s, e = m.span()
    if g["long"]:
        unit, factor = _time_unit(g["long"])
        return (s, e, text[s:e], "duration", factor, NAN, NAN, unit, "", "", "", NAN, NAN, "",
                False)
    if g["mverb"]:
        v = nb.MULTIPLY_VERBS[g["mverb"].lower()]
        return (s, e, text[s:e], "other", v, NAN, NAN, "x", "", "", "", NAN, NAN, "", False)
    if g["times"]:
        word = g["times"].lower()
        v = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[word]
        if _COMPARATIVE.match(text, e) and word != "once":
            return (s, e, text[s:e], "other", v, NAN, NAN, "x", "", "", "", NAN, NAN, "", False)
        return (s, e, text[s:e], "count", v, NAN, NAN, "times", "", _approx(text, s, False), "",
                NAN, NAN, "", False)
    if g["bare"]:
        return _bare_rows(text, m)
    if g["aago"]:
        unit, factor = _time_unit(g["aago_u"])
        date, flag = shift(base, unit, factor) if base[0] else ("", FLAG_UNRESOLVED)
        return (s, e, text[s:e], "date", NAN, NAN, NAN, "", "", "", date, NAN, NAN, flag, False)
    if g["aunit"]:
        unit, factor = _time_unit(g["aunit_u"])
        return (s, e, text[s:e], "duration", factor, NAN, NAN, unit, "", "", "", NAN, NAN, "",
                False)
    found = date_of(m, base, style)
    if found is None:
        return None
    date, flag = found
    return (s, e, text[s:e], "date", NAN, NAN, NAN, "", "", _approx(text, s, True), date, NAN,
            NAN, flag, flag == FLAG_AMBIGUOUS)


def _bare_rows(text: str, m: re.Match) -> tuple:
    """'for weeks or months': the first unit as one row; the second is found by a rescan."""
    s = m.start()
    word = re.match(r"\w+", text[s:]).group()
    unit, _ = _time_unit(word)
    return (s, s + len(word), word, "duration", NAN, NAN, NAN, unit, "", "", "", NAN, NAN, "",
            False)


_BARE_NEXT = re.compile(r"\s+(?:or|and|to)\s+(hours|days|weeks|months|years|decades)\b", re.I)


_SKIPPED = object()  # row[0] of a span that is read and is not a mention (a score "3-1")
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
    nxt = _TOKEN.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if nxt is None or not nxt.group()[0].isalpha():
        return False
    word = nxt.group().lower()
    return word in _DETERMINERS or (word not in _STOP and word not in nb.UNITS and word.islower())


def _first_part(text: str, m: re.Match, g: dict, style: str, base, english: bool, end: int):
    """Re-read a match cut at `end` (its first number alone)."""
    m2 = _master(style).match(text, m.start(), end)
    if m2 is None or m2.group("qty") is None:
        return None
    return _read_quantity(text, m2, m2.groupdict(), style, base, english)


def _read_quantity(text: str, m: re.Match, g: dict, style: str, base,
                   english: bool = True) -> tuple | None:
    """Read one number-based match into a row, or None when it is not a quantity."""
    s = m.start("cur1") if g["cur1"] is not None else m.start(
        next(k for k in ("d1", "w1", "v1", "f1", "g1") if g[k] is not None))
    if g["neg"]:
        s = m.start("neg")
    e = m.end()
    d1 = g["d1"]
    if d1 is not None and len(d1) > 15 and d1.isdigit():
        return None  # an identifier, not an amount
    if g["link"] is not None and g["btw"] is None:
        first_end = m.end("pct1") if g["pct1"] else m.end("s1") if g["s1"] else m.start("link")
        unit_mismatch = (bool(g["pct1"]) and not g["pct"]) or (
            bool(g["cur1"]) and not (g["cur2"] or g["cur3"]))
        change = g["link"].strip().lower() == "to" and _prev_word(
            text, m.start()) in _CHANGE_VERBS
        if unit_mismatch or change:
            return _first_part(text, m, g, style, base, english, first_end)
    if g["inof"] is not None and any(
            g[k] for k in ("pct", "cur1", "cur3", "mult", "tu", "ou", "hn", "link")):
        return _first_part(text, m, g, style, base, english, m.start("inof") - 1)
    ambiguous = False
    low = high = NAN
    mult = _scale_of(g["s1"])
    value = NAN
    kind_hint = ""
    noun_end = e
    unit = per = date = flag = ""
    of = NAN
    # --- the number (or band) itself
    if g["v1"] is not None:
        vague = " ".join(g["v1"].lower().split())
        if vague.startswith("a couple"):
            value = 2.0
        elif vague in nb.VAGUE:
            low, high = nb.VAGUE[vague]
        else:
            parts = vague.split(" of ")
            p = nb.POWERS[parts[0]] * (nb.SCALES[parts[1].rstrip("s")] if len(parts) > 1 else 1)
            low, high = p, 10 * p
        if mult != 1.0:
            low, high = low * mult, high * mult
    elif g["f1"] is not None:
        value = nb.FRACTIONS[" ".join(g["f1"].lower().replace("-", " ").split())]
    elif g["g1"] is not None:
        digits = nb.FIGURES[g["g1"].lower().split("-")[0]]
        low, high = 10.0 ** (digits - 1), 10.0**digits - 1
        kind_hint = "money"  # "a nine-figure deal": sizes of sums, currency unstated
    else:
        value, ambiguous = _number(d1, g["w1"], style)
        value *= mult
        if g["link"] is not None:
            second, amb2 = _number(g["d2"], g["w2"], style)
            ambiguous = ambiguous or amb2
            mult2 = _scale_of(g["s2"])
            if g["s2"] and not g["s1"]:
                mult = mult2  # "$3 to $4.5 billion": the scale word is shared
                value *= mult2
            low, high, value = value, second * mult2, NAN
            year_pair = d1 is not None and len(d1) == 4 and len(g["d2"] or "") == 2
            if low > high and g["btw"] is None and not year_pair:
                if g["pct1"]:  # "57% to 43%": two figures, not a range
                    return _first_part(text, m, g, style, base, english, m.end("pct1"))
                if not (g["cur1"] or g["pct"] or g["cur3"] or g["tu"] or g["ou"] or g["s1"]
                        or g["s2"] or g["mult"]):
                    return (_SKIPPED, e)  # a score or a vote split: "3-1", "51-49"
        if g["neg"]:
            value, low = -value, -low
    if ambiguous:
        value = low = high = NAN
    cur = _currency(g["cur1"] or g["cur2"] or g["cur3"])
    approx = _approx(text, s, False)
    # --- the kind
    if g["cur3"] and re.search(r"cent", g["cur3"], re.I):
        cur = "EUR" if style == "comma" else "USD"  # "4 cents", "3,1 Cent"
        value, low, high = value / 100, low / 100, high / 100
    if cur:
        kind, unit = "money", cur
    elif g["pct"] is not None:
        kind = "percent"
        unit = "pp" if re.search(r"point|pp|punkte|bps", g["pct"], re.I) else "percent"
        if re.search(r"basis|bps", g["pct"], re.I):  # 25 basis points = 0.25 points
            value, low, high = value / 100, low / 100, high / 100
    elif g["f1"] is not None:
        kind, unit, value = "percent", "percent", value * 100
    elif g["mult"] is not None:
        if (g["mult"].strip() == "times" and not _COMPARATIVE.match(text, e)
                and g["link"] is None and not _times_of(text, e)):
            kind, unit = "count", "times"
        else:
            kind, unit = "other", "x"
    elif g["tu"] is not None:
        tunit, factor = _time_unit(g["tu"])
        ago = _AGO.match(text, e)
        if ago:
            e = ago.end()
            date, flag = shift(base, tunit, value) if base[0] else ("", FLAG_UNRESOLVED)
            return (s, e, text[s:e], "date", NAN, NAN, NAN, "", "", approx, date, NAN, NAN, flag,
                    ambiguous)
        kind, unit = "duration", tunit
        value, low, high = value * factor, low * factor, high * factor
    elif g["ou"] is not None:
        key = " ".join(g["ou"].strip(" -").lower().split())
        kind = "other"
        unit = nb.PHYSICAL_UNITS.get(key, nb.PHYSICAL_UNITS.get(key.replace(" ", ""),
                                                                 g["ou"].strip(" -")))
    elif g["hn"] is not None:  # "a 1,200-page report", "a 12-point lead"
        kind, unit = "count", nb.plural(g["hn"][1:].lower())
    else:
        kind = "count"
        year_like = (
            d1 is not None and len(d1) == 4 and d1.isdigit() and 1500 <= int(d1) <= 2199
            and g["s1"] is None and g["of"] is None
        )
        if year_like and g["link"] is not None:
            d2 = g["d2"] or ""
            if len(d2) == 2 and d2.isdigit():
                d2 = d1[:2] + d2  # "2023-24"
            if len(d2) == 4 and d2.isdigit() and int(d2) >= int(d1):
                return (s, e, text[s:e], "date", NAN, NAN, NAN, "", "", approx, f"{d1}/{d2}",
                        NAN, NAN, "", False)
        elif year_like:
            if (_prev_word(text, s) in _DATE_PREPS or not _counted(text, e, 2.0)[0]
                    or _CAPITAL_NAME.match(text, e)):
                return (s, e, text[s:e], "date", NAN, NAN, NAN, "", "",
                        approx if approx in nb.DATE_APPROX else "", d1, NAN, NAN, "", False)
        if g["of"] is not None:
            of_text = g["of"]
            of = (nb.read_digits(of_text, style)[0] if of_text[0].isdigit()
                  else nb.read_words(of_text))
            if g["inof"] is not None and not (of <= 10 or of % 10 == 0):
                # "14 in 21 matches" is not a ratio like "1 in 5 adults"
                return _first_part(text, m, g, style, base, english, m.start("inof") - 1)
        unit, noun_end = _counted(text, e, value) if english else ("", e)
        if _BPD.match(text, e):
            unit, noun_end = "barrels", e  # barrels per day
            per = "day"
        elif unit.lower() in nb.TIME_UNITS and g["of"] is None:
            # "six straight weeks": a duration with a word between number and unit
            tunit, factor = _time_unit(unit)
            kind, unit = "duration", tunit
            value, low, high = value * factor, low * factor, high * factor
        if kind_hint:
            kind, unit = kind_hint, ""
        elif not unit and d1 is None and g["w1"] is None and _prev_word(text, s) in nb.MONEY_VERBS:
            kind = "money"  # "raise trillions": money, currency not stated
    # --- rate period, right after the number or after the counted noun ("100 users a day")
    p = _PER.match(text, e)
    after_noun = p is None and kind == "count" and unit != "" and unit != "times"
    if after_noun and not per:
        p = _PER.match(text, noun_end)
    if p:
        word = (p.group(1) or p.group(2) or "year").lower().rstrip("s")
        word = "year" if word == "p.a." else word
        per = nb.PERIODS.get(word, nb.TIME_UNITS.get(word, ""))
        if per and not after_noun:
            e = p.end()
    if not math.isnan(low) and low == high:
        value, low, high = low, NAN, NAN
    return (s, e, text[s:e], kind, value, low, high, unit, per, approx, date, of, mult, flag,
            ambiguous)


def _sentence_cols(text: str, rows: list[tuple],
                   spans: list[tuple[int, int]] | None = None) -> tuple[list, list, list]:
    """Sentence text and offsets per row, by bisect over the sentence spans (those of the
    sentences frame when given, else the text's own)."""
    spans = sentences.spans(text) if spans is None else spans
    starts = [a for a, _ in spans]
    out_s, out_a, out_b = [], [], []
    cache: dict[int, str] = {}
    for row in rows:
        s, e = row[0], row[1]
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and spans[i][1] >= e:
            a, b = spans[i]
        else:
            a, b = sentences.around(text, s, e, cache=[])
        if b - a > MAX_SENTENCE:
            a2, b2 = max(a, s - WINDOW), min(b, e + WINDOW)
            out_s.append(text[a2:b2])
        else:
            if i not in cache or cache[i][0] != (a, b):
                cache[i] = ((a, b), text[a:b])
            out_s.append(cache[i][1])
        out_a.append(a)
        out_b.append(b)
    return out_s, out_a, out_b


# The columns `extract` returns, typed as the quantities frame types them.
_EXTRACT = Frame("quantities", "", tuple(c for c in FRAMES["quantities"].columns
                                          if c.name in COLUMNS))


def _columns(rows: list[tuple], text: str, spans: list[tuple[int, int]] | None = None,
             data: dict[str, list] | None = None) -> dict[str, list]:
    """Rows (COLUMNS order without the sentence) as column lists, the sentence columns
    added; appended to ``data`` when given."""
    data = {name: [] for name in COLUMNS} if data is None else data
    for name, values in zip(COLUMNS[:15], zip(*rows, strict=True) if rows else [()] * 15,
                            strict=True):
        data[name].extend(values)
    sent, a, b = _sentence_cols(text, rows, spans)
    data["sentence"].extend(sent)
    data["sentence_start"].extend(a)
    data["sentence_end"].extend(b)
    return data


def extract(text: str, *, lang: str | None = "en", base_date=None) -> pd.DataFrame:
    """One row per quantitative mention in `text`, in text order (see COLUMNS).

    lang sets the decimal mark ("en": 1,234.5; "de"/"fr"/...: 1.234,5); lang=None means
    unknown, and a lone separator before three digits ("1.234") is then flagged ambiguous
    with value NaN. base_date (date, 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or None) resolves
    relative dates and months without a year; without it they are flagged 'unresolved'.
    """
    rows = _expand_bare(text, _extract_rows(text, lang, base_date))
    return _EXTRACT.typed(_columns(rows, text))


def _expand_bare(text: str, rows: list[tuple]) -> list[tuple]:
    """Add the second unit of 'weeks or months' as its own row."""
    out = []
    for row in rows:
        out.append(row)
        if row[3] == "duration" and math.isnan(row[4]) and math.isnan(row[5]) and row[7]:
            nxt = _BARE_NEXT.match(text, row[1])
            if nxt:
                unit, _ = _time_unit(nxt.group(1))
                a, b = nxt.span(1)
                out.append((a, b, text[a:b], "duration", NAN, NAN, NAN, unit, "", "", "", NAN,
                            NAN, "", False))
    return out


def for_corpus(corpus, sentences_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quantities of every paragraph of a corpus, offsets into corpus.texts[article].

    Adds article, paragraph (ordinal) and is_boilerplate (paragraph kind 'boilerplate');
    base_date is the article's published date when it has month or day precision, lang its
    language. Each mention's sentence comes from the sentences frame (built from the corpus
    when not given). Rows are ordered by article then start.
    """
    if sentences_frame is None:
        sentences_frame = sentences.for_corpus(corpus)
    spans_of = {article: list(zip(part["start"].tolist(), part["end"].tolist(), strict=True))
                for article, part in sentences_frame.groupby("article", sort=False,
                                                             observed=True)}
    arts = corpus.articles.set_index("id")
    data: dict[str, list] = {name: [] for name in FRAMES["quantities"].names}
    in_order = True
    for article, paras in corpus.paragraphs.groupby("article", sort=True, observed=True):
        text = corpus.texts[article]
        info = arts.loc[article] if article in arts.index else None
        lang = (info.get("language") or None) if info is not None else None
        published = (info.get("published") or "") if info is not None else ""
        precision = (info.get("date_precision") or "") if info is not None else ""
        if precision and precision not in ("day", "month"):
            published = ""
        elif not precision and len(str(published)) < 7:
            published = ""
        rows: list[tuple] = []
        for p in paras.itertuples(index=False):
            par_rows = _expand_bare(p.text, _extract_rows(p.text, lang, published or None))
            start = int(p.start)
            for r in par_rows:
                rows.append((r[0] + start, r[1] + start) + r[2:])
            data["paragraph"] += [int(p.ordinal)] * len(par_rows)
            data["is_boilerplate"] += [str(p.kind) == "boilerplate"] * len(par_rows)
        in_order = in_order and all(x[0] <= y[0] for x, y in zip(rows, rows[1:], strict=False))
        data["article"] += [str(article)] * len(rows)
        _columns(rows, text, spans_of.get(article, []), data)
    out = FRAMES["quantities"].typed(data)
    if not in_order:
        out = out.sort_values(["article", "start"], kind="stable", ignore_index=True)
    return out
