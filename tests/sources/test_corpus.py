"""The corpus loader: manifest, decoding, paragraphs that lose nothing."""

from __future__ import annotations

import hashlib
import tomllib

import pandas as pd
import pytest

from analysis.errors import SourceError
from analysis.frames.schema import FRAMES
from analysis.sources.corpus import load_corpus
from analysis.sources.decode import decode, read_text
from analysis.sources.manifest import snowflake_time
from analysis.sources.paragraphs import paragraphs_of
from tests.conftest import SOURCES


def test_manifest_lists_every_file_with_its_sha256():
    manifest = tomllib.loads((SOURCES / "manifest.toml").read_text())["article"]
    files = sorted(p.name for p in SOURCES.glob("*.txt"))
    assert sorted(a["file"] for a in manifest) == files
    for a in manifest:
        assert hashlib.sha256((SOURCES / a["file"]).read_bytes()).hexdigest() == a["sha256"]


def test_manifest_urls_appear_in_their_articles():
    for a in tomllib.loads((SOURCES / "manifest.toml").read_text())["article"]:
        if a["url"]:
            assert a["url"] in (SOURCES / a["file"]).read_text(encoding="utf-8")


def test_snowflake_decodes_known_status_id():
    # The status id in the source line of chatgpt-dominance-talent-exodus.
    assert snowflake_time(2018667779503665365).isoformat() == "2026-02-03T12:47:58.324000+00:00"


def test_article_built_on_x_post_is_dated_from_its_status_id(corpus):
    row = corpus.articles.set_index("id").loc["chatgpt-dominance-talent-exodus"]
    assert row["published"] == "2026-02-03"
    assert row["date_precision"] == "day"
    assert row["date_source"] == "inferred"


def test_articles_frame_has_schema_and_counts(corpus):
    a = corpus.articles
    assert list(a.columns) == FRAMES["articles"].names
    assert len(a) == 4 and a["id"].is_unique
    for row in a.itertuples():
        text = corpus.texts[row.id]
        assert row.n_chars == len(text)
        assert 500 < row.n_words < len(text) / 3
    assert set(a["date_source"]) == {"inferred", "unknown"}


def test_paragraph_spans_give_back_their_text(corpus):
    p = corpus.paragraphs
    assert list(p.columns) == FRAMES["paragraphs"].names
    for row in p.itertuples():
        assert corpus.texts[row.article][row.start:row.end] == row.text


def test_every_non_blank_character_lies_in_exactly_one_paragraph(corpus):
    for article, text in corpus.texts.items():
        p = corpus.paragraphs[corpus.paragraphs["article"] == article].sort_values("start")
        cover = [0] * len(text)
        for row in p.itertuples():
            for i in range(row.start, row.end):
                cover[i] += 1
        lost = [i for i, ch in enumerate(text) if not ch.isspace() and cover[i] != 1]
        assert lost == [], f"{article}: characters outside or in two paragraphs at {lost[:5]}"


def test_decoded_sources_equal_the_files(corpus):
    for row in corpus.articles.itertuples():
        assert corpus.texts[row.id] == (SOURCES / row.file).read_text(encoding="utf-8")


def test_page_furniture_is_kept_and_marked_boilerplate(corpus):
    p = corpus.paragraphs
    furniture = set(p.loc[p["kind"] == "boilerplate", "text"])
    for expected in ["Contact Information", "Share:", "Related Articles", "Enjoyed this article?",
                     "Leave a Reply", "Featured image source: IconScout",
                     "#house #divided #Lessons #OpenAIs #chaos"]:
        assert expected in furniture
    assert any("views" in t and "min read" in t for t in furniture)
    assert any(t.startswith("Your email address will not be published") for t in furniture)
    assert any(t.startswith("Entrepreneur Creative Designer") for t in furniture)
    # The article's own prose is not furniture.
    body = p[(p["article"] == "house-divided-openai-chaos") & (p["kind"] == "paragraph")]
    assert body["text"].str.contains("1.43 million visits").any()


