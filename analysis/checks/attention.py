"""How much of each article's prose is about each programme of the resource table.

A sentence "talks about" a programme when it holds a keyword of that programme's topic
family; the families are those of :data:`analysis.extract.topics.FAMILIES` (one documented place),
so a sentence naming ChatGPT and Sora counts for both and shares need not sum to 100 %.
Page furniture and the table itself are left out: the question is what the prose says.
"""

from __future__ import annotations

import pandas as pd

from analysis.evidence.registry import PROGRAMME_TOPICS
from analysis.extract import topics
from analysis.units import PERCENT

__all__ = ["PROSE_KINDS", "answer", "shares", "sentence_table", "table_vs_prose"]

PROSE_KINDS = ("title", "heading", "paragraph", "list_item")


def sentence_table(sentences_frame: pd.DataFrame) -> pd.DataFrame:
    """The prose rows of the sentences frame (page furniture and tables left out): article,
    paragraph, start, end (offsets into the article's text), text, and topics (every
    keyword family that matched, joined with "; ")."""
    prose = sentences_frame[sentences_frame["kind"].astype(str).isin(PROSE_KINDS)]
    out = prose[["article", "paragraph", "start", "end", "text"]].reset_index(drop=True)
    out["topics"] = topics.for_sentences(prose)["topics"]
    return out


def shares(sentences_frame: pd.DataFrame, families=PROGRAMME_TOPICS) -> pd.DataFrame:
    """Per article and programme: sentences that talk about it, and their share of the prose.

    Columns: article, programme, topic, sentences, of_sentences, share_pct.
    """
    table = sentence_table(sentences_frame)
    rows = []
    for article, group in table.groupby("article", sort=False):
        topics = group["topics"].str.split("; ")
        for programme, topic in families.items():
            n = int(topics.map(lambda ts, t=topic: t in ts).sum())
            rows.append((article, programme, topic, n, len(group)))
    out = pd.DataFrame(rows, columns=["article", "programme", "topic", "sentences",
                                      "of_sentences"])
    out["share_pct"] = (out["sentences"] / out["of_sentences"] * PERCENT).round(1)
    out["programme"] = pd.Categorical(out["programme"], categories=list(families), ordered=True)
    return out


def table_vs_prose(tables_frame: pd.DataFrame, attention: pd.DataFrame, article: str,
                   key: str = "Project Focus") -> pd.DataFrame:
    """The table's ordinal levels beside the attention each article's prose gives the
    programme, and its attention rank within that article (1 = most sentences)."""
    wide = attention.pivot(index="programme", columns="article", values="share_pct")
    wide.columns = [f"{a} %" for a in wide.columns]
    ranks = attention[attention["article"] == article].set_index("programme")["share_pct"]
    levels = tables_frame.set_index(key)
    levels.index = pd.CategoricalIndex(levels.index, categories=list(wide.index), ordered=True,
                                       name="programme")
    out = levels.join(wide, how="left")
    out["rank_in_table_article"] = ranks.rank(ascending=False, method="min").astype("int64")
    return out


def answer(tables_frame: pd.DataFrame, attention: pd.DataFrame, article: str,
           key: str = "Project Focus") -> str:
    """One sentence: does the prose rank the programmes as the table does?"""
    table_order = list(tables_frame[key])
    prose = attention[attention["article"] == article].sort_values("share_pct",
                                                                   ascending=False)
    prose_order = [str(p) for p in prose["programme"]]
    top = attention.loc[attention.groupby("article", sort=False)["share_pct"].idxmax()]
    leaders = "; ".join(f"{a}: {p}" for a, p in zip(top["article"], top["programme"],
                                                    strict=True))
    verdict = "matches" if prose_order == table_order else "does not match"
    return (
        f"The table ranks {' > '.join(table_order)}; the same article's prose "
        f"{verdict} that order ({' > '.join(prose_order)} by share of sentences), and the "
        f"programme each article talks about most is {leaders}."
    )
