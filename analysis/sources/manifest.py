"""The manifest: what is known about each article file of a sources folder.

``manifest.toml`` lists one ``[[article]]`` table per file (id, file, title, outlet, url,
language, publication date and how it is known, checksum). A folder without one gets an
entry per file, dates unknown. A date can be derived by rule: ``x-snowflake`` reads the
creation time an X (Twitter) status id encodes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from analysis.errors import ManifestError, SourceError

__all__ = ["MANIFEST", "NOT_ARTICLES", "Entry", "article_files", "entries_for", "read_manifest",
           "snowflake_time", "status_id"]

MANIFEST = "manifest.toml"
# Files in a sources folder that are not articles.
NOT_ARTICLES = {MANIFEST, "manifest.csv", "README.md", "README.txt", "README"}

# X (Twitter) ids: milliseconds since the epoch = (id >> 22) + this offset.
SNOWFLAKE_EPOCH_MS = 1288834974657
_STATUS_URL = re.compile(r"(?:x|twitter)\.com/\w+/status(?:es)?/(\d{6,20})")


@dataclass(frozen=True)
class Entry:
    """One manifest row: what is known about an article file."""

    id: str
    file: str
    title: str = ""
    outlet: str = ""
    attributed_to: str = ""
    url: str = ""
    language: str = ""
    published: str = ""
    date_precision: str = "none"
    date_source: str = "unknown"
    date_rule: str = ""
    date_note: str = ""
    sha256: str = ""


def snowflake_time(status_id: int) -> datetime:
    """Creation time (UTC) encoded in an X/Twitter status id."""
    return datetime.fromtimestamp(((int(status_id) >> 22) + SNOWFLAKE_EPOCH_MS) / 1000, tz=UTC)


def status_id(url: str) -> int | None:
    m = _STATUS_URL.search(url or "")
    return int(m.group(1)) if m else None


def read_manifest(folder: str | Path) -> list[Entry]:
    """Entries of ``manifest.toml``; a folder without one gets an entry per file, dates unknown."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.exists():
        return [Entry(id=_slug(p.stem), file=p.name) for p in article_files(folder)]
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"not valid TOML ({exc})", file=path) from None
    rows = raw.get("article", [])
    if not isinstance(rows, list):
        raise ManifestError("expected [[article]] tables", file=path)
    known = set(Entry.__dataclass_fields__)
    entries, seen = [], set()
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("id") or not row.get("file"):
            raise ManifestError(f"article #{i} needs an id and a file", file=path)
        extra = set(row) - known
        if extra:
            raise ManifestError(f"article {row['id']!r}: unknown field(s) {sorted(extra)}", file=path)
        if row["id"] in seen:
            raise ManifestError(f"duplicate id {row['id']!r}", file=path)
        seen.add(row["id"])
        entry = Entry(**{k: str(v) for k, v in row.items()})
        entries.append(_resolve_date(entry, path))
    return entries


def _resolve_date(entry: Entry, manifest: Path) -> Entry:
    if entry.date_rule == "":
        return entry
    if entry.date_rule != "x-snowflake":
        raise ManifestError(f"article {entry.id!r}: unknown date_rule {entry.date_rule!r}", file=manifest)
    sid = status_id(entry.url)
    if sid is None:
        raise ManifestError(f"article {entry.id!r}: date_rule x-snowflake needs an X status url", file=manifest)
    when = snowflake_time(sid)
    return Entry(**{**entry.__dict__, "published": when.date().isoformat(), "date_precision": "day"})


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "article"


def article_files(folder: str | Path) -> list[Path]:
    """The files of a sources folder that should be articles, in name order. Symlinks that do
    not resolve are included, so they are reported rather than silently left out."""
    folder = Path(folder)
    return sorted(p for p in folder.iterdir()
                  if (p.is_file() or p.is_symlink()) and not p.name.startswith(".")
                  and p.name not in NOT_ARTICLES)


def entries_for(folder: str | Path) -> list[Entry]:
    """Manifest entries checked against the folder: every listed file exists, every file is listed."""
    folder = Path(folder)
    if not folder.exists():
        raise SourceError("no such folder", file=folder)
    if not folder.is_dir():
        raise SourceError("not a folder", file=folder)
    return read_manifest(folder)
