"""Statements: prose sentences that assert an attribute of a known entity.

Every pattern below reads one sentence with its entity mentions (``entities`` frame) and
its dates (``quantities`` rows of kind date) and yields (entity, attribute, value, date).
A pattern whose subject is a pronoun ("It was never released", "Its architecture")
takes the last model or product named earlier in the same paragraph, or, in a paragraph's
first sentences and for a "first" only, the model the next sentence opens with ("... the
first AI model capable of ... . The large language model (LLM) GPT-3 took the news"). Only prose counts:
page furniture, tables and quoted questions are left out.

=====================  =====================================================================
pattern                what it reads
=====================  =====================================================================
nationality            "the French company Anthropic", "a UAE technology institute" -> based_in
made_by                "Llama from Meta", "OpenAI's Sora", "Anthropic (maker of Claude)" -> maker
open_source            "... are open source", or a list ("Some of the most famous ones are
                       ...") after a sentence that calls them all open source -> licence
announced / released   "first unveiled in February 2024", "launched on ..." -> announced /
                       publicly_available, with the sentence's date
never_released         "was never released as a public product" -> publicly_available = no
status                 "remains a research preview", "has been canceled", "winding down the
                       Sora app" -> status
role                   "CEO Sam Altman" -> role; "was fired as CEO of OpenAI" -> removed_as
founded                "In December 2015, ... joined forces to found OpenAI" -> founded (and
                       founder_of for the people named before the verb)
built_on               "is a diffusion transformer model", "uses a diffusion transformer"
current                "the current model's iteration, GPT-4 Turbo", "its lead against Claude
                       3.5 Sonnet" -> latest_model = current
partnership            "OpenAI's recent partnership with Figure AI" -> partner_of (current)
no_api                 "it had no APIs" -> api = no
kind                   "Sora ... is a diffusion transformer model", "the French company
                       Anthropic", "Sora, OpenAI's text-to-video model" -> kind
first                  "the Picturephone ..., the first device capable of ..." -> first (the
                       phrase); a "first" that is denied ("Not the first") is not read
revenue                "expected to reach $1.3 billion in revenue by the end of 2023" -> revenue
                       (the amount, with the sentence's date)
users                  "100 million active users", "hundreds of millions of users" next to a
                       product -> users (a number, or a low-high band)
=====================  =====================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter

import pandas as pd

from analysis.extract.spans import Spans
from analysis.frames.schema import FRAMES

__all__ = ["NATIONALITIES", "PROSE_KINDS", "for_frames"]

PROSE_KINDS = ("title", "heading", "paragraph", "list_item")

# Nationality and country words -> the country they name.
NATIONALITIES = {
    "French": "France", "American": "United States", "US": "United States",
    "U.S.": "United States", "British": "United Kingdom", "UK": "United Kingdom",
    "Chinese": "China", "German": "Germany", "Canadian": "Canada", "Israeli": "Israel",
    "Emirati": "United Arab Emirates", "UAE": "United Arab Emirates", "Japanese": "Japan",
    "Korean": "South Korea", "Indian": "India", "Swiss": "Switzerland", "Dutch": "Netherlands",
}
_NAT = "|".join(re.escape(n) for n in sorted(NATIONALITIES, key=len, reverse=True))
_ORG_NOUN = r"(?:AI\s+)?(?:company|firm|start-?up|lab|laboratory|group|(?:technology\s+)?institute)"
_NAT_BEFORE = re.compile(rf"\b(?P<nat>{_NAT})\s+{_ORG_NOUN}\s+$")
_NAT_INSIDE = re.compile(rf"(?<![\w.])(?P<nat>{_NAT})(?![\w])")
_FROM = re.compile(rf"^\s+from\s+(?:the\s+|a\s+)?(?:(?:{_NAT})\s+{_ORG_NOUN}\s+)?$")
_MAKER_OF = re.compile(r"^\s*\(\s*(?:the\s+)?(?:maker|creator|developer|owner)\s+of\s+(?:the\s+)?$",
                       re.I)
_OPEN_AFTER = re.compile(r"^\s+(?:is|are|was|were)\s+(?:all\s+|fully\s+)?open[- ]source\b", re.I)
_ALL_OPEN = re.compile(r"\ball\s+open[- ]source\b", re.I)
_LIST_BACK = re.compile(r"^\s*(?:Some\s+of\s+the\s+(?:most\s+)?\w+\s+ones\s+are|These\s+include|"
                        r"Examples\s+include|They\s+include)\b", re.I)
_UNVEIL = re.compile(r"\b(?:first\s+)?(?P<verb>unveiled|announced|introduced|demonstrated|revealed"
                     r"|debuted|launched|released)\b", re.I)
_RELEASE_VERBS = {"launched", "released"}
_NEGATION = re.compile(r"\b(?:never|not|n['’]t)\b[^.;]{0,20}$", re.I)
_NEVER = re.compile(r"\bnever\s+(?:been\s+)?(?:publicly\s+)?released\b|"
                    r"\bnot\s+(?:been\s+)?(?:publicly\s+)?released\b", re.I)
_PREVIEW = re.compile(r"\bremains?\s+(?:a\s+|in\s+)?research\s+preview\b", re.I)
_CANCELED = re.compile(r"\b(?:cancel(?:l)?ed|cancel(?:l)?ing|cancels)\b", re.I)
_WIND_DOWN = re.compile(r"\b(?:wind(?:s|ing)?\s+down|shut(?:s|ting)?\s+down|shutting\s+down)\b",
                        re.I)
_CEO_BEFORE = re.compile(r"\bCEO\s+$")
_FIRED = re.compile(r"^\s+was\s+(?:fired|ousted|removed|dismissed)\s+as\s+CEO\s+of\s+$")
_FOUND = re.compile(r"\bto\s+found\s+$|\bfounded\s+$")
_FOUNDED_AFTER = re.compile(r"^\s+was\s+founded\b")
_BUILT_ON = re.compile(r"\b(?:is|uses|using|built\s+on)\s+an?\s+(?P<arch>[\w-]+\s+transformer)\b",
                       re.I)
_CURRENT = re.compile(r"\b(?:current|latest|newest)\s+(?:model['’]s\s+)?(?:model|iteration|version)\b",
                      re.I)
_RIVAL_BEFORE = re.compile(r"\b(?:lead\s+against|rivals?\s+like|matching\s+or\s+exceeding|"
                           r"compete\s+with)\s+(?:the\s+)?$", re.I)
_PARTNERSHIP_BEFORE = re.compile(r"\bpartnership\s+with\s+$", re.I)
_APPOSITIVE_OWNER = re.compile(r"^,\s+$")
_FLAGSHIP = re.compile(r"\b(?:its|their)\s+(?:flagship|own|main|core)\s+(?:product|model|app),?\s+$",
                       re.I)
_ACQUIRED = re.compile(r"^\s*\(?(?:later\s+)?(?:bought|acquired|purchased)\s+by\s+$", re.I)
_ENDED = re.compile(r"\b(?:terminated|discontinued|shut\s+down|ended|closed)\s+in\s+", re.I)
# The nouns that say what kind of thing an entity is.
KIND_NOUNS = {
    "company": "organisation", "firm": "organisation", "startup": "organisation",
    "start-up": "organisation", "lab": "organisation", "organisation": "organisation",
    "organization": "organisation", "institute": "organisation", "model": "model",
    "app": "product", "application": "product", "product": "product", "tool": "product",
    "platform": "product", "service": "product", "chatbot": "product",
    "framework": "product", "device": "product", "llm": "model",
}
_KIND = "|".join(sorted(KIND_NOUNS, key=len, reverse=True))
_IS_A = re.compile(rf"^(?:,[^,.]{{0,60}},)?\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?"
                   rf"(?P<noun>{_KIND})s?\b(?!\s+(?:of|for|that|which)\b)")
_KIND_BEFORE = re.compile(rf"\b(?i:the|a|an|its|their)\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{_KIND})"
                          rf"(?:\s+\([A-Z]+\))?(?:\s+|,\s+)$")
# "the LangChain framework", "RT-2 and other vision-language-action models"
_KIND_AFTER = re.compile(r"^\s+(?:and\s+other\s+(?:[\w-]+\s+){0,3}?)?"
                         r"(?P<noun>model|framework|platform)s?\b")
# "The new LLM is internally codenamed 'Spud'", "'Spud' is the internal codename for ... model"
_CODENAMED = re.compile(r"\b(?P<noun>LLM|model)\s+(?:is\s+)?(?:internally\s+)?codenamed\s+[\"'“‘]?$")
_CODENAME_FOR = re.compile(r"^[\"'”’]?\s+is\s+the\s+(?:internal\s+)?codename\s+for\s+"
                           r"(?:[\w'’-]+\s+){0,5}?(?P<noun>LLM|model)\b")
_APPOSITION = re.compile(rf"^,\s+(?!(?:and|or|but|which|who|while|the|a|an)\b)(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){{0,3}}?(?P<noun>{_KIND})\b")
_FIRST = re.compile(r"\bthe\s+first\s+(?P<what>(?:[\w-]+\s+){0,3}?(?:device|model|company|product|"
                    r"app|chatbot|system)\b[^,.;:]{0,80})", re.I)
_REVENUE_AFTER = re.compile(r"^\s+(?:in|of)\s+(?:annual\s+)?revenues?\b", re.I)
_NO_API = re.compile(r"\b(?:had|has|have)\s+no\s+APIs?\b", re.I)

MODELS = ("model", "product")

# The words one of which each sentence-wide pattern needs to match, in any case. An ASCII
# sentence that holds none of a pattern's words is not searched with it; most sentences
# hold none. (Under re.IGNORECASE a few letters outside ASCII match ASCII ones, "ſ" an "s",
# so other text is always searched.)
_NEEDS = {
    _UNVEIL: ("unveiled", "announced", "introduced", "demonstrated", "revealed", "debuted",
              "launched", "released"),
    _ENDED: ("terminated", "discontinued", "shut", "ended", "closed"),
    _NEVER: ("released",),
    _PREVIEW: ("research",),
    _CANCELED: ("cancel",),
    _WIND_DOWN: ("down",),
    _BUILT_ON: ("transformer",),
    _CURRENT: ("current", "latest", "newest"),
    _FIRST: ("first",),
    _NO_API: ("api",),
}


def _matches_in(text: str) -> Callable[[re.Pattern], Iterable[re.Match]]:
    """For one sentence: the matches of a sentence-wide pattern of ``_NEEDS`` in it, none
    searched for where the sentence lacks the pattern's words."""
    if not text.isascii():
        return lambda pattern: pattern.finditer(text)
    lowered = text.lower()

    def matches(pattern: re.Pattern) -> Iterable[re.Match]:
        if any(word in lowered for word in _NEEDS[pattern]):
            return pattern.finditer(text)
        return ()
    return matches


