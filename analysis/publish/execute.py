"""Execute notebooks in place, saved with outputs and static chart pictures, without widget state.

``python -m analysis.publish.execute notebooks/01_chatgpt_visits.ipynb ...``. Widget state would
embed plotly.js in every saved notebook (megabytes) and change on each run; nbval needs the
outputs, not the state. Every chart output gets a PNG (:mod:`analysis.dashboards.pictures`), rendered for
all the notebooks with one browser start; with no Chromium the notebooks are saved without
them and one line says so.
"""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path


def run(path: str | Path, timeout: int = 300):
    """Run every cell of a notebook from its own folder; the executed notebook (not saved)."""
    import tempfile

    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    from analysis.errors import NotebookError

    class Client(NotebookClient):
        # With store_widget_state=False nbclient still indexes its widget-state dict when an
        # Output widget is written; a defaultdict keeps that from raising KeyError.
        def reset_execution_trackers(self) -> None:
            super().reset_execution_trackers()
            self.widget_state = collections.defaultdict(dict)

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    # Run from inside a JupyterLab kernel, this process would pass that session's name on
    # and the notebook's dashboards would take the run for a live session (analysis.dashboards.pictures).
    os.environ.pop("JPY_SESSION_NAME", None)
    # The kernel talks to us over local sockets (IPC), not TCP: nothing of it is reachable
    # from the network, and ipykernel has no unencrypted-TCP warning to print. The socket
    # path is absolute: the kernel runs in the notebook's folder, this process elsewhere.
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc",
                           ip=str(Path(sockets) / "kernel"))
        client = Client(nb, km=km, timeout=timeout, store_widget_state=False,
                        resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as err:
            cell = next((i for i, c in enumerate(nb.cells)
                         if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                        None)
            where = f"cell {cell}" if cell is not None else "a cell"
            raise NotebookError(f"{where} raised {err.ename}: {err.evalue}", file=path) from None
        except CellTimeoutError:
            raise NotebookError(f"a cell ran longer than {timeout} s", file=path) from None
        finally:
            # nbclient shuts down only the kernels of managers it made itself.
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    stable_widget_ids(nb)
    return nb


def save(items: list[tuple[Path, object]]) -> int | None:
    """Give executed notebooks their chart pictures and write them over the saved files.

    A notebook whose cell raises is not saved: :func:`run` raises NotebookError naming it.
    A chart unchanged since the file was last saved keeps its picture; the others are
    rendered with one browser start. Returns the number of pictures the notebooks hold, or
    None when some could not be rendered for want of a Chromium (written without those).
    """
    import nbformat

    from analysis.dashboards.pictures import add_images, needing_images, reuse_images, strip_specs
    from analysis.viz.render import have_chromium

    nbs = [nb for _, nb in items]
    saved = [nbformat.read(path, as_version=4) for path, _ in items if Path(path).exists()]
    reuse_images(saved, nbs)
    missing = needing_images(nbs)
    if missing and have_chromium():
        add_images(nbs)
        missing = []
    strip_specs(nbs)
    for path, nb in items:
        nbformat.write(nb, path)
    if missing:
        return None
    return sum(1 for nb in nbs for cell in nb.cells for out in cell.get("outputs", [])
               if "image/png" in out.get("data", {}))


def execute(path: str | Path, timeout: int = 300) -> int | None:
    """Run a notebook and save it in place with its static pictures (see :func:`save`)."""
    path = Path(path)
    return save([(path, run(path, timeout))])


def stable_widget_ids(nb) -> None:
    """Replace the random model ids of widget outputs with ids derived from their place.

    No widget state is saved, so the ids point at nothing either way; fixed ones keep a
    re-executed notebook byte-identical.
    """
    import hashlib

    for i, cell in enumerate(nb.cells):
        for j, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view is not None:
                seed = f"{i}:{j}:{cell.source}".encode()
                view["model_id"] = hashlib.sha256(seed).hexdigest()[:32]


def main(argv: list[str]) -> int:
    from analysis.errors import AnalysisError
    from analysis.viz.render import NO_BROWSER_HINT

    paths = [Path(name) for name in argv]
    try:
        rendered = save([(path, run(path)) for path in _progress(paths)])
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    folders = sorted({str(p.parent) for p in paths})
    pictures = (f"{rendered} static chart pictures" if rendered is not None
                else "some static chart pictures missing")
    print(f"notebooks: executed {len(paths)} -> {', '.join(folders)}/ ({pictures})")
    if rendered is None:
        print(f"notebooks: skipped the static chart pictures (no Chromium found): "
              f"{NO_BROWSER_HINT}")
    return 0


def _progress(paths: list[Path]):
    """The paths, with a progress bar on a terminal (one notebook takes seconds)."""
    if not sys.stderr.isatty():
        return paths
    from tqdm import tqdm

    return tqdm(paths, desc="notebooks", unit="nb", leave=False, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
