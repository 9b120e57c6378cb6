"""The one regex that scans a text for quantitative mentions, built from the lexicon.

:func:`master` compiles, per decimal style, one alternation of every form the extractor
reads, in priority order: spans to skip (phone numbers, scores, product names), the date
forms, names that hold digits, the number-based quantities (with their currency, scale,
unit, range and "X of Y" parts as named groups), and the word forms ("twice",
"minute-long"). ``analysis.extract.quantities`` reads each match's groups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.extract import lexicon as nb

__all__ = ["candidates", "master"]


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
# German and French text (decimal-comma style) also spells numbers in its own words.
_FOREIGN_SCALES = r"milliards?|millions?|Milliarden?|Millionen|Million"
_WNUM_COMMA = (
    rf"(?i:(?:{_alt(nb.FOREIGN_ARTICLES)})(?=\s+(?:{_FOREIGN_SCALES})\b)"
    rf"|(?:{_alt(nb.FOREIGN_UNITS)})\b|{_WNUM[4:-1]})"
)
_VAGUE = (
    r"(?i:a\s+few|(?:a\s+|(?<=past\s)|(?<=last\s)|(?<=next\s))couple(?:\s+of)?|several"
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
    rf"|(?<=\bby\s)(?:{_FRAC_WORDS})\b(?!-)"
    r"|(?:ein(?:em|en|es)?)\s+(?:Zehntel|Drittel|Viertel|Fünftel)\b)"
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
    r"|milliards?|millions)\b|[\s\u00a0]?(?:mn|bn|tn|mln|Mn|Bn|Mio|Mrd|Tsd|Md)\b\.?|[kKmMbBT]\b)"
)
_PCT = (
    r"\s?%|\s?-?\s?(?i:percent|per\s?cent|pct)\b|\s(?i:percentage[\s-]points?)\b"
    r"|\s?(?:Prozentpunkte|Prozent|pour\s?cent|por\s?ciento|per\s?cento|procent)\b|\s?pp\b"
    r"|\s(?i:basis\s+points?|bps)\b"
)
_CUR_POST = (
    rf"\s?(?:{'|'.join(nb.CURRENCY_CODES)})\b|\s?[€$£¥₹]"
    r"|\s+(?i:(?:US\s+)?dollars?|euros?|pounds(?:\s+sterling)?|yen|yuan|renminbi|rupees?|franken)\b"
    r"|\s+d['’]euros\b|\s+de\s+dollars\b|\s+US-Dollar\b|(?<=illion)[\s-]won\b"
    r"|\s+(?i:cents?)\b"
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
    r"|Hektar|hectares?"
    r"|(?:kilo|mega|giga)?watts?(?:-hours|\s+hours|stunden)?|kilogram(?:me)?s|milligrams"
    r"|degrees?(?:\s+(?:Celsius|Fahrenheit))?|kilowattstunden)\b"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
    r"|(?i:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?:1[5-9]|2[01])\d\d"
_FOREIGN_RELATIVE = "|".join(re.escape(k).replace(r"\ ", r"\s+")
                             for k in sorted(nb.FOREIGN_RELATIVE, key=len, reverse=True))
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_PRODUCTS = (
    r"GPT|Claude|Llama|LLaMA|Gemini|Gemma|Mistral|Mixtral|Qwen|Phi|Grok|PaLM|DALL[-·]E|Sora"
    r"|Windows|iPhone|iPad|iOS|Android|macOS|Python|Pixel|Galaxy|Xbox|PlayStation|Firefox"
    r"|Chrome|Sonnet|Opus|Haiku|Version|version|v|Section|Article|Chapter|Clause|Title|Rule"
    r"|Amendment|Ep\.|Episode|Type|type|Stage|Phase|Level|Flight|Route|Interstate|Gate|Room"
    r"|No\.|Fortune|FTSE|S&P|Russell|Nikkei|DAX|MDAX|SDAX|TecDAX|CAC|SBF|IBEX|MSCI|Stoxx"
    r"|Boeing|Falcon|Model|Series"
)

_SKIP = [
    r"(?:https?://|www\.)\S+",  # URLs (X status ids inside them)
    # e-mail addresses; a local part has at most 64 characters (RFC 5321), and the bound
    # keeps a long run of dots and digits ("9.9.9.9...") from being rescanned at every
    # position of it
    r"[\w.+-]{1,64}@[\w-]+\.[\w.]+",
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
    rf"(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR}))?(?![\w])",
    # November [17][, 2023], December 2015, April
    r"(?<![\w])(?:(?P<mdy_rel>(?i:last|next|this))\s+)?"
    rf"(?P<mdy_m>{_MONTH})(?:\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\w]))?"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?(?![\w])",
    # the end of 2024, early 2023, mid-2024, the end of March, Ende 2027, début novembre
    r"(?<![\w])(?P<mod>(?i:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+"
    r"|(?:early|late|mid)[\s-]+|(?:Ende|Anfang|Mitte|Beginn|fin|début)\s+|mi-))"
    rf"(?:(?P<mod_m>{_MONTH})(?:\s+(?P<mod_y>{_YEAR}))?|(?P<mod_y2>{_YEAR}))\b",
    # the second quarter [of 2024 | of fiscal 2025 | of last year], first-half, the current
    # fiscal first quarter; im dritten Quartal 2024; au premier trimestre 2025
    r"(?<![\w])(?P<qw>(?i:(?:the\s+)?(?:(?P<qw_rel>current|coming|latest)\s+)?"
    r"(?P<qw_fis>fiscal[\s-]+)?(?P<qw_n>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
    r"(?P<qw_fis2>fiscal[\s-]+)?(?P<qw_u>quarter|half)(?![\w-])"
    r"(?!\s+of\s+(?:the|a|an|its|their|this|that|his|her)\b)"
    r"(?:\s+of\s+(?:(?P<qw_ly>last|this|next)\s+year\b|(?P<qw_fy>fiscal\s+(?:year\s+)?|FY\s?'?)?"
    rf"(?P<qw_y>{_YEAR})\b)|\s+(?P<qw_fy2>fiscal\s+(?:year\s+)?|FY\s?'?)?(?P<qw_y2>{_YEAR})\b"
    r"|\s+(?P<qw_fy3>FY\s?'?)(?P<qw_y3>\d\d)\b)?))",
    r"(?<![\w])(?P<qde>(?i:(?:im\s+)?(?P<qde_n>ersten|zweiten|dritten|vierten|erstes|zweites"
    r"|drittes|viertes|erste|zweite|dritte|vierte)\s+(?P<qde_u>Quartal|Halbjahr)))"
    rf"(?:\s+(?P<qde_y>{_YEAR}))?\b",
    r"(?<![\w])(?P<qfr>(?i:(?P<qfr_n>premier|deuxième|second|troisième|quatrième)\s+"
    r"(?P<qfr_u>trimestre|semestre)))"
    rf"(?:\s+(?P<qfr_y>{_YEAR}))?\b",
    # 2Q25, 1H 2024 (analysts' order)
    r"\b(?P<qn>[1-4])(?P<qn_q>[QH])\s?(?P<qn_y>(?:19|20)\d\d|\d\d)\b",
    # Q2 2024, H1 CY2025, Q3'24, FY2024, CY2024
    r"(?:(?P<q_fis>(?i:fiscal))\s+)?\b(?P<q>[QH])(?P<q_n>[1-4])(?:(?:\s+|\s*(?=[CF]Y)|')(?:(?P<q_cal>CY|FY)\s?'?)?"
    r"(?P<q_y>(?:19|20)\d\d|\d\d))?\b",
    r"\b(?P<fy>CY|FY)\s?'?(?P<fy_y>(?:19|20)\d\d|\d\d)\b",
    rf"(?<![\w])(?P<fyw>(?i:fiscal)\s+(?:(?i:year)\s+)?)(?P<fyw_y>{_YEAR})\b",
    # the 1960s, '90s
    r"(?<![\w])(?P<dec>(?:1[5-9]|20)\d0)s\b|(?<![\w])'(?P<dec2>\d0)s\b",
    # 17.11.2023 (day first); 11/17/2023 (month first in English, day first elsewhere)
    rf"(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>{_YEAR})(?![\w])",
    rf"(?P<sl_a>\d{{1,2}})/(?P<sl_b>\d{{1,2}})/(?P<sl_y>{_YEAR})(?![\w/])",
    # 2024-02-03, 2024-02
    rf"(?<![\w.])(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\w-])",
    # over the last year, for the next month: a duration of one unit
    # (over) the past month: a duration of one unit
    r"(?P<overu>(?i:(?:(?<=\bover\s)|(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bthroughout\s))"
    r"the\s+(?:last|next|coming)\s+|the\s+past\s+)(?P<overu_u>year|month|week|decade))\b",
    # earlier this week, later this year, early next year, late last year
    r"(?<![\w])(?P<rel2>(?i:(?P<rel2_m>earlier|later|early|late)\s+(?P<rel2_s>this|next|last)"
    r"\s+(?P<rel2_u>year|month|week)))\b",
    # last year, next month, this week, the current quarter, the past week, yesterday, today
    r"(?<![\w])(?P<rel>(?i:(?:last|this|next|current|coming)\s+(?:year|month|week|quarter"
    r"|season)|yesterday|tomorrow))\b",
    # dieses Jahr, im vergangenen Jahr, cette année, l'an prochain, heute, aujourd'hui
    rf"(?<![\w])(?P<frel>(?i:{_FOREIGN_RELATIVE}))(?![\w])",
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
    r"|(?:doppelt|dreifach)(?=\s+so\b)|verdoppelt|verdreifacht|doublé|triplé"
    r"|halving|triples|quadruples|(?<=\bto\s)(?:double|triple|quadruple)"
    r"|(?:double|triple|quadruple)(?=\s+(?:the|its|their|his|her|our)\b)))\b(?!\s+down)",
    # a month ago, a decade ago; within a year
    r"(?<![\w])(?P<aago>(?i:an?)\s+(?P<aago_u>day|week|month|year|decade))\s+ago\b",
    r"(?:(?<=\bwithin\s)|(?<=\bthan\s)|(?<=\bin\s)|(?<=\bunder\s)|(?<=\bfor\s))"
    r"(?P<aunit>(?i:an?)\s+(?P<aunit_u>day|week|month|year|decade))\b"
    r"(?!['’]|\s+(?:earlier|ago|before|later|after)\b)",
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
    wnum = _WNUM_COMMA if style == "comma" else _WNUM
    first = rf"(?:(?P<d1>(?>{num}))|(?P<g1>{_FIG})|(?P<f1>{_FRAC})|(?P<w1>{wnum})|(?P<v1>{_VAGUE}))"
    second = rf"(?:(?P<d2>(?>{num}))|(?P<w2>{wnum}))"
    link = (
        r"(?(btw)(?:\s+(?:and|to)\s+|\s*[-–—]\s*)|(?:\s*[-–—]\s*|\s+to\s+))"
    )
    return (
        r"(?<![\w.,])(?P<btw>(?i:between|from)\s+)?"
        r"(?P<neg>(?:(?<=[\s(|])|^)[-\u2212](?=\d))?"
        rf"(?P<cur1>{_CUR_PRE})?{first}(?P<half>[\s-]and[\s-]a[\s-]half)?(?P<s1>{_SCALE})?"
        rf"(?:(?P<pct1>\s?%|\s(?i:percent|per\s?cent))?"
        rf"(?P<link>{link})(?P<cur2>{_CUR_PRE})?{second}(?P<s2>{_SCALE})?)?"
        rf"(?:(?P<pct>{_PCT})|(?P<cur3>{_CUR_POST})|(?P<mult>\s?[x×]\b|\s+times\b|-fold\b)"
        rf"|(?P<tu>{_TIME})|(?P<ou>{_OTHER_UNIT})|(?P<hn>-(?!(?:{_COMPOUND_NOT})\b)[a-z]{{3,}}\b(?!-\d)))?"
        rf"(?:\s+(?:out\s+of|of|(?P<inof>in))\s+(?!{_YEAR}\b)(?P<of>{num}|{_BASIC}))?"
        r"(?![A-Za-z\d])"
    )


def _trie(words) -> str:
    """One regex alternation of `words` as a trie: each branch is tried after one character
    test, instead of one test per word."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else (
            "(?:" + "|".join(branches) + ")")
        return f"(?:{body})?" if ends else body

    return walk(tree)


