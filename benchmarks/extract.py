"""Our quantity extractor next to quantulum3, Duckling and Recognizers-Text, in one run.

    python benchmarks/extract.py [--install] [--mb 5] [--line-mb 2] [--line-limit 120]
                                 [--skip-line] [--per-file FILE]

Scores: every tool reads every file of the three gold sets (tests/gold/README.md) with the
file's language and base date, and is scored with the matching rule of
tests/extract/test_quantities_gold.py: strict (overlapping span, same kind, same
value/low/high, unit, per and date) and lenient (overlapping span and same kind). Printed per
gold set and kind; --per-file writes the per-file table to FILE.

- sources: the four articles of data/sources (tests/gold/quantities.csv);
- unseen: the news-style articles written for scoring (tests/gold/unseen/quantities.csv);
- reported: passages of real public reporting (tests/gold/unseen/reported/, quoted with
  their address and date in tests/gold/unseen/SOURCES.md; gold tests/gold/unseen/reported.csv).

Speed, on the same text for every tool: one copy of the four sources (about 36,000
characters) as one string, best of several calls after a warm-up call; ours also on the
text repeated to --mb megabytes. Duckling is also timed paragraph by paragraph, its best
case, because its cost grows faster than the text. Cost on a single line: the corpus with
its line breaks made spaces and repeated to --line-mb megabytes; each tool reads prefixes of
1/64, 1/32, ... 1/2 and all of it in a fresh process killed after --line-limit seconds (and
killed past --line-memory MB resident), and a tool stops at the first prefix that goes
over or fails.

The other three tools are not dependencies of the project: `--install` puts them into the
running interpreter's environment (versions pinned in benchmarks/extractors.py). How their
outputs map to our kinds is in benchmarks/extractors.py's docstring and
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.extract.quantities import KINDS, extract  # noqa: E402
from analysis.sources.decode import read_text  # noqa: E402
from analysis.sources.manifest import read_manifest  # noqa: E402
from benchmarks import extractors  # noqa: E402
from tests.extract.test_quantities_gold import BASE_DATES, load_gold, score  # noqa: E402
from tests.extract.test_quantities_unseen import FILES as UNSEEN_FILES  # noqa: E402

GOLD = ROOT / "tests" / "gold"
REPORTED = GOLD / "unseen" / "reported"
TOOLS = ["ours", "quantulum3", "Duckling", "Recognizers-Text"]


def gold_sets() -> dict[str, tuple[pd.DataFrame, dict[str, tuple[Path, str, str | None]]]]:
    """name -> (gold rows, {file: (path, lang, base date)})."""
    sets = {
        "sources": (load_gold(GOLD / "quantities.csv"),
                    {n: (ROOT / "data" / "sources" / n, "en", b) for n, b in BASE_DATES.items()}),
        "unseen": (load_gold(GOLD / "unseen" / "quantities.csv"),
                   {n: (GOLD / "unseen" / n, lang, b) for n, (lang, b) in UNSEEN_FILES.items()}),
    }
    files = {e.file: (REPORTED / e.file, e.language, e.published or None)
             for e in read_manifest(REPORTED)}
    sets["reported"] = (load_gold(GOLD / "unseen" / "reported.csv"), files)
    return sets


def as_date(base: str | None) -> dt.date | None:
    """A base date for the other tools' reference time: YYYY-MM becomes the 15th."""
    if not base:
        return None
    parts = [int(p) for p in base.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 15)


def ours(text: str, lang: str, base: str | None) -> pd.DataFrame:
    return extract(text, lang=lang, base_date=base)


def load_tools(install: bool) -> dict:
    """Tool name -> rows function (ours first); missing tools are left out."""
    if install:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *extractors.PACKAGES],
                       check=True)
    found = {"ours": ours}
    for name, make in (("quantulum3", extractors.quantulum), ("Duckling", extractors.duckling_tool),
                       ("Recognizers-Text", extractors.recognizers_tool)):
        fn = make()
        if fn is not None:
            fn.warm()
            found[name] = fn
    return found


def predict(tool: str, fn, files: dict) -> pd.DataFrame:
    frames = []
    for name, (path, lang, base) in sorted(files.items()):
        text = read_text(path)
        if tool == "ours":
            df = fn(text, lang, base)[["start", "end", "surface", "kind", "value", "low",
                                       "high", "unit", "per", "date"]].copy()
            for col in ("unit", "per", "date"):
                df[col] = df[col].astype(object).where(df[col].notna(), "")
            for col in ("value", "low", "high"):
                df[col] = df[col].astype(float)
        else:
            df = pd.DataFrame(fn(text, lang, as_date(base)), columns=extractors.COLUMNS)
        df.insert(0, "file", name)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out["kind"] = pd.Categorical(out["kind"].astype(str), categories=KINDS)
    return out


