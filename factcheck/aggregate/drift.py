"""Flags for what a rewrite changes without changing the topic.

- ``attribution_drift``: who asserts a claim changes between two versions verification
  matched: "officials said 12 died" becomes "12 died", or "the union said" becomes "the
  company said". A vaguer source ("officials", "reportedly") for a named one is not flagged.
- ``hedging_drift``: reported or hedged in one outlet ("reportedly", "an estimated"),
  stated as plain fact in another.
- ``entity_mismatch``: the same named area given a different owner: "Peru's Tacna region"
  vs "Chile's Tacna region".
- ``off_topic``: a claim from a paragraph that shares almost no vocabulary with the story.

All rules are general English patterns; the word lists name no story's people or places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from factcheck.aggregate.flags import sort_flags
from factcheck.language.gazetteer import COUNTRIES, is_demonym, is_place
from factcheck.language.retrieval import analyse
from factcheck.language.text import fold, paragraphs
from factcheck.models import (
    AttributionKind,
    Certainty,
    Claim,
    Cluster,
    Flag,
    FlagKind,
    Source,
    Verdict,
)

_NO_SPEAKER = {AttributionKind.outlet, AttributionKind.unattributed}
_HEDGED = {Certainty.hedged, Certainty.speculative}
_HEDGE_CUE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|estimated|believed|thought|suggest\w*"
    r"|appear\w*|seem\w*|unconfirmed|claim\w*|may|might|could|possibly|perhaps|likely"
    r"|indicat\w*|rumou?red)\b", re.IGNORECASE)
_GENERIC_SPEAKER = frozenset(analyse(
    "official officials source sources spokesperson spokesman spokeswoman authorities "
    "government report reports media state statement"))
_GROUP_HEADS = frozenset({"official", "source", "spokesperson", "spokesman", "spokeswoman",
                          "authority", "aide", "diplomat", "insider", "analyst", "expert",
                          "witness", "resident", "observer", "report", "media"})
"""Head nouns of an unnamed speaker ('a senior official', 'one witness')."""
_REPORTED = re.compile(r"\b(?:reportedly|allegedly|reports?\b|reported\b|it is (?:said|believed|"
                       r"understood|thought)|sources? (?:say|said))", re.IGNORECASE)
"""Wording that puts a claim in an unnamed source's mouth without naming one."""
_NAME = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
_AREA = (r"(?:region|province|oblast|state|district|county|territory|prefecture|"
         r"governorate|municipality|department|island|city|town|village)")
_OWNED = [  # (pattern, owner group, name group)
    (re.compile(rf"\b({_NAME})'s?\s+({_NAME})\s+{_AREA}\b"), 1, 2),
    (re.compile(rf"\b({_NAME})\s+{_AREA}\s+of\s+(?:the\s+)?({_NAME})"), 2, 1),
    (re.compile(rf"\bthe\s+({_NAME})\s+{_AREA}\s+of\s+({_NAME})"), 1, 2),
]
OFF_TOPIC = 0.2
"""A paragraph is off topic when less than this share of its common words recur elsewhere
in the story (another paragraph of any source)."""
_WORD = re.compile(r"[\w'\u2019-]+")
_OFF_TOPIC_MIN_TERMS = 8
_SNIPPET = 90


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 3].rstrip() + "..."


def _add(target: Claim | Cluster, flag: Flag) -> None:
    same = next((f for f in target.flags if f.kind == flag.kind), None)
    if same is None:
        target.flags.append(flag)
    elif isinstance(target, Cluster):
        ids = sorted(set(same.source_ids) | set(flag.source_ids))
        target.flags[target.flags.index(same)] = same.model_copy(update={"source_ids": ids})


# -- attribution and hedging ----------------------------------------------------------------


def _speaker_terms(claim: Claim) -> set[str]:
    a = claim.attribution
    return set(analyse(" ".join(filter(None, [a.speaker, a.role])))) - _GENERIC_SPEAKER


def _speaker(claim: Claim) -> str:
    a = claim.attribution
    return a.speaker or a.role or "a source"


