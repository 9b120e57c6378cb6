"""One look and one export for every chart of the suite.

Importing this module registers a plotly template named ``"analysis"`` and makes
``"analysis_white"`` (plotly_white with it applied over, for the 2-D trace types in
:data:`TEMPLATE_TRACES`) the default, so every plotly chart looks like the same publication.
No chart of the suite is drawn with matplotlib; a reader's own matplotlib figure still gets
the same reproducible export and index row.

:func:`export` writes a figure where a write-up can pick it up, byte-reproducibly:

- matplotlib ``Figure`` -> ``figures/<name>.png`` and ``figures/<name>.svg``;
- plotly ``Figure``/``FigureWidget`` -> ``figures/<name>.html`` (offline: it loads the
  ``plotly.min.js`` written once next to it) and ``figures/<name>.png`` (kaleido driving
  the system Chromium; inside :func:`batch` all PNGs share one browser start).

Each written file gets one row in ``figures/index.csv`` (file, title, notebook, claims),
so a reader can find which notebook made a chart and which sentences stand behind it.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from analysis import paths
from analysis.errors import FigureError
from analysis.viz.render import NO_BROWSER_HINT, have_chromium, render_to

__all__ = [
    "COLORS",
    "FONT_FAMILY",
    "FigureError",
    "batch",
    "export",
    "export_many",
    "Batch",
    "Exported",
    "figure_dict",
    "log_ticks",
    "figures_dir",
    "plain",
    "read_index",
]

# Ships with matplotlib and with Debian's fonts-dejavu (pulled in by chromium), so
# the PNG/SVG look the same offline on every machine; Arial is only a browser fallback.
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
# Okabe & Ito (2008), "Color Universal Design": distinguishable with colour-vision deficiency.
COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
TEXT_COLOR = "#222222"
GRID_COLOR = "#E6E6E6"
AXIS_COLOR = "#888888"

PNG_SCALE = 2  # exported PNGs at twice the CSS size (PNG_WIDTH x PNG_HEIGHT by default)
MPL_DPI = 150
INDEX_COLUMNS = ("file", "title", "notebook", "claims")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")




# --------------------------------------------------------------------------- theme


def _plotly_template() -> go.layout.Template:
    axis = dict(
        showgrid=True,
        gridcolor=GRID_COLOR,
        gridwidth=1,
        zeroline=False,
        showline=True,
        linecolor=AXIS_COLOR,
        ticks="outside",
        tickcolor=AXIS_COLOR,
        automargin=True,
        title=dict(standoff=10),
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT_FAMILY, size=13, color=TEXT_COLOR),
            colorway=list(COLORS),
            paper_bgcolor="white",
            plot_bgcolor="white",
            title=dict(x=0, xanchor="left", xref="paper", font=dict(size=17)),
            margin=dict(l=70, r=30, t=70, b=60),
            xaxis=axis,
            yaxis=axis,
            legend=dict(bgcolor="rgba(255,255,255,0)", borderwidth=0),
            hoverlabel=dict(font=dict(family=FONT_FAMILY)),
            hovermode="closest",
        )
    )


# The trace types whose plotly_white styling the default keeps: every 2-D kind a chart of the
# suite or a reader's own chart is likely to draw. The others (3-D, maps, polar, ternary,
# carpet, parallel coordinates) keep plotly's own trace defaults under the same layout;
# building their template entries loads their trace classes, about 0.15 s in every kernel.
TEMPLATE_TRACES: tuple[str, ...] = (
    "bar", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "pie",
    "scatter", "scattergl", "table",
)


def _merged(base: dict, over: dict) -> dict:
    """``base`` with ``over`` laid on it: nested dicts merged, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def _white_template() -> dict:
    """plotly_white as plotly ships it, as a plain dict (not validated into objects)."""
    import json
    import pkgutil

    raw = pkgutil.get_data("plotly", "package_data/templates/plotly_white.json")
    if raw is None:  # pragma: no cover - a plotly without its template files
        return pio.templates["plotly_white"].to_plotly_json()
    return json.loads(raw)


def _default_template(analysis: go.layout.Template) -> go.layout.Template:
    """plotly_white with ``analysis`` over it, for :data:`TEMPLATE_TRACES`, validated once."""
    white = _white_template()
    over = analysis.to_plotly_json()
    data = {k: v for k, v in white.get("data", {}).items() if k in TEMPLATE_TRACES}
    return go.layout.Template(layout=_merged(white.get("layout", {}), over.get("layout", {})),
                              data=data)


