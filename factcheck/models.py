"""The data model: the contract between stages, the store and ``report.json``.

Field names here are the public format of ``report.json`` (see docs/report-format.md);
rename nothing without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "2.3"

Span = tuple[int, int]
"""Half-open character offsets ``[start, end)`` into a source's cleaned ``text``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class AttributionKind(StrEnum):
    direct_quote = "direct_quote"
    reported_speech = "reported_speech"
    according_to = "according_to"
    outlet = "outlet"
    unattributed = "unattributed"


class Certainty(StrEnum):
    asserted = "asserted"
    reported = "reported"
    hedged = "hedged"
    speculative = "speculative"


class Qualifier(StrEnum):
    exact = "exact"
    about = "about"
    over = "over"
    under = "under"
    close_to = "close_to"
    at_least = "at_least"
    at_most = "at_most"


class Verdict(StrEnum):
    supported = "supported"
    partially_supported = "partially_supported"
    contradicted = "contradicted"
    not_mentioned = "not_mentioned"


class FlagKind(StrEnum):
    contradicted = "contradicted"
    numeric_discrepancy = "numeric_discrepancy"
    single_source = "single_source"
    attribution_drift = "attribution_drift"
    hedging_drift = "hedging_drift"
    entity_mismatch = "entity_mismatch"
    off_topic = "off_topic"
    added_in_derivative = "added_in_derivative"

    @property
    def tier(self) -> FlagTier:
        """Needs a person, or only for information (``FOR_INFORMATION``)."""
        return FlagTier.for_information if self in FOR_INFORMATION else FlagTier.needs_review


class FlagTier(StrEnum):
    needs_review = "needs_review"
    for_information = "for_information"


FOR_INFORMATION = frozenset({FlagKind.single_source, FlagKind.off_topic})
"""The flags that inform a reader but ask nothing of a person; every other kind needs review."""


# Why each kind of text is removed, in words a reader of the report understands.
REMOVAL_REASONS = {
    "title": "headline, kept as the source's title",
    "paywall": "paywall or subscription notice",
    "related_link": "link to another article ('See also', related stories)",
    "copyright": "copyright or rights notice",
    "site_notice": "site notice (cookies, newsletter, app, ads)",
    "comment_form": "comment box or sharing widget",
    "author_bio": "author biography",
    "ui_text": "page interface text (menus, buttons)",
    "source_line": "line naming where the text was taken from",
    "markup": "Markdown or HTML syntax",
}


class Boilerplate(_Model):
    """Text removed from a source before extraction, kept so nothing disappears silently."""

    kind: str = Field(description="paywall, related_link, copyright, site_notice, comment_form, "
                      "author_bio, ui_text, source_line, markup")
    reason: str = Field("", description="Why it was removed, in words.")
    text: str
    span: Span = Field(description="Offsets into the original (raw) input text.")


class Source(_Model):
    id: str = Field(description="File stem, e.g. 002_604a21062a273e1f; unique within a run.")
    path: str
    format: str = Field(description="txt, md, html, json, jsonl")
    title: str | None = None
    outlet: str | None = Field(None, description="Publisher of this copy, from the input's own "
                               "metadata, its dateline credit ('(AP)') or a scraped copy's "
                               "'Source:' line; None when unknown.")
    outlet_rule: str | None = Field(None, description="Which evidence decided the outlet, "
                                    "in words.")
    upstream: str | None = Field(None, description="The article this text says it was taken "
                                 "from: 'Read at X', 'Original Source: X', 'via X'.")
    url: str | None = None
    published: str | None = Field(None, description="Publication date as the input gives it "
                                  "(JSON 'published'/'date', HTML metadata), when known.")
    text: str = Field(description="Cleaned article text; every span in the report points here.")
    removed: list[Boilerplate] = Field(default_factory=list, description="Text removed "
                                       "before extraction, with the reason.")
    sha256: str = Field(description="Digest of the raw input, to spot duplicate inputs.")
    story: str | None = Field(None, description="Id of the story (event) this source reports; "
                              "its claims are checked only against that story's sources.")


class Attribution(_Model):
    speaker: str | None = Field(None, description="Who asserts it, as named in full in the source.")
    role: str | None = Field(None, description="The speaker's title or function, if given.")
    kind: AttributionKind = AttributionKind.unattributed


