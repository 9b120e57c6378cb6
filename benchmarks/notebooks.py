"""Wall time of each notebook run top to bottom in a fresh kernel, kernel start included.

    .venv/bin/python benchmarks/notebooks.py [--repeat 3]
    .venv/bin/python benchmarks/notebooks.py --versus-bare [--repeat 3]

Each run executes a copy of the notebook (the saved file is not touched) with the same
client `make notebooks` uses, from its own folder, and reports the median of the repeats.

--versus-bare runs, alternately, each notebook and a bare notebook whose one cell imports
pandas, plotly, ipywidgets and matplotlib (the floor: a kernel and the libraries every
dashboard needs), both with `analysis.publish.execute.run` (kernel and cells, no pictures),
and prints the suite's total over the bare kernels' total, per repeat and as the median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from analysis.publish.execute import execute, run

BARE = "import pandas, plotly, ipywidgets, matplotlib\n"

ROOT = Path(__file__).resolve().parents[1]


def time_notebook(path: Path, repeat: int) -> list[float]:
    times = []
    # The copy sits beside the original: notebooks find the repository from their folder.
    copy = path.with_name(f".bench-{path.name}")
    for _ in range(repeat):
        shutil.copy2(path, copy)
        try:
            start = time.perf_counter()
            execute(copy)
            times.append(time.perf_counter() - start)
        finally:
            copy.unlink(missing_ok=True)
    return times


def bare_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BARE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / ".bench-bare.ipynb"
    nbformat.write(nb, path)
    return path


def versus_bare(repeat: int) -> int:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    bare = bare_notebook(ROOT / "notebooks")
    ratios, rows = [], {p.stem: [] for p in notebooks}
    try:
        for _ in range(repeat):
            suite = floor = 0.0
            for path in notebooks:
                copy = path.with_name(f".bench-{path.name}")
                shutil.copy2(path, copy)
                try:
                    t0 = time.perf_counter()
                    run(copy)
                    spent = time.perf_counter() - t0
                finally:
                    copy.unlink(missing_ok=True)
                t0 = time.perf_counter()
                run(bare)
                base = time.perf_counter() - t0
                suite, floor = suite + spent, floor + base
                rows[path.stem].append((spent, base))
            ratios.append(suite / floor)
    finally:
        bare.unlink(missing_ok=True)
    print("| notebook | median (s) | bare kernel beside it, median (s) | ratio |")
    print("|---|---:|---:|---:|")
    for name, pairs in rows.items():
        a = statistics.median(p[0] for p in pairs)
        b = statistics.median(p[1] for p in pairs)
        print(f"| {name} | {a:.2f} | {b:.2f} | {a / b:.2f} |")
    print("suite / bare kernels per repeat: " + ", ".join(f"{r:.2f}" for r in ratios))
    print(f"ratio={statistics.median(ratios):.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--versus-bare", action="store_true",
                        help="the suite against bare kernels importing the same libraries")
    args = parser.parse_args(argv)
    if args.versus_bare:
        return versus_bare(args.repeat)
    print("| notebook | median (s) | min (s) | max (s) |")
    print("|---|---:|---:|---:|")
    worst = 0.0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        times = time_notebook(path, args.repeat)
        worst = max(worst, statistics.median(times))
        print(f"| {path.stem} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")
    print(f"slowest_median_s={worst:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
