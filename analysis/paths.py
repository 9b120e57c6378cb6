"""Where the suite's files live: the one place that knows the repository's folders.

Two folders can be moved with environment variables, for builds and tests that must not
touch the repository's own: ``ANALYSIS_PROCESSED_DIR`` (the processed frames) and
``ANALYSIS_FIGURES_DIR`` (exported figures).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["BUILD", "FIGURES", "NOTEBOOKS", "PROCESSED", "REFERENCE", "ROOT", "SOURCES",
           "figures_dir", "notebooks", "processed_dir"]

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"        # the articles, byte for byte, and manifest.toml
PROCESSED = ROOT / "data" / "processed"    # the frames `python -m analysis build` writes
REFERENCE = ROOT / "data" / "reference"    # external constants and facts, each with a source
FIGURES = ROOT / "figures"                 # exported figures and index.csv
NOTEBOOKS = ROOT / "notebooks"             # NN_topic.ipynb and their py:percent pairs
BUILD = ROOT / "build"                     # generated: the report, screenshots, kernels

_PROCESSED_ENV = "ANALYSIS_PROCESSED_DIR"
_FIGURES_ENV = "ANALYSIS_FIGURES_DIR"


def processed_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """``path``, else ``$ANALYSIS_PROCESSED_DIR``, else the repository's ``data/processed``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(_PROCESSED_ENV) or PROCESSED)


def figures_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """``path``, else ``$ANALYSIS_FIGURES_DIR``, else the repository's ``figures/``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(_FIGURES_ENV) or FIGURES)


def notebooks(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The suite's notebooks in reading order (``NN_topic.ipynb``)."""
    return sorted(Path(folder or NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))
