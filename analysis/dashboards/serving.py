"""Serving a dashboard with Voila: a kernel manager that caps the kernels a burst can start.

Voila starts a kernel for every page load (and, with a preheated pool, keeps ``pool_size``
kernels started ahead of the next loads). Nothing in Voila bounds how many: six readers
opening the page at once start six kernels of about 200 MB each. :class:`CappedKernelManager`
refuses to start a kernel once ``max_kernels`` are running or starting; the page then
answers 503 with a sentence saying to try again, and kernels already running are untouched.
A refused refill of the preheated pool leaves the pool (so no page waits on it), and the
pool is topped up again when a kernel ends.
``scripts/dashboard.sh`` (``make dashboard``) serves with it.
"""

from __future__ import annotations

import asyncio

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError
from traitlets import Integer

__all__ = ["BUSY", "CappedKernelManager"]

BUSY = "The dashboard is busy: too many readers have it open. Try again in a minute."


class CappedKernelManager(AsyncMappingKernelManager):
    """An AsyncMappingKernelManager that starts at most ``max_kernels`` kernels at a time."""

    max_kernels = Integer(4, config=True,
                          help="Kernels running or starting at once; beyond, a page gets 503.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._start_lock = asyncio.Lock()

    def in_use(self) -> int:
        """Kernels running or being started."""
        return len(self.list_kernel_ids())

    def pre_start_kernel(self, kernel_name, kwargs):
        """Each kernel on its own local-socket path: kernels started close together would
        otherwise pick the same IPC "ports" (files), and each would read the other's
        messages ("Invalid Signature")."""
        km, kernel_name, kernel_id = super().pre_start_kernel(kernel_name, kwargs)
        if km.transport == "ipc":
            km.ip = f"{km.ip}-{kernel_id[:8]}"
        return km, kernel_name, kernel_id

    async def start_kernel(self, *args, **kwargs):
        # One start at a time: the count is then exact (a kernel is listed as soon as its
        # start begins), and the starts do not compete for the machine's cores anyway.
        async with self._start_lock:
            if kwargs.get("kernel_id") is None and self.in_use() >= self.max_kernels:
                self.log.warning("refused a kernel: %d of %d in use", self.in_use(),
                                 self.max_kernels)
                self._leave_pool(asyncio.current_task())
                raise HTTPError(503, BUSY, reason=BUSY)
            return await super().start_kernel(*args, **kwargs)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
        self._refill()

    def _leave_pool(self, task) -> None:
        """A preheated pool's refill that the cap refused leaves its pool, so that no page
        waits on it: with the pool empty, a page starts its own kernel (or is refused)."""
        for pool in getattr(self, "_pools", {}).values():
            if task in pool:
                pool.remove(task)

    def _refill(self) -> None:
        """After a kernel ends, top the preheated pools up again (Voila refills a pool only
        when a page takes from it)."""
        pools = getattr(self, "_pools", None)
        if not pools or not hasattr(self, "fill_if_needed"):
            return
        for name, pool in pools.items():
            if len(pool) < self.get_pool_size_configured(name) and self.in_use() < self.max_kernels:
                self.fill_if_needed(delay=0, notebook_name=name)

    def get_pool_size_configured(self, name: str) -> int:
        config = getattr(self, "kernel_pools_config", {}) or {}
        default = config.get("default", {})
        return int(config.get(name, default).get("pool_size", default.get("pool_size", 0)))
