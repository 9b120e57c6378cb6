"""The figure export: reproducible bytes, offline HTML, escaped source text, one index."""

from __future__ import annotations

import csv
import struct

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from matplotlib.figure import Figure

from analysis.viz import figures, render
from analysis.viz.figures import FigureError, batch, export, read_index

ATTACK = "<script>alert(1)</script>"


def _mpl_figure() -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [3.0, 1.0, 2.0], label="visits")
    ax.set_title("Monthly visits")
    ax.legend()
    return fig


def _plotly_figure(widget: bool = False) -> go.Figure:
    cls = go.FigureWidget if widget else go.Figure
    return cls(
        go.Scatter(x=["2023-04", "2023-08"], y=[1.8, 1.43], hovertext=[ATTACK, "b"], name="v"),
        layout=dict(title=ATTACK),
    )


def test_import_registers_the_analysis_template_as_default():
    assert "analysis" in pio.templates
    # The default is plotly_white with the analysis template over it, for the trace types it
    # keeps: the same layout as plotly's own merge, the same styling for every kept type.
    default = pio.templates[pio.templates.default].to_plotly_json()
    assert "+" not in pio.templates.default
    merged = pio.templates.merge_templates("plotly_white", "analysis").to_plotly_json()
    assert default["layout"] == merged["layout"]
    assert sorted(default["data"]) == sorted(set(figures.TEMPLATE_TRACES) & set(merged["data"]))
    for kind in default["data"]:
        assert default["data"][kind] == merged["data"][kind], kind
    layout = pio.templates["analysis"].layout
    assert layout.font.family == figures.FONT_FAMILY
    assert tuple(layout.colorway) == figures.COLORS
    assert layout.title.xanchor == "left"


def test_matplotlib_export_is_byte_identical_across_runs(tmp_path):
    a = export(_mpl_figure(), "visits", title="T", notebook="01.ipynb", out_dir=tmp_path / "a")
    b = export(_mpl_figure(), "visits", title="T", notebook="01.ipynb", out_dir=tmp_path / "b")
    assert [p.name for p in a] == ["visits.png", "visits.svg"]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    svg = a[1].read_text()
    assert "<dc:date>" not in svg
    assert b"Software" not in a[0].read_bytes()


def test_plotly_html_is_deterministic_offline_and_uses_the_name_as_div_id(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_write_pngs", lambda *a, **k: None)
    a = export(_plotly_figure(widget=True), "v", title="T", notebook="n", out_dir=tmp_path / "a")
    b = export(_plotly_figure(widget=True), "v", title="T", notebook="n", out_dir=tmp_path / "b")
    page = a[0].read_text()
    assert a[0].read_bytes() == b[0].read_bytes()
    assert 'id="v"' in page
    assert '"uid"' not in page
    assert '<script charset="utf-8" src="plotly.min.js"></script>' in page
    assert "cdn" not in page.lower()
    assert (tmp_path / "a" / "plotly.min.js").stat().st_size > 1_000_000


def test_source_text_in_title_and_hover_cannot_open_a_script(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_write_pngs", lambda *a, **k: None)
    (html_path, _png) = export(_plotly_figure(), "x", title=ATTACK, notebook="n", out_dir=tmp_path)
    page = html_path.read_text()
    assert "<script>alert(1)" not in page
    assert "alert(1)" in page  # the text is there, only escaped
    assert page.count("<script") == 3  # plotly's config, plotly.min.js, the plot call


def test_plain_makes_plotly_show_tags_literally():
    assert figures.plain("<b>1.8</b> & more") == "&lt;b&gt;1.8&lt;/b&gt; &amp; more"


def test_index_rows_are_sorted_by_file_and_upserted_without_changing_bytes(tmp_path):
    fig = _mpl_figure()
    export(fig, "zeta", title="Z", notebook="02.ipynb", claims=["b", "a"], out_dir=tmp_path)
    export(fig, "alpha", title="A, quoted", notebook="01.ipynb", out_dir=tmp_path)
    index = tmp_path / "index.csv"
    first = index.read_bytes()
    export(fig, "zeta", title="Z", notebook="02.ipynb", claims=["b", "a"], out_dir=tmp_path)
    assert index.read_bytes() == first
    rows = read_index(tmp_path)
    assert [r["file"] for r in rows] == ["alpha.png", "alpha.svg", "zeta.png", "zeta.svg"]
    assert rows[0]["title"] == "A, quoted"
    assert rows[2]["claims"] == "b; a"
    export(fig, "zeta", title="Z2", notebook="03.ipynb", out_dir=tmp_path)
    with index.open(newline="") as fh:
        again = list(csv.DictReader(fh))
    assert len(again) == 4 and again[2]["title"] == "Z2" and again[2]["claims"] == ""


def test_figures_dir_follows_env_var_then_repo(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path))
    assert figures.figures_dir() == tmp_path
    monkeypatch.delenv("ANALYSIS_FIGURES_DIR")
    assert figures.figures_dir().name == "figures"
    assert (figures.figures_dir().parent / "pyproject.toml").exists()  # the repository's


@pytest.mark.parametrize("name", ["", "Has Caps", "../escape", "a/b", "x.png"])
def test_bad_names_are_refused(tmp_path, name):
    with pytest.raises(FigureError, match="figure name"):
        export(_mpl_figure(), name, title="t", notebook="n", out_dir=tmp_path)


def test_unknown_figure_types_are_refused(tmp_path):
    with pytest.raises(FigureError, match="cannot export a dict"):
        export({"data": []}, "d", title="t", notebook="n", out_dir=tmp_path)


def _no_browser(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "nope"))
    monkeypatch.setattr(render.shutil, "which", lambda _: None)


