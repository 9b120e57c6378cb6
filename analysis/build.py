"""Build the processed layer: every frame of a sources folder, as Parquet and CSV."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.corpus import Corpus, Entry, concat, entries_for, load_article
from analysis.errors import SourceError

# The frames a build writes, in the order it writes them.
FRAMES = ["articles", "paragraphs", "quantities", "tables", "claims", "events"]
# Above this many files a build shows a progress bar.
PROGRESS_FROM = 100


def article_frames(part: Corpus) -> dict[str, pd.DataFrame]:
    """All frames of a one-article (or any) corpus: the unit of work of every engine."""
    from analysis import claims, quantities, tables

    q = quantities.for_corpus(part)
    c = claims.for_corpus(part, q)
    return {
        "articles": part.articles,
        "paragraphs": part.paragraphs,
        "quantities": q,
        "tables": tables.for_corpus(part),
        "claims": c,
        "events": claims.events(q, c),
    }


def frames_of(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The frames of an already loaded corpus (notebooks and tests use this)."""
    return article_frames(corpus)


@dataclass
class Result:
    """What a build wrote and what it skipped."""

    counts: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[SourceError] = field(default_factory=list)
    n_articles: int = 0


def tasks(sources: str | Path, *, keep_going: bool, skipped: list[SourceError]) -> list[Entry]:
    """Manifest entries to process; files the manifest does not list are errors (or skipped)."""
    from analysis.corpus import article_files

    sources = Path(sources)
    entries = entries_for(sources)
    listed = {e.file for e in entries}
    for path in article_files(sources):
        if path.name not in listed:
            err = SourceError("no manifest entry", file=path)
            if not keep_going:
                raise err
            skipped.append(err)
    return entries


def process(entry: Entry, sources: str | Path) -> dict[str, pd.DataFrame]:
    """Read and parse one article into its frames (raises SourceError for a bad file)."""
    return article_frames(load_article(entry, sources))


def _progress(items: list, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="file", desc="build", mininterval=0.5)


def run(entries: list[Entry], sources: str | Path, *, keep_going: bool,
        skipped: list[SourceError], on_warning: Callable[[SourceError], None]) -> Iterator[dict[str, pd.DataFrame]]:
    """The pandas engine: parse the files one at a time, in manifest order."""
    for entry in _progress(entries, len(entries) > PROGRESS_FROM and os.environ.get("CI") != "true"):
        try:
            yield process(entry, sources)
        except SourceError as err:
            if not keep_going:
                raise
            skipped.append(err)
            on_warning(err)


def combine(parts: Iterable[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-article frames, keeping each frame's columns and dtypes."""
    lists: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAMES}
    for part in parts:
        for name in FRAMES:
            lists[name].append(part[name])
    if not lists["articles"]:
        empty = article_frames(concat([]))
        return {name: empty[name] for name in FRAMES}
    return {name: _concat(frames) for name, frames in lists.items()}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat(frames, ignore_index=True)
    # Categoricals whose categories differ between parts fall back to object: restore them.
    for col, dtype in frames[0].dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and out[col].dtype != dtype:
            out[col] = out[col].astype(dtype)
    return out


def write(frames: dict[str, pd.DataFrame], out: str | Path) -> dict[str, list[Path]]:
    """Write each frame as <name>.parquet and <name>.csv; the same frames give the same bytes."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, list[Path]] = {}
    for name in FRAMES:
        frame = frames[name].reset_index(drop=True)
        pq, csv = out / f"{name}.parquet", out / f"{name}.csv"
        frame.to_parquet(pq, index=False, compression="zstd")
        frame.to_csv(csv, index=False, lineterminator="\n")
        paths[name] = [pq, csv]
    return paths


def build(sources: str | Path = "data/sources", out: str | Path = "data/processed", *,
          keep_going: bool = False,
          on_warning: Callable[[SourceError], None] = lambda err: None) -> Result:
    """Parse every article of `sources` and write the processed frames to `out`."""
    result = Result()
    entries = tasks(sources, keep_going=keep_going, skipped=result.skipped)
    for err in result.skipped:
        on_warning(err)
    frames = combine(run(entries, sources, keep_going=keep_going, skipped=result.skipped,
                         on_warning=on_warning))
    result.paths = write(frames, out)
    result.counts = {name: len(frames[name]) for name in FRAMES}
    result.n_articles = len(frames["articles"])
    return result
