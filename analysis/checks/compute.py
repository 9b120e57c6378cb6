"""The compute what-if set against the articles: their fleet and cost figures, their table.

Reads the processed frames (quantities, tables) and compares what the articles report with
the model's reference fleet and its rule for reading priority levels as shares; the model
itself (:mod:`analysis.models.compute`) takes no frames.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ModelError
from analysis.evidence.registry import GROUPS
from analysis.models.compute import (
    fleet_for_daily_cost,
    group_shares,
    priority_level,
)
from analysis.models.reference import compute_constants

__all__ = ["article_checks", "reported_daily_costs", "reported_fleets", "table_levels_check"]


def _bounds(rows: pd.DataFrame) -> pd.DataFrame:
    """low/high of quantity rows, falling back to value where a row has no range."""
    value = pd.to_numeric(rows["value"], errors="coerce")
    low = pd.to_numeric(rows.get("low", value), errors="coerce").fillna(value)
    high = pd.to_numeric(rows.get("high", value), errors="coerce").fillna(value)
    return rows.assign(low=low.astype("float64"), high=high.astype("float64"))


def reported_fleets(quantities: pd.DataFrame) -> pd.DataFrame:
    """Quantity rows that count GPUs (unit mentions GPU), with low/high filled from value."""
    unit = quantities["unit"].astype("string").str.casefold().fillna("")
    rows = quantities[unit.str.contains("gpu", regex=False)]
    return _bounds(rows)


def reported_daily_costs(quantities: pd.DataFrame) -> pd.DataFrame:
    """Money quantity rows quoted per day (a daily running cost), with low/high filled from value."""
    kind = quantities["kind"].astype("string").str.casefold().fillna("")
    per = quantities["per"].astype("string").str.casefold().fillna("")
    rows = quantities[(kind == "money") & per.isin(["day", "daily", "a day", "per day"])]
    return _bounds(rows)


def article_checks(quantities: pd.DataFrame, ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """The corpus's own fleet and daily-cost figures set beside the model's reference fleet.

    One row per reported figure: its range in GPUs (a daily cost becomes the fleet it rents at
    the 2023 and the 2024-2025 reference prices) and whether the reference fleet falls inside.
    """
    ref = compute_constants() if ref is None else ref
    fleet = float(ref.loc["fleet_gpus", "value"])
    rows = []
    for _, row in reported_fleets(quantities).iterrows():
        rows.append(
            {
                "article": row["article"],
                "figure": row.get("surface"),
                "basis": "GPU count",
                "low_gpus": row["low"],
                "high_gpus": row["high"],
                "sentence": row.get("sentence"),
            }
        )
    for _, row in reported_daily_costs(quantities).iterrows():
        for price_name in ("price_per_gpu_hour_2023", "price_per_gpu_hour"):
            price = float(ref.loc[price_name, "value"])
            rows.append(
                {
                    "article": row["article"],
                    "figure": row.get("surface"),
                    "basis": f"daily cost at ${price:,.2f}/GPU-hour ({price_name})",
                    "low_gpus": float(fleet_for_daily_cost(row["low"], price)),
                    "high_gpus": float(fleet_for_daily_cost(row["high"], price)),
                    "sentence": row.get("sentence"),
                }
            )
    frame = pd.DataFrame(
        rows, columns=["article", "figure", "basis", "low_gpus", "high_gpus", "sentence"]
    )
    frame["reference_fleet_inside"] = (frame["low_gpus"] <= fleet) & (fleet <= frame["high_gpus"])
    return frame


def table_levels_check(tables: pd.DataFrame, shares, ref: pd.DataFrame | None = None
                       ) -> pd.DataFrame:
    """The corpus's resource table (tables frame) beside the level the share rule gives each group.

    Finds the table with a "Resource Allocation Status" column, matches its project column to
    GROUPS by name (case-insensitive prefix) and reports whether the two levels agree.
    ``evidence`` says what an agreement is worth: where the reference CSV says a group's
    shares were set to fit this very table and ``shares`` are those shares, agreement is by
    construction and proves nothing.
    """
    ref = compute_constants() if ref is None else ref
    header = tables["header"].astype("string").str.casefold().fillna("")
    status = tables[header.str.contains("resource allocation", regex=False)]
    if status.empty:
        raise ModelError("no table with a 'Resource Allocation Status' column in the tables frame")
    keys = ["article", "table", "row"]
    first_column = tables[tables["column"] == 0][[*keys, "value"]].rename(
        columns={"value": "project"}
    )
    rows = (
        status[[*keys, "value"]]
        .rename(columns={"value": "table_level"})
        .merge(first_column, on=keys)
    )
    groups = group_shares(shares)
    found = []
    for _, row in rows.iterrows():
        project = str(row["project"]).casefold()
        group = next((g for g in GROUPS if project.startswith(g.casefold())), None)
        if group is None:
            continue
        rule = priority_level(groups[group])
        fitted = _fitted_to_table(ref, group, shares)
        found.append(
            {
                "article": row["article"],
                "project": row["project"],
                "group": group,
                "share": float(groups[group]),
                "table_level": row["table_level"],
                "rule_level": rule,
                "agrees": str(row["table_level"]).strip().casefold() == rule.casefold(),
                "evidence": ("none: these shares were set to fit this table" if fitted
                             else "the shares were not taken from the table"),
            }
        )
    return pd.DataFrame(
        found,
        columns=["article", "project", "group", "share", "table_level", "rule_level", "agrees",
                 "evidence"],
    )


def _fitted_to_table(ref: pd.DataFrame, group: str, shares) -> bool:
    """The group's shares are the reference ones, and the reference says it chose them to be
    consistent with the resource table."""
    members = [f"share_{p}" for p in GROUPS[group] if f"share_{p}" in ref.index]
    given = pd.Series(shares, dtype="float64")
    same = all(abs(float(given.get(m.removeprefix("share_"), float("nan")))
                   - float(ref.loc[m, "value"])) < 1e-9 for m in members)
    return same and any("resource table" in str(ref.loc[m, "source"]).casefold()
                        for m in members)


def answer(ref: pd.DataFrame | None = None) -> str:
    """The notebook's answer, keeping apart what the articles say, what the reference data
    says and what the suite assumes; the figure that rests on assumptions is a range."""
    from analysis.models.compute import RANGE_INPUTS, summary_range

    ref = compute_constants() if ref is None else ref
    assumed = [n for n in RANGE_INPUTS if str(ref.loc[n, "source"]).startswith("Assumption")]
    sourced = [n for n in RANGE_INPUTS if n not in assumed]
    r = summary_range(ref)
    saved, share = r.loc["days_saved"], r.loc["share_of_run_saved"]
    return (
        "The articles say: Sora's compute goes to training Spud; they give no fleet, shares "
        "or model size.\n"
        f"The reference data gives, from public sources: {', '.join(sourced)} (each with a "
        "low and a high; training_flop is GPT-4's estimated training compute, standing in "
        "for Spud's).\n"
        f"The suite assumes: {', '.join(assumed)}.\n"
        f"At the reference values, moving Sora's share to training saves "
        f"{saved['reference']:,.0f} days ({share['reference']:.0%} of the run); over the low "
        f"and high values of all six inputs the saving runs from {saved['low']:,.1f} to "
        f"{saved['high']:,.0f} days ({share['low']:.0%} to {share['high']:.0%} of the run), "
        "so the size of the gain is the assumptions', not the articles'."
    )
