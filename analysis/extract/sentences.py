"""Sentence spans in plain text, with offsets, for quoting the words a number came from."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "e.g", "i.e", "u.s", "u.k", "approx", "est", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mio", "mrd", "bzw", "ca", "z.b", "d.h",
}

# Abbreviations that hold only before a number ("No. 5", "Fig. 2", "p. 14").
_BEFORE_NUMBER = {"no", "nos", "nr", "fig", "figs", "p", "pp", "vol", "art", "sec"}

# A candidate end: terminal punctuation, optional closing quotes/brackets, then white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n")


def spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in text[start:end], trimmed of white space.

    A line break always ends a sentence (scraped pages put headings and list items on lines
    of their own); a full stop ends one unless it follows a known abbreviation, a single
    capital letter or a digit that the next character continues ("3.5").
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if m.group()[0] == ".":
            word = re.search(r"([\w.-]+)\.*$", text[max(pos, m.start() - 12):m.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            after = text[stop:stop + 3].lstrip()[:1]
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
            if token in _BEFORE_NUMBER and after.isdigit():
                continue
        _push(text, pos, stop, out)
        pos = stop
    _push(text, pos, end, out)
    return out


def _push(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


def around(text: str, start: int, end: int, cache: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The span of the sentence that holds text[start:end] (the whole line if none does)."""
    for a, b in cache if cache is not None else spans(text):
        if a <= start and end <= b:
            return a, b
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def for_corpus(corpus):
    """The sentences frame: every sentence of every paragraph of ``corpus.paragraphs``, split
    once, with offsets into ``corpus.texts[article]`` (columns in ``frames.schema``)."""
    from analysis.frames.schema import FRAMES

    data: dict[str, list] = {name: [] for name in FRAMES["sentences"].names}
    paragraphs = corpus.paragraphs.sort_values(["article", "start"], kind="stable")
    for article, paras in paragraphs.groupby("article", sort=True, observed=True):
        text = corpus.texts[article]
        n = 0
        for ordinal, kind, start, end in zip(paras["ordinal"].tolist(), paras["kind"].tolist(),
                                             paras["start"].tolist(), paras["end"].tolist(),
                                             strict=True):
            for a, b in spans(text, int(start), int(end)):
                data["article"].append(str(article))
                data["paragraph"].append(int(ordinal))
                data["sentence"].append(n)
                data["start"].append(a)
                data["end"].append(b)
                data["text"].append(text[a:b])
                data["kind"].append(str(kind))
                n += 1
    return FRAMES["sentences"].typed(data)
