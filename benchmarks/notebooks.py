"""Wall time of each notebook run top to bottom in a fresh kernel, kernel start included.

    .venv/bin/python benchmarks/notebooks.py [--repeat 3]

Each run executes a copy of the notebook (the saved file is not touched) with the same
client `make notebooks` uses, from its own folder, and reports the median of the repeats.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from analysis.publish.execute import execute

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
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
