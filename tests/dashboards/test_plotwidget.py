"""PlotWidget's messages to the page: one per update, the changed traces alone, the whole
figure always in the widget's state (what a page that connects or asks again is given)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from analysis.dashboards import compute as dashboard
from analysis.dashboards.plotwidget import PlotWidget


@pytest.fixture
def sent(monkeypatch):
    """Every message and state update the widgets send, in order."""
    out = []
    monkeypatch.setattr(PlotWidget, "send",
                        lambda self, content, buffers=None: out.append(("msg", self, content)))
    original = PlotWidget.send_state

    def send_state(self, key=None):
        out.append(("state", self, key if key is None or isinstance(key, str) else sorted(key)))
        return original(self, key)

    monkeypatch.setattr(PlotWidget, "send_state", send_state)
    return out


def _chart() -> PlotWidget:
    return PlotWidget(go.Figure([go.Bar(x=["a", "b"], y=[1, 2]), go.Scatter(x=[0], y=[5])],
                                layout={"title": {"text": "t"}}))


def test_a_fleet_step_sends_one_message_without_the_unchanged_heatmap(sent):
    board = dashboard.compute_dashboard()
    sent.clear()  # what building the widgets sent
    chart = board.chart
    kinds = [trace.meta for trace in chart.data]
    heat, marker = (i for i, kind in enumerate(kinds) if kind == "heatmap")
    cells = chart._data[heat]
    fleet = board.controls["scalars"]["fleet_gpus"]
    fleet.value = fleet.value + fleet.step
    assert [(kind, widget) for kind, widget, _ in sent] == [("msg", chart)]
    content = sent[0][2]
    # The 10,000 cells stay the same when the fleet moves: the heatmap's marker goes out,
    # with every other panel's traces (all follow the fleet), and no layout.
    assert set(content["traces"]) == {str(i) for i in range(len(kinds)) if i != heat}
    assert "layout" not in content
    assert content["traces"][str(marker)]["x"] == [fleet.value]
    assert chart._data[heat] == cells
    assert content["revision"] == content["base"] + 1 == chart._revision


def test_the_state_holds_the_whole_current_figure(sent):
    board = dashboard.compute_dashboard()
    board.controls["scalars"]["fleet_gpus"].value += 3 * dashboard.FLEET_RANGE[2]
    board.controls["scalars"]["mfu"].value = 0.5
    board.controls["scalars"]["training_flop"].value = 3e26
    fresh = PlotWidget(dashboard.dashboard_figure(board.params))
    assert board.chart.get_state()["_data"] == fresh.get_state()["_data"]
    assert board.chart.get_state()["_layout"] == fresh.get_state()["_layout"]


def test_only_the_changed_trace_and_a_changed_layout_go_out(sent):
    chart = _chart()
    sent.clear()
    with chart.batch() as fig:
        fig.data[1].y = [6]
    with chart.batch() as fig:
        fig.update_layout(title_text="u")
    with chart.batch():
        pass  # nothing changed: nothing sent
    first, second = (content for _, _, content in sent)
    assert set(first["traces"]) == {"1"} and first["traces"]["1"]["y"] == [6]
    assert "layout" not in first
    assert second["traces"] == {} and second["layout"]["title"]["text"] == "u"
    assert (first["base"], second["base"], chart._revision) == (0, 1, 2)


def test_a_new_trace_sends_the_whole_figure_as_state(sent):
    chart = _chart()
    sent.clear()
    with chart.batch() as fig:
        fig.add_trace(go.Scatter(x=[1], y=[1]))
    assert [(kind, set(key)) for kind, _, key in sent] == [
        ("state", {"_data", "_revision"})]  # the layout did not change
    assert len(chart.get_state()["_data"]) == 3 and chart._revision == 1


def test_a_page_that_missed_an_update_is_sent_the_whole_figure(sent):
    chart = _chart()
    with chart.batch() as fig:
        fig.data[0].y = [3, 4]
    sent.clear()
    chart._handle_custom_msg({"method": "resync", "revision": chart._revision}, [])
    assert sent == []  # up to date: nothing to send
    chart._handle_custom_msg({"method": "resync", "revision": 0}, [])
    assert [(kind, key) for kind, _, key in sent] == [("state", ["_data", "_layout", "_revision"])]


def test_the_vendored_cartesian_bundle_is_plotlys_version_and_holds_the_types_named():
    import re

    import plotly.offline

    from analysis.dashboards import plotwidget

    text = plotwidget.bundle_path("cartesian").read_text(encoding="utf-8")
    header = re.search(r"plotly\.js \(cartesian - minified\) v(\S+)", text[:300])
    assert header and header.group(1) == plotly.offline.get_plotlyjs_version()
    registered = set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))
    assert registered == plotwidget.CARTESIAN
    full = plotwidget.bundle_path("full").read_text(encoding="utf-8")
    assert len(text) < len(full) / 3
    assert set(re.findall(r'moduleType:"trace",name:"(\w+)"', full)) > registered


def test_a_chart_gets_the_cartesian_bundle_where_its_traces_allow_and_the_full_one_else():
    from analysis.dashboards import plotwidget
    from tests.dashboards.test_runway import PARAMS, WINDOW, bd

    board = dashboard.compute_dashboard()
    assert board.chart._bundle == "cartesian"
    assert bd.burn_dashboard(PARAMS, WINDOW).figure._bundle == "cartesian"
    polar = PlotWidget(go.Figure(go.Scatterpolar(r=[1, 2], theta=[0, 90])))
    assert polar._bundle == "full"
    assert polar._library is not board.chart._library
    assert "plotly.js (cartesian" in board.chart._library._esm[:400]
    assert "plotly.js (cartesian" not in polar._library._esm[:400]
    assert polar._library._esm.count('"full"') >= 3  # the loader is keyed by its bundle
    assert PlotWidget(go.Figure(go.Bar(y=[1])), bundle="full")._bundle == "full"
    with pytest.raises(ValueError, match="bundle must be one of"):
        PlotWidget(go.Figure(), bundle="gl3d")
    assert plotwidget.bundle_for(go.Figure([go.Bar(y=[1]), go.Sankey()])) == "full"


def test_a_cartesian_chart_refuses_a_trace_its_bundle_cannot_draw(sent):
    chart = _chart()
    with pytest.raises(ValueError, match=r"no scatterpolar traces.*bundle='full'"):
        PlotWidget(go.Figure(go.Scatterpolar(r=[1])), bundle="cartesian")
    sent.clear()
    with pytest.raises(ValueError, match="bundle='full'"), chart.batch() as fig:
        fig.add_trace(go.Scatterpolar(r=[1, 2]))
    assert sent == []  # nothing the page could not draw went out
