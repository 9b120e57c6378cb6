"""Build the processed layer: every frame of a sources folder, as Parquet and CSV.

The default engine streams: files are parsed one at a time, in manifest order, and each
frame's rows are appended in chunks to its Parquet file (one row group per chunk, one fixed
schema per frame) and its CSV file, so memory is bounded by a chunk, not by the corpus.
Files are written into a temporary folder inside ``out`` and moved into place only when the
build succeeds, so a failed build leaves the previous outputs untouched.

A progress bar is shown for builds of more than ``PROGRESS_FROM`` files, only when stderr is
a terminal and the environment variable ``CI`` is not set to true: logs and tests stay clean.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from analysis import paths
from analysis.errors import SourceError
from analysis.frames.schema import FRAMES as FRAMES_SCHEMA
from analysis.frames.schema import NAMES
from analysis.paths import processed_dir
from analysis.sources.corpus import (
    Article,
    Corpus,
    checked_entries,
    corpus_of,
    load_article,
    read_article,
    skip_or_raise,
)
from analysis.sources.manifest import Entry

# The frames a build parses, in the order it writes them (the schema's order). The checks
# frame is the evidence layer's: the CLI build passes it in as a derived frame (`Derived`).
FRAMES = [name for name in NAMES if name != "checks"]
# Above this many files a build shows a progress bar.
PROGRESS_FROM = 100
# Rows of a frame held in memory before they are written out as one Parquet row group: many
# small per-article frames cost far more than their rows, so this is kept small.
CHUNK_ROWS = 2_000
# Buffered parts of a frame merged into one, for frames with few rows per article.
COMPACT_PARTS = 64
# Articles parsed together by the default engine (see `batch_frames`).
BATCH = 32
# Parquet settings shared by both engines; pyarrow writes no timestamps, so equal frames
# give equal bytes.
PARQUET = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


def article_frames(part: Corpus) -> dict[str, pd.DataFrame]:
    """All frames of a one-article (or any) corpus: the unit of work of every engine."""
    from analysis.extract import (
        claims,
        entities,
        quantities,
        sentences,
        statements,
        tables,
        timeline,
    )

    s = sentences.for_corpus(part)
    q = quantities.for_corpus(part, s)
    c = claims.for_corpus(part, q, s)
    e = entities.for_sentences(s)
    return {
        "articles": part.articles,
        "paragraphs": part.paragraphs,
        "sentences": s,
        "quantities": q,
        "tables": tables.for_corpus(part),
        "claims": c,
        "events": timeline.events(q, c),
        "entities": e,
        "statements": statements.for_frames(s, e, q),
    }


# A frame computed from a batch's parsed frames, each of its rows belonging to one article
# (the CLI passes analysis.evidence.facts.checks_of as "checks"): the layers below the
# evidence stay free of it, and the build still computes it batch by batch as it streams.
Derived = Callable[[dict[str, pd.DataFrame]], pd.DataFrame]


def with_derived(frames: dict[str, pd.DataFrame],
                 derived: dict[str, Derived] | None) -> dict[str, pd.DataFrame]:
    """`frames` and, after them, each derived frame computed from them."""
    for name, make in (derived or {}).items():
        frames[name] = make(frames)
    return frames


def frames_of(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The frames of an already loaded corpus (notebooks and tests use this)."""
    return article_frames(corpus)


def empty_frames() -> dict[str, pd.DataFrame]:
    """The frames of a corpus with no articles: each frame's columns and dtypes, no rows."""
    return {name: FRAMES_SCHEMA[name].empty() for name in FRAMES}


@dataclass
class Result:
    """What a build wrote and what it skipped."""

    counts: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[SourceError] = field(default_factory=list)
    n_articles: int = 0


def tasks(sources: str | Path, *, keep_going: bool, skipped: list[SourceError]) -> list[Entry]:
    """Manifest entries to process; files the manifest does not list are errors (or skipped)."""
    return checked_entries(sources, keep_going=keep_going, skipped=skipped)


def process(entry: Entry, sources: str | Path) -> dict[str, pd.DataFrame]:
    """Read and parse one article into its frames (raises SourceError for a bad file)."""
    return article_frames(load_article(entry, sources))


