"""The schema of every processed frame, written once: column, dtype and meaning.

Every frame the build writes is typed through :data:`FRAMES` (``FRAMES[name].typed(rows)``),
the README's data dictionary is generated from it (``python -m analysis dictionary``, and a
test fails when the README differs), and :meth:`Frame.pandera` gives the pandera schema
the tests check every written frame against.

One dtype family for all frames: pandas' nullable types. Text is ``string``, whole numbers
``Int64``, measured numbers ``Float64`` (``<NA>`` where there is none, never NaN), fixed
vocabularies ``category`` (ordered where the order means something), flags that are never
missing ``bool``, and instants ``datetime64[ms]`` (the unit Parquet stores).

The vocabularies of the category columns live here too, so an engine and the schema can
never disagree on the values a column may hold. This module is declarations only: the
reading and extracting layers below ``frames`` type their rows through it (the one import
the layers contract lets them make upward; see ``pyproject.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from analysis.extract.topics import FAMILIES, OTHER_TOPIC

__all__ = [
    "ATTRIBUTION_KINDS", "ATTRIBUTION_VIA", "DATE_SOURCES", "EVENT_PRECISIONS", "FRAMES",
    "ENTITY_KINDS", "GRADES", "NAMES", "VERDICTS", "PARAGRAPH_KINDS", "PRECISIONS", "QUANTITY_KINDS", "SUBJECTS", "Column",
    "Frame", "markdown",
]

# ---------------------------------------------------------------- vocabularies

# What a paragraph is; page furniture is kept and marked, never dropped.
PARAGRAPH_KINDS = ["title", "heading", "paragraph", "list_item", "table", "boilerplate"]
# How precisely an article's publication date is known, and how it is known.
PRECISIONS = ["day", "month", "year", "none"]
DATE_SOURCES = ["stated", "inferred", "unknown"]
# What a quantitative mention measures.
QUANTITY_KINDS = ["money", "count", "percent", "date", "duration", "other"]
# Certainty of a claim, from most to least certain (rule in analysis.extract.claims).
GRADES = ["stated", "attributed", "hedged", "speculative"]
ATTRIBUTION_KINDS = ["article", "handle", "person", "group", "report"]
ATTRIBUTION_VIA = ["sentence", "back_reference", "list", "paragraph", "hearsay", "article"]
# A sentence's main topic: a keyword family of analysis.extract.topics, else "other".
SUBJECTS = [*FAMILIES, OTHER_TOPIC]
# The precision of a dated period, coarsest first.
EVENT_PRECISIONS = ["century", "decade", "year", "half", "quarter", "month", "day"]
# What a known entity is (data/reference/entities.csv).
ENTITY_KINDS = ["organisation", "model", "product", "programme", "event", "person"]
# A fact-check's outcome (analysis.evidence.facts).
VERDICTS = ["consistent", "conflicts", "outdated", "unverifiable"]


def _category(values: list[str], ordered: bool = False) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(values, ordered=ordered)


# ---------------------------------------------------------------- schema types


@dataclass(frozen=True)
class Column:
    """One column of a frame: its name, its dtype and what it means."""

    name: str
    dtype: str | pd.CategoricalDtype
    meaning: str

    @property
    def dtype_name(self) -> str:
        """The dtype as the data dictionary writes it."""
        return "category" if isinstance(self.dtype, pd.CategoricalDtype) else str(self.dtype)


@dataclass(frozen=True)
class Frame:
    """One processed frame: its name, what one row is, and its columns in order."""

    name: str
    row: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def dtypes(self) -> dict[str, str | pd.CategoricalDtype]:
        return {c.name: c.dtype for c in self.columns}

    def empty(self) -> pd.DataFrame:
        """The frame with no rows: its columns in order, each in its dtype."""
        return _empty(self).copy()

    def typed(self, rows: pd.DataFrame | Iterable[Mapping] | Mapping[str, list]) -> pd.DataFrame:
        """A frame with exactly this schema's columns, in order, in this schema's dtypes.

        ``rows`` is a DataFrame, a list of records (dicts) or a dict of column lists; a column
        the rows lack is all missing. Records whose values already have the types the columns
        hold (str, int, float, bool) are built column by column, without an object frame.
        """
        if isinstance(rows, pd.DataFrame):
            return _astype(rows.reindex(columns=self.names), self)
        if isinstance(rows, Mapping):
            data = {name: list(rows.get(name, ())) for name in self.names}
        else:
            rows = list(rows)
            if not rows:
                return self.empty()
            data = {name: [row.get(name) for row in rows] for name in self.names}
        n = max((len(v) for v in data.values()), default=0)
        if n == 0:
            return self.empty()
        for name, values in data.items():
            if not values:
                data[name] = [None] * n
        fast = _direct(data, self)
        if fast is not None:
            return fast
        return _astype(pd.DataFrame(data, columns=self.names), self)

    def pandera(self):
        """The pandera schema of the frame: exactly these columns, in order, in these dtypes;
        a category column holds only its vocabulary."""
        import pandera.pandas as pa

        def exact(column: Column) -> pa.Check:
            # pandera's own dtype test lets float64 pass for Float64 and object for string;
            # the family is the point, so the dtype must be the schema's exactly.
            if isinstance(column.dtype, pd.CategoricalDtype):
                return pa.Check(lambda s: s.dtype == column.dtype, element_wise=False,
                                name="dtype is category")
            return pa.Check(lambda s: str(s.dtype) == column.dtype, element_wise=False,
                            name=f"dtype is {column.dtype_name}")

        return pa.DataFrameSchema(
            {c.name: pa.Column(c.dtype, checks=[exact(c)], nullable=c.dtype != "bool")
             for c in self.columns},
            strict=True, ordered=True, coerce=False, name=self.name)

    def markdown(self) -> str:
        """This frame's section of the data dictionary."""
        lines = [f"### `{self.name}`", "", self.row, "", "| column | dtype | meaning |",
                 "|---|---|---|"]
        lines += [f"| `{c.name}` | `{c.dtype_name}` | {c.meaning} |" for c in self.columns]
        return "\n".join(lines)


