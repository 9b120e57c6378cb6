"""What is in the corpus: one row per article, quantities by kind, a browsable quantities list."""

from __future__ import annotations

import pandas as pd

from analysis.units import PERCENT

__all__ = ["BROWSE_COLUMNS", "answer", "articles_table", "browse", "kinds_table"]

# The columns a reader needs to find a number and judge it; the rest stay in the frame.
BROWSE_COLUMNS = ["article", "start", "surface", "kind", "value", "low", "high", "unit", "per",
                  "approx", "date", "is_boilerplate"]


def articles_table(articles: pd.DataFrame, quantities: pd.DataFrame) -> pd.DataFrame:
    """One row per article: outlet, date and how it is known, size, page-furniture share,
    and how many quantitative mentions it holds (page furniture counted apart)."""
    furniture = quantities["is_boilerplate"].astype(bool)
    in_text = quantities[~furniture].groupby("article").size()
    in_furniture = quantities[furniture].groupby("article").size()
    out = pd.DataFrame({
        "article": articles["id"],
        "outlet": articles["outlet"],
        "attributed_to": articles["attributed_to"],
        "published": articles["published"].replace("", "unknown"),
        "date_source": articles["date_source"].astype("string"),
        "how_the_date_is_known": articles["date_note"],
        "words": articles["n_words"],
        "furniture_pct": (articles["boilerplate_share"] * PERCENT).round(1),
    })
    out["quantities"] = out["article"].map(in_text).fillna(0).astype("int64")
    out["quantities_in_furniture"] = out["article"].map(in_furniture).fillna(0).astype("int64")
    return out.set_index("article")


def kinds_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """Quantitative mentions per article and kind (page furniture left out), with totals."""
    body = quantities[~quantities["is_boilerplate"].astype(bool)]
    table = pd.crosstab(body["article"].astype(str), body["kind"].astype(str),
                        margins=True, margins_name="total")
    table.index.name, table.columns.name = "article", "kind"
    return table


def browse(quantities: pd.DataFrame) -> pd.DataFrame:
    """Every quantity, key columns only, in article and text order."""
    out = quantities[BROWSE_COLUMNS].sort_values(["article", "start"], kind="stable")
    return out.reset_index(drop=True)


def answer(articles: pd.DataFrame, quantities: pd.DataFrame) -> str:
    """The notebook's one-sentence answer, computed from the frames."""
    known = int((articles["published"].fillna("") != "").sum())
    stated = int((articles["date_source"].astype(str) == "stated").sum())
    furniture = int(quantities["is_boilerplate"].astype(bool).sum())
    return (
        f"{len(articles)} articles from {articles['outlet'].nunique()} outlets, "
        f"{known} with a date ({stated} stated in the text, {known - stated} inferred), "
        f"{int(articles['n_words'].sum()):,} words and {len(quantities)} quantitative mentions, "
        f"{furniture} of them page furniture."
    )
