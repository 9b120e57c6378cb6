"""Who says each number or claim, how sure the text is about it, and a timeline of dates.

A *claim* is a sentence that holds a quantity (from the quantities frame) or a claim cue:
a reporting or assertion verb (``REPORTING_VERBS``), a hedge (``HEDGES``), a speculative
cue (``SPECULATIVE``) or an explicit source (an X handle, "according to ...").

Attribution (who says it), first rule that applies:

1. **In the sentence**: an X handle (``@name``); else a named person as the subject of a
   reporting verb ("Sam Altman said"), not a passive ("Altman is said to" names the topic,
   not the source); else "according to <source>"; else a described group or report as the
   subject of a reporting verb ("multiple people close to the company said", "a report
   claims", "estimates say", "economists say"); else "citing <source>".
   A source that is only a back-reference ("the report", "this report", "the source")
   resolves to the most recent named source (handle or person) earlier in the article, or
   failing that the most recent source of any kind, or else stays "the report".
2. **List items** under a paragraph that ends with ":" and has a source carry that source
   (the bullets of "The report, shared by researcher @kimmonismus on X, outlines ...:").
3. **Within a paragraph** opened by "According to <source>, ...", later sentences carry
   that source.
4. **Hearsay**: a sentence with a hearsay hedge ("reportedly", "allegedly", "is said to",
   ``HEARSAY``) and no source of its own carries the most recent source in the article.
5. Otherwise the article's own voice: attribution ``"article"``.

Certainty grade (an ordered Categorical, from most to least certain):

* ``stated``: the article's own voice, no hedge;
* ``attributed``: a named or described source, no hedge (attribution verbs such as "said",
  "indicates", "announced" are not hedges);
* ``hedged``: at least one ``HEDGES`` cue ("reportedly", "claims", "according to",
  "suggests", "appears to", "likely", "perceived", "if accurate", ...);
* ``speculative``: at least one ``SPECULATIVE`` cue, conditional or modal future ("if ...",
  "could", "may", "might", "would", "potentially", "expected to"); wins over ``hedged``.

``hedges`` lists every hedge and speculative cue found, in text order.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from analysis.extract import sentences, topics
from analysis.extract.spans import Spans
from analysis.extract.topics import phrase_pattern
from analysis.frames.schema import ATTRIBUTION_KINDS, ATTRIBUTION_VIA, FRAMES, GRADES

__all__ = ["ATTRIBUTION_KINDS", "ATTRIBUTION_VIA", "GRADES", "attribute", "for_corpus",
           "grade_of", "hedges_of", "source_in"]

# ---------------------------------------------------------------- lexicons


# Verbs that report or assert what a source says; the words before one are its subject.
REPORTING_VERBS = [
    "say", "says", "said", "saying", "told", "tells", "state", "states", "stated",
    "announce", "announces", "announced", "confirm", "confirms", "confirmed",
    "reports", "reported", "indicate", "indicates", "indicated",
    "suggest", "suggests", "suggested", "claim", "claims", "claimed",
    "reveal", "reveals", "revealed", "argue", "argues", "argued", "believe", "believes",
    "estimates", "estimated", "shared", "noted", "write", "writes", "wrote",
    "warn", "warns", "warned", "outlines", "outlined", "show", "shows", "showed",
]
# Verbs of speaking proper: only these make a bare organisation name a source.
SPEAKING_VERBS = {"say", "says", "said", "told", "stated", "states", "announced", "announces",
                  "confirmed", "confirms", "reported", "wrote", "argued", "claims", "claimed",
                  "noted", "warned"}
# Hedge cues: the text does not vouch for what follows. Phrases before single words.
HEDGES = [
    "is said to", "are said to", "was said to", "were said to", "said to",
    "according to", "estimates say", "estimates suggest", "if accurate", "if true", "if confirmed",
    "appears to", "appear to", "appeared to", "seems to", "seem to", "believed to", "thought to",
    "reportedly", "reported", "allegedly", "alleged", "purportedly", "supposedly", "apparently",
    "claims", "claim", "claimed", "unverified", "unconfirmed", "rumored", "rumoured", "rumors",
    "rumours", "speculation", "suggests", "suggest", "suggested", "appears", "seems",
    "likely", "unlikely", "probably", "perceived", "perceives", "perception",
]
# Hedges that pass a claim on from someone else: a sentence with one of these and no
# source of its own carries the article's most recent source (rule 4).
HEARSAY = {"is said to", "are said to", "was said to", "were said to", "said to", "reportedly",
           "reported", "allegedly", "alleged", "purportedly", "supposedly"}
# Speculative cues: conditional, modal or forecast; "if" is not counted inside the hedge
# phrases "if accurate/true/confirmed" nor in "as if".
SPECULATIVE = [
    "expected to", "projected to", "poised to", "forecast to", "set to",
    "could", "may", "might", "would", "potentially", "possibly", "anticipated", "if",
]
# Uses of cue words that are not hedges or speculation: a cue inside one of these is ignored.
NOT_CUES = [
    r"\b(?:these|those|such)\s+claims?\b",                 # the article naming claims
    r"\bas\s+if\b",                                       # a simile
    r"\bmost\s+likely\s+to\b",                            # "best suited to"
    r",\s*if\s+(?!accurate|true|confirmed)\w+(?:\s+\w+)?\s*,",  # concessive ", if unsurprising,"
    r"\b(?:know|tell\s+us|see|ask|asked|wonder|check|sure)\s+if\b",  # "if" meaning "whether"
]
# Head nouns of described sources.
GROUP_NOUNS = [
    "people", "persons", "sources", "insiders", "employees", "staff", "researchers",
    "researcher", "engineers", "scientists", "analysts", "analyst", "experts", "economists",
    "officials", "executives", "observers", "critics", "investors", "accounts", "members",
    "spokesperson", "spokesman", "spokeswoman", "company", "firm", "startup", "board",
]
REPORT_NOUNS = [
    "report", "reports", "estimates", "estimate", "study", "studies", "survey", "data",
    "analysis", "documents", "document", "memo", "filing", "leak", "post", "posts",
    "discussions", "figures", "reporting",
]
# A back-reference to a source already named (rule 1).
BACK_REFERENCE = re.compile(r"\b(?:the|this|that)\s+(?:report|source)(?:['’]s)?\b", re.I)
# Titles that may precede a person's name.
TITLES = {"ceo", "cto", "cfo", "coo", "president", "chairman", "chair", "founder", "co-founder",
          "cofounder", "researcher", "analyst", "dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs",
          "mrs.", "prof", "prof.", "professor", "executive", "chief", "scientist", "engineer"}
# Words that open a clause and are not part of its subject ("as economists say").
_LEADING = {"as", "and", "but", "so", "while", "because", "that", "which", "who", "also",
            "however", "then", "when", "what", "how", "why", "where", "though", "although",
            "since", "if", "yet", "even", "now", "here", "there", "still"}
# Auxiliaries and adverbs between a subject and its reporting verb ("have shared").
_BETWEEN = {"have", "has", "had", "also", "reportedly", "publicly", "previously", "recently",
            "repeatedly", "often", "all", "both", "further", "already", "openly", "privately",
            "once", "again", "now", "do", "does", "did", "will", "would", "could", "may", "might"}
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "multiple", "several",
                "many", "some", "two", "three", "four", "five", "numerous", "other", "most", "recent"}
# Subjects that are the article talking about itself or its topic, not a source.
_NOT_SOURCES = {"it", "this", "that", "these", "those", "they", "he", "she", "we", "i", "you",
                "which", "who", "there", "its", "his", "her", "their", "our"}

_HEDGE_RE = phrase_pattern(HEDGES)
_SPEC_RE = phrase_pattern(SPECULATIVE)
# Both lists in one pattern: where either matches, this does too (topics.phrase_pattern), so
# a sentence it finds nothing in holds no cue and needs neither search.
_ANY_CUE_RE = phrase_pattern(HEDGES + SPECULATIVE)
_VERB_RE = phrase_pattern(REPORTING_VERBS)
_HANDLE_RE = re.compile(r"(?<![\w@/.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.I)
_CITING_RE = re.compile(r"\bciting\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s|[.!?]\s")
_NOT_CUES_RE = re.compile("|".join(f"(?:{p})" for p in NOT_CUES), re.I)
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


# ---------------------------------------------------------------- hedges and grade


def hedges_of(sentence: str) -> list[str]:
    """Hedge and speculative cues in the sentence, lower-cased, in text order."""
    if _ANY_CUE_RE.search(sentence) is None:
        return []
    # Spans kept sorted and apart, so each match is checked with a binary search: a long
    # line of cues would otherwise cost their square.
    excluded: tuple[list[int], list[int]] | None = None  # found when a cue is: most have none
    starts: list[int] = []
    ends: list[int] = []
    found: list[tuple[int, int, str]] = []
    for rx in (_HEDGE_RE, _SPEC_RE):
        for m in rx.finditer(sentence):
            a, b = m.span()
            k = bisect.bisect_right(ends, a)  # the first span kept that ends after a
            if k < len(starts) and starts[k] < b:
                continue  # overlaps a cue already found
            if excluded is None:
                spans = [n.span() for n in _NOT_CUES_RE.finditer(sentence)]
                excluded = ([x for x, _ in spans], [y for _, y in spans])
            j = bisect.bisect_right(excluded[0], a) - 1  # the last exclusion starting at or before a
            if j >= 0 and b <= excluded[1][j]:
                continue  # inside a phrase that is not a cue
            cue = _norm(m.group())
            if cue == "may" and _is_month_may(sentence, m):
                continue
            starts.insert(k, a)
            ends.insert(k, b)
            found.append((a, b, cue))
    return [cue for _, _, cue in sorted(found)]


def _is_month_may(sentence: str, m: re.Match) -> bool:
    """ "May" the month: capitalised mid-sentence, or next to a day or a year."""
    after = sentence[m.end():m.end() + 6]
    before = sentence[max(0, m.start() - 4):m.start()]
    return bool(re.match(r"\s*\d", after) or re.search(r"\d\s*$", before)
                or (m.group() == "May" and m.start() > 0))


def grade_of(hedges: list[str], attribution_kind: str) -> str:
    """The certainty grade of a sentence from its cues and its source (module docstring)."""
    if any(h in _SPECULATIVE_CUES for h in hedges):
        return "speculative"
    if hedges:
        return "hedged"
    if attribution_kind != "article":
        return "attributed"
    return "stated"


_SPACES = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower())


_SPECULATIVE_CUES = frozenset(_norm(s) for s in SPECULATIVE)


# ---------------------------------------------------------------- attribution in one sentence


def source_in(sentence: str) -> tuple[str, str] | None:
    """The explicit source of one sentence as (attribution, kind), or None.

    Back-references come back as themselves ("the report", kind "report"); ``attribute``
    resolves them against the article's earlier sources.
    """
    handle = _HANDLE_RE.search(sentence)
    if handle:
        return handle.group(), "handle"
    subjects = [s for s in (_subject(sentence, m) for m in _VERB_RE.finditer(sentence)) if s]
    people = [s for s in subjects if s[1] == "person"]
    if people:
        return people[0]
    found = _source_after(_ACCORDING_RE, sentence)
    if found:
        return found
    if subjects:
        return subjects[0]
    found = _source_after(_CITING_RE, sentence)
    if found:
        return found
    back = BACK_REFERENCE.search(sentence)
    if back:
        return _lower_first(re.sub(r"['’]s$", "", back.group())), "report"
    return None


def _source_after(cue: re.Pattern, sentence: str) -> tuple[str, str] | None:
    """The source named right after a cue ("according to <source>", "citing <source>")."""
    m = cue.search(sentence)
    return _classify(_noun_phrase(sentence, m.end())) if m else None


def is_back_reference(attribution: str) -> bool:
    """True for "the report", "this source", ...: a pointer to a source named earlier."""
    return bool(BACK_REFERENCE.fullmatch(attribution))


def _subject(sentence: str, verb: re.Match) -> tuple[str, str] | None:
    """The source that is the subject of a reporting verb, if the words before it are one."""
    after = sentence[verb.end():verb.end() + 4]
    if verb.group().lower() == "said" and re.match(r"\s+to\b", after):
        return None
    clause = _clause_before(sentence, verb.start())
    words = clause.split() if clause is not None else []
    while words and (words[-1].lower() in _BETWEEN or words[-1].lower().endswith("ly")):
        words.pop()
    if words and words[-1].lower() in _PASSIVE:
        return None
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    if not words or len(words) > 8:
        return None
    found = _classify(" ".join(words))
    if found is None and len(words) == 1 and _NAME_WORD.fullmatch(words[0]) \
            and verb.group().lower() in SPEAKING_VERBS \
            and words[0].lower() not in _DETERMINERS | _NOT_SOURCES | _LEADING:
        return words[0], "group"  # an organisation: "OpenAI announced", "Google said"
    return found


# Characters before a reporting verb split into clauses to find its subject; a clause that
# reaches back to the start of this window is taken from the whole text before the verb.
CLAUSE_WINDOW = 2_000
_PARTICIPLE = re.compile(r"\s*(citing|including|according|based|shared|who|which)\b", re.I)


def _last_clause(clauses: list[str]) -> tuple[str | None, int]:
    """The clause a reporting verb's subject is in, and its index among ``clauses``."""
    while clauses and not clauses[-1].strip():
        clauses.pop()
    # "A report, citing internal sources, claims": skip a participle clause to its subject.
    while len(clauses) > 1 and _PARTICIPLE.match(clauses[-1]):
        clauses.pop()
        if clauses and not clauses[-1].strip():
            clauses.pop()
    return (clauses[-1], len(clauses) - 1) if clauses else (None, -1)


