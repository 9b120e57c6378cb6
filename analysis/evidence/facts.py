"""The fact-checker's pass: each statement against dated public facts, at the article's date.

``data/reference/facts.csv`` holds one row per fact (entity, attribute, value, valid from,
valid to, source and its date, address, note). A statement is checked at the article's
date (:func:`as_of`): its publication date where the manifest knows it to the month or day,
otherwise a window that opens on the newest dated thing it names (a release, an
announcement, a partnership, a dated mention) and has no known end. The verdicts:

* **consistent**: a fact valid at that date says the same;
* **conflicts**: the facts say otherwise at that date;
* **outdated**: the statement held at some date, not at the article's (or, for a window,
  it held at the window's start and stopped holding later: the explanation gives the day);
* **unverifiable**: no fact on record for that entity and attribute (reported internal
  decisions, codenames), so nothing can be said either way.

:func:`contradictions` pairs statements of two articles about the same entity and
attribute that cannot both hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError
from analysis.frames.schema import FRAMES
from analysis.paths import REFERENCE
from analysis.sources.reference import read_rows

__all__ = ["FACTS_CSV", "Fact", "as_of", "check", "checks_of", "contradictions", "facts",
           "write_checks"]

FACTS_CSV = REFERENCE / "facts.csv"
_COLUMNS = ["entity", "attribute", "value", "valid_from", "valid_to", "source", "source_date",
            "url", "note"]
# Attributes whose value is a date, compared at the precision the article writes.
DATED = {"announced", "founded", "publicly_available", "discontinued", "held"}
# Attributes that hold only for a while: a statement names them as true at the article's date.
CURRENT = {"latest_model", "partner_of", "status", "role"}


@dataclass(frozen=True)
class Fact:
    entity: str
    attribute: str
    value: str
    valid_from: str
    valid_to: str
    source: str
    source_date: str
    url: str
    note: str

    def valid_at(self, day: dt.date) -> bool:
        return (not self.valid_from or _day(self.valid_from) <= day) and (
            not self.valid_to or day < _day(self.valid_to))


@lru_cache(maxsize=4)
def facts(path: str | Path = FACTS_CSV) -> tuple[Fact, ...]:
    """Every fact of the file; each row needs a source and an address."""
    path = Path(path)
    rows = read_rows(path, _COLUMNS, "reference facts")
    out = []
    for n, row in enumerate(rows, start=2):
        if not row["source"] or not row["url"] or not row["source_date"]:
            raise AnalysisError(f"line {n}: a fact needs a source, its date and its address",
                                file=path)
        for column in ("valid_from", "valid_to", "source_date"):
            if row[column] and not _is_date(row[column]):
                raise AnalysisError(f"line {n}: {column} {row[column]!r} is not an ISO date",
                                    file=path)
        out.append(Fact(**{k: row[k] for k in _COLUMNS}))
    return tuple(out)


def _is_date(value: str) -> bool:
    try:
        _day(value)
    except (ValueError, TypeError):
        return False
    return True


def _day(value: str) -> dt.date:
    """The first day of an ISO date at any precision ("2024", "2024-02", "2024-02-15")."""
    parts = [int(p) for p in str(value).split("-")[:3]]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


# ---------------------------------------------------------------- the article's date


def as_of(articles: pd.DataFrame, statements: pd.DataFrame,
          events: pd.DataFrame | None = None, known: tuple[Fact, ...] | None = None
          ) -> pd.DataFrame:
    """Per article: ``as_of`` (an ISO date, or ``start/`` for a window with no known end),
    ``start`` and ``end`` (the first and last day it may have been written; end missing for
    an open window) and ``how`` (the publication date, or what opens the window)."""
    known = facts() if known is None else known
    rows = []
    # Each undated article's own rows, found once: filtering the whole frames per article
    # made the checks of a 20,000-article build quadratic, and dated articles need none.
    undated = {str(art.id) for art in articles.itertuples(index=False)
               if not (str(art.published or "") and str(art.date_precision or "none")
                       in ("day", "month"))}
    st_of = _rows_of(statements, undated)
    ev_of = _rows_of(events, undated) if events is not None else {}
    for art in articles.itertuples(index=False):
        published, precision = str(art.published or ""), str(art.date_precision or "none")
        if published and precision in ("day", "month"):
            start = _day(published)
            end = start if precision == "day" else _month_end(start)
            rows.append({"article": art.id, "as_of": published, "start": start, "end": end,
                         "how": f"published {published} ({art.date_source})"})
            continue
        bound, why = _window_start(str(art.id), st_of.get(str(art.id), statements.iloc[:0]),
                                   ev_of.get(str(art.id), _none(events)), known)
        rows.append({"article": art.id, "as_of": f"{bound.isoformat()}/" if bound else "",
                     "start": bound, "end": None,
                     "how": f"no publication date; it names {why}" if bound else
                     "no publication date and nothing dated it names"})
    return pd.DataFrame(rows, columns=["article", "as_of", "start", "end", "how"])


def _none(events: pd.DataFrame | None) -> pd.DataFrame | None:
    return events.iloc[:0] if events is not None else None


def _rows_of(frame: pd.DataFrame, articles: set[str]) -> dict[str, pd.DataFrame]:
    """The rows of each of `articles` in `frame` (articles without rows are left out)."""
    if not articles:
        return {}
    mine = frame[frame["article"].astype(str).isin(articles)]
    return {str(k): v for k, v in mine.groupby("article", sort=False, observed=True)}


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# Facts that date when an entity came to exist: an article that names it is no older.
_EXISTS_FROM = ("announced", "publicly_available", "founded", "held")


def _window_start(article, statements, events, known):
    """The newest of: the day each entity the article states something about came to exist,
    the start of each partnership it states, and its own dated mentions."""
    mine = [(entity, attribute, value) for art, entity, attribute, value in zip(
        statements["article"].tolist(), statements["entity"].tolist(),
        statements["attribute"].tolist(), statements["value"].tolist(), strict=True)
        if art == article]
    entities = {entity for entity, _, _ in mine}
    partners = {(entity, value) for entity, attribute, value in mine if attribute == "partner_of"}
    best, why = None, ""
    first: dict[str, tuple[dt.date, str]] = {}
    for fact in known:
        if fact.entity in entities and fact.attribute in _EXISTS_FROM and fact.value[:1].isdigit():
            day = _day(fact.value)
            if fact.entity not in first or day < first[fact.entity][0]:
                first[fact.entity] = (day, f"{fact.entity} ({fact.attribute} {fact.value})")
        if fact.attribute == "partner_of" and (fact.entity, fact.value) in partners \
                and fact.valid_from:
            day = _day(fact.valid_from)
            first.setdefault(f"{fact.entity}+{fact.value}", (day, f"the partnership of "
                             f"{fact.entity} and {fact.value} (from {fact.valid_from})"))
    for day, text in first.values():
        if best is None or day > best:
            best, why = day, text
    if events is not None and len(events):
        for art, surface, start in zip(events["article"].tolist(), events["surface"].tolist(),
                                       events["date_start"].tolist(), strict=True):
            if art == article and pd.notna(start) and (best is None or start.date() > best):
                best, why = start.date(), f"the date {surface!r}"
    return best, why


# ---------------------------------------------------------------- the checks


def check(statements: pd.DataFrame, dates: pd.DataFrame,
          known: tuple[Fact, ...] | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """The checks frame: every statement with its verdict (columns in ``frames.schema``)."""
    known = facts() if known is None else known
    today = today or max((_day(f.source_date) for f in known), default=dt.date.today())
    by_key: dict[tuple[str, str], list[Fact]] = {}
    for fact in known:
        by_key.setdefault((fact.entity, fact.attribute), []).append(fact)
    info = {a: {"start": s, "end": e, "as_of": o} for a, s, e, o in zip(
        dates["article"], dates["start"], dates["end"], dates["as_of"], strict=True)}
    rows = []
    for st in statements.itertuples(index=False):
        when = info.get(st.article)
        start = when["start"] if when is not None else None
        end = (when["end"] if pd.notna(when["end"]) else None) if when is not None else None
        candidates = by_key.get((st.entity, _fact_attribute(st.attribute)), [])
        verdict, fact, why = _verdict(st, candidates, start, end, today)
        rows.append({
            "article": st.article, "statement": st.statement, "entity": st.entity,
            "attribute": st.attribute, "stated": st.value, "verdict": verdict,
            "as_of": (when["as_of"] if when is not None else "") or None,
            "fact_value": fact.value if fact else None,
            "fact_valid_from": (fact.valid_from or None) if fact else None,
            "fact_valid_to": (fact.valid_to or None) if fact else None,
            "source": f"{fact.source} ({fact.source_date})" if fact else None,
            "url": fact.url if fact else None, "explanation": why,
        })
    return FRAMES["checks"].typed(rows)


def _fact_attribute(attribute: str) -> str:
    return {"removed_as": "role", "revenue": "revenue_run_rate"}.get(attribute, attribute)


def _verdict(st, candidates: list[Fact], start, end, today: dt.date):
    """The verdict by the rule for the statement's attribute (:data:`_RULES`; dated and
    time-bound attributes have rules of their own, the rest compare values)."""
    if not candidates:
        return ("unverifiable", None,
                f"no public fact on record for {st.attribute} of {st.entity}.")
    if start is None:
        return "unverifiable", candidates[0], "the article's date is not known at all."
    rule = _RULES.get(st.attribute)
    if rule is None:
        rule = (_dated if st.attribute in DATED else
                _current if st.attribute in CURRENT or str(st.value) == "current" else _equal)
    return rule(st, candidates, start, end or today, end is None)


def _equal(st, candidates, start, end, window):
    value = str(st.value)
    same = [f for f in candidates if _same(f.value, value)]
    if same:
        return "consistent", same[0], f"the facts give {st.attribute} {same[0].value}."
    f = candidates[0]
    return "conflicts", f, f"the article says {value}; the facts give {f.value} ({f.source})."


def _removed(st, candidates, start, end, window):
    """'Was fired as CEO': a role on record that ended within a month of the article's date."""
    value, slack = str(st.value), dt.timedelta(days=31)
    ended = [f for f in candidates if f.value == value and f.valid_to
             and start - slack <= _day(f.valid_to) <= end]
    if ended:
        f = ended[0]
        return "consistent", f, f"{st.entity} stopped being {value} on {f.valid_to}."
    return "conflicts", candidates[0], f"no end of {value} near the article's date."


