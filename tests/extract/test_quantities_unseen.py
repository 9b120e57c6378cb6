"""Score the command line on articles the extractor's rules were not written from.

`tests/gold/unseen/` holds news-style articles (nine English, one German, one French) with
every quantitative mention labelled by hand in `quantities.csv` (rules in
tests/gold/README.md). Each file goes through `python -m analysis quantities` with its
language and base date; the output is scored with the matching rule of
tests/test_quantities_gold.py, its offsets are checked against the decoded files, and a
CRLF + BOM copy of a file must give the same mentions as the LF original.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.sources.decode import read_text
from tests.extract.test_quantities_gold import load_gold, scored

UNSEEN = ROOT / "tests" / "gold" / "unseen"
GOLD = UNSEEN / "quantities.csv"

# (lang, base date) per file, as documented in tests/gold/README.md.
FILES = {
    "ai-startup-funding-round.txt": ("en", "2024-07-15"),
    "central-banks-rate-decisions.txt": ("en", "2024-03-19"),
    "chipmaker-quarterly-results.txt": ("en", "2024-03-03"),
    "climate-heat-record.txt": ("en", "2024-02-08"),
    "football-record-transfer.txt": ("en", "2025-01-14"),
    "health-obesity-drug-study.txt": ("en", "2024-05-09"),
    "housing-market-report.txt": ("en", "2024-01-17"),
    "opec-output-cut.txt": ("en", "2023-11-30"),
    "poll-senate-race.txt": ("en", "2024-10-08"),
    "de-energiewende-netzausbau.txt": ("de", "2024-03-12"),
    "fr-budget-2025.txt": ("fr", "2024-09-26"),
}


def cli(path: Path, lang: str, base_date: str) -> pd.DataFrame:
    """The CLI's CSV for one file, read back with empty cells as empty strings / NaN."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "quantities", str(path), "--lang", lang,
         "--base-date", base_date],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(io.StringIO(proc.stdout), keep_default_na=False,
                        dtype={"unit": str, "per": str, "approx": str, "date": str,
                               "surface": str, "file": str})
    for col in ("value", "low", "high"):
        frame[col] = pd.to_numeric(frame[col].replace("", None))
    frame["file"] = path.name
    return frame


@pytest.fixture(scope="module")
def predicted() -> dict[str, pd.DataFrame]:
    return {name: cli(UNSEEN / name, *FILES[name]) for name in FILES}


def test_gold_offsets_index_the_unseen_files():
    gold = load_gold(GOLD)
    assert set(gold["file"]) == set(FILES)
    for g in gold.to_dict("records"):
        text = read_text(UNSEEN / g["file"])
        assert text[g["start"]:g["end"]] == g["surface"], g


def test_cli_offsets_index_every_unseen_file(predicted):
    for name, frame in predicted.items():
        text = read_text(UNSEEN / name)
        assert len(frame) > 0, name
        for row in frame.itertuples(index=False):
            assert text[row.start:row.end] == row.surface, (name, row.start, row.surface)


def test_recall_and_precision_on_unseen_articles(predicted):
    gold = load_gold(GOLD)
    pred = pd.concat(predicted.values(), ignore_index=True)
    overall, report = scored(pred, gold)
    assert overall["recall"] >= 0.9 and overall["precision"] >= 0.9, report


@pytest.mark.parametrize("name", ["poll-senate-race.txt", "de-energiewende-netzausbau.txt"])
def test_crlf_and_bom_copy_gives_the_same_mentions(tmp_path, name, predicted):
    raw = (UNSEEN / name).read_bytes()
    hostile = tmp_path / name
    hostile.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    got = cli(hostile, *FILES[name])
    want = predicted[name]
    cols = ["start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "date"]
    pd.testing.assert_frame_equal(got[cols].reset_index(drop=True),
                                  want[cols].reset_index(drop=True))
    text = read_text(hostile)
    assert all(text[r.start:r.end] == r.surface for r in got.itertuples(index=False))


# --- passages of real reporting (tests/gold/unseen/reported/) -----------------------------

REPORTED = UNSEEN / "reported"
REPORTED_GOLD = UNSEEN / "reported.csv"


@pytest.fixture(scope="module")
def reported() -> pd.DataFrame:
    """The CLI pointed at the folder: each file's language and base date from its manifest."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "analysis", "quantities", str(REPORTED)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(io.StringIO(proc.stdout), keep_default_na=False,
                        dtype={"unit": str, "per": str, "approx": str, "date": str,
                               "surface": str, "file": str, "date_flag": str})
    for col in ("value", "low", "high"):
        frame[col] = pd.to_numeric(frame[col].replace("", None))
    frame["file"] = frame["file"].map(lambda f: Path(f).name)
    return frame


def test_every_reported_passage_is_sourced_and_labelled(reported):
    from analysis.sources.manifest import read_manifest

    entries = read_manifest(REPORTED)
    files = {p.name for p in REPORTED.glob("*.txt")}
    assert len(files) >= 20 and {e.file for e in entries} == files
    sources = (UNSEEN / "SOURCES.md").read_text(encoding="utf-8")
    for e in entries:
        assert e.url.startswith("https://") and e.published[:4].isdigit(), e.file
        assert e.file in sources and e.url in sources, e.file
    gold = load_gold(REPORTED_GOLD)
    assert set(gold["file"]) == files
    for g in gold.to_dict("records"):
        assert read_text(REPORTED / g["file"])[g["start"]:g["end"]] == g["surface"], g


def test_recall_and_precision_on_reported_passages(reported):
    overall, report = scored(reported, load_gold(REPORTED_GOLD))
    assert overall["recall"] >= 0.95 and overall["precision"] >= 0.95, report


def test_dates_of_both_unseen_sets(predicted, reported):
    """The dates of text the rules were not written from: recall 0.95 at precision 0.97."""
    from tests.extract.test_quantities_gold import score

    pred = pd.concat([*predicted.values(), reported], ignore_index=True)
    gold = pd.concat([load_gold(GOLD), load_gold(REPORTED_GOLD)], ignore_index=True)
    table, misses, extras = score(pred, gold)
    dates = table.set_index("kind").loc["date"]
    report = ("missed: " + "; ".join(m["surface"] for m in misses if m["kind"] == "date")
              + "\nextra: " + "; ".join(e["surface"] for e in extras if e["kind"] == "date"))
    assert dates["gold"] >= 200
    assert dates["recall"] >= 0.95 and dates["precision"] >= 0.97, report
