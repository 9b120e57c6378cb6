"""Every exported figure, by name: how to build it from the frames, its title and its claims.

Notebooks call the same builders to show a chart, so the notebook's chart and the exported
one are the same figure. :func:`export_all` builds every registered chart from
``data/processed`` and exports them in one kaleido batch (``figures/`` and its index.csv);
``python -m analysis figures`` runs it. Notebooks never export while they run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.evidence.registry import EXODUS
from analysis.models import reference
from analysis.units import BILLION, MILLION

__all__ = ["CHARTS", "Chart", "build", "export_all"]

Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Chart:
    """A registered figure: builder(frames) -> plotly Figure, caption, notebook, claims."""

    name: str
    builder: Callable[[Frames], object]
    title: str
    notebook: str
    claims: tuple[str, ...] = ()


def _go():
    import plotly.graph_objects as go

    import analysis.viz.figures  # noqa: F401  (registers the "analysis" template)

    return go


def _wrap(label: str, width: int = 14) -> str:
    """A tick label broken into lines of about `width` characters at slashes and spaces."""
    import textwrap

    words = label.replace("/", "/ ").split()
    lines = textwrap.wrap(" ".join(words), width=width, break_long_words=False)
    return "<br>".join(lines).replace("/ ", "/")


def _log_axis(values) -> dict:
    """Tick values and labels (1-2-5 per decade) for a log axis over ``values``."""
    from analysis.viz.figures import log_ticks

    finite = [float(v) for v in values if v == v and v > 0]
    if not finite:
        return {}
    ticks, labels = log_ticks(min(finite), max(finite))
    return {"tickvals": ticks, "ticktext": labels}


def _plain(text) -> str:
    from analysis.viz.figures import plain

    return plain(text)


# --------------------------------------------------------------------------- 00 corpus


def quantities_by_kind(frames: Frames):
    """Quantitative mentions per article, stacked by kind (page furniture left out)."""
    from analysis.checks.overview import kinds_table

    go = _go()
    table = kinds_table(frames["quantities"]).drop(index="total", columns="total")
    return go.Figure(
        data=[go.Bar(name=kind, y=table.index, x=table[kind], orientation="h",
                     hovertemplate="%{y}: %{x} " + kind + "<extra></extra>")
              for kind in table.columns],
        layout={"title": {"text": "Quantitative mentions per article, by kind"},
                "barmode": "stack", "height": 380, "width": 900,
                "xaxis": {"title": {"text": "mentions (page furniture left out)"}},
                "yaxis": {"autorange": "reversed"}},
    )


# --------------------------------------------------------------------------- 01 visits


def chatgpt_visits(frames: Frames):
    """The article's two counts (millions), the steady path between them, and the monthly
    visits analytics firms reported (billions), each in the unit its source states."""
    from analysis.checks import traffic
    from analysis.models import visits

    go = _go()
    c = traffic.check(frames["quantities"])
    p = visits.path(c.peak.value, c.later.value, c.peak_month.date, c.later_month.date)
    ref = reference.chatgpt_visits()
    hover = [_plain(c.peak.sentence), _plain(c.later.sentence)]
    return go.Figure(
        data=[
            go.Scatter(x=ref["month"], y=ref["visits"] / BILLION, mode="lines+markers",
                       name="Similarweb, as reported (billions)",
                       customdata=ref["basis"],
                       hovertemplate="%{x}: %{y:.2f} billion (%{customdata})<extra></extra>"),
            go.Scatter(x=p["month"], y=p["visits"] / MILLION, mode="lines",
                       name="steady decline between the article's two counts",
                       line={"dash": "dot"}, hoverinfo="skip"),
            go.Scatter(x=[c.peak_month.date, c.later_month.date],
                       y=[c.peak.value / MILLION, c.later.value / MILLION], mode="markers",
                       marker={"size": 12}, name="the article's counts (millions)",
                       text=hover, hovertemplate="%{y:.2f} million: %{text}<extra></extra>"),
        ],
        layout={"title": {"text": "ChatGPT web visits in 2023: the article's millions and "
                                  "the firms' billions"},
                "height": 460, "width": 900,
                "xaxis": {"title": {"text": "month"}, "type": "date", "tickformat": "%b %Y",
                          "dtick": "M1"},
                "yaxis": {"title": {"text": "visits, in the unit each source states"},
                          "rangemode": "tozero"},
                "legend": {"orientation": "h", "y": -0.25}},
    )


# --------------------------------------------------------------------------- 02 burn


def burn_yearly(frames: Frames):
    """The running cost, the 2023 revenue and the run-rate on one yearly (log) scale."""
    from analysis.checks import spending

    go = _go()
    table = spending.yearly_figures(frames["quantities"])
    return go.Figure(
        data=[go.Scatter(x=table["usd_per_year"] / MILLION, y=table.index, mode="markers",
                         marker={"size": 14}, text=[_plain(m) for m in table["measures"]],
                         hovertemplate="$%{x:,.0f} million a year: %{text}<extra></extra>")],
        layout={"title": {"text": "Costs and revenue per year: different things, different "
                                  "times"},
                "height": 360, "width": 900, "showlegend": False,
                "xaxis": {"title": {"text": "$ million per year (log scale)"}, "type": "log",
                          **_log_axis(table["usd_per_year"] / MILLION)},
                "yaxis": {"autorange": "reversed"}},
    )


def burn_cash_curve(frames: Frames):
    """The runway what-if at its starting point (the article's own reading)."""
    from analysis.checks import spending
    from analysis.viz.whatif import curve_figure

    q = frames["quantities"]
    w = spending.runway_window(q)
    return curve_figure(spending.defaults(q), (w.window_start, w.window_end))


# --------------------------------------------------------------------------- 03 priorities


def resource_levels(frames: Frames):
    """The resource table of :data:`~analysis.evidence.registry.EXODUS`: each programme's level
    in each ordinal column, as dots on the columns' own level names (no lengths: levels are
    ranks, not measurements)."""
    from plotly.subplots import make_subplots

    from analysis.extract.tables import table_frame

    go = _go()
    table = table_frame(frames["tables"], EXODUS, 0)
    key, *ordinal = list(table.columns)
    titles = [f"{_plain(c)}: lowest → highest" for c in ordinal]
    fig = make_subplots(rows=1, cols=len(ordinal), subplot_titles=titles,
                        shared_yaxes=True, horizontal_spacing=0.12)
    for i, col in enumerate(ordinal, start=1):
        levels = list(table[col].cat.categories)
        fig.add_trace(go.Scatter(x=table[col].astype(str), y=table[key], mode="markers",
                                 marker={"size": 16}, showlegend=False,
                                 hovertemplate="%{y}: %{x}<extra></extra>"), row=1, col=i)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=levels,
                         tickvals=levels, tickangle=0,
                         ticktext=[_wrap(_plain(v)) for v in levels],
                         row=1, col=i)
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=list(table[key])[::-1])
    # 900 px wide like the others: the notebook's output area at 1,400 px with Lab's file
    # browser open is about 960 px.
    fig.update_layout(title_text=f"Programmes in the resource table of {EXODUS}, by level",
                      height=380, width=900)
    return fig