def _has_speaker(claim: Claim) -> bool:
    a = claim.attribution
    return a.kind not in _NO_SPEAKER and bool(a.speaker or a.role)


class _Who(StrEnum):
    """Who a version says asserts the claim."""

    outlet = "outlet"  # nobody but the outlet: stated as fact
    hearsay = "hearsay"  # "reportedly", "reports say": no speaker, a hedge (hedging_drift's)
    unnamed = "unnamed"  # "officials said", "experts believe": a speaker without a name
    named = "named"  # a person, an organisation, a document, a titled role


def _who(claim: Claim) -> _Who:
    if not _has_speaker(claim):
        return _Who.hearsay if _REPORTED.search(fold(claim.quote)) else _Who.outlet
    return _Who.unnamed if _unnamed_group(claim) else _Who.named


def _unnamed_group(claim: Claim) -> bool:
    """'officials', 'South Korean officials', 'a senior official', 'Experts': a group or an
    anonymous member of one, told by its head noun (a lowercase plural or a generic word)."""
    words = (claim.attribution.speaker or claim.attribution.role or "").split()
    if not words:
        return True
    head = words[-1].strip(".,;:'\u2019\"")
    if len(words) == 1 and head[:1].isupper():
        if any(e.name == head for e in claim.entities):
            return False  # a name the claim itself lists ('Reuters'), not 'Experts'
        head = head.lower()
    return head.islower() and (head in _GROUP_HEADS or head.endswith("s"))


def _names_speaker(claim: Claim, other: Claim) -> bool:
    """The claim's own words name the other version's named speaker ('Lee blamed ...')."""
    terms = _speaker_terms(other) if _who(other) == _Who.named else set()
    return bool(terms) and bool(terms & set(analyse(claim.quote)))


@dataclass
class _Quotes:
    """Which member's sentence each member's checks quoted: of the members from the
    checked source, the one its evidence overlaps most (``figure``: and a figure of the
    claim was found stated alike there). One pass over the checks, so linking two members
    is a lookup, not a scan."""

    plain: dict[str, set[str]]
    figure: dict[str, set[str]]
    members: dict[str, Claim]
    order: dict[str, int]

    @classmethod
    def of(cls, members: Sequence[Claim]) -> _Quotes:
        by_source: dict[str, list[Claim]] = {}
        for m in members:
            by_source.setdefault(m.source_id, []).append(m)
        plain: dict[str, set[str]] = {m.id: set() for m in members}
        figure: dict[str, set[str]] = {m.id: set() for m in members}
        for claim in members:
            for check in claim.checks:
                span, rivals = check.evidence_span, by_source.get(check.source_id)
                if span is None or not rivals or check.verdict == Verdict.not_mentioned:
                    continue
                best = max(rivals, key=lambda m: _overlap(span, m.span))
                if _overlap(span, best.span) > 0:
                    plain[claim.id].add(best.id)
                    if any(f.agrees for f in check.figures):
                        figure[claim.id].add(best.id)
        for claim_id, quoted in list(figure.items()):  # a figure link holds both ways
            for other in quoted:
                figure[other] = figure[other] | {claim_id}
        return cls(plain, figure, {m.id: m for m in members},
                   {m.id: n for n, m in enumerate(members)})

    def linked(self, claim: Claim) -> list[Claim]:
        """Members verification matched with ``claim`` as one statement: each one's check
        quoted the other's sentence, or a check found one's figure stated alike in the
        other's sentence; in member order."""
        found = {o for o in self.plain[claim.id] if claim.id in self.plain[o]}
        found = (found | self.figure[claim.id]) - {claim.id}
        return sorted((self.members[o] for o in found), key=lambda m: self.order[m.id])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


_OPINION = re.compile(r"\b(?:believes?|believed|think|thinks|thought|doubts?|doubted|suspects?|"
                      r"suspected|expects?|expected|fears?|feared|feels?|felt|speculat\w*|"
                      r"wonder\w*)\b", re.IGNORECASE)
"""Verbs of opinion: 'analysts believe X' holds an opinion about X, it does not report X."""


