"""Every notebook in a real JupyterLab page: run all cells and read what the page draws.

For each notebook: no error or stderr output, nothing typeset as math (no MathJax element
anywhere in the notebook), as many drawn plotly charts as the notebook builds, every
dashboard control present with its label shown whole, nothing wider than the notebook, and
no unexpected console error.
Screenshots of each notebook, top to bottom, go to ``build/screenshots/`` for a person to
look at. And in the same JupyterLab, both plotly.js bundles in one page: a bar chart drawn by
the cartesian bundle, a polar chart (a trace type that bundle lacks) by the full one.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from analysis.dashboards.pictures import PICTURE_KEY

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = ROOT / "build" / "screenshots"
RUN_TIMEOUT_MS = 180_000
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
# Known, harmless console noise: a font stylesheet from a CDN cannot load offline.
ALLOWED_ERRORS = ("net::ERR_", "Failed to load resource")


def expected_charts(path: Path) -> int:
    """Charts the notebook builds: plotly outputs, plus one live chart per static picture of
    a dashboard (each dashboard saves one picture per chart)."""
    nb = nbformat.read(path, as_version=4)
    outputs = [out for cell in nb.cells for out in cell.get("outputs", [])]
    plotly = sum(PLOTLY in out.get("data", {}) for out in outputs)
    dashboard = sum(PICTURE_KEY in out.get("metadata", {}) for out in outputs)
    return plotly + dashboard


def expected_sliders(path: Path) -> int:
    """Sliders the notebook's dashboards show (counted from the dashboards themselves)."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    count = 0
    if "burn_dashboard(" in source:
        from analysis.dashboards.runway import SLIDERS

        count += len(SLIDERS)
    if "compute_dashboard(" in source:
        from analysis.dashboards import compute as dashboard

        board = dashboard.compute_dashboard()
        count += len(board.controls["scalars"]) + len(board.controls["shares"])
    return count


def run_all(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".jp-Notebook")
    page.wait_for_function(
        "() => /Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    # Done when every code cell shows an execution count and the kernel is idle again.
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const done = prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            const idle = /Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '');
            return done && idle;
        }""", timeout=RUN_TIMEOUT_MS)


def screenshots(page, stem: str) -> list[Path]:
    """The notebook panel scrolled top to bottom, one picture per screen."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{stem}-*.png"):
        old.unlink()
    scroller = ".jp-NotebookPanel .jp-WindowedPanel-outer"
    height = page.evaluate(f"() => document.querySelector('{scroller}').scrollHeight")
    view = page.evaluate(f"() => document.querySelector('{scroller}').clientHeight")
    paths = []
    for i, top in enumerate(range(0, max(height, 1), max(view - 40, 200))):
        page.evaluate(f"(y) => document.querySelector('{scroller}').scrollTo(0, y)", top)
        page.wait_for_timeout(150)
        path = SCREENSHOTS / f"{stem}-{i + 1:02d}.png"
        page.screenshot(path=str(path))
        paths.append(path)
    return paths


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_reads_right_in_jupyterlab(path, lab_all, page, overflowing):
    page.set_default_timeout(90_000)
    # A workspace of its own, reset: only this notebook is open in the page.
    run_all(page, f"{lab_all.url}/lab/workspaces/{path.stem}/tree/{path.name}"
                  f"?reset&token={lab_all.token}")
    charts = expected_charts(path)
    try:
        # plotly draws after the outputs arrive: wait for every chart's first plot.
        page.wait_for_function(
            """(n) => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
                     .filter(p => p._fullLayout).length >= n""", arg=charts, timeout=60_000)
    finally:
        shots = screenshots(page, path.stem)
    assert shots and all(p.stat().st_size > 0 for p in shots)

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.locator(".jp-OutputArea-child .jp-OutputArea-output.jp-mod-error").count() == 0
    # Nothing in the notebook is meant as math: no MathJax output anywhere in it.
    assert page.locator(".jp-Notebook mjx-container").count() == 0
    drawn = page.locator(".jp-OutputArea .js-plotly-plot").count()
    assert drawn == charts

    sliders = page.locator(".jp-OutputArea .widget-slider")
    assert sliders.count() == expected_sliders(path)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.jp-OutputArea .widget-slider .widget-label')]
                 .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)""")
    assert cut == [], f"slider labels cut short: {cut}"
    # Everything drawn fits the notebook's width: no output wider than its area (a reader
    # would have to scroll sideways or would miss a cut-off part), no chart past its edge.
    wide = overflowing(page)
    assert wide == [], f"outputs wider than the notebook: {wide}"
    unexpected = [e for e in page.errors if not any(ok in e for ok in ALLOWED_ERRORS)]
    assert unexpected == []


BUNDLE_CELLS = [
    "import plotly.graph_objects as go\n"
    "from analysis.dashboards.plotwidget import PlotWidget",
    "bars = PlotWidget(go.Figure(go.Bar(x=['a', 'b'], y=[3, 5])))\nbars",
    "polar = PlotWidget(go.Figure(go.Scatterpolar(r=[1, 2, 3], theta=[0, 90, 180])))\npolar",
    "with bars.batch() as fig:\n    fig.data[0].y = [4, 6]",
]


def test_a_page_draws_cartesian_and_other_charts_each_with_its_bundle(notebooks_copy, lab_all,
                                                                      page):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in BUNDLE_CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebooks_copy / "bundles.ipynb")
    page.set_default_timeout(90_000)
    run_all(page, f"{lab_all.url}/lab/workspaces/bundles/tree/bundles.ipynb"
                  f"?reset&token={lab_all.token}")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
                 .filter(p => p._fullLayout).length >= 2""", timeout=60_000)
    drawn = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
        .map(p => p._fullData[0].type)""")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
                 .some(p => p._fullData[0].type === 'bar' && p._fullData[0].y[0] === 4)""")
    assert sorted(drawn) == ["bar", "scatterpolar"]
    held = page.evaluate("() => Object.keys(globalThis.__analysisPlotly || {}).sort()")
    assert held == ["cartesian", "full"]
    unexpected = [e for e in page.errors if not any(ok in e for ok in ALLOWED_ERRORS)]
    assert unexpected == []
