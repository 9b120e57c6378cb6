"""How the notebooks show tables: numbers for people, gaps as "–", whole sentences, no math.

:func:`setup` (called by every notebook's first cell) sets pandas' display options and registers a
formatter with IPython, so a frame that ends a cell is shown with :func:`number` for its
numbers and "–" for missing values, in HTML that JupyterLab never typesets as LaTeX
(``$100,000 and $700,000`` in one cell would otherwise become math). The frames themselves
keep their values; only what is drawn changes.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.formats import MISSING, number

__all__ = ["MISSING", "OPTIONS", "figure_bundle", "number", "setup", "show_figure", "table_html",
           "table_text"]

OPTIONS = {
    "display.max_rows": 500,
    "display.max_columns": 40,
    # Whole sentences: JupyterLab wraps table cells, so nothing is cut at a fixed width.
    "display.max_colwidth": None,
    "display.width": 160,
    # Marks pandas' tables with tex2jax_ignore/mathjax_ignore, so Lab leaves "$" alone.
    "display.html.use_mathjax": False,
}
def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as display text: numbers through :func:`number`, every gap as "–"."""
    out = pd.DataFrame(index=frame.index)
    for i, column in enumerate(frame.columns):
        values = frame.iloc[:, i]
        if pd.api.types.is_bool_dtype(values.dtype):
            text = [MISSING if pd.isna(v) else str(bool(v)) for v in values]
        elif pd.api.types.is_numeric_dtype(values.dtype):
            text = [number(v) for v in values]
        else:
            text = [MISSING if _missing(v) else str(v) for v in values]
        out.insert(i, column, text, allow_duplicates=True)
    return out


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


# A long run of text without spaces (a URL, a name like training_days_high) gets places
# where the browser may break it, so a table narrows to the notebook's width instead of
# running past it; words shorter than _LONG are never broken. The places are marked with a
# private-use character before pandas escapes the HTML and become <wbr> after.
_BREAK = "\ue000"
_LONG = 16
_RUN = re.compile(rf"\S{{{_LONG},}}")
_AFTER = re.compile(r"([/_?&=.,:;@#+~|\\]+)(?=\S)")
_CHUNK = re.compile(r"([^\s/_?&=.,:;@#+~|\\\-]{20})(?=[^\s/_?&=.,:;@#+~|\\\-])")


def _breakable(text: str) -> str:
    def run(match: re.Match) -> str:
        return _CHUNK.sub(r"\1" + _BREAK, _AFTER.sub(r"\1" + _BREAK, match.group(0)))

    return _RUN.sub(run, text)


def _with_breaks(cells: pd.DataFrame) -> pd.DataFrame | None:
    """``cells`` (all text) with break places in long runs, labels too; None where the text
    already holds the marker character or a label is a MultiIndex."""
    labels = [*cells.columns, *cells.index]
    if isinstance(cells.columns, pd.MultiIndex) or isinstance(cells.index, pd.MultiIndex):
        return None
    texts = [str(v) for v in labels] + [v for col in cells.columns.unique()
                                        for v in cells[col].to_numpy().ravel()]
    if any(_BREAK in t for t in texts):
        return None
    out = cells.apply(lambda col: col.map(_breakable))
    out.columns = [_breakable(c) if isinstance(c, str) else c for c in cells.columns]
    if cells.index.dtype == object or pd.api.types.is_string_dtype(cells.index.dtype):
        out.index = pd.Index([_breakable(v) if isinstance(v, str) else v for v in cells.index],
                             name=cells.index.name)
    return out


def table_html(frame: pd.DataFrame) -> str:
    """The frame as the notebooks show it in HTML (escaped, never typeset as math); long runs
    of text without spaces may wrap, so the table fits the notebook."""
    cells = _cells(frame)
    marked = _with_breaks(cells)
    with pd.option_context(*_flat(OPTIONS)):
        html = (cells if marked is None else marked).to_html(
            notebook=True, escape=True, max_rows=OPTIONS["display.max_rows"],
            max_cols=OPTIONS["display.max_columns"])
    return html if marked is None else html.replace(_BREAK, "<wbr>")


def table_text(frame: pd.DataFrame) -> str:
    """The frame as plain text with the same numbers as :func:`table_html`."""
    return _cells(frame).to_string(max_rows=OPTIONS["display.max_rows"],
                                   max_cols=OPTIONS["display.max_columns"])


def _flat(options: dict) -> list:
    return [item for pair in options.items() for item in pair]


def setup() -> None:
    """Set pandas' options and, inside IPython, show every frame through this module."""
    for key, value in OPTIONS.items():
        pd.set_option(key, value)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, table_html)
    formatters["text/plain"].for_type(
        pd.DataFrame, lambda frame, printer, cycle: printer.text(table_text(frame)))
    if _plotly_would_use_its_mimetype(shell):
        shell.display_formatter.ipython_display_formatter.for_type_by_name(
            "plotly.basedatatypes", "BaseFigure", show_figure)


# What makes plotly choose a renderer other than its mime type in a Jupyter kernel
# (plotly.io._renderers): any of these set, or the renderers already configured by hand.
_PLOTLY_RENDERER_ENV = ("PLOTLY_RENDERER", "COLAB_NOTEBOOK_ID", "AZURE_NOTEBOOKS_HOST",
                        "VSCODE_PID", "NTERACT_EXE", "COCALC_PROJECT_ID",
                        "DATABRICKS_RUNTIME_VERSION")


def _plotly_would_use_its_mimetype(shell) -> bool:
    """Whether plotly's own default renderer here is its mime type alone: an ipykernel
    shell with none of the settings that make plotly pick another renderer."""
    import os
    import sys

    return (type(shell).__name__ == "ZMQInteractiveShell"
            and type(shell).__module__.startswith("ipykernel.")
            and "plotly.io._renderers" not in sys.modules
            and not any(name in os.environ for name in _PLOTLY_RENDERER_ENV)
            and not os.path.exists("/kaggle/input"))


def figure_bundle(fig) -> dict:
    """The mime bundle plotly's mime-type renderer (``PlotlyRenderer``, no config) makes for
    ``fig``, byte for byte, without importing plotly's renderer modules: those load kaleido
    for static images (about 0.1 s) that showing a chart does not need."""
    import json

    from plotly.io import to_json
    from plotly.io._utils import validate_coerce_fig_to_dict

    fig_dict = validate_coerce_fig_to_dict(fig, True)
    return {"application/vnd.plotly.v1+json":
            json.loads(to_json(fig_dict, validate=False, remove_uids=False))}


def show_figure(fig) -> None:
    """Display a plotly figure as plotly's mime-type renderer does, byte for byte, without
    loading plotly's renderer registry: that imports nbformat and with it jsonschema's
    format checkers, about 1 s of every notebook's first chart for nothing it uses."""
    import sys

    from IPython.display import display

    if "plotly.io._renderers" in sys.modules:  # set up by hand since: plotly decides
        import plotly.io as pio

        pio.show(fig)
        return
    display(figure_bundle(fig), raw=True)