def attention_shares(frames: Frames):
    """Share of each article's sentences that talk about each programme."""
    from analysis.checks.attention import shares

    go = _go()
    table = shares(frames["sentences"])
    return go.Figure(
        data=[go.Scatter(x=part["share_pct"], y=part["article"], mode="markers",
                         marker={"size": 14}, name=str(programme),
                         customdata=part[["sentences", "of_sentences"]],
                         hovertemplate="%{x:.1f} % (%{customdata[0]} of %{customdata[1]} "
                                       "sentences)<extra>" + str(programme) + "</extra>")
              for programme, part in table.groupby("programme", observed=True)],
        layout={"title": {"text": "Which programme each article's sentences talk about"},
                "height": 400, "width": 900,
                "xaxis": {"title": {"text": "% of the article's sentences (a sentence may "
                                            "count for several)"}, "rangemode": "tozero"},
                "yaxis": {"autorange": "reversed"},
                "legend": {"orientation": "h", "y": -0.25}},
    )


# --------------------------------------------------------------------------- 05 ledger


def hedged_share(frames: Frames):
    """Claims per article by certainty grade."""
    from analysis.checks.ledger import hedged_share as share

    go = _go()
    table = share(frames["claims"])
    grades = [c for c in table.columns if c.startswith("grade_")]
    return go.Figure(
        data=[go.Bar(name=g.removeprefix("grade_"), y=table.index, x=table[g],
                     orientation="h", hovertemplate="%{y}: %{x}<extra>" +
                     g.removeprefix("grade_") + "</extra>") for g in grades],
        layout={"title": {"text": "Claims per article, by certainty grade"},
                "barmode": "stack", "height": 380, "width": 900,
                "xaxis": {"title": {"text": "claims"}}, "yaxis": {"autorange": "reversed"}},
    )


