"""A GPU fleet shared among programmes: what each share costs and what it buys.

The articles say compute was taken from the Sora app (and from research outside language
models) and given to ChatGPT and to training the next language model, codenamed "Spud".
These functions turn a fleet, its shares and a few hardware constants into GPUs and dollars
per programme, days to train the next model, and minutes of Sora video per day. Every default
comes from ``data/reference/compute.csv``, each row with its public source or marked as an
assumption. All functions are pure and accept numpy arrays where a scalar is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.evidence.registry import GROUPS, PRIORITY_LEVELS, SCENARIOS, Scenario
from analysis.models.reference import COMPUTE_CSV, compute_constants

PROGRAMMES = (
    "chatgpt_inference",
    "spud_training",
    "sora_inference",
    "world_model_research",
    "other_research",
)
LABELS = {
    "chatgpt_inference": "ChatGPT inference",
    "spud_training": "Spud training",
    "sora_inference": "Sora app inference",
    "world_model_research": "World-model research",
    "other_research": "Other research",
}
TRAINING = "spud_training"
SORA = "sora_inference"

SECONDS_PER_DAY = 86_400
HOURS_PER_DAY = 24

_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Params:
    """Inputs of the fleet model; shares are a Series indexed by programme, summing to 1."""

    fleet_gpus: float
    shares: pd.Series = field(compare=False)
    peak_flops_per_gpu: float
    mfu: float
    price_per_gpu_hour: float
    training_flop: float
    sora_seconds_per_gpu_hour: float

    def with_(self, **changes) -> Params:
        """A copy with some inputs changed (shares are checked and normalised to the programmes)."""
        if "shares" in changes:
            changes["shares"] = check_shares(changes["shares"])
        return replace(self, **changes)


def defaults(ref: pd.DataFrame | None = None) -> Params:
    """The reference parameters: every number comes from the reference CSV."""
    ref = compute_constants() if ref is None else ref
    value = ref["value"]
    try:
        shares = pd.Series([value[f"share_{p}"] for p in PROGRAMMES], index=list(PROGRAMMES))
        return Params(
            fleet_gpus=float(value["fleet_gpus"]),
            shares=check_shares(shares),
            peak_flops_per_gpu=float(value["peak_flops_per_gpu"]),
            mfu=float(value["mfu"]),
            price_per_gpu_hour=float(value["price_per_gpu_hour"]),
            training_flop=float(value["training_flop"]),
            sora_seconds_per_gpu_hour=float(value["sora_seconds_per_gpu_hour"]),
        )
    except KeyError as error:
        raise ModelError(
            f"reference constant missing: {error.args[0]}", file=COMPUTE_CSV
        ) from None


_PROGRAMME_INDEX = pd.Index(list(PROGRAMMES))


def check_shares(shares) -> pd.Series:
    """Shares as a float Series over PROGRAMMES; ModelError unless each is in [0, 1] and they sum to 1."""
    if (isinstance(shares, pd.Series) and shares.dtype == "float64"
            and shares.index.equals(_PROGRAMME_INDEX)):
        series = shares.copy()  # already in shape: the range of 64 corners checks thousands
    else:
        series = pd.Series(shares, dtype="float64")
        unknown = set(series.index) - set(PROGRAMMES)
        if unknown:
            raise ModelError(f"unknown programmes: {', '.join(sorted(map(str, unknown)))}")
        series = series.reindex(list(PROGRAMMES), fill_value=0.0)
    values = series.to_numpy()
    if np.isnan(values).any() or ((values < 0) | (values > 1)).any():
        raise ModelError("each share must be between 0 and 1")
    total = float(series.sum())
    if abs(total - 1.0) > _TOLERANCE:
        raise ModelError(f"shares must sum to 1 (100 %), got {total:.4f}")
    return series


def training_days(training_flop, gpus, peak_flops_per_gpu, mfu):
    """Days to spend training_flop on gpus at mfu of peak; inf where no GPUs train."""
    throughput = np.multiply(np.multiply(gpus, peak_flops_per_gpu), mfu)
    with np.errstate(divide="ignore"):
        return np.divide(training_flop, throughput * SECONDS_PER_DAY)


def sora_minutes_per_day(gpus, seconds_per_gpu_hour):
    """Minutes of video per day that gpus generate at seconds_per_gpu_hour each."""
    return np.multiply(gpus, seconds_per_gpu_hour) * HOURS_PER_DAY / 60


def daily_cost_for_fleet(gpus, price_per_gpu_hour):
    """Dollars per day to rent gpus around the clock."""
    return np.multiply(gpus, price_per_gpu_hour) * HOURS_PER_DAY


def fleet_for_daily_cost(cost_per_day, price_per_gpu_hour):
    """GPUs that cost_per_day rents around the clock at price_per_gpu_hour."""
    return np.divide(cost_per_day, np.multiply(price_per_gpu_hour, HOURS_PER_DAY))


def allocation(params: Params) -> pd.DataFrame:
    """One row per programme: share, GPUs, GPU-hours and dollars per day."""
    shares = params.shares
    gpus = shares.to_numpy() * params.fleet_gpus
    return pd.DataFrame(
        {
            "programme": pd.Categorical(list(PROGRAMMES), categories=list(PROGRAMMES)),
            "label": [LABELS[p] for p in PROGRAMMES],
            "share": shares.to_numpy(),
            "gpus": gpus,
            "gpu_hours_per_day": gpus * HOURS_PER_DAY,
            "cost_per_day": daily_cost_for_fleet(gpus, params.price_per_gpu_hour),
        }
    )


def summary(params: Params) -> dict[str, float]:
    """The headline numbers: training days now and with Sora's share moved to training."""
    train_share = float(params.shares[TRAINING])
    sora_share = float(params.shares[SORA])
    days_now, days_moved = training_days(
        params.training_flop,
        np.array([train_share, train_share + sora_share]) * params.fleet_gpus,
        params.peak_flops_per_gpu,
        params.mfu,
    )
    with np.errstate(invalid="ignore"):
        saved = float(days_now - days_moved)
    return {
        "training_days": float(days_now),
        "training_days_without_sora": float(days_moved),
        "days_saved": saved,
        "sora_minutes_per_day": float(
            sora_minutes_per_day(sora_share * params.fleet_gpus, params.sora_seconds_per_gpu_hour)
        ),
        "cost_per_day": float(daily_cost_for_fleet(params.fleet_gpus, params.price_per_gpu_hour)),
    }


