"""What a markdown pipe table is, line by line: the one grammar the paragraph splitter
and the table reader (``analysis.extract.tables``) share.

A table is a header row (a line with an unescaped ``|``) directly followed by a separator
row (every cell ``---``, optionally ``:``-aligned), then every following row up to the
first line that is not a row, is not directly below the previous one, or starts a new
table (a row followed by a separator).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["PIPE", "is_row", "is_separator", "split_cells", "table_end"]

Line = tuple[int, int]

PIPE = re.compile(r"(?<!\\)\|")
_SEP_CELL = re.compile(r"\s*:?-+:?\s*")


def split_cells(text: str, start: int, end: int | None = None) -> list[Line]:
    """Raw (start, end) of the cells of one line: split on unescaped pipes, the outer pipes
    (if written) dropped. Offsets include the cell's surrounding white space."""
    end = len(text) if end is None else end
    a, b = start, end
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    bounds = [m.start() for m in PIPE.finditer(text, a, b)]
    cuts = [a - 1, *bounds, b]
    cells = [(cuts[k] + 1, cuts[k + 1]) for k in range(len(cuts) - 1)]
    if bounds and bounds[0] == a:
        cells = cells[1:]
    if bounds and bounds[-1] == b - 1 and cells:
        cells = cells[:-1]
    return cells


def is_row(text: str, line: Line) -> bool:
    """The line holds an unescaped pipe."""
    return bool(PIPE.search(text, line[0], line[1]))


def is_separator(text: str, line: Line) -> bool:
    """Every cell of the line is dashes, optionally colon-aligned (``|:---|--:|``)."""
    body = text[line[0]:line[1]]
    if "|" not in body:
        return False
    parts = split_cells(body, 0)
    return bool(parts) and all(_SEP_CELL.fullmatch(body[a:b]) for a, b in parts)


def table_end(text: str, lines: Sequence[Line], i: int,
              follows: Callable[[Line, Line], bool]) -> int | None:
    """When ``lines[i]`` opens a table, the index after its last row; else None.
    ``follows(prev, cur)``: ``cur`` is the line directly below ``prev``."""
    if not (i + 1 < len(lines) and is_row(text, lines[i]) and is_separator(text, lines[i + 1])
            and follows(lines[i], lines[i + 1])):
        return None
    j = i + 2
    while (j < len(lines) and is_row(text, lines[j]) and follows(lines[j - 1], lines[j])
           and not (j + 1 < len(lines) and is_separator(text, lines[j + 1])
                    and follows(lines[j], lines[j + 1]))):
        j += 1
    return j
