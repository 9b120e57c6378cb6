"""The lexicon of number grammar: words, scales, currencies, units, and how to read digits.

Kept apart from `analysis.extract.quantities` so the tables read as data and the parser stays short.
Every table maps a lower-cased surface word (or a symbol) to its meaning.
"""

from __future__ import annotations

import math
import re

# --- spelled-out numbers (English) -------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}

# Spelled-out numbers of German and French text (read only under a decimal-comma style).
# "ein"/"un" are articles unless a scale word follows ("un milliard"); "neuf" (new) and
# "cent" (in "pour cent") are left out.
FOREIGN_UNITS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "hundert": 100,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "dix": 10,
    "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50,
}
FOREIGN_ARTICLES = {"ein": 1, "eine": 1, "einen": 1, "un": 1, "une": 1}

# Scale words after a number multiply it. German abbreviations carry an optional full stop.
# "Billion" in German is 1e12 (long scale): only the German words are mapped to long scale.
SCALES = {
    "hundred": 1e2, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12,
    "tsd": 1e3, "tsd.": 1e3, "tausend": 1e3, "mio": 1e6, "mio.": 1e6, "millionen": 1e6,
    "mrd": 1e9, "mrd.": 1e9, "milliarde": 1e9, "milliarden": 1e9, "billionen": 1e12,
    "md": 1e9, "mds": 1e9, "millions": 1e6, "milliards": 1e9, "milliard": 1e9,
    "thousands": 1e3, "billions": 1e9, "trillions": 1e12,
    "lakh crore": 1e12,
}

# Vague plural powers: "hundreds of millions" = [1e8, 1e9). A power P reads as the band
# [P, 10 P): one order of magnitude, the same rule for every word (dozens: 12 to 120).
POWERS = {
    "tens": 10.0, "dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}

# Vague counts as (low, high); "a couple" is exactly two.
VAGUE = {"a few": (2.0, 5.0), "several": (3.0, 9.0)}
FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
    "a fifth": 0.2, "one fifth": 0.2, "two fifths": 0.4, "three fifths": 0.6,
    "four fifths": 0.8, "a tenth": 0.1, "one tenth": 0.1,
}
FRACTIONS.update({f"{article} {word}": value for article in ("ein", "einem", "einen", "eines")
                  for word, value in (("zehntel", 0.1), ("drittel", 1 / 3), ("viertel", 0.25),
                                      ("fünftel", 0.2))})
# "nine-figure" = a number written with nine digits: [1e8, 1e9 - 1].
FIGURES = {w: n for w, n in list(UNITS.items()) + list(TENS.items()) if n >= 2}

# Multiplier verbs: "doubled" = 2x.
MULTIPLY_VERBS = {
    "double": 2.0, "doubled": 2.0, "doubles": 2.0, "doubling": 2.0,
    "triple": 3.0, "tripled": 3.0, "triples": 3.0, "tripling": 3.0,
    "quadruple": 4.0, "quadrupled": 4.0, "quadruples": 4.0, "quadrupling": 4.0,
    "halved": 0.5, "halves": 0.5, "halving": 0.5,
    "doppelt": 2.0, "dreifach": 3.0, "verdoppelt": 2.0, "verdreifacht": 3.0, "doublé": 2.0,
    "triplé": 3.0,
}

# --- currencies --------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "s$": "SGD", "rs": "INR", "rs.": "INR", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
}
CURRENCY_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "CAD", "AUD", "KRW", "SEK",
    "NOK", "DKK", "PLN", "HKD", "SGD", "BRL", "RUB",
)
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "franken": "CHF",
    "de dollars": "USD", "us-dollar": "USD", "won": "KRW", "-won": "KRW",
}

# Verbs that make a bare, unit-less amount money ("raise trillions").
MONEY_VERBS = {
    "raise", "raises", "raised", "raising", "spend", "spends", "spent", "spending",
    "invest", "invests", "invested", "investing", "cost", "costs", "costing", "pay", "pays",
    "paid", "paying", "fund", "funded", "funding", "worth", "valued", "valuation", "earn",
    "earned", "earns", "borrow", "borrowed", "lose", "lost", "losing", "burn", "burned",
    "pouring", "poured", "pours", "put", "inject", "injected",
    "levé", "lève", "lever", "levée", "investi", "investit", "investir", "investira",
    "coûte", "coûté", "valorisée", "valorisé", "investiert", "investieren", "investiere",
    "kostet", "kosten", "gekostet", "investitionen", "ausgeben", "vermögen", "levés",
    "levées", "investis", "valorise", "valorisation", "umsatz", "gewinn",
}

