"""Bytes to text: read a source file safely and decode it without losing a character.

UTF-8 (a BOM stripped), UTF-16/32 with a BOM, and the legacy Western encodings
(Windows-1252, ISO-8859-15) are decoded; other scripts' legacy bytes, binary files and
oversized files are refused with a :class:`~analysis.errors.SourceError` naming the file and
the reason. Line endings become ``\\n``, and a saved web page becomes its visible text.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path

from analysis.errors import SourceError

__all__ = ["MAX_BYTES", "binary_kind", "check_path", "decode", "guess_encoding",
           "legacy_encoding", "looks_like_html", "read_source", "read_text"]

# A file larger than this is refused rather than read: news articles are kilobytes.
MAX_BYTES = 64 * 1024 * 1024


def read_text(path: str | Path) -> str:
    """Decode an article file into text; raise SourceError with a one-line reason if it is not one.

    UTF-8 (with or without BOM), UTF-16/32 with a BOM, and Windows-1252 / ISO-8859-15 are
    read; line endings become ``\\n``; an HTML page is reduced to its visible text.
    """
    return read_source(path)[1]


def read_source(path: str | Path) -> tuple[bytes, str]:
    """A file's bytes as read and its decoded text (see read_text)."""
    path = Path(path)
    check_path(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit rather than trust the size: files can grow.
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot read ({exc.strerror})", file=path) from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"file too large (over {MAX_BYTES:,} bytes, the limit)", file=path)
    text = decode(data, file=path)
    if looks_like_html(text, path):
        from analysis.sources.webpage import visible_text

        text = visible_text(text)
        if not text.strip():
            raise SourceError("web page without visible text", file=path)
    if not text.strip():
        raise SourceError("only white space", file=path)
    return data, text


def check_path(path: Path) -> None:
    """Raise SourceError unless `path` names a regular file (following symlinks that resolve)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            raise SourceError("symlink loop", file=path) from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise SourceError("symlink loop", file=path) from None
            raise SourceError(f"broken symlink (to {os.readlink(path)})", file=path) from None
        path = target
    if not path.exists():
        raise SourceError("no such file", file=path)
    if not path.is_file():
        raise SourceError("a folder, not a file" if path.is_dir() else "not a regular file", file=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})", file=path)


# Signatures of binary formats that can pass for text (a PDF can be all ASCII). Only
# signatures no English sentence starts with.
MAGIC = {
    b"%PDF-": "PDF document", b"PK\x03\x04": "ZIP archive", b"PK\x05\x06": "ZIP archive",
    b"\x89PNG\r\n\x1a\n": "PNG image", b"GIF87a": "GIF image", b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image", b"\x1f\x8b": "gzip archive", b"%!PS-Adobe": "PostScript document",
    b"{\\rtf": "RTF document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "Office document",
    b"\x7fELF": "executable", b"\xfd7zXZ\x00": "xz archive", b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"SQLite format 3\x00": "SQLite database",
}


def binary_kind(data: bytes) -> str | None:
    """The binary format a file's first bytes announce, or None."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def decode(data: bytes, *, file: str | Path | None = None) -> str:
    """Bytes to text with normalised line endings, refusing binary data and unknown encodings."""
    if not data:
        raise SourceError("empty file", file=file)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _newlines(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise SourceError(f"undecodable bytes for {codec} at byte {exc.start}", file=file) from None
    kind = binary_kind(data)
    if kind is not None:
        raise SourceError(f"binary file ({kind})", file=file)
    if b"\x00" in data:
        raise SourceError("binary file (NUL bytes)", file=file)
    controls = sum(data.count(bytes([b])) for b in (*range(0, 9), *range(14, 27), *range(28, 32)))
    if controls > max(2, len(data) // 200):
        raise SourceError("binary file (control bytes)", file=file)
    try:
        return _newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    codec = legacy_encoding(data)
    if codec is None:
        raise SourceError(
            f"unsupported encoding (looks like {guess_encoding(data)}; not UTF-8, Windows-1252 or "
            f"ISO-8859-15: invalid UTF-8 byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start})", file=file)
    return _newlines(data.decode(codec))


def legacy_encoding(data: bytes) -> str | None:
    """Which Western single-byte encoding a non-UTF-8 text is in, or None if neither fits.

    Bytes 0x80-0x9F are printable only in Windows-1252 (where 0x80 is the euro sign); in
    ISO-8859-15 they are control codes, and there the euro sign is 0xA4. A reading whose words
    are mostly accented letters, or have symbols inside them, is some other script's bytes
    (Cyrillic, Greek, Central European) and is refused rather than shown as mojibake.
    """
    c1 = any(0x80 <= b <= 0x9F for b in data)
    codec = "cp1252" if c1 else "iso8859_15" if 0xA4 in data else "cp1252"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec if _plausible_latin(text) else None


_WORD = re.compile(r"[^\W\d_]+")
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[¡-¿×÷](?=[^\W\d_])")


def _plausible_latin(text: str) -> bool:
    words = _WORD.findall(text)
    if not words:
        return True
    accented = sum(1 for w in words if len(w) >= 3 and 2 * sum(ord(c) > 127 for c in w) > len(w))
    odd = len(_SYMBOL_IN_WORD.findall(text))
    return accented <= 0.05 * len(words) and odd <= max(1, 0.01 * len(words))


def guess_encoding(data: bytes) -> str:
    """charset-normalizer's best guess, for naming an encoding the suite does not read."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else "unknown"


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def looks_like_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
