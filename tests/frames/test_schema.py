"""One schema per frame: typing rows through it gives the same frame by every path."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.frames.schema import FRAMES, NAMES


def test_every_frame_uses_the_one_dtype_family():
    family = {"string", "Int64", "Float64", "bool", "category", "datetime64[ms]"}
    for frame in FRAMES.values():
        assert {c.dtype_name for c in frame.columns} <= family, frame.name
        assert len(set(frame.names)) == len(frame.names)
        assert all(c.meaning.strip() for c in frame.columns)


@pytest.mark.parametrize("name", NAMES)
def test_empty_frame_has_the_columns_in_their_dtypes(name):
    empty = FRAMES[name].empty()
    assert empty.empty and list(empty.columns) == FRAMES[name].names
    FRAMES[name].pandera().validate(empty)


def test_records_columns_and_frames_type_to_the_same_frame(processed_frames):
    for name in ("paragraphs", "quantities", "claims", "tables"):
        written = processed_frames[name]
        records = written.astype(object).where(written.notna(), None).to_dict("records")
        # Python values in records take the column-by-column path; the frame path astype()s.
        by_records = FRAMES[name].typed(records)
        by_columns = FRAMES[name].typed({k: [r[k] for r in records] for k in written.columns})
        by_frame = FRAMES[name].typed(written.astype(object))
        for built in (by_records, by_columns, by_frame):
            pd.testing.assert_frame_equal(built, written, check_exact=True)


def test_missing_columns_are_missing_and_extra_columns_dropped():
    frame = FRAMES["tables"].typed([{"article": "a", "table": 0, "row": 1, "is_gap": True,
                                     "stray": "x"}])
    assert list(frame.columns) == FRAMES["tables"].names
    assert frame.loc[0, "article"] == "a" and frame.loc[0, "row"] == 1
    assert frame["value"].isna().all() and frame["is_gap"].tolist() == [True]
    FRAMES["tables"].pandera().validate(frame)


def test_a_value_outside_a_vocabulary_is_an_error_not_a_missing_value():
    row = {"article": "a", "ordinal": 0, "kind": "sidebar", "text": "x", "start": 0, "end": 1}
    with pytest.raises(ValueError, match=r"paragraphs.kind: \['sidebar'\] not in"):
        FRAMES["paragraphs"].typed([row])
    with pytest.raises(ValueError, match="sidebar"):
        FRAMES["paragraphs"].typed(pd.DataFrame([row]))
    assert FRAMES["paragraphs"].typed([{**row, "kind": None}])["kind"].isna().all()
