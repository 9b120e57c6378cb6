"""The compute dashboard in a real browser: JupyterLab and Voila, a slider moved by keyboard.

Each test reads the numbers the page shows (the traces plotly drew and the readout text)
before and after one ArrowRight on the fleet slider, and compares them with the model.
"""

from __future__ import annotations

import math
import re
import time

import pytest

from analysis.dashboards import compute as dashboard
from analysis.models import compute

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 90_000
FLEET_LABEL = "Fleet (GPUs)"

# What plotly drew (_fullData) in one panel of the dashboard's chart: the figure's input
# arrays may arrive in plotly.js's compact typed-array form ({dtype, bdata}), which only the
# drawn traces hold decoded. Each trace's meta names its panel.
_PLOTS = """Array.from(document.querySelectorAll('.js-plotly-plot')).filter(
        p => p.layout && p.layout.meta === 'compute dashboard')"""
_PLOT_Y = """(panel) => {
    const el = PLOTS[0];
    return el && el._fullData ? el._fullData.filter(t => (t._input || t).meta === panel)
        .map(t => Array.from(t.y || [])) : null;
}""".replace("PLOTS", _PLOTS)


def expected_after_fleet_step():
    """The model's numbers before and after one keyboard step of the fleet slider."""
    before = compute.defaults()
    after = before.with_(fleet_gpus=before.fleet_gpus + dashboard.FLEET_RANGE[2])
    return before, after


def allocation_y(page) -> list[float]:
    data = page.evaluate(_PLOT_Y, "allocation")
    assert data is not None, "allocation chart not found in the page"
    return [trace[0] for trace in data]


def wait_for_dashboard(page) -> None:
    """Wait until the dashboard's chart has finished its first plot, all four panels drawn.

    A chart's element exists as soon as plotly starts drawing, but its widget view starts
    listening for updates only once that first plot is done (`_fullData` set); a slider moved
    in between would update the model unseen.
    """
    page.wait_for_function(
        """(panels) => {
            const plots = PLOTS;
            return plots.length === 1 && !!plots[0]._fullLayout && panels.every(
                panel => (plots[0]._fullData || []).some(t => (t._input || t).meta === panel));
        }""".replace("PLOTS", _PLOTS),
        arg=list(dashboard.PANELS),
        timeout=PAGE_TIMEOUT_MS,
    )
    page.wait_for_selector(".compute-readout", timeout=PAGE_TIMEOUT_MS)


def step_fleet_slider(page) -> None:
    """Focus the fleet slider's handle and press ArrowRight once (one step)."""
    slider = page.locator(".widget-slider", has_text=FLEET_LABEL)
    handle = slider.locator(".noUi-handle")
    handle.focus()
    handle.press("ArrowRight")


def check_slider_round_trip(page, every_chart: bool = True) -> None:
    """Move the fleet slider one step; the readout and the allocation chart must follow, and
    with `every_chart` the cost and training-days charts too."""
    before, after = expected_after_fleet_step()
    readout = page.locator(".compute-readout")
    readout.scroll_into_view_if_needed()
    assert readout.text_content().strip() == dashboard.readout_text(before)
    assert allocation_y(page) == pytest.approx(list(compute.allocation(before)["gpus"]))

    step_fleet_slider(page)
    expected_text = dashboard.readout_text(after)
    page.wait_for_function(
        "(text) => document.querySelector('.compute-readout').textContent.trim() === text",
        arg=expected_text,
        timeout=30_000,
    )
    # Plotly applies the new data asynchronously after the readout's text arrives: poll.
    expected = compute.allocation(after)
    wait_until(lambda: allocation_y(page) == pytest.approx(list(expected["gpus"])))
    assert allocation_y(page) == pytest.approx(list(expected["gpus"]))
    if not every_chart:
        return
    wait_until(
        lambda: (
            page.evaluate(_PLOT_Y, "cost")[0]
            == pytest.approx(list(expected["cost_per_day"]))
        )
    )
    cost = page.evaluate(_PLOT_Y, "cost")
    assert cost[0] == pytest.approx(list(expected["cost_per_day"]))
    # The training-days curve scales with the fleet: every point moves.
    curve = dashboard._figure_data(after)["curve_y"]
    wait_until(lambda: _finite(page.evaluate(_PLOT_Y, "curve")[0])
               == pytest.approx(_finite(list(curve))))
    assert _finite(page.evaluate(_PLOT_Y, "curve")[0]) == pytest.approx(_finite(list(curve)))


# The data plotly drew in the last of the dashboard's charts on the page, one panel's
# traces: (x, y) of each.
_LAST_PLOT = """(panel) => {
    const plots = PLOTS;
    const el = plots[plots.length - 1];
    return el && el._fullData ? {count: plots.length, traces: el._fullData.filter(
        t => (t._input || t).meta === panel).map(
        t => [Array.from(t.x || []), Array.from(t.y || [])])} : null;
}""".replace("PLOTS", _PLOTS)


