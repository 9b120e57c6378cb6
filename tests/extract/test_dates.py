"""Dates as business news writes them, read against a publication date (tests/gold/README.md).

Each case is one phrase in a sentence, read with a base date; the expected date is written
at the precision the rules give, with the date_flag that says how it was completed.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.quantities import extract

BASE = "2024-03-19"  # a Tuesday, ISO week 12


def dates(text: str, base=BASE, lang="en") -> list[tuple[str, str, str]]:
    frame = extract(text, lang=lang, base_date=base)
    frame = frame[frame["kind"] == "date"]
    return [(r.surface, r.date or "", r.date_flag or "") for r in frame.itertuples()]


@pytest.mark.parametrize("text,surface,date,flag", [
    ("Revenue in Q1 CY2024 rose.", "Q1 CY2024", "2024-Q1", ""),
    ("Guidance for H2 FY25 was cut.", "H2 FY25", "2025-H2", "fiscal_year"),
    ("Sales fell in the first half of 2025.", "the first half of 2025", "2025-H1", ""),
    ("Sales fell in the second quarter of fiscal 2025.", "the second quarter of fiscal 2025",
     "2025-Q2", "fiscal_year"),
    ("DRAM revenue jumped in 2Q25.", "2Q25", "2025-Q2", ""),
    ("Output rose in Q3'22.", "Q3'22", "2022-Q3", ""),
    ("Margins held in the fourth quarter of last year.", "the fourth quarter of last year",
     "2023-Q4", "relative"),
    ("Sales rose in the second quarter.", "the second quarter", "2024-Q2", "year_from_base"),
    ("Sales rose in the fourth quarter.", "the fourth quarter", "2023-Q4", "year_from_base"),
    ("Second-quarter profit doubled.", "Second-quarter", "2024-Q2", "year_from_base"),
    ("Sales rose in June.", "June", "2023-06", "year_from_base"),
    ("A cut could come in June.", "June", "2024-06", "year_from_base"),
    ("The deal closed on March 3.", "March 3", "2024-03-03", "year_from_base"),
    ("Last May, it raised $450 million.", "Last May", "2023-05", "relative"),
    ("Shares rose this year.", "this year", "2024", "relative"),
    ("Profit fell last quarter.", "last quarter", "2023-Q4", "relative"),
    ("Results are due next month.", "next month", "2024-04", "relative"),
    ("It said earlier this week that it would sell.", "earlier this week", "2024-W12", "relative"),
    ("It plans a listing early next year.", "early next year", "2025-H1", "relative"),
    ("Guidance for the current quarter rose.", "current quarter", "2024-Q1", "relative"),
    ("Posted 3h ago", "3h ago", "2024-03-19", "relative"),
    ("Prices rose between the end of 2024 and 2025.", "the end of 2024 and 2025",
     "2024-12/2025", ""),
    ("Traffic rose from April to August.", "April to August", "2024-04/2024-08",
     "year_from_base"),
    ("Orders fell from January to March.", "January to March", "2024-01/2024-03",
     "year_from_base"),
    ("It will keep the cut until the end of March.", "the end of March", "2024-03",
     "year_from_base"),
])
def test_business_news_dates(text, surface, date, flag):
    found = dates(text)
    assert len(found) == 1, found
    got_surface, got_date, got_flag = found[0]
    assert surface in got_surface or got_surface in surface, found
    assert (got_date, got_flag) == (date, flag)


def test_year_less_quarters_of_a_fiscal_text_have_no_calendar_date():
    text = "Revenue for the first quarter of fiscal 2026 rose; in Q1 the margin fell, and " \
           "the current quarter looks weaker."
    assert dates(text) == [
        ("the first quarter of fiscal 2026", "2026-Q1", "fiscal_year"),
        ("Q1", "", "fiscal_year"), ("current quarter", "", "fiscal_year")]


@pytest.mark.parametrize("text", [
    "Sales rose in the second quarter.", "Shares rose this year.", "A cut could come in June.",
    "Profit fell last quarter.", "The deal closed on March 3."])
def test_without_a_base_date_they_stay_unresolved_and_say_so(text):
    (found,) = dates(text, base=None)
    assert found[1:] == ("", "unresolved")


@pytest.mark.parametrize("text", [
    "Revenue rose 12% from a year earlier.", "Sales grew 5% from the previous quarter.",
    "January 2024 was the warmest January on record.", "Growth was 3% year over year."])
def test_comparison_anchors_and_kinds_of_month_are_not_dates(text):
    assert all(s.startswith("January 2024") for s, _, _ in dates(text))


def test_over_the_last_year_is_a_duration():
    frame = extract("It raised $7.3 billion over the last year.", base_date=BASE)
    assert [(r.surface, r.kind, r.value, r.unit) for r in frame.itertuples()] == [
        ("$7.3 billion", "money", 7.3e9, "USD"), ("the last year", "duration", 1.0, "year")]


# --- German and French edge forms -------------------------------------------------------

def rows(text, lang, base="2024-09-26"):
    frame = extract(text, lang=lang, base_date=base)
    return [(r.surface, r.kind, r.value, r.unit, r.per, r.date or "")
            for r in frame.itertuples()]


@pytest.mark.parametrize("text,lang,want", [
    ("Der Umsatz stieg im Jahr 2024 deutlich.", "de", [("2024", "date", None, "", "", "2024")]),
    ("Les ventes ont progressé en 2024.", "fr", [("2024", "date", None, "", "", "2024")]),
    ("Le centre accueillera 7 000 GPUs.", "fr", [("7 000", "count", 7000.0, "GPUs", "", "")]),
    ("Das Zentrum soll 7 000 GPUs erhalten.", "de",
     [("7 000", "count", 7000.0, "GPUs", "", "")]),
    ("Das Unternehmen beschäftigt 1 250 Mitarbeiter.", "de",
     [("1 250", "count", 1250.0, "Mitarbeiter", "", "")]),
    ("Google will drei Milliarden Euro investieren.", "de",
     [("drei Milliarden Euro", "money", 3e9, "EUR", "", "")]),
    ("La start-up a levé deux millions d'euros.", "fr",
     [("deux millions d'euros", "money", 2e6, "EUR", "", "")]),
    ("Un milliard d'euros sera investi.", "fr",
     [("Un milliard d'euros", "money", 1e9, "EUR", "", "")]),
    ("Der Bau dauert drei Jahre.", "de", [("drei Jahre", "duration", 3.0, "year", "", "")]),
    ("La loi entre en vigueur le 12 mars 2025.", "fr",
     [("12 mars 2025", "date", None, "", "", "2025-03-12")]),
    ("Le texte sera voté le 1er juillet.", "fr",
     [("1er juillet", "date", None, "", "", "2024-07-01")]),
    ("Les ventes baissent au premier trimestre 2025.", "fr",
     [("premier trimestre 2025", "date", None, "", "", "2025-Q1")]),
    ("Der Umsatz fiel im dritten Quartal.", "de",
     [("im dritten Quartal", "date", None, "", "", "2024-Q3")]),
    ("Die Kosten lagen vor fünf Jahren niedriger.", "de",
     [("vor fünf Jahren", "date", None, "", "", "2019")]),
    ("Le déficit a doublé il y a deux ans.", "fr",
     [("il y a deux ans", "date", None, "", "", "2022")]),
    ("Les recettes reculent cette année.", "fr",
     [("cette année", "date", None, "", "", "2024")]),
])
def test_german_and_french_forms(text, lang, want):
    got = [(s, k, None if pd.isna(v) else v, u, p, d) for s, k, v, u, p, d in rows(text, lang)]
    assert [g for g in got if g[1] != "other" or "doublé" not in g[0]] == want


def test_the_processed_frames_give_year_less_months_the_year_of_their_article(
        processed_frames):
    """The build passes each article's publication date: 'April' and '17 November' in the
    report of November 2023 carry 2023, flagged as completed from that date."""
    import re

    q, arts = processed_frames["quantities"], processed_frames["articles"]
    dated = set(arts.loc[arts["date_precision"].isin(["day", "month"]), "id"])
    months = q[(q["kind"] == "date") & q["article"].isin(dated)
               & ~q["surface"].str.contains(r"\d{4}|\d0s|ago|week", regex=True)]
    assert len(months) >= 2
    for r in months.itertuples():
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r.date or ""), r
        assert r.date_flag == "year_from_base", r
