"""Small CSV tables of ``data/reference/``, read with the house's errors for bad files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.errors import SourceError

__all__ = ["read_rows"]


def read_rows(path: str | Path, columns: list[str], what: str) -> list[dict[str, str]]:
    """The rows of a CSV file with at least ``columns``, values stripped ('' when empty);
    a one-line SourceError naming the file when it is missing, not UTF-8 text, lacks a
    column or has a row with more cells than the header."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"{what} not found", file=path) from None
    except IsADirectoryError:
        raise SourceError(f"{what} is a folder, not a file", file=path) from None
    except UnicodeDecodeError:
        raise SourceError(f"{what} is not UTF-8 text", file=path) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(f"{what} needs the columns {', '.join(missing)}", file=path)
    rows = []
    for n, row in enumerate(reader, start=2):
        if None in row:
            raise SourceError(f"{what}: line {n} has more cells than the header", file=path)
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows
