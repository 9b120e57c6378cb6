"""Read a folder of articles: decode, describe from the manifest, split into paragraphs.

Nothing is dropped: every non-blank character of a decoded file lies in exactly one
paragraph span, and page furniture (contact blocks, share buttons, comment forms, ...)
is kept and marked ``boilerplate``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from analysis.errors import ManifestError, SourceError
from analysis.frames.schema import FRAMES, PARAGRAPH_KINDS
from analysis.paths import SOURCES
from analysis.sources.decode import read_source

MANIFEST = "manifest.toml"
# Files in a sources folder that are not articles.
NOT_ARTICLES = {MANIFEST, "manifest.csv", "README.md", "README.txt", "README"}

KINDS = PARAGRAPH_KINDS

# X (Twitter) ids: milliseconds since the epoch = (id >> 22) + this offset.
SNOWFLAKE_EPOCH_MS = 1288834974657
_STATUS_URL = re.compile(r"(?:x|twitter)\.com/\w+/status(?:es)?/(\d{6,20})")


# ---------------------------------------------------------------- manifest


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


# ---------------------------------------------------------------- paragraphs

_BULLET = re.compile(r"(?:[•·‣◦▪●○■□–—*+-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TERMINAL = tuple('.!?:;"”’)…')

# Page furniture: a paragraph matching one of these is boilerplate by itself.
_FURNITURE = [
    r"contact( information| us)?:?",
    r"share( this( article)?)?:?",
    r"(we are|we're) available 24\s*/\s*7\b.*",
    r"call( us)? now\.?",
    r"(#\w[\w-]*\s*)+",
    r"(.*·\s*)?\d+\s*(h|hrs?|hours?|min|mins|minutes?|d|days?)\s*ago\b.*",
    r".*\b\d+\s*min(ute)?s?\s+read\b.*",
    r".*\b\d[\d,.]*\s*(views|comments|likes|shares)\s*",
    r"related (articles|posts|stories)",
    r"more in .{1,60}",
    r"view all",
    r"read more",
    r"advertisement",
    r"enjoyed this (article|post)\?",
    r"featured image( source)?:.*",
    r"(image|photo) (credit|source):.*",
    r"source: .*\bvia\b.*https?://\S+",
    r"this report is based on .*",
    r"subscribe( to .*)?",
    r"sign up( for .*)?",
    r"(tel|phone|fax)[.:]?\s*[+\d(][\d\s().-]{6,}",
    r"\d+\s+[nsew]?\.?\s*\w[\w .]*\b(ave|avenue|st|street|rd|road|blvd|suite|ste|way|lane|ln|dr|drive)\b.*",
    r"[a-z .]+,?\s+[a-z]{2}\s+\d{5}(-\d{4})?",
]
# From a paragraph matching one of these to the end of the file, everything is furniture.
_TRAILER = [
    r"the post .* appeared first on .*",
    r"enjoyed this (article|post)\?",
    r"related (articles|posts|stories)",
    r"leave a (reply|comment)",
    r"\d*\s*comments?",
    r"about the author",
]
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE), re.I)
_TRAILER_RE = re.compile("|".join(f"(?:{p})" for p in _TRAILER), re.I)


@dataclass
class Block:
    start: int
    end: int
    kind: str


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's non-blank content; blank lines are skipped."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            a = pos + (len(line) - len(line.lstrip()))
            yield a, a + len(stripped)
        pos += len(line) + 1


def blocks(text: str) -> list[Block]:
    """Split text into paragraph spans: one per line, with hard-wrapped prose lines joined
    and the lines of a pipe table kept together."""
    lines = list(_lines(text))
    out: list[Block] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if _is_table_start(text, lines, i):
            j = i + 2
            while j < len(lines) and "|" in text[lines[j][0]:lines[j][1]] and _adjacent(text, lines[j - 1], lines[j]):
                j += 1
            out.append(Block(a, lines[j - 1][1], "table"))
            i = j
            continue
        j = i + 1
        while j < len(lines) and _continues(text, lines[j - 1], lines[j]):
            j += 1
        out.append(Block(a, lines[j - 1][1], "paragraph"))
        i = j
    return out


def _adjacent(text: str, prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    return "\n\n" not in text[prev[1]:cur[0]].replace(" ", "").replace("\t", "")


def _is_table_start(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    if i + 1 >= len(lines):
        return False
    head = text[lines[i][0]:lines[i][1]]
    rule = text[lines[i + 1][0]:lines[i + 1][1]]
    return "|" in head and "|" in rule and bool(_TABLE_RULE.match(rule)) and _adjacent(text, lines[i], lines[i + 1])


def _continues(text: str, prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    """A line continues the previous one when prose was hard-wrapped: no blank line between,
    the previous line ends mid-sentence and this one starts in lower case."""
    if not _adjacent(text, prev, cur):
        return False
    before = text[prev[0]:prev[1]]
    line = text[cur[0]:cur[1]]
    if before.endswith(_TERMINAL) or _BULLET.match(line):
        return False
    return line[:1].islower()


def _classify(text: str, blocks_: list[Block], title: str) -> None:
    """Set each block's kind in place: boilerplate, title, heading, list_item, table, paragraph."""
    norm_title = _norm(title)
    seen: set[str] = set()
    title_found = False
    trailer = False
    contact = False
    n = len(blocks_)
    for k, blk in enumerate(blocks_):
        body = text[blk.start:blk.end]
        norm = _norm(body)
        if blk.kind == "table":
            seen.add(norm)
            continue
        if trailer or _TRAILER_RE.fullmatch(body):
            trailer = True
            blk.kind = "boilerplate"
            continue
        if re.fullmatch(r"contact( information| us)?:?", body, re.I):
            contact = True
        elif contact and (len(body) > 120 or body.endswith((".", "!", "?")) and len(body.split()) > 8):
            contact = False
        if contact or _FURNITURE_RE.fullmatch(body) or (norm in seen and len(norm) > 0):
            blk.kind = "boilerplate"
        elif not title_found and (norm == norm_title or (not norm_title and _is_heading(body))):
            blk.kind = "title"
            title_found = True
        elif _BULLET.match(body):
            blk.kind = "list_item"
        elif _is_heading(body) and k + 1 < n:
            blk.kind = "heading"
        seen.add(norm)
    if not title_found:
        for blk in blocks_:
            if blk.kind in ("heading", "paragraph") and _norm(text[blk.start:blk.end]) == norm_title:
                blk.kind = "title"
                break


