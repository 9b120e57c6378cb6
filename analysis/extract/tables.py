"""Markdown pipe tables in article text, as DataFrames, with ordinal columns recognised.

What counts as a table (``find``):

* a **header row**: a line with at least one unescaped ``|``;
* directly followed by a **separator row**: cells of dashes with optional alignment colons
  (``---``, ``:--``, ``--:``, ``:-:``), at least one ``|`` on the line, outer pipes optional;
* then **data rows**: every following non-blank line that has an unescaped ``|``. A blank
  line, a line without a pipe, or the end of the text ends the table; a row followed by a
  separator starts the next table instead.

Within that, nothing is dropped and nothing moves between rows:

* outer pipes are optional on every line (``a | b`` is a row);
* a short row is padded with missing cells (``<NA>``, marked ``is_gap``);
* cells beyond the header's width are kept, in columns named ``extra_1``, ``extra_2``, ...;
* an empty cell (``| |``) is ``<NA>`` but not a gap: it was written, just empty;
* ``\\|`` is a literal pipe inside a cell (the value holds ``|``, the offsets the raw text);
* the separator's cell count does not have to match the header (it only carries alignment);
* a pipe at the start or end of a line is always an outer pipe, so ``a | b |`` is the two
  cells ``a``, ``b`` (not three with an empty last one), as in GitHub's markdown.

A column is *ordinal* when its words form a scale (``ordinal_levels``): each value holds a
word of ``LEVELS`` (possibly moved by an ``INTENSIFIERS`` word in front of it), and the
distinct values get distinct scores. Such a column is an ordered pandas Categorical.

``parse(block)`` reads a block that is meant to be exactly one table, the GFM way: every
line after the separator is a row, even one without a pipe (a one-cell row). It raises
``TableError`` only for a block that cannot be a table at all (no header row, no separator
row, text after a blank line). ``find`` skips prose and never raises; it needs a pipe on
each data row because scraped pages put prose directly under a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import TableError
from analysis.frames.schema import FRAMES
from analysis.sources import pipes

# Level words and their score on one 0-10 scale of amount / importance / strength
# (5 is the middle). A value's score is the mean of the scores of its level words.
LEVELS: dict[str, float] = {
    # nothing or almost nothing
    "none": 0, "zero": 0, "nil": 0,
    "negligible": 1, "minimal": 1, "scarce": 1, "lowest": 1, "trivial": 1,
    # below the middle
    "low": 2, "weak": 2, "poor": 2, "minor": 2, "small": 2, "limited": 2,
    "insufficient": 2, "constrained": 2, "inadequate": 2, "tertiary": 2, "rare": 2,
    # the middle
    "medium": 5, "moderate": 5, "average": 5, "mid": 5, "intermediate": 5, "fair": 5,
    "partial": 5, "secondary": 5, "mixed": 5,
    # above the middle
    "adequate": 6, "sufficient": 6, "good": 7, "significant": 7, "large": 8,
    "high": 8, "strong": 8, "major": 8, "primary": 8,
    # the top
    "abundant": 9, "critical": 9, "essential": 9, "urgent": 9, "top": 9,
    "highest": 10, "maximum": 10, "maximal": 10,
}
MIDDLE = 5.0
# Words that move the next level word away from (factor > 1) or towards (< 1) the middle;
# a negative factor mirrors it ("not critical").
INTENSIFIERS: dict[str, float] = {
    "overwhelmingly": 1.5, "extremely": 1.5, "exceptionally": 1.5, "critically": 1.5,
    "severely": 1.4, "very": 1.3, "highly": 1.3, "particularly": 1.2,
    "relatively": 0.8, "fairly": 0.8, "moderately": 0.8, "somewhat": 0.7, "slightly": 0.7,
    "not": -1.0, "non": -1.0,
}
# A cell longer than this many words is prose, not a level.
MAX_LEVEL_WORDS = 6

_WORD = re.compile(r"[a-z]+")


@dataclass
class Table:
    """One pipe table: its span in the text, header cells and data rows as written.

    ``rows`` are ragged exactly as written (a short row is short, a long row long); cell
    values are stripped, ``\\|`` unescaped, and ``None`` for an empty cell. ``header_spans``
    and ``spans`` give each cell's (start, end) offsets in the text the table was found in.
    """

    start: int
    end: int
    header: list[str]
    rows: list[list[str | None]]
    header_spans: list[tuple[int, int]] = field(default_factory=list)
    spans: list[list[tuple[int, int]]] = field(default_factory=list)
    align: list[str | None] = field(default_factory=list)
    row_ends: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        """Number of columns: the header's, or the longest row's if that is longer."""
        return max([len(self.header), *(len(r) for r in self.rows)])

    @property
    def columns(self) -> list[str]:
        """Frame column names: the header (empty ones ``column_<n>``, repeats ``name_2``),
        then ``extra_1``, ``extra_2``, ... for cells beyond the header."""
        names: list[str] = []
        for j, h in enumerate(self.header):
            name = h or f"column_{j + 1}"
            base, k = name, 2
            while name in names:
                name, k = f"{base}_{k}", k + 1
            names.append(name)
        names += [f"extra_{k}" for k in range(1, self.width - len(self.header) + 1)]
        return names

    def cell(self, row: int, column: int) -> tuple[str | None, int, int, bool]:
        """(value, start, end, is_gap) of a data cell; a missing cell sits at the row's end."""
        if column < len(self.rows[row]):
            a, b = self.spans[row][column]
            return self.rows[row][column], a, b, False
        end = self.row_ends[row]
        return None, end, end, True

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame: one column per header cell (plus extras), ``<NA>`` for
        empty and missing cells, ordinal columns as ordered Categoricals."""
        width = self.width
        padded = [list(r) + [None] * (width - len(r)) for r in self.rows]
        data = {}
        for j, name in enumerate(self.columns):
            values = [r[j] for r in padded]
            levels = ordinal_levels(values)
            if levels is None:
                data[name] = pd.array(values, dtype="string")
            else:
                data[name] = pd.Categorical(values, categories=levels, ordered=True)
        return pd.DataFrame(data, index=pd.RangeIndex(len(padded)))


# ---------------------------------------------------------------- parsing


def find(text: str) -> list[Table]:
    """Every pipe table in text, in order; prose around and between them is ignored."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        end = pipes.table_end(text, lines, i, _follows)
        if end is not None:
            tables.append(_build(text, lines[i], lines[i + 1], lines[i + 2:end]))
            i = end
        else:
            i += 1
    return tables


