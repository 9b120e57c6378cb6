"""From a key press on a slider to the chart's data changing, in a real JupyterLab page.

    python benchmarks/browser_latency.py [--moves 20]

JupyterLab on loopback serves copies of the compute dashboard (notebook 04), the runway
dashboard (notebook 02) and a probe notebook: one slider and one plotly FigureWidget whose
callback sets one bar, the floor of a slider-to-chart round trip. Debian's chromium, driven
by Playwright, opens each, runs all cells, then moves a slider --moves times (ArrowRight and
ArrowLeft alternately, one step each). The start is the keydown event as the page receives
it; the end is a chart's drawn data (plotly's ``_fullData``) being replaced. Reported per
page: median and max to the first chart changing and to all of the page's charts having
changed (the compute dashboard is one chart of four panels, which one redraw replaces
together); and each median over the probe's, measured in the same server and run. The
server is stopped by its process group.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, _lab  # noqa: E402

PROBE = [
    "import ipywidgets as w\nimport plotly.graph_objects as go",
    "fig = go.FigureWidget(go.Bar(x=['a', 'b'], y=[50, 2]))\n"
    "slider = w.IntSlider(value=50, min=0, max=100, description='probe')\n"
    "def on(change):\n    fig.data[0].y = [change['new'], 2]\n"
    "slider.observe(on, names='value')\nw.VBox([slider, fig])",
]
PAGES = {  # name: (notebook, slider label, plots that must change for "all")
    "probe": ("probe.ipynb", "probe", 1),
    "compute dashboard": ("04_compute_whatif.ipynb", "Fleet (GPUs)", 1),
    "runway dashboard": ("02_burn_rate.ipynb", "", 1),
}
ARM = """() => {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    window.__before = plots.map(p => p._fullData);
    window.__t0 = null;
    if (!window.__armed) {
        document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
        window.__armed = true;
    }
}"""
WAIT = """(need) => new Promise(resolve => {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    const changed = plots.map(() => null);
    const start = performance.now();
    const tick = () => {
        const now = performance.now();
        plots.forEach((p, i) => {
            if (changed[i] === null && p._fullData !== window.__before[i]) changed[i] = now;
        });
        const done = changed.filter(c => c !== null);
        if (window.__t0 !== null && (done.length >= need || now - start > 5000)) {
            const first = done.length ? Math.min(...done) - window.__t0 : null;
            const all = done.length >= need ? Math.max(...done) - window.__t0 : null;
            resolve({first, all, changed: done.length});
        } else {
            requestAnimationFrame(tick);
        }
    };
    requestAnimationFrame(tick);
})"""
LIVE = """(n) => {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    return plots.length >= n && plots.every(p => p._fullData && p._fullLayout)
        && document.querySelectorAll('.widget-slider .noUi-handle').length > 0;
}"""


def write_probe(folder: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in PROBE])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "probe.ipynb")


def run_all(page, url: str, n_plots: int) -> None:
    import re

    page.goto(url)
    page.wait_for_function(
        "() => /Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
        timeout=120_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(LIVE, arg=n_plots, timeout=180_000)
    time.sleep(2)


def moves(page, label: str, need: int, n: int) -> list[dict]:
    sliders = page.locator(".widget-slider", has_text=label) if label else page.locator(
        ".widget-slider")
    handle = sliders.first.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    out = []
    for i in range(n):
        page.evaluate(ARM)
        handle.focus()
        handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        out.append(page.evaluate(WAIT, need))
        time.sleep(0.4)  # let the kernel and the page go quiet
    return out


def summary(values: list[float | None]) -> tuple[float, float]:
    got = [v for v in values if v is not None]
    return (statistics.median(got), max(got)) if got else (float("nan"), float("nan"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=20)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="analysis-latency-") as tmp:
        folder = Path(tmp)
        for name in ("04_compute_whatif.ipynb", "02_burn_rate.ipynb"):
            shutil.copy2(ROOT / "notebooks" / name, folder / name)
        write_probe(folder)
        results = {}
        with contextlib.contextmanager(_lab)(folder) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                         args=["--no-sandbox", "--disable-gpu"])
            try:
                for i, (name, (notebook, label, need)) in enumerate(PAGES.items()):
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    try:
                        # A workspace of its own: only this notebook open, its kernel the
                        # one the status bar shows.
                        run_all(page, f"{server.url}/lab/workspaces/w{i}/tree/{notebook}"
                                f"?reset&token={server.token}", need)
                        results[name] = moves(page, label, need, args.moves)
                    finally:
                        shot = ROOT / "build" / f"latency-{name.replace(' ', '-')}.png"
                        shot.parent.mkdir(exist_ok=True)
                        page.screenshot(path=str(shot), full_page=True)
                        page.close()
            finally:
                browser.close()
    print(f"date: {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}, {args.moves} moves each")
    probe_median, _ = summary([r["first"] for r in results["probe"]])
    print("| page | to first chart, median (ms) | max (ms) | to all charts, median (ms) | "
          "max (ms) | median over the probe's |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rows in results.items():
        first, first_max = summary([r["first"] for r in rows])
        every, every_max = summary([r["all"] for r in rows])
        ratio_all = f", all {every / probe_median:.2f}" if PAGES[name][2] > 1 else ""
        print(f"| {name} | {first:.0f} | {first_max:.0f} | {every:.0f} | {every_max:.0f} | "
              f"{first / probe_median:.2f}{ratio_all} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