def _is_heading(body: str) -> bool:
    words = body.split()
    if "\n" in body or not words or len(words) > 16 or len(body) > 120:
        return False
    if body.endswith("?"):
        return len(words) <= 14
    return not body.endswith(_TERMINAL[:-1] + (",",))


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


# ---------------------------------------------------------------- frames


@dataclass
class Corpus:
    """The articles of a folder as tidy frames, with each decoded text kept for offsets."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    skipped: list[SourceError] = field(default_factory=list)


def paragraphs_of(article: str, text: str, title: str = "") -> pd.DataFrame:
    """The paragraphs frame of one decoded text."""
    blks = blocks(text)
    _classify(text, blks, title)
    rows = [{"article": article, "ordinal": i, "kind": b.kind, "text": text[b.start:b.end],
             "start": b.start, "end": b.end} for i, b in enumerate(blks)]
    return FRAMES["paragraphs"].typed(rows)


def load_article(entry: Entry, folder: str | Path) -> Corpus:
    """A one-article corpus: the unit of work of a build, so a bulk run can stream files."""
    path = Path(folder) / entry.file
    if not path.exists() and not path.is_symlink():
        raise SourceError("listed in the manifest but missing", file=path)
    data, text = read_source(path)
    digest = hashlib.sha256(data).hexdigest()
    if entry.sha256 and entry.sha256 != digest:
        raise SourceError(f"sha256 {digest[:12]}… differs from the manifest's {entry.sha256[:12]}…", file=path)
    title = entry.title or _first_line(text)
    language = entry.language or guess_language(text)
    paras = paragraphs_of(entry.id, text, title)
    furniture = paras.loc[paras["kind"] == "boilerplate", "text"].str.len().sum()
    body = paras["text"].str.len().sum()
    row = {**entry.__dict__, "title": title, "language": language, "sha256": digest, "n_chars": len(text),
           "n_words": len(re.findall(r"\w+(?:['’]\w+)*", text)), "n_paragraphs": len(paras),
           "boilerplate_share": round(float(furniture) / float(body), 6) if body else 0.0}
    return Corpus(FRAMES["articles"].typed([row]), paras, {entry.id: text})


# The commonest short words of each language (no one-letter words: they are shared); a
# text's language is the one whose words it uses most, English when none stands out.
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as are by this be from at have".split(),
    "de": "der die und das ist nicht mit den von zu ein eine im auf für sich dem des auch".split(),
    "fr": "le la les et des est une un du dans que pour qui pas sur au avec ce sont par".split(),
    "es": "el la los las y que en del se por con una para es al lo como más pero sus".split(),
    "it": "il di che la per una sono non con gli del della le da nel questo anche alla".split(),
    "nl": "de het een en van is dat op te zijn niet met voor in die ook aan om maar".split(),
    "pt": "os as de que do da em um uma para com não por mais dos das se".split(),
}
_WORDS = re.compile(r"[^\W\d_]+")


def guess_language(text: str, sample: int = 20_000) -> str:
    """ISO 639-1 code of the text's language, from its commonest words, for files the
    manifest does not describe (numbers are read by the language's separators)."""
    words = [w.lower() for w in _WORDS.findall(text[:sample])]
    if not words:
        return "en"
    counts = {lang: 0 for lang in _STOPWORDS}
    sets = {lang: set(ws) for lang, ws in _STOPWORDS.items()}
    for word in words:
        for lang, vocab in sets.items():
            if word in vocab:
                counts[lang] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] >= 5 and counts[best] > counts["en"] * 1.2 else "en"


