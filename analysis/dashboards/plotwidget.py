"""A plotly chart as a widget whose front end always draws the figure's current state.

Two things make plotly's own ``FigureWidget`` unreliable in Voila (a chart keeps its first
data after a slider moves):

- anywidget gives each model two seconds to load its module; past that it rejects the
  model's ``ready`` promise, and every later message from the kernel to that model waits on
  that promise and is dropped. ``FigureWidget`` carries a 5 MB module per chart, so under load
  the charts whose modules load last never receive an update.
- it sends each change as a one-off event (``_py2js_update`` set, then reset to ``None``),
  and the synced ``_widget_data`` keeps the first data, so a missed event is never made good.

:class:`PlotWidget` keeps its module small (plotly.js reaches the page once, through one
library model whose module only defines a loader; the partial "cartesian" bundle of a third
the size where a chart's traces allow, see ``vendor/README.md``), and syncs the figure
itself: ``_data`` and ``_layout`` hold the whole current figure as plain JSON, so a page that
connects later gets it whole, and every view draws the model's state when it renders and
again on every change, so a view that renders late still shows the current numbers.

An update is one message with only what changed: the traces that differ (a fleet step leaves
the heatmap's 10,000 cells out and sends its marker) and the layout only if it differs. The
module's ``initialize`` writes it into the page's model (numbered: ``base`` is the revision it
applies to); a model that missed one, or loaded after some were sent, asks the kernel, which
sends the whole figure as state. A change in the number or the types of traces goes out whole.
A view hands plotly the same copy of each trace that did not change, so plotly redraws from
the changed ones and the large unchanged arrays are not copied again.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import anywidget
import plotly.graph_objects as go
import traitlets
from ipywidgets import widget_serialization

__all__ = ["PlotWidget", "figure_json"]

# The chart module stays small, so anywidget loads it well within its two seconds.
_CHART_ESM = """
const WAIT_MS = 60000;

function plotly(bundle) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const poll = () => {
      const load = (globalThis.__analysisPlotlyLoads || {})[bundle];
      if (load) return resolve(load());
      if (Date.now() - start > WAIT_MS) return reject(new Error("plotly.js did not load"));
      setTimeout(poll, 20);
    };
    poll();
  });
}

