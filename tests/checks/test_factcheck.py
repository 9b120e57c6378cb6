"""Notebook 06's checks: findings, counts, contradictions and the timeline's article dates."""

from __future__ import annotations

from analysis.checks import factcheck
from analysis.viz import charts


def test_findings_hold_only_conflicts_and_outdated_with_their_sources(processed_frames):
    f = processed_frames
    found = factcheck.findings(f["checks"], f["statements"])
    assert set(found["verdict"]) == {"conflicts", "outdated"}
    assert found["source"].str.contains("https://").all()
    assert found["finding"].str.endswith(".").all()
    assert found["sentence"].notna().all()
    counts = factcheck.by_verdict(f["checks"])
    assert counts["total"].sum() == len(f["checks"])


def test_the_answer_is_computed_from_the_checks(processed_frames):
    f = processed_frames
    text = factcheck.answer(f["checks"], f["statements"], f["articles"], f["events"])
    assert text.startswith(f"Of {len(f['checks'])} checkable statements")
    assert "Anthropic is based in the United States, not France" in text
    n_unverifiable = int((f["checks"]["verdict"] == "unverifiable").sum())
    assert f"{n_unverifiable} cannot be checked" in text


def test_the_timeline_draws_each_article_date_and_flags_what_was_superseded(processed_frames):
    f = processed_frames
    dates = factcheck.timeline_dates(f["articles"], f["statements"], f["events"], f["checks"])
    flagged = dict(zip(dates["article"], dates["superseded"], strict=True))
    assert "Claude 3.5 Sonnet" in flagged["sora-app-wind-down-spud"]
    assert flagged["house-divided-openai-chaos"] == ""
    fig = charts.build("events_timeline", f)
    own = [t for t in fig.data if "article's date" in (t.hovertemplate or "")]
    assert len(own) == int(dates["start"].notna().sum())
    dashed = [t for t in own if t.mode == "lines"]
    assert {t.y[0] for t in dashed} == set(dates.loc[dates["end"].isna(), "article"])
    red = {t.y[0] for t in own if (t.line.color if t.mode == "lines" else t.marker.color) == "#D55E00"}
    assert red == {a for a, s in flagged.items() if s}
