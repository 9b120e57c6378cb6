"""Saved notebooks show their charts where no kernel or JavaScript runs (GitHub, nbviewer,
``nbconvert --to html``): every chart output carries a PNG, every dashboard its pictures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis.dashboards.pictures import DASHBOARD_NOTE, PICTURE_KEY

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
_PNG_IMG = re.compile(r'<img\s[^>]*src="data:image/png;base64,')


def _outputs(path: Path) -> list[dict]:
    nb = nbformat.read(path, as_version=4)
    return [out for cell in nb.cells for out in cell.get("outputs", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_output_carries_a_png(path):
    outputs = _outputs(path)
    charts = [out for out in outputs if PLOTLY in out.get("data", {})]
    pictures = [out for out in outputs if PICTURE_KEY in out.get("metadata", {})]
    assert all("image/png" in out["data"] for out in charts + pictures)
    dashboards = [out for out in outputs if WIDGET in out.get("data", {})]
    if dashboards:
        assert pictures, "a dashboard without static pictures of its charts"
        assert all("needs a running kernel" in "".join(out["data"]["text/plain"])
                   for out in dashboards)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbconvert_html_shows_each_chart_as_an_image(path, tmp_path):
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter"), "nbconvert", "--to", "html",
         "--output-dir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
    outputs = _outputs(path)
    charts = sum(PLOTLY in out.get("data", {}) for out in outputs)
    pictures = sum(PICTURE_KEY in out.get("metadata", {}) for out in outputs)
    assert charts + pictures > 0
    assert len(_PNG_IMG.findall(page)) == charts + pictures
    if pictures:
        note = DASHBOARD_NOTE.strip("*").split("(")[0].strip()
        assert note in page


def _nb_with(outputs: list[dict]):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.from_dict(out) for out in outputs]
    nb.cells = [cell]
    return nb


def test_a_resave_keeps_the_picture_of_an_unchanged_chart_and_drops_a_changed_one():
    from analysis.dashboards.pictures import STATIC_KEY, needing_images, reuse_images

    spec = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {}}
    saved = _nb_with([
        {"output_type": "display_data", "data": {PLOTLY: spec, "image/png": "OLDPNG"},
         "metadata": {}},
    ])
    same = _nb_with([{"output_type": "display_data", "data": {PLOTLY: spec}, "metadata": {}}])
    changed = _nb_with([{"output_type": "display_data", "metadata": {},
                         "data": {PLOTLY: {**spec, "layout": {"title": {"text": "new"}}}}}])
    assert reuse_images([saved], [same, changed]) == 1
    assert same.cells[0].outputs[0].data["image/png"] == "OLDPNG"
    assert "image/png" not in changed.cells[0].outputs[0].data
    assert len(needing_images([changed])) == 1 and needing_images([same]) == []
    # A dashboard placeholder is matched by the digest its saved picture recorded.
    holder = {"output_type": "display_data", "data": {"text/plain": ""},
              "metadata": {STATIC_KEY: spec, PICTURE_KEY: "t"}}
    first = _nb_with([holder])
    from analysis.dashboards.pictures import _digest, _set_png

    _set_png(first.cells[0].outputs[0], "PICTURE", _digest(spec))
    again = _nb_with([holder])
    assert reuse_images([first], [again]) == 1
    assert again.cells[0].outputs[0].data["image/png"] == "PICTURE"
    assert STATIC_KEY not in again.cells[0].outputs[0].metadata


def test_dashboards_leave_out_the_pictures_only_for_a_live_front_end(monkeypatch):
    from analysis.dashboards import pictures as static

    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    for name in ("VOILA_BASE_URL", "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)
    assert not static.live_front_end()  # nbclient, nbval
    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/04_compute_whatif.ipynb")
    assert static.live_front_end()  # a JupyterLab session's kernel
    monkeypatch.delenv("JPY_SESSION_NAME")
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    assert static.live_front_end() and static.in_voila()