export default {
  initialize({ model }) {
    // A step's changed traces (and the layout, when it changed) come as one custom message
    // and go into the model's own state, which every view draws from, one that renders late
    // too. A message whose base is not the revision held here means one was missed (it came
    // before this module was loaded): ask the kernel for the whole figure instead.
    model.on("msg:custom", (msg) => {
      if (!msg || msg.method !== "update") return;
      if (msg.base !== model.get("_revision")) {
        model.send({ method: "resync", revision: model.get("_revision") });
        return;
      }
      const data = (model.get("_data") || []).slice();
      for (const [i, trace] of Object.entries(msg.traces || {})) data[Number(i)] = trace;
      const state = { _data: data, _revision: msg.revision };
      if (msg.layout) state._layout = msg.layout;
      model.set(state);
    });
    // Messages sent before this module loaded were not seen: compare revisions once.
    model.send({ method: "resync", revision: model.get("_revision") });
  },
  async render({ model, el }) {
    el.classList.add("analysis-plot");
    let Plotly;
    try {
      Plotly = await plotly(model.get("_bundle"));
    } catch (error) {
      el.textContent = String(error);
      return;
    }
    // What was drawn last: the model's traces and layout, and the copies plotly was given
    // (Plotly.react annotates the objects it is given, so it draws from copies and the
    // model's state stays what the kernel sent). A trace the model still holds as the same
    // object is passed again as the same copy: plotly sees it unchanged, and the copy of a
    // large unchanged array (the heatmap's cells) is not made again.
    // A chart wider than the room its view has (a narrow window, Lab's side panels open) is
    // drawn at that room's width instead of running past the page's edge; below the width
    // its ``_narrow`` variant names, with that variant's layout and trace settings over the
    // figure's (one column of panels instead of two, say).
    const room = () => {
      const parent = el.parentElement;
      return parent ? Math.floor(parent.clientWidth) : 0;
    };
    const over = (base, extra) => {
      const out = { ...base };
      for (const [key, value] of Object.entries(extra || {})) {
        const both = value && base[key] && typeof value === "object"
          && typeof base[key] === "object" && !Array.isArray(value);
        out[key] = both ? { ...base[key], ...value } : value;
      }
      return out;
    };
    const fitted = (layout, width, narrow) => {
      const shaped = narrow ? over(layout, narrow.layout) : layout;
      return shaped.width && width > 0 && width < shaped.width ? { ...shaped, width } : shaped;
    };
    let drawn = null;
    const redraw = () => {
      const data = model.get("_data") || [];
      const layout = model.get("_layout") || {};
      const config = model.get("_config") || {};
      const variant = model.get("_narrow") || {};
      const width = room();
      const narrow = variant.below && width > 0 && width < variant.below ? variant : null;
      const same = drawn && drawn.config === config && drawn.narrow === narrow
        && drawn.data.length === data.length
        && data.every((trace, i) => trace.type === drawn.data[i].type);
      const sameLayout = same && layout === drawn.layout && width === drawn.width;
      if (sameLayout && data.every((trace, i) => trace === drawn.data[i])) return;
      const copies = data.map((trace, i) => (same && trace === drawn.data[i] ? drawn.copies[i]
        : structuredClone(narrow ? over(trace, (narrow.traces || {})[i]) : trace)));
      const layoutCopy = sameLayout ? drawn.layoutCopy
        : structuredClone(fitted(layout, width, narrow));
      drawn = { data, copies, layout, layoutCopy, config, width, narrow };
      Plotly.react(el, copies, layoutCopy, config);
    };
    // One redraw for the changes one message brings (traces and layout set together).
    let pending = false;
    const schedule = () => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => { pending = false; redraw(); });
    };
    model.on("change:_data", schedule);
    model.on("change:_layout", schedule);
    model.on("change:_config", schedule);
    redraw();
    // Drawn again when the room changes (the window or a side panel resized). A view is often
    // rendered before it is put in the page: the view's own element is watched from the start
    // (it is sized when it is put in), its parent from then on.
    let watched = null;
    const resized = new ResizeObserver(() => {
      const parent = el.parentElement;
      if (parent && parent !== watched) {
        if (watched) resized.unobserve(watched);
        resized.observe(parent);
        watched = parent;
      }
      if (drawn && room() !== drawn.width) schedule();
    });
    resized.observe(el);
    return () => { resized.disconnect(); Plotly.purge(el); };
  },
};
"""


# The trace types of plotly.js's partial "cartesian" bundle (vendor/README.md): a chart
# whose traces are all of these gets that bundle, a third the size of the full one.
CARTESIAN = frozenset({"bar", "box", "contour", "heatmap", "histogram", "histogram2d",
                       "histogram2dcontour", "image", "pie", "scatter", "scatterternary",
                       "violin"})
BUNDLES = ("cartesian", "full")


def bundle_for(figure: go.Figure) -> str:
    """The plotly.js bundle that draws the figure: "cartesian" where it can, else "full"."""
    return "cartesian" if {trace.type for trace in figure.data} <= CARTESIAN else "full"


def bundle_path(bundle: str) -> Path:
    """The file of a plotly.js bundle: the vendored cartesian one, or plotly's full one."""
    if bundle == "cartesian":
        return Path(__file__).parent / "vendor" / "plotly-cartesian.min.js"
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@cache
def _library_esm(bundle: str) -> str:
    """A plotly.js bundle behind a loader function on globalThis, keyed by bundle.

    Importing the module only defines the function, so its model loads fast; the library
    itself runs once, at the first chart's render. The bundles are UMD: given a ``module``
    object one assigns the library to ``module.exports``, whatever the page has.
    """
    name = json.dumps(bundle)
    return ("const loads = (globalThis.__analysisPlotlyLoads ||= {});\n"
            f"loads[{name}] = function () {{\n"
            "  const held = (globalThis.__analysisPlotly ||= {});\n"
            f"  if (!held[{name}]) {{\n"
            "    const module = { exports: {} };\n    const exports = module.exports;\n"
            + bundle_path(bundle).read_text(encoding="utf-8")
            + f"\n    held[{name}] = module.exports;\n  }}\n"
            f"  return held[{name}];\n}};\nexport default {{}};\n")


