"""The notebooks' checks on the real processed frames: what each one finds, and why."""

from __future__ import annotations

import pytest

from analysis.checks import attention, ledger, overview, spending, traffic
from analysis.evidence.named import claim
from analysis.evidence.registry import EXODUS


@pytest.fixture(scope="module")
def f(processed_frames):
    return processed_frames


def test_traffic_percentage_holds_but_three_months_does_not(f):
    c = traffic.check(f["quantities"])
    assert c.change == pytest.approx(c.later.value / c.peak.value - 1)
    assert c.change_verdict.holds and not c.months_verdict.holds
    assert c.months == c.stated_months.value + 1
    assert "roughly" in traffic.checks_table(f["quantities"]).iloc[0]["article_says"]


def test_reference_counts_are_a_thousand_times_the_articles(f):
    table = traffic.reference_table(f["quantities"])
    ratios = table["reported_per_article"].dropna()
    assert len(ratios) == 2 and ratios.between(900, 1100).all()


def test_reference_may_peak_fits_three_months_and_the_percentage(f):
    change = traffic.reference_change(f["quantities"])
    c = traffic.check(f["quantities"])
    fits = change[change["months"] == c.stated_months.value]
    assert fits["change_pct"].iloc[0] == pytest.approx(c.change * 100, abs=0.1)


def test_users_per_month_divides_users_by_months(f):
    q = f["quantities"]
    row = traffic.users_per_month(q).iloc[0]
    expected = claim("chatgpt_users_milestone", q).value / claim("chatgpt_users_milestone_time", q).value / 1e6
    assert row["users_per_month_m"] == pytest.approx(expected)


def test_runway_window_is_end_of_2024_to_end_of_2025(f):
    w = spending.runway_window(f["quantities"])
    assert (w.window_start.isoformat(), w.window_end.isoformat()) == ("2024-12-01",
                                                                       "2025-12-31")
    assert w.start.isoformat() == claim("altman_dismissal_weekend", f["quantities"]).date


def test_defaults_put_the_runway_inside_the_window(f):
    from analysis.models import burn

    d = spending.defaults(f["quantities"])
    w = spending.runway_window(f["quantities"])
    day = burn.runway(d["cash"], d["daily_cost"], start=d["start"])
    assert w.window_start <= day <= w.window_end


def test_revenue_covers_running_cost_so_other_costs_must_be_large(f):
    q = f["quantities"]
    assert spending.break_even_other_costs(q) > 0
    need = spending.other_costs_needed(q)
    assert (need["other_costs_low"] > spending.break_even_other_costs(q)).all()
    assert (need["other_costs_low"] < need["other_costs_high"]).all()


def test_yearly_figures_ratios(f):
    """Each ratio is the row's yearly dollars over the reference row's, recomputed here from
    the named claims and the model's year (365.25 days)."""
    from analysis.models.burn import DAYS_PER_YEAR

    q = f["quantities"]
    table = spending.yearly_figures(q)
    cost = claim("daily_running_cost", q)
    revenue, run_rate = claim("revenue_expected", q).value, claim("run_rate_annual", q).value
    high_yearly = cost.high * DAYS_PER_YEAR
    assert table.loc["annual run-rate", "times_2023_revenue"] == round(run_rate / revenue, 2)
    assert table.loc["running cost, low end", "times_2023_revenue"] == round(
        cost.low * DAYS_PER_YEAR / revenue, 2)
    assert table.loc["revenue expected for 2023", "times_high_running_cost"] == round(
        revenue / high_yearly, 1)
    assert table.loc["running cost, low end", "times_high_running_cost"] == round(
        cost.low / cost.high, 1)


def test_attention_counts_every_prose_sentence_once_per_article(f):
    shares = attention.shares(f["sentences"])
    sentences = attention.sentence_table(f["sentences"])
    totals = shares.groupby("article")["of_sentences"].first()
    assert totals.to_dict() == sentences.groupby("article").size().to_dict()
    assert (shares["sentences"] <= shares["of_sentences"]).all()


def test_sentence_offsets_point_into_the_articles(corpus, f):
    table = attention.sentence_table(f["sentences"])
    for row in table.head(20).itertuples():
        assert corpus.texts[row.article][row.start:row.end] == row.text


def test_attention_answer_names_the_table_order(f):
    from analysis.extract.tables import table_frame

    table = table_frame(f["tables"], EXODUS, 0)
    text = attention.answer(table, attention.shares(f["sentences"]), EXODUS)
    assert text.startswith("The table ranks ChatGPT/LLMs > Sora/DALL-E")


def test_ledger_shares_and_comparisons(f):
    share = ledger.hedged_share(f["claims"])
    assert (share["hedged"] <= share["claims"]).all()
    comp = ledger.comparisons(f["sentences"], f["quantities"]).reset_index()
    assert set(comp["verdict"]) <= {"agree", "contradict", "differ"}
    unveiled = comp[comp["subject"] == "when Sora was unveiled"]
    assert (unveiled["verdict"] == "agree").all()
    assert comp["sentence"].str.contains("canceled").any()


def test_overview_counts_match_the_frames(f):
    table = overview.articles_table(f["articles"], f["quantities"])
    assert (table["quantities"] + table["quantities_in_furniture"]).sum() == len(f["quantities"])
    kinds = overview.kinds_table(f["quantities"])
    assert kinds.loc["total", "total"] == table["quantities"].sum()
    assert len(overview.browse(f["quantities"])) == len(f["quantities"])