def parse(block: str, *, file: str | None = None) -> Table:
    """The one table that a block of text is; TableError if it is not a table at all."""
    lines = _lines(block)
    if not lines:
        raise TableError("no text", file=file)
    if not pipes.is_row(block, lines[0]):
        raise TableError("the first line has no '|' so it is not a header row", file=file)
    if len(lines) < 2 or not pipes.is_separator(block, lines[1]):
        raise TableError("no separator row ('---|---') under the header", file=file)
    body = lines[2:]
    while body and body[-1][0] == body[-1][1]:
        body.pop()
    for n, line in enumerate(body, start=3):
        if not block[line[0]:line[1]].strip():
            raise TableError(f"line {n} is blank, and text follows the table", file=file)
    return _build(block, lines[0], lines[1], body)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline; blank lines included as (a, a)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _follows(prev: tuple[int, int], cur: tuple[int, int]) -> bool:
    return cur[0] == prev[1] + 1


def _cells(text: str, line: tuple[int, int]) -> tuple[list[str | None], list[tuple[int, int]]]:
    values, spans = [], []
    for a, b in pipes.split_cells(text, line[0], line[1]):
        raw_a = a
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            values.append(None)
            spans.append((raw_a, raw_a))
        else:
            values.append(text[a:b].replace("\\|", "|"))
            spans.append((a, b))
    return values, spans


def _align(text: str, line: tuple[int, int]) -> list[str | None]:
    out: list[str | None] = []
    for a, b in pipes.split_cells(text, line[0], line[1]):
        cell = text[a:b].strip()
        left, right = cell.startswith(":"), cell.endswith(":")
        out.append("center" if left and right else "left" if left else "right" if right else None)
    return out


def _content_end(text: str, line: tuple[int, int]) -> int:
    b = line[1]
    while b > line[0] and text[b - 1].isspace():
        b -= 1
    return b


def _content_start(text: str, line: tuple[int, int]) -> int:
    a = line[0]
    while a < line[1] and text[a].isspace():
        a += 1
    return a


def _build(text: str, head: tuple[int, int], sep: tuple[int, int],
           body: list[tuple[int, int]]) -> Table:
    header, header_spans = _cells(text, head)
    rows, spans = [], []
    for line in body:
        values, cell_spans = _cells(text, line)
        rows.append(values)
        spans.append(cell_spans)
    last = body[-1] if body else sep
    return Table(
        start=_content_start(text, head),
        end=_content_end(text, last),
        header=[h or "" for h in header],
        rows=rows,
        header_spans=header_spans,
        spans=spans,
        align=_align(text, sep),
        row_ends=[_content_end(text, line) for line in body],
    )