# --- time --------------------------------------------------------------------------------

TIME_UNITS = {
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "sec": "second", "secs": "second", "second": "second", "seconds": "second",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "mo": "month", "mos": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    "quarter": "quarter", "quarters": "quarter",
    "stunde": "hour", "stunden": "hour", "tag": "day", "tage": "day", "tagen": "day",
    "woche": "week", "wochen": "week", "monat": "month", "monate": "month", "monaten": "month",
    "jahr": "year", "jahre": "year", "jahren": "year",
    "season": "year", "seasons": "year",
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "an": "year", "ans": "year", "année": "year", "années": "year",
}
# Decades and centuries are reported in years so every duration uses one of six units.
TIME_IN_YEARS = {"decade": 10.0, "century": 100.0}
TIME_IN_MONTHS = {"quarter": 3.0}

# Rate periods: "a day", "per month", "/yr", "annually", "annual run-rate".
PERIODS = {
    "hour": "hour", "hr": "hour", "h": "hour", "day": "day", "week": "week", "wk": "week",
    "month": "month", "mo": "month", "year": "year", "yr": "year", "annum": "year",
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
    "annually": "year", "annual": "year", "yearly": "year", "annualized": "year",
    "annualised": "year", "quarterly": "quarter", "quarter": "quarter",
    "stunde": "hour", "tag": "day", "woche": "week", "monat": "month", "jahr": "year",
    "jährlich": "year", "monatlich": "month", "täglich": "day", "jour": "day", "mois": "month",
    "an": "year", "año": "year", "mes": "month", "día": "day",
}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}

# Relative dates of German and French text: (step from the base, unit).
FOREIGN_RELATIVE = {
    "dieses jahr": (0, "year"), "diesem jahr": (0, "year"), "diesen jahres": (0, "year"),
    "letztes jahr": (-1, "year"), "letzten jahr": (-1, "year"),
    "vergangenes jahr": (-1, "year"), "vergangenen jahr": (-1, "year"),
    "nächstes jahr": (1, "year"), "nächsten jahr": (1, "year"), "kommendes jahr": (1, "year"),
    "kommenden jahr": (1, "year"), "gestern": (-1, "day"), "morgen": (1, "day"),
    "cette année": (0, "year"), "l'an dernier": (-1, "year"), "l’an dernier": (-1, "year"),
    "l'année dernière": (-1, "year"), "l’année dernière": (-1, "year"),
    "l'an passé": (-1, "year"), "l’an passé": (-1, "year"), "l'an prochain": (1, "year"),
    "l’an prochain": (1, "year"), "l'année prochaine": (1, "year"),
    "l’année prochaine": (1, "year"), "hier": (-1, "day"),
}
# Ordinals that name quarters and halves, in English, German and French.
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "erstes": 1, "zweites": 2,
    "drittes": 3, "viertes": 4, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4,
    "premier": 1, "deuxième": 2, "troisième": 3, "quatrième": 4,
}

# Physical units after a number (kind 'other'), normalised to their symbol.
PHYSICAL_UNITS = {
    "gwh": "GWh", "mwh": "MWh", "twh": "TWh", "kwh": "kWh", "gw": "GW", "mw": "MW", "kw": "kW",
    "gb": "GB", "tb": "TB", "pb": "PB", "mb": "MB", "km": "km", "kg": "kg", "mg": "mg",
    "cm": "cm", "mm": "mm", "nm": "nm", "m/s": "m/s", "km/h": "km/h", "mph": "mph",
    "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "megawatt": "MW",
    "megawatts": "MW", "gigawatt": "GW", "gigawatts": "GW", "kilowattstunden": "kWh",
    "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "nanometre": "nm", "nanometer": "nm",
    "nanometres": "nm", "nanometers": "nm", "kilometre": "km", "kilometres": "km",
    "kilometer": "km", "kilometers": "km", "kilometern": "km", "miles": "mi", "mile": "mi",
    "square kilometres": "km2", "square kilometers": "km2", "square miles": "mi2",
    "kilograms": "kg", "kilogrammes": "kg", "milligrams": "mg", "centimetres": "cm",
    "centimeters": "cm", "millimetres": "mm", "millimeters": "mm", "metres": "m", "meters": "m",
    "°c": "celsius", "c": "celsius", "degrees celsius": "celsius", "°f": "fahrenheit",
    "degrees fahrenheit": "fahrenheit", "degrees": "degrees", "degree": "degrees",
    "hektar": "ha", "hectare": "ha", "hectares": "ha",
}