def check_late_views(page) -> None:
    """Display the dashboard again after the slider step: the views rendered now must draw
    the current numbers (the page's models hold the updates), not the first ones."""
    _, after = expected_after_fleet_step()
    page.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type("board.container")
    page.keyboard.press("Shift+Enter")
    wait_until(lambda: (page.evaluate(_LAST_PLOT, "heatmap") or {}).get("count") == 2,
               timeout=60)
    heatmap = page.evaluate(_LAST_PLOT, "heatmap")
    assert heatmap["count"] == 2, "the dashboard was not displayed a second time"
    assert heatmap["traces"][1] == [[after.fleet_gpus], [pytest.approx(after.mfu)]]
    allocation = page.evaluate(_LAST_PLOT, "allocation")
    assert [y[0] for _, y in allocation["traces"]] == pytest.approx(
        list(compute.allocation(after)["gpus"]))


# Each of the dashboard's charts on the page: drawn width and height, and its view's room.
_SHAPES = """() => PLOTS.map(
    p => [p._fullLayout.width, p._fullLayout.height, p.parentElement.clientWidth])"""
_SHAPES = _SHAPES.replace("PLOTS", _PLOTS)


def check_narrow_window(page) -> None:
    """In a window with no room for two columns of panels (1,000 px, the file browser open),
    the chart draws them in one column within its room; widened again, it goes back to two
    columns at full width. (The notebook's wide tables scroll in such a window; they are
    not what this checks.)"""
    from analysis.viz import whatif

    page.set_viewport_size({"width": 1000, "height": 1000})
    one_column = 4 * whatif.FIGURE_HEIGHT
    # Lab lays out only the cells in view: each chart follows its room once it is seen.
    plots = page.locator(".analysis-plot")
    for i in range(plots.count()):
        plots.nth(i).scroll_into_view_if_needed()
        time.sleep(0.5)
    wait_until(lambda: all(h == one_column for _, h, _ in page.evaluate(_SHAPES)))
    shapes = page.evaluate(_SHAPES)
    assert shapes and all(h == one_column and w <= room < whatif.NARROW_BELOW
                          for w, h, room in shapes), shapes
    page.set_viewport_size({"width": 1600, "height": 1000})
    wide = [2 * whatif.FIGURE_WIDTH, 2 * whatif.FIGURE_HEIGHT]
    wait_until(lambda: all(shape[:2] == wide for shape in page.evaluate(_SHAPES)))
    assert all(shape[:2] == wide for shape in page.evaluate(_SHAPES)), page.evaluate(_SHAPES)


def _finite(values: list) -> list[float]:
    """The finite numbers of a trace (the page may hold NaN as null or as the string "NaN")."""
    numbers = (float(v) for v in values if v is not None)
    return [v for v in numbers if math.isfinite(v)]


def wait_until(condition, timeout: float = 20.0) -> None:
    """Poll condition() until true or timeout (the assertion after it reports a failure)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        time.sleep(0.1)


# Known, harmless console noise. Voila's bundled JupyterLab 4.2 makes jupyterlab-plotly throw
# "setData is not a function" and cannot host jupyterlab-jupytext's extension (it needs Lab's
# document manager); a font stylesheet from a CDN cannot load offline.
ALLOWED_ERRORS = (
    "setData is not a function",
    "/labextensions/jupyterlab-jupytext/",
    "net::ERR_",
    "Failed to load resource",
)


def unexpected_errors(page) -> list[str]:
    return [e for e in page.errors if not any(ok in e for ok in ALLOWED_ERRORS)]


def test_lab_run_all_and_move_fleet_slider(lab, notebook_copy, page, tmp_path, overflowing):
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page.goto(f"{lab.url}/lab/tree/{notebook_copy.name}?token={lab.token}")
        page.wait_for_selector(".jp-Notebook")
        # The kernel must be up before "Run All Cells", or the run is lost.
        page.wait_for_function(
            "() => /Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')"
        )
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        wait_for_dashboard(page)
        check_slider_round_trip(page)
        check_late_views(page)
        assert overflowing(page) == []
        check_narrow_window(page)
    finally:
        page.screenshot(path=str(tmp_path / "lab.png"), full_page=True)
    assert (tmp_path / "lab.png").stat().st_size > 0
    assert not unexpected_errors(page)


def test_voila_app_moves_fleet_slider(voila, page, tmp_path, overflowing):
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page.goto(f"{voila.url}/?token={voila.token}")
        wait_for_dashboard(page)
        kernel_id = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
        if kernel_id:
            voila.kernel_ids.append(kernel_id)
        check_slider_round_trip(page)
        page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
    finally:
        page.screenshot(path=str(tmp_path / "voila.png"), full_page=True)
    assert (tmp_path / "voila.png").stat().st_size > 0
    assert not unexpected_errors(page)
    # Everything the app shows fits the page's width (its tables, printed lines and charts).
    assert overflowing(page) == []
