"""Sentence spans: where a full stop ends a sentence and where it does not."""

from analysis.extract.sentences import around, spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in spans(text)]


def test_abbreviations_and_decimals_do_not_end_sentences():
    text = "Revenue was $1.3 billion. Mr. Smith said 3.5 percent. U.S. sales rose! Next?"
    assert split(text) == ["Revenue was $1.3 billion.", "Mr. Smith said 3.5 percent.",
                           "U.S. sales rose!", "Next?"]


def test_hyphenated_name_ending_in_a_capital_ends_a_sentence():
    assert split("Teams behind Sora and DALL-E. They left.") == ["Teams behind Sora and DALL-E.", "They left."]


def test_no_is_an_abbreviation_only_before_a_number():
    assert split("No. The app is gone.") == ["No.", "The app is gone."]
    assert split("See No. 5 on the list.") == ["See No. 5 on the list."]


def test_line_breaks_end_sentences_and_spans_are_trimmed():
    text = "  Heading without stop\nBody one. Body two.  \n"
    assert split(text) == ["Heading without stop", "Body one.", "Body two."]


def test_around_finds_the_sentence_of_a_span():
    text = "First one. The second holds 42 here. Third."
    a, b = around(text, text.index("42"), text.index("42") + 2)
    assert text[a:b] == "The second holds 42 here."


# --- the sentences frame -----------------------------------------------------------------


def test_sentences_frame_tiles_each_paragraph_and_quotes_the_text(corpus):
    from analysis.extract.sentences import for_corpus

    frame = for_corpus(corpus)
    paragraphs = corpus.paragraphs.set_index(["article", "ordinal"])
    for article, part in frame.groupby("article", observed=True):
        assert part["sentence"].tolist() == list(range(len(part)))
        assert part["start"].is_monotonic_increasing
        text = corpus.texts[article]
        for row in part.itertuples():
            assert text[row.start:row.end] == row.text
            para = paragraphs.loc[(article, row.paragraph)]
            assert para["start"] <= row.start < row.end <= para["end"]
            assert row.kind == para["kind"]
        # every non-blank character of a paragraph lies in one of its sentences
        for ordinal, sents in part.groupby("paragraph"):
            para = paragraphs.loc[(article, ordinal)]
            covered = set()
            for a, b in zip(sents["start"], sents["end"], strict=True):
                covered.update(range(a, b))
            blank = {i for i in range(para["start"], para["end"]) if not text[i].isspace()}
            assert blank <= covered


def test_quantities_and_claims_quote_rows_of_the_sentences_frame(processed_frames):
    f = processed_frames
    spans = set(zip(f["sentences"]["article"], f["sentences"]["start"], f["sentences"]["end"],
                    strict=True))
    q = f["quantities"]
    assert set(zip(q["article"], q["sentence_start"], q["sentence_end"], strict=True)) <= spans
    c = f["claims"]
    assert set(zip(c["article"], c["start"], c["end"], strict=True)) <= spans


def test_a_sentence_frame_given_to_the_extractors_is_the_one_they_read(corpus):
    from analysis.extract import claims, quantities
    from analysis.extract.sentences import for_corpus

    frame = for_corpus(corpus)
    # One sentence per paragraph: the quantities and claims must quote the paragraphs whole.
    whole = corpus.paragraphs.rename(columns={"ordinal": "paragraph"})
    whole = whole.assign(sentence=range(len(whole)))[frame.columns]
    q = quantities.for_corpus(corpus, whole)
    assert (q["sentence_end"] - q["sentence_start"]).gt(0).all()
    paragraph_spans = set(zip(whole["article"], whole["start"], whole["end"], strict=True))
    short = q[q["sentence_end"] - q["sentence_start"] <= quantities.MAX_SENTENCE]
    assert set(zip(short["article"], short["sentence_start"], short["sentence_end"],
                   strict=True)) <= paragraph_spans
    c = claims.for_corpus(corpus, q, whole)
    assert set(zip(c["article"], c["start"], c["end"], strict=True)) <= paragraph_spans
    assert len(c) < len(claims.for_corpus(corpus, q, frame))


def test_splitting_each_line_alone_gives_the_spans_of_the_whole_text():
    """quantities.extract splits only the lines that hold a mention; that is the same as
    splitting the whole text because a line break always ends a sentence."""
    from analysis.paths import ROOT
    from analysis.sources.decode import read_text

    gold = ROOT / "tests" / "gold"
    files = [*(ROOT / "data" / "sources").glob("*.txt"), *(gold / "unseen").glob("*.txt"),
             *(gold / "unseen" / "reported").glob("*.txt")]
    texts = [read_text(p) for p in files]
    texts.append("Ends with a dot.\nNo. 3 is next. Mr. X said so!\n\n  Indented line... ok\n")
    for text in texts:
        by_line, a = [], 0
        for line in text.split("\n"):
            by_line += spans(text, a, a + len(line))
            a += len(line) + 1
        assert by_line == spans(text)