def _clause_before(sentence: str, end: int) -> str | None:
    """The last clause before ``end`` that is not a participle clause (see `_last_clause`).

    Only the last CLAUSE_WINDOW characters are split, so a long line of reporting verbs is
    not split whole at each; where the clause found is one of the window's first three
    (the window may cut a clause or a separator there), the whole text is split instead.
    """
    start = max(0, end - CLAUSE_WINDOW)
    clause, index = _last_clause(_CLAUSE_BREAK.split(sentence[start:end]))
    if start > 0 and index < 3:
        clause, index = _last_clause(_CLAUSE_BREAK.split(sentence[:end]))
    return clause


def _noun_phrase(sentence: str, start: int) -> str:
    """The words from start to the next clause break, at most eight."""
    rest = _CLAUSE_BREAK.split(sentence[start:], maxsplit=1)[0]
    rest = re.split(r"\s+(?:that|who|which|is|are|was|were|has|have|had)\s", rest, maxsplit=1)[0]
    return " ".join(rest.rstrip(".!?").split()[:8])


def _classify(phrase: str) -> tuple[str, str] | None:
    """(attribution, kind) of a subject phrase, or None if it names no source."""
    words = phrase.split()
    if not words:
        return None
    if words[0].lower() in _NOT_SOURCES and not BACK_REFERENCE.fullmatch(phrase):
        return None
    if words[0].startswith("@"):
        return words[0], "handle"
    name = words[1:] if words[0].lower() in TITLES and len(words) > 2 else words
    if 2 <= len(name) <= 4 and all(_NAME_WORD.fullmatch(w) for w in name) \
            and not any(w.lower() in _DETERMINERS for w in name):
        if not any(w.lower() in REPORT_NOUNS or w.lower() in GROUP_NOUNS for w in name):
            return " ".join(name), "person"
    lowered = [w.lower().strip("'’") for w in words]
    for w in lowered:
        if w in REPORT_NOUNS:
            return _lower_first(phrase), "report"
        if w in GROUP_NOUNS:
            return _lower_first(phrase), "group"
    return None


