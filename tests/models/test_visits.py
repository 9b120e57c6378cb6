"""Traffic arithmetic: the article's peak, its later count and the months between."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ModelError
from analysis.models import reference, visits


def test_decline_from_april_peak_to_august_is_about_twenty_and_a_half_percent():
    # 1.43 / 1.8 = 0.79444..., so the change is -0.20555...
    assert visits.decline(1.8e6, 1.43e6) == pytest.approx(-0.205556, abs=1e-6)


def test_decline_does_not_depend_on_the_unit():
    assert visits.decline(1.8e9, 1.43e9) == pytest.approx(visits.decline(1.8e6, 1.43e6))


def test_decline_is_vectorised():
    out = visits.decline(np.array([100.0, 200.0]), np.array([50.0, 250.0]))
    np.testing.assert_allclose(out, [-0.5, 0.25])


def test_april_to_august_is_four_months_not_three():
    assert visits.months_between("2023-04", "2023-08") == 4
    assert visits.months_between("2022-11", "2023-01") == 2


def test_monthly_rate_compounds_back_to_the_later_count():
    r = visits.monthly_rate(1.8, 1.43, 4)
    # fourth root of 0.794444 = 0.944095 (sqrt twice: 0.891316, 0.944095)
    assert r == pytest.approx(-0.055905, abs=1e-6)
    assert 1.8 * (1 + r) ** 4 == pytest.approx(1.43)


def test_three_months_would_need_a_steeper_monthly_fall():
    assert visits.monthly_rate(1.8, 1.43, 3) < visits.monthly_rate(1.8, 1.43, 4)


def test_path_interpolates_geometrically_between_the_two_observations():
    frame = visits.path(1.8e6, 1.43e6, "2023-04", "2023-08")
    assert frame["month"].tolist() == ["2023-04", "2023-05", "2023-06", "2023-07", "2023-08"]
    assert frame["visits"].iloc[0] == 1.8e6 and frame["visits"].iloc[-1] == 1.43e6
    ratios = frame["visits"].iloc[1:].to_numpy() / frame["visits"].iloc[:-1].to_numpy()
    np.testing.assert_allclose(ratios, ratios[0])
    assert frame["visits"].iloc[2] == pytest.approx(1.8e6 * (1.43 / 1.8) ** 0.5)
    assert frame["interpolated"].tolist() == [False, True, True, True, False]
    assert str(frame["month"].dtype) == "string"


def test_path_refuses_an_end_before_the_start():
    with pytest.raises(ModelError, match="must come after"):
        visits.path(1.0, 2.0, "2023-08", "2023-04")


@pytest.mark.parametrize("peak", [0, -1.0, float("nan")])
def test_non_positive_visits_are_refused(peak):
    with pytest.raises(ModelError, match="positive"):
        visits.decline(peak, 1.0)


def test_a_roughly_twenty_percent_claim_holds_within_rounding():
    verdict = visits.check_claim(-0.20, visits.decline(1.8, 1.43), 0.025)
    assert verdict.holds
    assert verdict.difference == pytest.approx(-0.005556, abs=1e-6)
    assert str(verdict).startswith("holds: claimed -20.0 %, recomputed -20.6 %")


def test_a_three_month_claim_fails_against_four_calendar_months():
    verdict = visits.check_claim(3, visits.months_between("2023-04", "2023-08"), 0, unit="months")
    assert not verdict.holds
    assert "does not hold" in str(verdict) and "4 months" in str(verdict)


def test_check_claim_rejects_nonsense():
    with pytest.raises(ModelError):
        visits.check_claim(0.2, 0.2, -0.1)
    with pytest.raises(ModelError):
        visits.check_claim(float("nan"), 0.2, 0.1)


def test_reference_visits_are_billions_with_a_source_for_every_row():
    ref = reference.chatgpt_visits()
    assert ref["month"].is_unique
    assert set(ref["basis"]) <= {"reported", "derived"}
    assert (ref["source_url"].str.startswith("https://")).all()
    assert (ref["firm"] != "").all() and (ref["source_title"] != "").all()
    assert ref["visits"].between(1e9, 3e9).all()
    august = ref.loc[ref["month"] == "2023-08", "visits"].item()
    assert august == 1.43e9
    # every month of the file is a real month
    pd.PeriodIndex(ref["month"], freq="M")


def test_missing_reference_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        reference.chatgpt_visits(tmp_path / "none.csv")
