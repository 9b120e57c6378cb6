"""Shared fixtures: the repository's sources and small folders of hostile files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Kernels nbval starts inherit this process's environment: run from inside a JupyterLab
# kernel (`!make test`), the session's name would make the notebooks' dashboards take the run
# for a live session and leave out the outputs their saved files hold (analysis.dashboards.pictures).
os.environ.pop("JPY_SESSION_NAME", None)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="session")
def corpus():
    from analysis.sources.corpus import load_corpus

    return load_corpus(SOURCES)


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A writable copy of data/sources to break on purpose."""
    dest = tmp_path / "sources"
    shutil.copytree(SOURCES, dest)
    return dest


@pytest.fixture(scope="session")
def processed_frames():
    """The processed frames `make test` builds first; fails (never skips) when missing."""
    from analysis.frames import load

    try:
        return load.frames()
    except load.ProcessedDataMissing:
        pytest.fail("processed frames not built: run `make data` (python -m analysis build) first")