def _lower_first(phrase: str) -> str:
    """Lower-case a sentence-initial capital on a common word ("Reports" -> "reports")."""
    head, _, rest = phrase.partition(" ")
    lowered = head.lower()
    if lowered in _DETERMINERS or lowered in GROUP_NOUNS or lowered in REPORT_NOUNS:
        head = lowered
    return f"{head} {rest}" if rest else head


# ---------------------------------------------------------------- attribution in an article


def attribute(units: list[dict]) -> list[dict]:
    """Fill attribution, attribution_kind and attribution_via of an article's sentences.

    ``units`` are the article's sentences in text order, each a dict with at least
    ``sentence``, ``paragraph``, ``paragraph_kind`` and ``paragraph_text``; they are
    updated in place and returned (rules 1-5 of the module docstring).
    """
    history: list[tuple[str, str]] = []  # sources so far, most recent last
    intro: tuple[str, str] | None = None  # the source introducing a list
    frame: tuple[int, tuple[str, str]] | None = None  # (paragraph, source) of "According to"
    for unit in units:
        sentence = unit["sentence"]
        own = source_in(sentence)
        via = "sentence"
        if own and is_back_reference(own[0]):
            own = _resolve(own, history)
            via = "back_reference"
        hedges = unit.get("hedges")
        if hedges is None:
            hedges = hedges_of(sentence)
        if own is None and unit["paragraph_kind"] == "list_item" and intro:
            own, via = intro, "list"
        if own is None and frame and frame[0] == unit["paragraph"]:
            own, via = frame[1], "paragraph"
        if own is None and history and any(h in HEARSAY for h in hedges):
            own, via = history[-1], "hearsay"
        if own is None:
            own, via = ("article", "article"), "article"
        else:
            history.append(own)
            if re.match(r"\s*according\s+to\b", sentence, re.I):
                frame = (unit["paragraph"], own)
        unit["attribution"], unit["attribution_kind"] = own
        unit["attribution_via"] = via
        if unit.get("last_in_paragraph") and unit["paragraph_kind"] != "list_item":
            ends_intro = unit["paragraph_text"].rstrip().endswith(":")
            intro = own if ends_intro and own[1] != "article" else None
    return units


