"""The one place that knows where the suite's files live."""

from __future__ import annotations

from analysis import paths
from analysis.evidence import named
from analysis.frames import load
from analysis.models import reference
from analysis.viz import figures


def test_every_module_takes_its_folders_from_paths():
    assert load.processed_dir() == paths.PROCESSED
    assert figures.figures_dir() == paths.FIGURES
    assert reference.COMPUTE_CSV.parent == reference.VISITS_CSV.parent == paths.REFERENCE
    assert named.QUANTITIES_PARQUET.parent == paths.PROCESSED
    assert (paths.SOURCES / "manifest.toml").is_file()


def test_environment_moves_the_processed_and_figure_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "p"))
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "f"))
    assert load.processed_dir() == tmp_path / "p"
    assert figures.figures_dir() == tmp_path / "f"
    assert paths.processed_dir(tmp_path / "given") == tmp_path / "given"


def test_notebooks_are_listed_in_reading_order():
    names = [p.name for p in paths.notebooks()]
    assert names == sorted(names) and names[0].startswith("00_")
