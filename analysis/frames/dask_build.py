"""Build with Dask: the per-file parse as a dask.bag, each partition written as Parquet parts.

``python -m analysis build --engine dask [--scheduler ADDRESS]`` writes
``out/<frame>/part-NNNNN.parquet`` (read back whole with ``pd.read_parquet(out / frame)``)
with the same rows as the default engine. Without an address it starts a local cluster of
``WORKERS`` single-threaded worker processes on 127.0.0.1 with no dashboard; with one, any
Dask distributed scheduler is used, whose workers must see the sources and `out` folders at
the same paths. Dask is an optional extra (``pip install .[scale]``), imported only here.

Partitions hold ``PARTITION_FILES`` files in manifest order, whatever the cluster, so the same
sources give the same part files byte for byte. A bad file is returned as data by its task, not
raised: with keep_going it becomes a warning, without it the build stops on the first one (in
manifest order) and nothing in `out` changes.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import AnalysisError, SourceError
from analysis.frames.build import (
    FRAMES,
    PARQUET,
    Derived,
    Result,
    arrow_schema,
    concat_frames,
    publish,
    run_batches,
    show_progress,
    staging,
    tasks,
    to_table,
)
from analysis.frames.schema import FRAMES as FRAMES_SCHEMA
from analysis.paths import processed_dir
from analysis.sources.manifest import Entry

# Worker processes of the local cluster (one thread each: the parse is pure Python).
WORKERS = 2
# Files per partition: a partition's frames are held in memory by one worker at a time.
PARTITION_FILES = 250
# Seconds to wait for a scheduler given by its address before giving up.
CONNECT_TIMEOUT = 10.0


def attempt(entries: list[Entry], sources: str,
            derived: dict[str, Derived] | None = None) -> list[dict]:
    """Parse a partition's files as the default engine does (`build.run_batches`, BATCH at a
    time): {"frames": ...} per batch of good files and {"error": (reason, file)} per bad one:
    data, not raised."""
    skipped: list[SourceError] = []
    good = run_batches(entries, sources, keep_going=True, skipped=skipped,
                       on_warning=lambda err: None, progress=False, derived=derived)
    results = [{"frames": frames, "error": None} for _, frames in good]
    return results + [{"frames": None, "error": (err.reason, err.file)} for err in skipped]


def write_partition(index: int, results: list[dict], folder: str,
                    names: list[str] = FRAMES) -> dict:
    """Write a partition's frames to folder/<frame>/part-<index>.parquet (frames with no rows
    in this partition are left out) and return its row counts and errors."""
    import pyarrow.parquet as pq

    errors = [r["error"] for r in results if r["error"] is not None]
    good = [r["frames"] for r in results if r["error"] is None]
    counts = dict.fromkeys(names, 0)
    for name in names:
        parts = [f[name] for f in good if len(f[name])]
        if not parts:
            continue
        frame = concat_frames(parts)
        schema = arrow_schema(frame, FRAMES_SCHEMA[name].empty)
        path = Path(folder) / name / f"part-{index:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(to_table(frame, schema, name), path, **PARQUET)
        counts[name] = len(frame)
    return {"counts": counts, "errors": errors}


def write_empty(folder: Path, names: list[str]) -> None:
    """A frame no partition had rows for is written as one empty part with its columns."""
    import pyarrow.parquet as pq

    for name in names:
        (folder / name).mkdir(parents=True, exist_ok=True)
        empty = FRAMES_SCHEMA[name].empty()
        pq.write_table(to_table(empty, arrow_schema(empty), name),
                       folder / name / "part-00000.parquet", **PARQUET)


@contextmanager
def connect(scheduler: str | None, workers: int = WORKERS,
            timeout: float = CONNECT_TIMEOUT) -> Iterator:
    """A distributed Client: to the scheduler at `scheduler` (given up after `timeout`
    seconds), or to a local cluster that is started here (127.0.0.1 only, no dashboard) and
    stopped on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{timeout}s")
        except (OSError, TimeoutError) as exc:
            raise AnalysisError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    # The scheduler's HTTP server (health and metrics routes) takes a free port on 127.0.0.1
    # rather than 8787, and serves no dashboard.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def build(sources: str | Path = paths.SOURCES, out: str | Path | None = None, *,
          keep_going: bool = False, scheduler: str | None = None,
          on_warning: Callable[[SourceError], None] = lambda err: None,
          workers: int = WORKERS, partition_files: int = PARTITION_FILES,
          derived: dict[str, Derived] | None = None,
          timeout: float = CONNECT_TIMEOUT) -> Result:
    """Parse every article of `sources` on a Dask cluster and write out/<frame>/part-*.parquet
    (the `derived` frames too, computed by the workers batch by batch)."""
    import dask
    import dask.bag as db

    out = processed_dir(out)
    result = Result()
    entries = tasks(sources, keep_going=keep_going, skipped=result.skipped)
    for err in result.skipped:
        on_warning(err)
    out = Path(out).resolve()
    src = str(Path(sources).resolve())
    names = FRAMES + list(derived or {})
    tmp = staging(out)
    try:
        summaries: list[dict] = []
        if entries:
            bag = db.from_sequence(entries, partition_size=partition_files).map_partitions(
                attempt, src, derived)
            writes = [dask.delayed(write_partition)(i, part, str(tmp), names)
                      for i, part in enumerate(bag.to_delayed())]
            with connect(scheduler, workers, timeout) as client:
                summaries = _gather(client, writes, len(entries))
        errors = [SourceError(reason, file=file) for s in summaries for reason, file in s["errors"]]
        if errors and not keep_going:
            raise errors[0]
        for err in errors:
            result.skipped.append(err)
            on_warning(err)
        result.counts = {name: sum(s["counts"][name] for s in summaries) for name in names}
        write_empty(tmp, [name for name in names if not (tmp / name).exists()])
        publish(tmp, out, names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.paths = {name: sorted((out / name).glob("part-*.parquet")) for name in names}
    result.n_articles = result.counts["articles"]
    return result


def _gather(client, writes: list, n_files: int) -> list[dict]:
    futures = client.compute(writes)
    if show_progress(n_files):
        from distributed import as_completed
        from tqdm import tqdm

        with tqdm(total=len(futures), unit="partition", desc="build") as bar:
            for _ in as_completed(futures):
                bar.update()
    return client.gather(futures)


def read(out: str | Path, name: str) -> pd.DataFrame:
    """One frame of a Dask build, all parts in order."""
    return pd.read_parquet(Path(out) / name)