def test_kinds_title_heading_list_item_table(corpus):
    p = corpus.paragraphs.set_index(["article", "ordinal"])
    assert (corpus.paragraphs.groupby("article")["kind"].apply(lambda k: (k == "title").sum()) == 1).all()
    kinds = corpus.paragraphs.groupby("kind", observed=True).size()
    assert kinds["table"] == 1 and kinds["list_item"] >= 10 and kinds["heading"] >= 20
    table = corpus.paragraphs[corpus.paragraphs["kind"] == "table"].iloc[0]
    assert table["text"].count("\n") == 4
    assert p.loc[("house-divided-openai-chaos", 0), "kind"] == "boilerplate"


def test_hard_wrapped_prose_is_one_paragraph():
    text = "Title line\n\nThis sentence was wrapped\nat seventy columns by the\nsaving tool.\n\nNext one.\n"
    p = paragraphs_of("a", text, "Title line")
    assert list(p["kind"]) == ["title", "paragraph", "paragraph"]
    assert p.loc[1, "text"] == "This sentence was wrapped\nat seventy columns by the\nsaving tool."


def test_repeated_title_is_furniture():
    p = paragraphs_of("a", "Big News\n\nBig News\n\nBody text here.\n", "Big News")
    assert list(p["kind"]) == ["title", "boilerplate", "paragraph"]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\t\n", "only white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary file"),
])
def test_bad_files_raise_one_line_source_error(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        read_text(path)
    message = str(info.value)
    assert reason in message and str(path) in message and "\n" not in message


def test_missing_file_and_folder_are_named(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(SourceError, match="no such folder"):
        load_corpus(tmp_path / "nowhere")


def test_windows_1252_and_latin9_keep_euro_and_pound(tmp_path):
    cp = "Costs rose to 5 € and £3 — “quoted”.\n"
    assert decode(cp.encode("cp1252")) == cp
    latin9 = "Prix: 12 € par mois, señor.\n"
    assert decode(latin9.encode("iso8859_15")) == latin9


def test_bom_and_crlf_decode_like_plain_lf():
    text = "One line.\nTwo lines: $5 billion.\n"
    assert decode(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()) == text
    assert decode(text.replace("\n", "\r").encode()) == text
    assert decode(text.encode("utf-16")) == text


def test_undecodable_text_is_refused_not_replaced(tmp_path):
    # Bytes undefined in Windows-1252 and control codes in ISO-8859-15.
    path = tmp_path / "odd.txt"
    path.write_bytes("Привет мир, это тест.".encode("koi8_r") + b"\x81\x8d\x8f\x90\x9d")
    with pytest.raises(SourceError, match="unsupported encoding"):
        read_text(path)


def test_folder_without_manifest_gets_entries_per_file(tmp_path):
    (tmp_path / "one.txt").write_text("A headline\n\nSome text with 5 numbers.\n")
    c = load_corpus(tmp_path)
    assert list(c.articles["id"]) == ["one"]
    assert c.articles.loc[0, "title"] == "A headline"
    assert c.articles.loc[0, "date_source"] == "unknown"


def test_keep_going_skips_bad_file_and_keeps_the_rest(sources_copy):
    (sources_copy / "stray.txt").write_text("not in the manifest\n")
    with pytest.raises(SourceError, match="no manifest entry"):
        load_corpus(sources_copy)
    c = load_corpus(sources_copy, keep_going=True)
    assert len(c.articles) == 4 and len(c.skipped) == 1
    assert isinstance(c.paragraphs, pd.DataFrame)


def test_language_of_a_file_without_manifest_is_guessed(tmp_path):
    (tmp_path / "de.txt").write_text(
        "Die Kosten stiegen auf 3,5 Mio. EUR pro Monat, und das ist nicht wenig für die Firma "
        "mit den neuen Werken im Süden, sagte der Chef auf einer Konferenz.\n")
    (tmp_path / "en.txt").write_text("Costs were between $3 and $4.5 billion a year.\n")
    (tmp_path / "fr.txt").write_text(
        "Les ventes ont atteint 3,5 millions d'euros en 2023, une hausse de 12 % pour la "
        "société qui est dans le secteur des puces.\n")
    langs = dict(load_corpus(tmp_path).articles[["id", "language"]].itertuples(index=False))
    assert langs == {"de": "de", "en": "en", "fr": "fr"}


def test_manifest_language_is_kept(corpus):
    assert set(corpus.articles["language"]) == {"en"}


TABLE_TEXTS = [
    "Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.",
    "| a | b |\n|-|-|\n| 1 | 2 |",  # one-dash separators are a table for both readers
    "| a | b |\n|---|---|\n| 1 | 2 |\n| c | d |\n|---|---|\n| 3 | 4 |",  # two tables back to back
    "| a \\| b |\n|---|\n| x |\nprose right below, with a | pipe",
    "a | b\n--- | ---\n1 | 2\n\n| not | a table |\nno separator here",
    "| a | b |\n\n|---|---|\n| 1 | 2 |",  # a blank line between header and separator
]


@pytest.mark.parametrize("text", TABLE_TEXTS)
def test_table_paragraphs_are_exactly_the_tables_the_table_reader_finds(text):
    from analysis.extract.tables import find

    paras = paragraphs_of("a", text)
    table_spans = [(int(p.start), int(p.end)) for p in paras.itertuples() if p.kind == "table"]
    found = find(text)
    assert len(table_spans) == len(found)
    for (a, b), table in zip(table_spans, found, strict=True):
        cells = [span for row in table.spans for span in row] + table.header_spans
        assert all(a <= s <= e <= b for s, e in cells)


# Manifests whose [[article]] tables are read one at a time must give exactly the entries (or
# the error) of one parse of the whole text; layouts it cannot split safely fall back to that.
_TABLES = [
    # a preamble, comments and spacing around the headers
    '# sources\ntitle = "corpus"\n\n[[article]]\nid = "a"\nfile = "a.txt"\n\n'
    '  [[ article ]]  # second\nid = "b"\nfile = "b.txt"\noutlet = "Outlet"\n',
    # a header line inside a multi-line string: splitting there would cut the string
    '[[article]]\nid = "a"\nfile = "a.txt"\ndate_note = """first line\n[[article]]\nid = "x"\n"""\n'
    '[[article]]\nid = "b"\nfile = "b.txt"\n',
    # another table after an article belongs to the whole document, not to a split part
    '[[article]]\nid = "a"\nfile = "a.txt"\n[other]\nkey = 1\n[[article]]\nid = "b"\nfile = "b.txt"\n',
    # a dotted sub-table of the last article
    '[[article]]\nid = "a"\nfile = "a.txt"\n[[article]]\nid = "b"\nfile = "b.txt"\n[article.extra]\nx = 1\n',
]


@pytest.mark.parametrize("text", _TABLES)
def test_manifest_read_table_by_table_equals_one_parse(tmp_path, text):
    from analysis.errors import ManifestError
    from analysis.sources import manifest

    (tmp_path / "manifest.toml").write_text(text)

    def whole():
        rows = tomllib.loads(text).get("article", [])
        seen: set[str] = set()
        return [manifest._entry(row, i, seen, tmp_path / "manifest.toml")
                for i, row in enumerate(rows, 1)]

    try:
        expected = whole()
    except ManifestError as err:
        with pytest.raises(ManifestError) as got:
            manifest.read_manifest(tmp_path)
        assert str(got.value) == str(err)
    else:
        assert manifest.read_manifest(tmp_path) == expected


def test_manifest_with_a_bad_table_reports_the_toml_error_first(tmp_path):
    from analysis.errors import ManifestError
    from analysis.sources import manifest

    # Article 1 lacks its file (a content error); a later table is not valid TOML. Parsed
    # whole, the TOML error is the one reported, and so it is when read table by table.
    (tmp_path / "manifest.toml").write_text(
        '[[article]]\nid = "a"\n[[article]]\nid = "b"\nfile = "b.txt"\nbroken = \n')
    with pytest.raises(ManifestError, match="not valid TOML"):
        manifest.read_manifest(tmp_path)


def test_manifest_is_split_only_where_that_is_safe(tmp_path):
    from analysis.sources import manifest

    path = tmp_path / "manifest.toml"
    plain, in_string, other_table, _ = _TABLES
    assert [e.id for e in manifest._entries_by_table(plain, path)] == ["a", "b"]
    for text in (in_string, other_table):
        assert manifest._entries_by_table(text, path) is None
