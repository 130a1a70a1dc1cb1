"""The built-in verifier: one claim against one other source, decided by the learned model.

The claim is aligned with the sentence(s) of the source that cover it
(``factcheck.verify.align``); the trained model (``factcheck.verify.model``) reads the
features of that alignment and gives two calibrated probabilities: that the source mentions
the claim at all, and that it supports it. The verdict, first rule that applies:

1. not mentioned (probability below the threshold chosen on development data) and no
   comparable figure or date in the aligned sentences -> ``not_mentioned``;
2. a figure of the claim conflicts with one counting the same thing in the aligned
   sentences and none agrees -> ``contradicted``;
3. the best sentence covers the claim well and says the opposite (negation or antonym),
   or puts another name in the claim's slot ("Russia's" vs "Ukraine's X") -> ``contradicted``;
4. supported by the model, no name or figure of the claim that the source never gives (nor
   a name the aligned sentences lack when they carry little of the claim), and no date,
   weekday, month or gendered word of the claim replaced in the evidence -> ``supported``
   (chosen on the labelled data with ``factcheck eval``: a name or figure the source gives
   in another sentence is usually the alignment's miss, not a gap);
5. the aligned sentences carry less of the claim (its names, or what it says of them)
   than labelled partial support does (``partial_cover``, chosen on data), give no date,
   weekday, month or gendered word in place of the claim's, no figure of the claim agrees
   with one there, and the model does not find it supported -> ``not_mentioned``: the
   source tells another part of the story
   (a figure it leaves out is no sign that it speaks of this claim, one it gives alike is);
6. otherwise ``partially_supported``, naming in ``missing`` what the evidence lacks (its
   words, figures, names, dates). When nothing can be named, the model's doubt alone does
   not make a partial verdict: the evidence carries every part of the claim -> ``supported``
   with the model's (lower) confidence.

``confidence`` is the calibrated probability of the verdict given: P(supported) for
``supported``, 1 - P(mentioned) for ``not_mentioned`` (1 - P(supported) under rule 5),
P(mentioned) x (1 - P(supported)) for the other two.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.models import Check, Claim, Source, Verdict
from factcheck.verify.features import Featurized, featurize, statement_cover
from factcheck.verify.gaps import gaps
from factcheck.verify.model import VerifierModel, load
from factcheck.verify.places import distinct, name_swap, place_mismatch

POLARITY = 0.5
"""Share of the claim's weighted terms the best sentence must carry for a flipped polarity
to contradict rather than to speak of something else."""


@dataclass(frozen=True)
class Reading:
    """What the model and the aligned evidence say about (claim, source)."""

    features: Featurized
    model: VerifierModel
    p_supported: float
    p_mentioned: float

    @property
    def likely(self) -> bool:
        """The model finds the claim supported (its threshold, chosen on data)."""
        return self.p_supported >= self.model.supported.threshold

    @property
    def mentioned(self) -> bool:
        return self.p_mentioned >= self.model.mentioned.threshold


def read(claim: Claim, source: Source) -> Reading:
    """The model's reading of ``claim`` against the whole text of ``source``."""
    features = featurize(claim, source.text)
    model = load()
    x = features.vector()
    return Reading(features, model, model.supported.probability(x),
                   model.mentioned.probability(x))


def verify_claim(claim: Claim, source: Source) -> Check:
    """Verdict, verbatim evidence, what is missing and a calibrated confidence.

    The alignment reads every sentence of ``source``, so no retrieval is needed first.
    """
    reading = read(claim, source)
    found = reading.features.findings
    comparable = bool(found.conflicts or found.date_clashes) or found.matched_figures > 0
    if not reading.mentioned and not comparable and not reading.likely:
        return _not_mentioned(source, reading)
    contradiction = _contradiction(claim, reading)
    if contradiction is not None:
        return _check(source, Verdict.contradicted, reading, contradiction)
    return _support(claim, source, reading)


def _not_mentioned(source: Source, reading: Reading) -> Check:
    share = reading.features.values["cover_align"]
    return Check(source_id=source.id, verdict=Verdict.not_mentioned,
                 rationale=f"No sentence of {source.id} speaks of this claim (best covers "
                           f"{share:.0%} of its weighted terms).",
                 confidence=_clamp(1 - reading.p_mentioned))


def _off_claim(source: Source, reading: Reading) -> Check:
    """The source speaks of the story but its closest sentences carry too little of this
    claim for a partial verdict: it does not mention the claim."""
    share = reading.features.values["cover_align"]
    return Check(source_id=source.id, verdict=Verdict.not_mentioned,
                 rationale=f"The closest sentences of {source.id} carry only {share:.0%} of "
                           "the claim's weighted terms: another statement on the story.",
                 confidence=_clamp(1 - reading.p_supported))


def _contradiction(claim: Claim, reading: Reading) -> str | None:
    found = reading.features.findings
    if found.conflicts and not found.matched_figures:
        mine, theirs = found.conflicts[0]
        return f"'{mine.text}' conflicts with '{theirs.text}' in the aligned sentence"
    if reading.features.values["cover_best"] < POLARITY:
        return None
    best = found.alignment.best.text
    if found.polarity:
        return f"The source states the opposite: {found.polarity}"
    swap = name_swap(claim.text or claim.quote, best) or place_mismatch(claim, best)
    if swap and distinct(*swap):
        return f"The claim names {swap[0]} where the source names {swap[1]}"
    return None


def _support(claim: Claim, source: Source, reading: Reading) -> Check:
    found = gaps(claim, reading.features.findings)
    values = reading.features.values
    low_cover = statement_cover(values) < reading.model.partial_cover
    # A name the aligned sentences lack: fatal when the source never gives it, or when
    # they carry too little of the claim for the name's mention elsewhere to be this one.
    names_absent = values["names_missing_doc"] > 0 or (
        bool(reading.features.findings.missing_names) and low_cover)
    confident = reading.likely and not names_absent
    # A figure the aligned sentences leave out but the source gives elsewhere is the
    # alignment's miss; one the source never gives is unverified.
    unverified = found.replaced or values["numbers_missing_doc"] > 0
    if not unverified and (confident or not found.loose):
        note = f"The aligned evidence carries the claim (P(supported) {reading.p_supported:.2f})"
        return _check(source, Verdict.supported, reading, note)
    agreeing = reading.features.findings.matched_figures > 0
    if not found.replaced and not agreeing and low_cover and not reading.likely:
        return _off_claim(source, reading)
    listed = "; ".join(f"'{g}'" for g in found.all)
    return _check(source, Verdict.partially_supported, reading,
                  f"The evidence does not cover {listed}", found.all)


def _check(source: Source, verdict: Verdict, reading: Reading, why: str,
           missing: list[str] | None = None) -> Check:
    alignment = reading.features.findings.alignment
    start, end = alignment.sentences[0].span[0], alignment.sentences[-1].span[1]
    confidence = (reading.p_supported if verdict == Verdict.supported
                  else reading.p_mentioned * (1 - reading.p_supported))
    share = reading.features.values["cover_align"]
    return Check(source_id=source.id, verdict=verdict, evidence=source.text[start:end],
                 evidence_span=(start, end), missing=missing or [],
                 rationale=f"{why}; the evidence covers {share:.0%} of the claim's weighted "
                           "terms.", confidence=_clamp(confidence))


def _clamp(x: float) -> float:
    return round(min(0.99, max(0.01, x)), 3)


__all__ = ["POLARITY", "Reading", "read", "verify_claim"]
