"""The charts of the two what-ifs, built from the models: what their dashboards start from
and redraw, and what the static exports and notebook pictures show.

Pure figure builders (plotly figures in, no widgets): :mod:`analysis.dashboards.compute` and
:mod:`analysis.dashboards.runway` wire sliders to them, :mod:`analysis.viz.charts` exports them.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import numpy as np
import pandas as pd

from analysis.models import burn, compute
from analysis.units import MILLION

# ----------------------------------------------------------------- compute what-if

# Slider bounds: wide enough to hold every reference low/high in data/reference/compute.csv.
FLEET_RANGE = (5_000, 200_000, 1_000)  # GPUs: min, max, step


MFU_RANGE = (0.20, 0.60, 0.01)


GRID_SIZE = 100  # sensitivity heatmap: GRID_SIZE x GRID_SIZE cells


CURVE_POINTS = 101


FIGURE_HEIGHT = 340


# Two side by side fit the notebook's output area at 1,400 px with Lab's file browser open
# (about 960 px); on a narrower page the dashboard puts one under the other.
FIGURE_WIDTH = 470


TITLES = {
    "allocation": "GPUs per programme",
    "curve": "Days to train Spud against Sora's share",
    "cost": "Rental cost per day, by programme",
    "heatmap": "Days to train Spud: utilisation by fleet size",
}


def _colors() -> dict[str, str]:
    from analysis.viz.figures import COLORS

    return {p: COLORS[i % len(COLORS)] for i, p in enumerate(compute.PROGRAMMES)}


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


def _panels(params: compute.Params) -> dict[str, dict]:
    """Each chart's traces and layout as plain dicts (validated once, by whoever makes a
    figure of them)."""
    from analysis.viz.figures import TEMPLATE  # registers the suite's templates

    data = _figure_data(params)
    colors = _colors()
    # Programme names broken over lines so they sit level under the cost bars.
    labels = ["<br>".join(textwrap.wrap(compute.LABELS[p], 10)) for p in compute.PROGRAMMES]
    common = {
        "template": TEMPLATE,
        "height": FIGURE_HEIGHT,
        "width": FIGURE_WIDTH,
        "margin": {"t": 50, "b": 40},
    }
    allocation = {
        "data": [
            {
                "type": "bar",
                "name": compute.LABELS[p],
                "x": ["Fleet"],
                "y": [data["gpus"][i]],
                "marker": {"color": colors[p]},
                "hovertemplate": "%{y:,.0f} GPUs<extra>" + compute.LABELS[p] + "</extra>",
            }
            for i, p in enumerate(compute.PROGRAMMES)
        ],
        "layout": {
            **common,
            "title": {"text": TITLES["allocation"]},
            "barmode": "stack",
            "yaxis": {"title": {"text": "GPUs"}, "tickformat": ",.0f"},
            "meta": "allocation",
        },
    }
    curve = {
        "data": [
            {
                "type": "scatter",
                "name": "Spud training days",
                "x": data["curve_x"],
                "y": data["curve_y"],
                "mode": "lines",
                "line": {"color": colors[compute.TRAINING]},
                "hovertemplate": "Sora %{x:.0%}: %{y:,.1f} days<extra></extra>",
            },
            {
                "type": "scatter",
                "name": "current shares",
                "x": [data["point_x"]],
                "y": [data["point_y"]],
                "mode": "markers",
                "marker": {"size": 12, "color": colors[compute.SORA]},
                "hovertemplate": "now: %{y:,.1f} days<extra></extra>",
            },
        ],
        "layout": {
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
    }
    cost = {
        "data": [
            {
                "type": "bar",
                "x": labels,
                "y": data["cost"],
                "marker": {"color": [colors[p] for p in compute.PROGRAMMES]},
                "hovertemplate": "%{x}: $%{y:,.0f} a day<extra></extra>",
            }
        ],
        "layout": {
            **common,
            "title": {"text": TITLES["cost"]},
            "xaxis": {"tickangle": 0},
            "yaxis": {"title": {"text": "USD per day"}, "tickformat": "$,.3s"},
            "meta": "cost",
        },
    }
    heatmap = {
        "data": [
            {
                "type": "heatmap",
                "x": data["fleet_axis"],
                "y": data["mfu_axis"],
                "z": np.log10(data["grid"]),
                "customdata": data["grid"],
                "colorscale": "Viridis",
                "reversescale": True,
                "colorbar": heat_colorbar(data["grid"]),
                "hovertemplate": "%{x:,.0f} GPUs, MFU %{y:.0%}: %{customdata:,.1f} days"
                                 "<extra></extra>",
            },
            {
                "type": "scatter",
                "x": [params.fleet_gpus],
                "y": [params.mfu],
                "mode": "markers",
                "showlegend": False,
                "marker": {"size": 12, "color": "white", "line": {"color": "black", "width": 2}},
                "hovertemplate": "now<extra></extra>",
            },
        ],
        "layout": {
            **common,
            "title": {"text": TITLES["heatmap"]},
            "margin": {**common["margin"], "r": 90},  # room for the colour bar's labels
            "xaxis": {"title": {"text": "fleet (GPUs)"}, "tickformat": ",.0f"},
            "yaxis": {"title": {"text": "model-FLOPs utilisation"}, "tickformat": ".0%"},
            "meta": "heatmap",
        },
    }
    return {"allocation": allocation, "curve": curve, "cost": cost, "heatmap": heatmap}


def build_figures(params: compute.Params) -> dict:
    """The four charts (plotly figures) at ``params``: what the static exports show, one
    file each; the live dashboard draws them as the panels of :func:`dashboard_figure`."""
    import plotly.graph_objects as go

    return {key: go.Figure(panel) for key, panel in _panels(params).items()}


PANELS = ("allocation", "curve", "cost", "heatmap")  # the dashboard's panels, row by row
# Gaps between the dashboard's panels, as fractions of the figure (room for axis titles).
PANEL_GAPS = (0.15, 0.2)
# Below this many pixels of room, the live dashboard draws its panels in one column.
NARROW_BELOW = 760


def _placement(columns: int) -> dict:
    """Where the dashboard's panels go in a grid of ``columns`` (2 or 1): each axis's domain,
    the panel titles, the legend, the colour bar and the figure's size."""
    rows = len(PANELS) // columns
    across = PANEL_GAPS[0] if columns > 1 else 0.0
    down = PANEL_GAPS[1] * 2 / rows  # the same gap in pixels as between two rows
    width = (1 - across * (columns - 1)) / columns
    height = (1 - down * (rows - 1)) / rows
    axes, titles, domains = {}, [], {}
    for n, key in enumerate(PANELS):
        row, col = divmod(n, columns)
        x = [col * (width + across), col * (width + across) + width]
        top = 1 - row * (height + down)
        y = [top - height, top]
        if col == columns - 1:
            x[1] = 1.0  # no rounding gap at the edges
        if row == rows - 1:
            y[0] = 0.0
        domains[key] = (x, y)
        suffix = str(n + 1) if n else ""
        axes[f"xaxis{suffix}"] = {"domain": x}
        axes[f"yaxis{suffix}"] = {"domain": y}
        titles.append({"text": TITLES[key], "x": sum(x) / 2, "y": y[1], "xref": "paper",
                       "yref": "paper", "xanchor": "center", "yanchor": "bottom",
                       "showarrow": False, "font": {"size": 16}})
    heat_y = domains["heatmap"][1]
    return {
        "layout": {
            **axes,
            "annotations": titles,
            "width": columns * FIGURE_WIDTH,
            "height": rows * FIGURE_HEIGHT,
            # The stacked bar's programmes are the one legend; it sits beside the bar.
            "legend": {"x": domains["allocation"][0][1], "y": domains["allocation"][1][1]},
        },
        "colorbar": {"len": heat_y[1] - heat_y[0], "y": heat_y[0]},
    }