class _PlotlyLibrary(anywidget.AnyWidget):
    """A widget never displayed: its model brings one plotly.js bundle to the page, once per
    kernel."""

    def __init__(self, bundle: str) -> None:
        self._bundle_name = bundle
        super().__init__()

    @property
    def _esm(self) -> str:
        return _library_esm(self._bundle_name)


@cache
def _library(bundle: str) -> _PlotlyLibrary:
    return _PlotlyLibrary(bundle)


def figure_json(fig: go.Figure) -> dict:
    """Data and layout as plain JSON values: arrays as lists, NaN as null.

    plotly writes numpy arrays in plotly.js's compact typed-array form (``{dtype, bdata}``),
    which plotly.js decodes but leaves as it came in a chart's input data; plain lists keep
    the page's data readable as numbers (the browser tests read it) at some cost in size.
    """
    from plotly.io.json import to_json_plotly

    from analysis.viz.figures import figure_dict

    return _plain_arrays(json.loads(to_json_plotly(figure_dict(fig))))


# Numeric arrays this long go out in plotly.js's compact typed-array form: one base64 string
# instead of a list per row, which ipywidgets would otherwise walk value by value.
COMPACT_SIZE = 256


def _jsonable(value):
    """Plotly's property values as JSON values: NaN and inf as None, short numpy arrays as
    lists, long numeric ones as plotly.js typed-array specs (``{dtype, bdata, shape}``, NaN
    kept as a gap). Much cheaper than plotly's JSON encoder, which a dashboard would run on
    every slider step."""
    import math

    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiu" and value.size >= COMPACT_SIZE:
            return _typed_array(value)
        if value.dtype.kind == "f":
            return np.where(np.isfinite(value), value, None).tolist()
        return value.tolist() if value.dtype.kind in "biu" else [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    return value


def _typed_array(array) -> dict:
    import base64

    import numpy as np

    if array.dtype.kind == "f":
        array = np.where(np.isfinite(array), array, np.nan).astype("<f8", copy=False)
        dtype = "f8"
    else:
        array = array.astype("<i4", copy=False)
        dtype = "i4"
    spec = {"dtype": dtype, "bdata": base64.b64encode(np.ascontiguousarray(array)).decode()}
    if array.ndim > 1:
        spec["shape"] = ",".join(str(n) for n in array.shape)
    return spec


def _plain_arrays(value):
    """``value`` with every typed-array spec decoded into (nested) lists, NaN as None."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            import base64

            import numpy as np

            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                shape = value["shape"]
                shape = [int(n) for n in shape.split(",")] if isinstance(shape, str) else shape
                array = array.reshape(shape)
            if array.dtype.kind == "f":
                return np.where(np.isfinite(array), array, None).tolist()
            return array.tolist()
        return {k: _plain_arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_arrays(v) for v in value]
    return value


class PlotWidget(anywidget.AnyWidget):
    """A live plotly chart: change ``.figure`` inside :meth:`batch`, the page follows."""

    _esm = _CHART_ESM
    # Traces and layout apart: an update sends only what changed (traitlets sends a value
    # only when it differs from the last one), most often the traces alone.
    _data = traitlets.List().tag(sync=True)
    _layout = traitlets.Dict().tag(sync=True)
    _config = traitlets.Dict().tag(sync=True)
    # How to draw where the view has less room than ``below`` pixels: layout and per-trace
    # settings (by trace index) put over the figure's; empty for none.
    _narrow = traitlets.Dict().tag(sync=True)
    # Counts the updates; a delta message names the revision it applies to.
    _revision = traitlets.Int(0).tag(sync=True)
    # The library model, referenced so that the page creates it before any chart's model,
    # and the name of the bundle it brings.
    _library = traitlets.Instance(_PlotlyLibrary).tag(sync=True, **widget_serialization)
    _bundle = traitlets.Unicode("cartesian").tag(sync=True)

    def __init__(self, figure: go.Figure, *, config: dict | None = None,
                 narrow: dict | None = None, bundle: str | None = None, **kwargs) -> None:
        """``narrow``: ``{"below": pixels, "layout": {...}, "traces": {index: {...}}}``, the
        settings a view narrower than ``below`` draws with, over the figure's own (layout
        keys holding objects are merged one level deep, as are a trace's).

        ``bundle``: the plotly.js bundle the page draws with, "cartesian" or "full"; by
        default the cartesian one where the figure's traces are all of its types. A chart
        that will later hold other trace types needs ``bundle="full"``."""
        self.figure = go.Figure(figure)
        bundle = bundle_for(self.figure) if bundle is None else bundle
        if bundle not in BUNDLES:
            raise ValueError(f"PlotWidget: bundle must be one of {BUNDLES}, not {bundle!r}")
        self._check_bundle(bundle)
        # The first state goes out with the widget's opening message, not as an update.
        super().__init__(**self._state(), _config={"displaylogo": False, **(config or {})},
                         _narrow=_jsonable(narrow or {}), _bundle=bundle,
                         _library=_library(bundle), **kwargs)
        self._quiet = False
        self.on_msg(self._on_front_end_msg)

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
        # plotly's own property dicts, read without its deep copies: _jsonable builds new
        # containers anyway.
        data = []
        for trace in self.figure.data:
            props = _jsonable(trace._props)
            props.pop("uid", None)
            data.append(props)
        return {"_data": data, "_layout": _jsonable(self.figure.layout._props)}

    def _sync(self) -> None:
        """Send what changed as one message: the changed traces alone (and the layout if it
        changed) while the traces keep their number and types, else the whole figure.

        ``_data`` and ``_layout`` always hold the whole current figure, so a page that
        connects later (or asks again) gets it whole from the widget's state."""
        self._check_bundle(self._bundle)
        state = self._state()
        data, layout = state["_data"], state["_layout"]
        old = self._data
        if len(data) != len(old) or any(new.get("type") != was.get("type")
                                        for new, was in zip(data, old, strict=True)):
            with self.hold_sync():
                self._data, self._layout = data, layout
                self._revision += 1
            return
        traces = {str(i): new for i, (new, was) in enumerate(zip(data, old, strict=True))
                  if new != was}
        layout_changed = layout != self._layout
        if not traces and not layout_changed:
            return
        base = self._revision
        self._quiet = True
        try:
            self._data, self._layout, self._revision = data, layout, base + 1
        finally:
            self._quiet = False
        message = {"method": "update", "base": base, "revision": base + 1, "traces": traces}
        if layout_changed:
            message["layout"] = layout
        self.send(message)

    def _check_bundle(self, bundle: str) -> None:
        """A figure the cartesian bundle cannot draw is refused with what to do instead."""
        if bundle == "cartesian":
            other = sorted({t.type for t in self.figure.data} - CARTESIAN)
            if other:
                raise ValueError(
                    f"PlotWidget: plotly.js's cartesian bundle draws no {', '.join(other)} "
                    "traces; make the chart with PlotWidget(figure, bundle='full')")

    def _should_send_property(self, key, value) -> bool:
        # While _sync has sent (or is about to send) the change as a delta message.
        if getattr(self, "_quiet", False) and key in ("_data", "_layout", "_revision"):
            return False
        return super()._should_send_property(key, value)

    def _on_front_end_msg(self, _widget, content, _buffers) -> None:
        """A view's model that missed an update (its revision is not ours) gets the whole
        figure again."""
        if isinstance(content, dict) and content.get("method") == "resync" \
                and content.get("revision") != self._revision:
            self.send_state(["_data", "_layout", "_revision"])

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
