"""Saved notebooks are what executing them gives now, byte for byte (but for PNG pixels).

Executing a copy beside the original (so it finds the repository the same way) must give
back the saved file: the outputs are deterministic and were saved from the current code and
data. One thing is compared by kind rather than by bytes: the PNG pictures of charts, which
Chromium rasterises (byte-identical on one machine and browser build, see
``tests/test_figures.py``, but not promised across the Chromium builds a package update
brings). Each must still be a PNG of the same pixel size in the same output, and every
other byte of the file must match.
"""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path

import pytest

from analysis.publish.execute import execute

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _png_size(b64: str) -> tuple[int, int]:
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


_PNG_FIELD = re.compile(r'("image/png": ")([^"]*)(")')


def _without_png_bytes(raw: bytes) -> str:
    """The file's text with each PNG payload replaced by its pixel size; all else as is."""
    def size(match: re.Match) -> str:
        width, height = _png_size(match.group(2).replace("\\n", ""))
        return f"{match.group(1)}PNG {width}x{height}{match.group(3)}"

    return _PNG_FIELD.sub(size, raw.decode("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_re_executing_gives_the_saved_file(path):
    copy = path.with_name(f".rerun-{path.name}")
    copy.write_bytes(path.read_bytes())
    try:
        assert execute(copy) is not None, "no Chromium: the saved pictures cannot be checked"
        fresh, saved = copy.read_bytes(), path.read_bytes()
        assert _without_png_bytes(fresh) == _without_png_bytes(saved), (
            f"{path.name} differs when re-executed: run `make notebooks` and commit")
    finally:
        copy.unlink(missing_ok=True)
