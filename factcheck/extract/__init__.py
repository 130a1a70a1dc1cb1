"""Rule-based claim extraction: atomic claims with attribution, certainty and entities.

Public surface: :func:`extract_claims`. Deterministic and offline: the same source always
gives the same claims with the same ids (``<source_id>#c<n>`` in text order).

Per sentence (or quotation run): skip non-claims (``segment.is_non_claim``); look for a tag
covering the whole sentence (a quotation, "according to", a trailing "X said"); else split
the sentence first and look for a leading "X said (that)" in each part. Each part gets a
verbatim ``quote``/``span`` and a rewritten ``text`` with the attribution dropped and the
leading reference resolved from earlier sentences of the same article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from factcheck.extract.attribution import Tag, is_hearsay, sentence_tag
from factcheck.extract.certainty import certainty
from factcheck.extract.cues import cue_tag, trim_speaker
from factcheck.extract.entities import find_entities
from factcheck.extract.leading import leading_tag
from factcheck.extract.names import PersonBook, build_book, proper_words
from factcheck.extract.resolve import Context, subject_of
from factcheck.extract.segment import Part, Unit, is_non_claim, split_clauses, units
from factcheck.extract.speakers import clean_role, is_noun_phrase, parse_speaker, resolve
from factcheck.extract.tokens import pair_quotes, trim
from factcheck.language.dates import extract_dates
from factcheck.language.quantities import extract_quantities
from factcheck.language.text import find_span, fold, paragraphs, sentences
from factcheck.models import Attribution, AttributionKind, Claim, Source, Span

__all__ = ["Mention", "extract_claims", "mentions"]


@dataclass(frozen=True)
class Draft:
    """A claim before numbering: where it is, what it says, and who says it."""

    quote: Span
    said: str
    tag: Tag | None


@dataclass(frozen=True)
class Mention:
    """Where a claim is and the words naming its speaker, before any resolution."""

    quote: Span
    kind: AttributionKind
    speaker: Span | None


def extract_claims(source: Source) -> list[Claim]:
    """Atomic, attributed claims of one source, numbered in text order."""
    text = pair_quotes(source.text)
    book = build_book(text)
    ctx = Context(book, proper_words(text), fold(text).lower())
    return [_claim(source, n, draft, book, ctx)
            for n, draft in enumerate(_walk(text, ctx.proper), start=1)]


def mentions(text: str) -> list[Mention]:
    """The speaker mention of every claim, as written (for measuring attribution)."""
    found = []
    text = pair_quotes(text)
    for draft in _walk(text, proper_words(text)):
        tag = draft.tag
        kind = tag.kind if tag else (AttributionKind.unattributed if is_hearsay(draft.said)
                                     else AttributionKind.outlet)
        found.append(Mention(draft.quote, kind, tag.speaker if tag else None))
    return found


def _walk(text: str, proper: frozenset[str]) -> list[Draft]:
    lonely = _single_sentence_paragraphs(text)
    found: list[Draft] = []
    previous: Tag | None = None
    for unit in units(text):
        if len(unit.sentences) == 1 and is_non_claim(text, unit.span, unit.span in lonely):
            previous = None
            continue
        drafts = _continued_quote(text, unit, previous) or _drafts(text, unit, proper)
        drafts = [_trimmed(text, d) for d in drafts]
        found += drafts
        previous = drafts[-1].tag if drafts else None
    return found


def _trimmed(text: str, draft: Draft) -> Draft:
    """The draft with its speaker span cut down to the noun phrase (or dropped)."""
    tag = draft.tag
    if tag is None or tag.speaker is None:
        return draft
    return replace(draft, tag=replace(tag, speaker=trim_speaker(text, tag.speaker)))


def _continued_quote(text: str, unit: Unit, previous: Tag | None) -> list[Draft]:
    """A sentence that is all quotation, right after a quotation, has the same speaker."""
    if not previous or previous.kind != AttributionKind.direct_quote or len(unit.sentences) > 1:
        return []
    lo, hi = unit.span
    said = fold(text[lo:hi]).strip()
    if not said.startswith('"') or said.rstrip(".!?").count('"') != 2 \
            or not said.rstrip().endswith(('"', '".', '"!', '"?')) or sentence_tag(text, unit.span):
        return []
    inner = (lo + 1, lo + fold(text[lo:hi]).rfind('"'))
    tag = Tag(AttributionKind.direct_quote, inner, previous.speaker, previous.verb)
    return [Draft(unit.span, text[inner[0]:inner[1]], tag)]


def _single_sentence_paragraphs(text: str) -> set[Span]:
    spans = (sentences(text, p) for p in paragraphs(text))
    return {s[0] for s in spans if len(s) == 1}


def _drafts(text: str, unit: Unit, proper: frozenset[str]) -> list[Draft]:
    if len(unit.sentences) > 1:
        return _quotation_run(text, unit, proper)
    span = unit.span
    tag = sentence_tag(text, span)
    if tag is None:
        parts = split_clauses(text, span)
        tags = _own_tags(text, parts, proper)
    elif tag.content_text is not None:
        return [Draft(span, tag.content_text, tag)]
    else:
        parts = split_clauses(text, tag.content)
        tags = [tag] * len(parts)
    return [_draft(text, span, part, t, len(parts)) for part, t in zip(parts, tags, strict=True)]


def _own_tags(text: str, parts: list[Part], proper: frozenset[str]) -> list[Tag | None]:
    """Each part's own leading tag; a leading that-clause tag carries over to later parts."""
    tags: list[Tag | None] = []
    carried: Tag | None = None
    for part in parts:
        tag = leading_tag(text, part.span)
        if part.said_by_subject:
            tag = _subject_said(text, parts[len(tags) - 1].span, part.span, proper)
        tags.append(tag or carried or cue_tag(text, part.span))
        carried = tag if tag and not tag.keep_full else carried
    return tags