def dashboard_figure(params: compute.Params):
    """The four charts of :func:`build_figures` as the panels of one figure, two by two: the
    live dashboard redraws one figure per step instead of four (plotly's cost of a redraw is
    mostly per figure, not per trace). Each trace's ``meta`` names its panel
    (:func:`panel_traces`); the panels' titles are annotations. :func:`narrow_layout` is how
    the figure is drawn where there is no room for two columns."""
    import plotly.graph_objects as go

    from analysis.viz.figures import TEMPLATE

    panels = _panels(params)
    place = _placement(2)
    data, axes = [], {}
    for n, key in enumerate(PANELS):
        suffix = str(n + 1) if n else ""
        panel = panels[key]
        for trace in panel["data"]:
            extra = {"width": 0.6} if key == "allocation" else {"showlegend": False}
            data.append({**trace, **extra, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                         "meta": key})
        for axis in ("xaxis", "yaxis"):
            other = "y" if axis == "xaxis" else "x"
            axes[axis + suffix] = {**panel["layout"].get(axis, {}),
                                   **place["layout"][axis + suffix],
                                   "anchor": f"{other}{suffix}"}
    heat = next(t for t in data if t["type"] == "heatmap")
    heat["colorbar"] = {**heat["colorbar"], **place["colorbar"], "yanchor": "bottom",
                        "thickness": 14}
    axes["xaxis"]["range"] = [-0.5, 1.3]  # the bar to the left, the legend to its right
    layout = {
        **place["layout"],
        **axes,
        "template": TEMPLATE,
        "barmode": "stack",
        "margin": {"t": 50, "b": 40, "r": 20},
        "legend": {**place["layout"]["legend"], "xanchor": "right", "yanchor": "top",
                   "traceorder": "reversed", "bgcolor": "rgba(0,0,0,0)"},
        "meta": "compute dashboard",
    }
    return go.Figure({"data": data, "layout": layout})


