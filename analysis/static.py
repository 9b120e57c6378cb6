"""Static pictures in saved notebooks, for readers without a kernel or JavaScript.

GitHub, nbviewer and ``nbconvert --to html`` draw neither plotly's JSON output nor a widget
view. So every saved chart also carries a PNG:

- a plotly chart output gets an ``image/png`` beside its JSON in the same output;
- a dashboard cell shows its live widget, a one-line note, then one placeholder output per
  chart holding the chart's JSON in its metadata (:func:`show_dashboard`).

The kernel only emits the JSON; :func:`add_images` renders every PNG of a batch of notebooks
with one browser start when they are saved (``python -m analysis.notebooks``), so kernels stay
light and nbval, which skips ``image/png`` and metadata, compares the rest strictly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

__all__ = ["STATIC_KEY", "add_images", "in_voila", "show_dashboard", "strip_specs"]

PLOTLY = "application/vnd.plotly.v1+json"
PNG = "image/png"
# Output metadata key of a dashboard chart placeholder: the chart's JSON, until rendered.
STATIC_KEY = "analysis/static-figure"
DASHBOARD_NOTE = (
    "*Below: this dashboard's charts as static pictures at their default settings, for "
    "readers without a running kernel (GitHub, nbviewer, an HTML export). The live dashboard "
    "above needs a kernel: open the notebook in JupyterLab or run `make dashboard`.*"
)


def in_voila() -> bool:
    """The kernel runs a Voila page, where the live dashboard is the whole point."""
    return "VOILA_BASE_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def show_dashboard(container, figures: Sequence, label: str) -> None:
    """Display a dashboard's widget, then (outside Voila) static placeholders of its charts.

    ``figures`` are the charts at the dashboard's starting settings (plotly figures or
    :class:`~analysis.plotwidget.PlotWidget`); ``label`` names the dashboard in the plain-text
    form of the widget output, which is what a viewer without widget support shows.
    """
    from IPython.display import Markdown, display

    bundle = container._repr_mimebundle_()
    bundle["text/plain"] = f"{label} (interactive: needs a running kernel)"
    display(bundle, raw=True)
    if in_voila():
        return
    display(Markdown(DASHBOARD_NOTE))
    for fig in figures:
        figure = getattr(fig, "figure", fig)
        display({"text/plain": ""}, metadata={STATIC_KEY: _spec(figure)}, raw=True)


def _spec(fig) -> dict:
    from analysis.plotwidget import figure_json

    return figure_json(fig)


def _jobs(nbs: Iterable) -> list[tuple[dict, dict]]:
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

    Returns how many were rendered. Raises :class:`analysis.figures.FigureError` when no
    Chromium can be found; the outputs are then left as they are.
    """
    from analysis.figures import render_pngs

    jobs = _jobs(nbs)
    if not jobs:
        return 0
    import base64

    pngs = render_pngs([spec for _, spec in jobs])
    for (out, _), png in zip(jobs, pngs, strict=True):
        out["data"][PNG] = base64.b64encode(png).decode("ascii")
        out.get("metadata", {}).pop(STATIC_KEY, None)
    return len(jobs)


def strip_specs(nbs: Iterable) -> None:
    """Drop the chart JSON of placeholders that were not rendered (it only serves rendering)."""
    for nb in nbs:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop(STATIC_KEY, None)
