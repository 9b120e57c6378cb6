"""Real-browser fixtures: Debian's chromium via Playwright, JupyterLab and Voila on loopback.

Servers run on a copy of the notebook in a temporary folder, with their own HOME and runtime
dirs and a token; they are stopped by the process group this file created, after their kernels
are deleted through the REST API. A missing chromium fails the tests: they never skip.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "04_compute_whatif.ipynb"
BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("ANALYSIS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 60.0


@dataclass
class Server:
    """A Jupyter server we started: base URL, token, process and log file."""

    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def request(self, method: str, path: str) -> object:
        """A REST call with the token; returns decoded JSON (or None for an empty body)."""
        req = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _isolated_env(home: Path) -> dict[str, str]:
    """Environment with a private HOME, Jupyter runtime/config dirs and IPython dir."""
    env = dict(os.environ)
    for name in ("home", "runtime", "config", "ipython"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home / "home"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONWARNINGS="ignore",
    )
    return env


def _answers(server: Server, ready_path: str | None) -> bool:
    """The server answers a REST call on ready_path, or (None) accepts TCP connections."""
    if ready_path is None:
        with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), timeout=2):
            return True
    server.request("GET", ready_path)
    return True


def _start(cmd: list[str], workdir: Path, token: str, port: int, ready_path: str | None) -> Server:
    """Start a server in its own process group and wait until it answers."""
    log = workdir / f"server-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            cmd,
            cwd=workdir,
            env=_isolated_env(workdir / "env"),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(url=f"http://127.0.0.1:{port}", token=token, process=process, log=log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log_tail()}")
        try:
            _answers(server, ready_path)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    _stop(server)
    raise RuntimeError(f"server not ready after {START_TIMEOUT:.0f} s:\n{server.log_tail()}")


def _stop(server: Server) -> None:
    """Stop the server's process group (ours: start_new_session), TERM then KILL."""
    if server.process.poll() is not None:
        return
    pgid = server.process.pid  # the session leader's pid is its group id
    os.killpg(pgid, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        server.process.wait(timeout=10)


@pytest.fixture
def notebook_copy() -> Path:
    """A copy of the notebook in a private temporary folder (JupyterLab autosaves what it opens).

    Not under pytest's tmp_path: concurrent pytest runs prune each other's old numbered dirs.
    """
    if not NOTEBOOK.is_file():
        pytest.fail(f"notebook missing: {NOTEBOOK}")
    with tempfile.TemporaryDirectory(prefix="analysis-browser-") as folder:
        target = Path(folder) / NOTEBOOK.name
        shutil.copy2(NOTEBOOK, target)
        yield target


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright; fails clearly when chromium is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium) "
            "or point ANALYSIS_CHROMIUM at one. Browser tests do not skip."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions in page.errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()


# Outputs (and charts, text and widget boxes in them) that run past the right edge of their
# output area, named by what they show. The pages are 1,400 px wide; in Lab the file browser
# is open beside the notebook.
_OVERFLOWING = """() => {
    const out = [];
    for (const area of document.querySelectorAll('.jp-OutputArea-output')) {
        const edge = area.getBoundingClientRect().right + 1;
        const what = (area.innerText || '').trim().slice(0, 60);
        if (area.scrollWidth > area.clientWidth + 1) {
            out.push(`output ${area.scrollWidth} > ${area.clientWidth} px: ${what}`);
        }
        for (const el of area.querySelectorAll('.js-plotly-plot, pre, .widget-box')) {
            if (el.getBoundingClientRect().right > edge) {
                const title = el.querySelector('.gtitle')?.textContent || what;
                out.push(`${el.className.split(' ')[0]}: ${title}`);
            }
        }
    }
    return out;
}"""


@pytest.fixture
def overflowing():
    """``overflowing(page)``: what the page draws wider than its output area (empty: fits)."""

    def probe(page) -> list[str]:
        # The probe reads output areas; a page without any would pass for nothing.
        assert page.locator(".jp-OutputArea-output").count() > 0, "no output areas to check"
        return page.evaluate(_OVERFLOWING)

    return probe


def _lab_settings(folder: Path) -> None:
    """User settings for the test's Lab: every cell rendered (no windowing, so outputs below
    the fold exist in the DOM) and no news prompt over the page."""
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
    }.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def _lab(folder: Path):
    """JupyterLab on loopback serving ``folder``; its kernel sessions deleted at the end."""
    port, token = free_port(), secrets.token_hex(16)
    settings = folder / "env" / "lab-settings"
    _lab_settings(settings)
    cmd = [
        str(BIN / "jupyter"), "lab", f"--LabApp.user_settings_dir={settings}", "--no-browser", "--ip", "127.0.0.1", "--port", str(port),
        f"--ServerApp.token={token}", "--allow-root", f"--ServerApp.root_dir={folder}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly", "--ServerApp.open_browser=False",
        # Kernels on local sockets (absolute path: a kernel runs in its notebook's folder),
        # so ipykernel has no unencrypted-TCP warning to print.
        "--KernelManager.transport=ipc", f"--KernelManager.ip={folder / 'env' / 'kernel'}",
    ]  # fmt: skip
    server = _start(cmd, folder, token, port, "/api/status")
    try:
        yield server
    finally:
        try:
            for session in server.request("GET", "/api/sessions") or []:
                server.request("DELETE", f"/api/sessions/{session['id']}")
        finally:
            _stop(server)


@pytest.fixture
def lab(notebook_copy: Path):
    """JupyterLab on loopback serving the notebook copy's folder."""
    yield from _lab(notebook_copy.parent)


@pytest.fixture(scope="module")
def notebooks_copy() -> Path:
    """Copies of every notebook of the suite in one private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="analysis-notebooks-") as folder:
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            shutil.copy2(path, Path(folder) / path.name)
        yield Path(folder)


@pytest.fixture(scope="module")
def lab_all(notebooks_copy: Path):
    """One JupyterLab serving the copies of every notebook."""
    yield from _lab(notebooks_copy)


@pytest.fixture
def voila(notebook_copy: Path):
    """The notebook copy as a Voila app on loopback with idle-kernel culling."""
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        str(BIN / "voila"), str(notebook_copy), "--no-browser", "--Voila.ip=127.0.0.1",
        f"--port={port}", f"--Voila.token={token}",
        "--MappingKernelManager.cull_idle_timeout=60", "--MappingKernelManager.cull_interval=10",
        # As scripts/dashboard.sh serves it: a preheated pool, the kernel cap, kernels on
        # local sockets.
        "--preheat_kernel=True", "--pool_size=1",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "analysis.dashboards.serving.CappedKernelManager",
        "--CappedKernelManager.max_kernels=4",
        "--KernelManager.transport=ipc", f"--KernelManager.ip={notebook_copy.parent / 'kernel'}",
    ]  # fmt: skip
    # Voila serving one notebook has no /api/status; a page load would start a kernel.
    server = _start(cmd, notebook_copy.parent, token, port, None)
    server.kernel_ids = []
    try:
        yield server
    finally:
        try:
            for kernel_id in server.kernel_ids:
                try:
                    server.request("DELETE", f"/api/kernels/{kernel_id}")
                except urllib.error.HTTPError as error:
                    if error.code != 404:  # already culled or shut down by the page
                        raise
        finally:
            _stop(server)
