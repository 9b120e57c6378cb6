"""Time from a page request to a live Voila dashboard, alone and for a burst, and peak memory.

    python benchmarks/dashboard_load.py [--burst 6] [--pool 1] [--max-kernels 4]
    python benchmarks/dashboard_load.py --plain        # as served before: no pool, no cap
    python benchmarks/dashboard_load.py --alone 5 --burst 0   # five single pages, no burst

Serves `notebooks/04_compute_whatif.ipynb` with `scripts/dashboard.sh` (a preheated pool of
--pool kernels, at most --max-kernels at once) on a free loopback port, or with --plain the
way it was served before (a kernel started and the notebook run per page load, no cap). In
Debian's chromium driven by Playwright, a page is live when the dashboard's chart (four panels) has done
its first plot and the readout is shown (what the browser tests wait for); a page refused
by the cap counts as "busy". Measured: --alone pages one after the other, each alone (SETTLE
seconds after the pool's kernel has started, time for it to run the notebook), then
--burst pages opened at once, each in its own browser context; the peak resident memory of
the server's process tree (server and kernels) sampled every 0.2 s. The server is stopped
by its process group, which it leads. A closed page's kernel is held until it has been idle
for 60 s (`scripts/dashboard.sh`), so pages that follow several single ones within a minute
(a fifth single page, or a burst after --alone 2 or more) meet the kernel cap.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ANALYSIS_CHROMIUM", "/usr/bin/chromium")
NOTEBOOK = ROOT / "notebooks" / "04_compute_whatif.ipynb"
# Seconds given a started pool kernel to run the notebook before a page asks for it.
SETTLE = 12
LIVE = """() => {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    return (plots.length >= 1 && plots.every(p => p._fullData && p._fullLayout)
            && document.querySelector('.compute-readout') !== null)
        || /busy/i.test(document.body ? document.body.innerText : '');
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int, pool: int, max_kernels: int, plain: bool, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DASHBOARD_PORT": str(port), "DASHBOARD_POOL": str(pool),
           "DASHBOARD_MAX_KERNELS": str(max_kernels), "PYTHONPATH": str(ROOT)}
    if plain:
        cmd = [str(ROOT / ".venv" / "bin" / "voila"), str(NOTEBOOK), "--no-browser",
               "--Voila.ip=127.0.0.1", f"--port={port}"]
    else:
        cmd = ["bash", str(ROOT / "scripts" / "dashboard.sh")]
    with log.open("wb") as sink:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def wait_ready(port: int, proc: subprocess.Popen, log: Path, pool: int, plain: bool,
               timeout: float = 120) -> float:
    """Seconds until the server answers and (with a pool) the pool has filled."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"server exited:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/", timeout=2)
        except Exception as exc:  # noqa: BLE001 - any answer (even 404) means it is up
            if not hasattr(exc, "code"):
                time.sleep(0.3)
                continue
        text = log.read_text(errors="replace")
        if plain or pool == 0 or "is filled with" in text:
            return time.perf_counter() - t0
        time.sleep(0.3)
    raise SystemExit(f"server not ready after {timeout:.0f} s:\n{log.read_text()[-2000:]}")


class PeakMemory(threading.Thread):
    """Peak resident memory of a process tree, sampled every 0.2 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.root, self.peak, self.done = psutil.Process(pid), 0, False

    def run(self) -> None:
        import psutil

        while not self.done:
            total = 0
            try:
                for p in [self.root, *self.root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)


async def open_pages(url: str, n: int) -> list[tuple[float, str]]:
    """(seconds to live or busy, 'live' / 'busy' / error) for n pages opened at once."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM,
                                           args=["--no-sandbox", "--disable-gpu"])

        async def one() -> tuple[float, str]:
            context = await browser.new_context()
            page = await context.new_page()
            t0 = time.perf_counter()
            try:
                await page.goto(url, timeout=180_000)
                await page.wait_for_function(LIVE, timeout=180_000)
                seconds = time.perf_counter() - t0
                body = await page.inner_text("body")
                return seconds, "busy" if "busy" in body.lower() else "live"
            except Exception as exc:  # noqa: BLE001 - reported in the table
                return time.perf_counter() - t0, f"error: {str(exc).splitlines()[0][:60]}"
            finally:
                await context.close()

        try:
            return list(await asyncio.gather(*(one() for _ in range(n))))
        finally:
            await browser.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--burst", type=int, default=6)
    ap.add_argument("--alone", type=int, default=1, help="single pages, one after the other")
    ap.add_argument("--pool", type=int, default=1)
    ap.add_argument("--max-kernels", type=int, default=4)
    ap.add_argument("--plain", action="store_true", help="serve without pool and cap")
    args = ap.parse_args(argv)

    port, log = free_port(), ROOT / "build" / "dashboard-load.log"
    log.parent.mkdir(exist_ok=True)
    proc = serve(port, args.pool, args.max_kernels, args.plain, log)
    memory = PeakMemory(proc.pid)
    memory.start()
    try:
        ready = wait_ready(port, proc, log, args.pool, args.plain)
        if not args.plain:
            time.sleep(SETTLE)  # the pooled kernel runs the notebook after it has started
        url = f"http://127.0.0.1:{port}/"
        alone = []
        for _ in range(args.alone):
            alone += asyncio.run(open_pages(url, 1))
            time.sleep(3 if args.plain else SETTLE)  # let the pool refill before the next
        burst = asyncio.run(open_pages(url, args.burst)) if args.burst else []
    finally:
        memory.done = True
        stop(proc)
    live = [s for s, what in burst if what == "live"]
    print(f"date: {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"served: {'plain (no pool, no cap)' if args.plain else 'scripts/dashboard.sh'}, "
          f"pool {0 if args.plain else args.pool}, "
          f"max kernels {'none' if args.plain else args.max_kernels}")
    print(f"server ready (pool filled): {ready:.1f} s")
    print("one page alone: " + ", ".join(f"{s:.2f} s to {what}" for s, what in alone))
    alive = [s for s, what in alone if what == "live"]
    if len(alone) > 1 and alive:
        print(f"  live: {len(alive)}, median {statistics.median(alive):.2f} s")
    if burst:
        print(f"{args.burst} pages at once: "
              + ", ".join(f"{s:.1f} s {what}" for s, what in burst))
    if live:
        print(f"  live: {len(live)}, median {statistics.median(live):.1f} s, max {max(live):.1f} s;"
              f" busy: {sum(what == 'busy' for _, what in burst)}")
    print(f"peak memory of the server and its kernels: {memory.peak / 2**20:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
