"""The compute what-if dashboard: ipywidgets sliders wired to the pure model, one chart of
four panels.

The chart is a :class:`~analysis.dashboards.plotwidget.PlotWidget` whose page view always draws
the figure's current state; a user event rewrites the figure (one message, holding the traces
that changed) and the page follows with one redraw, in JupyterLab and in Voila alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from analysis.evidence.registry import SCENARIOS
from analysis.models import compute, reference
from analysis.viz.whatif import (  # noqa: F401  (the dashboard's chart constants, re-exported)
    CURVE_POINTS,
    FLEET_RANGE,
    GRID_SIZE,
    MFU_RANGE,
    PANELS,
    TITLES,
    _figure_data,
    _json_list,
    build_figures,
    curve_ticks,
    dashboard_figure,
    grid_axes,
    heat_colorbar,
    narrow_layout,
    panel_traces,
)

PRICE_RANGE = (0.5, 12.0, 0.1)  # USD per GPU-hour
FLOP_EXPONENTS = (24.0, 27.0, 0.05)  # training FLOP: log10 min, max, step
SHARE_STEP = 0.01





def readout_text(params: compute.Params) -> str:
    """The one-line answer: days saved when Sora's share moves to training."""
    out = compute.summary(params)
    sora = float(params.shares[compute.SORA])
    if not np.isfinite(out["training_days"]):
        if np.isfinite(out["training_days_without_sora"]):
            return (
                f"With no training share Spud never finishes; moving Sora's share ({sora:.0%}) "
                f"to training makes it {out['training_days_without_sora']:,.1f} days."
            )
        return "With no training share and no Sora share, Spud never finishes."
    if sora == 0:
        return f"Sora has no share left to move: Spud trains in {out['training_days']:,.1f} days."
    return (
        f"Moving Sora's share ({sora:.0%}) to training saves {out['days_saved']:,.1f} days: "
        f"{out['training_days']:,.1f} → {out['training_days_without_sora']:,.1f} days to train Spud "
        f"({out['sora_minutes_per_day']:,.0f} fewer minutes of Sora video a day)."
    )


def label_style(labels) -> dict:
    """Slider style whose label column holds the longest label whole (ipywidgets cuts a
    label that does not fit with an ellipsis)."""
    # About 0.6 em per character of the widget font, plus room for the gap.
    return {"description_width": f"{0.6 * max(len(label) for label in labels) + 1.5:.1f}em"}


def _bold(text: str) -> str:
    import html

    return f"<b>{html.escape(text, quote=False)}</b>"








def update_figure(figure, params: compute.Params) -> None:
    """Recompute the model and write its numbers into the dashboard's chart widget (one send:
    the traces that changed, and the layout if the curve's ticks moved)."""
    data = _figure_data(params)
    with figure.batch() as fig:
        for i, trace in enumerate(panel_traces(fig, "allocation")):
            trace.y = [float(data["gpus"][i])]
        line, point = panel_traces(fig, "curve")
        line.x, line.y = data["curve_x"].tolist(), _json_list(data["curve_y"])
        point.x, point.y = [data["point_x"]], [data["point_y"]]
        fig.layout[_axis(fig, line, "y")].update(**curve_ticks(data["curve_y"]))
        panel_traces(fig, "cost")[0].y = data["cost"].tolist()
        _restyle_grid(fig, data["grid"])
        marker = panel_traces(fig, "heatmap")[1]
        marker.x, marker.y = [params.fleet_gpus], [params.mfu]


def _axis(fig, trace, letter: str) -> str:
    """The layout key of a trace's x or y axis ("y3" -> "yaxis3")."""
    ref = getattr(trace, f"{letter}axis") or letter
    return f"{letter}axis{ref[1:]}"


def _restyle_grid(fig, grid: np.ndarray) -> None:
    # plotly_restyle skips plotly's per-value validation: assigning 10,000 cells to
    # ``trace.z`` costs about 10 ms, the restyle well under one.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_days = np.log10(grid)
    heat = next(i for i, trace in enumerate(fig.data) if trace.meta == "heatmap")
    ticks = heat_colorbar(grid)  # the bar's ticks alone: its place in the figure stays
    fig.plotly_restyle({"z": [log_days], "customdata": [grid],
                        "colorbar.tickvals": [ticks["tickvals"]],
                        "colorbar.ticktext": [ticks["ticktext"]]}, trace_indexes=[heat])


def write_grid(figure, grid: np.ndarray) -> None:
    """Put new cell values into the dashboard's heatmap and send them."""
    with figure.batch() as fig:
        _restyle_grid(fig, grid)


