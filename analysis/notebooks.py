"""Execute notebooks in place, saved with outputs but without widget state.

``python -m analysis.notebooks notebooks/01_chatgpt_visits.ipynb ...``. Widget state would
embed plotly.js in every saved notebook (megabytes) and change on each run; nbval needs
the outputs, not the state.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path


def execute(path: str | Path, timeout: int = 300) -> None:
    """Run every cell of a notebook from its own folder and save it in place."""
    import nbformat
    from nbclient import NotebookClient

    class Client(NotebookClient):
        # With store_widget_state=False nbclient still indexes its widget-state dict when an
        # Output widget is written; a defaultdict keeps that from raising KeyError.
        def reset_execution_trackers(self) -> None:
            super().reset_execution_trackers()
            self.widget_state = collections.defaultdict(dict)

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    Client(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
           resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    stable_widget_ids(nb)
    nbformat.write(nb, path)


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
    for name in argv:
        print(f"executing {name}", file=sys.stderr)
        execute(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
