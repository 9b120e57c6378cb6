"""The fact-check: dated public facts, the article's date, verdicts and contradictions."""

from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.evidence import facts
from analysis.extract.entities import ENTITIES_CSV
from analysis.frames.schema import FRAMES


def verdict(checks, article, entity, attribute, stated=None):
    rows = checks[(checks["article"] == article) & (checks["entity"] == entity)
                  & (checks["attribute"] == attribute)]
    if stated is not None:
        rows = rows[rows["stated"] == stated]
    assert len(rows) >= 1, (article, entity, attribute)
    return rows.iloc[0]


def test_every_fact_has_a_public_source_and_a_known_entity():
    with ENTITIES_CSV.open(encoding="utf-8") as fh:
        ids = {r["entity"] for r in csv.DictReader(fh)}
    for fact in facts.facts():
        assert fact.entity in ids, fact
        assert fact.url.startswith("https://") and fact.source and fact.source_date, fact
        dt.date.fromisoformat(fact.source_date)
        for bound in (fact.valid_from, fact.valid_to):
            assert not bound or bound[:4].isdigit(), fact


def test_every_entity_the_corpus_names_has_facts_or_is_known_to_have_none(processed_frames):
    named = set(processed_frames["entities"]["entity"].dropna())
    with_facts = {f.entity for f in facts.facts()}
    # Reported codenames, a renamed team and an X account: nothing public to check against.
    assert named - with_facts <= {"spud", "agi_deployment", "kimmonismus"}


