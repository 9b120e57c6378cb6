"""The kernel cap of the served dashboard: beyond max_kernels a page gets 503, nothing else."""

from __future__ import annotations

import asyncio
import tempfile
import threading
from pathlib import Path

import pytest
from tornado.web import HTTPError
from traitlets.config import Config

from analysis.dashboards.serving import BUSY, CappedKernelManager


def test_a_kernel_beyond_the_cap_is_refused_with_503_and_the_running_one_is_kept():
    async def scenario() -> None:
        with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
            # Kernels on local sockets, as scripts/dashboard.sh serves them.
            config = Config({"KernelManager": {"transport": "ipc",
                                               "ip": str(Path(sockets) / "kernel")}})
            manager = CappedKernelManager(max_kernels=1, config=config)
            first = await manager.start_kernel(kernel_name="python3")
            try:
                assert manager.in_use() == 1
                with pytest.raises(HTTPError) as refused:
                    await manager.start_kernel(kernel_name="python3")
                assert refused.value.status_code == 503 and refused.value.reason == BUSY
                assert manager.list_kernel_ids() == [first]
            finally:
                await manager.shutdown_kernel(first, now=True)
            assert manager.in_use() == 0

    # In a thread of its own: other tests of the suite (Playwright's sync API) leave an
    # event loop running in the main thread, where asyncio.run() refuses to start.
    errors: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the kernel scenario did not finish in 120 s"
    if errors:
        raise errors[0]


def test_make_dashboard_refuses_to_serve_beyond_loopback_without_a_token():
    import os
    import subprocess

    from analysis.paths import ROOT

    env = {**os.environ, "DASHBOARD_IP": "0.0.0.0"}
    env.pop("DASHBOARD_TOKEN", None)
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "dashboard.sh")], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "error: DASHBOARD_IP=0.0.0.0 serves beyond loopback: set DASHBOARD_TOKEN too"]
