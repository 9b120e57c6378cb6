"""Mentions of known entities in the sentences, and capitalised names nobody knows yet.

The gazetteer is ``data/reference/entities.csv``: one row per organisation, model, product,
programme, event or person, with its aliases. A mention is an alias matched as a whole word,
case-sensitively, longest alias first ("Sora app" before "Sora", "GPT-4 Turbo" before
"GPT-4"), with a possessive ("OpenAI's") or plural ("H100s" when listed) kept in the surface
and resolved to the same entity. A version number ends a name only where a digit or a
decimal cannot follow ("GPT-3" is not found in "GPT-3.5"). Capitalised names the gazetteer
does not know (inside a sentence, or of two words or more, or written with an inner capital
or a digit) are listed with no entity, so the table can grow when an article is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import SourceError
from analysis.extract.spans import Spans
from analysis.frames.schema import ENTITY_KINDS, FRAMES
from analysis.paths import REFERENCE
from analysis.sources.reference import read_rows

__all__ = ["ENTITIES_CSV", "Gazetteer", "for_sentences", "gazetteer"]

ENTITIES_CSV = REFERENCE / "entities.csv"

# An alias that is also an ordinary word resolves only in these contexts.
_GUARDED = {"Figure": r"(?=\s+(?:AI|partnership)\b)"}
# Capitalised words that start sentences or headings and name nothing.
_NOT_NAMES = set("""
A An The This That These Those It Its In On At By For From With Of To As And But Or If When
While What Why How Who Which Where There Here Their They We Our You Your He She His Her I
No Not Yes Is Are Was Were Be Do Does Did Has Have Had Can Could Will Would May Might
Should Must Also Even Just Only Much More Most Some Many Any All Each Every Both Such Other
After Before Since Until During Despite Although Though Because So Then Now Today Still
Ultimately Furthermore Meanwhile Instead However Usually Initially Concurrently Financially
Context Source Share Related Enjoyed Frequently Asked Questions Analysis Key Points
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
French American British Chinese German Canadian Israeli Emirati Japanese Korean Indian
AI AIs LLM LLMs AGI CEO CEOs CTO IPO GPU GPUs CPU API APIs PDF KPI OKR ROI FAQ UI UX US UK
""".split())
# Only prose paragraphs hold candidates: titles and headings capitalise every word.
_CANDIDATE_KINDS = ("paragraph", "list_item")
_CAPITALISED = re.compile(
    r"(?<![\w@#])(?:[A-Z][\w&’'.-]*[\w&]|[A-Z])(?:\s+(?:[A-Z][\w&’'.-]*[\w&]|[A-Z]|\d[\w.]*))*")


@dataclass(frozen=True)
class Gazetteer:
    """Known entities: their kinds, and one regex over every alias."""

    kinds: dict[str, str]
    names: dict[str, str]
    alias_of: dict[str, str]
    pattern: re.Pattern


def _compile(aliases: dict[str, str]) -> re.Pattern:
    parts = []
    for alias in sorted(aliases, key=lambda a: (-len(a), a)):
        guard = _GUARDED.get(alias, "")
        body = re.escape(alias).replace(r"\ ", r"\s+")
        parts.append(f"{body}{guard}")
    # A possessive or a plural "s" stays in the surface; no word character, hyphen or
    # decimal may follow ("GPT-4o" is not "GPT-4", nor "GPT-3.5" "GPT-3").
    return re.compile(rf"(?<![\w@-])(?:{'|'.join(parts)})(?:['’]s)?(?![\w-])(?!\.\d)")


@lru_cache(maxsize=4)
def gazetteer(path: str | Path = ENTITIES_CSV) -> Gazetteer:
    """The gazetteer of ``data/reference/entities.csv`` (or another file of its columns)."""
    path = Path(path)
    rows = read_rows(path, ["entity", "name", "kind", "aliases"], "entity gazetteer")
    kinds, names, alias_of = {}, {}, {}
    for row in rows:
        entity = row["entity"]
        if row["kind"] not in ENTITY_KINDS:
            raise SourceError(f"entity {entity!r}: kind {row['kind']!r} is not one of "
                              f"{', '.join(ENTITY_KINDS)}", file=path)
        kinds[entity], names[entity] = row["kind"], row["name"]
        for alias in {row["name"].strip(), *(a.strip() for a in row["aliases"].split(";"))}:
            if alias:
                if alias in alias_of and alias_of[alias] != entity:
                    raise SourceError(f"alias {alias!r} names both {alias_of[alias]} and {entity}",
                                      file=path)
                alias_of[alias] = entity
    return Gazetteer(kinds, names, alias_of, _compile(alias_of))


def _resolve(surface: str, gaz: Gazetteer) -> str:
    """The entity of a matched surface: the alias it is, white space folded, possessive off
    (an alias may itself end in "'s" or "s", so the surface as written is tried first)."""
    folded = " ".join(surface.split())
    if folded in gaz.alias_of:
        return gaz.alias_of[folded]
    return gaz.alias_of[re.sub(r"['’]s$", "", folded)]


def for_sentences(sentences: pd.DataFrame, gaz: Gazetteer | None = None) -> pd.DataFrame:
    """The entities frame: every known-entity mention and every unknown capitalised name of
    every sentence, in text order (columns in ``frames.schema``)."""
    gaz = gazetteer() if gaz is None else gaz
    rows: list[dict] = []
    for article, sentence, start, text, kind in zip(
            sentences["article"].tolist(), sentences["sentence"].tolist(),
            sentences["start"].tolist(), sentences["text"].tolist(), sentences["kind"].tolist(),
            strict=True):
        known: list[tuple[int, int]] = []
        for m in gaz.pattern.finditer(text):
            entity = _resolve(m.group(), gaz)
            known.append(m.span())
            rows.append(_row(article, sentence, start, m, entity, gaz.kinds[entity], kind))
        if str(kind) not in _CANDIDATE_KINDS:
            continue
        taken = Spans(known)
        for m in _CAPITALISED.finditer(text):
            if taken.overlaps(*m.span()) or not _is_candidate(text, m):
                continue
            rows.append(_row(article, sentence, start, m, None, None, kind))
    frame = FRAMES["entities"].typed(rows)
    return frame.sort_values(["article", "start"], kind="stable", ignore_index=True)


def _is_candidate(text: str, m: re.Match) -> bool:
    words = m.group().split()
    if all(w in _NOT_NAMES or w[0].isdigit() for w in words) or "-" in words[0][1:]:
        return False
    word = words[0]
    inner = any(c.isupper() or c.isdigit() for c in word[1:])
    # The last character before the name that is not white space (none: the text's start),
    # found backwards rather than by stripping the text before it each time.
    i = m.start() - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    at_start = i < 0 or text[i] in ".:!?\"“"
    return len(words) > 1 or inner or not at_start


def _row(article, sentence, start, m: re.Match, entity, kind, paragraph_kind) -> dict:
    return {"article": str(article), "sentence": int(sentence), "start": int(start) + m.start(),
            "end": int(start) + m.end(), "surface": m.group(), "entity": entity,
            "entity_kind": kind, "known": entity is not None,
            "is_boilerplate": str(paragraph_kind) == "boilerplate"}