class Quantity(_Model):
    value: float
    low: float | None = Field(None, description="Lower bound of the range the wording allows.")
    high: float | None = Field(None, description="Upper bound; None means unbounded.")
    unit: str | None = Field(None, description="What is counted or measured: 'troops', "
                             "'containers', 'USD'.")
    qualifier: Qualifier = Qualifier.exact
    text: str = Field(description="The quantity as written, e.g. 'close to 20,000 containers'.")


class DateMention(_Model):
    text: str = Field(description="As written: 'on Friday', 'since August 2023'.")
    value: str | None = Field(None, description="ISO 8601 date or partial date (2023-08) "
                              "when resolvable.")
    relation: str | None = Field(None, description="since, until, in, on, before, after.")


class Entity(_Model):
    name: str
    kind: str = Field("other", description="person, organization, place, other")


class FigureCheck(_Model):
    """A figure of the claim set beside the evidence's figure for the same measure."""

    claim: str = Field(description="The claim's figure as written: 'close to 20,000 containers'.")
    other: str = Field(description="The evidence's figure as written: 'over 13,000 containers'.")
    agrees: bool = Field(description="Whether the two wordings can both be true.")


class Check(_Model):
    """One claim checked against one other source."""

    source_id: str
    verdict: Verdict
    evidence: str | None = Field(None, description="Verbatim quote from that source's text.")
    evidence_span: Span | None = None
    rationale: str
    confidence: float = Field(ge=0.0, le=1.0,
                              description="Calibrated probability that the verdict is right.")
    missing: list[str] = Field(
        default_factory=list,
        description="Parts of the claim the evidence does not cover "
                    "(named on partially_supported).",
    )
    derived: bool = Field(
        False,
        description="The two sources are a parent and its summary or rewrite; not corroboration.",
    )
    figures: list[FigureCheck] = Field(
        default_factory=list,
        description="The claim's figures compared with the evidence's figures for the same "
                    "measure (verification's comparison; numeric_discrepancy reads it).",
    )
    engine: str = Field("local", description="Which engine decided this check: local (built-in "
                        "rules) or llm (the model); a hybrid run mixes them.")


class Flag(_Model):
    kind: FlagKind
    reason: str = Field(description="One sentence a person can act on.")
    source_ids: list[str] = Field(default_factory=list, description="Other sources involved.")
    wording: dict[str, str] = Field(
        default_factory=dict,
        description="Source id -> that source's own words for what differs ('Peru's Tacna "
                    "region'), for flags that compare wordings (entity_mismatch).",
    )


class ProblemStage(StrEnum):
    ingest = "ingest"
    extract = "extract"
    verify = "verify"


class Problem(_Model):
    """Something that went wrong but did not stop the run; always reported, never dropped."""

    stage: ProblemStage
    message: str
    path: str | None = None
    source_id: str | None = None
    claim_id: str | None = None


class Stance(StrEnum):
    states = "states"
    supports = "supports"
    partially_supports = "partially_supports"
    contradicts = "contradicts"
    silent = "silent"


class Cluster(_Model):
    """Claims from different sources that state the same fact."""

    id: str = Field(description="'k<n>', numbered by rank (k1 needs a person most).")
    canonical: str = Field(description="One wording of the fact, taken from a member claim.")
    claim_ids: list[str]
    stances: dict[str, Stance] = Field(description="Source id -> its stance on this fact.")
    independent_sources: int = Field(description="Sources stating or supporting it, counting "
                                     "a source derived from another only once.")
    flags: list[Flag] = Field(default_factory=list)
    priority: float = Field(0.0, description="Higher means a person should look sooner.")
    story: str | None = Field(None, description="Id of the story its claims belong to.")


class Story(_Model):
    """Sources that report the same event; claims are cross-checked within a story only."""

    id: str = Field(description="'s<n>', largest story first.")
    label: str = Field(description="A few key terms or names the story's sources share.")
    sources: list[str] = Field(description="Ids of its sources, in input order.")


class Lineage(_Model):
    """A source that is a summary or rewrite of another, and why we think so."""

    source_id: str
    derived_from: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(description="Shared distinctive phrases and figures.")
    direction: str = Field("", description="Why this side is the derived one, in words: an "
                           "upstream line, a wire credit, publication times, a shorter "
                           "paraphrase, support, or less material.")