pio.templates["analysis"] = _plotly_template()
# Registered under a name without "+": plotly splits a name at "+" and merges (deep-copies)
# the parts again for every figure made, about 80 ms each.
TEMPLATE = "analysis_white"
pio.templates[TEMPLATE] = _default_template(pio.templates["analysis"])
pio.templates.default = TEMPLATE


def log_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick values 1-2-5 per decade covering ``low``..``high`` (positive), with labels a
    reader can read (:func:`analysis.formats.number`), for a log axis or a log colour scale."""
    import math

    from analysis.formats import number

    if not (low > 0 and high >= low and math.isfinite(high)):
        return [], []
    values = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for step in (1, 2, 5):
            value = step * 10.0**exponent
            if low / 1.0001 <= value <= high * 1.0001:
                values.append(value)
    if len(values) < 2:  # a range inside one 1-2-5 step: its ends
        values = [low, high] if high > low else [low]
    return values, [number(v) for v in values]


def plain(text: str) -> str:
    """Return ``text`` so plotly shows it literally (``<b>`` stays text, never markup).

    Plotly reads a small HTML subset in titles, labels and hover text; quoted source
    sentences must pass through this before going into a figure.
    """
    return html.escape(str(text), quote=False)


# --------------------------------------------------------------------------- paths


def figures_dir(out_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder figures go to: ``out_dir``, else ``$ANALYSIS_FIGURES_DIR``, else repo ``figures/``."""
    return paths.figures_dir(out_dir)














# --------------------------------------------------------------------------- index


