"""Named claims resolve to exactly one quantity, found by what it is, never by its value."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.evidence import named, registry
from analysis.evidence.named import ClaimLookupError, Selector, claim, claims_table

PEAK = "After peaking at 1.8 million visits in April, ChatGPT numbers began to dwindle."
COST = "Estimates say that OpenAI spends between $100,000 and $700,000 a day to run their applications."
STAFF = "A whopping 650 out of 770 total employees are formally considering doing the same."


def _row(
    article,
    start,
    surface,
    kind,
    value,
    sentence,
    *,
    unit=None,
    per=None,
    date=None,
    low=None,
    high=None,
    of=None,
    boiler=False,
):
    return {
        "article": article,
        "paragraph": 1,
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "kind": kind,
        "value": value,
        "low": value if low is None else low,
        "high": value if high is None else high,
        "unit": unit,
        "per": per,
        "approx": None,
        "date": date,
        "of": of,
        "sentence": sentence,
        "is_boilerplate": boiler,
    }


@pytest.fixture
def quantities() -> pd.DataFrame:
    h = registry.HOUSE
    rows = [
        _row(h, 117, "1.8 million visits", "count", 1.8e6, PEAK, unit="visits"),
        _row(h, 139, "April", "date", None, PEAK, date="2023-04"),
        _row(h, 500, "$100,000", "money", 1e5, COST, unit="USD", per="day"),
        _row(h, 513, "$700,000 a day", "money", 7e5, COST, unit="USD", per="day"),
        _row(h, 900, "650 out of 770", "count", 650.0, STAFF, unit="employees", of=770.0),
        _row(registry.PIVOT, 10, "41 views", "count", 41.0, "41 views", unit="views", boiler=True),
    ]
    frame = pd.DataFrame(rows)
    for col in ("value", "low", "high", "of"):
        frame[col] = frame[col].astype("Float64")
    for col in ("article", "surface", "kind", "unit", "per", "approx", "date", "sentence"):
        frame[col] = frame[col].astype("string")
    return frame


def test_claim_finds_the_peak_by_kind_and_sentence(quantities):
    peak = claim("chatgpt_visits_peak", quantities)
    assert peak.value == 1.8e6 and peak.unit == "visits"
    assert (peak.article, peak.start, peak.end) == (registry.HOUSE, 117, 135)
    assert peak.sentence == PEAK
    assert float(peak) == 1.8e6


def test_cite_names_article_offsets_and_sentence(quantities):
    cite = claim("chatgpt_visits_peak", quantities).cite()
    assert cite == f"{registry.HOUSE}:117-135 \u201c{PEAK}\u201d"


def test_date_claims_carry_the_date(quantities):
    month = claim("chatgpt_visits_peak_month", quantities)
    assert month.date == "2023-04" and month.kind == "date"


def test_field_of_reads_the_whole_of_a_part_of_whole(quantities):
    assert claim("employees_considering_leaving", quantities).value == 650
    assert claim("employees_total", quantities).value == 770


def test_merge_joins_a_split_range_into_low_and_high(quantities):
    cost = claim("daily_running_cost", quantities)
    assert (cost.low, cost.high) == (1e5, 7e5)
    assert cost.per == "day" and cost.unit == "USD"
    assert (cost.start, cost.end) == (500, 527)
    assert cost.surface == "$100,000 \u2026 $700,000 a day"


def test_zero_matches_is_a_key_error_naming_the_claim(quantities):
    with pytest.raises(KeyError) as info:
        claim("run_rate_annual", quantities)
    assert isinstance(info.value, ClaimLookupError)
    assert "'run_rate_annual'" in str(info.value) and "matched 0" in str(info.value)


def test_several_matches_is_an_error_listing_them(quantities):
    counts = {"any_count": Selector("any count", article=registry.HOUSE, kind="count")}
    with pytest.raises(ClaimLookupError, match=r"'any_count'.*matched 2") as info:
        claim("any_count", quantities, counts)
    assert f"{registry.HOUSE}:900-914 '650 out of 770'" in str(info.value)


def test_nth_out_of_range_says_how_many_matched(quantities):
    registry = {"third": Selector("x", kind="count", sentence="considering", nth=2)}
    with pytest.raises(ClaimLookupError, match="matched 1 rows"):
        claim("third", quantities, registry)


def test_unknown_name_lists_the_known_ones(quantities):
    with pytest.raises(ClaimLookupError, match="unknown claim 'nope'.*chatgpt_visits_peak"):
        claim("nope", quantities)


def test_boilerplate_matches_only_when_asked(quantities):
    loose = {"views": Selector("page views", kind="count", unit="views")}
    with pytest.raises(ClaimLookupError, match="matched 0"):
        claim("views", quantities, loose)
    furniture = {"views": Selector("page views", kind="count", unit="views", boilerplate=True)}
    assert claim("views", quantities, furniture).value == 41


def test_article_accepts_a_glob(quantities):
    registry = {"april": Selector("x", article="house-*", kind="date")}
    assert claim("april", quantities, registry).date == "2023-04"


def test_claims_table_sets_numbers_beside_sentences(quantities):
    table = claims_table(["chatgpt_visits_peak", "employees_total"], quantities)
    assert table["claim"].tolist() == ["chatgpt_visits_peak", "employees_total"]
    assert table["value"].tolist() == [1.8e6, 770.0]
    assert table.loc[1, "sentence"] == STAFF
    assert str(table["value"].dtype) == "Float64" and str(table["start"].dtype) == "int64"


def test_missing_processed_file_says_to_build(tmp_path):
    with pytest.raises(named.ProcessedDataMissing, match="python -m analysis build"):
        named.load_quantities(tmp_path / "quantities.parquet")


def test_load_quantities_reads_parquet(tmp_path, quantities):
    path = tmp_path / "q.parquet"
    quantities.to_parquet(path)
    assert named.load_quantities(path)["surface"].tolist() == quantities["surface"].tolist()


def test_registry_patterns_compile_and_name_known_articles():
    known = {registry.EXODUS, registry.HOUSE, registry.PIVOT, registry.WIND_DOWN}
    for name, sel in registry.NAMED_NUMBERS.items():
        assert re.fullmatch(r"[a-z0-9_]+", name)
        assert sel.description
        assert sel.article in known, name
        re.compile(sel.sentence)
        # selectors say what a number is, never which value it has
        assert not re.search(r"\d", sel.sentence or ""), name


def test_article_ids_are_those_of_the_manifest():
    import tomllib

    manifest = named.QUANTITIES_PARQUET.parents[2] / "data" / "sources" / "manifest.toml"
    ids = {a["id"] for a in tomllib.loads(manifest.read_text())["article"]}
    assert {registry.EXODUS, registry.HOUSE, registry.PIVOT, registry.WIND_DOWN} <= ids
