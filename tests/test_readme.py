"""The README's data dictionary is the frames' schema, and every written frame follows it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.frames import schema
from analysis.frames.build import FRAMES as BUILT

ROOT = Path(__file__).resolve().parents[1]


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def documented() -> dict[str, list[tuple[str, str]]]:
    """(column, dtype) rows of each frame's section of the README, read as a reader would."""
    out: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^### ", schema.dictionary_of(readme()), flags=re.M)[1:]:
        name = section.split()[0].strip("`")
        out[name] = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, flags=re.M)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from analysis.evidence.facts import write_checks
    from analysis.frames.build import build

    out = tmp_path_factory.mktemp("processed")
    build(ROOT / "data" / "sources", out)
    write_checks(out)  # as `python -m analysis build` does after the frames
    return out


def test_readme_dictionary_is_generated_from_the_schema():
    # `python -m analysis dictionary --readme README.md` rewrites it after a schema change.
    assert schema.dictionary_of(readme()) == schema.markdown()


def test_every_frame_the_build_writes_has_a_schema_and_a_section():
    assert [*BUILT, "checks"] == list(schema.NAMES)
    assert list(documented()) == list(schema.NAMES)


@pytest.mark.parametrize("name", schema.NAMES)
def test_written_frame_passes_its_pandera_schema(built, name):
    frame = pd.read_parquet(built / f"{name}.parquet")
    assert len(frame) > 0, f"the sources give no {name} rows to check"
    schema.FRAMES[name].pandera().validate(frame)
    assert [(c, schema.FRAMES[name].columns[i].dtype_name)
            for i, c in enumerate(frame.columns)] == documented()[name]


@pytest.mark.parametrize("name", schema.NAMES)
def test_the_csv_copy_has_the_same_rows_and_columns(built, name):
    parquet = pd.read_parquet(built / f"{name}.parquet")
    csv = pd.read_csv(built / f"{name}.csv", keep_default_na=False, dtype=str)
    assert list(csv.columns) == list(parquet.columns)
    assert len(csv) == len(parquet)


def test_pandera_rejects_a_frame_that_breaks_its_schema(built):
    from pandera.errors import SchemaError, SchemaErrors

    frame = pd.read_parquet(built / "quantities.parquet")
    check = schema.FRAMES["quantities"].pandera()
    with pytest.raises(SchemaError):
        check.validate(frame.assign(value=frame["value"].astype("float64")))
    with pytest.raises(SchemaError):
        check.validate(frame.assign(surface=frame["surface"].astype(str)))
    with pytest.raises(SchemaError):
        check.validate(frame.assign(kind=frame["kind"].cat.add_categories(["weight"])))
    with pytest.raises((SchemaError, SchemaErrors), match="out-of-order"):
        check.validate(frame[list(reversed(frame.columns))])


def test_dictionary_command_rewrites_only_the_block(tmp_path):
    from analysis.__main__ import main

    page = tmp_path / "README.md"
    page.write_text(f"# Title\n\n{schema.DICTIONARY_START}\nold\n{schema.DICTIONARY_END}\n\nrest\n",
                    encoding="utf-8")
    assert main(["dictionary", "--readme", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n") and text.endswith("\n\nrest\n")
    assert schema.dictionary_of(text) == schema.markdown()
    (tmp_path / "bare.md").write_text("no markers\n", encoding="utf-8")
    assert main(["dictionary", "--readme", str(tmp_path / "bare.md")]) == 2


def layout() -> list[str]:
    """The module paths the README's layout block lists, one line per module."""
    block = readme().split("## Layout", 1)[1].split("```", 2)[1]
    listed, folder = [], ""
    for line in block.splitlines():
        m = re.match(r"^  (\s*)(\S+)", line)
        if not m or line.startswith("                       "):
            continue
        name = m.group(2)
        if name.endswith("/"):
            folder = name if not m.group(1) else folder
        elif name.endswith(".py"):
            listed.append(f"{folder}{name}" if m.group(1) else name)
    return listed


def test_readme_layout_lists_every_module_once():
    modules = sorted(str(p.relative_to(ROOT / "analysis"))
                     for p in (ROOT / "analysis").rglob("*.py") if p.name != "__init__.py")
    assert sorted(layout()) == modules
    assert len(layout()) == len(set(layout()))


def test_tests_mirror_the_package():
    for package in sorted(p for p in (ROOT / "analysis").iterdir()
                          if p.is_dir() and (p / "__init__.py").exists()):
        assert (ROOT / "tests" / package.name / "__init__.py").exists(), package.name
