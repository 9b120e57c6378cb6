"""`import analysis` stays cheap: plotting, widget and cluster libraries load only where used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["plotly", "matplotlib", "ipywidgets", "dask", "distributed", "tqdm", "bs4"]


def loaded_after(statement: str) -> list[str]:
    """Top-level packages of HEAVY in sys.modules after `statement`, in a fresh interpreter."""
    code = (f"import json, sys\n{statement}\n"
            f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(proc.stdout)


def test_core_modules_import_no_plotting_widgets_or_dask():
    assert loaded_after("import analysis, analysis.sources.corpus, analysis.extract.quantities, analysis.extract.claims, "
                        "analysis.extract.tables, analysis.frames.build, analysis.__main__") == []


def test_the_dask_engine_module_defers_dask_to_its_build():
    assert loaded_after("import analysis.frames.dask_build") == []


def test_the_probe_sees_a_heavy_import():
    # The check above could pass vacuously if the probe were broken.
    assert loaded_after("import analysis.frames.dask_build, dask.bag") == ["dask"]