def _opinion(claim: Claim) -> bool:
    """The speaker's verb is one of opinion, within the three words after the speaker."""
    speaker = claim.attribution.speaker or claim.attribution.role
    at = fold(claim.quote).lower().find(fold(speaker).lower()) if speaker else -1
    if at < 0:
        return False
    after = claim.quote[at + len(speaker or ""):].split()[:3]
    return any(_OPINION.fullmatch(w.strip(".,;:")) for w in after)


def _change(claim: Claim, other: Claim) -> str | None:
    """Why ``claim`` changes who asserts what ``other`` attributes, or None if it does not.

    Real changes only: a speaker dropped (the outlet states what another version attributes)
    or replaced by a wholly different named one. An unnamed source against a named one is
    vaguer, not someone else; a dropped 'reportedly' or an opinion ('analysts believe')
    stated as fact is a hedge (``hedging_drift``); a speaker the claim itself names is not
    dropped.
    """
    mine, theirs = _who(claim), _who(other)
    if _opinion(other) or _opinion(claim):
        return None  # an opinion stated as fact is hedging_drift's
    if mine == _Who.outlet and theirs in (_Who.unnamed, _Who.named) \
            and not _names_speaker(claim, other):
        return (f"{claim.source_id} states it without a source; {other.source_id} "
                f"attributes it to '{_speaker(other)}'.")
    mine_terms, their_terms = _speaker_terms(claim), _speaker_terms(other)
    if mine == theirs == _Who.named and mine_terms and their_terms \
            and not mine_terms & their_terms:
        return (f"{claim.source_id} attributes it to '{_speaker(claim)}', "
                f"{other.source_id} to '{_speaker(other)}'.")
    return None


def attribution_drift(members: Sequence[Claim]) -> list[tuple[Claim, Flag]]:
    """Members that drop the speaker of a version verification matched them with, or name a
    wholly different one."""
    found = []
    quotes = _Quotes.of(members)
    for claim in members:
        changes = [(o, why) for o in quotes.linked(claim)
                   if o.source_id != claim.source_id and (why := _change(claim, o))]
        if changes:
            ids = sorted({o.source_id for o, _ in changes})
            found.append((claim, Flag(kind=FlagKind.attribution_drift, reason=changes[0][1],
                                      source_ids=ids)))
    return found


def hedging_drift(members: Sequence[Claim]) -> list[tuple[Claim, Flag]]:
    """Members stated as fact while another outlet hedges the same fact."""
    hedged = [c for c in members if c.certainty in _HEDGED]
    found = []
    for claim in members:
        if claim.certainty != Certainty.asserted:
            continue
        others = [h for h in hedged if h.source_id != claim.source_id]
        if not others:
            continue
        cue = _HEDGE_CUE.search(fold(others[0].quote))
        how = f"'{cue.group()}'" if cue else f"'{_snippet(others[0].quote)}'"
        reason = (f"{claim.source_id} states it as fact; {others[0].source_id} hedges it "
                  f"({how}).")
        ids = sorted({h.source_id for h in others})
        found.append((claim, Flag(kind=FlagKind.hedging_drift, reason=reason, source_ids=ids)))
    return found


# -- entity mismatch --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Owned:
    """A named area and the country the text says it belongs to."""

    name: str
    owner: str
    text: str
    start: int


def _country(word: str) -> str | None:
    """The country a place name or nationality adjective points to."""
    word = word.removeprefix("the ").removeprefix("The ")
    if is_place(word):
        return word
    if not is_demonym(word):
        return None
    *lead, last = word.split()
    fits = [c for c in sorted(COUNTRIES) if c.split()[-1][:4] == last[:4]
            and c.split()[:-1] == lead]
    return fits[0] if len(fits) == 1 else None


def owned_areas(text: str) -> list[_Owned]:
    """Every "Owner's Name region" / "Name region of Owner" / "the Owner-ish region of Name"."""
    folded = fold(text)
    found = []
    for pattern, owner_group, name_group in _OWNED:
        for m in pattern.finditer(folded):
            owner, name = _country(m.group(owner_group)), m.group(name_group)
            if owner and not is_place(name) and _country(name) is None:
                found.append(_Owned(name.lower(), owner, text[m.start():m.end()], m.start()))
    return sorted(found, key=lambda o: o.start)


