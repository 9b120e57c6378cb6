"""Claims (who says it, how hedged, the certainty grade, topics) and the dated-events timeline."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.extract import claims, timeline, topics
from analysis.frames.schema import FRAMES

# ---------------------------------------------------------------- a small fake corpus


def corpus_of(article: str, paragraphs: list[tuple[str, str]]) -> SimpleNamespace:
    """A corpus with one article whose paragraphs (kind, text) are joined by blank lines."""
    text, rows, pos = "", [], 0
    for k, (kind, body) in enumerate(paragraphs):
        if k:
            text += "\n\n"
            pos += 2
        rows.append({"article": article, "ordinal": k, "kind": kind, "text": body,
                     "start": pos, "end": pos + len(body)})
        text += body
        pos += len(body)
    paragraphs_frame = pd.DataFrame(rows)
    paragraphs_frame["kind"] = paragraphs_frame["kind"].astype("category")
    return SimpleNamespace(texts={article: text}, paragraphs=paragraphs_frame,
                           articles=pd.DataFrame({"id": [article]}))


def quantities_for(corpus: SimpleNamespace, article: str, surfaces: list[tuple[str, str, str]]):
    """A hand-made quantities frame: (surface, kind, date) found by text search."""
    text = corpus.texts[article]
    rows = []
    for surface, kind, date in surfaces:
        start = text.index(surface)
        rows.append({"article": article, "paragraph": 0, "start": start, "end": start + len(surface),
                     "surface": surface, "kind": kind, "date": date, "is_boilerplate": False})
    return pd.DataFrame(rows)


def one(sentence: str) -> pd.Series:
    frame = claims.for_corpus(corpus_of("a", [("paragraph", sentence)]))
    assert len(frame) == 1
    return frame.iloc[0]


# ---------------------------------------------------------------- attribution in a sentence


def test_x_handle_is_the_source():
    row = one("The report, shared by researcher @kimmonismus on X, outlines several assertions.")
    assert (row["attribution"], row["attribution_kind"]) == ("@kimmonismus", "handle")


def test_email_address_is_not_a_handle():
    assert claims.source_in("Write to press@example.com, the company said.") == ("the company", "group")


def test_according_to_names_the_source_and_hedges():
    row = one("According to internal sources, the app used 40% of the cluster.")
    assert (row["attribution"], row["attribution_kind"]) == ("internal sources", "group")
    assert row["hedges"] == "according to"
    assert row["grade"] == "hedged"


def test_named_person_said_is_attributed():
    row = one("Sam Altman said more than once that they revealed GPT-3 too early.")
    assert (row["attribution"], row["attribution_kind"], row["grade"]) == ("Sam Altman", "person", "attributed")


def test_passive_is_said_to_names_the_topic_not_the_source():
    row = one("CEO Sam Altman is said to be shifting his focus toward raising capital.")
    assert row["attribution_kind"] == "article"
    assert "is said to" in row["hedges"].split("; ")


def test_described_group_said_is_attributed():
    row = one("“Multiple people close to the company said that researchers often had requests denied,” "
              "underscoring the bottleneck.")
    assert row["attribution"] == "multiple people close to the company"
    assert (row["attribution_kind"], row["grade"]) == ("group", "attributed")


def test_report_claims_is_a_hedged_report():
    row = one("A report claims OpenAI has redirected its Sora team.")
    assert (row["attribution"], row["attribution_kind"], row["grade"]) == ("a report", "report", "hedged")


def test_report_subject_skips_its_citing_clause():
    assert claims.source_in("A recent report, citing internal discussions, indicates that OpenAI "
                            "made a shift.") == ("a recent report", "report")


def test_estimates_say_is_a_report_with_its_hedge():
    row = one("Estimates say that OpenAI spends between $100,000 and $700,000 a day.")
    assert (row["attribution"], row["attribution_kind"]) == ("estimates", "report")
    assert row["hedges"] == "estimates say"


def test_economists_say_is_a_group():
    assert claims.source_in("But, as economists say, “After the boom, comes the bust.”") == ("economists", "group")


def test_pronoun_subject_is_not_a_source():
    assert claims.source_in("It suggests the leadership believes in scale.") is None


# ---------------------------------------------------------------- hedges and grade


@pytest.mark.parametrize("sentence, cue", [
    ("The Sora model has reportedly been canceled.", "reportedly"),
    ("The alleged report was a wakeup call.", "alleged"),
    ("This report, if accurate, fits a pattern.", "if accurate"),
    ("This report, while unverified, points to a realignment.", "unverified"),
    ("The exodus appears to be a misalignment.", "appears to"),
    ("The rumored model is strong.", "rumored"),
    ("The perceived drift is a push factor.", "perceived"),
    ("If true, this is a repurposing.", "if true"),
])
def test_hedge_cues_are_found(sentence, cue):
    assert cue in claims.hedges_of(sentence)


def test_hedges_come_in_text_order_and_count():
    row = one("This shift suggests the partnership may be more central.")
    assert row["hedges"] == "suggests; may"
    assert row["n_hedges"] == 2


def test_may_the_month_is_not_a_modal():
    assert claims.hedges_of("Traffic peaked in May 2023.") == []
    assert claims.hedges_of("OpenAI may be paving the way.") == ["may"]


def test_if_accurate_is_a_hedge_not_a_condition():
    assert claims.hedges_of("This report, if accurate, fits a clear pattern.") == ["if accurate"]
    assert claims.grade_of(["if accurate"], "article") == "hedged"


@pytest.mark.parametrize("sentence", [
    "OpenAI has not publicly commented on these claims.",
    "It gave wrong information as if it were true.",
    "We don’t know if they’ll exist next week.",
    "This is a pragmatic, if unsurprising, reflection of the market.",
])
def test_cue_words_used_otherwise_are_not_hedges(sentence):
    assert claims.hedges_of(sentence) == []


@pytest.mark.parametrize("hedges, kind, grade", [
    ([], "article", "stated"),
    ([], "person", "attributed"),
    (["reportedly"], "article", "hedged"),
    (["reportedly"], "handle", "hedged"),
    (["suggests", "may"], "report", "speculative"),
    (["if"], "article", "speculative"),
])
def test_grade_rule(hedges, kind, grade):
    assert claims.grade_of(hedges, kind) == grade


def test_conditional_sentence_is_speculative():
    row = one("If their burn rate remains as is, they can run out of money by the end of 2024.")
    assert row["grade"] == "speculative"


def test_grade_is_an_ordered_categorical_from_stated_to_speculative():
    frame = claims.for_corpus(corpus_of("a", [("paragraph", "Reports indicate a rise. It may fall.")]))
    assert frame["grade"].cat.ordered
    assert list(frame["grade"].cat.categories) == ["stated", "attributed", "hedged", "speculative"]
    assert (frame["grade"] < "speculative").tolist() == [True, False]


# ---------------------------------------------------------------- attribution across sentences


def test_bullets_under_a_sourced_intro_carry_its_source():
    corpus = corpus_of("a", [
        ("paragraph", "The report, shared by researcher @kimmonismus on X, outlines several assertions:"),
        ("list_item", "• Product Cancellation: The Sora video model has been canceled."),
        ("list_item", "• Executive Focus: CEO Sam Altman is said to be shifting his focus."),
        ("paragraph", "OpenAI has not commented on the cancellation, which could matter."),
    ])
    frame = claims.for_corpus(corpus)
    by_para = frame.set_index("paragraph")
    assert by_para.loc[2, "attribution"] == "@kimmonismus"
    assert by_para.loc[2, "attribution_via"] == "list"
    assert by_para.loc[3, "attribution"] == "article"


def test_bullets_under_an_unsourced_intro_stay_the_articles():
    corpus = corpus_of("a", [
        ("paragraph", "There are three risks:"),
        ("list_item", "• It could cost 5 billion dollars."),
    ])
    frame = claims.for_corpus(corpus)
    assert frame["attribution"].tolist() == ["article"]


def test_the_report_refers_back_to_the_last_named_source():
    corpus = corpus_of("a", [
        ("paragraph", "A report claims OpenAI canceled Sora."),
        ("paragraph", "The report, shared by @kimmonismus on X, outlines assertions."),
        ("paragraph", "This report, if accurate, fits a pattern."),
    ])
    frame = claims.for_corpus(corpus)
    last = frame.iloc[-1]
    assert (last["attribution"], last["attribution_via"]) == ("@kimmonismus", "back_reference")


def test_according_to_the_report_carries_through_its_paragraph():
    corpus = corpus_of("a", [
        ("paragraph", "A recent report, citing internal discussions, indicates a shift."),
        ("paragraph", "According to the report, OpenAI finished its model. "
                      "Concurrently, the company is winding down 3 apps."),
    ])
    frame = claims.for_corpus(corpus, quantities_for(corpus, "a", [("3 apps", "count", "")]))
    assert frame["attribution"].tolist() == ["a recent report"] * 3
    assert frame["attribution_via"].tolist() == ["sentence", "back_reference", "paragraph"]


def test_reportedly_without_a_source_carries_the_last_source():
    corpus = corpus_of("a", [
        ("paragraph", "Multiple accounts suggest resources go to the LLM."),
        ("paragraph", "Research divisions are reportedly being sidelined."),
    ])
    last = claims.for_corpus(corpus).iloc[-1]
    assert (last["attribution"], last["attribution_via"]) == ("multiple accounts", "hearsay")


def test_reportedly_at_the_start_of_an_article_is_the_articles():
    assert one("OpenAI Reportedly Cancels Video Model")["attribution"] == "article"


# ---------------------------------------------------------------- selection, quantities, frame


def test_sentences_without_quantity_or_cue_are_not_claims():
    corpus = corpus_of("a", [("paragraph", "The sky is blue. Sora was unveiled in February 2024.")])
    quantities = quantities_for(corpus, "a", [("February 2024", "date", "2024-02")])
    frame = claims.for_corpus(corpus, quantities)
    assert frame["sentence"].tolist() == ["Sora was unveiled in February 2024."]
    assert (frame.iloc[0]["grade"], frame.iloc[0]["n_quantities"]) == ("stated", 1)


def test_quantities_are_counted_in_their_sentence_and_offsets_index_the_text():
    corpus = corpus_of("a", [("paragraph", "Intro here. It peaked at 1.8 million visits in April. Done.")])
    quantities = quantities_for(corpus, "a", [("1.8 million", "count", ""), ("April", "date", "2023-04")])
    row = claims.for_corpus(corpus, quantities).iloc[0]
    assert row["quantity_surfaces"] == "1.8 million; April"
    assert corpus.texts["a"][row["start"]:row["end"]] == row["sentence"]
    assert row["claim"] == "a:0"


def test_table_lines_are_claims_only_with_a_quantity():
    corpus = corpus_of("a", [("table", "| Strategic Priority (Perceived) |\n|---|\n| High |")])
    assert claims.for_corpus(corpus).empty


def test_boilerplate_claims_are_kept_and_marked():
    corpus = corpus_of("a", [("boilerplate", "Editorial·3h ago·41 views")])
    quantities = quantities_for(corpus, "a", [("41", "count", "")])
    frame = claims.for_corpus(corpus, quantities)
    assert frame["is_boilerplate"].tolist() == [True]


def test_claims_frame_has_the_documented_schema():
    frame = claims.for_corpus(corpus_of("a", [("paragraph", "A report claims growth.")]))
    assert list(frame.columns) == FRAMES["claims"].names
    assert frame["n_hedges"].dtype == "Int64"
    empty = claims.for_corpus(corpus_of("a", [("paragraph", "Nothing to see.")]))
    assert empty.empty and list(empty.columns) == FRAMES["claims"].names


# ---------------------------------------------------------------- topics


def test_topic_is_the_family_with_most_keywords():
    assert topics.topic_of("ChatGPT and other large language models won.") == "chatgpt/llm"
    assert topics.topic_of("Sora video generation needs GPUs and compute clusters.") == "compute"
    assert topics.topic_of("The weather was nice.") == "other"


def test_topics_lists_every_family_in_order():
    assert topics.topics_of("Revenue from ChatGPT paid for GPUs.") == ["chatgpt/llm", "finance", "compute"]


def test_topic_keywords_match_whole_words():
    assert topics.topic_of("The aggregate trend.") == "other"  # no "gpt" inside a word


# ---------------------------------------------------------------- events


@pytest.mark.parametrize("date, precision, start, end", [
    ("2015-12", "month", "2015-12-01", "2016-01-01"),
    ("2023", "year", "2023-01-01", "2024-01-01"),
    ("2022-H2", "half", "2022-07-01", "2023-01-01"),
    ("2024-Q1", "quarter", "2024-01-01", "2024-04-01"),
    ("2023-11-17", "day", "2023-11-17", "2023-11-18"),
    ("1960s", "decade", "1960-01-01", "1970-01-01"),
    ("196X", "decade", "1960-01-01", "1970-01-01"),
    ("2024-12/2025", "year", "2024-12-01", "2026-01-01"),
])
def test_period_covers_the_date_at_its_precision(date, precision, start, end):
    p, a, b = timeline.period(date)
    assert (p, a, b) == (precision, pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("date", ["soon", "2023-13", "2023-02-30", "next week"])
def test_period_of_an_unreadable_date_is_empty(date):
    assert timeline.period(date) == (None, None, None)


def test_events_are_sorted_by_date_then_article_with_grade_from_claims():
    corpus = corpus_of("a", [("paragraph", "It began in December 2015. Sales stopped in 2009. "
                                           "It may run out of money in 2025.")])
    quantities = quantities_for(corpus, "a", [
        ("December 2015", "date", "2015-12"), ("2009", "date", "2009"), ("2025", "date", "2025")])
    quantities = pd.concat([quantities, pd.DataFrame([
        {"article": "a", "paragraph": 0, "start": 0, "end": 2, "surface": "It", "kind": "count",
         "date": "", "is_boilerplate": False}])], ignore_index=True)
    frame = timeline.events(quantities, claims.for_corpus(corpus, quantities))
    assert frame["surface"].tolist() == ["2009", "December 2015", "2025"]
    assert frame["precision"].astype(str).tolist() == ["year", "month", "year"]
    assert frame["grade"].astype(str).tolist() == ["stated", "stated", "speculative"]
    assert frame["sentence"].iloc[2] == "It may run out of money in 2025."
    assert list(frame.columns) == FRAMES["events"].names


def test_events_skip_undated_mentions_and_put_unreadable_dates_last():
    quantities = pd.DataFrame({
        "article": ["b", "a", "a"], "start": [5, 9, 1], "end": [9, 13, 3],
        "surface": ["2020", "soon", "weeks"], "kind": ["date", "date", "duration"],
        "date": ["2020", "later", None],
    })
    frame = timeline.events(quantities)
    assert frame["surface"].tolist() == ["2020", "soon"]
    assert frame["date_start"].isna().tolist() == [False, True]
    assert frame["grade"].isna().all()


def test_events_of_an_empty_quantities_frame_have_the_schema():
    frame = timeline.events(pd.DataFrame(columns=["article", "start", "end", "surface", "kind", "date"]))
    assert frame.empty and list(frame.columns) == FRAMES["events"].names


# ---------------------------------------------------------------- the real articles


def test_bullets_of_the_sora_pivot_article_are_the_handles_claims(corpus):
    frame = claims.for_corpus(corpus)
    pivot = frame[frame["article"] == "sora-team-world-model-pivot"]
    altman = pivot[pivot["sentence"].str.contains("Sam Altman is said to")].iloc[0]
    assert (altman["attribution"], altman["grade"]) == ("@kimmonismus", "hedged")


def test_running_cost_estimate_is_hedged_and_attributed_to_estimates(corpus):
    frame = claims.for_corpus(corpus)
    row = frame[frame["sentence"].str.startswith("Estimates say")].iloc[0]
    assert (row["article"], row["attribution"], row["grade"]) == (
        "house-divided-openai-chaos", "estimates", "hedged")


def test_claim_offsets_index_the_article_text(corpus):
    frame = claims.for_corpus(corpus)
    assert all(corpus.texts[a][s:e] == t for a, s, e, t in
               zip(frame["article"], frame["start"], frame["end"], frame["sentence"], strict=True))


def test_topic_counts_equal_one_count_per_family_on_every_source_and_gold_sentence():
    # topic_counts skips the per-family counts when one search over every family's words
    # finds nothing; the counts must be those of counting each family on its own.
    import glob
    import re

    from analysis import paths
    from analysis.extract import topics

    files = sorted(glob.glob(str(paths.SOURCES / "*.txt"))) + sorted(
        glob.glob(str(paths.ROOT / "tests" / "gold" / "**" / "*.txt"), recursive=True))
    sentences = [s for f in files for s in re.split(r"(?<=[.!?])\s+|\n+",
                                                     open(f, encoding="utf-8").read()) if s]
    families = topics._compiled(None)
    without = 0
    for s in [*sentences, "$5 billion", "A GPU-heavy plan", "no topic here"]:
        counts = topics.topic_counts(s)
        assert counts == {t: len(rx.findall(s)) for t, rx in families.items()}, s
        without += not any(counts.values())
    assert 0 < without < len(sentences)


def test_hedges_equal_both_searches_on_every_source_and_gold_sentence():
    # hedges_of returns early when one search over both cue lists finds nothing; the cues
    # must be those the two lists' own searches find.
    import glob
    import re

    from analysis import paths
    from analysis.extract import claims

    def slow(sentence):
        found = []
        for rx in (claims._HEDGE_RE, claims._SPEC_RE):
            for m in rx.finditer(sentence):
                found.append(m)
        return found

    files = sorted(glob.glob(str(paths.SOURCES / "*.txt"))) + sorted(
        glob.glob(str(paths.ROOT / "tests" / "gold" / "**" / "*.txt"), recursive=True))
    sentences = [s for f in files for s in re.split(r"(?<=[.!?])\s+|\n+",
                                                     open(f, encoding="utf-8").read()) if s]
    with_cue = 0
    for s in [*sentences, "It may rise.", "Analysts speculate it could double.", "Plain."]:
        assert (claims._ANY_CUE_RE.search(s) is None) == (not slow(s)), s
        with_cue += bool(claims.hedges_of(s))
    assert 0 < with_cue < len(sentences)


def _pieces_text(rng, pieces, n):
    return "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, n)))


def test_clause_before_a_verb_from_a_window_equals_the_whole_split(monkeypatch):
    # The subject's clause is found in the last CLAUSE_WINDOW characters before the verb
    # (the whole text when the clause reaches near the window's start); with tiny windows,
    # on random text of separators and clause words, it must be the whole split's clause.
    import random

    from analysis.extract import claims

    def whole(text, end):
        return claims._last_clause(claims._CLAUSE_BREAK.split(text[:end]))[0]

    rng = random.Random(7)
    pieces = [",", ";", ":", "(", ")", "“", "”", '"', "—", "–", " - ", ". ", "? ", " ", "-",
              ".", "citing", "according", "who", "which", "Reuters", "analysts", "said", "x"]
    for window in (5, 8, 13, 40):
        monkeypatch.setattr(claims, "CLAUSE_WINDOW", window)
        for _ in range(3000):
            text = _pieces_text(rng, pieces, 30)
            end = rng.randint(0, len(text))
            assert claims._clause_before(text, end) == whole(text, end), (window, text[:end])


def test_hedges_equal_checking_every_cue_against_every_other(monkeypatch):
    # hedges_of checks overlaps and exclusions with binary searches; on random runs of cue
    # words, phrases that are not cues and months it must find what checking every pair finds.
    import random

    from analysis.extract import claims

    def reference(sentence):
        excluded = [m.span() for m in claims._NOT_CUES_RE.finditer(sentence)]
        found = []
        for rx in (claims._HEDGE_RE, claims._SPEC_RE):
            for m in rx.finditer(sentence):
                if any(a < m.end() and m.start() < b for a, b, _ in found):
                    continue
                if any(a <= m.start() and m.end() <= b for a, b in excluded):
                    continue
                cue = claims._norm(m.group())
                if cue == "may" and claims._is_month_may(sentence, m):
                    continue
                found.append((m.start(), m.end(), cue))
        return [cue for _, _, cue in sorted(found)]

    rng = random.Random(3)
    words = [*claims.HEDGES[:12], *claims.SPECULATIVE[:8], "May", "may", "in May 2024", "could",
             "if", "likely", "such claims", "as if", "most likely to", ", if odd,", "ask if",
             "not", "the", "said", ",", "."]
    for _ in range(3000):
        sentence = _pieces_text(rng, words, 25)
        assert claims.hedges_of(sentence) == reference(sentence), sentence