_KIND_OF = {"string": str, "Int64": int, "Float64": float, "bool": bool}


def _direct(data: dict[str, list], frame: Frame) -> pd.DataFrame | None:
    """The typed frame built column by column, when every value already has its column's
    Python type (None allowed where the column is nullable); else None."""
    out = {}
    for column in frame.columns:
        values = data[column.name]
        dtype = column.dtype
        kind = str if isinstance(dtype, pd.CategoricalDtype) else _KIND_OF.get(dtype)
        if kind is None:
            return None
        nullable = kind is not bool
        if kind is float:
            if not all(type(v) is float or (v is None) for v in values):
                return None
        elif not all(type(v) is kind or (nullable and v is None) for v in values):
            return None
        out[column.name] = _array(frame, column, values, kind)
    return pd.DataFrame(out, columns=frame.names)


def _array(frame: Frame, column: Column, values: list, kind: type):
    """One column's array from values of its Python type, built the fast way: pandas'
    general constructors cost tens of microseconds a call, and a build makes one per column
    of every frame of every article."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        _in_vocabulary(frame, column, values)
        codes = {c: i for i, c in enumerate(dtype.categories)}
        return pd.Categorical.from_codes([codes.get(v, -1) for v in values], dtype=dtype)
    if kind is bool:
        return np.array(values, dtype=bool)
    if kind is str:
        import pyarrow as pa

        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
    mask = np.array([v is None for v in values], dtype=bool)
    if kind is float:
        data = np.array([np.nan if v is None else v for v in values], dtype="float64")
        mask |= np.isnan(data)
        return pd.arrays.FloatingArray(np.where(mask, 0.0, data), mask)
    data = np.array([0 if v is None else v for v in values], dtype="int64")
    return pd.arrays.IntegerArray(data, mask)


def _astype(data: pd.DataFrame, frame: Frame) -> pd.DataFrame:
    data = data.copy()
    for column in frame.columns:
        if column.dtype == "bool":
            data[column.name] = data[column.name].fillna(False).astype(bool)
        elif column.dtype == "Float64":
            data[column.name] = pd.to_numeric(data[column.name]).astype("Float64")
        elif isinstance(column.dtype, pd.CategoricalDtype):
            values = data[column.name].astype(object).where(data[column.name].notna(), None)
            _in_vocabulary(frame, column, values.tolist())
            data[column.name] = pd.Categorical(values, dtype=column.dtype)
        else:
            data[column.name] = data[column.name].astype(column.dtype)
    return data.reset_index(drop=True)


def _in_vocabulary(frame: Frame, column: Column, values: list) -> None:
    """An engine that writes a value its column's vocabulary lacks is a bug: say so, rather
    than let the category turn it into a missing value."""
    unknown = set(values) - set(column.dtype.categories) - {None}
    if unknown:
        raise ValueError(f"{frame.name}.{column.name}: {sorted(map(str, unknown))} not in "
                         f"its vocabulary {list(column.dtype.categories)}")


@cache
def _empty(frame: Frame) -> pd.DataFrame:
    return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in frame.columns},
                        columns=frame.names)


# ---------------------------------------------------------------- the frames

_ARTICLE = Column("article", "string", "article id")
_PARAGRAPH = Column("paragraph", "Int64", "ordinal of the paragraph holding the row")


def _frame(name: str, row: str, *columns: tuple[str, str | pd.CategoricalDtype, str] | Column) -> Frame:
    return Frame(name, row, tuple(c if isinstance(c, Column) else Column(*c) for c in columns))


_FRAMES = [
    _frame(
        "articles", "One row per article file.",
        ("id", "string", "readable slug from the manifest; the key of every other frame's `article`"),
        ("file", "string", "file name in the sources folder"),
        ("title", "string", "title from the manifest (or the file's first line)"),
        ("outlet", "string", "who published the page"),
        ("attributed_to", "string", "who the article attributes its story to (empty when it speaks for itself)"),
        ("url", "string", "an address the text gives for its story, or empty"),
        ("language", "string", "ISO 639-1 code from the manifest, else guessed from the text's commonest words; selects the number format (`en`: 1,234.5; `de`: 1.234,5)"),
        ("published", "string", "ISO date at its precision (`2026-02-03`, `2023-11`), empty when unknown"),
        ("date_precision", _category(PRECISIONS), "day, month, year or none"),
        ("date_source", _category(DATE_SOURCES), "stated, inferred (computed or reasoned from the text) or unknown"),
        ("date_note", "string", "how the date is known, in words"),
        ("sha256", "string", "checksum of the file as read"),
        ("n_chars", "Int64", "characters of the decoded text"),
        ("n_words", "Int64", "words of the decoded text"),
        ("n_paragraphs", "Int64", "rows of `paragraphs` for this article"),
        ("boilerplate_share", "Float64", "share of paragraph characters that are page furniture"),
    ),
    _frame(
        "paragraphs", "One row per paragraph; together they cover every non-blank character of each file.",
        _ARTICLE,
        ("ordinal", "Int64", "position in the article, from 0"),
        ("kind", _category(PARAGRAPH_KINDS), "title, heading, paragraph, list_item, table or boilerplate (page furniture, kept)"),
        ("text", "string", "the paragraph's text, equal to `text[start:end]`"),
        ("start", "Int64", "offset of the first character"),
        ("end", "Int64", "offset after the last character"),
    ),
    _frame(
        "sentences", "One row per sentence of every paragraph, split once; quantities, claims and the checks read it. A line break always ends a sentence.",
        _ARTICLE, _PARAGRAPH,
        ("sentence", "Int64", "position in the article, from 0"),
        ("start", "Int64", "offset of the sentence's first character"),
        ("end", "Int64", "offset after its last character"),
        ("text", "string", "the sentence, equal to `text[start:end]`"),
        ("kind", _category(PARAGRAPH_KINDS), "the kind of the paragraph holding it"),
    ),
    _frame(
        "quantities", "One row per quantitative mention. Ranges are one row with `low`/`high`; dates have `date` and no `value`.",
        _ARTICLE, _PARAGRAPH,
        ("start", "Int64", "offset of the mention in the article text"),
        ("end", "Int64", "offset after the mention"),
        ("surface", "string", "the words as written, `text[start:end]`"),
        ("kind", _category(QUANTITY_KINDS), "money, count, percent, date, duration or other (multipliers, physical units)"),
        ("value", "Float64", "the number, normalised (\"$1.3 billion\" → 1.3e9, \"20-percent\" → 20); missing for ranges and dates"),
        ("low", "Float64", "lower end of a range or a vague amount (\"tens of thousands\" → 1e4)"),
        ("high", "Float64", "upper end of a range or a vague amount"),
        ("unit", "string", "ISO currency code for money, `percent`, the time unit of a duration, the noun counted for a count"),
        ("per", "string", "the rate period: hour, day, week, month or year (\"a day\", \"annual run-rate\")"),
        ("approx", "string", "the qualifier (roughly, about, more than, up to, …) or empty"),
        ("date", "string", "ISO date at the precision written (`2015-12`, `2024-H1`, `196X` for a decade, `a/b` for a date range)"),
        ("of", "Float64", "the whole in \"X out of Y\""),
        ("multiplier", "Float64", "the factor of the scale word (1e9 for \"billion\")"),
        ("date_flag", "string", "how a date was completed: year_from_base, relative, unresolved, fiscal_year, ambiguous, or empty"),
        ("ambiguous", "bool", "separators that read differently by locale, with no language known; the value is left empty"),
        ("sentence", "string", "the sentence around the mention (a window around it when the sentence is very long)"),
        ("sentence_start", "Int64", "offset of that sentence"),
        ("sentence_end", "Int64", "offset after that sentence"),
        ("is_boilerplate", "bool", "the mention lies in page furniture (bylines, view counters, …)"),
    ),
    _frame(
        "tables", "One row per data cell of every markdown pipe table (long format; `analysis.extract.tables.table_frame` pivots it back).",
        _ARTICLE,
        ("table", "Int64", "table index within the article, from 0"),
        ("row", "Int64", "data row, from 0 (the header is not a row)"),
        ("column", "Int64", "column, from 0"),
        ("header", "string", "the column's header; `column_<n>` when empty, `extra_<k>` for cells beyond the header"),
        ("value", "string", "the stripped cell text; missing when the cell is empty or the row too short"),
        ("level", "Int64", "rank in an ordinal column, 1 = lowest; missing when the column is not ordinal"),
        ("n_levels", "Int64", "number of levels of an ordinal column"),
        ("start", "Int64", "offset of the cell text (for a gap, the position of the gap)"),
        ("end", "Int64", "offset after the cell text"),
        ("is_gap", "bool", "the row was too short to have this cell"),
    ),
    _frame(
        "claims", "One row per sentence that carries a quantity or a claim cue.",
        _ARTICLE,
        ("paragraph", "Int64", "paragraph ordinal"),
        ("claim", "string", "`<article>:<n>`, n counted in text order"),
        ("start", "Int64", "offset of the sentence"),
        ("end", "Int64", "offset after the sentence"),
        ("sentence", "string", "the sentence"),
        ("attribution", "string", "who says it: an X handle, a person, a described group, a report, or `article`"),
        ("attribution_kind", _category(ATTRIBUTION_KINDS), "article, handle, person, group or report"),
        ("attribution_via", _category(ATTRIBUTION_VIA), "the rule that found it: sentence, back_reference, list, paragraph, hearsay or article"),
        ("hedges", "string", "hedging cues in text order, joined with \"; \""),
        ("n_hedges", "Int64", "number of cues"),
        ("grade", _category(GRADES, ordered=True), "ordered certainty grade: stated < attributed < hedged < speculative (rule in `analysis/extract/claims.py`)"),
        ("n_quantities", "Int64", "quantities in the sentence"),
        ("quantity_surfaces", "string", "their surfaces, joined with \"; \""),
        ("subject", _category(SUBJECTS), "main topic from the keyword families in `analysis.extract.topics.FAMILIES`, or other"),
        ("topics", "string", "every topic that matched, joined with \"; \""),
        ("is_boilerplate", "bool", "the sentence lies in page furniture"),
    ),
    _frame(
        "events", "One row per dated mention, in time order: the timeline.",
        _ARTICLE,
        ("paragraph", "Int64", "paragraph ordinal"),
        ("date", "string", "ISO date as in `quantities`"),
        ("precision", _category(EVENT_PRECISIONS, ordered=True), "century < decade < year < half < quarter < month < day"),
        ("date_start", "datetime64[ms]", "start of the period"),
        ("date_end", "datetime64[ms]", "first instant after the period (exclusive end)"),
        ("surface", "string", "the date as written"),
        ("sentence", "string", "the sentence around it"),
        ("start", "Int64", "offset of the mention"),
        ("end", "Int64", "offset after the mention"),
        ("attribution", "string", "from the claim holding the mention"),
        ("grade", _category(GRADES, ordered=True), "certainty grade of that claim"),
        ("is_boilerplate", "bool", "the mention lies in page furniture"),
    ),
    _frame(
        "entities", "One row per mention of a known entity (data/reference/entities.csv), and per capitalised name the table does not know (`known` false), in every sentence.",
        _ARTICLE,
        ("sentence", "Int64", "the sentence's position in the article (the `sentence` of `sentences`)"),
        ("start", "Int64", "offset of the mention"),
        ("end", "Int64", "offset after the mention"),
        ("surface", "string", "the words as written, possessive or plural included"),
        ("entity", "string", "entity id of the gazetteer; missing for an unknown name"),
        ("entity_kind", _category(ENTITY_KINDS), "organisation, model, product, programme, event or person"),
        ("known", "bool", "the gazetteer knows the name"),
        ("is_boilerplate", "bool", "the mention lies in page furniture"),
    ),
    _frame(
        "statements", "One row per assertion of an attribute of a known entity, found by the patterns of `analysis.extract.statements` in the prose sentences.",
        _ARTICLE,
        ("statement", "string", "`<article>:s<n>`, n counted in text order"),
        ("sentence", "Int64", "the sentence's position in the article"),
        ("start", "Int64", "offset of the sentence"),
        ("end", "Int64", "offset after the sentence"),
        ("entity", "string", "entity id the statement is about"),
        ("attribute", "string", "what it says of the entity: kind, based_in, maker, licence, announced, publicly_available, discontinued, status, role, removed_as, founded, founder_of, built_on, latest_model, partner_of, api, users, revenue, first"),
        ("value", "string", "what it says the attribute is (an entity id, a country, an ISO date, `no` for a denial)"),
        ("date", "string", "the ISO date the sentence gives for it, or missing"),
        ("pattern", "string", "the pattern that found it"),
        ("text", "string", "the sentence"),
    ),
    _frame(
        "checks", "One row per statement, checked against the reference facts (data/reference/facts.csv) at the article's date.",
        _ARTICLE,
        ("statement", "string", "the statement checked (`statements.statement`)"),
        ("entity", "string", "entity id"),
        ("attribute", "string", "the attribute stated"),
        ("stated", "string", "the value the article states"),
        ("verdict", _category(VERDICTS), "consistent, conflicts, outdated (true at some date, not at the article's) or unverifiable"),
        ("as_of", "string", "the article's date the check uses: an ISO date, or `a/` for a window from a with no known end"),
        ("fact_value", "string", "the value the facts give, or missing"),
        ("fact_valid_from", "string", "the fact's start of validity, or missing"),
        ("fact_valid_to", "string", "the fact's end of validity, or missing"),
        ("source", "string", "the fact's public source and its date"),
        ("url", "string", "where the source is"),
        ("explanation", "string", "one sentence on why the verdict"),
    ),
]

# Every frame by name, in the order the build writes them.
FRAMES: dict[str, Frame] = {f.name: f for f in _FRAMES}
NAMES: tuple[str, ...] = tuple(FRAMES)


def markdown() -> str:
    """The README's data dictionary: one section per frame, in build order."""
    return "\n\n".join(f.markdown() for f in FRAMES.values())


# The README's dictionary sits between these two markers.
DICTIONARY_START = "<!-- data-dictionary:start -->"
DICTIONARY_END = "<!-- data-dictionary:end -->"


def dictionary_of(readme: str) -> str | None:
    """The dictionary block of a README's text (between the markers), or None."""
    if DICTIONARY_START not in readme or DICTIONARY_END not in readme:
        return None
    return readme.split(DICTIONARY_START, 1)[1].split(DICTIONARY_END, 1)[0].strip("\n")


def with_dictionary(readme: str, file: object = "README.md") -> str:
    """The README's text with its dictionary block replaced by :func:`markdown`."""
    from analysis.errors import AnalysisError

    if dictionary_of(readme) is None:
        raise AnalysisError(f"no {DICTIONARY_START} ... {DICTIONARY_END} block", file=file)
    head, rest = readme.split(DICTIONARY_START, 1)
    tail = rest.split(DICTIONARY_END, 1)[1]
    return f"{head}{DICTIONARY_START}\n{markdown()}\n{DICTIONARY_END}{tail}"
