"""Executing notebooks: a cell that raises stops the run with one line, and saves nothing."""

from __future__ import annotations

import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tests.conftest import ROOT


def test_a_failing_cell_is_one_line_naming_the_notebook_and_the_cell(tmp_path):
    path = tmp_path / "broken.ipynb"
    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("import no_such_module_here")])
    nbformat.write(nb, path)
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "analysis.publish.execute", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and "cell 1 raised ModuleNotFoundError" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert path.read_bytes() == before
