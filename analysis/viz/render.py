"""PNG rendering through the system's Chromium: finding one (or installing Debian's),
and rendering plotly figures with one browser start (kaleido). Never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import plotly.io as pio

from analysis.errors import FigureError

__all__ = ["CHROMIUM_NAMES", "NO_BROWSER_HINT", "PNG_HEIGHT", "PNG_WIDTH", "chromium_path",
           "ensure_chromium", "have_chromium", "render_pngs", "render_to"]

# A plotly PNG is rendered at this size (CSS px) unless the figure sets its own.
PNG_WIDTH, PNG_HEIGHT = 900, 520


# Names a Chromium goes by on PATH (Debian's package, Ubuntu's, Google's builds).
CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome",
                                   "google-chrome-stable")


# What a figure step or a notebook save without a browser says it left out, and how to add it.
NO_BROWSER_HINT = ("install Chromium (Debian: apt-get install chromium) or set BROWSER_PATH, "
                   "then run `make notebooks figures`")


def chromium_path() -> Path:
    """The Chromium kaleido drives; never downloads one.

    ``$BROWSER_PATH`` wins (kaleido's own override), then a Chromium on ``PATH``.
    """
    for candidate in (os.environ.get("BROWSER_PATH"), *map(shutil.which, CHROMIUM_NAMES)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise FigureError(f"no Chromium for PNG rendering: {NO_BROWSER_HINT}")


def have_chromium() -> bool:
    """A Chromium can be found for PNG rendering."""
    try:
        chromium_path()
    except FigureError:
        return False
    return True


def ensure_chromium(install: bool = True) -> tuple[Path | None, str]:
    """A Chromium for PNG rendering, and one line saying how it was found.

    Where none is found and ``install`` holds, Debian's ``chromium`` is installed with
    apt-get when this process runs as root on a machine that has apt-get (as ``.ci/run``
    does); anything else (no root, no apt, no network) leaves ``None`` and says so.
    """
    import subprocess

    if have_chromium():
        return chromium_path(), f"browser: {chromium_path()}"
    apt = shutil.which("apt-get")
    if not (install and apt and hasattr(os, "geteuid") and os.geteuid() == 0):
        return None, "browser: none found (PNG figures and notebook pictures will be skipped)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "chromium", "fonts-dejavu-core"])
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
            return None, f"browser: apt-get could not install chromium ({reason}); " \
                         "PNG figures and notebook pictures will be skipped"
    if have_chromium():
        return chromium_path(), f"browser: installed Debian's chromium ({chromium_path()})"
    return None, "browser: chromium installed but not found on PATH"


def render_pngs(specs: Sequence[Any], scale: float = 1) -> list[bytes]:
    """PNG bytes of plotly figures (objects or JSON dicts), all with one browser start.

    Each is drawn at its layout's width and height (default ``PNG_WIDTH`` x ``PNG_HEIGHT``).
    Raises :class:`FigureError` when no Chromium can be found.
    """
    import tempfile

    if not specs:
        return []
    with tempfile.TemporaryDirectory(prefix="analysis-png-") as tmp:
        paths = [Path(tmp) / f"fig{i}.png" for i in range(len(specs))]
        render_to(list(specs), paths, scale)
        return [p.read_bytes() for p in paths]


def _size(spec: Any) -> tuple[int, int]:
    layout = (spec.to_dict() if hasattr(spec, "to_dict") else spec).get("layout") or {}
    return int(layout.get("width") or PNG_WIDTH), int(layout.get("height") or PNG_HEIGHT)


def render_to(specs: list[Any], paths: list[Path], scale: float) -> None:
    # kaleido finds its browser through BROWSER_PATH; point it at the one we checked.
    os.environ["BROWSER_PATH"] = str(chromium_path())
    sizes = [_size(s) for s in specs]
    pio.write_images(specs, paths, format="png", width=[w for w, _ in sizes],
                     height=[h for _, h in sizes], scale=scale)
