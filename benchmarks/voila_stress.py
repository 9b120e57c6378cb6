"""Run the Voila browser test many times with the other core kept busy; count the passes.

``python benchmarks/voila_stress.py [--runs 20]``. Each run is a fresh pytest process, so a
fresh Voila server and a cold page, like the test in ``make test``; a busy-loop process
holds one core for the whole series. Prints one line per run and the pass count at the end.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "tests/browser/test_compute_dashboard.py::test_voila_app_moves_fleet_slider"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run")
    args = parser.parse_args()

    # Stopped with SIGTERM, still end the busy loop (the finally clause below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    passed = 0
    try:
        for run in range(1, args.runs + 1):
            start = time.monotonic()
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST],
                    cwd=ROOT, capture_output=True, text=True, timeout=args.timeout,
                    env={**os.environ, "PYTHONWARNINGS": "ignore"})
                ok = proc.returncode == 0
                tail = proc.stdout.strip().splitlines()[-1:] if proc.stdout else []
            except subprocess.TimeoutExpired:
                ok, tail = False, ["timed out"]
            passed += ok
            print(f"run {run:2d}: {'pass' if ok else 'FAIL'} in {time.monotonic() - start:5.1f} s"
                  f"  {' '.join(tail)}", flush=True)
    finally:
        busy.kill()
        busy.wait()
    print(f"voila stress: {passed} of {args.runs} passed, one core kept busy")
    return 0 if passed == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