def training_days_vs_sora_share(params: Params, n: int = 101) -> pd.DataFrame:
    """Training days as Sora's share trades against training's (their sum fixed), Sora share 0 to all."""
    pool = float(params.shares[TRAINING] + params.shares[SORA])
    sora_share = np.linspace(0.0, pool, n)
    train_share = pool - sora_share
    days = training_days(
        params.training_flop, train_share * params.fleet_gpus, params.peak_flops_per_gpu, params.mfu
    )
    return pd.DataFrame(
        {
            "sora_share": sora_share,
            "training_share": train_share,
            "training_days": np.where(np.isfinite(days), days, np.nan),
        }
    )


def sensitivity_grid(params: Params, mfu, fleet_gpus) -> np.ndarray:
    """Training days over an MFU (rows) by fleet size (columns) grid, at the current training share."""
    mfu = np.asarray(mfu, dtype="float64")[:, None]
    fleet = np.asarray(fleet_gpus, dtype="float64")[None, :]
    return training_days(
        params.training_flop, fleet * float(params.shares[TRAINING]), params.peak_flops_per_gpu, mfu
    )


def rebalance(shares, programme: str, value: float) -> pd.Series:
    """Set one programme's share and rescale the others proportionally so the total stays 1.

    Sliders call this so the shares stay at 100 % as one moves; if the others are all zero,
    the remainder is split equally among them.
    """
    shares = check_shares(shares)
    if programme not in shares.index:
        raise ModelError(f"unknown programme: {programme}")
    value = float(np.clip(value, 0.0, 1.0))
    # On the values, not the Series: the 64-corner range calls this hundreds of times.
    values = shares.to_numpy().copy()
    others = shares.index != programme
    rest = float(values[others].sum())
    if rest > 0:
        values[others] = values[others] * ((1.0 - value) / rest)
    else:
        values[others] = (1.0 - value) / int(others.sum())
    values[shares.index.get_loc(programme)] = value
    return pd.Series(values, index=shares.index, name=shares.name)


def scenario(name: str, ref: pd.DataFrame | None = None,
             presets: Mapping[str, Scenario] = SCENARIOS, shares=None) -> pd.Series:
    """Shares of a named scenario (see ``presets``), derived from the reference shares (or
    from ``shares``, for the same move made from another split)."""
    ref = compute_constants() if ref is None else ref
    base = defaults(ref).shares if shares is None else check_shares(shares)
    if name not in presets:
        raise ModelError(f"unknown scenario {name!r}; choose one of: {', '.join(presets)}")
    preset = presets[name]
    shares = base.copy()
    if preset.sora_freed:
        sora = float(base[SORA])
        kept = 0.0
        if preset.kept_for_world_model is not None:
            kept = sora * float(ref.loc[preset.kept_for_world_model, "value"])
        shares[SORA] = 0.0
        shares["world_model_research"] += kept
        shares[TRAINING] += sora - kept
    return check_shares(shares)


def scenarios(ref: pd.DataFrame | None = None,
              presets: Mapping[str, Scenario] = SCENARIOS) -> pd.DataFrame:
    """Every scenario's shares, one row per scenario and programme (tidy, ordered categoricals)."""
    ref = compute_constants() if ref is None else ref
    names = list(presets)
    frame = pd.DataFrame(
        {
            "scenario": np.repeat(names, len(PROGRAMMES)),
            "programme": list(PROGRAMMES) * len(names),
            "share": np.concatenate([scenario(name, ref, presets).to_numpy()
                                     for name in names]),
        }
    )
    return frame.astype(
        {
            "scenario": pd.CategoricalDtype(names, ordered=True),
            "programme": pd.CategoricalDtype(list(PROGRAMMES), ordered=True),
        }
    )