def _resolve(ref: tuple[str, str], history: list[tuple[str, str]]) -> tuple[str, str]:
    for source in reversed(history):
        if source[1] in ("handle", "person"):
            return source
    for source in reversed(history):
        if not is_back_reference(source[0]):
            return source
    return ref


# ---------------------------------------------------------------- frames

def _has_cue(sentence: str, hedges: list[str] | None) -> bool:
    """A reporting verb, hedge, speculative cue or explicit source makes a sentence a claim
    (``hedges``: the sentence's hedges_of, when already known)."""
    if _VERB_RE.search(sentence):
        return True
    if hedges is None:
        hedges = hedges_of(sentence)
    return bool(hedges or _HANDLE_RE.search(sentence) or _ACCORDING_RE.search(sentence))


def for_corpus(corpus, quantities: pd.DataFrame | None = None,
               sentences_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims frame: one row per sentence with a quantity or a claim cue (columns in
    ``frames.schema``).

    Sentences come from the sentences frame (built from ``corpus`` when not given);
    quantities are matched to the sentence that holds their start offset. ``claim`` is
    "<article>:<n>", n counting the article's claims from 0 in text order.
    """
    if sentences_frame is None:
        sentences_frame = sentences.for_corpus(corpus)
    rows: list[dict] = []
    paragraphs = corpus.paragraphs.sort_values(["article", "start"], kind="stable")
    by_article = dict(tuple(sentences_frame.groupby("article", sort=False, observed=True)))
    mentions = _quantities_by_article(quantities)
    for article, paras in paragraphs.groupby("article", sort=True, observed=True):
        part = by_article.get(article)
        if part is None:
            continue
        units = _units(paras, part)
        attribute(units)
        # Found by offset: an article of thousands of sentences and mentions would otherwise
        # cost their product.
        found = Spans(mentions.get(article, []), end=_start)
        n = 0
        for unit in units:
            inside = found.within(unit["start"], unit["end"])
            if not inside and (not unit["cue"] or unit["paragraph_kind"] == "table"):
                continue
            rows.append(_claim_row(article, n, unit, [surface for _, surface in inside]))
            n += 1
    return FRAMES["claims"].typed(rows)


def _units(paras: pd.DataFrame, sentences_part: pd.DataFrame) -> list[dict]:
    """One dict per sentence of an article, with what attribution needs of its paragraph."""
    para_text = dict(zip(paras["ordinal"].tolist(), paras["text"].tolist(), strict=True))
    ordinals = sentences_part["paragraph"].tolist()
    units = []
    for k, (a, b, sentence, ordinal, kind) in enumerate(zip(
            sentences_part["start"].tolist(), sentences_part["end"].tolist(),
            sentences_part["text"].tolist(), ordinals, sentences_part["kind"].tolist(),
            strict=True)):
        hedges = hedges_of(sentence)
        units.append({
            "start": a, "end": b, "sentence": sentence, "paragraph": ordinal,
            "paragraph_kind": str(kind), "paragraph_text": para_text[ordinal],
            "last_in_paragraph": k == len(ordinals) - 1 or ordinals[k + 1] != ordinal,
            "hedges": hedges, "cue": _has_cue(sentence, hedges),
        })
    return units


def _start(mention: tuple[int, str]) -> int:
    return mention[0]


def _quantities_by_article(quantities: pd.DataFrame | None) -> dict[str, list[tuple[int, str]]]:
    """Each article's mentions as (start, surface), by start (ties in frame order): one pass
    over the frame instead of one filter of it per article."""
    if quantities is None or quantities.empty:
        return {}
    q = quantities.sort_values(["article", "start"], kind="stable")
    out: dict[str, list[tuple[int, str]]] = {}
    for article, start, surface in zip(q["article"].astype(str).tolist(),
                                       q["start"].tolist(), q["surface"].astype(str).tolist(),
                                       strict=True):
        out.setdefault(article, []).append((int(start), surface))
    return out


def _claim_row(article: str, n: int, unit: dict, surfaces: list[str]) -> dict:
    hedges = unit["hedges"]
    sentence = unit["sentence"]
    counts = topics.topic_counts(sentence)
    return {
        "article": article, "paragraph": unit["paragraph"], "claim": f"{article}:{n}",
        "start": unit["start"], "end": unit["end"], "sentence": sentence,
        "attribution": unit["attribution"], "attribution_kind": unit["attribution_kind"],
        "attribution_via": unit["attribution_via"],
        "hedges": "; ".join(hedges), "n_hedges": len(hedges),
        "grade": grade_of(hedges, unit["attribution_kind"]),
        "n_quantities": len(surfaces), "quantity_surfaces": "; ".join(surfaces),
        "subject": topics.subject_of(counts), "topics": "; ".join(t for t, k in counts.items() if k),
        "is_boilerplate": unit["paragraph_kind"] == "boilerplate",
    }