def events_timeline(frames: Frames):
    """Every dated mention in the articles, beside each article's own date: a diamond for a
    publication date, a dashed line for a window with no known end (drawn to the newest
    fact's date), red where the article presents as current something already superseded.
    Hover shows each mention's sentence, or how the article's date is known."""
    from analysis.checks.factcheck import timeline_dates
    from analysis.evidence.facts import facts

    go = _go()
    ev = frames["events"]
    ev = ev[~ev["is_boilerplate"].astype(bool) & ev["date_start"].notna()]
    data = [go.Scatter(x=part["date_start"], y=part["article"], mode="markers",
                       marker={"size": 11}, name=str(article), showlegend=False,
                       text=[_plain(s) for s in part["sentence"]],
                       customdata=part["surface"].map(_plain),
                       hovertemplate="%{customdata}: %{text}<extra></extra>")
            for article, part in ev.groupby("article", sort=False)]
    dates = timeline_dates(frames["articles"], frames["statements"], frames["events"],
                           frames["checks"])
    newest = max(f.source_date for f in facts())
    for row in dates[dates["start"].notna()].itertuples():
        color = "#D55E00" if row.superseded else "#222222"
        note = _plain(row.how) + (f"; presents as current: {_plain(row.superseded)}"
                                  if row.superseded else "")
        if pd.isna(row.end):
            data.append(go.Scatter(x=[row.start, newest], y=[row.article, row.article],
                                   mode="lines", line={"dash": "dash", "color": color, "width": 3},
                                   showlegend=False, text=[note, note],
                                   hovertemplate="article's date: %{text}<extra></extra>"))
        else:
            data.append(go.Scatter(x=[row.start], y=[row.article], mode="markers",
                                   marker={"symbol": "diamond-open", "size": 15, "color": color,
                                           "line": {"width": 3}},
                                   showlegend=False, text=[note],
                                   hovertemplate="article's date: %{text}<extra></extra>"))
    return go.Figure(
        data=data,
        layout={"title": {"text": "Dated events across the articles, and each article's own "
                                  "date<br><sup>◇ publication date · dashed: a window with no "
                                  "known end · red: presents as current something already "
                                  "superseded</sup>"},
                "height": 420, "width": 900, "margin": {"t": 90},
                "xaxis": {"title": {"text": "date mentioned (start of the period)"}},
                "hoverlabel": {"align": "left"}},
    )


# --------------------------------------------------------------------------- 06 fact-check

VERDICT_COLORS = {"consistent": "#009E73", "conflicts": "#D55E00", "outdated": "#E69F00",
                  "unverifiable": "#999999"}