@dataclass
class _Mention:
    start: int  # in the sentence
    end: int
    entity: str
    kind: str
    surface: str


@dataclass
class _Sentence:
    text: str
    mentions: list[_Mention]
    dates: list[tuple[int, str]]
    counts: list[tuple[int, str]] = field(default_factory=list)  # (start, value) of user counts
    money: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, value)
    previous: str = ""
    last_model: str | None = None  # the last model or product named before, in the paragraph
    next_model: str | None = None  # the model the next sentence of the paragraph opens with
    found: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)
    _by_kinds: dict = field(default_factory=dict, repr=False)
    _dates: Spans | None = field(default=None, repr=False)

    def add(self, entity: str | None, attribute: str, value: str | None, date: str | None,
            pattern: str) -> None:
        if entity and value:
            self.found.append((entity, attribute, value, date, pattern))

    def date_after(self, pos: int, within: int = 60) -> str | None:
        """The first dated mention at most ``within`` characters after ``pos``."""
        if self._dates is None:
            self._dates = Spans(self.dates, end=_offset)
        found = self._dates.within(pos, pos + within + 1)
        return found[0][1] if found else None

    def of_kinds(self, kinds) -> Spans:
        """This sentence's mentions of ``kinds``, in text order, made once."""
        found = self._by_kinds.get(kinds)
        if found is None:
            found = self._by_kinds[kinds] = _mentions([m for m in self.mentions if m.kind in kinds])
        return found

    def subject(self, pos: int, kinds=MODELS, forward: bool = False) -> str | None:
        """The last model or product named before ``pos``, else earlier in the paragraph;
        ``forward``: else the model the next sentence opens with."""
        before = self.of_kinds(kinds).last_before(pos)
        if before is not None:
            return before.entity
        return self.last_model or (self.next_model if forward else None)

    def next_mention(self, pos: int, kinds) -> _Mention | None:
        return next((m for m in self.mentions if m.start >= pos and m.kind in kinds), None)


