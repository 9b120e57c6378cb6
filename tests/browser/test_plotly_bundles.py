"""Both plotly.js bundles in one JupyterLab page: a bar chart drawn by the cartesian bundle,
a polar chart (a trace type that bundle lacks) by the full one, each chart with its own."""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
import pytest

from tests.browser.conftest import _lab
from tests.browser.test_notebooks_in_lab import ALLOWED_ERRORS, run_all

pytestmark = pytest.mark.browser

CELLS = [
    "import plotly.graph_objects as go\n"
    "from analysis.dashboards.plotwidget import PlotWidget",
    "bars = PlotWidget(go.Figure(go.Bar(x=['a', 'b'], y=[3, 5])))\nbars",
    "polar = PlotWidget(go.Figure(go.Scatterpolar(r=[1, 2, 3], theta=[0, 90, 180])))\npolar",
    "with bars.batch() as fig:\n    fig.data[0].y = [4, 6]",
]


@pytest.fixture(scope="module")
def bundles_lab():
    with tempfile.TemporaryDirectory(prefix="analysis-bundles-") as folder:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, Path(folder) / "bundles.ipynb")
        yield from _lab(Path(folder))


def test_a_page_draws_cartesian_and_other_charts_each_with_its_bundle(bundles_lab, page):
    page.set_default_timeout(90_000)
    run_all(page, f"{bundles_lab.url}/lab/workspaces/bundles/tree/bundles.ipynb"
                  f"?reset&token={bundles_lab.token}")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
                 .filter(p => p._fullLayout).length >= 2""", timeout=60_000)
    drawn = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
        .map(p => ({type: p._fullData[0].type, y: Array.from(p._fullData[0].y || [])}))""")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
                 .some(p => p._fullData[0].type === 'bar' && p._fullData[0].y[0] === 4)""")
    assert sorted(d["type"] for d in drawn) == ["bar", "scatterpolar"]
    held = page.evaluate("() => Object.keys(globalThis.__analysisPlotly || {}).sort()")
    assert held == ["cartesian", "full"]
    unexpected = [e for e in page.errors if not any(ok in e for ok in ALLOWED_ERRORS)]
    assert unexpected == []