def _first_words() -> set[str]:
    """Every word an alternative of the master regex can start with, lower-cased: where a
    mention can begin at a letter, the word there is one of these (or holds a digit)."""
    words = {
        # dates and relative dates
        *nb.MONTHS, "last", "next", "this", "the", "end", "start", "beginning", "middle",
        "close", "early", "late", "mid", "ende", "anfang", "mitte", "beginn", "fin", "début",
        "mi", "current", "coming", "latest", "fiscal", "first", "second", "third", "fourth",
        "im", *nb.ORDINALS, "q", "h", "cy", "fy", "earlier", "later", "yesterday", "tomorrow",
        *(re.split(r"[\s'’]", k)[0] for k in nb.FOREIGN_RELATIVE),
        # number words, bands, fractions, multipliers, word forms
        *nb.UNITS, *nb.TENS, *nb.FOREIGN_UNITS, *nb.FOREIGN_ARTICLES, *nb.POWERS, "a", "an",
        "several", "couple", "half", "ein", "einem", "einen", "eines", "between", "from",
        *nb.MULTIPLY_VERBS, "dreifach", "twice", "thrice", "once", "hours", "days", "weeks",
        "months", "years", "decades", "minute", "hour", "day", "week", "month", "year",
        "decade", "century",
        # skips and names
        "http", "https", "www", "doi", "rs", *(c.lower() for c in nb.CURRENCY_CODES),
        *(re.match(r"[A-Za-z]*", p).group().lower() for p in _PRODUCTS.split("|")),
    }
    return {w for w in words if w}


