"""Pipe tables: ragged rows kept in place, offsets into the text, ordinal columns."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.errors import TableError
from analysis.extract import tables
from analysis.frames.schema import FRAMES

PROGRAMMES = (
    "Some prose before the table.\n"
    "| Project Focus | Strategic Priority (Perceived) | Resource Allocation Status |\n"
    "|---|---|---|\n"
    "| ChatGPT/LLMs | Primary/Immediate Commercial | Overwhelmingly High |\n"
    "| Sora/DALL-E (Visual/Video) | Secondary/Long-Term Scientific | Insufficient/Constrained |\n"
    "| Foundational Research | Tertiary/Abstract | Scarce |\n"
    "Prose after the table has no pipe, so it is not a row.\n"
)


def only(text: str) -> tables.Table:
    found = tables.find(text)
    assert len(found) == 1
    return found[0]


def test_finds_header_rows_and_span_of_a_plain_table():
    table = only(PROGRAMMES)
    assert table.header == ["Project Focus", "Strategic Priority (Perceived)", "Resource Allocation Status"]
    assert [r[0] for r in table.rows] == ["ChatGPT/LLMs", "Sora/DALL-E (Visual/Video)", "Foundational Research"]
    assert PROGRAMMES[table.start:table.end].startswith("| Project Focus")
    assert PROGRAMMES[table.start:table.end].endswith("| Scarce |")


def test_prose_line_after_table_is_not_a_row():
    assert len(only(PROGRAMMES).rows) == 3


def test_resource_status_is_ordered_scarce_to_overwhelmingly_high():
    frame = only(PROGRAMMES).frame()
    status = frame["Resource Allocation Status"]
    assert isinstance(status.dtype, pd.CategoricalDtype) and status.cat.ordered
    assert list(status.cat.categories) == ["Scarce", "Insufficient/Constrained", "Overwhelmingly High"]
    assert status.cat.codes.tolist() == [2, 1, 0]
    assert (status > "Insufficient/Constrained").tolist() == [True, False, False]


def test_strategic_priority_is_ordered_tertiary_secondary_primary():
    priority = only(PROGRAMMES).frame()["Strategic Priority (Perceived)"]
    assert list(priority.cat.categories) == [
        "Tertiary/Abstract", "Secondary/Long-Term Scientific", "Primary/Immediate Commercial"]


def test_column_of_names_is_not_ordinal():
    frame = only(PROGRAMMES).frame()
    assert frame["Project Focus"].dtype == "string"
    assert tables.ordinal_levels(["Alice", "Bob", "Carol"]) is None


@pytest.mark.parametrize("values, expected", [
    (["Low", "Critical", "Medium", "High"], ["Low", "Medium", "High", "Critical"]),
    (["Moderate", "Strong", "Weak"], ["Weak", "Moderate", "Strong"]),
    (["Very High", "High", "Very Low", "Low"], ["Very Low", "Low", "High", "Very High"]),
    (["Secondary", "Primary", "Tertiary"], ["Tertiary", "Secondary", "Primary"]),
])
def test_level_words_order_common_scales(values, expected):
    assert tables.ordinal_levels(values) == expected


def test_intensifier_moves_a_level_past_its_plain_word():
    assert tables.level_score("Overwhelmingly High") > tables.level_score("High")
    assert tables.level_score("Very Low") < tables.level_score("Low")
    assert tables.level_score("Not Critical") < tables.level_score("Medium")


@pytest.mark.parametrize("values", [
    ["High", "High"],                      # one distinct value is no scale
    ["High", "Strong"],                    # a tie: two words with the same score
    ["High", "Paris"],                     # a value without a level word
    ["1", "2", "3"],                       # numbers are numbers, not levels
    ["High demand from a great many customers in many regions of the world", "Low"],
])
def test_not_a_scale(values):
    assert tables.ordinal_levels(values) is None


def test_short_row_is_padded_with_a_gap_not_borrowed_from_next_row():
    text = "| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 |\n"
    table = only(text)
    assert table.rows == [["1", "2"], ["3", "4", "5"]]
    frame = table.frame()
    assert frame["c"].isna().tolist() == [True, False]
    assert frame.loc[1].tolist() == ["3", "4", "5"]
    value, start, end, gap = table.cell(0, 2)
    assert value is None and gap and start == end == text.index("| 2 |") + len("| 2 |")


def test_extra_cells_are_kept_in_extra_columns():
    table = only("| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 |\n")
    frame = table.frame()
    assert list(frame.columns) == ["a", "b", "extra_1", "extra_2"]
    assert frame.loc[0, "extra_2"] == "4"
    assert frame["extra_1"].isna().tolist() == [False, True]


def test_rows_without_outer_pipes_are_rows():
    table = only("name | score\n---|---\nx | 1\ny | 2")
    assert table.header == ["name", "score"]
    assert table.rows == [["x", "1"], ["y", "2"]]


def test_empty_cell_is_na_but_not_a_gap():
    text = "| a | b | c |\n|---|---|---|\n| 1 |   | 3 |\n"
    table = only(text)
    assert table.rows == [["1", None, "3"]]
    value, start, end, gap = table.cell(0, 1)
    assert value is None and not gap and start == end
    assert pd.isna(table.frame().loc[0, "b"])


def test_escaped_pipe_stays_inside_its_cell():
    text = "| expr | meaning |\n|---|---|\n| a \\| b | either |\n"
    table = only(text)
    assert table.rows == [["a | b", "either"]]
    _, start, end, _ = table.cell(0, 0)
    assert text[start:end] == "a \\| b"


def test_alignment_colons_are_read_from_the_separator():
    table = only("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
    assert table.align == ["left", "center", "right", None]
    assert table.rows == [["1", "2", "3", "4"]]


def test_table_at_end_of_text_without_trailing_newline():
    text = "intro\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    table = only(text)
    assert table.rows == [["1", "2"]]
    assert table.end == len(text)


def test_two_tables_in_one_text_are_found_separately():
    text = ("| a | b |\n|---|---|\n| 1 | 2 |\n\nbetween\n\n"
            "| c | d |\n| --- | --- |\n| 3 | 4 |\n| 5 | 6 |\n")
    first, second = tables.find(text)
    assert first.header == ["a", "b"] and first.rows == [["1", "2"]]
    assert second.header == ["c", "d"] and second.rows == [["3", "4"], ["5", "6"]]


def test_header_row_directly_after_a_table_starts_a_new_table():
    text = "| a |\n|---|\n| 1 |\n| b |\n|---|\n| 2 |\n"
    assert [t.header for t in tables.find(text)] == [["a"], ["b"]]


def test_pipe_in_prose_without_separator_is_not_a_table():
    assert tables.find("cats | dogs are both pets\nand a second line\n") == []
    assert tables.find("---|---\n") == []


def test_header_without_rows_is_an_empty_table():
    table = only("| a | b |\n|---|---|\n")
    assert table.rows == [] and table.frame().shape == (0, 2)


def test_empty_and_repeated_header_names_get_distinct_columns():
    table = only("| x |  | x |\n|---|---|---|\n| 1 | 2 | 3 |\n")
    assert table.columns == ["x", "column_2", "x_2"]


def test_cell_offsets_point_at_the_cell_text():
    text = "lead\n| a | b | c |\n|---|---|---|\n|  one | two|three |\n| four |\n"
    table = only(text)
    for i, row in enumerate(table.rows):
        for j, value in enumerate(row):
            _, start, end, _ = table.cell(i, j)
            assert text[start:end] == value


def test_parse_refuses_a_block_without_separator_naming_the_file():
    with pytest.raises(TableError) as err:
        tables.parse("| a | b |\n| 1 | 2 |\n", file="x.md")
    assert str(err.value).startswith("TableError: x.md: no separator row")


def test_parse_refuses_text_after_a_blank_line():
    with pytest.raises(TableError, match="line 4 is blank"):
        tables.parse("| a |\n|---|\n| 1 |\n\nmore prose\n")


def test_parse_accepts_a_ragged_block_with_a_pipeless_one_cell_row():
    table = tables.parse("a | b\n--|--\n1\n2 | 3 | 4\n\n")
    assert table.rows == [["1"], ["2", "3", "4"]]
    assert table.frame()["extra_1"].tolist()[1] == "4"


def fake_corpus(texts: dict[str, str]) -> SimpleNamespace:
    return SimpleNamespace(texts=texts)


def test_for_corpus_long_frame_has_one_row_per_cell_with_offsets_and_levels():
    text = "| who | level |\n|---|---|\n| ann | Low |\n| bob |\n| cy | High |\n"
    long = tables.for_corpus(fake_corpus({"art": text, "none": "no tables here"}))
    assert list(long.columns) == FRAMES["tables"].names
    assert len(long) == 6
    assert set(long["article"]) == {"art"}
    cells = long[~long["is_gap"]]
    assert all(text[s:e] == v for s, e, v in zip(cells["start"], cells["end"], cells["value"], strict=True))
    gap = long[long["is_gap"]].iloc[0]
    assert (gap["row"], gap["column"], gap["start"] == gap["end"]) == (1, 1, True)
    levels = long[long["header"] == "level"].set_index("row")["level"]
    assert levels.tolist()[0] == 1 and levels.tolist()[2] == 2 and pd.isna(levels.tolist()[1])
    assert long.loc[long["header"] == "who", "level"].isna().all()
    assert (long.loc[long["header"] == "level", "n_levels"] == 2).all()


def test_table_frame_pivots_long_frame_back_to_the_wide_table():
    long = tables.for_corpus(fake_corpus({"art": PROGRAMMES}))
    wide = tables.table_frame(long, "art", 0)
    direct = only(PROGRAMMES).frame()
    pd.testing.assert_frame_equal(wide, direct)
    with pytest.raises(KeyError):
        tables.table_frame(long, "art", 1)


def test_for_corpus_of_text_without_tables_is_empty_with_schema():
    long = tables.for_corpus(fake_corpus({"a": "nothing | here"}))
    assert long.empty and list(long.columns) == FRAMES["tables"].names
    assert long["level"].dtype == "Int64"


# ---------------------------------------------------------------- property: nothing lost

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_cell = st.text(alphabet="abcXYZ 019/().", max_size=8).map(str.strip)


@st.composite
def ragged_tables(draw):
    width = draw(st.integers(1, 4))
    header = draw(st.lists(_cell.filter(bool), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(_cell, min_size=1, max_size=width + 2), max_size=5))
    # Without outer pipes an empty first or last cell reads as an outer pipe (as in GFM).
    outer = (draw(st.booleans()) or width == 1
             or any(len(r) == 1 or not r[0] or not r[-1] for r in rows))
    return header, rows, outer


def _render(cells: list[str], outer: bool) -> str:
    body = " | ".join(cells)
    return f"| {body} |" if outer else body


@settings(max_examples=60, deadline=None)
@given(ragged_tables())
def test_every_written_cell_comes_back_in_its_own_row_and_place(case):
    header, rows, outer = case
    lines = [_render(header, outer), _render(["---"] * len(header), outer)]
    lines += [_render(r, outer) for r in rows]
    text = "Prose first.\n" + "\n".join(lines) + "\nProse after."
    table = only(text)
    assert table.header == header
    assert table.rows == [[v or None for v in r] for r in rows]
    for i, row in enumerate(table.rows):
        for j, value in enumerate(row):
            stored, start, end, gap = table.cell(i, j)
            assert not gap and (text[start:end] == value if value else start == end)
    frame = table.frame()
    assert frame.shape == (len(rows), max([len(header), *(len(r) for r in rows)]))


# ---------------------------------------------------------------- the real articles


def test_programme_table_of_the_first_article_is_found_with_its_two_scales(corpus):
    long = tables.for_corpus(corpus)
    assert set(long["article"]) == {"chatgpt-dominance-talent-exodus"}
    wide = tables.table_frame(long, "chatgpt-dominance-talent-exodus", 0)
    assert wide.shape == (3, 3)
    assert list(wide["Resource Allocation Status"].cat.categories) == [
        "Scarce", "Insufficient/Constrained", "Overwhelmingly High"]
    assert wide["Project Focus"].dtype == "string"
    text = corpus.texts["chatgpt-dominance-talent-exodus"]
    assert all(text[s:e] == v for s, e, v in zip(long["start"], long["end"], long["value"], strict=True))
