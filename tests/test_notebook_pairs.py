"""Each notebook and its py:percent script say the same thing (notebooks/jupytext.toml)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _cells(path: Path) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip())
            for cell in jupytext.read(path).cells if cell.source.strip()]


def test_the_pairing_is_configured_for_the_notebooks_folder():
    config = (ROOT / "notebooks" / "jupytext.toml").read_text(encoding="utf-8")
    assert 'formats = "ipynb,py:percent"' in config


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_script_hold_the_same_cells(path):
    script = path.with_suffix(".py")
    assert script.is_file(), f"no paired script: run `jupytext --sync {path}`"
    assert _cells(script) == _cells(path), (
        f"{path.name} and {script.name} differ: `jupytext --sync` the one you edited, "
        "then `make notebooks`")