# Common first words, admitted only before what can follow them in an alternative.
_THE_NEXT = (r"end|start|beginning|middle|close|first|second|third|fourth|1st|2nd|3rd|4th"
             r"|current|coming|latest|fiscal|past|last|next")
_A_NEXT = (r"few|couple|half|third|quarter|fifth|tenth|dozen|hundred|thousand|million|billion"
           r"|trillion|lakh|crore|day|week|month|year|decade")
_THIS_NEXT = r"year|month|week|quarter|season|" + _MONTH


@lru_cache(maxsize=1)
def candidates() -> re.Pattern:
    """Where the master regex can match: it is tried only there (see `master`).

    A digit or one of the symbols a mention can start with (each before what must follow
    it); a word that holds or is followed by a digit or '@' (H100, GPT-4, e-mail addresses);
    capitals before '$' or a number (US$, a ZIP code); a product name before its number;
    "the", "a" and "this" before a word that can follow them in a mention; any other word
    of `_first_words`; the indent of a numbered list line. Every alternative of the master
    regex starts at one of these, which tests/extract/test_quantities_props.py checks at
    every position of every gold text.
    """
    products = {re.match(r"[A-Za-z]*", p).group().lower() for p in _PRODUCTS.split("|")}
    special = {"the", "a", "an", "this"} | products
    plain = sorted(_first_words() - special)
    symbols = (r"\d|[$€£¥₹₩₽]|[#@](?=\w)|[-\u2212](?=\d)|[-.+](?=[\w.+-]{0,64}@)|\+(?=\d)"
               r"|\((?=\d)|'(?=\d0s)")
    return re.compile(
        rf"(?<!\w)(?:{symbols}|[^\W\d][^\W\d]*+(?=\d|-\d|[\w.+-]{{0,64}}+@)|[A-Z]{{1,2}}(?=\$|\s+\d)"
        rf"|(?i:the(?=\s+(?:{_THE_NEXT})\b)|an?(?=[\s-]+(?:{_A_NEXT})\b)"
        rf"|this(?=\s+(?:{_THIS_NEXT})\b)"
        rf"|{_trie(sorted(p for p in products if p))}(?=[\w&.·-]{{0,3}}[\s-]?\d)"
        rf"|{_trie(plain)})(?!\w))|(?m:^)[ \t]+(?=\d)"
    )


@lru_cache(maxsize=8)
def master(style: str) -> re.Pattern:
    """The one scanning regex for a decimal style; alternatives in priority order."""
    parts = [f"(?P<skip>{'|'.join(_SKIP)})"]
    parts += [f"(?:{p})" for p in _DATE]
    parts.append(f"(?P<name>{'|'.join(_NAMES)}|{_SLASHED})")
    parts.append(f"(?P<qty>{_quantity(style)})")
    parts += [f"(?:{p})" for p in _WORDY]
    # No alternative starts right after a word character, so that test runs first.
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")
