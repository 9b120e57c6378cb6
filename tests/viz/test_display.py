"""Tables as the notebooks show them: numbers for people, gaps as "–", no math typesetting."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.viz import display


@pytest.mark.parametrize(("value", "shown"), [
    (3645.8, "3646"),
    (36_460.2, "36,460"),
    (49.151781, "49.15"),
    (2023, "2023"),
    (360_000.0, "360,000"),
    (3.04375e6, "3.04 million"),
    (87_027_083.333, "87 million"),
    (1.3e9, "1.3 billion"),
    (9.89e14, "989 trillion"),
    (2.1e25, "2.1×10²⁵"),
    (1e-5, "1×10⁻⁵"),
    (-0.206, "-0.206"),
    (0, "0"),
    (float("nan"), "–"),
    (None, "–"),
    (pd.NA, "–"),
    (True, "True"),
    ("text", "text"),
])
def test_numbers_read_as_a_writer_would_print_them(value, shown):
    assert display.number(value) == shown


@pytest.fixture
def frame():
    return pd.DataFrame({
        "sentence": ["Estimates say that OpenAI spends between $100,000 and $700,000 a day. " * 3,
                     None],
        "usd": pd.array([1.3e9, None], dtype="Float64"),
        "count": pd.array([3, None], dtype="Int64"),
        "ratio": [float("nan"), 0.25],
        "flag": [True, False],
    })


def test_tables_show_no_scientific_notation_and_gaps_as_a_dash(frame):
    text = display.table_text(frame)
    assert "1.3 billion" in text and "e+09" not in text
    assert "<NA>" not in text and "NaN" not in text
    html = display.table_html(frame)
    assert "1.3 billion" in html and "&lt;NA&gt;" not in html and "NaN" not in html
    assert html.count("<td>–</td>") == 4  # sentence, usd, count and ratio gaps


def test_tables_keep_whole_sentences_and_are_never_typeset_as_math(frame):
    html = display.table_html(frame)
    assert frame.loc[0, "sentence"].strip().replace("$", "$") in html
    assert "..." not in html
    assert "tex2jax_ignore" in html and "mathjax_ignore" in html


def test_setup_routes_frames_through_the_formatter_inside_ipython(frame):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        display.setup()
        bundle, _ = shell.display_formatter.format(frame)
        assert "1.3 billion" in bundle["text/html"] and "1.3 billion" in bundle["text/plain"]
        assert pd.get_option("display.html.use_mathjax") is False
    finally:
        InteractiveShell.clear_instance()
        for key in display.OPTIONS:  # setup() sets them for the process: leave others' tests be
            pd.reset_option(key)


def test_figure_bundle_is_plotly_renderers_bundle_byte_for_byte():
    import json

    import plotly.graph_objects as go
    from plotly.io._base_renderers import PlotlyRenderer
    from plotly.io._utils import validate_coerce_fig_to_dict

    import analysis.viz.figures  # noqa: F401  (the suite's default template, as notebooks have it)

    fig = go.Figure(go.Bar(x=["a", "b"], y=[1.5, float("nan")], hovertext=["<b>x</b>", "é"]),
                    layout=dict(title="Visits, $bn", xaxis=dict(type="category")))
    fig.add_trace(go.Scatter(x=["a", "b"], y=[2, 3], uid="fixed"))
    ours = display.figure_bundle(fig)
    theirs = PlotlyRenderer().to_mimebundle(validate_coerce_fig_to_dict(fig, True))
    assert json.dumps(ours, sort_keys=False) == json.dumps(theirs, sort_keys=False)


def test_showing_a_figure_loads_neither_kaleido_nor_nbformat():
    import subprocess
    import sys

    code = ("import sys\nimport plotly.graph_objects as go\nfrom analysis.viz import display\n"
            "display.figure_bundle(go.Figure(go.Bar(y=[1])))\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'kaleido', 'nbformat'}))\n"
            "import plotly.io._base_renderers\n"  # the probe: plotly's own renderers load kaleido
            "print('kaleido' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True"


def test_long_runs_of_text_may_wrap_in_tables_and_nothing_else_changes():
    import html as html_lib
    import re

    url = "<https://example.org/policy/technology/4345-a-very-long-slug-of-an-article?id=77&x=1>"
    frame = pd.DataFrame({"training_days_high": [1.5], "source": [url], "unit": ["fraction"]},
                         index=pd.Index(["share_world_model_research"], name="name"))
    out = display.table_html(frame)
    # Break places inside the long runs only: the URL after its separators, the names at "_".
    assert "training_<wbr>days_<wbr>high" in out
    assert "share_<wbr>world_<wbr>model_<wbr>research" in out
    assert "https:/<wbr>" not in out and "https://<wbr>example.<wbr>org/<wbr>policy/<wbr>" in out
    assert ">fraction<" in out  # a short word is left whole
    # Without the break places, the page shows exactly what it showed before.
    plain = out.replace("<wbr>", "")
    assert html_lib.escape(url, quote=False) in plain
    assert re.sub(r"<wbr>", "", out) == plain
    # A run with no separators gets a break place every 20 characters.
    long_word = display.table_html(pd.DataFrame({"w": ["x" * 70]}))
    assert "<td>" + "<wbr>".join(["x" * 20] * 3 + ["x" * 10]) + "</td>" in long_word


def test_text_holding_the_marker_character_is_shown_unchanged():
    text = "a\ue000b_and_a_long_name_here"
    out = display.table_html(pd.DataFrame({"t": [text]}))
    assert "<wbr>" not in out and text in out
