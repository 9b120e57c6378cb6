"""Throughput and gold scores of analysis.extract.quantities.extract next to quantulum3, in one run.

    python benchmarks/extract.py [--mb 5] [--quantulum-chars 36000] [--install]

The corpus text is the four articles of data/sources (decoded by analysis.sources.decode.read_text)
joined and repeated to about --mb megabytes. extract runs on all of it; quantulum3 runs on a
fixed leading slice (--quantulum-chars, default one copy of the corpus), because at its speed
5 MB would take over half an hour; characters per second are comparable either way.

quantulum3 is not a dependency of the project: install it into the venv for the benchmark
(`--install` runs `pip install quantulum3`). Its output is mapped to our kinds so the same
gold file scores both tools:

- unit entity "currency" -> money, unit = its ISO currency code
- unit "percentage" -> percent
- unit entity "time" -> duration, unit = its unit name (hour, day, week, month, year ...)
- unit "count" ("three times") -> count with unit "times"; other dimensionless -> count with
  an empty unit (quantulum3 does not name the counted noun)
- anything else (length, power, ...) -> other, unit = its unit name
quantulum3 has no date kind, ranges, rate periods or vague bands, so those gold rows can only
be missed. Two scores are printed: strict (span overlap + kind + value/low/high/unit/per/date,
the rule of tests/test_quantities_gold.py) and lenient (span overlap + kind only).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.extract.quantities import KINDS, extract  # noqa: E402
from analysis.sources.decode import read_text  # noqa: E402
from tests.extract.test_quantities_gold import (  # noqa: E402
    BASE_DATES,
    SOURCES,
    load_gold,
    predict,
    score,
)


def corpus_text(megabytes: float) -> tuple[str, str]:
    """(one copy of the four articles, that text repeated to about `megabytes` MB)."""
    once = "\n\n".join(read_text(SOURCES / name) for name in sorted(BASE_DATES))
    copies = max(1, math.ceil(megabytes * 1_000_000 / len(once)))
    return once, "\n\n".join([once] * copies)


def timed(fn, *args, repeat: int = 1) -> tuple[float, object]:
    """Best wall time of `repeat` calls and the last result."""
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def quantulum_parser(install: bool):
    """quantulum3's parser module, installed on request; None when absent."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is absent
        try:
            from quantulum3 import parser
        except ImportError:
            if not install:
                return None
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "quantulum3"],
                           check=True)
            from quantulum3 import parser
    return parser


def quantulum_rows(parser, text: str, name: str) -> pd.DataFrame:
    """quantulum3's quantities of one file mapped to our columns (see the module docstring)."""
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = parser.parse(text)
    for q in found:
        entity, unit_name = q.unit.entity.name, q.unit.name
        if entity == "currency":
            kind, unit = "money", q.unit.currency_code or ""
        elif unit_name == "percentage":
            kind, unit = "percent", "percent"
        elif entity == "time":
            kind, unit = "duration", unit_name
        elif unit_name == "count":
            kind, unit = "count", "times"
        elif entity == "dimensionless":
            kind, unit = "count", ""
        else:
            kind, unit = "other", unit_name
        rows.append({"file": name, "start": q.span[0], "end": q.span[1], "surface": q.surface,
                     "kind": kind, "value": float(q.value), "low": math.nan, "high": math.nan,
                     "unit": unit, "per": "", "date": ""})
    df = pd.DataFrame(rows, columns=["file", "start", "end", "surface", "kind", "value", "low",
                                     "high", "unit", "per", "date"])
    df["kind"] = pd.Categorical(df["kind"], categories=KINDS)
    return df


def lenient(pred: pd.DataFrame) -> pd.DataFrame:
    """Blank the value fields so only span and kind decide a match."""
    out = pred.copy()
    for col in ("value", "low", "high"):
        out[col] = math.nan
    for col in ("unit", "per", "date"):
        out[col] = ""
    return out


def scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    strict = score(pred, gold)[0].set_index("kind").loc["all"]
    loose = score(lenient(pred), lenient(gold))[0].set_index("kind").loc["all"]
    return {"recall": strict["recall"], "precision": strict["precision"],
            "recall_lenient": loose["recall"], "precision_lenient": loose["precision"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the extract run, MB")
    ap.add_argument("--quantulum-chars", type=int, default=0,
                    help="characters given to quantulum3 (default: one copy of the corpus)")
    ap.add_argument("--install", action="store_true", help="pip install quantulum3 if missing")
    args = ap.parse_args(argv)

    once, big = corpus_text(args.mb)
    gold = load_gold()
    ours_time, ours = timed(extract, big, repeat=2)
    ours_cps = len(big) / ours_time
    ours_scores = scores(predict(sorted(BASE_DATES)), gold)

    lines = [
        f"date: {date.today().isoformat()}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"analysis.extract.quantities.extract: {len(big):,} chars, {len(ours):,} rows, "
        f"{ours_time:.2f} s (best of 2), {ours_cps:,.0f} chars/s",
    ]
    parser = quantulum_parser(args.install)
    table = [{"tool": "analysis.extract.quantities", "chars": len(big), "seconds": ours_time,
              "chars_per_s": ours_cps, **ours_scores}]
    if parser is None:
        lines.append("quantulum3: not installed (run with --install)")
    else:
        sample = big[: args.quantulum_chars or len(once)]
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parser.parse("warm up: $1 million")  # loads its unit tables
            q_load = time.perf_counter() - t0
            q_time, _ = timed(parser.parse, sample)
        q_cps = len(sample) / q_time
        q_pred = pd.concat([quantulum_rows(parser, read_text(SOURCES / n), n)
                            for n in sorted(BASE_DATES)], ignore_index=True)
        table.append({"tool": "quantulum3", "chars": len(sample), "seconds": q_time,
                      "chars_per_s": q_cps, **scores(q_pred, gold)})
        lines.append(f"quantulum3: {len(sample):,} chars, {q_time:.2f} s, {q_cps:,.0f} chars/s "
                     f"(+{q_load:.2f} s first-call load)")
        lines.append(f"speed ratio: {ours_cps / q_cps:,.0f}x")
    print("\n".join(lines))
    df = pd.DataFrame(table)
    print(df.to_markdown(index=False, floatfmt=".3f") if _has_tabulate() else df.to_string())
    return 0


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
