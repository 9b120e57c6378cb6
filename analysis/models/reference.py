"""The reference data the what-if models start from, read from ``data/reference/``.

The one module of ``analysis.models`` that reads files: each reader checks its file and
returns a frame; the arithmetic modules (visits, burn, compute) take such frames and
arrays and return new ones. Every row of these files carries its public source and date
(``data/reference/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import ModelError

__all__ = ["COMPUTE_CSV", "VISITS_CSV", "chatgpt_visits", "compute_constants"]

COMPUTE_CSV = paths.REFERENCE / "compute.csv"
VISITS_CSV = paths.REFERENCE / "chatgpt_visits_2023.csv"


def compute_constants(path: str | Path | None = None) -> pd.DataFrame:
    """The reference constants (name, value, low, high, unit, source, url, note), indexed by name."""
    path = Path(path) if path is not None else COMPUTE_CSV
    if not path.is_file():
        raise ModelError(
            "reference constants not found (expected data/reference/compute.csv)", file=path
        )
    frame = pd.read_csv(
        path,
        dtype={
            "name": "string",
            "unit": "string",
            "source": "string",
            "url": "string",
            "note": "string",
        },
    )
    missing = {"name", "value", "low", "high", "unit", "source"} - set(frame.columns)
    if missing:
        raise ModelError(f"missing columns: {', '.join(sorted(missing))}", file=path)
    frame = frame.set_index("name")
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype("float64")
    bad = frame.index[(frame["low"] > frame["value"]) | (frame["value"] > frame["high"])]
    if len(bad):
        raise ModelError(f"value outside [low, high] for: {', '.join(bad)}", file=path)
    return frame


def chatgpt_visits(csv_path: str | Path = VISITS_CSV) -> pd.DataFrame:
    """The monthly ChatGPT web visits that web-analytics firms reported for 2023.

    One row per (month, source); ``basis`` says whether a figure was printed ("reported")
    or follows from printed ones ("derived"). See ``data/reference/README.md``.
    """
    try:
        frame = pd.read_csv(csv_path, dtype={"month": "string"}, keep_default_na=False)
    except FileNotFoundError as exc:
        raise ModelError("reference traffic file is missing", file=csv_path) from exc
    frame["visits"] = frame["visits"].astype("float64")
    for col in frame.columns.drop(["visits"]):
        frame[col] = frame[col].astype("string")
    return frame
