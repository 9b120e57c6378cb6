"""The one place that knows where the suite's files live."""

from __future__ import annotations

from analysis import paths
from analysis.evidence import named as lookup
from analysis.frames import load as processed
from analysis.models import compute, visits
from analysis.viz import figures


def test_every_module_takes_its_folders_from_paths():
    assert processed.processed_dir() == paths.PROCESSED
    assert figures.figures_dir() == paths.FIGURES
    assert compute.REFERENCE_CSV.parent == visits.REFERENCE_CSV.parent == paths.REFERENCE
    assert lookup.QUANTITIES_PARQUET.parent == paths.PROCESSED
    assert (paths.SOURCES / "manifest.toml").is_file()


def test_environment_moves_the_processed_and_figure_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "p"))
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "f"))
    assert processed.processed_dir() == tmp_path / "p"
    assert figures.figures_dir() == tmp_path / "f"
    assert paths.processed_dir(tmp_path / "given") == tmp_path / "given"


def test_notebooks_are_listed_in_reading_order():
    names = [p.name for p in paths.notebooks()]
    assert names == sorted(names) and names[0].startswith("00_")