def checks_by_verdict(frames: Frames):
    """Checked statements per article, by verdict."""
    from analysis.checks.factcheck import by_verdict

    go = _go()
    table = by_verdict(frames["checks"])
    return go.Figure(
        data=[go.Bar(name=v, y=table.index, x=table[v], orientation="h",
                     marker={"color": VERDICT_COLORS[v]},
                     hovertemplate="%{y}: %{x} " + v + "<extra></extra>")
              for v in VERDICT_COLORS if v in table.columns],
        layout={"title": {"text": "Checked statements per article, by verdict"},
                "barmode": "stack", "height": 380, "width": 900,
                "xaxis": {"title": {"text": "statements"}}, "yaxis": {"autorange": "reversed"}},
    )


# --------------------------------------------------------------------------- 04 compute


def _compute(key: str) -> Callable[[Frames], object]:
    def builder(frames: Frames):
        from analysis.models import compute
        from analysis.viz import whatif as whatif_charts

        go = _go()
        return go.Figure(whatif_charts.build_figures(compute.defaults())[key])

    builder.__doc__ = f"The compute what-if's {key} figure at its default parameters."
    return builder


NB = {0: "00_corpus.ipynb", 1: "01_chatgpt_visits.ipynb", 2: "02_burn_rate.ipynb",
      3: "03_resource_priorities.ipynb", 4: "04_compute_whatif.ipynb",
      5: "05_claims_ledger.ipynb", 6: "06_fact_check.ipynb"}

CHARTS: dict[str, Chart] = {c.name: c for c in (
    Chart("corpus_quantities_by_kind", quantities_by_kind,
          "Quantitative mentions per article, by kind", NB[0]),
    Chart("chatgpt_visits", chatgpt_visits,
          "ChatGPT web visits in 2023: the article's millions and the firms' billions", NB[1],
          ("chatgpt_visits_peak", "chatgpt_visits_peak_month", "chatgpt_visits_latest",
           "chatgpt_visits_latest_month")),
    Chart("burn_yearly", burn_yearly, "Costs and revenue per year", NB[2],
          ("daily_running_cost", "revenue_expected", "run_rate_annual")),
    Chart("burn_cash_curve", burn_cash_curve,
          "Cash curve at the article's burn rate, with its runway window", NB[2],
          ("daily_running_cost", "runway_window", "altman_dismissal_weekend")),
    Chart("resource_levels", resource_levels,
          f"The resource table of {EXODUS} as ordinal levels", NB[3]),
    Chart("attention_shares", attention_shares,
          "Share of each article's sentences per programme", NB[3]),
    Chart("claims_by_grade", hedged_share, "Claims per article, by certainty grade", NB[5]),
    Chart("events_timeline", events_timeline, "Dated events across the articles", NB[5]),
    Chart("checks_by_verdict", checks_by_verdict,
          "Checked statements per article, by verdict", NB[6]),
    *(Chart(f"compute_{key}", _compute(key), f"Compute what-if: {key}", NB[4])
      for key in ("allocation", "curve", "cost", "heatmap")),
)}


def build(name: str, frames: Frames | None = None):
    """The registered chart ``name``, built from ``frames`` (default: data/processed)."""
    if name not in CHARTS:
        raise KeyError(f"unknown chart {name!r}; known: {', '.join(CHARTS)}")
    if frames is None:
        from analysis.frames.load import frames as load

        frames = load()
    return CHARTS[name].builder(frames)


def export_all(out_dir: str | os.PathLike[str] | None = None,
               processed: str | os.PathLike[str] | None = None):
    """Build every registered chart and export them in one batch.

    Returns :class:`analysis.viz.figures.Exported`: the files written, and the PNGs left out
    when no Chromium can be found (the HTML of every chart is written all the same).
    """
    from analysis.frames.load import frames as load
    from analysis.viz import figures

    frames = load(processed)
    items = [(c.builder(frames), c.name,
              {"title": c.title, "notebook": c.notebook, "claims": c.claims,
               "out_dir": out_dir})
             for c in CHARTS.values()]
    return figures.export_many(items)