def _mentions(mentions: list[_Mention]) -> Spans:
    """Mentions found by position (a sentence of thousands, one long line, would cost their
    square scanned)."""
    return Spans(mentions, start=attrgetter("start"), end=attrgetter("end"))


def _patterns(s: _Sentence) -> None:
    text = s.text
    orgs = [m for m in s.mentions if m.kind == "organisation"]
    by_org = _mentions(orgs)
    models = _mentions([m for m in s.mentions if m.kind in MODELS])
    for m in s.mentions:
        before, after = text[max(0, m.start - 60):m.start], text[m.end:]
        if m.kind in MODELS:
            nxt = by_org.first_from(m.end)
            if (nxt is not None and nxt.surface.endswith(("'s", "’s"))
                    and _APPOSITIVE_OWNER.match(text[m.end:nxt.start])):
                s.add(m.entity, "maker", nxt.entity, None, "made_by")  # "Sora, OpenAI's ... model"
            if nxt is not None and _ACQUIRED.match(text[m.end:nxt.start]):
                s.add(m.entity, "maker", nxt.entity, None, "made_by")  # "(later bought by ...)"
            if _FLAGSHIP.search(before):
                owner = by_org.last_before(m.start)
                if owner is not None:
                    s.add(m.entity, "maker", owner.entity, None, "made_by")
        if m.kind == "organisation":
            nat = _NAT_BEFORE.search(before) or _NAT_INSIDE.search(m.surface)
            if nat:
                s.add(m.entity, "based_in", NATIONALITIES[nat.group("nat")], None, "nationality")
        if m.kind in MODELS:
            nxt = by_org.first_from(m.end)
            if nxt is not None and _FROM.match(text[m.end:nxt.start]):
                s.add(m.entity, "maker", nxt.entity, None, "made_by")
            owner = by_org.last_before(m.start)
            if (owner is not None and owner.surface.endswith(("'s", "’s"))
                    and len(text[owner.end:m.start].split()) <= 2):
                s.add(m.entity, "maker", owner.entity, None, "made_by")
            if _OPEN_AFTER.match(after):
                s.add(m.entity, "licence", "open source", None, "open_source")
            if _RIVAL_BEFORE.search(before):
                s.add(m.entity, "latest_model", "current", None, "current")
        if m.kind == "organisation":
            made = models.first_from(m.end)
            if made is not None and _MAKER_OF.match(text[m.end:made.start]):
                close = text.find(")", made.start)
                for item in s.mentions:  # every model or product inside the parenthesis
                    if item.kind in MODELS and made.start <= item.start and (
                            close < 0 or item.end <= close):
                        s.add(item.entity, "maker", m.entity, None, "made_by")
            if _PARTNERSHIP_BEFORE.search(before):
                owner = next((o for o in reversed(orgs) if o.end <= m.start
                              and o.surface.endswith(("'s", "’s"))), None)
                if owner is not None:
                    s.add(m.entity, "partner_of", owner.entity, None, "partnership")
            if _FOUND.search(before):
                date = next((d for _, d in s.dates), None)
                s.add(m.entity, "founded", date, date, "founded")
                for p in s.mentions:
                    if p.kind == "person" and p.end <= m.start:
                        s.add(p.entity, "founder_of", m.entity, date, "founded")
            if _FOUNDED_AFTER.match(after):
                date = s.date_after(m.end)
                s.add(m.entity, "founded", date, date, "founded")
        kind = (_IS_A.match(after) or _APPOSITION.match(after) or _KIND_BEFORE.search(before)
                or (_KIND_AFTER.match(after) if re.search(r"\b(?i:the)\s+$", before)
                    or after.lstrip().startswith("and other") else None)
                or _CODENAMED.search(before) or _CODENAME_FOR.match(after))
        if kind and m.kind != "person":
            s.add(m.entity, "kind", KIND_NOUNS[kind.group("noun").lower()], None, "kind")
        if m.kind == "person":
            if _CEO_BEFORE.search(before):
                org = orgs[0].entity if orgs else None
                s.add(m.entity, "role", f"CEO of {org}" if org else "CEO", None, "role")
            org = by_org.first_from(m.end)
            if org is not None and _FIRED.match(text[m.end:org.start]):
                s.add(m.entity, "removed_as", f"CEO of {org.entity}", None, "role")
    matches = _matches_in(text)
    if _LIST_BACK.match(text) and _ALL_OPEN.search(s.previous):
        for m in s.mentions:
            if m.kind in MODELS:
                s.add(m.entity, "licence", "open source", None, "open_source")
    for v in matches(_UNVEIL):
        # _NEGATION ends the text before the verb and spans at most 25 characters: the last
        # 40 hold any match and the character before it, at no cost per verb in a long line.
        if _NEGATION.search(text[max(0, v.start() - 40):v.start()]):
            continue
        date = s.date_after(v.end())
        if date is None:
            continue
        verb = v.group("verb").lower()
        attribute = "publicly_available" if verb in _RELEASE_VERBS else "announced"
        pattern = "released" if attribute == "publicly_available" else "announced"
        subject = models.last_before(v.start()) is not None  # a model named before the verb
        obj = models.first_from(v.end())
        maker = by_org.last_before(v.start())
        if not subject and obj is not None and len(text[v.end():obj.start].split()) <= 1:
            # "AT&T introduced the Picturephone in the 1960s": the maker and what it made
            s.add(obj.entity, attribute, date, date, pattern)
            if maker is not None:
                s.add(obj.entity, "maker", maker.entity, None, "made_by")
            continue
        s.add(s.subject(v.start()), attribute, date, date, pattern)
    for v in matches(_ENDED):
        date = s.date_after(v.end(), within=4)
        if date is not None:
            s.add(s.subject(v.start()), "discontinued", date, date, "discontinued")
    for v in matches(_NEVER):
        s.add(s.subject(v.start()), "publicly_available", "no", None, "never_released")
    for v in matches(_PREVIEW):
        s.add(s.subject(v.start()), "status", "research preview", None, "status")
    for v in matches(_CANCELED):
        target = models.first_from(v.end())
        if target is not None and len(text[v.end():target.start].split()) <= 5:
            s.add(target.entity, "status", "canceled", None, "status")
        else:
            s.add(s.subject(v.start()), "status", "canceled", None, "status")
    for v in matches(_WIND_DOWN):
        target = s.next_mention(v.end(), ("product",))
        if target is not None and len(text[v.end():target.start].split()) <= 2:
            s.add(target.entity, "status", "winding down", None, "status")
    for v in matches(_BUILT_ON):
        s.add(s.subject(v.start()), "built_on", " ".join(v.group("arch").lower().split()), None,
              "built_on")
    for v in matches(_CURRENT):
        target = s.next_mention(v.end(), ("model",))
        if target is not None and target.start - v.end() <= 4:
            s.add(target.entity, "latest_model", "current", None, "current")
    for v in matches(_FIRST):
        if _not_before(text, v.start()):
            continue
        s.add(s.subject(v.start(), forward=True), "first", " ".join(v.group("what").split()),
              None, "first")
    for start, end, value in s.money:
        if _REVENUE_AFTER.match(text[end:]):
            org = next((o for o in reversed(orgs) if o.end <= start), None)
            if org is not None:
                s.add(org.entity, "revenue", value, s.date_after(end), "revenue")
    for pos, value in s.counts:
        product = [m for m in s.mentions if m.start < pos and m.kind == "product"]
        s.add(product[-1].entity if product else s.subject(pos, ("product",)), "users", value,
              s.date_after(pos), "users")
    for v in matches(_NO_API):
        s.add(s.subject(v.start(), ("model",)), "api", "no", None, "no_api")


