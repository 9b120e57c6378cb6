"""The words around a number: its qualifier, the word before it, the noun it counts.

Small windows to the left and right of a match, read after the scan; each looks at a few
dozen characters at most, so reading a mention costs the same wherever it sits.
"""

from __future__ import annotations

import re

from analysis.extract import lexicon as nb

__all__ = ["AGO", "COMPARATIVE", "DATE_PREPS", "DETERMINERS", "LINK_AND", "PER", "STOP",
           "TOKEN", "approx_before", "counted_noun", "prev_word"]

PER = re.compile(
    r"(?:\s+(?:a|an|per|each|every|pro|je|par|por|al)\s+|\s*/\s*|\s+in\s+a\s+|\s+im\s+)"
    r"(hours?|hr|h|days?|weeks?|wk|months?|mo|years?|yr|annum|quarters?|Stunde|Tag|Woche"
    r"|Monat|Jahr|jour|mois|an|año|mes|día)\b"
    r"|\s+(annually|yearly|monthly|weekly|daily|hourly|quarterly|annuali[sz]ed|annual"
    r"|jährlich|monatlich|täglich)(?![\w])"
    r"|\s+(p\.a\.)",
    re.I,
)
AGO = re.compile(r"\s+ago\b|\s+(?:vor|il\s+y\s+a)\b", re.I)
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
