"""All notebooks in one static HTML page, code hidden: ``python -m analysis.publish.report OUT.html``.

Notebooks ``notebooks/[0-9][0-9]_*.ipynb`` are rendered in order with nbconvert (inputs and
prompts excluded) under one document with a table of contents. Plotly outputs become the PNG
saved with them (rendered in one batch where a notebook was saved without a browser); a
widget output becomes a note, followed by the pictures of its charts that the notebook
saves (:mod:`analysis.dashboards.pictures`). Text from the sources is escaped by nbconvert, and the page
carries no script at all: HTML outputs pass through nh3 (the Ammonia sanitiser) with an
allow-list of tags, attributes and URL schemes; other rich outputs (JavaScript, widgets)
are replaced by their plain text.
"""

from __future__ import annotations

import base64
import html
import os
import re
import sys
from pathlib import Path

from analysis import paths
from analysis.errors import AnalysisError

__all__ = ["ReportError", "notebooks", "render", "write"]

PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
# Output types a static page may carry as they are; anything else falls back to text/plain.
SAFE = ("text/plain", "image/png", "image/jpeg", "text/markdown")
_SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
# What a table or a short HTML output of the notebooks may keep; everything else (script,
# style, iframes, event handlers, srcdoc, javascript: links, ...) is removed by nh3 (Ammonia).
ALLOWED_TAGS = {"a", "b", "br", "caption", "code", "div", "em", "i", "li", "ol", "p", "pre",
                "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
                "tr", "ul"}
ALLOWED_ATTRIBUTES = {"*": {"class", "title"}, "a": {"href"}, "table": {"border"},
                      "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_NOTEBOOKS = paths.NOTEBOOKS
WIDGET_NOTE = "(Interactive dashboard: open the notebook in JupyterLab to use it.)"
CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
nav ol { columns: 2; } section { border-top: 1px solid #ddd; margin-top: 2em; }
table.dataframe { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0; }
table.dataframe td, table.dataframe th { border: 1px solid #ddd; padding: 2px 6px;
       vertical-align: top; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f7f7f7; padding: 0.5em; }
img { max-width: 100%; } .anchor-link { display: none; }
"""


class ReportError(AnalysisError):
    """A report that cannot be built (no notebooks, or an output that would run script)."""


def notebooks(folder: str | os.PathLike[str] = _NOTEBOOKS) -> list[Path]:
    """The suite's notebooks in reading order."""
    return paths.notebooks(folder)


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def _static_outputs(nbs: list) -> None:
    """Charts as their saved PNGs (rendered in one batch where a notebook was saved without
    a browser), widget views as a note, unsafe outputs as text."""
    from nbformat.v4 import new_output

    jobs: list[tuple[dict, object]] = []  # (output to fill, plotly JSON to render)
    for nb in nbs:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = []
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if PLOTLY in data:
                    png = new_output("display_data", data={"image/png": data.get("image/png", "")})
                    if not png["data"]["image/png"]:
                        jobs.append((png, data[PLOTLY]))
                    outputs.append(png)
                elif WIDGET in data:
                    outputs.append(new_output("stream", name="stdout", text=WIDGET_NOTE))
                elif "data" in out:
                    out["data"] = _safe_bundle(data)
                    outputs.append(out)
                else:
                    outputs.append(out)
            cell["outputs"] = outputs
    if jobs:
        from analysis.viz.render import render_pngs

        pngs = render_pngs([spec for _, spec in jobs])
        for (out, _), png in zip(jobs, pngs, strict=True):
            out["data"]["image/png"] = base64.b64encode(png).decode("ascii")


def _safe_bundle(data: dict) -> dict:
    """Keep the safe rich types and an allow-listed copy of any HTML (pandas tables keep
    their structure and classes); drop every other rich type for its plain text."""
    import nh3

    kept = {k: v for k, v in data.items() if k in SAFE}
    page = data.get("text/html")
    if page is not None:
        text = page if isinstance(page, str) else "".join(page)
        clean = nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                          url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer",
                          clean_content_tags={"script", "style"})
        if clean.strip():
            kept["text/html"] = clean
    return kept or {"text/plain": ""}


def render(paths: list[Path] | None = None, title: str = "AI-lab priorities, in numbers"
           ) -> str:
    """The whole report as one HTML string."""
    import nbformat
    from nbconvert import HTMLExporter

    paths = notebooks() if paths is None else list(paths)
    if not paths:
        raise ReportError("no notebooks to render", file=str(_NOTEBOOKS))
    nbs = [nbformat.read(p, as_version=4) for p in paths]
    _static_outputs(nbs)
    exporter = HTMLExporter(template_name="basic", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    toc, sections = [], []
    for path, nb in zip(paths, nbs, strict=True):
        anchor = f"nb-{path.stem}"
        body, _ = exporter.from_notebook_node(nb)
        if _SCRIPT.search(body):
            raise ReportError("an output would put a script in the report", file=str(path))
        toc.append(f'<li><a href="#{anchor}">{html.escape(_title(nb))}</a> '
                   f"<small>({html.escape(path.name)})</small></li>")
        sections.append(f'<section id="{anchor}">\n{body}\n</section>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<nav><h2>Contents</h2>\n<ol>\n" + "\n".join(toc)
        + "\n</ol></nav>\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )


def write(out: str | os.PathLike[str], paths: list[Path] | None = None) -> Path:
    """Render the report and write it to ``out`` (folders created)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(paths), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m analysis.publish.report OUT.html", file=sys.stderr)
        return 2
    try:
        print(write(argv[0]))
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
