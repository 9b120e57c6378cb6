"""Hostile inputs: each gives one clear error line (type, file, reason) or a correct parse with
nothing lost, through the loader, the `quantities` command and the build."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.sources import corpus, decode
from analysis.sources.decode import read_text

MONEY = "Revenue was €5 million in 2023, and £3.2 billion is 40% more than planned.\n"
ARTICLE = "Costs of the lab\n\n" + MONEY + "\nIt hired 1,200 people.\n"


def cli(capsys, *args: str) -> tuple[int, str, list[str]]:
    """Run the command line in process: exit code, stdout, non-blank stderr lines."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, [line for line in err.splitlines() if line.strip()]


def assert_one_line_error(code: int, err: list[str], *needles: str) -> None:
    assert code != 0
    assert len(err) == 1, err
    assert err[0].startswith("error: ") and "Traceback" not in err[0]
    for needle in needles:
        assert needle in err[0], err[0]


def quantities_rows(capsys, path: Path) -> pd.DataFrame:
    """`python -m analysis quantities PATH` as a frame of strings, without the file column(s)."""
    code, out, err = cli(capsys, "quantities", path)
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    return rows[[c for c in rows.columns if not c.startswith("file")]]


def build(capsys, sources: Path, out: Path, *flags: str) -> tuple[int, list[str]]:
    code, _, err = cli(capsys, "build", "--sources", sources, "--out", out, *flags)
    return code, err


# ---------------------------------------------------------------- empty and binary files


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t \r\n   ", "only white space"),
    (b"\xef\xbb\xbf\r\n", "only white space"),
])
def test_empty_files_are_one_line_errors(capsys, tmp_path, data, reason):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    code, out, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, "SourceError", str(path), reason)
    assert out == ""


def _zip_of_text() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("article.txt", ARTICLE)
    return buf.getvalue()


# An all-ASCII PDF: without its signature it would decode as text full of numbers.
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Count 1 /MediaBox [0 0 612 792] >> endobj\n"
       b"trailer << /Root 1 0 R /Size 3 >>\n%%EOF\n")


@pytest.mark.parametrize("data, reason", [
    (b"Revenue was 5 million\x00\x00 in 2023.\n", "NUL bytes"),
    (bytes(range(1, 9)) * 40 + b" 2023 2024 ", "control bytes"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (_zip_of_text(), "ZIP archive"),
    (PDF, "PDF document"),
    (b"\x1f\x8b\x08\x00" + b"2023 and 45%" * 3, "gzip archive"),
])
def test_binary_files_are_refused_never_parsed(capsys, tmp_path, data, reason):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    code, out, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, "SourceError", str(path), "binary file", reason)
    assert out == ""


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["cp1252", "iso8859_15"])
def test_legacy_encodings_give_the_same_quantities_as_utf8(capsys, tmp_path, codec):
    utf8, legacy = tmp_path / "utf8.txt", tmp_path / f"{codec}.txt"
    utf8.write_bytes(ARTICLE.encode("utf-8"))
    legacy.write_bytes(ARTICLE.encode(codec))
    assert read_text(legacy) == ARTICLE
    rows = quantities_rows(capsys, legacy)
    pd.testing.assert_frame_equal(rows, quantities_rows(capsys, utf8))
    surfaces = set(rows["surface"])
    assert any("€5 million" in s for s in surfaces) and any("£3.2 billion" in s for s in surfaces)
    assert not rows.apply(lambda col: col.str.contains("\ufffd")).any().any()


def test_other_encodings_are_named_not_replaced(capsys, tmp_path):
    path = tmp_path / "cyrillic.txt"
    path.write_bytes("Выручка выросла до 5 миллионов рублей в 2023 году.\n".encode("koi8_r"))
    code, out, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, "SourceError", str(path), "unsupported encoding")
    assert out == ""


def test_legacy_encoding_survives_the_build(capsys, tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    sources.mkdir()
    (sources / "latin.txt").write_bytes(ARTICLE.encode("cp1252"))
    code, err = build(capsys, sources, out)
    assert code == 0, err
    paragraphs = pd.read_parquet(out / "paragraphs.parquet")
    assert (paragraphs["text"] == MONEY.strip()).any()
    quantities = pd.read_parquet(out / "quantities.parquet")
    assert {"EUR", "GBP"} <= set(quantities["unit"].dropna())
    for name in ("articles", "paragraphs", "quantities", "claims"):
        assert "\ufffd" not in (out / f"{name}.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-16"),
], ids=["bom-crlf", "crlf", "cr", "utf16-bom-crlf"])
def test_bom_and_crlf_give_the_same_quantities_as_lf(capsys, tmp_path, encode):
    lf, odd = tmp_path / "lf.txt", tmp_path / "odd.txt"
    lf.write_bytes(ARTICLE.encode("utf-8"))
    odd.write_bytes(encode(ARTICLE))
    rows = quantities_rows(capsys, odd)
    assert len(rows) >= 4
    pd.testing.assert_frame_equal(rows, quantities_rows(capsys, lf))
    text = read_text(odd)
    assert text == ARTICLE
    for row in rows.itertuples():
        assert text[int(row.start):int(row.end)] == row.surface
        assert "\r" not in row.surface and "\ufeff" not in row.surface


