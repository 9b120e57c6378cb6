"""Score the extractor against the hand-written gold mentions of the four source articles.

A predicted row matches a gold row when their spans overlap, the kinds agree and the
values agree: value within 1e-6 relative (or both empty), the same for low and high, and
equal unit, per and date strings. Each gold row is matched at most once.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.extract.quantities import KINDS, extract
from analysis.paths import ROOT
from analysis.sources.decode import read_text

GOLD = ROOT / "tests" / "gold" / "quantities.csv"
SOURCES = ROOT / "data" / "sources"

# Base dates as documented in tests/gold/README.md.
BASE_DATES = {
    "chatgpt-dominance-talent-exodus.txt": "2026-02-03",
    "house-divided-openai-chaos.txt": "2023-11",
    "sora-team-world-model-pivot.txt": None,
    "sora-app-wind-down-spud.txt": None,
}
FIELDS = ["value", "low", "high", "unit", "per", "date"]


def load_gold(path=GOLD) -> pd.DataFrame:
    """A gold CSV (this folder's rules in tests/gold/README.md), values as numbers."""
    gold = pd.read_csv(path, dtype={"unit": str, "per": str, "approx": str, "date": str},
                       keep_default_na=False, na_values={"value": [""], "low": [""], "high": [""]})
    for col in ("value", "low", "high"):
        gold[col] = pd.to_numeric(gold[col])
    return gold


def predict(files) -> pd.DataFrame:
    frames = []
    for name in files:
        text = read_text(SOURCES / name)
        df = extract(text, lang="en", base_date=BASE_DATES[name])
        df.insert(0, "file", name)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def _num_equal(a, b) -> bool:
    a_nan = a is None or (isinstance(a, float) and math.isnan(a))
    b_nan = b is None or (isinstance(b, float) and math.isnan(b))
    if a_nan or b_nan:
        return a_nan and b_nan
    return math.isclose(float(a), float(b), rel_tol=1e-6)


def agrees(pred: dict, gold: dict) -> bool:
    if pred["file"] != gold["file"] or str(pred["kind"]) != gold["kind"]:
        return False
    if pred["end"] <= gold["start"] or gold["end"] <= pred["start"]:
        return False
    return all(_num_equal(pred[f], gold[f]) for f in ("value", "low", "high")) and all(
        (pred[f] or "") == (gold[f] or "") for f in ("unit", "per", "date"))


def score(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, list, list]:
    """Per-kind table (gold, predicted, matched, recall, precision) plus misses and extras."""
    used: set[int] = set()
    matched_pred: set[int] = set()
    golds = gold.to_dict("records")
    for i, p in enumerate(pred.to_dict("records")):
        for j, g in enumerate(golds):
            if j not in used and agrees(p, g):
                used.add(j)
                matched_pred.add(i)
                break
    rows = []
    for kind in [*KINDS, "all"]:
        gsel = gold.index if kind == "all" else gold.index[gold["kind"] == kind]
        psel = pred.index if kind == "all" else pred.index[pred["kind"].astype(str) == kind]
        g_hit = sum(1 for j in gsel if j in used)
        p_hit = sum(1 for i in psel if i in matched_pred)
        rows.append({
            "kind": kind, "gold": len(gsel), "predicted": len(psel), "matched": g_hit,
            "recall": g_hit / len(gsel) if len(gsel) else math.nan,
            "precision": p_hit / len(psel) if len(psel) else math.nan,
        })
    misses = [golds[j] for j in range(len(golds)) if j not in used]
    extras = [r for i, r in enumerate(pred.to_dict("records")) if i not in matched_pred]
    return pd.DataFrame(rows), misses, extras


def test_gold_offsets_index_the_sources():
    gold = load_gold()
    for g in gold.to_dict("records"):
        text = read_text(SOURCES / g["file"])
        assert text[g["start"]:g["end"]] == g["surface"], g


def test_gold_kinds_and_files_are_known():
    gold = load_gold()
    assert set(gold["kind"]) <= set(KINDS)
    assert set(gold["file"]) == set(BASE_DATES)
    assert gold["is_boilerplate"].dtype == bool


def scored(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.Series, str]:
    """Overall recall/precision and a printed report: the per-kind table, misses, extras."""
    table, misses, extras = score(pred, gold)
    report = (
        table.to_string(index=False, float_format=lambda v: f"{v:.3f}")
        + "\nmissed: " + "; ".join(f"{m['file']}:{m['surface']}" for m in misses)
        + "\nextra: " + "; ".join(f"{e['file']}:{e['surface']}" for e in extras)
    )
    print("\n" + report)
    return table.set_index("kind").loc["all"], report


def test_extractor_recall_and_precision_on_gold():
    gold = load_gold()
    pred = predict(sorted(BASE_DATES))
    overall, report = scored(pred, gold)
    assert overall["recall"] >= 0.95 and overall["precision"] >= 0.95, report
