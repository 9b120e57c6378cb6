"""Wall time and peak memory of a build as the corpus grows, default engine vs Dask.

For each size N a synthetic corpus is made (benchmarks/make_corpus.py, seed 0) and built by
`python -m analysis build` in a subprocess, once with the default (streaming pandas) engine and
once with `--engine dask` (a local cluster of 2 single-threaded worker processes). Reported:
wall time; peak RSS of the largest process (getrusage RUSAGE_CHILDREN of a fresh wrapper, so
each build is measured alone); peak RSS summed over the build's process tree (client plus Dask
workers, sampled every 0.1 s with psutil); and whether both engines give the same rows (row
counts per frame and a hash of each frame's key columns, sorted). The machine's 1-minute load
average is recorded before and after each build: on a shared machine it says how far the
timings can be trusted.

    python benchmarks/scale.py                    # 1,000 and 20,000 articles
    python benchmarks/scale.py --sizes 1000 2000 --readme
    python benchmarks/scale.py --ratio 300        # build vs quantities, per article
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.frames.build import FRAMES  # noqa: E402
from benchmarks.make_corpus import make_corpus  # noqa: E402

KEYS = ["article", "paragraph", "ordinal", "table", "row", "column", "start", "end", "date",
        "surface", "statement", "verdict"]
README = ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"

# Runs a command and reports its wall time and the peak RSS of its largest process (KiB).
WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(json.dumps({"rc": rc, "wall": time.perf_counter() - t,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def corpus(n: int, folder: Path) -> Path:
    path = folder / f"corpus-{n}"
    if not (path / "manifest.toml").exists() or len(list(path.glob("*.txt"))) != n:
        make_corpus(n, path, seed=0)
    return path


def measure(cmd: list[str]) -> dict:
    """Run `cmd` under the wrapper, sampling the RSS of the whole process tree."""
    import psutil

    env = {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], stdout=subprocess.PIPE,
                            env=env, text=True)
    root, peak_tree = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            total = 0
            for p in tree:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            # The wrapper itself is not part of the build.
            total -= root.memory_info().rss
            peak_tree = max(peak_tree, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    report = json.loads(proc.stdout.read())
    if report["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}")
    return {"wall_s": report["wall"], "peak_rss_mb": report["maxrss_kib"] / 1024,
            "peak_tree_mb": peak_tree / 2**20}


def read(out: Path, name: str) -> pd.DataFrame:
    single = out / f"{name}.parquet"
    return pd.read_parquet(single if single.exists() else out / name)


def fingerprint(out: Path) -> dict[str, tuple[int, str]]:
    """Per frame: row count and a sha256 of its key columns, rows sorted."""
    prints = {}
    for name in [*FRAMES, "checks"]:
        frame = read(out, name)
        keys = [k for k in KEYS if k in frame.columns]
        rows = frame[keys].astype(str).sort_values(keys, kind="stable")
        digest = hashlib.sha256(rows.to_csv(index=False).encode()).hexdigest()[:16]
        prints[name] = (len(frame), digest)
    return prints


def run(sizes: list[int], work: Path, engines: list[str]) -> list[dict]:
    results = []
    for n in sizes:
        sources = corpus(n, work)
        prints = {}
        for engine in engines:
            out = work / f"out-{n}-{engine}"
            cmd = [sys.executable, "-m", "analysis", "build", "--sources", str(sources),
                   "--out", str(out), "--engine", engine]
            load_before = os.getloadavg()[0]
            row = {"articles": n, "engine": engine, **measure(cmd),
                   "load": (load_before, os.getloadavg()[0])}
            prints[engine] = fingerprint(out)
            row["quantities"] = prints[engine]["quantities"][0]
            row["same_rows"] = None
            results.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            # Kept after every build, so a run stopped part-way still has its figures.
            (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        same = prints["pandas"] == prints["dask"] if len(prints) == 2 else None
        for row in results[-len(engines):]:
            row["same_rows"] = same
        (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def ratio(n: int, work: Path, repeats: int = 3) -> dict:
    """Per-article cost of `build` over that of `quantities` on the same N files: both
    commands (imports included) run alternately `repeats` times; medians of wall time / N."""
    import statistics

    sources = corpus(n, work)
    out = work / f"out-{n}-ratio"
    commands = {
        "build": [sys.executable, "-m", "analysis", "build", "--sources", str(sources),
                  "--out", str(out)],
        "quantities": [sys.executable, "-m", "analysis", "quantities", str(sources)],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, cmd in commands.items():
            walls[name].append(measure(cmd)["wall_s"])
    per = {name: statistics.median(w) / n * 1000 for name, w in walls.items()}
    row = {"articles": n, "build_ms_per_article": per["build"],
           "quantities_ms_per_article": per["quantities"],
           "ratio": per["build"] / per["quantities"], "walls": walls,
           "load": os.getloadavg()[0]}
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def table(results: list[dict]) -> str:
    lines = ["| articles | engine | wall time (s) | peak RSS, largest process (MB) | "
             "peak RSS, all processes (MB) | quantities rows | same rows as the other engine | "
             "load average, start → end |",
             "|---:|---|---:|---:|---:|---:|---|---|"]
    for r in results:
        lines.append(f"| {r['articles']:,} | {r['engine']} | {r['wall_s']:.1f} | "
                     f"{r['peak_rss_mb']:.0f} | {r['peak_tree_mb']:.0f} | {r['quantities']:,} | "
                     f"{ {True: 'yes', False: 'NO', None: 'not compared'}[r['same_rows']]} | "
                     f"{r['load'][0]:.1f} → {r['load'][1]:.1f} |")
    return "\n".join(lines)


def update_readme(text: str) -> None:
    """Replace the generated block of the Scale section (between the markers)."""
    readme = README.read_text(encoding="utf-8")
    if BEGIN not in readme or END not in readme:
        raise SystemExit(f"{README} has no {BEGIN} ... {END} block")
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--engines", nargs="+", choices=["pandas", "dask"],
                        default=["pandas", "dask"])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "scale",
                        help="folder for the corpora and outputs (kept between runs)")
    parser.add_argument("--readme", action="store_true",
                        help="write the table into benchmarks/README.md (Scale section)")
    parser.add_argument("--ratio", type=int, metavar="N", default=0,
                        help="only compare build with quantities on N articles, per article")
    parser.add_argument("--table-only", action="store_true",
                        help="build nothing: print the table of WORK/results.json (the last run)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.ratio:
        row = ratio(args.ratio, args.work)
        print(f"{row['articles']:,} articles: build {row['build_ms_per_article']:.1f} ms/article, "
              f"quantities {row['quantities_ms_per_article']:.1f} ms/article, "
              f"ratio {row['ratio']:.2f}")
        return 0
    if args.table_only:
        results = json.loads((args.work / "results.json").read_text(encoding="utf-8"))
    else:
        results = run(args.sizes, args.work, args.engines)
    text = table(results)
    print(text)
    if args.readme:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
