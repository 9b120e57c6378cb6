"""Read a folder of articles into a corpus: each file decoded, described by its manifest
entry, split into paragraphs; a bad file is an error or, with keep_going, skipped.

The pieces: :mod:`~analysis.sources.manifest` (what is known about each file),
:mod:`~analysis.sources.decode` (bytes to text), :mod:`~analysis.sources.paragraphs`
(paragraphs and page furniture), :mod:`~analysis.sources.language`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import SourceError
from analysis.frames.schema import FRAMES
from analysis.paths import SOURCES
from analysis.sources.decode import read_source
from analysis.sources.language import guess_language
from analysis.sources.manifest import Entry, article_files, entries_for
from analysis.sources.paragraphs import content_lines, paragraph_rows


@dataclass
class Corpus:
    """The articles of a folder as tidy frames, with each decoded text kept for offsets."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    skipped: list[SourceError] = field(default_factory=list)


@dataclass
class Article:
    """One file read, checked and split into paragraphs, as rows not yet made frames: a
    build makes the frames of many articles at once (a frame costs far more than its rows)."""

    id: str
    row: dict
    paragraphs: list[dict]
    text: str


def read_article(entry: Entry, folder: str | Path) -> Article:
    """One article's row of the articles frame, its paragraph rows and its decoded text
    (raises SourceError for a bad file)."""
    path = Path(folder) / entry.file
    if not path.exists() and not path.is_symlink():
        raise SourceError("listed in the manifest but missing", file=path)
    data, text = read_source(path)
    digest = hashlib.sha256(data).hexdigest()
    if entry.sha256 and entry.sha256 != digest:
        raise SourceError(f"sha256 {digest[:12]}… differs from the manifest's {entry.sha256[:12]}…", file=path)
    title = entry.title or _first_line(text)
    language = entry.language or guess_language(text)
    paras = paragraph_rows(entry.id, text, title)
    furniture = sum(len(p["text"]) for p in paras if p["kind"] == "boilerplate")
    body = sum(len(p["text"]) for p in paras)
    row = {**asdict(entry), "title": title, "language": language, "sha256": digest, "n_chars": len(text),
           "n_words": len(re.findall(r"\w+(?:['’]\w+)*", text)), "n_paragraphs": len(paras),
           "boilerplate_share": round(float(furniture) / float(body), 6) if body else 0.0}
    return Article(entry.id, row, paras, text)


def corpus_of(articles: list[Article]) -> Corpus:
    """The corpus of read articles, in the order given: each frame made once."""
    return Corpus(FRAMES["articles"].typed([a.row for a in articles]),
                  FRAMES["paragraphs"].typed([p for a in articles for p in a.paragraphs]),
                  {a.id: a.text for a in articles})


def load_article(entry: Entry, folder: str | Path) -> Corpus:
    """A one-article corpus: the unit of work of a build, so a bulk run can stream files."""
    return corpus_of([read_article(entry, folder)])


def _first_line(text: str) -> str:
    for a, b in content_lines(text):
        return text[a:b][:200]
    return ""


def skip_or_raise(err: SourceError, *, keep_going: bool,
                  skipped: list[SourceError] | None) -> None:
    """A bad file: with keep_going, record it in ``skipped`` (when given) and go on; else raise."""
    if not keep_going:
        raise err
    if skipped is not None:
        skipped.append(err)


def checked_entries(folder: str | Path, *, keep_going: bool = False,
                    skipped: list[SourceError] | None = None) -> list[Entry]:
    """The manifest's entries; a file of the folder the manifest does not list is a bad file."""
    folder = Path(folder)
    entries = entries_for(folder)
    listed = {e.file for e in entries}
    for path in article_files(folder):
        if path.name not in listed:
            skip_or_raise(SourceError("no manifest entry", file=path), keep_going=keep_going,
                          skipped=skipped)
    return entries


def iter_articles(folder: str | Path, *, keep_going: bool = False,
                  skipped: list[SourceError] | None = None) -> Iterator[Corpus]:
    """Yield one-article corpora; with keep_going, bad files are recorded in `skipped`."""
    for entry in checked_entries(folder, keep_going=keep_going, skipped=skipped):
        try:
            yield load_article(entry, folder)
        except SourceError as err:
            skip_or_raise(err, keep_going=keep_going, skipped=skipped)


def concat(parts: list[Corpus], skipped: list[SourceError] | None = None) -> Corpus:
    """Join one-article corpora into one."""
    texts: dict[str, str] = {}
    for part in parts:
        texts.update(part.texts)
    articles = [p.articles for p in parts]
    paragraphs = [p.paragraphs for p in parts]
    return Corpus(
        _joined("articles", articles), _joined("paragraphs", paragraphs),
        texts, list(skipped or []))


def load_corpus(path: str | Path = SOURCES, *, keep_going: bool = False) -> Corpus:
    """All articles of a sources folder as frames (see the README's data dictionary)."""
    skipped: list[SourceError] = []
    parts = list(iter_articles(path, keep_going=keep_going, skipped=skipped))
    return concat(parts, skipped)


def _joined(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One-article frames joined, in the schema's dtypes."""
    if not parts:
        return FRAMES[name].empty()
    return FRAMES[name].typed(pd.concat(parts, ignore_index=True))
