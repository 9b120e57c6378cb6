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


def test_a_fleet_step_sends_one_message_per_chart_without_the_unchanged_heatmap(sent):
    board = dashboard.compute_dashboard()
    sent.clear()  # what building the widgets sent
    heatmap = board.figures["heatmap"]
    cells = heatmap._data[0]
    fleet = board.controls["scalars"]["fleet_gpus"]
    fleet.value = fleet.value + fleet.step
    assert [kind for kind, *_ in sent] == ["msg"] * 4
    assert [widget for _, widget, _ in sent] == [board.figures[k] for k in dashboard.TITLES]
    heat = next(content for _, widget, content in sent if widget is heatmap)
    # The 10,000 cells stay the same when the fleet moves: only the marker goes out.
    assert set(heat["traces"]) == {"1"} and "layout" not in heat
    assert heat["traces"]["1"]["x"] == [fleet.value]
    assert heatmap._data[0] == cells
    assert heat["revision"] == heat["base"] + 1 == heatmap._revision


def test_the_state_holds_the_whole_current_figure(sent):
    board = dashboard.compute_dashboard()
    board.controls["scalars"]["fleet_gpus"].value += 3 * dashboard.FLEET_RANGE[2]
    board.controls["scalars"]["mfu"].value = 0.5
    fresh = {key: PlotWidget(fig) for key, fig in dashboard.build_figures(board.params).items()}
    for key, widget in board.figures.items():
        assert widget.get_state()["_data"] == fresh[key].get_state()["_data"], key
        assert widget.get_state()["_layout"] == fresh[key].get_state()["_layout"], key


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
