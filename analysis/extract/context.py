"""The words around a number: its qualifier, the word before it, the noun it counts.

Small windows to the left and right of a match, read after the scan; each looks at a few
dozen characters at most, so reading a mention costs the same wherever it sits.
"""

from __future__ import annotations

import re

from analysis.extract import lexicon as nb

__all__ = ["AGO", "AGO_BEFORE", "COMPARATIVE", "DATE_PREPS", "DETERMINERS", "LINK_AND", "PER", "STOP",
           "TOKEN", "approx_before", "counted_noun", "foreign_noun", "money_word_near",
           "prev_word"]

PER = re.compile(
    r"(?:\s+(?:a|an|per|each|every|pro|je|par|por|al)\s+|\s*/\s*|\s+im\s+)"
    r"(hours?|hr|h|days?|weeks?|wk|months?|mo|years?|yr|annum|quarters?|Stunde|Tag|Woche"
    r"|Monat|Jahr|jour|mois|an|año|mes|día)\b"
    r"|\s+(annually|yearly|monthly|weekly|daily|hourly|quarterly|annuali[sz]ed|annual"
    r"|jährlich|monatlich|täglich)(?![\w])(?!\s+active\b)"
    r"|\s+(p\.a\.)"
    r"|\s+on\s+an?\s+(annual|annuali[sz]ed|yearly|monthly|quarterly|weekly|daily)\s+basis\b",
    re.I,
)
AGO = re.compile(r"\s+ago\b", re.I)
# "vor fünf Jahren", "il y a deux ans": the words of "ago" come before the number.
AGO_BEFORE = re.compile(r"\b(?:vor|il\s+y\s+a)\s+$", re.I)
TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\S")
LINK_AND = re.compile(r"\s+and\s+$|\s*(?:-|–|—|to|until|through)\s*$")
COMPARATIVE = re.compile(
    r"\s+(?:more|less|fewer|as|larger|bigger|higher|lower|faster|slower|greater|smaller|the|"
    r"over|cheaper|longer|[a-z]+er\b)",
    re.I,
)

# Words after a number that are not the thing counted; scanning stops at them.
STOP = {
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
DETERMINERS = {"the", "these", "those", "its", "their", "our", "his", "her", "your", "my"}
# Plural nouns that do not end in -s.
_IRREGULAR_PLURALS = {"people", "children", "men", "women", "staff", "personnel", "data",
                      "media", "police", "feet", "teeth", "mice", "geese"}
# Words before a four-digit number that make it a year ("in 2009") even if a noun follows.
DATE_PREPS = {
    "in", "by", "since", "from", "until", "till", "to", "and", "or", "of", "before", "after",
    "during", "circa", "around", "early", "late", "mid", "year", "through", "between", "for",
    "im", "seit", "bis", "ab", "vor", "nach", "en", "de", "depuis",
}


def approx_before(text: str, start: int, for_date: bool) -> str:
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


def prev_word(text: str, start: int) -> str:
    words = text[max(0, start - 16):start].lower().split()
    return words[-1] if words else ""


# Words after a number in German or French text that are not the thing counted.
_FOREIGN_STOP = {
    "de", "des", "du", "d", "la", "le", "les", "l", "et", "ou", "à", "au", "aux", "en", "sur",
    "pour", "par", "dont", "qui", "que", "contre", "avec", "sans", "dans", "plus", "moins",
    "environ", "fois", "est", "sont", "a", "ont", "ans", "an", "mois", "jours",
}
_MONEY_WINDOW = re.compile(r"[^.!?\n]{0,60}$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")
_MONEY_AFTER = re.compile(r"(?:\s+[^\s.!?]+){1,2}")


def foreign_noun(text: str, end: int, code: str) -> tuple[str, int]:
    """The noun right after a number in German or French text, as written ('1 250
    Mitarbeiter' -> Mitarbeiter, '440 groupes' -> groupes); German nouns are capitalised,
    so a lower-case German word (an adjective, a verb) names nothing."""
    m = _WORD.match(text, end + 1) if end < len(text) and text[end] in " \u00a0" else None
    if m is None or not m.group()[0].isalpha():
        return "", end
    word = m.group().rstrip("'’.,;:")
    low = word.lower()
    if low in nb.MONTHS or low in nb.TIME_UNITS or low in nb.SCALES or low in _FOREIGN_STOP:
        return "", end
    if code == "de" and not word[0].isupper():
        return "", end
    acronym = word.rstrip("s").isupper()
    if code != "de" and not acronym and (word[0].isupper() or not low.endswith(("s", "x"))):
        return "", end  # a name ("2024 Paris"), or not a plural noun ("105 millions déjà")
    return word, m.start() + len(word)


def money_word_near(text: str, start: int, end: int) -> bool:
    """Whether a word of money (raised, invested, investiert, levés, Vermögen) comes in the
    six words before `start` or the two after `end`, within the sentence."""
    window = _MONEY_WINDOW.search(text, max(0, start - 60), start)
    words = window.group().split()[-6:] if window else []
    after = _MONEY_AFTER.match(text, end)
    if after:
        words += after.group().split()
    return any(w.lower().strip(",;:.") in nb.MONEY_VERBS for w in words)


def counted_noun(text: str, end: int, value: float) -> tuple[str, int]:
    """The noun counted after a number, as a plural ('4,325 other listed companies' -> companies).

    Rule: read at most five words after the number (skipping one leading 'of'), stopping at
    punctuation or a function word; take the first word that looks plural (ends in -s). If
    there is none and the count is one, take the first word not ending in -ly. Upper-case
    acronyms keep their case (GPUs); other nouns are lower-cased.
    """
    words = []
    partitive = 0  # "two of the three largest providers": skip "of" and one determiner
    for i, m in enumerate(TOKEN.finditer(text, end, min(len(text), end + 80))):
        tok = m.group().rstrip("'’")
        if not tok or not tok[0].isalpha():
            break
        low = tok.lower()
        if i == 0 and low == "of":
            partitive = 1
            continue
        if partitive == 1 and i == 1 and low in DETERMINERS:
            continue
        if low in STOP or low in nb.UNITS or low in nb.TENS or len(words) >= 5:
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
