"""Every registered chart builds from the processed frames and exports in one batch."""

from __future__ import annotations

import csv
import shutil

import plotly.graph_objects as go
import pytest

from analysis.viz import charts


@pytest.fixture(scope="module")
def frames(processed_frames):
    return processed_frames


@pytest.mark.parametrize("name", sorted(charts.CHARTS))
def test_chart_builds_from_the_frames(frames, name):
    fig = charts.build(name, frames)
    assert isinstance(fig, go.Figure)
    assert fig.data, name
    assert fig.layout.title.text
    assert charts.CHARTS[name].notebook.endswith(".ipynb")
    # Each trace type drawn keeps plotly_white's styling in the suite's default template.
    from analysis.viz.figures import TEMPLATE_TRACES

    assert {trace.type for trace in fig.data} <= set(TEMPLATE_TRACES), name


def test_registered_claims_are_known_claim_names():
    from analysis.evidence.registry import NAMED_NUMBERS as CLAIMS

    for chart in charts.CHARTS.values():
        assert set(chart.claims) <= set(CLAIMS), chart.name


def test_visits_chart_shows_the_articles_counts(frames):
    from analysis.evidence.named import claim

    fig = charts.build("chatgpt_visits", frames)
    points = fig.data[-1]
    peak = claim("chatgpt_visits_peak", frames["quantities"])
    assert points.y[0] * charts.MILLION == pytest.approx(peak.value)
    assert "peaking at" in points.text[0]


def test_timeline_hover_text_is_escaped(frames):
    ev = frames["events"].copy()
    ev.loc[ev.index[0], "sentence"] = "<script>alert(1)</script>"
    fig = charts.build("events_timeline", {**frames, "events": ev})
    texts = [t for trace in fig.data for t in trace.text]
    assert "<script>" not in " ".join(texts) and "&lt;script&gt;alert(1)&lt;/script&gt;" in texts


def test_resource_chart_draws_dots_on_level_names(frames):
    fig = charts.build("resource_levels", frames)
    assert {t.type for t in fig.data} == {"scatter"}
    assert all(t.mode == "markers" for t in fig.data)
    assert fig.layout.xaxis.type == "category" and "Scarce" in fig.layout.xaxis2.categoryarray


def test_unknown_chart_names_the_known_ones():
    with pytest.raises(KeyError, match="chatgpt_visits"):
        charts.build("nope", {})


@pytest.mark.slow
def test_export_all_writes_every_file_and_index_rows(tmp_path, frames):
    if shutil.which("chromium") is None:
        pytest.fail("chromium is needed for PNG export: apt-get install chromium")
    result = charts.export_all(out_dir=tmp_path)
    assert result.skipped == []
    paths = result.written
    names = {p.name for p in paths}
    for name in charts.CHARTS:
        assert {f"{name}.html", f"{name}.png"} <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
    with (tmp_path / "index.csv").open(newline="") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert set(rows) == names
    assert rows["chatgpt_visits.png"]["notebook"] == "01_chatgpt_visits.ipynb"
    assert "chatgpt_visits_peak" in rows["chatgpt_visits.png"]["claims"]
