"""Paragraphs of a decoded text, and which of them are page furniture.

Nothing is dropped: every non-blank character of a text lies in exactly one paragraph
span. A paragraph is a line, hard-wrapped prose lines joined, or the lines of a pipe table
(found by the table grammar of :mod:`analysis.sources.pipes`, the same that
``analysis.extract.tables`` reads). Page furniture (contact blocks, share buttons,
comment forms, ...) is kept and marked ``boilerplate``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from analysis.frames.schema import FRAMES, PARAGRAPH_KINDS
from analysis.sources import pipes

__all__ = ["KINDS", "Block", "blocks", "content_lines", "paragraph_rows", "paragraphs_of"]

KINDS = PARAGRAPH_KINDS

_BULLET = re.compile(r"(?:[•·‣◦▪●○■□–—*+-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
_TERMINAL = tuple('.!?:;"”’)…')

# Page furniture: a paragraph matching one of these is boilerplate by itself.
_FURNITURE = [
    r"contact( information| us)?:?",
    r"share( this( article)?)?:?",
    r"(we are|we're) available 24\s*/\s*7\b.*",
    r"call( us)? now\.?",
    r"(#\w[\w-]*\s*)+",
    r"(.*·\s*)?\d+\s*(h|hrs?|hours?|min|mins|minutes?|d|days?)\s*ago\b.*",
    r".*\b\d+\s*min(ute)?s?\s+read\b.*",
    r".*\b\d[\d,.]*\s*(views|comments|likes|shares)\s*",
    r"related (articles|posts|stories)",
    r"more in .{1,60}",
    r"view all",
    r"read more",
    r"advertisement",
    r"enjoyed this (article|post)\?",
    r"featured image( source)?:.*",
    r"(image|photo) (credit|source):.*",
    r"source: .*\bvia\b.*https?://\S+",
    r"this report is based on .*",
    r"subscribe( to .*)?",
    r"sign up( for .*)?",
    r"(tel|phone|fax)[.:]?\s*[+\d(][\d\s().-]{6,}",
    r"\d+\s+[nsew]?\.?\s*\w[\w .]*\b(ave|avenue|st|street|rd|road|blvd|suite|ste|way|lane|ln|dr|drive)\b.*",
    r"[a-z .]+,?\s+[a-z]{2}\s+\d{5}(-\d{4})?",
]
# From a paragraph matching one of these to the end of the file, everything is furniture.
_TRAILER = [
    r"the post .* appeared first on .*",
    r"enjoyed this (article|post)\?",
    r"related (articles|posts|stories)",
    r"leave a (reply|comment)",
    r"\d*\s*comments?",
    r"about the author",
]
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE), re.I)
_TRAILER_RE = re.compile("|".join(f"(?:{p})" for p in _TRAILER), re.I)


@dataclass
class Block:
    start: int
    end: int
    kind: str


def content_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's non-blank content; blank lines are skipped."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            a = pos + (len(line) - len(line.lstrip()))
            yield a, a + len(stripped)
        pos += len(line) + 1


def blocks(text: str) -> list[Block]:
    """Split text into paragraph spans: one per line, with hard-wrapped prose lines joined
    and the lines of a pipe table kept together."""
    lines = list(content_lines(text))
    out: list[Block] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        end = pipes.table_end(text, lines, i, lambda p, c: _adjacent(text, p, c))
        if end is not None:
            out.append(Block(a, lines[end - 1][1], "table"))
            i = end
            continue
        j = i + 1
        while j < len(lines) and _continues(text, lines[j - 1], lines[j]):
            j += 1
        out.append(Block(a, lines[j - 1][1], "paragraph"))
        i = j
    return out


def _adjacent(text: str, prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    return "\n\n" not in text[prev[1]:cur[0]].replace(" ", "").replace("\t", "")


def _continues(text: str, prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    """A line continues the previous one when prose was hard-wrapped: no blank line between,
    the previous line ends mid-sentence and this one starts in lower case."""
    if not _adjacent(text, prev, cur):
        return False
    before = text[prev[0]:prev[1]]
    line = text[cur[0]:cur[1]]
    if before.endswith(_TERMINAL) or _BULLET.match(line):
        return False
    return line[:1].islower()


def _classify(text: str, blocks_: list[Block], title: str) -> None:
    """Set each block's kind in place: boilerplate, title, heading, list_item, table, paragraph."""
    norm_title = _norm(title)
    seen: set[str] = set()
    title_found = False
    trailer = False
    contact = False
    n = len(blocks_)
    for k, blk in enumerate(blocks_):
        body = text[blk.start:blk.end]
        norm = _norm(body)
        if blk.kind == "table":
            seen.add(norm)
            continue
        if trailer or _TRAILER_RE.fullmatch(body):
            trailer = True
            blk.kind = "boilerplate"
            continue
        if re.fullmatch(r"contact( information| us)?:?", body, re.I):
            contact = True
        elif contact and (len(body) > 120 or body.endswith((".", "!", "?")) and len(body.split()) > 8):
            contact = False
        if contact or _FURNITURE_RE.fullmatch(body) or (norm in seen and len(norm) > 0):
            blk.kind = "boilerplate"
        elif not title_found and (norm == norm_title or (not norm_title and _is_heading(body))):
            blk.kind = "title"
            title_found = True
        elif _BULLET.match(body):
            blk.kind = "list_item"
        elif _is_heading(body) and k + 1 < n:
            blk.kind = "heading"
        seen.add(norm)
    if not title_found:
        for blk in blocks_:
            if blk.kind in ("heading", "paragraph") and _norm(text[blk.start:blk.end]) == norm_title:
                blk.kind = "title"
                break


def _is_heading(body: str) -> bool:
    words = body.split()
    if "\n" in body or not words or len(words) > 16 or len(body) > 120:
        return False
    if body.endswith("?"):
        return len(words) <= 14
    return not body.endswith(_TERMINAL[:-1] + (",",))


_NOT_WORD = re.compile(r"[\W_]+")


def _norm(s: str) -> str:
    return _NOT_WORD.sub("", s.lower())


def paragraph_rows(article: str, text: str, title: str = "") -> list[dict]:
    """The paragraphs of one decoded text as rows of the paragraphs frame."""
    blks = blocks(text)
    _classify(text, blks, title)
    return [{"article": article, "ordinal": i, "kind": b.kind, "text": text[b.start:b.end],
             "start": b.start, "end": b.end} for i, b in enumerate(blks)]


def paragraphs_of(article: str, text: str, title: str = "") -> pd.DataFrame:
    """The paragraphs frame of one decoded text."""
    return FRAMES["paragraphs"].typed(paragraph_rows(article, text, title))