def _dated(st, candidates, start, end, window):
    value = str(st.value)
    f = candidates[0]
    if value == "no":  # a denial: "never released"
        day = _day(f.value)
        if end < day:
            return "consistent", f, f"not yet; that came on {f.value}."
        if start < day and window:
            return ("outdated", f, f"true until {f.value}; the article is dated only by a "
                    f"window from {start.isoformat()}, so it is out of date if written after "
                    f"{f.value}.")
        return "conflicts", f, f"it happened on {f.value}, before the article's date."
    stem = value.rstrip("X")  # "196X": any year of the 1960s
    if any(x.value.startswith(stem) for x in candidates):
        return "consistent", f, f"the facts give {f.value}."
    return "conflicts", f, f"the article gives {value}; the facts give {f.value} ({f.source})."


def _current(st, candidates, start, end, window):
    value = str(st.value)
    matching = [f for f in candidates if value == "current" or _same(f.value, value)
                or f.value.casefold().startswith(f"{value.casefold()} ")]
    if not matching:
        if st.attribute == "status":
            return ("unverifiable", candidates[0], f"no public record of status {value}; the "
                    f"facts record {', '.join(sorted({f.value for f in candidates}))}.")
        f = candidates[0]
        return "conflicts", f, f"the facts give {f.attribute} {f.value}, not {value}."
    at_start = [f for f in matching if f.valid_at(start)]
    at_end = [f for f in matching if f.valid_at(end)]
    if at_start and at_end:
        return "consistent", at_start[0], f"{_span(at_start[0])}, which covers the article's date."
    if not window and (at_start or at_end):
        f = (at_start or at_end)[0]
        return "consistent", f, f"{_span(f)}, which overlaps the article's month."
    if at_start:
        f = at_start[0]
        return ("outdated", f, f"{_span(f)}; the article is dated only by a window from "
                f"{start.isoformat()}, so it is out of date if written after {f.valid_to}.")
    f = matching[0]
    return "outdated", f, f"{_span(f)}; the article's date ({start.isoformat()}) is after it."