def show_progress(n_files: int) -> bool:
    """Whether a build of `n_files` files shows a progress bar (see the module docstring)."""
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return n_files > PROGRESS_FROM and not ci and sys.stderr.isatty()


def by_article(frames: dict[str, pd.DataFrame], ids: list[str]) -> dict[str, pd.DataFrame]:
    """The frames of a batch of articles with each frame's rows grouped by article, in `ids`
    order, each article's rows in their own order: the concatenation of what
    `article_frames` gives for each one-article corpus, row for row."""
    if len(ids) == 1:
        return frames
    out = {}
    for name, frame in frames.items():
        if name == "articles":
            out[name] = frame
            continue
        codes = pd.Categorical(frame["article"].astype(str), categories=ids).codes
        out[name] = frame.take(codes.argsort(kind="stable"))
    return out


def per_article(frames: dict[str, pd.DataFrame], ids: list[str]) -> list[dict[str, pd.DataFrame]]:
    """The frames of a batch of articles (grouped by `by_article`) cut into each article's
    frames, in `ids` order."""
    cuts: dict[str, list[pd.DataFrame]] = {}
    for name, frame in frames.items():
        if len(ids) == 1:
            cuts[name] = [frame]
            continue
        if name == "articles":
            cuts[name] = [frame.iloc[i:i + 1] for i in range(len(ids))]
            continue
        codes = pd.Categorical(frame["article"].astype(str), categories=ids).codes
        bounds = codes.searchsorted(range(len(ids) + 1))
        cuts[name] = [frame.iloc[bounds[i]:bounds[i + 1]] for i in range(len(ids))]
    return [{name: cuts[name][i] for name in frames} for i in range(len(ids))]


def batch_frames(batch: list[Article],
                 derived: dict[str, Derived] | None = None) -> dict[str, pd.DataFrame]:
    """The frames of a batch of read articles, computed at once (a frame costs far more than
    its rows, so one set of frames per BATCH articles replaces one per article), each frame's
    rows grouped by article in the batch's order (`by_article`)."""
    frames = with_derived(article_frames(corpus_of(batch)), derived)
    return by_article(frames, [a.id for a in batch])


def run_batches(entries: Iterable[Entry], sources: str | Path, *, keep_going: bool,
                skipped: list[SourceError], on_warning: Callable[[SourceError], None],
                progress: bool | None = None, derived: dict[str, Derived] | None = None,
                total: int | None = None,
                ) -> Iterator[tuple[list[str], dict[str, pd.DataFrame]]]:
    """The pandas engine: read the files in manifest order and parse them BATCH at a time;
    yields each batch's article ids and its frames (rows grouped by article, in manifest
    order). ``entries`` may be a one-pass iterator (``total`` then gives the count for the
    progress bar)."""
    if total is None:
        total = len(entries) if isinstance(entries, list | tuple) else 0
    bar = None
    if show_progress(total) if progress is None else progress:
        from tqdm import tqdm

        bar = tqdm(total=total or None, unit="file", desc="build", mininterval=0.5)
    batch: list[Article] = []
    try:
        for entry in entries:
            try:
                batch.append(read_article(entry, sources))
            except SourceError as err:
                skip_or_raise(err, keep_going=keep_going, skipped=skipped)
                with bar.external_write_mode() if bar is not None else nullcontext():
                    on_warning(err)
            if bar is not None:
                bar.update()
            if len(batch) == BATCH:
                yield [a.id for a in batch], batch_frames(batch, derived)
                batch = []
        if batch:
            yield [a.id for a in batch], batch_frames(batch, derived)
    finally:
        if bar is not None:
            bar.close()


def drained(entries: list[Entry]) -> Iterator[Entry]:
    """The entries of ``entries`` in order, each taken out of the list as it is reached: a
    build of N files holds the manifest entries not yet read, not all N to the end."""
    entries.reverse()
    while entries:
        yield entries.pop()


