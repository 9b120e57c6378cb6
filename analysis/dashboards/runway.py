"""The runway what-if: sliders for the money flows, a cash curve and the day the money ends.

Explicit ipywidgets whose ``observe`` callbacks recompute :mod:`analysis.models.burn` and
write into a :class:`~analysis.dashboards.plotwidget.PlotWidget` (one send per event), whose page view
always draws the figure's current state. Show it with ``dashboard.show()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.units import MILLION, PERCENT, THOUSAND
from analysis.viz.whatif import (  # noqa: F401  (re-exported)
    TITLE,
    _curve,
    _marker,
    _runway,
    curve_figure,
)

__all__ = ["BurnDashboard", "SLIDERS", "burn_dashboard", "curve_figure", "curve_traces",
           "readout_text"]


# name -> (label, min, max, step, scale from slider units to the model's units)
SLIDERS = {
    "daily_cost": ("Running cost ($k/day)", 0.0, 2000.0, 10.0, THOUSAND),
    "monthly_revenue": ("Revenue ($M/month)", 0.0, 500.0, 1.0, MILLION),
    "revenue_growth": ("Revenue growth (%/month)", -10.0, 20.0, 0.5, 1 / PERCENT),
    "other_monthly_costs": ("Other costs ($M/month)", 0.0, 500.0, 1.0, MILLION),
    "cash": ("Cash on hand ($M)", 0.0, 5000.0, 10.0, MILLION),
}






def curve_traces(params: dict) -> dict:
    """The x and y of :func:`curve_figure`'s two traces (cash curve, runway marker) at
    ``params``, in the form :meth:`PlotWidget.restyle` takes: one value per trace."""
    curve = _curve(params)
    dates = [pd.Timestamp(params["start"]), *curve["date"]]
    cash = np.concatenate([[params["cash"]], curve["cash"].to_numpy()]) / MILLION
    mx, my = _marker(params, float(max(params["cash"] / MILLION, 1.0)))
    return {"x": [dates, mx], "y": [cash, my]}


def readout_text(params: dict, window: tuple[dt.date, dt.date]) -> str:
    """One line: the day the money runs out and whether it falls in the article's window."""
    day = _runway(params)
    if day is None:
        return "The money never runs out: revenue covers the costs."
    where = ("inside" if window[0] <= day <= window[1]
             else "before" if day < window[0] else "after")
    return f"The money runs out on {day.isoformat()}, {where} the article's window " \
           f"({window[0].isoformat()} to {window[1].isoformat()})."






@dataclass
class BurnDashboard:
    """Five sliders, a readout and one cash-curve chart widget over one parameter dict."""

    params: dict
    window: tuple[dt.date, dt.date]
    figure: object = None
    sliders: dict = field(default_factory=dict)
    readout: object = None
    container: object = None

    def on_change(self, name: str, change) -> None:
        """A slider moved: recompute the curve and the runway, update the figure in place."""
        self.params = {**self.params, name: float(change["new"]) * SLIDERS[name][4]}
        self.update()

    def update(self) -> None:
        # The traces' new arrays alone: building the whole figure again (plotly validates
        # every property and the template) costs about 30 ms a step, the arrays about 2.
        self.figure.restyle(curve_traces(self.params), [0, 1])
        self.readout.value = readout_text(self.params, self.window)

    def show(self) -> None:
        """Display the dashboard, and a static picture of its chart for kernel-less viewers."""
        from analysis.dashboards.pictures import show_dashboard

        show_dashboard(self.container, [self.figure], "Runway what-if")


def burn_dashboard(params: dict, window: tuple[dt.date, dt.date]) -> BurnDashboard:
    """Build the runway what-if from a parameter dict (see :func:`analysis.checks.spending.defaults`)
    and the article's window; display ``.container``."""
    import ipywidgets as w

    board = BurnDashboard(params=dict(params), window=window)
    from analysis.dashboards.plotwidget import PlotWidget

    board.figure = PlotWidget(curve_figure(board.params, window))
    from analysis.dashboards.compute import label_style

    style = label_style([label for label, *_ in SLIDERS.values()])
    for name, (label, lo, hi, step, scale) in SLIDERS.items():
        slider = w.FloatSlider(value=float(np.clip(params[name] / scale, lo, hi)), min=lo,
                               max=hi, step=step, description=label, continuous_update=False,
                               style=style,
                               layout=w.Layout(width=f"calc({style['description_width']} + 23em)"))
        slider.observe(lambda change, n=name: board.on_change(n, change), names="value")
        board.sliders[name] = slider
    board.readout = w.HTML(value=readout_text(board.params, window))
    board.container = w.VBox([*board.sliders.values(), board.readout, board.figure])
    return board
