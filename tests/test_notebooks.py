"""The notebooks as saved: executed, without widget state, small, and free of typed-in numbers.

nbval (run by `make test`) re-executes them and compares outputs; these tests pin what nbval
cannot see: that every code cell was saved executed, that no number from the articles is typed
into a code cell (numbers are looked up by what they are), and that each notebook opens with a
title, its question and its answer.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_BYTES = 1_000_000
# Structural constants a cell may use (an index, a count of one, percent). Any other number
# that also occurs in the articles must come from the frames.
ALLOWED = {0.0, 1.0, 2.0, 100.0}
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def article_numbers() -> set[float]:
    path = ROOT / "data" / "processed" / "quantities.parquet"
    if not path.exists():
        pytest.fail("processed frames not built: run `make data` (python -m analysis build) first")
    q = pd.read_parquet(path)
    numbers = set()
    for col in ("value", "low", "high", "of"):
        numbers |= {float(v) for v in q[col].dropna()}
    for surface in q["surface"]:
        numbers |= {float(d.replace(",", "")) for d in _DIGITS.findall(str(surface))}
    return numbers


def code_numbers(source: str) -> list[str]:
    """Every number literal in a code cell (magics and shell lines left out)."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline)
    return [t.string for t in tokens if t.type == tokenize.NUMBER]


def _value(literal: str) -> float | None:
    try:
        return float(literal.replace("_", ""))
    except ValueError:  # hex, octal, complex: not a number an article prints
        return None


def test_the_suite_has_its_notebooks():
    """Every notebook the chart registry and the README name exists, and no other."""
    from analysis.viz.charts import NB

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {f"{stem}.ipynb" for stem in re.findall(r"^\| `(\d\d_\w+)` \|", readme, re.M)}
    names = {p.name for p in NOTEBOOKS}
    assert names == set(NB.values()) == listed


def test_code_numbers_finds_literals_but_not_names():
    assert code_numbers("x = f(1.43, 700_000)\ny = a2 + b['3']") == ["1.43", "700_000"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_executed_without_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code)
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert path.stat().st_size < MAX_BYTES
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            assert not (out.output_type == "stream" and out.name == "stderr"), cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_number_from_the_articles_is_typed_into_a_cell(path, article_numbers):
    nb = nbformat.read(path, as_version=4)
    typed = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for literal in code_numbers(cell.source):
            value = _value(literal)
            if value is not None and value in article_numbers and value not in ALLOWED:
                typed.append(literal)
    assert not typed, f"look these up with analysis.evidence.named.claim(...): {typed}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_title_question_and_answer(path):
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert re.match(r"# \S", first.source)
    assert "**Question.**" in first.source and "**Answer.**" in first.source



MAX_CELL_LINES = 10  # glue and narrative: anything longer belongs in the package


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_stay_short_and_never_export(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert len(lines) <= MAX_CELL_LINES, cell.source
        assert "export(" not in cell.source and "export_all" not in cell.source
        assert not re.search(r"^\s*(for|while)\b", cell.source, re.M), cell.source
        assert "import re\n" not in cell.source
