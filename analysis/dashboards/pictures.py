"""Static pictures in saved notebooks, for readers without a kernel or JavaScript.

GitHub, nbviewer and ``nbconvert --to html`` draw neither plotly's JSON output nor a widget
view. So every saved chart also carries a PNG:

- a plotly chart output gets an ``image/png`` beside its JSON in the same output;
- a dashboard cell shows its live widget, a one-line note, then one placeholder output per
  chart holding the chart's JSON in its metadata (:func:`show_dashboard`).

The kernel only emits the JSON; when notebooks are saved (``python -m analysis.publish.execute``)
:func:`reuse_images` keeps the picture of every chart whose JSON is unchanged since the last
save, and :func:`add_images` renders the rest with one browser start. Kernels stay light, a
machine without a browser keeps the saved pictures of unchanged charts, and nbval, which
skips ``image/png`` and metadata, compares the rest strictly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

__all__ = ["DIGEST_KEY", "PICTURE_KEY", "STATIC_KEY", "add_images", "in_voila",
           "live_front_end", "needing_images", "reuse_images", "show_dashboard", "strip_specs"]

PLOTLY = "application/vnd.plotly.v1+json"
PNG = "image/png"
# Output metadata of a dashboard chart's placeholder: the chart's JSON until it is rendered,
# and the chart's title for good (it marks the output as a picture of a dashboard chart).
STATIC_KEY = "analysis/static-figure"
PICTURE_KEY = "analysis/dashboard-picture"
# sha256 of the JSON a dashboard picture was drawn from: a re-save reuses the picture while
# the chart is unchanged (for a plotly output the digest is taken of its JSON output itself).
DIGEST_KEY = "analysis/figure-sha256"
DASHBOARD_NOTE = (
    "*Static pictures of this dashboard's charts at their default settings follow, for "
    "readers without a running kernel (GitHub, nbviewer, an HTML export). The live dashboard "
    "needs one: open the notebook in JupyterLab (`make lab`).*"
)


def in_voila() -> bool:
    """The kernel runs a Voila page."""
    return "VOILA_BASE_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def live_front_end() -> bool:
    """A person is looking at the live dashboard: a JupyterLab session (jupyter_server sets
    ``JPY_SESSION_NAME`` for the kernels of its sessions) or a Voila page. Executions that
    save or check the notebook (nbclient, nbval) are neither."""
    return in_voila() or "JPY_SESSION_NAME" in os.environ


def show_dashboard(container, figures: Sequence, label: str) -> None:
    """Display a dashboard's widget and, when the notebook is being saved rather than looked
    at live (:func:`live_front_end`), a note and a placeholder for each chart's picture.

    ``figures`` are the charts at the dashboard's starting settings (plotly figures or
    :class:`~analysis.dashboards.plotwidget.PlotWidget`); ``label`` names the dashboard in the plain-text
    form of the widget output, which is what a viewer without widget support shows.
    """
    from IPython.display import Markdown, display

    bundle = container._repr_mimebundle_()
    bundle["text/plain"] = f"{label} (interactive: needs a running kernel)"
    display(bundle, raw=True)
    if live_front_end():
        return
    display(Markdown(DASHBOARD_NOTE))
    for fig in figures:
        figure = getattr(fig, "figure", fig)
        title = figure.layout.title.text or label
        display({"text/plain": ""}, metadata={STATIC_KEY: _spec(figure), PICTURE_KEY: title},
                raw=True)


def _spec(fig) -> dict:
    from analysis.dashboards.plotwidget import figure_json

    return figure_json(fig)


def _digest(spec: dict) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def _key(out: dict) -> str | None:
    """The digest of the figure an output pictures (None for other outputs)."""
    meta = out.get("metadata", {})
    if STATIC_KEY in meta:
        return _digest(meta[STATIC_KEY])
    if DIGEST_KEY in meta:
        return meta[DIGEST_KEY]
    data = out.get("data", {})
    return _digest(data[PLOTLY]) if PLOTLY in data else None


def reuse_images(saved: Iterable, fresh: Iterable) -> int:
    """Give outputs of ``fresh`` the PNG that ``saved`` notebooks hold for the same figure
    (same JSON, so the same picture); returns how many were reused."""
    pictures = {}
    for nb in saved:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                key = _key(out)
                if key is not None and PNG in out.get("data", {}):
                    pictures[key] = out["data"][PNG]
    reused = 0
    for out, _ in needing_images(fresh):
        key = _key(out)
        if key in pictures:
            _set_png(out, pictures[key], key)
            reused += 1
    return reused


def _set_png(out: dict, png_b64: str, key: str) -> None:
    out["data"][PNG] = png_b64
    meta = out.get("metadata", {})
    if meta.pop(STATIC_KEY, None) is not None:
        meta[DIGEST_KEY] = key


def needing_images(nbs: Iterable) -> list[tuple[dict, dict]]:
    """(output, figure spec) for every output that should carry a PNG and has none."""
    jobs = []
    for nb in nbs:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data")
                if data is None or PNG in data:
                    continue
                spec = out.get("metadata", {}).get(STATIC_KEY) or data.get(PLOTLY)
                if spec is not None:
                    jobs.append((out, spec))
    return jobs


def add_images(nbs: Iterable) -> int:
    """Render a PNG into every chart output of ``nbs`` that lacks one (one browser start).

    Returns how many were rendered. Raises :class:`analysis.errors.FigureError` when no
    Chromium can be found; the outputs are then left as they are.
    """
    from analysis.viz.render import render_pngs

    jobs = needing_images(nbs)
    if not jobs:
        return 0
    import base64

    pngs = render_pngs([spec for _, spec in jobs])
    for (out, spec), png in zip(jobs, pngs, strict=True):
        _set_png(out, base64.b64encode(png).decode("ascii"), _digest(spec))
    return len(jobs)


def strip_specs(nbs: Iterable) -> None:
    """Drop the chart JSON of placeholders that were not rendered (it only serves rendering)."""
    for nb in nbs:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop(STATIC_KEY, None)