def _first_line(text: str) -> str:
    for a, b in _lines(text):
        return text[a:b][:200]
    return ""


def entries_for(folder: str | Path) -> list[Entry]:
    """Manifest entries checked against the folder: every listed file exists, every file is listed."""
    folder = Path(folder)
    if not folder.exists():
        raise SourceError("no such folder", file=folder)
    if not folder.is_dir():
        raise SourceError("not a folder", file=folder)
    return read_manifest(folder)


def skip_or_raise(err: SourceError, *, keep_going: bool,
                  skipped: list[SourceError] | None) -> None:
    """A bad file: with keep_going, record it in ``skipped`` (when given) and go on; else raise."""
    if not keep_going:
        raise err
    if skipped is not None:
        skipped.append(err)


def checked_entries(folder: str | Path, *, keep_going: bool = False,
                    skipped: list[SourceError] | None = None) -> list[Entry]:
    """The manifest's entries; a file of the folder the manifest does not list is a bad file."""
    folder = Path(folder)
    entries = entries_for(folder)
    listed = {e.file for e in entries}
    for path in article_files(folder):
        if path.name not in listed:
            skip_or_raise(SourceError("no manifest entry", file=path), keep_going=keep_going,
                          skipped=skipped)
    return entries


def iter_articles(folder: str | Path, *, keep_going: bool = False,
                  skipped: list[SourceError] | None = None) -> Iterator[Corpus]:
    """Yield one-article corpora; with keep_going, bad files are recorded in `skipped`."""
    for entry in checked_entries(folder, keep_going=keep_going, skipped=skipped):
        try:
            yield load_article(entry, folder)
        except SourceError as err:
            skip_or_raise(err, keep_going=keep_going, skipped=skipped)


def concat(parts: list[Corpus], skipped: list[SourceError] | None = None) -> Corpus:
    """Join one-article corpora into one."""
    texts: dict[str, str] = {}
    for part in parts:
        texts.update(part.texts)
    articles = [p.articles for p in parts]
    paragraphs = [p.paragraphs for p in parts]
    return Corpus(
        _joined("articles", articles), _joined("paragraphs", paragraphs),
        texts, list(skipped or []))


def load_corpus(path: str | Path = SOURCES, *, keep_going: bool = False) -> Corpus:
    """All articles of a sources folder as frames (see the README's data dictionary)."""
    skipped: list[SourceError] = []
    parts = list(iter_articles(path, keep_going=keep_going, skipped=skipped))
    return concat(parts, skipped)


def _joined(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One-article frames joined, in the schema's dtypes."""
    if not parts:
        return FRAMES[name].empty()
    return FRAMES[name].typed(pd.concat(parts, ignore_index=True))