def run(entries: list[Entry], sources: str | Path, *, keep_going: bool,
        skipped: list[SourceError], on_warning: Callable[[SourceError], None],
        progress: bool | None = None,
        derived: dict[str, Derived] | None = None) -> Iterator[dict[str, pd.DataFrame]]:
    """`run_batches` cut into each article's frames, in manifest order."""
    for ids, frames in run_batches(entries, sources, keep_going=keep_going, skipped=skipped,
                                   on_warning=on_warning, progress=progress, derived=derived):
        yield from per_article(frames, ids)


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate parts of one frame, keeping the first part's columns and dtypes."""
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    # Categoricals whose categories differ between parts fall back to object: restore them.
    for col, dtype in frames[0].dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and out[col].dtype != dtype:
            out[col] = out[col].astype(dtype)
    return out


def arrow_schema(frame: pd.DataFrame, fallback: Callable[[], pd.DataFrame] | None = None):
    """The Parquet schema of a frame; columns that are all-missing (type null) in it take
    their type from `fallback()` (the frame's empty, typed form) when that knows better."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    if fallback is None or not any(pa.types.is_null(f.type) for f in schema):
        return schema
    known = pa.Schema.from_pandas(fallback(), preserve_index=False)
    for i, f in enumerate(schema):
        if pa.types.is_null(f.type) and f.name in known.names:
            schema = schema.set(i, known.field(f.name))
    return schema


def to_table(frame: pd.DataFrame, schema, name: str):
    """A frame as an Arrow table of the given schema, or a one-line error naming the column."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(frame.reset_index(drop=True), schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError) as exc:
        raise TypeError(f"frame {name!r} does not fit its schema: {exc}".replace("\n", " ")) from None


def article_ends(frame: pd.DataFrame) -> list[int]:
    """Where each article's rows end in a frame grouped by article (exclusive positions): its
    `article` column, or for the articles frame (one row per article) every row."""
    import numpy as np

    if "article" not in frame.columns:
        return list(range(1, len(frame) + 1))
    values = frame["article"].to_numpy(dtype=object)
    return [*(np.flatnonzero(values[1:] != values[:-1]) + 1).tolist(), len(values)]


def _last_article(frame: pd.DataFrame, ids: list[str]) -> str:
    return str(frame["article"].iloc[-1]) if "article" in frame.columns else ids[-1]