def entity_mismatch(claims: Sequence[Claim],
                    sources: Sequence[Source]) -> list[tuple[Claim, Flag]]:
    """Claims that give a named area another owner than some other source does."""
    by_source = {s.id: owned_areas(s.text) for s in sources}
    found = []
    for claim in claims:
        for mine in owned_areas(claim.quote):
            clash = [(sid, o) for sid, areas in by_source.items() if sid != claim.source_id
                     for o in areas if o.name == mine.name and o.owner != mine.owner]
            if clash:
                sid, other = clash[0]
                reason = f"{claim.source_id} says '{mine.text}'; {sid} says '{other.text}'."
                ids = sorted({s for s, _ in clash})
                wording = {claim.source_id: mine.text}
                for s, o in clash:
                    wording.setdefault(s, o.text)
                found.append((claim, Flag(kind=FlagKind.entity_mismatch, reason=reason,
                                          source_ids=ids, wording=wording)))
                break
    return found


# -- off topic --------------------------------------------------------------------------------


def _common_terms(text: str) -> set[str]:
    """Terms of the lowercase words: names are new in every paragraph, topic words are not."""
    return {t for w in _WORD.findall(text) if not w[0].isupper()
            for t in analyse(w) if not t.isdigit()}


def _paragraph_terms(sources: Sequence[Source]) -> list[tuple[str, tuple[int, int], set[str]]]:
    return [(s.id, span, _common_terms(s.text[span[0]:span[1]]))
            for s in sources for span in paragraphs(s.text)]


def off_topic_spans(sources: Sequence[Source]) -> dict[str, list[tuple[int, int]]]:
    """Source id -> paragraphs whose terms mostly never recur anywhere else in the story."""
    found: dict[str, list[tuple[int, int]]] = {}
    units = _paragraph_terms(sources)
    counts = Counter(t for _, _, terms in units for t in terms)
    for source_id, span, terms in units:
        if len(terms) < _OFF_TOPIC_MIN_TERMS or len(units) < 3:
            continue
        recurring = sum(1 for t in terms if counts[t] >= 2)  # itself and another paragraph
        if recurring / len(terms) < OFF_TOPIC:
            found.setdefault(source_id, []).append(span)
    return found


def off_topic(claims: Sequence[Claim], sources: Sequence[Source]) -> list[tuple[Claim, Flag]]:
    spans = off_topic_spans(sources)
    found = []
    for claim in claims:
        if any(a <= claim.span[0] < b for a, b in spans.get(claim.source_id, [])):
            reason = ("Comes from a paragraph that shares almost no words with the rest of "
                      "the story: likely an unrelated item, not part of this report.")
            found.append((claim, Flag(kind=FlagKind.off_topic, reason=reason)))
    return found


# -- entry point ------------------------------------------------------------------------------


def flag_drift(claims: Sequence[Claim], clusters: Sequence[Cluster],
               sources: Sequence[Source]) -> None:
    """Add drift, mismatch and off-topic flags to claims and to the clusters holding them."""
    by_id = {c.id: c for c in claims}
    cluster_of = {cid: k for k in clusters for cid in k.claim_ids}
    found: list[tuple[Claim, Flag]] = []
    for cluster in clusters:
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        found += attribution_drift(members) + hedging_drift(members)
    found += entity_mismatch(claims, sources) + off_topic(claims, sources)
    _apply(found, cluster_of)


def _apply(found: Iterable[tuple[Claim, Flag]], cluster_of: dict[str, Cluster]) -> None:
    touched: list[Claim | Cluster] = []
    for claim, flag in found:
        _add(claim, flag)
        touched.append(claim)
        if claim.id in cluster_of:
            _add(cluster_of[claim.id], flag.model_copy())
            touched.append(cluster_of[claim.id])
    for target in touched:
        sort_flags(target.flags)
