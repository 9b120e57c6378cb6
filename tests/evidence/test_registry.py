"""The editorial registries point at things that exist, and name them by what they are."""

from __future__ import annotations

import re

from analysis.evidence import registry
from analysis.extract.tables import table_frame
from analysis.extract.topics import FAMILIES
from analysis.models import compute, reference
from analysis.sources.manifest import read_manifest
from tests.conftest import SOURCES

IDS = {entry.id for entry in read_manifest(SOURCES)}


def test_article_names_are_manifest_ids():
    assert {registry.EXODUS, registry.HOUSE, registry.PIVOT, registry.WIND_DOWN} == IDS
    assert {sel.article for sel in registry.NAMED_NUMBERS.values()} <= IDS
    for comparison in registry.COMPARISONS:
        assert {article for article, _ in comparison.sides} <= IDS


def test_names_say_what_a_number_is_not_the_value_it_holds(processed_frames):
    from analysis.evidence.named import claim

    for name in registry.NAMED_NUMBERS:
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", name), name
        value = claim(name, processed_frames["quantities"])
        digits = set(re.findall(r"\d+", value.surface))
        assert not digits & set(re.findall(r"\d+", name)), (name, value.surface)


def test_comparisons_compare_registered_dates():
    for comparison in registry.COMPARISONS:
        assert len(comparison.sides) >= 2
        assert set(comparison.date_claims) <= set(registry.NAMED_NUMBERS)
        assert (comparison.verdict == "computed") == bool(comparison.date_claims)


def test_programme_topics_are_rows_of_the_table_and_families_of_the_lexicon(processed_frames):
    table = table_frame(processed_frames["tables"], registry.EXODUS, 0)
    assert list(registry.PROGRAMME_TOPICS) == list(table["Project Focus"])
    assert set(registry.PROGRAMME_TOPICS.values()) <= set(FAMILIES)


def test_compute_presets_cover_the_model():
    members = [p for group in registry.GROUPS.values() for p in group]
    assert sorted(members) == sorted(compute.PROGRAMMES)
    edges = [(low, high) for _, low, high in registry.PRIORITY_LEVELS]
    assert edges[0][0] == 0.0 and edges[-1][1] == 1.0
    assert all(a[1] == b[0] for a, b in zip(edges, edges[1:], strict=False))
    ref = reference.compute_constants()
    for preset in registry.SCENARIOS.values():
        assert preset.kept_for_world_model is None or preset.kept_for_world_model in ref.index
        assert preset.description.strip()


def test_a_preset_passed_in_is_the_one_the_model_applies():
    ref = reference.compute_constants()
    only = {"all to training": registry.Scenario("everything freed", sora_freed=True)}
    shares = compute.scenario("all to training", ref, only)
    assert shares[compute.SORA] == 0.0
    base = compute.defaults(ref).shares
    assert shares[compute.TRAINING] == base[compute.TRAINING] + base[compute.SORA]
    assert list(compute.scenarios(ref, only)["scenario"].unique()) == ["all to training"]
