"""Quantitative mentions in article text: money, counts, percents, dates, durations, ratios.

`extract(text)` returns one row per mention with character offsets, a normalised value
(or a low/high range), its unit, rate period, qualifier and ISO date, plus the sentence it
sits in; `for_corpus` gives the quantities frame of a corpus. The scan itself is
`analysis.extract.scan` (the regex in `patterns`, the grammar's words in `lexicon`); the
rules a reader needs to predict the output are in those modules and in tests/gold/README.md.
"""

from __future__ import annotations

import bisect

import pandas as pd

from analysis.extract import sentences
from analysis.extract.scan import Mention, names_fiscal_periods, scan
from analysis.frames.schema import FRAMES, QUANTITY_KINDS, Frame

KINDS = QUANTITY_KINDS

# Columns of the frame `extract` returns, in order.
COLUMNS = [
    "start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "approx",
    "date", "of", "multiplier", "date_flag", "ambiguous", "sentence", "sentence_start",
    "sentence_end",
]
# Columns of `python -m analysis quantities` CSV output after its leading "file" column,
# so the header starts "file,start,end,surface,kind,value,low,high,unit,per,approx,date".
CSV_COLUMNS = [
    "start", "end", "surface", "kind", "value", "low", "high", "unit", "per", "approx",
    "date", "of", "multiplier", "date_flag", "ambiguous", "sentence",
]

# date_flag values: how the date column was obtained.

# A sentence longer than this is quoted as a window around the mention, so a huge
# unpunctuated line does not repeat megabytes of text in every row.
MAX_SENTENCE = 600
WINDOW = 150

def _line_spans(text: str, rows: list[Mention]) -> list[tuple[int, int]]:
    """The sentence spans of the lines that hold a mention: a line break always ends a
    sentence, so splitting those lines alone gives the same spans as splitting the text."""
    out: list[tuple[int, int]] = []
    line_end = -1
    for row in rows:
        if row.start < line_end:
            continue
        a = text.rfind("\n", 0, row.start) + 1
        b = text.find("\n", row.start)
        line_end = len(text) if b < 0 else b
        out += sentences.spans(text, a, line_end)
    return out


def _sentence_cols(text: str, rows: list[Mention],
                   spans: list[tuple[int, int]] | None = None) -> tuple[list, list, list]:
    """Sentence text and offsets per row, by bisect over the sentence spans (those of the
    sentences frame when given, else the text's own)."""
    spans = _line_spans(text, rows) if spans is None else spans
    starts = [a for a, _ in spans]
    out_s, out_a, out_b = [], [], []
    cache: dict[int, str] = {}
    for row in rows:
        s, e = row.start, row.end
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and spans[i][1] >= e:
            a, b = spans[i]
        else:
            a, b = sentences.around(text, s, e, cache=[])
        if b - a > MAX_SENTENCE:
            a2, b2 = max(a, s - WINDOW), min(b, e + WINDOW)
            out_s.append(text[a2:b2])
        else:
            if i not in cache or cache[i][0] != (a, b):
                cache[i] = ((a, b), text[a:b])
            out_s.append(cache[i][1])
        out_a.append(a)
        out_b.append(b)
    return out_s, out_a, out_b


# The columns `extract` returns, typed as the quantities frame types them.
_EXTRACT = Frame("quantities", "", tuple(c for c in FRAMES["quantities"].columns
                                          if c.name in COLUMNS))


def _columns(rows: list[Mention], text: str, spans: list[tuple[int, int]] | None = None,
             data: dict[str, list] | None = None) -> dict[str, list]:
    """Mentions as column lists, the sentence columns added; appended to ``data`` when given."""
    data = {name: [] for name in COLUMNS} if data is None else data
    for name, values in zip(Mention._fields, zip(*rows, strict=True) if rows else
                            [()] * len(Mention._fields), strict=True):
        data[name].extend(values)
    sent, a, b = _sentence_cols(text, rows, spans)
    data["sentence"].extend(sent)
    data["sentence_start"].extend(a)
    data["sentence_end"].extend(b)
    return data


def extract(text: str, *, lang: str | None = "en", base_date=None) -> pd.DataFrame:
    """One row per quantitative mention in `text`, in text order (see COLUMNS).

    lang sets the decimal mark ("en": 1,234.5; "de"/"fr"/...: 1.234,5); lang=None means
    unknown, and a lone separator before three digits ("1.234") is then flagged ambiguous
    with value NaN. base_date (date, 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or None) resolves
    relative dates and months without a year; without it they are flagged 'unresolved'.
    """
    rows = scan(text, lang, base_date)
    return _EXTRACT.typed(_columns(rows, text))


def base_date_of(published, precision) -> str:
    """An article's publication date as a base date: only when it is known to the month or
    the day (a year alone would give every year-less month that year), else ''."""
    published = "" if published is None or pd.isna(published) else str(published)
    precision = "" if precision is None or pd.isna(precision) else str(precision)
    if precision:
        return published if precision in ("day", "month") else ""
    return published if len(published) >= 7 else ""


def for_corpus(corpus, sentences_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quantities of every paragraph of a corpus, offsets into corpus.texts[article].

    Adds article, paragraph (ordinal) and is_boilerplate (paragraph kind 'boilerplate');
    base_date is the article's published date when it has month or day precision, lang its
    language. Each mention's sentence comes from the sentences frame (built from the corpus
    when not given). Rows are ordered by article then start.
    """
    if sentences_frame is None:
        sentences_frame = sentences.for_corpus(corpus)
    spans_of = {article: list(zip(part["start"].tolist(), part["end"].tolist(), strict=True))
                for article, part in sentences_frame.groupby("article", sort=False,
                                                             observed=True)}
    arts = corpus.articles.set_index("id")
    data: dict[str, list] = {name: [] for name in FRAMES["quantities"].names}
    in_order = True
    for article, paras in corpus.paragraphs.groupby("article", sort=True, observed=True):
        text = corpus.texts[article]
        info = arts.loc[article] if article in arts.index else None
        lang = (info.get("language") or None) if info is not None else None
        published = base_date_of(info.get("published"), info.get("date_precision")) \
            if info is not None else ""
        rows: list[Mention] = []
        fiscal = names_fiscal_periods(text)
        # Column lists, not itertuples: iterating Arrow-backed and categorical columns row by
        # row costs more than the scan of a short paragraph.
        for p_text, p_start, p_ordinal, p_kind in zip(
                paras["text"].tolist(), paras["start"].tolist(), paras["ordinal"].tolist(),
                paras["kind"].tolist(), strict=True):
            par_rows = scan(p_text, lang, published or None, fiscal)
            start = int(p_start)
            for r in par_rows:
                rows.append(r._replace(start=r.start + start, end=r.end + start))
            data["paragraph"] += [int(p_ordinal)] * len(par_rows)
            data["is_boilerplate"] += [str(p_kind) == "boilerplate"] * len(par_rows)
        in_order = in_order and all(x[0] <= y[0] for x, y in zip(rows, rows[1:], strict=False))
        data["article"] += [str(article)] * len(rows)
        _columns(rows, text, spans_of.get(article, []), data)
    out = FRAMES["quantities"].typed(data)
    if not in_order:
        out = out.sort_values(["article", "start"], kind="stable", ignore_index=True)
    return out
