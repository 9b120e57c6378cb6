"""Read the processed frames that ``python -m analysis build`` writes to ``data/processed/``."""

from __future__ import annotations

import os

import pandas as pd

from analysis.errors import ProcessedDataMissing
from analysis.frames.schema import NAMES as FRAMES
from analysis.paths import processed_dir

__all__ = ["FRAMES", "ProcessedDataMissing", "frames", "load", "processed_dir"]


def load(name: str, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One processed frame by name (``articles``, ``quantities``, ...)."""
    if name not in FRAMES:
        raise KeyError(f"unknown frame {name!r}; known: {', '.join(FRAMES)}")
    file = processed_dir(path) / f"{name}.parquet"
    if not file.exists():
        raise ProcessedDataMissing("no processed frames: run `python -m analysis build` first",
                                   file=file)
    return pd.read_parquet(file)


def frames(path: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every processed frame, by name."""
    return {name: load(name, path) for name in FRAMES}
