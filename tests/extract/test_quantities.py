"""One behaviour per form of quantitative mention that analysis.extract.quantities.extract reads."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

from analysis.extract.quantities import COLUMNS, CSV_COLUMNS, KINDS, extract, for_corpus


def rows(text: str, **kw) -> list[dict]:
    return extract(text, **kw).to_dict("records")


def one(text: str, **kw) -> dict:
    found = rows(text, **kw)
    assert len(found) == 1, [r["surface"] for r in found]
    return found[0]


def same(a: float, b: float) -> bool:
    return (pd.isna(a) and pd.isna(b)) or math.isclose(a, b, rel_tol=1e-9)


# --- schema ------------------------------------------------------------------------------


def test_columns_and_dtypes_are_fixed():
    df = extract("It cost $5 million in 2023.")
    assert list(df.columns) == COLUMNS
    assert list(df["kind"].cat.categories) == KINDS
    assert df["value"].dtype == "Float64" and df["start"].dtype == "Int64"
    assert df["surface"].dtype == "string" and df["ambiguous"].dtype == bool


def test_empty_text_gives_empty_frame_with_columns():
    df = extract("No numbers here at all.")
    assert df.empty and list(df.columns) == COLUMNS


def test_csv_columns_follow_the_file_column_of_the_cli_header():
    header = ",".join(["file", *CSV_COLUMNS[:11]])
    assert header == "file,start,end,surface,kind,value,low,high,unit,per,approx,date"
    assert set(CSV_COLUMNS) <= set(COLUMNS)


def test_offsets_index_the_text():
    text = "Revenue rose 20% to $1.3 billion\nin December 2015, with 650 out of 770 staff."
    for r in rows(text):
        assert text[r["start"]:r["end"]] == r["surface"]
        assert r["surface"] in r["sentence"]


# --- digits, scales, currencies ----------------------------------------------------------


def test_scale_word_multiplies():
    assert one("1.8 million visits")["value"] == 1.8e6


def test_money_with_dollar_sign_and_scale():
    r = one("It expects $1.3 billion in revenue.")
    assert (r["kind"], r["value"], r["unit"], r["multiplier"]) == ("money", 1.3e9, "USD", 1e9)


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("US$5bn", 5e9, "USD"), ("€20m", 2e7, "EUR"), ("£3 million", 3e6, "GBP"),
        ("¥100", 100.0, "JPY"), ("50 euros", 50.0, "EUR"), ("USD 20", 20.0, "USD"),
        ("30 USD", 30.0, "USD"), ("$1.3B", 1.3e9, "USD"), ("$50K", 5e4, "USD"),
        ("$2 trillion", 2e12, "USD"), ("500 dollars", 500.0, "USD"), ("₹3 crore", 3e7, "INR"),
    ],
)
def test_currency_symbols_and_codes_before_or_after(text, value, unit):
    r = one(text)
    assert r["kind"] == "money" and r["value"] == value and r["unit"] == unit


def test_abbreviated_scales_glued_to_digits():
    assert one("5k users")["value"] == 5e3
    assert one("10K followers")["value"] == 1e4


def test_range_shares_scale_word():
    r = one("between $3 to $4.5 billion")
    assert (r["low"], r["high"], r["unit"]) == (3e9, 4.5e9, "USD") and pd.isna(r["value"])


def test_between_range_with_rate_is_one_row():
    text = "OpenAI spends between $100,000 and $700,000 a day to run."
    r = one(text)
    assert r["surface"] == "$100,000 and $700,000 a day"
    assert (r["low"], r["high"], r["unit"], r["per"]) == (1e5, 7e5, "USD", "day")


def test_dash_range_of_plain_numbers():
    r = one("10-50 employees")
    assert (r["low"], r["high"], r["unit"]) == (10, 50, "employees")


@pytest.mark.parametrize(
    "text,per",
    [
        ("$2 million per month", "month"), ("$3m/month", "month"), ("$4 million annually", "year"),
        ("a $5.2 billion annual run-rate", "year"), ("$700,000 a day", "day"),
        ("$9 an hour", "hour"), ("$75 billion on an annual basis", "year"),
        ("100 users a month", "month"),
    ],
)
def test_rate_periods(text, per):
    assert one(text)["per"] == per


def test_an_amount_in_a_period_is_a_total_and_a_duration_not_a_rate():
    found = rows("The start-up hauled in $7.3 billion in a year, and 100 users in a month.")
    assert [(r["surface"], r["kind"], r["per"]) for r in found] == [
        ("$7.3 billion", "money", ""), ("a year", "duration", ""), ("100", "count", ""),
        ("a month", "duration", "")]


def test_monthly_active_users_is_a_count_of_users_not_a_rate():
    r = one("just under 100 million monthly active users")
    assert (r["unit"], r["per"]) == ("users", "")


@pytest.mark.parametrize(
    "text,approx",
    [
        ("roughly 20 percent", "roughly"), ("about 3 million", "about"),
        ("an estimated $5 billion", "an estimated"), ("more than 4,325 companies", "more than"),
        ("nearly 40%", "nearly"), ("at least 12 people", "at least"), ("up to $3m", "up to"),
        ("some 200 staff", "some"), ("a roughly 20-percent decrease", "roughly"),
        ("exactly 12 people", ""),
    ],
)
def test_approx_qualifiers(text, approx):
    assert one(text)["approx"] == approx


# --- percents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("20%", 20, "percent"), ("20-percent", 20, "percent"), ("5 per cent", 5, "percent"),
        ("12.5 percent", 12.5, "percent"), ("3 percentage points", 3, "pp"),
    ],
)
def test_percent_forms(text, value, unit):
    r = one(text)
    assert (r["kind"], r["value"], r["unit"]) == ("percent", value, unit)


def test_fractions_read_as_percents():
    assert one("half of the staff")["value"] == 50
    assert math.isclose(one("a third of users")["value"], 100 / 3)


# --- counts and the counted noun ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,unit",
    [
        ("4,325 other publicly listed companies", "companies"),
        ("100 million active users", "users"), ("650 out of 770 total employees", "employees"),
        ("41 views", "views"), ("tens of thousands of high-end GPUs", "GPUs"),
        ("three commonplace occurrences:", "occurrences"), ("four product risks", "risks"),
        ("200 people", "people"), ("1 user", "users"), ("just three: can we build it", ""),
    ],
)
def test_counted_noun_is_the_first_plural_after_the_number(text, unit):
    assert one(text)["unit"] == unit


def test_x_out_of_y_keeps_the_whole():
    r = one("A whopping 650 out of 770 total employees")
    assert (r["value"], r["of"]) == (650, 770)


def test_x_of_y_keeps_the_whole():
    r = one("3 of 10 respondents")
    assert (r["value"], r["of"], r["unit"]) == (3, 10, "respondents")


# --- spelled-out and vague numbers --------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("twenty-one people", 21), ("a hundred users", 100), ("two hundred thousand people", 2e5),
        ("a dozen eggs", 12), ("seventeen cars", 17), ("one million users", 1e6),
        ("a couple of weeks", 2),
    ],
)
def test_spelled_out_numbers(text, value):
    assert one(text)["value"] == value


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("hundreds of millions of users", 1e8, 1e9), ("tens of thousands of GPUs", 1e4, 1e5),
        ("thousands of engineers", 1e3, 1e4), ("several key assertions", 3, 9),
        ("a few weeks", 2, 5), ("dozens of labs", 12, 120),
    ],
)
def test_vague_amounts_are_bands(text, low, high):
    r = one(text)
    assert (r["low"], r["high"]) == (low, high) and pd.isna(r["value"])


def test_nine_figure_is_a_money_band():
    r = one("a nine-figure deal")
    assert (r["kind"], r["low"], r["high"]) == ("money", 1e8, 1e9 - 1)


def test_bare_money_after_a_money_verb():
    r = one("Altman's ambition to raise trillions for chips")
    assert (r["kind"], r["low"], r["unit"]) == ("money", 1e12, "")


def test_one_and_a_are_not_counted_alone():
    assert rows("One could say one party is the last one.") == []


# --- multipliers and repetitions ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [("10x faster", 10), ("doubled", 2), ("tripled", 3), ("three times more", 3),
     ("twice as fast", 2), ("halved", 0.5)],
)
def test_multipliers(text, value):
    r = one(text)
    assert (r["kind"], r["value"], r["unit"]) == ("other", value, "x")


def test_multiplier_range():
    r = one("10-50 times larger")
    assert (r["kind"], r["low"], r["high"], r["unit"]) == ("other", 10, 50, "x")


def test_times_without_comparative_is_a_count():
    r = one("I had to rewrite this article three times.")
    assert (r["kind"], r["value"], r["unit"]) == ("count", 3, "times")


def test_once_counts_only_after_a_qualifier():
    assert one("said more than once")["approx"] == "more than"
    assert rows("These models were once heralded") == []


def test_doubling_down_is_an_idiom():
    assert rows("OpenAI is doubling down on its roadmap") == []


# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("two months", 2, "month"), ("three months", 3, "month"), ("5 min read", 5, "minute"),
        ("24 hours", 24, "hour"), ("a two-week trial", 2, "week"), ("3 decades", 30, "year"),
        ("minute-long videos", 1, "minute"), ("decade-spanning goals", 10, "year"),
        ("2 quarters", 6, "month"),
    ],
)
def test_durations(text, value, unit):
    r = one(text)
    assert (r["kind"], r["value"], r["unit"]) == ("duration", value, unit)


def test_bare_units_after_for_are_durations_without_a_number():
    found = rows("GPUs running for weeks or months.")
    assert [(r["surface"], r["unit"]) for r in found] == [("weeks", "week"), ("months", "month")]
    assert all(r["kind"] == "duration" and pd.isna(r["value"]) for r in found)


def test_numberless_periods_are_not_quantities():
    assert rows("over recent months and in the coming months") == []


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date",
    [
        ("in 1996", "1996"), ("December 2015", "2015-12"), ("November 17, 2023", "2023-11-17"),
        ("17 November 2023", "2023-11-17"), ("February 2024", "2024-02"),
        ("the end of 2024", "2024-12"), ("early 2023", "2023-H1"), ("late 2022", "2022-H2"),
        ("mid-2024", "2024"), ("the first half of 2024", "2024-H1"), ("Q2 2024", "2024-Q2"),
        ("H1 CY2025", "2025-H1"), ("CY2024", "2024"), ("Q3'24", "2024-Q3"),
        ("the 1960s", "196X"), ("2024-02-03", "2024-02-03"),
        ("the third quarter of 2023", "2023-Q3"),
    ],
)
def test_dates_at_the_precision_written(text, date):
    r = one(text)
    assert (r["kind"], r["date"], r["date_flag"]) == ("date", date, "")


def test_fiscal_year_is_flagged():
    r = one("FY2024")
    assert (r["date"], r["date_flag"]) == ("2024", "fiscal_year")


def test_year_with_a_counted_noun_is_a_count():
    assert one("2000 employees")["kind"] == "count"
    assert one("in 2000 employees left")["kind"] == "date"


def test_date_range_after_between_is_one_row():
    r = one("run out of money between the end of 2024 and 2025.")
    assert (r["surface"], r["date"]) == ("the end of 2024 and 2025", "2024-12/2025")


def test_dates_joined_by_and_without_between_are_two_rows():
    found = rows("By late 2022 and early 2023, the world was in awe")
    assert [r["date"] for r in found] == ["2022-H2", "2023-H1"]


@pytest.mark.parametrize(
    "text,date", [("2020-2023", "2020/2023"), ("2023-24", "2023/2024"),
                  ("from 2019 to 2021", "2019/2021")]
)
def test_year_ranges(text, date):
    assert one(text)["date"] == date


def test_month_without_year_takes_it_from_base_date():
    r = one("the weekend of 17 November", base_date="2023-11")
    assert (r["date"], r["date_flag"]) == ("2023-11-17", "year_from_base")


def test_month_after_the_base_month_is_last_years():
    assert one("peaking in April", base_date="2023-11")["date"] == "2023-04"
    assert one("in December", base_date="2024-01-10")["date"] == "2023-12"


def test_month_without_year_and_no_base_is_unresolved():
    r = one("the weekend of 17 November")
    assert (r["date"], r["date_flag"]) == ("", "unresolved")


@pytest.mark.parametrize(
    "text,date",
    [
        ("last year", "2023"), ("this year", "2024"), ("next month", "2024-04"),
        ("3h ago", "2024-03-15"), ("2 days ago", "2024-03-13"), ("next week", "2024-W12"),
        ("yesterday", "2024-03-14"), ("two weeks ago", "2024-03-01"), ("last quarter", "2023-Q4"),
    ],
)
def test_relative_dates_resolve_from_base_date(text, date):
    r = one(text, base_date="2024-03-15")
    assert (r["kind"], r["date"], r["date_flag"]) == ("date", date, "relative")


def test_relative_date_needs_fine_enough_base():
    assert one("next week", base_date="2023-11")["date_flag"] == "unresolved"
    assert one("last year", base_date="2023-11")["date"] == "2022"


def test_relative_dates_unresolved_without_base():
    r = one("3h ago")
    assert (r["date"], r["date_flag"]) == ("", "unresolved")


def test_base_date_accepts_date_objects():
    import datetime as dt

    assert one("last year", base_date=dt.date(2020, 5, 1))["date"] == "2019"
    assert one("last year", base_date=pd.Timestamp("2020-05-01"))["date"] == "2019"


def test_month_words_that_are_verbs_are_not_dates():
    assert rows("We may march on.") == []


# --- exclusions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4", "GPT-3", "GPT-4o", "H100s", "A100", "Claude 3.5 Sonnet", "RT-2", "Llama 3",
        "Windows 11", "iPhone 15", "a 3D space", "COVID-19", "DALL-E 3", "B200 chips",
    ],
)
def test_model_and_product_names_are_not_quantities(text):
    assert rows(f"We compared {text} today.") == []


@pytest.mark.parametrize(
    "text", ["Call 555-123-4567 now", "Call (555) 123-4567", "Call +1 555 123 4567"]
)
def test_phone_numbers_are_not_quantities(text):
    assert rows(text) == []


def test_street_address_and_zip_code_are_not_quantities():
    assert rows("152 W Park Ave #150\nEl cajon CA 92020\n") == []


def test_list_numbering_is_not_a_quantity():
    found = rows("1. First item\n2. Second item costs $5\n")
    assert [r["surface"] for r in found] == ["$5"]


def test_hashtags_handles_and_urls_are_not_quantities():
    text = "#2024goals @user123 via https://x.com/glenngabe/status/2018667779503665365"
    assert rows(text) == []


def test_ordinals_are_not_quantities():
    assert rows("its fourth iteration, the 2nd try, the first draft") == []


def test_around_the_clock_is_not_a_quantity():
    assert rows("We Are Available 24/ 7. Call Now.") == []


def test_long_digit_strings_are_identifiers():
    assert rows("status 2018667779503665365 posted") == []


# --- locales ------------------------------------------------------------------------------


def test_german_decimal_comma_and_dot_groups():
    r = one("1.234,5 EUR", lang="de")
    assert (r["value"], r["unit"]) == (1234.5, "EUR")


def test_german_percent_with_space():
    r = one("12 % mehr", lang="de")
    assert (r["kind"], r["value"]) == ("percent", 12)


def test_german_scale_abbreviation_and_rate():
    r = one("3,5 Mio. EUR pro Monat", lang="de")
    assert (r["value"], r["unit"], r["per"]) == (3.5e6, "EUR", "month")


@pytest.mark.parametrize(
    "text,value", [("2 Mrd. Euro", 2e9), ("5 Milliarden Euro", 5e9), ("7 Tsd. EUR", 7e3),
                   ("1,5 Millionen Euro", 1.5e6)]
)
def test_german_scale_words(text, value):
    assert one(text, lang="de")["value"] == value


def test_german_reads_comma_as_decimal():
    assert one("1,234 Tonnen", lang="de")["value"] == 1.234


def test_french_space_groups():
    assert one("1 234 567 habitants", lang="fr")["value"] == 1234567


@pytest.mark.parametrize("sep", ["\u00a0", "\u202f"])
@pytest.mark.parametrize("lang", ["en", "de", None])
def test_no_break_space_groups_in_any_language(sep, lang):
    r = one(f"1{sep}234{sep}567 people", lang=lang)
    assert r["value"] == 1234567 and not r["ambiguous"]


def test_english_reading_holds_for_english():
    assert one("1,234 users", lang="en")["value"] == 1234
    assert one("1.234 users", lang="en")["value"] == 1.234


@pytest.mark.parametrize("text", ["1,234 users", "1.234 users"])
def test_unknown_locale_flags_ambiguous_separator(text):
    r = one(text, lang=None)
    assert r["ambiguous"] and pd.isna(r["value"])


@pytest.mark.parametrize("text,value", [("1,234.5", 1234.5), ("1.234,5", 1234.5), ("3,25", 3.25),
                                        ("1,234,567", 1234567)])
def test_unknown_locale_reads_unambiguous_numbers(text, value):
    r = one(text, lang=None)
    assert r["value"] == value and not r["ambiguous"]


# --- text invariants and scale ------------------------------------------------------------


def test_offsets_are_stable_without_carriage_returns():
    text = "Line one has 5 apples.\nLine two has $3 million.\n"
    assert "\r" not in text
    for r in rows(text):
        assert text[r["start"]:r["end"]] == r["surface"]
        assert "\n" not in r["sentence"]


def test_sentence_is_the_one_around_the_mention():
    text = "First sentence here. It cost $5 million. Last one."
    assert one(text)["sentence"] == "It cost $5 million."


def test_two_megabyte_line_with_150000_numbers():
    rng = random.Random(7)
    forms = ["{n} users", "${n}.25 million", "{n}%", "€{n},000", "{n} km", "{n}.5 percent",
             "{n} out of 999", "about {n} apples"]
    parts = [rng.choice(forms).format(n=rng.randint(1, 999)) for _ in range(150_000)]
    line = "; ".join(parts)
    line += " " * max(0, 2_000_000 - len(line))
    assert len(line) >= 2_000_000 and "\n" not in line
    df = extract(line)
    assert len(df) == 150_000
    assert df["sentence"].str.len().max() <= 2 * 150 + 40


def test_quadratic_traps_finish():
    text = "1," * 50_000 + "5 and " + "1" * 2000 + " and " + "9.9." * 20_000
    df = extract(text)
    assert len(df) > 0


# --- corpus -------------------------------------------------------------------------------


class _FakeCorpus:
    def __init__(self):
        self.texts = {"a": "Intro.\n\nIt cost $5 million in April.\n\n3h ago",
                      "b": "Nothing.\n\n41 views"}
        self.articles = pd.DataFrame({
            "id": ["a", "b"], "language": ["en", "en"], "published": ["2023-11-20", ""],
            "date_precision": ["day", "none"],
        })
        rows_ = []
        for art, text in self.texts.items():
            pos = 0
            for i, block in enumerate(text.split("\n\n")):
                start = text.index(block, pos)
                kind = "boilerplate" if "ago" in block or "views" in block else "paragraph"
                rows_.append((art, i, kind, block, start, start + len(block)))
                pos = start + len(block)
        self.paragraphs = pd.DataFrame(rows_, columns=["article", "ordinal", "kind", "text",
                                                      "start", "end"])


def test_for_corpus_shifts_offsets_and_marks_boilerplate():
    corpus = _FakeCorpus()
    df = for_corpus(corpus)
    assert list(df.columns[:6]) == ["article", "paragraph", "start", "end", "surface", "kind"]
    assert df.columns[-1] == "is_boilerplate"
    for r in df.to_dict("records"):
        assert corpus.texts[r["article"]][r["start"]:r["end"]] == r["surface"]
    got = {r["surface"]: (r["paragraph"], r["is_boilerplate"], r["date"]) for r in
           df.to_dict("records")}
    assert got["$5 million"] == (1, False, "")
    assert got["April"] == (1, False, "2023-04")
    assert got["3h ago"] == (2, True, "2023-11-20")
    assert got["41 views"[:2]] == (1, True, "")


def test_for_corpus_on_the_sources(corpus):
    df = for_corpus(corpus)
    assert list(df[["article", "start"]].itertuples(index=False)) == sorted(
        df[["article", "start"]].itertuples(index=False))
    for r in df.to_dict("records"):
        assert corpus.texts[r["article"]][r["start"]:r["end"]] == r["surface"]
    views = df[df["surface"] == "41"]
    assert len(views) == 1


# --- numeric dates and clock times --------------------------------------------------------


def test_clock_times_are_not_quantities():
    assert rows("at 10:30 a.m. and again at 3 p.m.") == []


def test_day_first_dotted_date():
    assert one("am 17.11.2023", lang="de")["date"] == "2023-11-17"


def test_slash_date_follows_the_locale():
    assert one("on 03/04/2024", lang="en")["date"] == "2024-03-04"
    assert one("am 03/04/2024", lang="de")["date"] == "2024-04-03"


def test_slash_date_without_locale_is_ambiguous():
    r = one("03/04/2024", lang=None)
    assert r["ambiguous"] and r["date"] == "" and r["date_flag"] == "ambiguous"


def test_slashed_figures_are_left_alone():
    assert rows("9/11 and 2023/24") == []