def _within(index: dict[str, Spans], rows_of: dict[str, list[tuple]], article: str,
            start: int, end: int) -> list[tuple]:
    """The rows of ``rows_of[article]`` (offset first) from ``start`` to before ``end``; each
    article's rows are indexed once."""
    found = index.get(article)
    if found is None:
        found = index[article] = Spans(rows_of.get(article, []), end=_offset)
    return found.within(start, end)


def _offset(row: tuple) -> int:
    return row[0]


def _not_before(text: str, pos: int) -> bool:
    """Whether "not" (a whole word, any case) ends the text before ``pos``, white space aside:
    ``\\bnot\\s*$`` on ``text[:pos]``, without copying it for every match."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 2 and re.search(r"\bnot\s*$", text[max(0, i - 3):pos], re.I) is not None


def _number(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def _rows(frame: pd.DataFrame, columns: list[str]) -> list:
    """The frame's rows as named tuples of plain Python values (itertuples is slow on
    Arrow-backed columns)."""
    from collections import namedtuple

    row = namedtuple("Row", columns)
    return [row(*values) for values in zip(*(frame[c].tolist() for c in columns), strict=True)]


def _opening(opens, article: str, sentence: int, paragraph: int) -> str | None:
    found = opens.get((article, sentence))
    return found[1] if found and found[0] == paragraph else None


def for_frames(sentences: pd.DataFrame, entities: pd.DataFrame,
               quantities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements frame of a corpus's sentences, entity mentions and dated quantities
    (columns in ``frames.schema``)."""
    by_sentence: dict[tuple[str, int], list] = {}
    for row in _rows(entities, ["article", "sentence", "start", "end", "entity", "entity_kind",
                                "surface", "known"]):
        if row.known:
            by_sentence.setdefault((row.article, int(row.sentence)), []).append(row)
    # Whole-frame boolean filters copy every column; the few columns read are read as lists.
    dates: dict[str, list[tuple[int, str]]] = {}
    users: dict[str, list[tuple[int, str]]] = {}
    money: dict[str, list[tuple[int, int, str]]] = {}
    if quantities is not None and len(quantities):
        for q in _rows(quantities, ["article", "start", "end", "kind", "unit", "value", "low",
                                    "high", "date"]):
            article = str(q.article)
            if q.kind == "date" and isinstance(q.date, str) and q.date.strip():
                dates.setdefault(article, []).append((int(q.start), q.date))
            if isinstance(q.unit, str) and q.unit.casefold() == "users":
                text = (f"{float(q.value):.0f}" if _number(q.value) else
                        f"{float(q.low):.0f}-{float(q.high):.0f}"
                        if _number(q.low) and _number(q.high) else None)
                if text:
                    users.setdefault(article, []).append((int(q.start), text))
            if q.kind == "money" and _number(q.value):
                money.setdefault(article, []).append((int(q.start), int(q.end),
                                                      f"{float(q.value):.0f}"))
    opens: dict[tuple[str, int], tuple[int, str]] = {}  # (article, sentence) -> (paragraph, model)
    sentence_rows = _rows(sentences, ["article", "paragraph", "sentence", "start", "end", "text",
                                      "kind"])
    for row in sentence_rows:
        first = [m for m in by_sentence.get((str(row.article), int(row.sentence)), [])
                 if str(m.entity_kind) == "model" and int(m.start) - int(row.start) <= 40]
        if first:
            opens[(str(row.article), int(row.sentence))] = (int(row.paragraph), str(first[0].entity))
    rows: list[dict] = []
    counters: dict[str, int] = {}
    last: dict[tuple[str, int], str] = {}
    previous: dict[tuple[str, int], str] = {}
    by_date: dict[str, Spans] = {}
    by_users: dict[str, Spans] = {}
    by_money: dict[str, Spans] = {}
    for row in sentence_rows:
        article, key_paragraph = str(row.article), (str(row.article), int(row.paragraph))
        if str(row.kind) not in PROSE_KINDS:
            continue
        start = int(row.start)
        mentions = [_Mention(int(m.start) - start, int(m.end) - start, str(m.entity),
                             str(m.entity_kind), str(m.surface))
                    for m in by_sentence.get((article, int(row.sentence)), [])]
        end = int(row.end)
        s = _Sentence(str(row.text), mentions,
                      [(a - start, d) for a, d in _within(by_date, dates, article, start, end)],
                      [(a - start, v) for a, v in _within(by_users, users, article, start, end)],
                      [(a - start, b - start, v)
                       for a, b, v in _within(by_money, money, article, start, end)],
                      previous.get(key_paragraph, ""), last.get(key_paragraph),
                      _opening(opens, article, int(row.sentence) + 1, int(row.paragraph)))
        if not s.text.rstrip().endswith("?"):
            _patterns(s)
        for entity, attribute, value, date, pattern in dict.fromkeys(s.found):
            n = counters.get(article, 0)
            counters[article] = n + 1
            rows.append({"article": article, "statement": f"{article}:s{n}",
                         "sentence": int(row.sentence), "start": start, "end": int(row.end),
                         "entity": entity, "attribute": attribute, "value": value,
                         "date": date, "pattern": pattern, "text": str(row.text)})
        models = [m for m in mentions if m.kind in MODELS]
        if models:
            last[key_paragraph] = models[-1].entity
        previous[key_paragraph] = s.text
    return FRAMES["statements"].typed(rows)