def _users(st, candidates, start, end, window):
    """A count of users agrees with the latest count on record by the article's date when it
    is within a tenth of it, or when its band ("hundreds of millions") holds it."""
    known = sorted((f for f in candidates if f.valid_from and _day(f.valid_from) <= end),
                   key=lambda f: _day(f.valid_from))
    if not known:
        return "unverifiable", candidates[0], "no count of users on record by the article's date."
    low, _, high = str(st.value).partition("-")
    low, high = float(low), float(high or low)
    latest = [f for f in known if _day(f.valid_from) <= start] or known[:1]
    checked = {latest[-1], known[-1]}
    fits = [f for f in checked if (low * 0.9 <= float(f.value) <= high * 1.1
                                   if low == high else low <= float(f.value) < high)]
    f = known[-1]
    if len(fits) == len(checked):
        return "consistent", f, f"{float(f.value):,.0f} users on record from {f.valid_from} ({f.note})."
    return "conflicts", f, (f"the count on record by the article's date is {float(f.value):,.0f} "
                            f"(from {f.valid_from}).")


def _revenue(st, candidates, start, end, window):
    """A revenue figure beside the run-rates on record: the public reports give annualised
    run-rates, not a year's revenue, so a match says which report the figure is, and no
    more."""
    value = float(st.value)
    near = [f for f in candidates if abs(float(f.value) - value) <= 0.05 * value]
    if near:
        f = near[0]
        return ("unverifiable", f, f"{value:,.0f} is the annualised revenue run-rate reported for "
                f"{f.valid_from} ({f.source}), not a year's revenue; no full-year figure is on "
                "record.")
    f = candidates[0]
    return "unverifiable", f, "the public reports give run-rates, not this figure."


