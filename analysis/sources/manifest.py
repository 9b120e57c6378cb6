"""The manifest: what is known about each article file of a sources folder.

``manifest.toml`` lists one ``[[article]]`` table per file (id, file, title, outlet, url,
language, publication date and how it is known, checksum). A folder without one gets an
entry per file, dates unknown. A date can be derived by rule: ``x-snowflake`` reads the
creation time an X (Twitter) status id encodes.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, replace
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row: what is known about an article file.

    A build holds every entry of its manifest, so an entry has no per-instance dict and
    the values many entries share (outlet, language, date notes) are one string each.
    """

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
        text = path.read_text(encoding="utf-8")
        entries = _entries_by_table(text, path)
        if entries is None:
            rows = tomllib.loads(text).get("article", [])
            if not isinstance(rows, list):
                raise ManifestError("expected [[article]] tables", file=path)
            seen: set[str] = set()
            entries = [_entry(row, i, seen, path) for i, row in enumerate(rows, 1)]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"not valid TOML ({exc})", file=path) from None
    return entries


_KNOWN = frozenset(Entry.__dataclass_fields__)


def _entry(row, i: int, seen: set[str], path: Path) -> Entry:
    if not isinstance(row, dict) or not row.get("id") or not row.get("file"):
        raise ManifestError(f"article #{i} needs an id and a file", file=path)
    extra = set(row) - _KNOWN
    if extra:
        raise ManifestError(f"article {row['id']!r}: unknown field(s) {sorted(extra)}", file=path)
    if row["id"] in seen:
        raise ManifestError(f"duplicate id {row['id']!r}", file=path)
    seen.add(row["id"])
    entry = Entry(**{k: sys.intern(str(v)) for k, v in row.items()})
    return _resolve_date(entry, path)


_ARTICLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*article[ \t]*\]\][ \t]*(?:#[^\n]*)?$", re.M)


def _entries_by_table(text: str, path: Path) -> list[Entry] | None:
    """The entries of a manifest whose ``[[article]]`` tables are parsed one at a time, each
    made an entry at once: parsed whole, a manifest of 20,000 articles held about 50 MB at
    its peak, much of which stayed with the build. None unless the text is a preamble
    without articles followed by tables that each parse to one article and nothing else;
    the caller then parses the whole text, as it did before (which also gives a malformed
    manifest its error)."""
    starts = [m.start() for m in _ARTICLE_HEADER.finditer(text)]
    if not starts:
        return None
    entries: list[Entry] = []
    seen: set[str] = set()
    try:
        if "article" in tomllib.loads(text[:starts[0]]):
            return None
        for i, (a, b) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True), 1):
            part = tomllib.loads(text[a:b])
            if set(part) != {"article"} or len(part["article"]) != 1:
                return None
            entries.append(_entry(part["article"][0], i, seen, path))
    except tomllib.TOMLDecodeError:
        return None
    except ManifestError:
        tomllib.loads(text)  # an error of the TOML anywhere comes first, as parsed whole
        raise
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
    return replace(entry, published=when.date().isoformat(), date_precision="day")


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