class FrameWriter:
    """Append chunks of one frame to <name>.parquet and <name>.csv, in the order given.

    The Parquet schema is fixed by the first chunk (or the empty frame, when no rows come).
    """

    def __init__(self, name: str, folder: Path, chunk_rows: int = CHUNK_ROWS,
                 empty: Callable[[], pd.DataFrame] | None = None):
        self.name = name
        self.parquet = folder / f"{name}.parquet"
        self.csv = folder / f"{name}.csv"
        self.chunk_rows = chunk_rows
        self.empty = empty
        self.rows = 0
        self._parts: list[pd.DataFrame] = []
        self._buffered = 0
        self._writer = None
        self._schema = None
        self._csv: IO[str] | None = None

    def append(self, frame: pd.DataFrame, ids: list[str] | None = None) -> None:
        """Buffer the rows of the articles `ids` (one article when None), grouped by article
        in that order. A chunk is written as soon as the buffered rows reach `chunk_rows` at
        the end of an article: the row groups are the same whether the articles come one by
        one or many at a time."""
        pos = 0
        if self._buffered + len(frame) >= self.chunk_rows:
            for end in article_ends(frame):
                if self._buffered + (end - pos) >= self.chunk_rows:
                    self._parts.append(frame.iloc[pos:end])
                    self._buffered += end - pos
                    self.flush()
                    pos = end
        if pos < len(frame):
            self._parts.append(frame.iloc[pos:] if pos else frame)
            self._buffered += len(frame) - pos
        elif pos == 0 or (ids is not None and _last_article(frame, ids) != ids[-1]):
            # Articles with no rows here came after the last chunk: their (empty) parts are
            # buffered as one by one appends would buffer them.
            self._parts.append(frame.iloc[0:0])
        if len(self._parts) >= COMPACT_PARTS:
            # A small frame costs far more than its rows: merge the buffered ones.
            self._parts = [concat_frames(self._parts)]

    def flush(self) -> None:
        if not self._parts:
            return
        chunk = concat_frames(self._parts)
        self._parts, self._buffered = [], 0
        self._write(chunk)

    def _write(self, chunk: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        if self._writer is None:
            self._schema = arrow_schema(chunk, self.empty)
            self._writer = pq.ParquetWriter(self.parquet, self._schema, **PARQUET)
            self._csv = open(self.csv, "w", encoding="utf-8", newline="")
            chunk.to_csv(self._csv, index=False, lineterminator="\n")
        else:
            chunk.to_csv(self._csv, index=False, header=False, lineterminator="\n")
        self._writer.write_table(to_table(chunk, self._schema, self.name))
        self.rows += len(chunk)

    def close(self) -> list[Path]:
        self.flush()
        if self._writer is None:
            # No rows at all: write the frame's empty form, header and schema only.
            if self.empty is None:
                raise ValueError(f"frame {self.name!r} got no rows and has no empty form")
            self._write(self.empty())
        self._writer.close()
        self._csv.close()
        return [self.parquet, self.csv]

    def abort(self) -> None:
        for handle in (self._writer, self._csv):
            if handle is not None:
                handle.close()


def staging(out: Path) -> Path:
    """A fresh temporary folder inside `out`, so moving files into place is a rename."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".build-", dir=out))


def publish(tmp: Path, out: Path, names: Iterable[str]) -> None:
    """Move finished outputs from the staging folder into `out`, replacing older ones."""
    for name in names:
        src, dest = tmp / name, out / name
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        os.replace(src, dest)


def write_stream(parts: Iterable[tuple[list[str], dict[str, pd.DataFrame]]], out: str | Path,
                 *, chunk_rows: int = CHUNK_ROWS, names: list[str] | None = None
                 ) -> tuple[dict[str, int], dict[str, list[Path]]]:
    """Write streamed frames (`names`, FRAMES by default), each part the article ids it holds
    and their frames grouped by article (as `run_batches` yields them), to
    out/<name>.parquet and .csv; return row counts and paths. Nothing in `out` changes unless
    every part is written."""
    out = Path(out)
    names = FRAMES if names is None else names
    tmp = staging(out)
    writers = {name: FrameWriter(name, tmp, chunk_rows, FRAMES_SCHEMA[name].empty)
               for name in names}
    try:
        for ids, part in parts:
            for name in names:
                writers[name].append(part[name], ids)
        for name in names:
            writers[name].close()
        publish(tmp, out, [f"{name}{ext}" for name in names for ext in (".parquet", ".csv")])
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    counts = {name: writers[name].rows for name in names}
    paths = {name: [out / f"{name}.parquet", out / f"{name}.csv"] for name in names}
    return counts, paths


def combine(parts: Iterable[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-article frames in memory (for small corpora, notebooks and tests)."""
    lists: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAMES}
    for part in parts:
        for name in FRAMES:
            lists[name].append(part[name])
    if not lists["articles"]:
        return empty_frames()
    return {name: concat_frames(frames) for name, frames in lists.items()}


def build(sources: str | Path = paths.SOURCES, out: str | Path | None = None, *,
          keep_going: bool = False,
          on_warning: Callable[[SourceError], None] = lambda err: None,
          chunk_rows: int = CHUNK_ROWS, derived: dict[str, Derived] | None = None) -> Result:
    """Parse every article of `sources` and write the processed frames (and the `derived`
    ones) to `out`, streaming."""
    out = processed_dir(out)
    result = Result()
    entries = tasks(sources, keep_going=keep_going, skipped=result.skipped)
    for err in result.skipped:
        on_warning(err)
    parts = run_batches(drained(entries), sources, keep_going=keep_going,
                        skipped=result.skipped, on_warning=on_warning, derived=derived,
                        total=len(entries))
    result.counts, result.paths = write_stream(parts, out, chunk_rows=chunk_rows,
                                               names=FRAMES + list(derived or {}))
    result.n_articles = result.counts["articles"]
    return result
