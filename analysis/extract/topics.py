"""What a sentence is about: keyword families, and the topics of each sentence.

A sentence is about a family when it holds one of the family's keywords (whole words, any
case); its *subject* is the family with most keyword hits (ties: the order of
:data:`FAMILIES`), else ``"other"``. The families are an editorial choice of the suite,
kept here as the topic extractor's lexicon because the build, which sits below the
evidence layer, writes each claim's topics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

__all__ = ["FAMILIES", "OTHER_TOPIC", "for_sentences", "phrase_pattern", "topic_counts",
           "topic_of", "topics_of"]

# The keyword families: the one place that says which words make a sentence about what.
# They follow the programmes the articles weigh against each other (chat models, video,
# research) and the resources they compete for (money, people, compute); each list holds
# the product names, plural forms and phrases the articles use for its family.
FAMILIES: dict[str, list[str]] = {
    "chatgpt/llm": [
        "chatgpt", "gpt", "gpt-3", "gpt-4", "gpt-4o", "gpt-4 turbo", "gpts", "llm", "llms",
        "large language model", "large language models", "language model", "language models",
        "spud", "chatbot", "claude", "gemini", "conversational ai", "prompt", "prompts",
    ],
    "sora/video": [
        "sora", "video", "videos", "dall-e", "text-to-video", "video generation", "visual",
        "image generation", "media synthesis", "filmmakers",
    ],
    "research": [
        "research", "researcher", "researchers", "world-model", "world model", "world models",
        "world-models", "robotics", "robot", "robots", "agi", "artificial general intelligence",
        "scientific", "science", "scientists", "breakthrough", "breakthroughs", "safety",
    ],
    "finance": [
        "revenue", "revenues", "money", "capital", "ipo", "funding", "burn rate", "burn rates",
        "profit", "profits", "run-rate", "investment", "monetizable", "commercial", "financial",
        "cost", "costs", "expensive", "spends", "$", "billion", "publicly listed",
    ],
    "talent": [
        "talent", "employee", "employees", "staff", "exodus", "attrition", "departure",
        "departures", "brain drain", "hire", "hiring", "leaving", "fired", "expertise",
    ],
    "compute": [
        "compute", "gpu", "gpus", "h100", "h100s", "datacenter", "datacenters", "data center",
        "data centers", "chips", "semiconductor", "computational", "infrastructure", "cluster",
        "clusters", "flop", "inference", "computing",
    ],
}
OTHER_TOPIC = "other"



def phrase_pattern(words: list[str]) -> re.Pattern:
    """One case-insensitive regex for a list of words/phrases, longest first, whole words.

    Words that start with a letter or digit match only where no word character or hyphen
    precedes; that check is made once, then the words are tried grouped by first letter
    (each group in longest-first order). Two words with different first letters cannot
    match at the same place, so this matches exactly what the plain alternation of all
    words, longest first, would, without trying every word at every position.
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        p = re.escape(w).replace(r"\ ", r"\s+")
        if w[-1:].isalnum():
            p = p + r"(?![\w-])"
        if w[:1].isalnum():
            groups.setdefault(w[0].lower(), []).append(p)
        else:
            others.append(p)
    parts = []
    if groups:
        branches = "|".join(f"(?={re.escape(c)})(?:{'|'.join(ps)})" for c, ps in groups.items())
        parts.append(rf"(?<![\w-])(?:{branches})")
    return re.compile("|".join(parts + others), re.I)




@lru_cache(maxsize=8)
def _patterns(families: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, re.Pattern]:
    return {topic: phrase_pattern(list(words)) for topic, words in families}


@lru_cache(maxsize=8)
def _any_pattern(families: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    """Every family's words in one pattern: where a family's pattern matches, this one
    matches too (the same words with the same guards), so a sentence it finds nothing in
    has no hit in any family."""
    return phrase_pattern([w for _, words in families for w in words])


def _compiled(families: Mapping[str, list[str]] | None) -> dict[str, re.Pattern]:
    families = FAMILIES if families is None else families
    return _patterns(tuple((t, tuple(ws)) for t, ws in families.items()))


def topic_counts(sentence: str, families: Mapping[str, list[str]] | None = None) -> dict[str, int]:
    """Keyword hits of each family in the sentence, in family order."""
    families = FAMILIES if families is None else families
    key = tuple((t, tuple(ws)) for t, ws in families.items())
    compiled = _patterns(key)
    if _any_pattern(key).search(sentence) is None:  # most sentences: one search, not one per family
        return dict.fromkeys(compiled, 0)
    return {t: len(rx.findall(sentence)) for t, rx in compiled.items()}


def subject_of(counts: Mapping[str, int]) -> str:
    """The main topic of a sentence's counts: most hits, ties in family order; else "other"."""
    best = max(counts.values(), default=0)
    if best == 0:
        return OTHER_TOPIC
    return next(t for t, n in counts.items() if n == best)


def topics_of(sentence: str, families: Mapping[str, list[str]] | None = None) -> list[str]:
    """Every family with at least one keyword in the sentence, in family order."""
    return [t for t, rx in _compiled(families).items() if rx.search(sentence)]


def topic_of(sentence: str, families: Mapping[str, list[str]] | None = None) -> str:
    """The sentence's main topic: most keyword hits, ties in family order; else "other"."""
    return subject_of(topic_counts(sentence, families))


def for_sentences(sentences: pd.DataFrame,
                  families: Mapping[str, list[str]] | None = None) -> pd.DataFrame:
    """Topics of every row of a sentences frame: its ``article`` and ``sentence`` keys, then
    ``topics`` (every family that matched, joined with "; ") and ``subject``."""
    counts = [topic_counts(text, families) for text in sentences["text"].tolist()]
    return pd.DataFrame({
        "article": sentences["article"].to_numpy(),
        "sentence": sentences["sentence"].to_numpy(),
        "topics": pd.array(["; ".join(t for t, k in c.items() if k) for c in counts],
                           dtype="string"),
        "subject": pd.array([subject_of(c) for c in counts], dtype="string"),
    })