def group_shares(shares, groups: Mapping[str, tuple[str, ...]] = GROUPS) -> pd.Series:
    """Shares summed over the resource table's project groups (``groups``)."""
    shares = check_shares(shares)
    return pd.Series(
        {group: float(shares[list(members)].sum()) for group, members in groups.items()}
    )


def priority_level(share, levels=PRIORITY_LEVELS):
    """The resource-table level for a group's share of the fleet (vectorised; see ``levels``)."""
    share = np.asarray(share, dtype="float64")
    if np.isnan(share).any() or ((share < 0) | (share > 1 + _TOLERANCE)).any():
        raise ModelError("a share must be between 0 and 1")
    edges = [low for _, low, _ in levels[1:]]
    names = np.array([name for name, _, _ in levels], dtype=object)
    levels = names[np.searchsorted(edges, share, side="right")]
    return levels if share.ndim else str(levels)


def share_range(level: str, levels=PRIORITY_LEVELS) -> tuple[float, float]:
    """The [low, high) share range a resource-table level stands for."""
    for name, low, high in levels:
        if name.casefold() == level.strip().casefold():
            return low, high
    raise ModelError(f"unknown priority level {level!r}")


def scenario_table(ref: pd.DataFrame | None = None,
                   presets: Mapping[str, Scenario] = SCENARIOS) -> pd.DataFrame:
    """Per scenario: its shares' headline numbers at the reference constants, and the range
    of its training days over the low and high values of :data:`RANGE_INPUTS` (the move
    made from each corner's split)."""
    ref = compute_constants() if ref is None else ref
    base = defaults(ref)
    rows = []
    for name in presets:
        shares = scenario(name, ref, presets)
        out = summary(base.with_(shares=shares))
        days = summary_range(ref, lambda p, n=name: p.with_(
            shares=scenario(n, ref, presets, p.shares))).loc["training_days"]
        rows.append(
            {
                "scenario": name,
                "training_share": float(shares[TRAINING]),
                "sora_share": float(shares[SORA]),
                "training_days": out["training_days"],
                "training_days_low": float(days["low"]),
                "training_days_high": float(days["high"]),
                "sora_minutes_per_day": out["sora_minutes_per_day"],
                "cost_per_day": out["cost_per_day"],
            }
        )
    return pd.DataFrame(rows)


def priority_table(shares) -> pd.DataFrame:
    """Each resource-table group's share, the level the rule gives it and that level's range."""
    groups = group_shares(shares)
    levels = priority_level(groups.to_numpy())
    ranges = [share_range(level) for level in levels]
    return pd.DataFrame(
        {
            "group": groups.index,
            "share": groups.to_numpy(),
            "level": levels,
            "level_low": [low for low, _ in ranges],
            "level_high": [high for _, high in ranges],
        }
    )


# The inputs whose reference low/high bound the what-if's answer, and the shares among them.
RANGE_INPUTS = ("fleet_gpus", "peak_flops_per_gpu", "mfu", "training_flop",
                "share_sora_inference", "share_spud_training")
RANGE_OUTPUTS = ("training_days", "training_days_without_sora", "days_saved", "share_of_run_saved")


def _with_fraction(out: dict[str, float]) -> dict[str, float]:
    return {**out, "share_of_run_saved": out["days_saved"] / out["training_days"]}


def summary_range(ref: pd.DataFrame | None = None, then=None) -> pd.DataFrame:
    """The headline numbers at the reference values and their range over every combination
    of the low and high values of :data:`RANGE_INPUTS` (64 corners; a share set at its low or
    high rescales the others). ``then(params)``, when given, changes each corner's
    parameters before the numbers are taken (a scenario's move). Rows: the outputs;
    columns: reference, low, high."""
    import itertools

    ref = compute_constants() if ref is None else ref
    base = defaults(ref)
    bounds = {name: (float(ref.loc[name, "low"]), float(ref.loc[name, "high"]))
              for name in RANGE_INPUTS}
    outs = []
    for corner in itertools.product((0, 1), repeat=len(RANGE_INPUTS)):
        p = base
        for name, end in zip(RANGE_INPUTS, corner, strict=True):
            value = bounds[name][end]
            if name.startswith("share_"):
                p = p.with_(shares=rebalance(p.shares, name.removeprefix("share_"), value))
            else:
                p = p.with_(**{name: value})
        outs.append(_with_fraction(summary(then(p) if then else p)))
    at_ref = _with_fraction(summary(then(base) if then else base))
    return pd.DataFrame({
        "reference": [at_ref[k] for k in RANGE_OUTPUTS],
        "low": [min(o[k] for o in outs) for k in RANGE_OUTPUTS],
        "high": [max(o[k] for o in outs) for k in RANGE_OUTPUTS],
    }, index=pd.Index(RANGE_OUTPUTS, name="output"))
