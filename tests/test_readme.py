"""The README's data dictionary describes the frames the build writes, column by column."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ["articles", "paragraphs", "quantities", "tables", "claims", "events"]


def dictionary() -> dict[str, list[tuple[str, str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- data-dictionary:start -->")[1].split("<!-- data-dictionary:end -->")[0]
    out: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^### ", block, flags=re.M)[1:]:
        name = section.split()[0].strip("`")
        rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, flags=re.M)
        out[name] = rows
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from analysis.frames.build import build

    out = tmp_path_factory.mktemp("processed")
    build(ROOT / "data" / "sources", out)
    return out


def test_dictionary_has_a_section_per_frame():
    assert sorted(dictionary()) == sorted(FRAMES)


@pytest.mark.parametrize("name", FRAMES)
def test_dictionary_matches_written_frame(built, name):
    frame = pd.read_parquet(built / f"{name}.parquet")
    documented = dictionary()[name]
    assert [c for c, _ in documented] == list(frame.columns)
    for column, dtype in documented:
        assert str(frame[column].dtype).startswith(dtype.split("[")[0]), (column, frame[column].dtype, dtype)
