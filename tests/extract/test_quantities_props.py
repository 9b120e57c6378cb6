"""Property: a number rendered in any supported form is read back with its value and unit."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.quantities import extract

SCALES = {"": 1.0, " thousand": 1e3, " million": 1e6, " billion": 1e9, " trillion": 1e12,
          "k": 1e3, "m": 1e6, "bn": 1e9, "B": 1e9, " mn": 1e6}
CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CODES_AFTER = {" USD": "USD", " EUR": "EUR", " dollars": "USD", " euros": "EUR"}
GROUP_SEPARATORS = {"en": [",", "\u00a0", "\u202f"], "de": [".", "\u00a0", "\u202f"]}
DECIMAL = {"en": ".", "de": ","}


def render(value: int, cents: int | None, lang: str, group: str) -> str:
    """Digits of value with thousands groups and an optional two-digit decimal part."""
    digits = f"{value:,}".replace(",", group) if group else str(value)
    return digits if cents is None else f"{digits}{DECIMAL[lang]}{cents:02d}"


def as_float(value: int, cents: int | None) -> float:
    return value + (0 if cents is None else cents / 100)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


numbers = st.tuples(st.integers(min_value=1, max_value=999_999_999),
                    st.one_of(st.none(), st.integers(min_value=0, max_value=99)))
langs = st.sampled_from(["en", "de"])


@settings(max_examples=200, deadline=None)
@given(num=numbers, lang=langs, data=st.data())
def test_money_with_prefix_symbol_and_scale(num, lang, data):
    group = data.draw(st.sampled_from(GROUP_SEPARATORS[lang]))
    scale = data.draw(st.sampled_from(sorted(SCALES)))
    symbol = data.draw(st.sampled_from(sorted(CURRENCIES)))
    text = f"It raised {symbol}{render(*num, lang, group)}{scale} last week."
    rows = extract(text, lang=lang).query("kind == 'money'").to_dict("records")
    assert len(rows) == 1, text
    assert close(rows[0]["value"], as_float(*num) * SCALES[scale]), text
    assert rows[0]["unit"] == CURRENCIES[symbol]


@settings(max_examples=150, deadline=None)
@given(num=numbers, lang=langs, data=st.data())
def test_money_with_code_after(num, lang, data):
    group = data.draw(st.sampled_from(GROUP_SEPARATORS[lang]))
    code = data.draw(st.sampled_from(sorted(CODES_AFTER)))
    text = f"The cost was {render(*num, lang, group)}{code} in total."
    [row] = extract(text, lang=lang).to_dict("records")
    assert close(row["value"], as_float(*num)) and row["unit"] == CODES_AFTER[code], text


@settings(max_examples=150, deadline=None)
@given(num=numbers, lang=langs, data=st.data())
def test_percent_forms(num, lang, data):
    sign = data.draw(st.sampled_from(["%", " %", " percent", "-percent", " per cent"]))
    text = f"Usage fell {render(*num, lang, '')}{sign} overall."
    [row] = extract(text, lang=lang).to_dict("records")
    assert row["kind"] == "percent" and close(row["value"], as_float(*num)), text


@settings(max_examples=150, deadline=None)
@given(a=st.integers(1, 999), b=st.integers(1, 999), lang=langs, data=st.data())
def test_ranges_share_currency_and_scale(a, b, lang, data):
    scale = data.draw(st.sampled_from([" million", " billion", "bn", ""]))
    link = data.draw(st.sampled_from(["between {x} and {y}", "{x} to {y}", "{x}-{y}",
                                      "from {x} to {y}"]))
    text = "It spends " + link.format(x=f"${a}", y=f"${b}{scale}") + " a day."
    [row] = extract(text, lang=lang).to_dict("records")
    factor = SCALES.get(scale, 1.0)
    assert row["kind"] == "money" and row["unit"] == "USD" and row["per"] == "day", text
    if a == b:
        assert close(row["value"], a * factor), text
    else:
        assert close(row["low"], a * factor) and close(row["high"], b * factor), text


@settings(max_examples=100, deadline=None)
@given(num=st.integers(1, 10_000_000), lang=st.sampled_from(["en", "de", "fr", None]))
def test_no_break_space_groups_read_everywhere(num, lang):
    for sep in ("\u00a0", "\u202f"):
        text = f"About {f'{num:,}'.replace(',', sep)} people came."
        [row] = extract(text, lang=lang).to_dict("records")
        assert row["value"] == num and not row["ambiguous"], text


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789 .,$%-–€kmbn\n aotfhe")),
                    max_size=80))
def test_any_text_keeps_offsets_consistent(text):
    df = extract(text, lang=None)
    prev_end = 0
    for row in df.to_dict("records"):
        assert text[row["start"]:row["end"]] == row["surface"]
        assert row["start"] >= prev_end
        prev_end = row["end"]


# --- the prefilter: the master regex is only tried where a mention can start ------------

def _texts() -> list[str]:
    from analysis.paths import ROOT
    from analysis.sources.decode import read_text

    gold = ROOT / "tests" / "gold"
    files = [*sorted((ROOT / "data" / "sources").glob("*.txt")),
             *sorted((gold / "unseen").glob("*.txt")),
             *sorted((gold / "unseen" / "reported").glob("*.txt"))]
    return [read_text(p) for p in files]


def test_the_prefilter_admits_every_position_the_master_regex_matches_at():
    """patterns.candidates() must be a superset of the master regex's possible starts,
    or the scan would silently skip mentions."""
    from analysis.extract import patterns

    admit = patterns.candidates().match
    extra = ("  3. item\nUS$5 and HK$3, CA 92020, john_doe@x.org, _x@y.io, .5 points, "
             "(020) 7946 0958, +44 20 7946 0958, doi:10.1000/182, 'the '90s', l'an prochain, "
             "S&P 500, DALL-E 3, No. 3, GPT-4o, FY24, Q3'22, 2Q25, €5, ₩3, mid-2024, "
             "Mitte November, début novembre, twenty-one, one-third, a half of the ")
    for text in [*_texts(), extra]:
        for style in ("dot", "comma", "unknown"):
            match = patterns.master(style).match
            for pos in range(len(text)):
                if match(text, pos) is not None:
                    assert admit(text, pos) is not None, (style, text[pos:pos + 30])