class Decision(StrEnum):
    confirm = "confirm"
    set_verdict = "set_verdict"
    needs_more_evidence = "needs_more_evidence"
    not_a_claim = "not_a_claim"
    undo = "undo"
    """History only: withdraws the latest decision still standing (a claim's state is never
    'undo'; ``Review.decision`` is always one of the others)."""


class Review(_Model):
    """The current human decision on a claim (the latest in its append-only history)."""

    decision: Decision
    verdict: Verdict | None = Field(None, description="The verdict the person settled on.")
    machine_verdict: Verdict | None = Field(None, description="What the decision replaced.")
    reviewer: str
    decided_at: str
    note: str | None = None
    decisions: int = Field(1, description="How many decisions the history holds.")


class Claim(_Model):
    id: str = Field(description="'<source_id>#c<n>', stable across runs on the same input.")
    source_id: str
    text: str = Field(description="Atomic, self-contained statement: no dangling pronouns.")
    quote: str = Field(description="Verbatim substring of the source's cleaned text.")
    span: Span
    attribution: Attribution = Field(default_factory=Attribution)
    certainty: Certainty = Certainty.asserted
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    errors: list[Problem] = Field(default_factory=list)
    verdict: Verdict | None = Field(None, description="Overall machine verdict across sources: "
                                    "contradicted if any source contradicts it, else the "
                                    "strongest support; None when there is no other source.")
    review: Review | None = Field(None, description="The latest human decision, if any.")
    engine: str = Field("local", description="Which engine extracted this claim: local or llm.")

    @field_validator("span")
    @classmethod
    def _ordered(cls, span: Span) -> Span:
        if not 0 <= span[0] <= span[1]:
            raise ValueError(f"span {span} is not an ordered pair of offsets")
        return span


class FailureKind(StrEnum):
    """Why a model call failed for good (after the retries its kind allows)."""

    server_error = "server_error"
    """HTTP 5xx, or a 200 whose body is not a chat completion (malformed JSON)."""
    rate_limit = "rate_limit"
    timeout = "timeout"
    invalid_answer = "invalid_answer"
    """The answer failed validation after every re-ask, or was cut off at max_tokens."""
    connection_refused = "connection_refused"
    request_error = "request_error"
    """Another HTTP 4xx: the server refused this request (e.g. it exceeds the context)."""


class StageFailures(_Model):
    """One stage's model calls (one per source or claim, cached ones included) and failures."""

    calls: int = 0
    failed: int = 0
    not_done: int = Field(0, description="Calls never made: the run was stopped first.")
    kinds: dict[FailureKind, int] = Field(default_factory=dict)
    first: str | None = Field(None, description="The first failure's message.")


class Failures(_Model):
    """Every model call that failed, counted by kind and by stage (``run.failures``)."""

    total: int = 0
    kinds: dict[FailureKind, int] = Field(default_factory=dict)
    stages: dict[str, StageFailures] = Field(default_factory=dict)


class RunInfo(_Model):
    engine: str
    model: str | None = None
    versions: dict[str, str] = Field(default_factory=dict)
    started_at: str
    finished_at: str | None = None
    duration_s: float | None = None
    inputs: list[str] = Field(default_factory=list)
    usage: dict[str, float] = Field(default_factory=dict, description="Model calls, cache hits, "
                                    "tokens and cost; empty for the local engine.")
    failures: Failures = Field(default_factory=Failures,
                               description="Model calls that failed, by kind and stage.")


class Summary(_Model):
    sources: int
    claims: int
    checks: int
    claims_per_source: dict[str, int]
    verdicts: dict[str, int]
    flags: dict[str, int]
    flagged_claims: int = Field(description="Claims that need review (by a flag of their own or "
                                "of their fact): the review queue's length.")
    needs_review: int = Field(0, description="Facts (clusters) with a flag that needs a person: "
                              "the headline count.")
    for_information: int = Field(0, description="Facts with informational flags only "
                                 "(single_source, off_topic).")
    problems: int


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    run: RunInfo
    sources: list[Source]
    stories: list[Story] = Field(default_factory=list)
    claims: list[Claim]
    clusters: list[Cluster] = Field(default_factory=list)
    lineage: list[Lineage] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    summary: Summary