# ---------------------------------------------------------------- ordinal columns


def level_score(value: str) -> float | None:
    """A value's place on the LEVELS scale, or None when it holds no level word.

    Each level word scores its LEVELS entry; intensifiers directly before it scale its
    distance from the middle ("overwhelmingly high" > "high" > "medium"). Several level
    words ("Insufficient/Constrained") average.
    """
    words = _WORD.findall(value.lower())
    if not words or len(words) > MAX_LEVEL_WORDS:
        return None
    scores: list[float] = []
    factor = 1.0
    for word in words:
        if word in INTENSIFIERS:
            factor *= INTENSIFIERS[word]
        elif word in LEVELS:
            scores.append(MIDDLE + (LEVELS[word] - MIDDLE) * factor)
            factor = 1.0
        else:
            factor = 1.0
    return sum(scores) / len(scores) if scores else None


def ordinal_levels(values) -> list[str] | None:
    """The distinct values ordered low to high if they form a scale, else None.

    A scale: at least two distinct values, every non-missing value has a level word (see
    ``level_score``) and no two distinct values tie. Names, numbers and prose are not scales.
    """
    distinct: list[str] = []
    for v in values:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            continue
        v = str(v)
        if v not in distinct:
            distinct.append(v)
    if len(distinct) < 2:
        return None
    scored = []
    for v in distinct:
        s = level_score(v)
        if s is None:
            return None
        scored.append((s, v))
    scores = sorted(round(s, 9) for s, _ in scored)
    if len(set(scores)) < len(scores):
        return None
    return [v for _, v in sorted(scored, key=lambda sv: sv[0])]


# ---------------------------------------------------------------- frames

def long_rows(article: str, index: int, table: Table) -> list[dict]:
    """One record per data cell of a table (see ``for_corpus`` for the columns)."""
    names = table.columns
    padded = [list(r) + [None] * (table.width - len(r)) for r in table.rows]
    out = []
    for j, name in enumerate(names):
        levels = ordinal_levels([r[j] for r in padded])
        rank = {v: k for k, v in enumerate(levels or [], start=1)}
        for i in range(len(table.rows)):
            value, a, b, gap = table.cell(i, j)
            out.append({
                "article": article, "table": index, "row": i, "column": j, "header": name,
                "value": value, "level": rank.get(value) if levels else None,
                "n_levels": len(levels) if levels else None,
                "start": a, "end": b, "is_gap": gap,
            })
    return out


def for_corpus(corpus) -> pd.DataFrame:
    """All tables of a corpus as one long tidy frame: one row per data cell.

    Columns: article, table (0-based within the article), row (0-based data row), column
    (0-based), header (frame column name), value (``<NA>`` if empty or missing), level
    (1 = lowest rank of an ordinal column, else ``<NA>``), n_levels, start/end (offsets of
    the cell text into ``corpus.texts[article]``; an empty or missing cell has start == end
    at the gap), is_gap (the row was too short to have this cell).
    """
    records: list[dict] = []
    for article in sorted(corpus.texts):
        for k, table in enumerate(find(corpus.texts[article])):
            records += long_rows(article, k, table)
    frame = FRAMES["tables"].typed(records)
    return frame.sort_values(["article", "table", "row", "column"], kind="stable",
                             ignore_index=True)


def table_frame(tables_long: pd.DataFrame, article: str, table: int) -> pd.DataFrame:
    """Pivot one table of the long ``tables`` frame back to a wide DataFrame, with
    ordinal columns as ordered Categoricals in their level order."""
    part = tables_long[(tables_long["article"] == article) & (tables_long["table"] == table)]
    if part.empty:
        raise KeyError(f"no table {table} in article {article!r}")
    columns = part.drop_duplicates("column").sort_values("column")
    n_rows = int(part["row"].max()) + 1
    data = {}
    for _, col in columns.iterrows():
        cells = part[part["column"] == col["column"]].set_index("row")["value"]
        cells = cells.reindex(range(n_rows))
        levels = part.loc[(part["column"] == col["column"]) & part["level"].notna(), ["value", "level"]]
        if levels.empty:
            data[col["header"]] = pd.array(cells.tolist(), dtype="string")
        else:
            order = levels.drop_duplicates().sort_values("level")["value"].tolist()
            data[col["header"]] = pd.Categorical(cells.astype(object).where(cells.notna(), None),
                                                 categories=order, ordered=True)
    return pd.DataFrame(data, index=pd.RangeIndex(n_rows))
