"""The claims ledger: who says what, how hedged, and where the articles agree or differ.

Comparisons across articles are read, not computed: each names the sentences it sets side
by side (found by a pattern in the prose, so the words shown are the articles' own) and a
verdict with a one-line reason. Where the verdict can be computed (two dates), it is.
"""

from __future__ import annotations

import pandas as pd

from analysis.checks.attention import sentence_table
from analysis.evidence import named
from analysis.evidence.registry import COMPARISONS, Comparison
from analysis.units import PERCENT

__all__ = ["answer", "comparisons", "hedged_share", "ledger"]

LEDGER_COLUMNS = ["article", "sentence", "attribution", "attribution_kind", "hedges", "grade",
                  "subject"]


def ledger(claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim (page furniture left out) with attribution, hedges and certainty grade."""
    body = claims[~claims["is_boilerplate"].astype(bool)]
    return body[LEDGER_COLUMNS].reset_index(drop=True)


def hedged_share(claims: pd.DataFrame) -> pd.DataFrame:
    """Per article: claims, how many carry a hedge, the hedged share, and claims per grade."""
    body = claims[~claims["is_boilerplate"].astype(bool)]
    grades = pd.crosstab(body["article"].astype(str), body["grade"]).add_prefix("grade_")
    out = pd.DataFrame({
        "claims": body.groupby("article").size(),
        "hedged": body.assign(h=body["n_hedges"].fillna(0) > 0).groupby("article")["h"].sum(),
    }).astype("int64")
    out.index = out.index.astype(str)
    out["hedged_pct"] = (out["hedged"] / out["claims"] * PERCENT).round(1)
    out = out.join(grades)
    out.index.name = "article"
    return out


def _find(table: pd.DataFrame, article: str, pattern: str) -> pd.Series:
    hits = table[(table["article"] == article)
                 & table["text"].str.contains(pattern, case=False, regex=True)]
    if len(hits) != 1:
        raise named.ClaimLookupError(
            f"comparison sentence {pattern!r} in {article!r} matched {len(hits)} sentences")
    return hits.iloc[0]


def comparisons(sentences_frame: pd.DataFrame, quantities: pd.DataFrame,
                registry: tuple[Comparison, ...] = COMPARISONS) -> pd.DataFrame:
    """One row per side of each comparison: subject, verdict, reason, article, offsets, words."""
    table = sentence_table(sentences_frame)
    rows = []
    for comp in registry:
        verdict = comp.verdict
        if verdict == "computed":
            dates = {named.claim(n, quantities).date for n in comp.date_claims}
            verdict = "agree" if len(dates) == 1 else "contradict"
        for article, pattern in comp.sides:
            hit = _find(table, article, pattern)
            rows.append((comp.subject, verdict, comp.reason, article, int(hit["start"]),
                         int(hit["end"]), hit["text"]))
    return pd.DataFrame(rows, columns=["subject", "verdict", "reason", "article", "start",
                                       "end", "sentence"]).set_index(["subject", "article"])


def answer(claims: pd.DataFrame, sentences_frame: pd.DataFrame, quantities: pd.DataFrame) -> str:
    """The notebook's one-sentence answer, computed from the frames."""
    share = hedged_share(claims)
    comp = comparisons(sentences_frame, quantities).reset_index().drop_duplicates("subject")
    counts = comp["verdict"].value_counts()
    most = share["hedged_pct"].idxmax()
    return (
        f"{int(share['claims'].sum())} claims, {int(share['hedged'].sum())} of them hedged; "
        f"{most} hedges most ({share.loc[most, 'hedged_pct']:.0f} % of its claims); of "
        f"{len(comp)} subjects the articles share, they agree on {counts.get('agree', 0)}, "
        f"contradict each other on {counts.get('contradict', 0)} and differ on "
        f"{counts.get('differ', 0)}."
    )