def narrow_layout(fig) -> dict:
    """What :func:`dashboard_figure` draws with where its view has less than NARROW_BELOW
    pixels: the panels in one column (layout settings and the colour bar's, over the
    figure's), for :class:`~analysis.dashboards.plotwidget.PlotWidget`'s ``narrow``."""
    place = _placement(1)
    heat = next(i for i, trace in enumerate(fig.data) if trace.type == "heatmap")
    return {"below": NARROW_BELOW, "layout": place["layout"],
            "traces": {str(heat): {"colorbar": place["colorbar"]}}}


def panel_traces(fig, panel: str):
    """The traces of one panel of :func:`dashboard_figure`, in order."""
    return [trace for trace in fig.data if trace.meta == panel]


def heat_colorbar(grid: np.ndarray) -> dict:
    """The heatmap's colour bar: colours follow log10(days), so a few very long runs at
    tiny fleets do not wash out every other cell; the ticks are labelled in days."""
    from analysis.viz.figures import log_ticks

    finite = grid[np.isfinite(grid) & (grid > 0)]
    values, labels = log_ticks(float(finite.min()), float(finite.max())) if finite.size else ([], [])
    return {"title": {"text": "days"}, "tickvals": np.log10(values).tolist(),
            "ticktext": labels}


def curve_ticks(days: np.ndarray) -> dict:
    """1-2-5 ticks for the training-days axis (log), labelled in days."""
    from analysis.viz.figures import log_ticks

    finite = days[np.isfinite(days) & (days > 0)]
    if not finite.size:
        return {}
    values, labels = log_ticks(float(finite.min()), float(finite.max()))
    return {"tickvals": values, "ticktext": labels}


def _json_list(values: np.ndarray) -> list:
    """Values as (nested) lists with gaps as None: NaN is not JSON, and a comm message
    holding it reaches the browser as text its JSON parser rejects."""
    return np.where(np.isfinite(values), values, None).tolist()


# ----------------------------------------------------------------- runway what-if

HEIGHT, WIDTH = 420, 820
MONTHS = 48  # the curve runs four years from the article's date: past the window's end


TITLE = "Cash on hand, month by month, and the day it runs out"


def _curve(params: dict) -> pd.DataFrame:
    return burn.cash_curve(params["cash"], params["daily_cost"], params["monthly_revenue"],
                           params["revenue_growth"], params["other_monthly_costs"],
                           start=params["start"], months=MONTHS)


def _runway(params: dict) -> dt.date | None:
    return burn.runway(params["cash"], params["daily_cost"], params["monthly_revenue"],
                       params["revenue_growth"], params["other_monthly_costs"],
                       start=params["start"])


def _marker(params: dict, top: float) -> tuple[list, list]:
    day = _runway(params)
    if day is None:
        return [], []
    return [day, day], [0.0, top]


def curve_figure(params: dict, window: tuple[dt.date, dt.date]):
    """The cash curve with the window shaded and the runway day marked."""
    import plotly.graph_objects as go

    import analysis.viz.figures  # noqa: F401  (registers the "analysis" template)

    curve = _curve(params)
    start = pd.Timestamp(params["start"])
    dates = [start, *curve["date"]]
    cash = np.concatenate([[params["cash"]], curve["cash"].to_numpy()]) / MILLION
    top = float(max(params["cash"] / MILLION, 1.0))
    mx, my = _marker(params, top)
    return go.Figure(
        data=[
            go.Scatter(x=dates, y=cash, mode="lines", name="cash on hand",
                       hovertemplate="%{x|%Y-%m-%d}: $%{y:,.0f} million<extra></extra>"),
            go.Scatter(x=mx, y=my, mode="lines", name="money runs out",
                       line={"dash": "dash", "color": "#D55E00"},
                       hovertemplate="runs out %{x|%Y-%m-%d}<extra></extra>"),
        ],
        layout={
            "title": {"text": TITLE},
            "height": HEIGHT,
            "width": WIDTH,
            "xaxis": {"title": {"text": "date"}},
            "yaxis": {"title": {"text": "cash on hand ($ million)"}, "tickformat": ",.0f"},
            "legend": {"orientation": "h", "y": -0.2},
            "shapes": [{"type": "rect", "xref": "x", "yref": "paper",
                        "x0": window[0].isoformat(), "x1": window[1].isoformat(),
                        "y0": 0, "y1": 1, "fillcolor": "#E69F00", "opacity": 0.2,
                        "line": {"width": 0}, "layer": "below"},
                       {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0,
                        "line": {"color": "#888888", "width": 1}}],
            "annotations": [{"x": window[0].isoformat(), "y": 1, "xref": "x", "yref": "paper",
                             "text": "the article's window", "showarrow": False,
                             "xanchor": "left", "yanchor": "bottom"}],
        },
    )