# --- qualifiers --------------------------------------------------------------------------

# Words before a number that say it is not exact; normalised to the English key.
APPROX = {
    "roughly": "roughly", "about": "about", "around": "around",
    "approximately": "approximately", "approx.": "approximately", "approx": "approximately",
    "nearly": "nearly", "almost": "almost", "more than": "more than", "over": "over",
    "at least": "at least", "up to": "up to", "less than": "less than", "under": "under",
    "some": "some", "an estimated": "an estimated", "estimated": "an estimated",
    "close to": "close to", "fewer than": "less than", "upwards of": "more than",
    "as many as": "up to", "as much as": "up to", "just over": "over", "just under": "under",
    "circa": "about", "ca.": "about", "rund": "about", "etwa": "about", "ungefähr": "about",
    "knapp": "nearly", "fast": "nearly", "mehr als": "more than", "über": "over",
    "bis zu": "up to", "mindestens": "at least", "weniger als": "less than",
    "environ": "about", "près de": "nearly", "plus de": "more than", "moins de": "less than",
}
# Qualifiers that make sense before a date ("around 2020"); "over 2023" is not approximate.
DATE_APPROX = {"about", "around", "approximately", "circa", "roughly"}

# Locales that write a decimal comma and group with dots or spaces.
DECIMAL_COMMA = {
    "de", "fr", "es", "it", "nl", "pt", "da", "sv", "nb", "no", "fi", "pl", "cs", "sk", "ru",
    "uk", "tr", "el", "hu", "ro", "bg", "hr", "sl", "sr", "lt", "lv", "et", "id", "ca", "gl",
}


def decimal_style(lang: str | None) -> str:
    """'dot' for decimal-point locales, 'comma' for decimal-comma ones, 'unknown' otherwise."""
    if not lang:
        return "unknown"
    code = lang.lower().replace("_", "-").split("-")[0]
    return "comma" if code in DECIMAL_COMMA else "dot"


_GROUPS = re.compile(r"[ \u00a0\u202f\u2009']")


def read_digits(token: str, style: str) -> tuple[float, bool]:
    """Read a digit token as a float under a decimal style; return (value, ambiguous).

    A single "." or "," followed by exactly three digits ("1.234", "1,234") could be a
    decimal mark or a group separator; under an unknown locale that is ambiguous and the
    value is NaN rather than a guess. Two different marks settle it: the last one is decimal.
    """
    token = _GROUPS.sub("", token)
    dots, commas = token.count("."), token.count(",")
    if not dots and not commas:
        return float(token), False
    if dots and commas:
        dec = "." if token.rfind(".") > token.rfind(",") else ","
    elif dots + commas > 1:
        dec = None  # "1,234,567" or "1.234.567": groups only
    else:
        mark = "." if dots else ","
        tail = len(token) - token.rfind(mark) - 1
        if tail != 3 or token.startswith("0" + mark):
            dec = mark  # "1.5", "3,25", "0.125": only a decimal reading exists
        elif style == "dot":
            dec = "." if mark == "." else None
        elif style == "comma":
            dec = "," if mark == "," else None
        else:
            return math.nan, True
    if dec is None:
        return float(token.replace(",", "").replace(".", "")), False
    other = "," if dec == "." else "."
    return float(token.replace(other, "").replace(dec, ".")), False


def read_words(words: str) -> float:
    """Value of a spelled-out number: 'twenty-one' -> 21, 'two hundred' -> 200, 'drei' -> 3."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "an", "and"):
            current = current or (1.0 if word != "and" else 0.0)
        elif word in FOREIGN_ARTICLES:
            current = current or 1.0
        elif word in UNITS:
            current += UNITS[word]
        elif word in FOREIGN_UNITS:
            current += FOREIGN_UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in SCALES:
            total += (current or 1.0) * SCALES[word]
            current = 0.0
    return total + current


def plural(noun: str) -> str:
    """Simple English plural used to normalise counted nouns: user -> users, company -> companies."""
    if not noun or noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("ss", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
