"""The command line: one line on stderr and a non-zero exit for bad input, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_help_lists_the_commands():
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("build", "quantities", "figures"):
        assert command in proc.stdout


def test_build_writes_every_frame_as_parquet_and_csv(tmp_path):
    out = tmp_path / "out"
    proc = run("build", "--sources", str(ROOT / "data/sources"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1  # one line for the step
    for name in ("articles", "paragraphs", "quantities", "tables", "claims", "events"):
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert f"{name}: {len(frame):,}" in proc.stdout
        assert len(frame) == len(pd.read_csv(out / f"{name}.csv"))
    assert len(pd.read_parquet(out / "articles.parquet")) == 4


def test_missing_sources_folder(tmp_path):
    assert_one_line_error(run("build", "--sources", str(tmp_path / "gone"), "--out", str(tmp_path / "o")),
                          "gone", "no such folder")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n \n", "only white space"),
    (b"GIF89a\x01\x00\x01\x00\x00\xff\x00", "binary file"),
    (b"caf\xe9 cr\xe8me \x81\x8d\x90 tr\xe8s", "unsupported encoding"),
])
def test_bad_file_stops_the_build(sources_copy, tmp_path, content, reason):
    (sources_copy / "house-divided-openai-chaos.txt").write_bytes(content)
    # The manifest's checksum would also catch the change: drop it to reach the decoder.
    manifest = sources_copy / "manifest.toml"
    text = manifest.read_text().replace(
        'sha256 = "7d6f16ad03c749f60966beccc4694bb7a9a6f9a33e6c171e30c68201995a4fa6"\n', "")
    manifest.write_text(text)
    proc = run("build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, "house-divided-openai-chaos.txt", reason)


def test_file_listed_but_missing(sources_copy, tmp_path):
    (sources_copy / "sora-app-wind-down-spud.txt").unlink()
    proc = run("build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, "sora-app-wind-down-spud.txt", "missing")


def test_file_without_manifest_entry(sources_copy, tmp_path):
    (sources_copy / "extra.txt").write_text("An article nobody listed, with 3 numbers.\n")
    proc = run("build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, "extra.txt", "no manifest entry")


def test_changed_file_fails_its_checksum(sources_copy, tmp_path):
    path = sources_copy / "sora-app-wind-down-spud.txt"
    path.write_text(path.read_text() + "\nOne more line.\n")
    proc = run("build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, "sora-app-wind-down-spud.txt", "sha256")


def test_keep_going_warns_per_bad_file_and_builds_the_rest(sources_copy, tmp_path):
    (sources_copy / "extra.txt").write_text("not listed\n")
    (sources_copy / "sora-app-wind-down-spud.txt").unlink()
    out = tmp_path / "o"
    proc = run("build", "--sources", str(sources_copy), "--out", str(out), "--keep-going")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert any("extra.txt" in w for w in warnings) and any("sora-app-wind-down-spud" in w for w in warnings)
    assert len(pd.read_parquet(out / "articles.parquet")) == 3


def test_malformed_manifest(sources_copy, tmp_path):
    (sources_copy / "manifest.toml").write_text("[[article]\nid = \n")
    proc = run("build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, "manifest.toml", "not valid TOML")


def test_quantities_prints_csv_with_fixed_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nThe company spent $2.5 billion in 2023, up 40% from 2022.\n")
    proc = run("quantities", str(path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("file,start,end,surface,kind,value,low,high,unit,per,approx,date")
    text = path.read_text()
    rows = pd.read_csv(io.StringIO(proc.stdout))
    money = rows[rows["kind"] == "money"].iloc[0]
    assert money["value"] == 2.5e9 and money["unit"] == "USD"
    for row in rows.itertuples():
        assert text[row.start:row.end] == row.surface


def test_quantities_on_a_binary_file_is_one_line(tmp_path):
    path = tmp_path / "img.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    assert_one_line_error(run("quantities", str(path)), "img.txt", "binary")


def test_bad_base_date_is_one_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Sales rose 5% last year.\n")
    assert_one_line_error(run("quantities", str(path), "--base-date", "yesterday"), "base-date")


def test_figures_without_any_browser_write_the_html_and_say_what_they_skipped(tmp_path):
    """A machine with no Chromium anywhere (PATH holds only an empty folder, no BROWSER_PATH):
    the figure step still succeeds, writes each chart's HTML and says in one line which PNGs
    it left out and how to add them."""
    from analysis.viz import charts

    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "figures"
    env = {k: v for k, v in os.environ.items() if k != "BROWSER_PATH"}
    env.update(PATH=str(empty), PYTHONPATH=str(ROOT), ANALYSIS_FIGURES_DIR=str(out))
    proc = subprocess.run([sys.executable, "-m", "analysis", "figures"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    skipped = [line for line in proc.stdout.splitlines() if "skipped" in line]
    assert len(skipped) == 1
    assert f"skipped {len(charts.CHARTS)} PNG files (no Chromium found)" in skipped[0]
    assert "apt-get install chromium" in skipped[0] and "make notebooks figures" in skipped[0]
    for name in charts.CHARTS:
        assert (out / f"{name}.html").stat().st_size > 0
        assert not (out / f"{name}.png").exists()
    assert (out / "plotly.min.js").is_file()
    with (out / "index.csv").open(newline="") as fh:
        listed = {row["file"] for row in __import__("csv").DictReader(fh)}
    assert listed == {f"{name}.html" for name in charts.CHARTS}
