"""The same sources give byte-identical processed files, however the build is chunked."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from analysis.frames import build
from analysis.sources.corpus import load_corpus
from tests.conftest import SOURCES


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


KEYS = ["article", "paragraph", "ordinal", "table", "row", "column", "start", "end", "date",
        "surface"]


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame's rows in a fixed order (article, then offsets), whatever order they came in."""
    keys = [k for k in KEYS if k in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def test_two_builds_give_identical_bytes(tmp_path):
    build.build(SOURCES, tmp_path / "one")
    build.build(SOURCES, tmp_path / "two")
    first, second = digests(tmp_path / "one"), digests(tmp_path / "two")
    assert sorted(first) == sorted(f"{n}{ext}" for n in build.FRAMES for ext in (".parquet", ".csv"))
    assert first == second


def test_parquet_files_carry_no_timestamps_or_paths(tmp_path):
    build.build(SOURCES, tmp_path / "out")
    for name in build.FRAMES:
        meta = pq.ParquetFile(tmp_path / "out" / f"{name}.parquet").metadata
        assert meta.created_by.startswith("parquet-cpp-arrow")
        keys = set(meta.metadata)
        assert keys <= {b"pandas", b"ARROW:schema"}
        assert str(tmp_path).encode() not in meta.metadata[b"pandas"]


def test_streamed_chunks_give_the_rows_and_dtypes_of_one_frame(tmp_path):
    whole = build.frames_of(load_corpus(SOURCES))
    build.build(SOURCES, tmp_path / "big", chunk_rows=1_000_000)
    build.build(SOURCES, tmp_path / "small", chunk_rows=7)
    for name in build.FRAMES:
        assert (tmp_path / "big" / f"{name}.csv").read_bytes() == \
            (tmp_path / "small" / f"{name}.csv").read_bytes()
        small = pd.read_parquet(tmp_path / "small" / f"{name}.parquet")
        groups = pq.ParquetFile(tmp_path / "small" / f"{name}.parquet").num_row_groups
        # A chunk is written once it holds 7 rows or more: one article or several.
        assert groups > 1 if len(small) > 20 else groups >= 1
        pd.testing.assert_frame_equal(small, pd.read_parquet(tmp_path / "big" / f"{name}.parquet"))
        expected = whole[name].reset_index(drop=True)
        for col, dtype in expected.dtypes.items():
            if isinstance(dtype, np.dtype) and dtype.kind == "O":
                # Parquet has no "object": a column of strings comes back as a string dtype.
                assert pd.api.types.is_string_dtype(small[col].dtype), (name, col)
            elif dtype.kind == "M":
                # pandas infers a datetime's resolution from the values parsed (s or ms).
                assert small[col].dtype.kind == "M", (name, col)
            else:
                assert small[col].dtype == dtype, (name, col)
        # Loaded whole, a frame may list articles in another order; the rows are the same.
        pd.testing.assert_frame_equal(canonical(small), canonical(expected), check_dtype=False)


def test_a_failed_build_leaves_the_previous_output(sources_copy, tmp_path):
    out = tmp_path / "out"
    build.build(sources_copy, out)
    before = digests(out)
    (sources_copy / "sora-app-wind-down-spud.txt").write_bytes(b"")
    try:
        build.build(sources_copy, out)
    except Exception as err:
        assert "sora-app-wind-down-spud.txt" in str(err)
    else:
        raise AssertionError("a bad file must stop the build")
    assert digests(out) == before
