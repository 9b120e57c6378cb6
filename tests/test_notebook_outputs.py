"""Saved notebooks are what executing them gives now, byte for byte.

Executing a copy beside the original (so it finds the repository the same way) must give
back the saved file exactly: the outputs are deterministic and were saved from the current
code and data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.notebooks import execute

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_re_executing_gives_the_saved_file(path):
    copy = path.with_name(f".rerun-{path.name}")
    copy.write_bytes(path.read_bytes())
    try:
        execute(copy)
        assert copy.read_bytes() == path.read_bytes(), (
            f"{path.name} differs when re-executed: run `make notebooks` and commit")
    finally:
        copy.unlink(missing_ok=True)
