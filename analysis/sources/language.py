"""The language of a text the manifest does not describe, from its commonest words.

The language selects how numbers are read (``en``: 1,234.5; ``de``/``fr``: 1.234,5).
"""

from __future__ import annotations

import re

__all__ = ["guess_language"]

# The commonest short words of each language (no one-letter words: they are shared); a
# text's language is the one whose words it uses most, English when none stands out.
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as are by this be from at have".split(),
    "de": "der die und das ist nicht mit den von zu ein eine im auf für sich dem des auch".split(),
    "fr": "le la les et des est une un du dans que pour qui pas sur au avec ce sont par".split(),
    "es": "el la los las y que en del se por con una para es al lo como más pero sus".split(),
    "it": "il di che la per una sono non con gli del della le da nel questo anche alla".split(),
    "nl": "de het een en van is dat op te zijn niet met voor in die ook aan om maar".split(),
    "pt": "os as de que do da em um uma para com não por mais dos das se".split(),
}
_WORDS = re.compile(r"[^\W\d_]+")


def guess_language(text: str, sample: int = 20_000) -> str:
    """ISO 639-1 code of the text's language, from its commonest words, for files the
    manifest does not describe (numbers are read by the language's separators)."""
    words = [w.lower() for w in _WORDS.findall(text[:sample])]
    if not words:
        return "en"
    counts = {lang: 0 for lang in _STOPWORDS}
    sets = {lang: set(ws) for lang, ws in _STOPWORDS.items()}
    for word in words:
        for lang, vocab in sets.items():
            if word in vocab:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] >= 5 and counts[best] > counts["en"] * 1.2 else "en"
