"""The static report: every notebook under one page, code hidden, source text escaped."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.publish import report

EVIL = "<script>alert(1)</script>"
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None,
                                    reason="no chromium for PNG rendering")


def _hostile_notebook(path):
    """A small executed notebook whose outputs carry source text with a script in it."""
    frame = pd.DataFrame({"sentence": [EVIL]})
    plotly_bundle = {"data": [{"type": "scatter", "x": [1], "y": [1], "text": [EVIL],
                               "hovertemplate": EVIL}],
                     "layout": {"title": {"text": "hostile"}}}
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# A hostile notebook\n\n**Question.** q\n\n**Answer.** a"),
        new_code_cell("SECRET_INPUT_CODE = 1", execution_count=1, outputs=[
            new_output("execute_result", execution_count=1,
                       data={"text/html": frame.to_html(), "text/plain": str(frame)}),
            new_output("stream", name="stdout", text=EVIL + "\n"),
            new_output("display_data", data={"application/vnd.plotly.v1+json": plotly_bundle,
                                             "text/plain": "Figure"}),
            new_output("display_data", data={"text/html": EVIL, "text/plain": "raw html"}),
            new_output("display_data", data={"text/html": '<img src=x onerror="alert(1)">',
                                             "text/plain": "handler"}),
            new_output("display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "x",
                                                             "version_major": 2,
                                                             "version_minor": 0},
                "text/plain": "VBox()"}),
        ]),
    ]
    nbformat.write(nb, path)
    return path


@needs_chromium
def test_report_escapes_source_text_and_hides_code(tmp_path):
    nb = _hostile_notebook(tmp_path / "00_hostile.ipynb")
    page = report.render([nb])
    assert "<script" not in page.lower()
    assert "onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not run
    assert "SECRET_INPUT_CODE" not in page
    assert "data:image/png;base64," in page  # the plotly output became a picture
    assert report.WIDGET_NOTE in page
    assert '<a href="#nb-00_hostile">A hostile notebook</a>' in page


def test_notebooks_are_found_in_reading_order(tmp_path):
    for name in ("05_b.ipynb", "00_a.ipynb", "scratch.ipynb", "01_c.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in report.notebooks(tmp_path)] == ["00_a.ipynb", "01_c.ipynb",
                                                            "05_b.ipynb"]


def test_no_notebooks_is_a_report_error(tmp_path):
    with pytest.raises(report.ReportError, match="no notebooks"):
        report.render([])


def test_safe_bundle_keeps_tables_and_drops_script():
    table = pd.DataFrame({"a": [EVIL]}).to_html()
    kept = report._safe_bundle({"text/html": table, "text/plain": "t"})["text/html"]
    assert re.search(r'<table border="1" class="dataframe[^"]*">', kept) and "<td>" in kept
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kept  # the cell's text, still text
    assert "text/html" not in report._safe_bundle({"text/html": EVIL, "text/plain": "t"})
    assert report._safe_bundle({"application/javascript": "alert(1)"}) == {"text/plain": ""}


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<img src=x onerror="alert(1)">',
    '<div onmouseover="alert(1)">x</div>',
    '<svg><script>alert(1)</script></svg>',
    '<style>body{background:url(javascript:alert(1))}</style>',
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
])
def test_safe_bundle_removes_every_way_to_run_script(html):
    kept = report._safe_bundle({"text/html": html, "text/plain": "t"}).get("text/html", "")
    lowered = kept.lower()
    for needle in ("javascript:", "<script", "onerror", "onmouseover", "srcdoc", "<iframe",
                   "<style", "<object", "<form"):
        assert needle not in lowered, kept


@needs_chromium
@pytest.mark.slow
def test_report_of_the_suite_has_every_notebook_and_no_code(tmp_path):
    paths = report.notebooks()
    if not paths or not all(json.loads(p.read_text()).get("cells") for p in paths):
        pytest.fail("notebooks missing")
    out = report.write(tmp_path / "report.html", paths)
    page = out.read_text()
    for p in paths:
        assert f'id="nb-{p.stem}"' in page
    assert "<script" not in page.lower()
    assert "processed.frames()" not in page  # inputs are hidden
