"""Every registered claim resolves on the real processed frames, to the words its sentence says."""

from __future__ import annotations

import math
import re

import pytest

from analysis.evidence import named, registry

# What each claim must read as in its article, checked on the surface text (never a typed
# value): digits of the number as printed, a month name, or a vague-quantity phrase.
SURFACE = {
    "chatgpt_visits_peak": r"^1\.8 million$",
    "chatgpt_visits_peak_month": r"^April$",
    "chatgpt_visits_latest": r"^1\.43 million$",
    "chatgpt_visits_latest_month": r"^August 2023$",
    "chatgpt_visits_decline_pct": r"^20-percent$",
    "chatgpt_visits_decline_window": r"^three months$",
    "chatgpt_users_milestone": r"^100 million$",
    "chatgpt_users_milestone_time": r"^two months$",
    "daily_running_cost": r"\$100,000 and \$700,000 a day",
    "runway_window": r"end of 2024 and 2025",
    "revenue_expected": r"^\$1\.3 billion$",
    "revenue_expected_by": r"end of 2023",
    "listed_companies_surpassed": r"^4,325$",
    "employees_considering_leaving": r"^650\b",
    "employees_total": r"\b770$",
    "altman_dismissal_weekend": r"^17 November$",
    "openai_founded": r"^December 2015$",
    "sora_unveiled": r"^February 2024$",
    "sora_unveiled_wind_down_report": r"^February 2024$",
    "sora_announced_faq": r"^February 2024$",
    "spud_release": r"a few weeks",
    "run_rate_annual": r"^\$5\.2 billion",
    "chatgpt_users_vague": r"hundreds of millions",
    "gpu_fleet_vague": r"tens of thousands",
}


@pytest.fixture(scope="module")
def quantities():
    try:
        return named.load_quantities()
    except named.ProcessedDataMissing:
        pytest.fail("processed frames not built: run `make data` (python -m analysis build) first")


def test_every_registered_claim_has_an_expected_surface():
    assert set(SURFACE) == set(registry.NAMED_NUMBERS)


@pytest.mark.parametrize("name", sorted(registry.NAMED_NUMBERS))
def test_claim_resolves_to_the_words_of_its_sentence(quantities, name):
    value = named.claim(name, quantities)
    assert re.search(SURFACE[name], value.surface), (name, value.surface)
    assert value.sentence[value.start - _sentence_start(quantities, value):].startswith(
        value.surface.split(" \u2026 ")[0]
    )


def _sentence_start(quantities, value) -> int:
    return int(quantities.loc[value.rows[0], "sentence_start"])


def _digits(text: str) -> float:
    return float(re.search(r"\d[\d,.]*", text).group().replace(",", "").rstrip("."))


SCALE = {"million": 1e6, "billion": 1e9}


@pytest.mark.parametrize(
    "name",
    ["chatgpt_visits_peak", "chatgpt_visits_latest", "chatgpt_users_milestone", "revenue_expected",
     "listed_companies_surpassed", "run_rate_annual", "chatgpt_visits_decline_pct"],
)
def test_value_is_the_number_its_surface_prints(quantities, name):
    value = named.claim(name, quantities)
    word = next((w for w in SCALE if w in value.surface), None)
    printed = _digits(value.surface) * (SCALE[word] if word else 1)
    assert math.isclose(value.value, printed, rel_tol=1e-9)


def test_part_and_whole_of_the_staff_sentence(quantities):
    part = named.claim("employees_considering_leaving", quantities)
    whole = named.claim("employees_total", quantities)
    numbers = [float(n) for n in re.findall(r"\d+", part.surface)]
    assert (part.value, whole.value) == tuple(numbers)


def test_daily_cost_range_is_the_two_printed_amounts(quantities):
    cost = named.claim("daily_running_cost", quantities)
    amounts = [float(a.replace(",", "")) for a in re.findall(r"\$([\d,]+)", cost.surface)]
    assert (cost.low, cost.high) == tuple(amounts) and cost.per == "day"
