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