def _subject_said(text: str, previous: Span, span: Span, proper: frozenset[str]) -> Tag | None:
    """", asserting that X": X is reported speech of the previous part's subject."""
    subject = subject_of(text[previous[0]:previous[1]], proper)
    if not subject:
        return None
    found = find_span(text, subject, previous[0])
    return Tag(AttributionKind.reported_speech, span, found, "asserting") if found else None


def _draft(text: str, sentence: Span, part: Part, tag: Tag | None, count: int) -> Draft:
    """The quote is the sentence unless it was split; the text is the part's content."""
    quote = sentence if count == 1 else part.span
    if tag and tag.keep_full:
        return Draft(quote, text[quote[0]:quote[1]], tag)
    lo, hi = part.span
    if tag and tag.content[0] < hi and tag.content[1] > lo:
        lo, hi = max(lo, tag.content[0]), min(hi, tag.content[1])
    return Draft(quote, text[lo:hi], tag)


def _quotation_run(text: str, unit: Unit, proper: frozenset[str]) -> list[Draft]:
    """A quotation over several sentences: each sentence is a claim with the run's speaker."""
    tag = sentence_tag(text, unit.span) or _quoted_run_cue(text, unit.span)
    if tag is None or tag.kind != AttributionKind.direct_quote:
        drafts: list[Draft] = []
        for span in unit.sentences:
            drafts.extend(_drafts(text, Unit(span, (span,)), proper))
        return drafts
    lo, hi = tag.content
    drafts = []
    for start, end in unit.sentences:
        inner = (max(start, lo), min(end, hi))
        said = text[inner[0]:inner[1]].strip(" \"'\u201c\u201d,")
        if len(said.split()) >= 3:
            drafts.append(Draft((start, end), said, tag))
    return drafts


def _quoted_run_cue(text: str, span: Span) -> Tag | None:
    """'"One. Two," said X, a ...': a quotation over several sentences, then its speaker."""
    cue = cue_tag(text, span)
    opening = trim(text, span, " \t\n")[0]
    if cue is None or cue.speaker is None or fold(text[opening]) != '"':
        return None
    close = fold(text[opening + 1:cue.speaker[0]]).rfind('"')
    if close < 0:
        return None
    return Tag(AttributionKind.direct_quote, (opening + 1, opening + 1 + close), cue.speaker,
               cue.verb)


def _claim(source: Source, n: int, draft: Draft, book: PersonBook, ctx: Context) -> Claim:
    text = source.text
    quote = text[draft.quote[0]:draft.quote[1]]
    said = _content(draft)
    attribution = _attribution(text, draft, book, ctx)
    own = draft.tag is not None and not draft.tag.keep_full and draft.tag.speaker is not None \
        and draft.tag.kind != AttributionKind.direct_quote  # "It" in a quote is not the speaker
    rewritten = ctx.rewrite(said, draft.quote[0], attribution.speaker if own else None)
    entities = find_entities(rewritten, book, draft.quote[0], ctx.proper)
    ctx.observe(rewritten, attribution.speaker,
                [e.name for e in entities if e.kind == "organization"])
    verb = draft.tag.verb if draft.tag and not draft.tag.keep_full else None
    return Claim(
        id=f"{source.id}#c{n}", source_id=source.id, text=rewritten or quote, quote=quote,
        span=draft.quote, attribution=attribution,
        certainty=certainty(said, attribution.kind, verb),
        quantities=extract_quantities(quote), dates=extract_dates(quote), entities=entities,
    )


def _content(draft: Draft) -> str:
    tag = draft.tag
    if tag and tag.content_text is not None:
        return tag.content_text
    return draft.said


def _attribution(text: str, draft: Draft, book: PersonBook, ctx: Context) -> Attribution:
    tag = draft.tag
    if tag is None:
        hearsay = is_hearsay(draft.said)
        return Attribution(kind=AttributionKind.unattributed if hearsay else AttributionKind.outlet)
    if tag.speaker is None:  # hearsay has no speaker; a speech tag without one is the outlet's
        return Attribution(kind=tag.kind if tag.kind == AttributionKind.unattributed
                           else AttributionKind.outlet)
    phrase = text[tag.speaker[0]:tag.speaker[1]]
    speaker, role = resolve(parse_speaker(phrase), tag.speaker[0], book, ctx.last)
    if speaker and (fold(speaker).lower() not in ctx.haystack or not is_noun_phrase(speaker)):
        speaker = None
    role = clean_role(role) if role else None
    if speaker is None and role is None:
        return Attribution(kind=AttributionKind.outlet)
    return Attribution(speaker=speaker, role=role, kind=tag.kind)