# ---------------------------------------------------------------- web pages

# Numbers a reader never sees: each must stay out of the text and the quantities.
HIDDEN = ["424242", "313373", "777001", "858585", "909090", "121212", "565656"]
PAGE = f"""<!DOCTYPE html>
<html><head><title>Lab costs</title>
<meta name="description" content="{HIDDEN[0]} dollars">
<style>p {{ width: {HIDDEN[1]}px }}</style>
<script>var revenue = {HIDDEN[2]}; // $5 billion</script></head>
<body><!-- draft said {HIDDEN[3]} users -->
<p data-count="{HIDDEN[4]}" title="{HIDDEN[5]} views">Revenue was &euro;5&nbsp;million,
up 40% &amp; more than <b>&#8364;3</b> billion <a href="/n/{HIDDEN[6]}">expected</a>.</p>
<table><tr><th>Year</th><th>Sales</th></tr><tr><td>2023</td><td>$1.6 billion</td></tr></table>
</body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "saved-page.txt"])
def test_web_page_gives_only_its_visible_numbers(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    text = read_text(path)
    for number in HIDDEN:
        assert number not in text
    assert "<" not in text and "&euro;" not in text and "&amp;" not in text
    assert "€5\xa0million" in text and "& more than €3 billion" in text
    rows = quantities_rows(capsys, path)
    for number in HIDDEN:
        assert not rows["surface"].str.contains(number).any()
    by_surface = rows.set_index("surface")
    assert float(by_surface.loc["€5\xa0million", "value"]) == 5e6
    assert "$1.6 billion" in by_surface.index and "40%" in by_surface.index


def test_web_page_table_becomes_a_pipe_table(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    c = corpus.load_corpus(tmp_path)
    table = c.paragraphs[c.paragraphs["kind"] == "table"]
    assert list(table["text"]) == ["| Year | Sales |\n|---|---|\n| 2023 | $1.6 billion |"]
    from analysis.extract import tables

    cells = tables.for_corpus(c)
    assert "$1.6 billion" in set(cells["value"])


def test_web_page_without_visible_text_is_an_error(capsys, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 5;</script></head><body> </body></html>")
    code, _, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, str(path), "without visible text")


# ---------------------------------------------------------------- sizes, paths, names


def test_file_over_the_size_limit_is_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE * 20)
    code, out, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, "SourceError", str(path), "file too large", "1,000")
    assert out == ""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "huge.txt").write_text(ARTICLE * 20)
    (sources / "small.txt").write_text(ARTICLE)
    code, err = build(capsys, sources, tmp_path / "out", "--keep-going")
    assert code == 0 and any("huge.txt" in line and "file too large" in line for line in err)
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 1


def test_a_folder_is_not_an_article(capsys, tmp_path):
    code, _, err = cli(capsys, "quantities", tmp_path)
    assert_one_line_error(code, err, str(tmp_path), "a folder with no article files")
    sources = tmp_path / "sources"
    (sources / "sub.txt").mkdir(parents=True)
    (sources / "manifest.toml").write_text('[[article]]\nid = "sub"\nfile = "sub.txt"\n')
    code, err = build(capsys, sources, tmp_path / "out")
    assert_one_line_error(code, err, "sub.txt", "a folder, not a file")


def test_symlink_loop_and_broken_link_are_named(capsys, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(ARTICLE)
    (sources / "loop-a.txt").symlink_to(sources / "loop-b.txt")
    (sources / "loop-b.txt").symlink_to(sources / "loop-a.txt")
    (sources / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    code, _, err = cli(capsys, "quantities", sources / "loop-a.txt")
    assert_one_line_error(code, err, "loop-a.txt", "symlink loop")
    code, err = build(capsys, sources, tmp_path / "out")
    assert_one_line_error(code, err, "gone.txt", "broken symlink")
    code, err = build(capsys, sources, tmp_path / "out", "--keep-going")
    assert code == 0
    warnings = [line for line in err if line.startswith("warning:")]
    assert len(warnings) == 3
    assert sum("symlink loop" in w for w in warnings) == 2
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 1


def test_unreadable_file_is_one_line(capsys, tmp_path, monkeypatch):
    # Tests run as root, whom file modes do not stop: make the open itself fail as it would.
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = cli(capsys, "quantities", path)
    assert_one_line_error(code, err, str(path), "cannot read (Permission denied)")


def test_names_with_spaces_and_unicode_build(capsys, tmp_path):
    sources, out = tmp_path / "my sources", tmp_path / "out dir"
    sources.mkdir()
    name = "Zürich news – €5M deal 2024.txt"
    (sources / name).write_text(ARTICLE, encoding="utf-8")
    code, err = build(capsys, sources, out)
    assert code == 0, err
    articles = pd.read_parquet(out / "articles.parquet")
    assert list(articles["file"]) == [name]
    quantities = pd.read_parquet(out / "quantities.parquet")
    assert (quantities["article"] == articles.loc[0, "id"]).all() and len(quantities) >= 4
    (sources / name).write_bytes(b"")
    code, err = build(capsys, sources, out)
    assert_one_line_error(code, err, name, "empty file")


# ---------------------------------------------------------------- manifest


def _manifest(*articles: str) -> str:
    return "\n".join(f"[[article]]\n{a}\n" for a in articles)


@pytest.mark.parametrize("manifest, reason", [
    (_manifest('id = "a"\nfile = "a.txt"', 'id = "a"\nfile = "b.txt"'), "duplicate id 'a'"),
    (_manifest('id = "a"\nfile = "a.txt"\nauthor = "X"'), "unknown field(s) ['author']"),
    (_manifest('id = "a"'), "needs an id and a file"),
    (_manifest('id = "a"\nfile = "a.txt"\nurl = "https://example.org/a"\ndate_rule = "x-snowflake"'),
     "x-snowflake needs an X status url"),
    (_manifest('id = "a"\nfile = "a.txt"\ndate_rule = "lunar"'), "unknown date_rule"),
    ("[[article]]\nid = 'a'\nfile = \n", "not valid TOML"),
])
def test_bad_manifest_is_one_line(capsys, tmp_path, manifest, reason):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a.txt", "b.txt"):
        (sources / name).write_text(ARTICLE)
    (sources / "manifest.toml").write_text(manifest)
    code, err = build(capsys, sources, tmp_path / "out", "--keep-going")
    assert_one_line_error(code, err, "ManifestError", "manifest.toml", reason)


# ---------------------------------------------------------------- keep going


def test_keep_going_warns_once_per_bad_file_and_keeps_the_good(capsys, tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    sources.mkdir()
    bad = {"b-empty.txt": b"", "c-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "d-report.txt": PDF,
           "e-cyrillic.txt": "Выручка выросла до 5 миллионов.".encode("koi8_r")}
    for name, data in bad.items():
        (sources / name).write_bytes(data)
    (sources / "a-good.txt").write_text(ARTICLE)
    (sources / "f-good.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("cp1252"))
    code, err = build(capsys, sources, out)
    assert_one_line_error(code, err, "b-empty.txt", "empty file")
    assert not out.exists() or not list(out.glob("*.parquet"))
    code, err = build(capsys, sources, out, "--keep-going")
    assert code == 0
    warnings = [line for line in err if line.startswith("warning:")]
    assert len(warnings) == len(bad)
    for name, warning in zip(sorted(bad), warnings, strict=True):
        assert name in warning and "SourceError" in warning
    articles = pd.read_parquet(out / "articles.parquet")
    assert list(articles["file"]) == ["a-good.txt", "f-good.txt"]
    quantities = pd.read_parquet(out / "quantities.parquet")
    per_article = quantities.groupby("article")["surface"].apply(list)
    assert per_article["a-good"] == per_article["f-good"]


def test_quantities_of_a_folder_use_its_manifest_dates_and_languages(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Sales rose in the fourth quarter and in June.\n")
    (tmp_path / "b.txt").write_text("Der Umsatz stieg im dritten Quartal um 1.234 Euro.\n")
    (tmp_path / "manifest.toml").write_text(
        '[[article]]\nid = "a"\nfile = "a.txt"\npublished = "2024-03-19"\n'
        'date_precision = "day"\n\n[[article]]\nid = "b"\nfile = "b.txt"\n'
        'language = "de"\npublished = "2024-11"\ndate_precision = "month"\n')
    code, out, err = cli(capsys, "quantities", tmp_path)
    assert code == 0 and not err
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert [(Path(f).name, s, d) for f, s, d in
            zip(frame["file"], frame["surface"], frame["date"], strict=True)] == [
        ("a.txt", "the fourth quarter", "2023-Q4"), ("a.txt", "June", "2023-06"),
        ("b.txt", "im dritten Quartal", "2024-Q3"), ("b.txt", "1.234 Euro", "")]
    assert float(frame["value"].tolist()[-1]) == 1234
    code, out, _ = cli(capsys, "quantities", tmp_path / "a.txt", "--base-date", "2025")
    assert pd.read_csv(io.StringIO(out))["date"].tolist() == ["2025-Q4", "2025-06"]
