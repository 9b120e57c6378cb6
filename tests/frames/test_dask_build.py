"""The Dask engine: the same rows as the default engine, bad files as warnings, stable bytes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.errors import SourceError
from analysis.frames import build
from analysis.frames import dask_build as scale
from tests.conftest import ROOT, SOURCES
from tests.test_determinism import canonical, digests


@pytest.fixture(scope="module")
def scheduler():
    """One local cluster for the module's tests, reached by address like a remote one."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("pandas")
    build.build(SOURCES, out)
    return out


def test_dask_gives_the_rows_of_the_default_engine(scheduler, default_build, tmp_path):
    out = tmp_path / "dask"
    # One file per partition: four part files per frame that has rows in every article.
    result = scale.build(SOURCES, out, scheduler=scheduler, partition_files=1)
    assert result.n_articles == 4 and result.skipped == []
    assert len(result.paths["paragraphs"]) == 4
    for name in build.FRAMES:
        expected = pd.read_parquet(default_build / f"{name}.parquet")
        got = scale.read(out, name)
        assert result.counts[name] == len(expected)
        assert dict(got.dtypes) == dict(expected.dtypes), name
        pd.testing.assert_frame_equal(canonical(got), canonical(expected))


def test_dask_workers_compute_derived_frames_per_partition(scheduler, tmp_path):
    # The fact-check is computed by the workers, partition by partition: its rows must be
    # those of one pass over the whole corpus, as the default engine's are.
    from analysis.evidence import facts

    out = tmp_path / "dask"
    result = scale.build(SOURCES, out, scheduler=scheduler, partition_files=1,
                         derived={"checks": facts.checks_of})
    assert len(result.paths["checks"]) == 4
    whole = facts.checks_of({name: scale.read(out, name)
                             for name in ("articles", "statements", "events")})
    assert result.counts["checks"] == len(whole) > 0
    pd.testing.assert_frame_equal(scale.read(out, "checks"), whole)


def test_dask_output_is_byte_identical_between_runs(scheduler, tmp_path):
    scale.build(SOURCES, tmp_path / "one", scheduler=scheduler, partition_files=3)
    scale.build(SOURCES, tmp_path / "two", scheduler=scheduler, partition_files=3)
    first = digests(tmp_path / "one")
    assert "paragraphs/part-00001.parquet" in first
    assert first == digests(tmp_path / "two")


def test_dask_keep_going_returns_bad_files_as_warnings(scheduler, sources_copy, tmp_path):
    (sources_copy / "sora-app-wind-down-spud.txt").write_bytes(b"\x00\x01binary")
    (sources_copy / "extra.txt").write_text("not listed\n")
    warnings: list[SourceError] = []
    result = scale.build(sources_copy, tmp_path / "out", scheduler=scheduler, keep_going=True,
                         on_warning=warnings.append, partition_files=2)
    assert [os.path.basename(w.file) for w in warnings] == ["extra.txt", "sora-app-wind-down-spud.txt"]
    assert "binary file" in str(warnings[1]) and "\n" not in str(warnings[1])
    assert result.n_articles == 3
    assert "sora-app-wind-down-spud" not in set(scale.read(tmp_path / "out", "articles")["id"])


def test_dask_without_keep_going_stops_on_the_first_bad_file(scheduler, sources_copy, tmp_path):
    out = tmp_path / "out"
    scale.build(SOURCES, out, scheduler=scheduler)
    before = digests(out)
    for name in ("house-divided-openai-chaos.txt", "sora-app-wind-down-spud.txt"):
        (sources_copy / name).write_bytes(b"")
    with pytest.raises(SourceError, match="house-divided-openai-chaos.txt: .*empty file"):
        scale.build(sources_copy, out, scheduler=scheduler)
    assert digests(out) == before


@pytest.mark.slow
def test_cli_dask_engine_on_a_local_cluster(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"}
    proc = subprocess.run([sys.executable, "-m", "analysis", "build", "--engine", "dask",
                           "--sources", str(SOURCES), "--out", str(tmp_path / "out")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ""
    assert len(scale.read(tmp_path / "out", "articles")) == 4
    # Both engines compute the fact-check as the frames stream, to the same rows.
    pandas_out = tmp_path / "pandas"
    subprocess.run([sys.executable, "-m", "analysis", "build", "--sources", str(SOURCES),
                    "--out", str(pandas_out)], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    pd.testing.assert_frame_equal(scale.read(tmp_path / "out", "checks"),
                                  pd.read_parquet(pandas_out / "checks.parquet"))


@pytest.mark.slow
def test_cli_unreachable_scheduler_is_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Nothing listens on port 9: the client gives up after --scheduler-timeout (10 s unless
    # given), and the error is one line naming the address.
    proc = subprocess.run([sys.executable, "-m", "analysis", "build", "--engine", "dask",
                           "--scheduler", "tcp://127.0.0.1:9", "--scheduler-timeout", "1",
                           "--sources", str(SOURCES), "--out", str(tmp_path / "out")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "tcp://127.0.0.1:9" in lines[0]
    assert "after 1 s" in lines[0]  # the timeout given, not the default