def read_index(out_dir: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    """Rows of ``index.csv`` in the figures folder (empty list when there is none)."""
    path = figures_dir(out_dir) / "index.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _claims_text(claims: Iterable[Any]) -> str:
    parts = []
    for c in claims:
        # A ClaimValue (analysis.evidence.named) is recorded by its name; anything else by str().
        parts.append(str(getattr(c, "name", c)))
    return "; ".join(parts)


def _upsert_index(out: Path, rows: Sequence[dict[str, str]]) -> None:
    path = out / "index.csv"
    # Lock the folder itself (flock works on a directory fd) so parallel exports from
    # several notebooks never lose a row, without leaving a lock file behind.
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - non-POSIX
            pass
        by_file = {r["file"]: r for r in read_index(out)}
        for r in rows:
            by_file[r["file"]] = {k: r[k] for k in INDEX_COLUMNS}
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=INDEX_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for key in sorted(by_file):
            writer.writerow({k: by_file[key].get(k, "") for k in INDEX_COLUMNS})
        _write_if_changed(path, buf.getvalue().encode("utf-8"))
    finally:
        os.close(fd)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write atomically, and not at all when the bytes are already there (keeps mtimes)."""
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# --------------------------------------------------------------------------- batching


@dataclass
class Batch:
    """Plotly PNGs queued by :func:`export` inside :func:`batch`, and those left out.

    ``skipped`` holds the PNG paths not written because no Chromium could be found (every
    other file of those figures is written).
    """

    figs: list[dict] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


_batches: list[Batch] = []


@contextlib.contextmanager
def batch() -> Iterator[Batch]:
    """Queue plotly PNGs exported inside the block; render them with one browser start at exit.

    Nested blocks join the outermost one. If the block raises, the queue is dropped. With no
    Chromium the PNGs are not written and are listed in the yielded batch's ``skipped``.
    """
    if _batches:
        yield _batches[0]
        return
    b = Batch()
    _batches.append(b)
    try:
        yield b
    except BaseException:
        _batches.pop()
        raise
    _batches.pop()
    if not b.figs:
        return
    _write_pngs(b.figs, b.paths)


def _write_pngs(figs: list[dict], paths: list[Path]) -> None:
    tmp = [p.with_name(f".{p.stem}.{os.getpid()}.tmp.png") for p in paths]
    render_to(figs, tmp, PNG_SCALE)
    for t, p in zip(tmp, paths, strict=True):
        _write_if_changed(p, t.read_bytes())
        t.unlink()


@dataclass(frozen=True)
class Exported:
    """What :func:`export_many` wrote, and the PNGs it left out for want of a browser."""

    written: list[Path]
    skipped: list[Path]


def export_many(items: Iterable[tuple[Any, str, dict[str, Any]]]) -> Exported:
    """Export ``(fig, name, kwargs)`` triples inside one :func:`batch`."""
    written: list[Path] = []
    with batch() as b:
        for fig, name, kwargs in items:
            written.extend(export(fig, name, **kwargs))
    skipped = set(b.skipped)
    return Exported([p for p in written if p not in skipped], list(b.skipped))


# --------------------------------------------------------------------------- export


def export(
    fig: Any,
    name: str,
    *,
    title: str,
    notebook: str,
    claims: Iterable[Any] = (),
    out_dir: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` + ``.svg`` (matplotlib) or ``.html`` + ``.png`` (plotly).

    ``title`` is the caption recorded in ``index.csv``; ``notebook`` the notebook that made
    the figure; ``claims`` the named claims (or citations) behind it. Returns the paths
    written (a plotly PNG inside :func:`batch` is written when the block ends).
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise FigureError(f"figure name {name!r} must be lower-case letters, digits, '-' or '_'")
    out = figures_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(fig, go.Figure | go.FigureWidget):
        paths = _export_plotly(fig, name, out)
    elif hasattr(fig, "savefig") and type(fig).__module__.startswith("matplotlib"):
        paths = _export_matplotlib(fig, name, out)
    else:
        raise FigureError(
            f"cannot export a {type(fig).__name__}: give a matplotlib or plotly figure"
        )
    claims_text = _claims_text(claims)
    _upsert_index(
        out,
        [
            {"file": p.name, "title": title, "notebook": notebook, "claims": claims_text}
            for p in paths
        ],
    )
    return paths


def _export_matplotlib(fig: Any, name: str, out: Path) -> list[Path]:
    import matplotlib as mpl

    png, svg = out / f"{name}.png", out / f"{name}.svg"
    # Whatever the caller's rcParams, the files themselves are made reproducible here.
    with mpl.rc_context({"svg.hashsalt": "analysis", "svg.fonttype": "path"}):
        for path, fmt, meta in ((png, "png", {"Software": None}), (svg, "svg", {"Date": None})):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=MPL_DPI, metadata=meta, bbox_inches="tight")
            _write_if_changed(path, buf.getvalue())
    return [png, svg]


def figure_dict(fig: go.Figure | go.FigureWidget) -> dict:
    """The figure as plain data, without the random trace ``uid`` a FigureWidget adds."""
    data = fig.to_dict()
    for trace in data.get("data", []):
        trace.pop("uid", None)
    return data


_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
_plotlyjs_checked: set[Path] = set()


def _ensure_plotlyjs(out: Path) -> None:
    """Write ``plotly.min.js`` next to the HTML files, matching the installed plotly."""
    if out in _plotlyjs_checked:
        return
    from plotly.offline import get_plotlyjs

    _write_if_changed(out / "plotly.min.js", get_plotlyjs().encode("utf-8"))
    _plotlyjs_checked.add(out)


def _export_plotly(fig: go.Figure | go.FigureWidget, name: str, out: Path) -> list[Path]:
    data = figure_dict(fig)
    page = pio.to_html(
        data,
        include_plotlyjs="directory",
        full_html=True,
        div_id=name,  # a fixed id: plotly's default is a fresh UUID per call
        config={"displaylogo": False, "responsive": True},
    )
    # plotly writes text as JSON with "<" as \u003c, so source text cannot open a tag;
    # check the page holds only plotly's own three script elements all the same.
    if len(_SCRIPT_OPEN.findall(page)) != 3:
        raise FigureError(f"figure {name!r}: unexpected <script> in the exported HTML")
    layout_title = (data.get("layout", {}).get("title") or {}).get("text") or name
    page = page.replace(
        '<meta charset="utf-8" />',
        f'<meta charset="utf-8" />\n    <title>{html.escape(str(layout_title))}</title>',
        1,
    )
    html_path = out / f"{name}.html"
    _ensure_plotlyjs(out)
    _write_if_changed(html_path, page.encode("utf-8"))

    png_path = out / f"{name}.png"
    if not have_chromium():
        if _batches:
            _batches[0].skipped.append(png_path)
            return [html_path]
        raise FigureError(f"figure {name!r}: wrote {html_path.name} but not its PNG: "
                          f"{NO_BROWSER_HINT}")
    if _batches:
        _batches[0].figs.append(data)
        _batches[0].paths.append(png_path)
    else:
        _write_pngs([data], [png_path])
    return [html_path, png_path]
