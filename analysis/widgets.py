"""The compute what-if dashboard: ipywidgets sliders wired to the pure model, four charts.

Each chart is a :class:`~analysis.plotwidget.PlotWidget` whose page view always draws the
figure's current state; a user event rewrites the figures (one message per chart) and the
page follows, in JupyterLab and in Voila alike.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from analysis.models import compute

# Slider bounds: wide enough to hold every reference low/high in data/reference/compute.csv.
FLEET_RANGE = (5_000, 200_000, 1_000)  # GPUs: min, max, step
MFU_RANGE = (0.20, 0.60, 0.01)
PRICE_RANGE = (0.5, 12.0, 0.1)  # USD per GPU-hour
FLOP_EXPONENTS = (24.0, 27.0, 0.05)  # training FLOP: log10 min, max, step
SHARE_STEP = 0.01
GRID_SIZE = 100  # sensitivity heatmap: GRID_SIZE x GRID_SIZE cells
CURVE_POINTS = 101

FIGURE_HEIGHT = 340
FIGURE_WIDTH = 500
TITLES = {
    "allocation": "GPUs per programme",
    "curve": "Days to train Spud against Sora's share",
    "cost": "Rental cost per day, by programme",
    "heatmap": "Days to train Spud: utilisation by fleet size",
}


def _colors() -> dict[str, str]:
    from analysis.figures import COLORS

    return {p: COLORS[i % len(COLORS)] for i, p in enumerate(compute.PROGRAMMES)}


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


def grid_axes() -> tuple[np.ndarray, np.ndarray]:
    """The MFU and fleet axes of the sensitivity heatmap (slider ranges, GRID_SIZE points each)."""
    mfu = np.linspace(MFU_RANGE[0], MFU_RANGE[1], GRID_SIZE)
    fleet = np.linspace(FLEET_RANGE[0], FLEET_RANGE[1], GRID_SIZE)
    return mfu, fleet


def _figure_data(params: compute.Params) -> dict:
    """Everything the four figures show, computed from the model."""
    alloc = compute.allocation(params)
    curve = compute.training_days_vs_sora_share(params, n=CURVE_POINTS)
    out = compute.summary(params)
    mfu, fleet = grid_axes()
    grid = compute.sensitivity_grid(params, mfu, fleet)
    grid = np.where(np.isfinite(grid), grid, np.nan)
    return {
        "gpus": alloc["gpus"].to_numpy(),
        "cost": alloc["cost_per_day"].to_numpy(),
        "curve_x": curve["sora_share"].to_numpy(),
        "curve_y": curve["training_days"].to_numpy(),
        "point_x": float(params.shares[compute.SORA]),
        "point_y": out["training_days"] if np.isfinite(out["training_days"]) else None,
        "grid": grid,
        "mfu_axis": mfu,
        "fleet_axis": fleet,
    }


def build_figures(params: compute.Params) -> dict:
    """The four charts (plotly figures) at ``params``: what the dashboard starts from and what
    the static exports show."""
    import plotly.graph_objects as go

    import analysis.figures  # noqa: F401  (registers the "analysis" template)

    data = _figure_data(params)
    colors = _colors()
    template = "plotly_white+analysis"
    # Programme names broken over lines so they sit level under the cost bars.
    labels = ["<br>".join(textwrap.wrap(compute.LABELS[p], 12)) for p in compute.PROGRAMMES]
    common = {
        "template": template,
        "height": FIGURE_HEIGHT,
        "width": FIGURE_WIDTH,
        "margin": {"t": 50, "b": 40},
    }

    allocation = go.Figure(
        data=[
            go.Bar(
                name=compute.LABELS[p],
                x=["Fleet"],
                y=[data["gpus"][i]],
                marker_color=colors[p],
                hovertemplate="%{y:,.0f} GPUs<extra>" + compute.LABELS[p] + "</extra>",
            )
            for i, p in enumerate(compute.PROGRAMMES)
        ],
        layout={
            **common,
            "title": {"text": TITLES["allocation"]},
            "barmode": "stack",
            "yaxis": {"title": {"text": "GPUs"}, "tickformat": ",.0f"},
            "meta": "allocation",
        },
    )
    curve = go.Figure(
        data=[
            go.Scatter(
                name="Spud training days",
                x=data["curve_x"],
                y=data["curve_y"],
                mode="lines",
                line={"color": colors[compute.TRAINING]},
                hovertemplate="Sora %{x:.0%}: %{y:,.1f} days<extra></extra>",
            ),
            go.Scatter(
                name="current shares",
                x=[data["point_x"]],
                y=[data["point_y"]],
                mode="markers",
                marker={"size": 12, "color": colors[compute.SORA]},
                hovertemplate="now: %{y:,.1f} days<extra></extra>",
            ),
        ],
        layout={
            **common,
            "title": {"text": TITLES["curve"]},
            "showlegend": False,
            "xaxis": {
                "title": {"text": "Sora's share (the rest of its pool trains Spud)"},
                "tickformat": ".0%",
            },
            "yaxis": {"title": {"text": "days"}, "type": "log", **curve_ticks(data["curve_y"])},
            "meta": "curve",
        },
    )
    cost = go.Figure(
        data=[
            go.Bar(
                x=labels,
                y=data["cost"],
                marker_color=[colors[p] for p in compute.PROGRAMMES],
                hovertemplate="%{x}: $%{y:,.0f} a day<extra></extra>",
            )
        ],
        layout={
            **common,
            "title": {"text": TITLES["cost"]},
            "xaxis": {"tickangle": 0},
            "yaxis": {"title": {"text": "USD per day"}, "tickformat": "$,.3s"},
            "meta": "cost",
        },
    )
    heatmap = go.Figure(
        data=[
            go.Heatmap(
                x=data["fleet_axis"],
                y=data["mfu_axis"],
                z=np.log10(data["grid"]),
                customdata=data["grid"],
                colorscale="Viridis",
                reversescale=True,
                colorbar=heat_colorbar(data["grid"]),
                hovertemplate="%{x:,.0f} GPUs, MFU %{y:.0%}: %{customdata:,.1f} days"
                              "<extra></extra>",
            ),
            go.Scatter(
                x=[params.fleet_gpus],
                y=[params.mfu],
                mode="markers",
                showlegend=False,
                marker={"size": 12, "color": "white", "line": {"color": "black", "width": 2}},
                hovertemplate="now<extra></extra>",
            ),
        ],
        layout={
            **common,
            "title": {"text": TITLES["heatmap"]},
            "margin": {**common["margin"], "r": 90},  # room for the colour bar's labels
            "xaxis": {"title": {"text": "fleet (GPUs)"}, "tickformat": ",.0f"},
            "yaxis": {"title": {"text": "model-FLOPs utilisation"}, "tickformat": ".0%"},
            "meta": "heatmap",
        },
    )
    return {"allocation": allocation, "curve": curve, "cost": cost, "heatmap": heatmap}


def update_figures(figures: dict, params: compute.Params) -> None:
    """Recompute the model and write its numbers into the chart widgets (one send each)."""
    data = _figure_data(params)
    with figures["allocation"].batch() as fig:
        for i, trace in enumerate(fig.data):
            trace.y = [float(data["gpus"][i])]
    with figures["curve"].batch() as fig:
        line, point = fig.data
        line.x, line.y = data["curve_x"].tolist(), _json_list(data["curve_y"])
        point.x, point.y = [data["point_x"]], [data["point_y"]]
        fig.update_yaxes(**curve_ticks(data["curve_y"]))
    with figures["cost"].batch() as fig:
        fig.data[0].y = data["cost"].tolist()
    with figures["heatmap"].batch() as fig:
        _restyle_grid(fig, data["grid"])
        marker = fig.data[1]
        marker.x, marker.y = [params.fleet_gpus], [params.mfu]


def heat_colorbar(grid: np.ndarray) -> dict:
    """The heatmap's colour bar: colours follow log10(days), so a few very long runs at
    tiny fleets do not wash out every other cell; the ticks are labelled in days."""
    from analysis.figures import log_ticks

    finite = grid[np.isfinite(grid) & (grid > 0)]
    values, labels = log_ticks(float(finite.min()), float(finite.max())) if finite.size else ([], [])
    return {"title": {"text": "days"}, "tickvals": np.log10(values).tolist(),
            "ticktext": labels}


def curve_ticks(days: np.ndarray) -> dict:
    """1-2-5 ticks for the training-days axis (log), labelled in days."""
    from analysis.figures import log_ticks

    finite = days[np.isfinite(days) & (days > 0)]
    if not finite.size:
        return {}
    values, labels = log_ticks(float(finite.min()), float(finite.max()))
    return {"tickvals": values, "ticktext": labels}


def _restyle_grid(fig, grid: np.ndarray) -> None:
    # plotly_restyle skips plotly's per-value validation: assigning 10,000 cells to
    # ``trace.z`` costs about 10 ms, the restyle well under one.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_days = np.log10(grid)
    fig.plotly_restyle({"z": [log_days], "customdata": [grid],
                        "colorbar": [heat_colorbar(grid)]}, trace_indexes=[0])


def write_grid(heatmap, grid: np.ndarray) -> None:
    """Put new cell values into the heatmap chart widget and send them."""
    with heatmap.batch() as fig:
        _restyle_grid(fig, grid)


def _json_list(values: np.ndarray) -> list:
    """Values as (nested) lists with gaps as None: NaN is not JSON, and a comm message
    holding it reaches the browser as text its JSON parser rejects."""
    return np.where(np.isfinite(values), values, None).tolist()


@dataclass
class ComputeDashboard:
    """Sliders, a preset menu, a readout and four figures over one compute.Params state."""

    params: compute.Params
    ref: object
    figures: dict = field(default_factory=dict)
    controls: dict = field(default_factory=dict)
    readout: object = None
    container: object = None
    _busy: bool = False

    def show(self) -> None:
        """Display the dashboard, and static pictures of its charts for kernel-less viewers."""
        from analysis.static import show_dashboard

        show_dashboard(self.container, [self.figures[k] for k in TITLES], "Compute what-if")

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
        update_figures(self.figures, params)
        self.readout.value = _bold(readout_text(params))


def compute_dashboard(params: compute.Params | None = None, ref=None) -> ComputeDashboard:
    """Build the compute what-if dashboard; display ``.container`` to show it."""
    import ipywidgets as w

    from analysis.plotwidget import PlotWidget

    ref = compute.reference() if ref is None else ref
    params = compute.defaults(ref) if params is None else params
    figures = {key: PlotWidget(fig) for key, fig in build_figures(params).items()}
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
        options=list(compute.SCENARIOS),
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
        figures=figures,
        controls={"scalars": scalars, "shares": shares, "preset": preset},
        readout=readout,
    )
    for name, slider in scalars.items():
        slider.observe(partial(board.on_scalar, name), names="value")
    for programme, slider in shares.items():
        slider.observe(partial(board.on_share, programme), names="value")
    preset.observe(board.on_preset, names="value")

    controls = w.HBox(
        [
            w.VBox([w.HTML("<b>Fleet and hardware</b>"), *scalars.values()]),
            w.VBox(
                [w.HTML("<b>Shares of the fleet (kept at 100 %)</b>"), preset, *shares.values()]
            ),
        ]
    )
    charts = w.VBox(
        [
            w.HBox([figures["allocation"], figures["curve"]]),
            w.HBox([figures["cost"], figures["heatmap"]]),
        ]
    )
    board.container = w.VBox([controls, readout, charts])
    return board