def test_missing_chromium_is_a_clear_error(monkeypatch, tmp_path):
    _no_browser(monkeypatch, tmp_path)
    assert not render.have_chromium()
    with pytest.raises(FigureError, match="no Chromium.*apt-get install chromium"):
        render.chromium_path()


def test_without_a_browser_a_batch_writes_the_html_and_lists_the_pngs_it_left_out(
        monkeypatch, tmp_path):
    _no_browser(monkeypatch, tmp_path)
    result = figures.export_many([(_plotly_figure(), "one", {"title": "1", "notebook": "n",
                                                             "out_dir": tmp_path})])
    assert result.written == [tmp_path / "one.html"]
    assert result.skipped == [tmp_path / "one.png"]
    assert (tmp_path / "one.html").is_file() and not (tmp_path / "one.png").exists()
    assert [row["file"] for row in figures.read_index(tmp_path)] == ["one.html"]


def test_without_a_browser_a_single_plotly_export_says_what_it_could_not_write(
        monkeypatch, tmp_path):
    _no_browser(monkeypatch, tmp_path)
    with pytest.raises(FigureError, match="wrote one.html but not its PNG"):
        export(_plotly_figure(), "one", title="1", notebook="n", out_dir=tmp_path)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_plotly_pngs_are_rendered_by_the_system_chromium_in_one_batch(tmp_path):
    # Not skipped without a browser: a machine that cannot make the write-up's PNGs
    # should fail here, with the error telling what to install.
    render.chromium_path()
    with batch():
        a = export(_plotly_figure(), "one", title="1", notebook="n", out_dir=tmp_path)
        b = export(
            go.Figure(go.Bar(x=["a"], y=[1])), "two", title="2", notebook="n", out_dir=tmp_path
        )
        assert not a[1].exists()  # queued until the batch ends
    w, h = render.PNG_WIDTH * figures.PNG_SCALE, render.PNG_HEIGHT * figures.PNG_SCALE
    assert _png_size(a[1].read_bytes()) == (w, h)
    assert _png_size(b[1].read_bytes()) == (w, h)


def test_log_ticks_step_1_2_5_per_decade_with_readable_labels():
    values, labels = figures.log_ticks(30, 5200)
    assert values == [50, 100, 200, 500, 1000, 2000, 5000]
    assert labels == ["50", "100", "200", "500", "1000", "2000", "5000"]
    assert figures.log_ticks(3e7, 3e9)[1] == ["50 million", "100 million", "200 million",
                                                 "500 million", "1 billion", "2 billion"]
    assert figures.log_ticks(0, 10) == ([], [])


def test_png_rendering_is_byte_identical_on_one_machine():
    render.chromium_path()
    fig = _plotly_figure()
    first, second = render.render_pngs([fig, fig.to_dict()])
    assert first == second and _png_size(first) == (render.PNG_WIDTH, render.PNG_HEIGHT)


def test_the_dashboards_draw_only_trace_types_the_default_template_styles():
    import datetime as dt

    from analysis.dashboards import compute as compute_board
    from analysis.viz import whatif

    params = compute_board.compute_dashboard().params
    figs = [*whatif.build_figures(params).values(), whatif.dashboard_figure(params)]
    figs.append(whatif.curve_figure(
        {"daily_cost": 700_000.0, "monthly_revenue": 0.0, "revenue_growth": 0.0,
         "other_monthly_costs": 0.0, "cash": 400e6, "start": dt.date(2023, 11, 17)},
        (dt.date(2024, 12, 1), dt.date(2025, 12, 31))))
    kinds = {trace["type"] if isinstance(trace, dict) else trace.type
             for fig in figs for trace in (fig["data"] if isinstance(fig, dict) else fig.data)}
    assert kinds and kinds <= set(figures.TEMPLATE_TRACES), kinds
