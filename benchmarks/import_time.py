"""How long `import analysis` (with its parsing modules) takes, next to `import pandas`.

Each statement runs in a fresh interpreter N times; the median wall time of the import is
reported, plus the modules that take longest under `python -X importtime`.

    python benchmarks/import_time.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = {
    "import pandas": "import pandas",
    "import analysis": "import analysis",
    "import analysis + parsing modules": "import analysis, analysis.sources.corpus, analysis.extract.quantities, "
                                         "analysis.extract.claims, analysis.extract.tables, analysis.frames.build",
    "import analysis.frames.dask_build": "import analysis.frames.dask_build",
}
TIMER = "import time\nt = time.perf_counter()\n{stmt}\nprint(time.perf_counter() - t)"
HEAVY = ("plotly", "matplotlib", "ipywidgets", "dask", "distributed")


def wall(statement: str, runs: int) -> float:
    """Median seconds of `statement` in fresh interpreters."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", TIMER.format(stmt=statement)], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        times.append(float(out))
    return statistics.median(times)


def importtime(statement: str, top: int = 8) -> list[tuple[str, float]]:
    """The `top` packages by cumulative import time (seconds) under -X importtime: for each
    top-level package, its outermost import (which includes everything it pulls in)."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], cwd=ROOT,
                         capture_output=True, text=True, check=True).stderr
    cumulative: dict[str, float] = {}
    for line in err.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if m:
            name = m.group(2).split(".")[0]
            cumulative[name] = max(cumulative.get(name, 0), int(m.group(1)) / 1e6)
    return sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load} at the start.\n")
    print(f"| statement | median wall time (ms), {args.runs} fresh runs |\n|---|---:|")
    for label, statement in STATEMENTS.items():
        print(f"| `{label}` | {wall(statement, args.runs) * 1000:.0f} |")
    print("\nLargest top-level imports under `-X importtime` for the parsing modules:\n")
    print("| package | cumulative (ms) |\n|---|---:|")
    for name, seconds in importtime(STATEMENTS["import analysis + parsing modules"]):
        print(f"| {name} | {seconds * 1000:.0f} |")
    loaded = subprocess.run(
        [sys.executable, "-c", STATEMENTS["import analysis + parsing modules"]
         + f"\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    print(f"\nPlotting, widget and cluster packages loaded by them: {loaded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