def lenient(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank the value fields so only span and kind decide a match."""
    out = frame.copy()
    for col in ("value", "low", "high"):
        out[col] = math.nan
    for col in ("unit", "per", "date"):
        out[col] = ""
    return out


def score_rows(tool: str, set_name: str, pred: pd.DataFrame, gold: pd.DataFrame) -> list[dict]:
    strict = score(pred, gold)[0].set_index("kind")
    loose = score(lenient(pred), lenient(gold))[0].set_index("kind")
    return [{"set": set_name, "tool": tool, "kind": kind, "gold": int(strict.loc[kind, "gold"]),
             "found": int(strict.loc[kind, "predicted"]),
             "recall": strict.loc[kind, "recall"], "precision": strict.loc[kind, "precision"],
             "recall_lenient": loose.loc[kind, "recall"],
             "precision_lenient": loose.loc[kind, "precision"]}
            for kind in [*KINDS, "all"]]


def per_file_rows(tool: str, set_name: str, pred: pd.DataFrame, gold: pd.DataFrame) -> list[dict]:
    out = []
    for name in sorted(set(gold["file"])):
        table = score(pred[pred["file"] == name].reset_index(drop=True),
                      gold[gold["file"] == name].reset_index(drop=True))[0].set_index("kind")
        out.append({"set": set_name, "file": name, "tool": tool,
                    "gold": int(table.loc["all", "gold"]),
                    "recall": table.loc["all", "recall"],
                    "precision": table.loc["all", "precision"]})
    return out


def best_time(fn, *args, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best


def sources_text() -> str:
    return "\n\n".join(read_text(ROOT / "data" / "sources" / n) for n in sorted(BASE_DATES))


def speed(tools: dict, megabytes: float) -> list[dict]:
    once = sources_text()
    repeat = {"ours": 5, "quantulum3": 1, "Duckling": 3, "Recognizers-Text": 1}
    rows = []
    for name, fn in tools.items():
        seconds = best_time(fn, once, "en", None, repeat=repeat[name])
        rows.append({"tool": name, "text": "one copy, one string", "chars": len(once),
                     "seconds": seconds, "chars_per_s": len(once) / seconds})
        if name == "Duckling":
            paras = [p for p in once.split("\n\n") if p.strip()]
            seconds = best_time(lambda fn, paras: [fn(p, "en", None) for p in paras], fn,
                                paras, repeat=3)
            rows.append({"tool": name, "text": "one copy, paragraph by paragraph",
                         "chars": len(once), "seconds": seconds,
                         "chars_per_s": len(once) / seconds})
    copies = max(1, math.ceil(megabytes * 1_000_000 / len(once)))
    big = "\n\n".join([once] * copies)
    seconds = best_time(ours, big, "en", None, repeat=2)
    rows.append({"tool": "ours", "text": f"{copies} copies", "chars": len(big),
                 "seconds": seconds, "chars_per_s": len(big) / seconds})
    return rows


def line_text(megabytes: float) -> str:
    once = " ".join(sources_text().split())
    copies = max(1, math.ceil(megabytes * 1_000_000 / len(once)))
    return " ".join([once] * copies)[: int(megabytes * 1_000_000)]


def line_child(tool: str, chars: int, megabytes: float, memory_mb: int) -> None:
    """Child process: time one tool on a prefix of the single line; print the seconds."""
    makers = {"ours": lambda: ours, "quantulum3": extractors.quantulum,
              "Duckling": extractors.duckling_tool,
              "Recognizers-Text": extractors.recognizers_tool}
    fn = makers[tool]()
    if tool != "ours":
        fn.warm()
    text = line_text(megabytes)[:chars]
    t0 = time.perf_counter()
    fn(text, "en", None)
    print(f"{time.perf_counter() - t0:.3f}")


def _watched(cmd: list[str], limit: float, memory_mb: int) -> tuple[str, str, float]:
    """Run a child, killed (by its PID) past `limit` seconds or `memory_mb` MB resident;
    return (stdout, '' or why it stopped, peak resident MB sampled every 50 ms). Resident
    memory is watched rather than capped, because Duckling's runtime reserves a terabyte of
    address space at start."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch, t0, note, peak = psutil.Process(proc.pid), time.perf_counter(), "", 0.0
    while proc.poll() is None:
        try:
            rss_mb = watch.memory_info().rss / 2**20
        except psutil.Error:
            rss_mb = 0.0
        peak = max(peak, rss_mb)
        if rss_mb > memory_mb:
            note = f"over {memory_mb:,} MB resident"
        elif time.perf_counter() - t0 > limit:
            note = f"over {limit:.0f} s"
        if note:
            proc.kill()
            proc.wait()
            return "", note, peak
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode != 0:
        last = (err.strip().splitlines() or [f"exit {proc.returncode}"])[-1][:60]
        return "", "failed: " + last, peak
    return out, "", peak


def single_line(tools: dict, megabytes: float, limit: float, memory_mb: int) -> list[dict]:
    total = int(megabytes * 1_000_000)
    rows = []
    for name in tools:
        for share in (64, 32, 16, 8, 4, 2, 1):
            chars = total // share
            cmd = [sys.executable, __file__, "--line-child", name, "--line-mb", str(megabytes),
                   "--chars", str(chars), "--line-memory", str(memory_mb)]
            out, note, peak = _watched(cmd, limit, memory_mb)
            if note:
                rows.append({"tool": name, "chars": chars, "seconds": math.nan,
                             "peak_mb": round(peak), "note": note})
                break
            seconds = float(out.split()[-1])
            rows.append({"tool": name, "chars": chars, "seconds": seconds, "peak_mb": round(peak),
                         "note": ""})
    return rows


def markdown(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for rec in df.itertuples(index=False):
        cells = []
        for v in rec:
            if isinstance(v, float):
                cells.append("—" if math.isnan(v) else (f"{v:,.0f}" if abs(v) >= 1000
                                                        else f"{v:.3f}"))
            else:
                cells.append(f"{v:,}" if isinstance(v, int) else str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--install", action="store_true", help="pip install the other tools")
    ap.add_argument("--mb", type=float, default=5.0, help="size of our large run, MB")
    ap.add_argument("--line-mb", type=float, default=2.0, help="size of the single line, MB")
    ap.add_argument("--line-limit", type=float, default=120.0, help="seconds per line run")
    ap.add_argument("--skip-line", action="store_true", help="leave out the single line")
    ap.add_argument("--skip-speed", action="store_true", help="leave out the throughput")
    ap.add_argument("--skip-scores", action="store_true", help="leave out the gold scores")
    ap.add_argument("--per-file", type=Path, help="write the per-file table (markdown) here")
    ap.add_argument("--line-memory", type=int, default=2048,
                    help="resident memory past which a single-line run is killed, MB")
    ap.add_argument("--line-child", help=argparse.SUPPRESS)
    ap.add_argument("--chars", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.line_child:
        line_child(args.line_child, args.chars, args.line_mb, args.line_memory)
        return 0

    tools = load_tools(args.install)
    missing = [t for t in TOOLS if t not in tools]
    print(f"date: {dt.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    if missing:
        print("not installed (run with --install): " + ", ".join(missing))

    if not args.skip_scores:
        scores, files = [], []
        for set_name, (gold, set_files) in gold_sets().items():
            for tool, fn in tools.items():
                pred = predict(tool, fn, set_files)
                scores += score_rows(tool, set_name, pred, gold)
                files += per_file_rows(tool, set_name, pred, gold)
        table = pd.DataFrame(scores)
        print("\n## Scores (strict; lenient = span and kind only)\n")
        print(markdown(table[table["kind"] == "all"].drop(columns="kind")))
        print("\n## Per kind, strict recall / precision\n")
        wide = table[table["kind"] != "all"].assign(
            cell=lambda t: t["recall"].map(_fmt) + " / " + t["precision"].map(_fmt))
        print(markdown(wide.pivot_table(index=["set", "kind"], columns="tool", values="cell",
                                        aggfunc="first", observed=True)[list(tools)].reset_index()))
        if args.per_file:
            per = pd.DataFrame(files).assign(
                cell=lambda t: t["recall"].map(_fmt) + " / " + t["precision"].map(_fmt))
            wide_files = per.pivot_table(index=["set", "file", "gold"], columns="tool",
                                         values="cell", aggfunc="first")[list(tools)]
            args.per_file.write_text(markdown(wide_files.reset_index()) + "\n", encoding="utf-8")
            print(f"\nper-file table: {args.per_file}")
    if not args.skip_speed:
        sp = pd.DataFrame(speed(tools, args.mb))
        print("\n## Throughput\n")
        print(markdown(sp))
        ref = sp[(sp["tool"] == "ours") & (sp["text"] == "one copy, one string")]["chars_per_s"]
        for rec in sp[sp["tool"] != "ours"].itertuples(index=False):
            print(f"ours / {rec.tool} ({rec.text}): {float(ref.iloc[0]) / rec.chars_per_s:,.0f}x")
    if not args.skip_line:
        line = pd.DataFrame(single_line(tools, args.line_mb, args.line_limit, args.line_memory))
        print(f"\n## A {args.line_mb:g} MB single line (prefixes; limit {args.line_limit:.0f} s)\n")
        print(markdown(line))
    return 0


def _fmt(v) -> str:
    return "—" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


if __name__ == "__main__":
    raise SystemExit(main())
