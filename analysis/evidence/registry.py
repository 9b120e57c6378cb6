"""The suite's editorial choices, apart from the engines that apply them.

Each registry here is a decision a reader may want to question, so each says why it is
chosen. The engines take them as arguments (their defaults point here):

* :data:`NAMED_NUMBERS`, the numbers the notebooks show, each named by what it is and found
  by a selector over the quantities frame (``analysis.evidence.named.claim``). A name says
  what the number is, never the value it holds today.
* :data:`COMPARISONS`, the sentences of two articles the claims ledger sets side by side.
* :data:`PROGRAMME_TOPICS`, which topic family of ``analysis.extract.topics.FAMILIES``
  stands for each programme of the resource table (the attention check).
* :data:`GROUPS`, :data:`PRIORITY_LEVELS` and :data:`SCENARIOS`, the presets of the
  compute what-if (``analysis.models.compute``).

Articles are named by their manifest id (``data/sources/manifest.toml``) everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.evidence.named import Selector

__all__ = [
    "COMPARISONS", "EXODUS", "GROUPS", "HOUSE", "NAMED_NUMBERS", "PIVOT", "PRIORITY_LEVELS",
    "PROGRAMME_TOPICS", "SCENARIOS", "WIND_DOWN", "Comparison", "Scenario",
]

# Article ids as given in data/sources/manifest.toml (short names for the registries below).
EXODUS = "chatgpt-dominance-talent-exodus"
HOUSE = "house-divided-openai-chaos"
PIVOT = "sora-team-world-model-pivot"
WIND_DOWN = "sora-app-wind-down-spud"


# ---------------------------------------------------------------- named numbers

# Every number a notebook or chart shows, and only those: a selector names the article,
# the kind of quantity and a phrase of its sentence, so a changed text fails loudly here
# instead of showing a stale number.
# Kinds as the quantities extractor names them (frames.schema.QUANTITY_KINDS).
COUNT, MONEY, PERCENT, DURATION, DATE = "count", "money", "percent", "duration", "date"

NAMED_NUMBERS: dict[str, Selector] = {
    # --- house-divided-openai-chaos: ChatGPT traffic and users -------------------------
    "chatgpt_visits_peak": Selector(
        "ChatGPT's monthly site visits at their April peak, as the article states them",
        article=HOUSE,
        kind=COUNT,
        sentence=r"\bpeaking at\b",
    ),
    "chatgpt_visits_peak_month": Selector(
        "the month of the stated traffic peak",
        article=HOUSE,
        kind=DATE,
        sentence=r"\bpeaking at\b",
    ),
    "chatgpt_visits_latest": Selector(
        "ChatGPT's site visits in the latest month the article had",
        article=HOUSE,
        kind=COUNT,
        sentence=r"up-to-date visitor count",
    ),
    "chatgpt_visits_latest_month": Selector(
        "the month of the latest visit count",
        article=HOUSE,
        kind=DATE,
        sentence=r"up-to-date visitor count",
    ),
    "chatgpt_visits_decline_pct": Selector(
        "the stated fall in visits from the peak to the latest month",
        article=HOUSE,
        kind=PERCENT,
        sentence=r"up-to-date visitor count",
    ),
    "chatgpt_visits_decline_window": Selector(
        "the stated time the fall in visits took",
        article=HOUSE,
        kind=DURATION,
        sentence=r"up-to-date visitor count",
    ),
    "chatgpt_users_milestone": Selector(
        "active users ChatGPT crossed soon after launch",
        article=HOUSE,
        kind=COUNT,
        sentence=r"crossed the line of",
    ),
    "chatgpt_users_milestone_time": Selector(
        "how long ChatGPT took to cross that line of active users",
        article=HOUSE,
        kind=DURATION,
        sentence=r"crossed the line of",
    ),
    # --- house-divided-openai-chaos: money and people -----------------------------------
    "daily_running_cost": Selector(
        "estimated daily cost of running OpenAI's applications (a range)",
        article=HOUSE,
        kind=MONEY,
        sentence=r"a day to run",
        merge=True,
    ),
    "runway_window": Selector(
        "when the money would run out at that burn rate (a range of dates)",
        article=HOUSE,
        kind=DATE,
        sentence=r"run out of money",
        merge=True,
    ),
    "revenue_expected": Selector(
        "revenue OpenAI was expected to reach by the end of 2023",
        article=HOUSE,
        kind=MONEY,
        sentence=r"in revenue by the end of",
    ),
    "revenue_expected_by": Selector(
        "the date that revenue expectation refers to",
        article=HOUSE,
        kind=DATE,
        sentence=r"in revenue by the end of",
    ),
    "listed_companies_surpassed": Selector(
        "publicly listed companies whose individual revenue that amount would surpass",
        article=HOUSE,
        kind=COUNT,
        sentence=r"publicly listed companies",
    ),
    "employees_considering_leaving": Selector(
        "employees formally considering leaving with Altman",
        article=HOUSE,
        kind=COUNT,
        sentence=r"considering doing the same",
    ),
    "employees_total": Selector(
        "total employees at the time (the whole in \"650 out of 770\")",
        article=HOUSE,
        kind=COUNT,
        sentence=r"considering doing the same",
        field="of",
    ),
    "altman_dismissal_weekend": Selector(
        "the weekend the article was written just after (Altman's dismissal)",
        article=HOUSE,
        kind=DATE,
        sentence=r"the weekend of",
    ),
    "openai_founded": Selector(
        "when OpenAI was founded",
        article=HOUSE,
        kind=DATE,
        sentence=r"joined forces to found OpenAI",
    ),
    # --- sora-team-world-model-pivot and sora-app-wind-down-spud: Sora, Spud, compute -----
    "sora_unveiled": Selector(
        "when Sora was first unveiled (the world-model pivot report)",
        article=PIVOT,
        kind=DATE,
        sentence=r"first unveiled",
    ),
    "sora_unveiled_wind_down_report": Selector(
        "when Sora was first unveiled (the app wind-down report)",
        article=WIND_DOWN,
        kind=DATE,
        sentence=r"first unveiled",
    ),
    "sora_announced_faq": Selector(
        "when Sora was announced and demonstrated (the pivot report's FAQ)",
        article=PIVOT,
        kind=DATE,
        sentence=r"announced and demonstrated",
    ),
    "spud_release": Selector(
        "when the new model's release was anticipated",
        article=PIVOT,
        kind=DURATION,
        sentence=r"release is anticipated",
    ),
    "run_rate_annual": Selector(
        "OpenAI's reported annual revenue run-rate",
        article=WIND_DOWN,
        kind=MONEY,
        sentence=r"run-rate",
    ),
    "chatgpt_users_vague": Selector(
        "ChatGPT's users, as a vague order of magnitude",
        article=WIND_DOWN,
        kind=COUNT,
        sentence=r"hundreds of millions of users",
    ),
    "gpu_fleet_vague": Selector(
        "GPUs a frontier model needs, as a vague order of magnitude",
        article=WIND_DOWN,
        kind=COUNT,
        sentence=r"high-end GPUs",
    ),
}


# ---------------------------------------------------------------- ledger comparisons

@dataclass(frozen=True)
class Comparison:
    """Two or more articles on one subject: which sentences, and whether they agree."""

    subject: str
    sides: tuple[tuple[str, str], ...]  # (article id, regex finding the sentence)
    verdict: str  # "agree", "contradict", "differ"; "computed" to compare claim dates
    reason: str
    date_claims: tuple[str, ...] = ()


# The subjects on which two articles each make a statement a reader would set side by side:
# both Sora reports on the model's fate, its compute and the next model's release, and the
# two articles that describe resources moving to language models. Verdicts are read, except
# where two dates can be compared (then "computed").
COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "when Sora was unveiled",
        ((PIVOT, r"first unveiled"), (WIND_DOWN, r"first unveiled")),
        "computed",
        "both give a month; the verdict compares the two dates",
        date_claims=("sora_unveiled", "sora_unveiled_wind_down_report"),
    ),
    Comparison(
        "what happens to Sora",
        ((PIVOT, r"has reportedly been canceled"), (WIND_DOWN, r"underlying Sora video generation model remains")),
        "contradict",
        "one says the video model is canceled; the other that only the mobile app winds down "
        "and the model remains a research preview",
    ),
    Comparison(
        "where Sora's compute goes",
        ((PIVOT, r"free up the substantial computational"), (WIND_DOWN, r"freed up from")),
        "agree",
        "both say the compute goes to training the new language model (Spud)",
    ),
    Comparison(
        "when Spud is released",
        ((PIVOT, r"release is anticipated"), (WIND_DOWN, r"release timeline")),
        "differ",
        "one relays 'in a few weeks'; the other says no timeline has been announced",
    ),
    Comparison(
        "language models come first",
        ((EXODUS, r"overwhelmingly channeled"), (WIND_DOWN, r"prioritizing its next large")),
        "agree",
        "both describe resources moving to the language-model programme",
    ),
)


# ---------------------------------------------------------------- attention check

# Row of the resource table in chatgpt-dominance-talent-exodus ("Project Focus") -> the
# topic family whose keywords stand for that programme in prose. The table names three
# programmes; these are the families that name the same things (chat models, video
# generation, research), not the money, people or compute the programmes compete for.
PROGRAMME_TOPICS = {
    "ChatGPT/LLMs": "chatgpt/llm",
    "Sora/DALL-E (Visual/Video)": "sora/video",
    "Foundational Research": "research",
}


# ---------------------------------------------------------------- compute what-if presets

# The resource table of chatgpt-dominance-talent-exodus rates three project groups; these
# are the fleet model's programmes in each (Spud is the next language model, so it counts
# with ChatGPT; world-model work is research).
GROUPS = {
    "ChatGPT/LLMs": ("chatgpt_inference", "spud_training"),
    "Sora/DALL-E": ("sora_inference",),
    "Foundational research": ("world_model_research", "other_research"),
}

# Rule mapping the table's ordinal levels onto a group's share of the fleet, [low, high):
# "Overwhelmingly High" is a majority of the fleet; "Scarce" is under a tenth, the size of a
# single side bet; everything between is "Insufficient/Constrained". The three ranges tile [0, 1].
PRIORITY_LEVELS = (
    ("Scarce", 0.0, 0.10),
    ("Insufficient/Constrained", 0.10, 0.50),
    ("Overwhelmingly High", 0.50, 1.0),
)


@dataclass(frozen=True)
class Scenario:
    """A preset of the compute what-if: where the Sora app's share of the fleet goes.

    ``sora_freed``: the app's share is taken away; of it, the fraction named by the
    reference constant ``kept_for_world_model`` (none: nothing) goes to world-model
    research and the rest to Spud training.
    """

    description: str
    sora_freed: bool = False
    kept_for_world_model: str | None = None


# The reference split, and the two moves the Sora reports describe.
SCENARIOS: dict[str, Scenario] = {
    "status quo": Scenario("The reference shares (data/reference/compute.csv)."),
    "Sora wound down": Scenario(
        "sora-app-wind-down-spud: the Sora app is wound down and all its compute goes to "
        "Spud training.", sora_freed=True),
    "world-model pivot": Scenario(
        "sora-team-world-model-pivot: the Sora team moves to world-model research and keeps "
        "a fraction (pivot_to_world_model) of the app's compute; the rest goes to Spud "
        "training.", sora_freed=True, kept_for_world_model="pivot_to_world_model"),
}