def test_a_fact_without_a_source_is_refused(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text("entity,attribute,value,valid_from,valid_to,source,source_date,url,note\n"
                    "x,kind,model,,,,,,\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match="line 2: a fact needs a source"):
        facts.facts(path)


def test_articles_are_dated_by_their_publication_or_by_what_they_name(processed_frames):
    f = processed_frames
    dates = facts.as_of(f["articles"], f["statements"], f["events"]).set_index("article")
    assert dates.loc["house-divided-openai-chaos", "as_of"] == "2023-11"
    assert dates.loc["house-divided-openai-chaos", "end"] == dt.date(2023, 11, 30)
    # The wind-down report names the Sora app, which launched on 30 September 2025.
    assert dates.loc["sora-app-wind-down-spud", "as_of"] == "2025-09-30/"
    assert "sora_app" in dates.loc["sora-app-wind-down-spud", "how"]
    assert pd.isna(dates.loc["sora-team-world-model-pivot", "end"])


def test_the_checks_frame_finds_what_a_fact_checker_would(processed_frames):
    c = processed_frames["checks"]
    FRAMES["checks"].pandera().validate(c)
    house, pivot, wind = ("house-divided-openai-chaos", "sora-team-world-model-pivot",
                          "sora-app-wind-down-spud")
    assert verdict(c, house, "anthropic", "based_in").verdict == "conflicts"
    assert verdict(c, house, "claude", "licence").verdict == "conflicts"
    assert verdict(c, house, "falcon", "licence").verdict == "consistent"
    assert verdict(c, house, "gpt_4_turbo", "latest_model").verdict == "consistent"
    never = verdict(c, pivot, "sora", "publicly_available", "no")
    assert never.verdict == "outdated" and "2024-12-09" in never.explanation
    assert verdict(c, wind, "claude_3_5_sonnet", "latest_model").verdict == "outdated"
    assert verdict(c, wind, "sora", "status", "research preview").verdict == "outdated"
    assert verdict(c, pivot, "sora", "status", "canceled").verdict == "unverifiable"
    revenue = verdict(c, house, "openai", "revenue")
    assert revenue.verdict == "unverifiable" and "run-rate" in revenue.explanation
    assert c["source"].notna().sum() == c["url"].notna().sum()


def test_a_window_and_a_fixed_date_give_different_verdicts():
    known = (facts.Fact("m", "publicly_available", "2024-12-09", "", "", "S", "2024-12-09",
                        "https://example.org", ""),)
    st = FRAMES["statements"].typed([{"article": "a", "statement": "a:s0", "sentence": 0,
                                       "start": 0, "end": 1, "entity": "m",
                                       "attribute": "publicly_available", "value": "no",
                                       "pattern": "never_released", "text": "x"}])
    fixed = pd.DataFrame({"article": ["a"], "as_of": ["2024-06"], "start": [dt.date(2024, 6, 1)],
                          "end": [dt.date(2024, 6, 30)], "how": [""]})
    window = fixed.assign(as_of="2024-06-01/", end=[None])
    assert facts.check(st, fixed, known).loc[0, "verdict"] == "consistent"
    assert facts.check(st, window, known).loc[0, "verdict"] == "outdated"
    late = fixed.assign(as_of="2025-01", start=[dt.date(2025, 1, 1)], end=[dt.date(2025, 1, 31)])
    assert facts.check(st, late, known).loc[0, "verdict"] == "conflicts"


def test_contradictions_between_articles_are_found_not_listed(processed_frames):
    f = processed_frames
    dates = facts.as_of(f["articles"], f["statements"], f["events"])
    pairs = facts.contradictions(f["statements"], dates)
    # 100 million users in 2023 and "hundreds of millions" two years later both hold.
    assert pairs[pairs["entity"] == "chatgpt"].empty
    sora = pairs[(pairs["entity"] == "sora") & (pairs["attribute"] == "status")]
    assert len(sora) >= 1
    sides = {sora.iloc[0]["value_a"], sora.iloc[0]["value_b"]}
    assert sides == {"canceled", "research preview"}
    assert (pairs["article_a"] != pairs["article_b"]).all()
    # Two articles giving February 2024 for Sora's unveiling agree: no pair.
    assert pairs[(pairs["entity"] == "sora") & (pairs["attribute"] == "announced")].empty


@pytest.mark.parametrize(("content", "message"), [
    (None, "reference facts not found"),
    (b"\xff\xfe\x00bad", "not UTF-8 text"),
    (b"entity,attribute\nx,kind\n", "needs the columns value"),
    (b"entity,attribute,value,valid_from,valid_to,source,source_date,url,note\n"
     b"x,kind,model,,,S,2024-01-01,https://e.org,,extra\n", "line 2 has more cells"),
    (b"entity,attribute,value,valid_from,valid_to,source,source_date,url,note\n"
     b"x,kind,model,soon,,S,2024-01-01,https://e.org,\n", "valid_from 'soon' is not an ISO date"),
])
def test_a_bad_facts_file_is_one_line_naming_it(tmp_path, content, message):
    path = tmp_path / "facts.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AnalysisError, match=message) as info:
        facts.facts(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_a_bad_gazetteer_is_one_line_naming_it(tmp_path):
    from analysis.extract.entities import gazetteer

    path = tmp_path / "entities.csv"
    path.write_text("entity,name,kind,aliases,note\nx,X,planet,X,\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match="kind 'planet' is not one of"):
        gazetteer(path)
    path.write_text("entity,name,kind,aliases,note\nx,X,model,Y,\ny,Y,model,Y,\n",
                    encoding="utf-8")
    with pytest.raises(AnalysisError, match="alias 'Y' names both x and y"):
        gazetteer(path)


def test_what_changes_with_time_contradicts_only_between_articles_of_one_time():
    st = FRAMES["statements"].typed([
        {"article": a, "statement": f"{a}:s0", "sentence": 0, "start": 0, "end": 1,
         "entity": "m", "attribute": "status", "value": v, "pattern": "status", "text": v}
        for a, v in (("old", "research preview"), ("new", "canceled"))])
    apart = pd.DataFrame({"article": ["old", "new"], "as_of": ["2020-01", "2025-01"],
                          "start": [dt.date(2020, 1, 1), dt.date(2025, 1, 1)],
                          "end": [dt.date(2020, 1, 31), dt.date(2025, 1, 31)], "how": ["", ""]})
    assert facts.contradictions(st, apart).empty
    assert len(facts.contradictions(st, apart.assign(end=[None, None]))) == 1
    assert len(facts.contradictions(st)) == 1
