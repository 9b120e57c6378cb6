"""A plotly chart as a widget whose front end always draws the figure's current state.

plotly's own ``FigureWidget`` sends each change as a one-off event (``_py2js_update`` set,
then reset to ``None``) and its views listen on the model proxy of the widget's
``initialize`` rather than their own. A view that is not listening at the moment an event
arrives (seen in Voila on a cold page under load: one chart of four kept its first data,
the event reached the page and no view answered it) never catches up, since the synced
``_widget_data`` keeps the figure's first data for good.

:class:`PlotWidget` syncs the figure itself instead: ``_figure`` holds data and layout as
plain JSON, every view draws it with ``Plotly.react`` when it renders and again on every
change, so a view that renders late or misses an event still shows the current numbers.
An update is one message (``hold_sync``) carrying only what the figure is now.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import anywidget
import plotly.graph_objects as go
import traitlets

__all__ = ["PlotWidget", "figure_json"]

_RENDER = """
function draw(model, el) {
  const Plotly = plotly();
  const figure = model.get("_figure") || {};
  // Plotly.react annotates the objects it is given (trace uids): draw from a copy so the
  // model's state stays what the kernel sent.
  const copy = structuredClone(figure);
  return Plotly.react(el, copy.data || [], copy.layout || {}, copy.config || {});
}

export default {
  render({ model, el }) {
    el.classList.add("analysis-plot");
    const redraw = () => { draw(model, el); };
    model.on("change:_figure", redraw);
    redraw();
    return () => { plotly().purge(el); };
  },
};
"""


@cache
def _esm() -> str:
    """plotly.js (shipped with the plotly package) as an ES module, plus the render code.

    Every chart's model loads this module, and anywidget gives a model two seconds to load
    before it logs "Failed to initialize model". So importing it runs nothing heavy: the
    library sits inside a function that the first render calls, once per page for all charts
    (kept on ``globalThis``). plotly.min.js is a UMD bundle: given a ``module`` object it
    assigns the library to ``module.exports``, whatever loader the page has.
    """
    import plotly

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return ("function plotly() {\n"
            "  if (!globalThis.__analysisPlotly) {\n"
            "    const module = { exports: {} };\n    const exports = module.exports;\n"
            + bundle.read_text(encoding="utf-8")
            + "\n    globalThis.__analysisPlotly = module.exports;\n  }\n"
            "  return globalThis.__analysisPlotly;\n}\n" + _RENDER)


def figure_json(fig: go.Figure) -> dict:
    """Data, layout and config as JSON values (numpy arrays as lists, NaN as null)."""
    from plotly.io.json import to_json_plotly

    from analysis.figures import figure_dict

    return json.loads(to_json_plotly(figure_dict(fig)))


class PlotWidget(anywidget.AnyWidget):
    """A live plotly chart: change ``.figure`` inside :meth:`batch`, the page follows."""

    _figure = traitlets.Dict().tag(sync=True)

    def __init__(self, figure: go.Figure, *, config: dict | None = None, **kwargs) -> None:
        self.figure = go.Figure(figure)
        self._config = {"displaylogo": False, **(config or {})}
        # The first state goes out with the widget's opening message, not as an update.
        super().__init__(_figure=self._state(), **kwargs)

    @property
    def _esm(self) -> str:  # anywidget reads it as an attribute; built once per process
        return _esm()

    @property
    def data(self):
        """The figure's traces (``go`` objects), as on a ``go.Figure``."""
        return self.figure.data

    @property
    def layout(self):
        return self.figure.layout

    def batch(self):
        """Context in which changes to ``.figure`` are sent to the page once, at the end."""
        return _Batch(self)

    def restyle(self, values: dict, trace_indexes: list[int]) -> None:
        """Set trace properties without plotly's per-value validation (large arrays), then
        send; ``values`` maps a property to one value per trace index."""
        self.figure.plotly_restyle(values, trace_indexes=trace_indexes)
        self._sync()

    def _state(self) -> dict:
        return {**figure_json(self.figure), "config": self._config}

    def _sync(self) -> None:
        with self.hold_sync():
            self._figure = self._state()

    def __repr__(self) -> str:
        title = self.figure.layout.title.text or ""
        return f"PlotWidget({title!r})"


class _Batch:
    def __init__(self, widget: PlotWidget) -> None:
        self.widget = widget

    def __enter__(self) -> go.Figure:
        return self.widget.figure

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.widget._sync()
