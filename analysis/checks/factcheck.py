"""06: what in the articles is wrong, out of date, contradicted by another article, or
cannot be checked, from the statements, the checks and the reference facts."""

from __future__ import annotations

import pandas as pd

from analysis.evidence import facts

__all__ = ["answer", "article_dates", "by_verdict", "contradictions", "findings",
           "superseded", "timeline_dates", "unchecked"]

FINDING_COLUMNS = ["article", "verdict", "finding", "sentence", "source"]


def _with_sentences(checks: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    text = statements.set_index("statement")["text"]
    return checks.assign(sentence=checks["statement"].map(text))


def findings(checks: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every conflict and outdated statement (one row per article, entity, attribute and
    stated value): the finding in a sentence a writer can quote, the article's sentence it
    is about, and the fact's source with its date and address."""
    rows = _with_sentences(checks, statements)
    rows = rows[rows["verdict"].isin(["conflicts", "outdated"])]
    rows = rows.drop_duplicates(["article", "entity", "attribute", "stated"])
    rows = rows.assign(finding=[_phrase(r) + "." for r in rows.itertuples()],
                       source=[f"{s} {u}" for s, u in zip(rows["source"], rows["url"],
                                                            strict=True)])
    return rows[FINDING_COLUMNS].sort_values(["verdict", "article"], kind="stable",
                                             ignore_index=True)


def by_verdict(checks: pd.DataFrame) -> pd.DataFrame:
    """Statements per article and verdict (a statement repeated in several sentences counts
    once per sentence)."""
    table = pd.crosstab(checks["article"].astype(str), checks["verdict"], dropna=False)
    table.columns = [str(c) for c in table.columns]
    table.index.name = "article"
    return table.assign(total=table.sum(axis=1))


def unchecked(checks: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The statements no fact can settle, with the reason."""
    rows = _with_sentences(checks, statements)
    rows = rows[rows["verdict"] == "unverifiable"]
    return rows.drop_duplicates(["article", "entity", "attribute", "stated"])[
        ["article", "entity", "attribute", "stated", "explanation", "sentence"]
    ].reset_index(drop=True)


def article_dates(articles: pd.DataFrame, statements: pd.DataFrame,
                  events: pd.DataFrame) -> pd.DataFrame:
    """Each article's date as the checks use it: publication date, or an open window."""
    return facts.as_of(articles, statements, events)[["article", "as_of", "how"]]


def superseded(checks: pd.DataFrame) -> pd.DataFrame:
    """Per article, what it presents as current (the latest model, a partnership, a status)
    that the facts date as superseded at its date: article, entity, attribute, until."""
    rows = checks[(checks["verdict"] == "outdated")
                  & checks["attribute"].isin(["latest_model", "partner_of", "status"])]
    rows = rows.drop_duplicates(["article", "entity", "attribute"])
    return pd.DataFrame({"article": rows["article"].to_numpy(),
                         "entity": [_name(e) for e in rows["entity"]],
                         "attribute": rows["attribute"].to_numpy(),
                         "until": rows["fact_valid_to"].to_numpy()})


def timeline_dates(articles: pd.DataFrame, statements: pd.DataFrame, events: pd.DataFrame,
                   checks: pd.DataFrame) -> pd.DataFrame:
    """Per article, what the timeline draws beside its events: the first and last day it may
    have been written (last missing for an open window), how that is known, and what it
    presents as current that was already superseded."""
    dates = facts.as_of(articles, statements, events)
    flags = superseded(checks)
    dates["superseded"] = [
        "; ".join(f"{r.entity} ({r.attribute}, until {r.until})"
                  for r in flags[flags["article"] == a].itertuples())
        for a in dates["article"]]
    return dates


def contradictions(statements: pd.DataFrame, articles: pd.DataFrame,
                   events: pd.DataFrame) -> pd.DataFrame:
    """Pairs of statements of two articles that cannot both hold, side by side with both
    sentences and both sources (outlet and address); the articles' dates are those the
    checks use."""
    pairs = facts.contradictions(statements, facts.as_of(articles, statements, events))
    where = articles.set_index("id")
    for side in ("a", "b"):
        ids = pairs[f"article_{side}"]
        pairs[f"source_{side}"] = [f"{where.loc[i, 'outlet']} {where.loc[i, 'url'] or ''}".strip()
                                   for i in ids]
    return pairs


def answer(checks: pd.DataFrame, statements: pd.DataFrame, articles: pd.DataFrame,
           events: pd.DataFrame) -> str:
    """The notebook's answer in words a writer can quote, computed from the frames."""
    rows = _with_sentences(checks, statements)
    found = rows[rows["verdict"].isin(["conflicts", "outdated"])].drop_duplicates(
        ["article", "entity", "attribute", "stated"])
    counts = checks["verdict"].value_counts()
    pairs = facts.contradictions(statements, facts.as_of(articles, statements, events))
    conflicts = found[found["verdict"] == "conflicts"]
    outdated = found[found["verdict"] == "outdated"]

    def listing(rows: pd.DataFrame) -> str:
        return "".join(f"\n  - {_phrase(r)}." for r in rows.itertuples())

    return (
        f"Of {len(checks)} checkable statements in {checks['article'].nunique()} articles, "
        f"{counts.get('consistent', 0)} agree with dated public facts "
        f"and {counts.get('unverifiable', 0)} cannot be checked against any public fact.\n"
        f"{len(conflicts)} distinct ones are wrong:{listing(conflicts)}\n"
        f"{len(outdated)} were true only before the article's date:{listing(outdated)}\n"
        f"{len(pairs)} pair(s) of statements from different articles contradict each other."
    )


# How a finding reads, per attribute: {name} is the entity, {stated} what the article says,
# {fact} what the facts say, {until} when what the article says stopped being true.
_CONFLICT = {
    "based_in": "{name} is based in {fact}, not {stated}",
    "licence": "{name} is {fact}, not {stated}",
    "api": "{name} was offered through an API from the start",
    "maker": "{name} is made by {fact}, not {stated}",
}
_OUTDATED = {
    "latest_model": "{name} was no longer the newest model of its maker after {until}",
    "partner_of": "{name} stopped being a partner of {stated} on {until}",
    "status": "{name} stopped being a {stated} on {until}",
    "publicly_available": "{name} was publicly released on {fact}",
}


def _name(entity) -> str:
    from analysis.extract.entities import gazetteer

    return gazetteer().names.get(str(entity), str(entity))


def _country(name: str) -> str:
    return f"the {name}" if name.startswith("United ") or name == "Netherlands" else name


def _phrase(row) -> str:
    fact, stated = _name(row.fact_value), _name(row.stated)
    if row.attribute == "based_in":
        fact, stated = _country(fact), _country(stated)
    values = {"name": _name(row.entity), "stated": stated, "fact": fact,
              "until": row.fact_valid_to if isinstance(row.fact_valid_to, str) else row.fact_value}
    if row.verdict == "conflicts":
        template = _CONFLICT.get(row.attribute, "{name}: the article says {stated}, the facts {fact}")
    else:
        template = _OUTDATED.get(row.attribute, "{name}: {stated} held only before the article")
    return template.format(**values)