# Attributes whose check is not a comparison of values or dates.
_RULES = {"removed_as": _removed, "users": _users, "revenue": _revenue}


def _span(f: Fact) -> str:
    return f"true from {f.valid_from or 'the start'} to {f.valid_to or 'now'}"


def _same(fact_value: str, stated: str) -> bool:
    return fact_value.strip().casefold() == stated.strip().casefold()


# ---------------------------------------------------------------- contradictions


def contradictions(statements: pd.DataFrame, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of statements from two articles about one entity and attribute whose values
    cannot both hold: entity, attribute, and each side's article, value and sentence.

    What changes with time (users, status, the latest model, partnerships, roles) can differ
    between articles written at different times: with ``dates`` (:func:`as_of`), such a pair
    counts only when the two articles' dates can overlap."""
    spans = {}
    if dates is not None:
        spans = {r.article: (r.start, r.end) for r in dates.itertuples(index=False)}
    rows = []
    st = statements.drop_duplicates(["article", "entity", "attribute", "value"])
    for (entity, attribute), group in st.groupby(["entity", "attribute"], sort=True):
        if attribute in ("maker", "founder_of"):  # several values can all hold
            continue
        items = list(group.itertuples(index=False))
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if a.article != b.article and not _same(str(a.value), str(b.value)) \
                        and not _compatible(attribute, str(a.value), str(b.value)) \
                        and not (attribute in CURRENT | {"users"}
                                 and not _overlap(spans.get(a.article), spans.get(b.article))):
                    rows.append({"entity": entity, "attribute": attribute,
                                 "article_a": a.article, "value_a": a.value, "sentence_a": a.text,
                                 "article_b": b.article, "value_b": b.value, "sentence_b": b.text})
    return pd.DataFrame(rows, columns=["entity", "attribute", "article_a", "value_a",
                                       "sentence_a", "article_b", "value_b", "sentence_b"])


def _compatible(attribute: str, a: str, b: str) -> bool:
    """Two dates at different precisions agree when one starts the other ("2024", "2024-02");
    two counts agree when one's band holds the other ("hundreds of millions", 100 million)."""
    if attribute in DATED and a[:1].isdigit() and b[:1].isdigit():
        return a.startswith(b) or b.startswith(a)
    if attribute == "users":
        (alo, ahi), (blo, bhi) = (_band(a), _band(b))
        return alo <= bhi and blo <= ahi
    return False


def _band(value: str) -> tuple[float, float]:
    low, _, high = value.partition("-")
    return float(low), float(high or low)


def _overlap(a, b) -> bool:
    """Two articles' (start, end) dates can overlap; an unknown date can be any."""
    if a is None or b is None or a[0] is None or b[0] is None:
        return True
    a_end = a[1] if pd.notna(a[1]) else dt.date.max
    b_end = b[1] if pd.notna(b[1]) else dt.date.max
    return a[0] <= b_end and b[0] <= a_end


def checks_of(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The checks frame of a batch of articles' frames (articles, statements, events): every
    row depends on its own article only, so a build computes it batch by batch as the frames
    stream and never holds the whole corpus."""
    known = facts()
    dates = as_of(frames["articles"], frames["statements"], frames["events"], known)
    return check(frames["statements"], dates, known)


def write_checks(folder: str | Path, *, partitioned: bool = False) -> int:
    """Check the statements of a built folder of frames and write the checks frame beside
    them; the number of rows. ``partitioned``: the folder is a Dask build's
    (``<frame>/part-*.parquet``), and so is what is written. (The CLI build computes the
    checks as the frames stream instead, with :func:`checks_of`.)"""
    from analysis.frames.build import PARQUET

    folder = Path(folder)
    frames = {name: pd.read_parquet(folder / (name if partitioned else f"{name}.parquet"))
              for name in ("articles", "statements", "events")}
    checks = checks_of(frames)
    if partitioned:
        (folder / "checks").mkdir(exist_ok=True)
        checks.to_parquet(folder / "checks" / "part-00000.parquet", index=False, **PARQUET)
    else:
        checks.to_parquet(folder / "checks.parquet", index=False, **PARQUET)
        checks.to_csv(folder / "checks.csv", index=False, lineterminator="\n")
    return len(checks)
