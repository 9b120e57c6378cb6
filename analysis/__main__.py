"""Command line: ``python -m analysis {build,quantities,figures,browser,status}``.

Bad input ends in one line on stderr naming the file and the reason, and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths
from analysis.errors import AnalysisError

EXIT_BAD_INPUT = 2


def _warn(err: Exception) -> None:
    print(f"warning: skipped {err}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.evidence import facts
    from analysis.frames import build

    # The fact-check's rows are per article: both engines compute them batch by batch.
    derived = {"checks": facts.checks_of}
    if args.engine == "dask":
        from analysis.frames import dask_build as scale

        result = scale.build(args.sources, args.out, keep_going=args.keep_going,
                             scheduler=args.scheduler, on_warning=_warn, derived=derived,
                             **({"timeout": args.scheduler_timeout}
                                if args.scheduler_timeout is not None else {}))
    else:
        if args.scheduler:
            raise AnalysisError("--scheduler needs --engine dask")
        result = build.build(args.sources, args.out, keep_going=args.keep_going,
                             on_warning=_warn, derived=derived)
    if args.verbose:
        for name, count in result.counts.items():
            print(f"{name}: {count} rows -> {_where(result.paths.get(name, []))}")
    rows = ", ".join(f"{name}: {count:,}" for name, count in result.counts.items())
    print(f"data: {result.counts.get('articles', 0):,} articles -> "
          f"{_relative(paths.processed_dir(args.out))}/ ({rows} rows)")
    if result.skipped:
        print(f"skipped {len(result.skipped)} bad file(s)", file=sys.stderr)
    return 0


def _seconds(text: str) -> float:
    """A positive number of seconds (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def _where(paths: list[Path]) -> str:
    """The files a frame went to: its Parquet and CSV, or the folder of a partitioned write."""
    if not paths:
        return "(nothing written)"
    if len(paths) <= 2:
        return ", ".join(str(p) for p in paths)
    return f"{paths[0].parent}/ ({len(paths)} parts)"


def cmd_quantities(args: argparse.Namespace) -> int:
    import csv

    from analysis.extract import quantities
    from analysis.sources.decode import read_text
    from analysis.sources.language import guess_language

    writer = None
    for name, lang, base in _quantity_inputs(args):
        text = read_text(name)
        if lang == _GUESS:
            lang = guess_language(text)
        frame = quantities.extract(text, lang=lang, base_date=base)
        frame.insert(0, "file", str(name))
        columns = ["file", *quantities.CSV_COLUMNS] + [
            c for c in frame.columns if c not in quantities.CSV_COLUMNS and c != "file"]
        if writer is None:
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(columns)
        for row in frame[columns].itertuples(index=False):
            writer.writerow(["" if _missing(v) else _fmt(v) for v in row])
    return 0


_GUESS = "guess"  # no --lang and no manifest language: guessed from the text, as the build does


def _quantity_inputs(args: argparse.Namespace):
    """(file, language, base date) for each FILE argument; a folder stands for its articles.

    --lang and --base-date apply to every file when given. Otherwise a file listed in its
    folder's manifest takes the manifest's language and publication date (when known to
    the month or the day); a file without a language is read in the language its text is
    guessed to be in, as the build reads it, and a file without a date gets no base date.
    """
    from analysis.errors import SourceError
    from analysis.extract import quantities
    from analysis.sources import manifest

    for arg in args.files:
        path = Path(arg)
        files = manifest.article_files(path) if path.is_dir() else [path]
        if not files:
            raise SourceError("a folder with no article files", file=path)
        known = {}
        folder = path if path.is_dir() else path.parent
        if args.lang is None or args.base_date is None:
            if (folder / manifest.MANIFEST).is_file():
                known = {e.file: e for e in manifest.read_manifest(folder)}
        for file in files:
            entry = known.get(file.name)
            lang = args.lang
            if lang is None:
                lang = entry.language if entry and entry.language else _GUESS
            elif lang in ("none", ""):
                lang = None
            base = args.base_date
            if base is None and entry:
                base = quantities.base_date_of(entry.published, entry.date_precision) or None
            yield file, lang, base


def _missing(v: object) -> bool:
    """None, NaN or pandas' NA: written as an empty CSV field."""
    import pandas as pd

    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _fmt(v: object) -> str:
    if isinstance(v, float):
        v = float(v)  # numpy floats print as np.float64(...)
        return repr(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    return str(v)


def cmd_figures(args: argparse.Namespace) -> int:
    from analysis.paths import figures_dir
    from analysis.viz import charts
    from analysis.viz.render import NO_BROWSER_HINT

    result = charts.export_all()
    if args.verbose:
        for path in result.written:
            print(path)
    print(f"figures: {len(charts.CHARTS)} charts, {len(result.written)} files -> "
          f"{_relative(figures_dir())}/ (index.csv lists them)")
    if result.skipped:
        print(f"figures: skipped {len(result.skipped)} PNG files (no Chromium found): "
              f"{NO_BROWSER_HINT}")
    return 0


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def cmd_browser(args: argparse.Namespace) -> int:
    """Find a Chromium for PNG rendering, or install Debian's where we may; never fails."""
    import os

    from analysis.viz.render import ensure_chromium

    install = os.environ.get("ANALYSIS_INSTALL_BROWSER", "1") != "0"
    print(ensure_chromium(install=install)[1])
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """What the processed data, the saved notebooks and the figures folder hold now."""
    for line in status_lines(Path(args.processed) if args.processed else None):
        print(line)
    return 0


def status_lines(processed: Path | None = None) -> list[str]:
    import csv

    import nbformat
    import pyarrow.parquet as pq

    from analysis.dashboards.pictures import PICTURE_KEY
    from analysis.frames import load as frames
    from analysis.paths import figures_dir
    from analysis.viz.render import NO_BROWSER_HINT

    folder = frames.processed_dir(processed)
    counts = {name: pq.ParquetFile(folder / f"{name}.parquet").metadata.num_rows
              for name in frames.FRAMES if (folder / f"{name}.parquet").exists()}
    lines = []
    if counts:
        rows = ", ".join(f"{name} {count:,}" for name, count in counts.items())
        lines.append(f"summary: {counts.get('articles', 0):,} articles; frames in "
                     f"{_relative(folder)}/ ({rows} rows)")
    else:
        lines.append(f"summary: no processed frames in {_relative(folder)}/")
    from analysis.paths import notebooks

    books = notebooks()
    executed, charts, pictures = 0, 0, 0
    for path in books:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        executed += all(c.execution_count is not None for c in code)
        for out in (o for c in code for o in c.get("outputs", [])):
            data = out.get("data", {})
            if "application/vnd.plotly.v1+json" in data or PICTURE_KEY in out.get("metadata", {}):
                charts += 1
                pictures += "image/png" in data
    lines.append(f"summary: {executed} of {len(books)} notebooks executed, {pictures} of "
                 f"{charts} chart pictures saved in them")
    index = figures_dir() / "index.csv"
    files = []
    if index.exists():
        with index.open(newline="", encoding="utf-8") as fh:
            files = [row["file"] for row in csv.DictReader(fh)]
    from analysis.viz.charts import CHARTS

    missing = [name for name in CHARTS if f"{name}.png" not in files]
    lines.append(f"summary: {len(files)} figure files for {len(CHARTS)} charts in "
                 f"{_relative(figures_dir())}/ (listed in index.csv)")
    if missing or pictures < charts:
        lines.append(f"summary: skipped {len(missing)} figure PNGs and {charts - pictures} "
                     f"notebook chart pictures (no Chromium): {NO_BROWSER_HINT}")
    return lines


def cmd_dictionary(args: argparse.Namespace) -> int:
    from analysis.frames import schema

    if args.readme is None:
        print(schema.markdown())
        return 0
    path = Path(args.readme)
    path.write_text(schema.with_dictionary(path.read_text(encoding="utf-8"), file=path),
                    encoding="utf-8")
    print(f"data dictionary written to {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Turn news articles into tidy frames of numbers, tables and claims.")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    b = sub.add_parser("build", help="parse a sources folder and write every frame (Parquet + CSV)")
    b.add_argument("--sources", default=str(paths.SOURCES),
                   help="folder of articles and manifest.toml (default: data/sources)")
    b.add_argument("--out", default=None, help="folder to write the frames to (default: "
                   "$ANALYSIS_PROCESSED_DIR, else data/processed)")
    b.add_argument("--keep-going", action="store_true",
                   help="skip bad files with a warning instead of stopping at the first")
    b.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                   help="pandas (in process, the default) or dask (a bag over the files)")
    b.add_argument("--scheduler", default=None,
                   help="address of a Dask distributed scheduler (default: a local cluster)")
    b.add_argument("--scheduler-timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="how long to wait for --scheduler before giving up (default: 10)")
    b.add_argument("--verbose", action="store_true", help="print every frame's files")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("quantities", help="print the quantities of text files as CSV")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--lang", default=None, help="language of the text (en, de, fr, ...); "
                   "'none' when unknown, which flags ambiguous separators (default: the "
                   "manifest's, else guessed from the text)")
    q.add_argument("--base-date", default=None, metavar="YYYY[-MM[-DD]]",
                   help="publication date that relative dates and years left out are resolved "
                   "from (default: the manifest's date of each file, when it has one)")
    q.set_defaults(func=cmd_quantities)

    br = sub.add_parser("browser", help="find a Chromium for PNG rendering (as root with "
                        "apt-get, install Debian's; ANALYSIS_INSTALL_BROWSER=0 skips that)")
    br.set_defaults(func=cmd_browser)

    st = sub.add_parser("status", help="summarise the processed data, notebooks and figures")
    st.add_argument("--processed", default=None, help="folder of the processed frames")
    st.set_defaults(func=cmd_status)

    d = sub.add_parser("dictionary", help="print the data dictionary from the frames' schema; "
                       "--readme rewrites the README's copy of it")
    d.add_argument("--readme", default=None, metavar="FILE",
                   help="rewrite the dictionary block of this README in place")
    d.set_defaults(func=cmd_dictionary)

    f = sub.add_parser("figures", help="regenerate every figure in figures/ headless")
    f.add_argument("--verbose", action="store_true", help="print every file written")
    f.set_defaults(func=cmd_figures)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "base_date", None):
        import datetime as dt
        import re

        given = args.base_date
        try:
            if re.fullmatch(r"\d{4}(-\d{2})?", given):
                dt.date.fromisoformat((given + "-01-01")[:10])  # a year or a month
            else:
                args.base_date = dt.date.fromisoformat(given)
        except ValueError:
            print(f"error: --base-date {given!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as command-line tools do.
        sys.stderr.close()
        return 0
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