@dataclass
class ComputeDashboard:
    """Sliders, a preset menu, a readout and one chart of four panels over one
    compute.Params state."""

    params: compute.Params
    ref: object
    chart: object = None
    controls: dict = field(default_factory=dict)
    readout: object = None
    container: object = None
    _busy: bool = False

    def panel(self, name: str) -> list:
        """The traces of one of the chart's panels (``PANELS``), in order."""
        return panel_traces(self.chart.figure, name)

    def show(self) -> None:
        """Display the dashboard, and static pictures of its charts for kernel-less viewers."""
        from analysis.dashboards.pictures import show_dashboard

        show_dashboard(self.container, [self.chart], "Compute what-if")

    def on_share(self, programme: str, change) -> None:
        """A share slider moved: rebalance the others so the total stays 100 %."""
        if self._busy:
            return
        shares = compute.rebalance(self.params.shares, programme, change["new"])
        self._apply(self.params.with_(shares=shares), preset=None)

    def on_preset(self, change) -> None:
        """The preset menu changed: load that scenario's shares."""
        if self._busy or change["new"] is None:
            return
        self._apply(self.params.with_(shares=compute.scenario(change["new"], self.ref)))

    def on_scalar(self, name: str, change) -> None:
        """Fleet, MFU, price or training FLOP moved."""
        if self._busy:
            return
        self._apply(self.params.with_(**{name: float(change["new"])}))

    def _apply(self, params: compute.Params, preset: object = ...) -> None:
        self.params = params
        self._busy = True
        try:
            for programme, slider in self.controls["shares"].items():
                slider.value = float(params.shares[programme])
            if preset is not ...:
                self.controls["preset"].value = preset
        finally:
            self._busy = False
        update_figure(self.chart, params)
        self.readout.value = _bold(readout_text(params))


def compute_dashboard(params: compute.Params | None = None, ref=None) -> ComputeDashboard:
    """Build the compute what-if dashboard; display ``.container`` to show it."""
    import ipywidgets as w

    from analysis.dashboards.plotwidget import PlotWidget

    ref = reference.compute_constants() if ref is None else ref
    params = compute.defaults(ref) if params is None else params
    figure = dashboard_figure(params)
    chart = PlotWidget(figure, narrow=narrow_layout(figure))
    style = label_style(["Fleet (GPUs)", "Utilisation (MFU)", "Price per GPU-hour",
                         "Training FLOP", "Scenario", *compute.LABELS.values()])
    wide = w.Layout(width=f"calc({style['description_width']} + 19em)")

    def slider(cls, value, bounds, fmt: str, label: str, **extra):
        low, high, step = bounds
        return cls(value=value, min=low, max=high, step=step, readout_format=fmt,
                   description=label, continuous_update=False, style=style, layout=wide, **extra)

    scalars = {
        "fleet_gpus": slider(w.IntSlider, int(params.fleet_gpus), FLEET_RANGE, ",d", "Fleet (GPUs)"),
        "mfu": slider(w.FloatSlider, params.mfu, MFU_RANGE, ".0%", "Utilisation (MFU)"),
        "price_per_gpu_hour": slider(w.FloatSlider, params.price_per_gpu_hour, PRICE_RANGE,
                                     "$.2f", "Price per GPU-hour"),
        "training_flop": slider(w.FloatLogSlider, params.training_flop, FLOP_EXPONENTS, ".2e",
                                "Training FLOP", base=10),
    }
    shares = {
        programme: slider(w.FloatSlider, float(params.shares[programme]), (0.0, 1.0, SHARE_STEP),
                          ".0%", compute.LABELS[programme])
        for programme in compute.PROGRAMMES
    }
    preset = w.Dropdown(
        options=list(SCENARIOS),
        value="status quo",
        description="Scenario",
        style=style,
        layout=wide,
    )
    readout = w.HTML(value=_bold(readout_text(params)))
    readout.add_class("compute-readout")

    board = ComputeDashboard(
        params=params,
        ref=ref,
        chart=chart,
        controls={"scalars": scalars, "shares": shares, "preset": preset},
        readout=readout,
    )
    for name, slider in scalars.items():
        slider.observe(partial(board.on_scalar, name), names="value")
    for programme, slider in shares.items():
        slider.observe(partial(board.on_share, programme), names="value")
    preset.observe(board.on_preset, names="value")

    # Side by side where the page is wide enough, one under the other where it is not: a
    # row that does not fit wraps instead of running past the notebook's edge.
    def wrap():
        return {"layout": w.Layout(flex_flow="row wrap")}

    controls = w.HBox(
        [
            w.VBox([w.HTML("<b>Fleet and hardware</b>"), *scalars.values()]),
            w.VBox(
                [w.HTML("<b>Shares of the fleet (kept at 100 %)</b>"), preset, *shares.values()]
            ),
        ],
        **wrap(),
    )
    board.container = w.VBox([controls, readout, chart])
    return board
