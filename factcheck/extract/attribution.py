"""Finding who a sentence attributes its content to, and which part of it is the content.

Kinds (documented choice): a speech verb ("said", "warned", "told") gives ``reported_speech``
whether the tag leads ("X said that ...") or trails ("..., X have said"); "according to X" and
verbs by which a body or document reports ("X reported", "data show") give ``according_to``;
a quotation with a speech tag gives ``direct_quote``; bare hearsay ("reports indicate",
"reportedly", "it is believed") gives ``unattributed``; everything else is the ``outlet``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract import lexicon as lx
from factcheck.extract.names import is_name, is_role
from factcheck.extract.tokens import Tok, tokens, trim, word_count
from factcheck.language.text import fold
from factcheck.models import AttributionKind, Span

_HEARSAY = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|rumou?red|it is (?:believed|thought|understood|said"
    r"|alleged|reported|rumou?red)|(?:is|are|was|were) (?:said|believed|thought|reported|rumou?red"
    r"|alleged) to|according to (?:some |media |news |unconfirmed )?reports|reports (?:indicate|"
    r"suggest|say))\b", re.I)
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.)$")
_ACCORDING_TAIL = re.compile(r",\s+according to\s+(?P<src>[^,\"]+?)\s*[.!]?[\"']?\s*$", re.I)
_ACCORDING_MID = re.compile(r",\s+according to\s+(?P<src>[^,\"]+?),\s+", re.I)
_ACCORDING_HEAD = re.compile(r"^\s*according to\s+", re.I)


@dataclass(frozen=True)
class Tag:
    """An attribution found in a sentence, before the speaker is resolved to a person."""

    kind: AttributionKind
    content: Span
    speaker: Span | None = None
    verb: str | None = None
    keep_full: bool = False
    """The content is not a clause of its own ("X noted the rise"): the text keeps the tag."""
    content_text: str | None = None
    """Set when the content is not one contiguous stretch (a tag in mid-sentence)."""


def is_hearsay(text: str) -> bool:
    """Hedged hearsay with no source: "reportedly", "reports indicate", "it is believed"."""
    return bool(_HEARSAY.search(fold(text)))


def verb_kind(verb: str) -> AttributionKind:
    return AttributionKind.according_to if verb in lx.REPORT_VERBS else \
        AttributionKind.reported_speech


def speaker_like(toks: list[Tok]) -> bool:
    """Could these tokens name a source? A name, title, group, organisation or pronoun."""
    if not toks or len(toks) > 14 or any(t.word in lx.NOT_IN_SUBJECT for t in toks):
        return False
    if toks[0].word in ("and", "or", "but", "nor"):
        return False
    last = toks[-1]
    if last.word in lx.DETERMINERS or last.raw.rstrip(",").endswith(("'s", "'")):
        return False
    if any(not t.capital and t.word.endswith(("ing", "ed")) and len(t.word) > 4 for t in toks):
        return False
    if len(toks) == 1 and toks[0].word in lx.PRONOUN_SPEAKERS:
        return True
    known = lx.TITLES | lx.GROUP_NOUNS | lx.ORG_WORDS | lx.ORG_DESCRIPTIONS | lx.HEARSAY_SUBJECTS
    return any((t.capital and t.word not in lx.CAPITAL_STOPWORDS) or t.word in known
               for t in toks) or _people_noun(toks)


_PEOPLE = re.compile(r"[a-z]{3,}(?:er|or|ist|ian|ant|ent)s$")
"""Plural nouns for people by their ending: engineers, inspectors, pharmacists, parents."""


def _people_noun(toks: list[Tok]) -> bool:
    """'city engineers', 'local shopkeepers': a short lowercase phrase ending in a plural
    noun for people, though no word list names them."""
    last = toks[-1].raw.rstrip(",.;:").lower()
    return len(toks) <= 4 and not toks[-1].capital and bool(_PEOPLE.fullmatch(last))


def is_bare_hearsay(toks: list[Tok]) -> bool:
    """"Reports", "Some media reports": a subject that names no source."""
    words = {t.word for t in toks}
    return bool(words & lx.HEARSAY_SUBJECTS) and words <= lx.HEARSAY_SUBJECTS | \
        lx.HEARSAY_MODIFIERS


def sentence_tag(text: str, span: Span) -> Tag | None:
    """A tag that covers the whole sentence: a quotation, "according to", a trailing "X said"."""
    for finder in (quote_tag, _according_head, _according_tail, _according_mid, _trailing):
        tag = finder(text, span)
        if tag:
            return tag
    return None


# --- quotations ---------------------------------------------------------------------------

def quote_tag(text: str, span: Span) -> Tag | None:
    """'"...," X said' and '"..." said X': a sentence (or run) that opens with a quotation."""
    lo, hi = trim(text, span)
    folded = fold(text[lo:hi])
    if folded[:1] != '"' or folded.find('"', 1) < 0:
        return None
    close = lo + folded.find('"', 1)
    tail = [t for t in tokens(text, (close + 1, hi)) if t.raw.strip(",")]
    found = _tail_speaker(tail)
    if not found:
        return None
    speaker, verb = found
    inner = trim(text, (lo + 1, close), " \t\n,")
    return Tag(AttributionKind.direct_quote, inner, speaker, verb)


def _tail_speaker(tail: list[Tok]) -> tuple[Span, str] | None:
    """The speaker in the tag after a quotation: "X said ..." or "said X"."""
    if not tail:
        return None
    if tail[0].word in lx.SPEECH_VERBS and speaker_like(tail[1:]):
        return (tail[1].start, tok_end(tail[-1])), tail[0].word
    for i, tok in enumerate(tail):
        if tok.word in lx.SPEECH_VERBS and i > 0 and _adverbial_rest(tail[i + 1:], tok.word):
            subject = drop_aux(tail[:i])
            if subject and len(subject) <= 16:
                return (subject[0].start, tok_end(subject[-1])), tok.word
    return None


def tok_end(tok: Tok) -> int:
    """End offset of a token without trailing punctuation (keeping "Inc." and initials)."""
    raw = tok.raw.rstrip(" ,;:!?\"")
    if raw.endswith(".") and not _ABBREVIATION.search(raw):
        raw = raw.rstrip(".")
    return tok.start + len(raw)


# --- according to -------------------------------------------------------------------------

def _according_head(text: str, span: Span) -> Tag | None:
    """"According to X, <content>"; X may be a list ("the A, B, and C") or "<role>, <Name>"."""
    lo, hi = span
    m = _ACCORDING_HEAD.match(fold(text[lo:hi]))
    if not m:
        return None
    chunks = _comma_chunks(text, (lo + m.end(), hi))
    n = _source_chunks(text, chunks)
    if n >= len(chunks):
        return None
    source = (chunks[0][0], chunks[n - 1][1])
    content = (chunks[n][0], hi)
    if word_count(text[content[0]:content[1]]) < 3:
        return None
    return Tag(AttributionKind.according_to, content, source, "according to")


def _comma_chunks(text: str, span: Span) -> list[Span]:
    lo, hi = span
    chunks, start = [], lo
    for m in re.finditer(",", text[lo:hi]):
        chunks.append(trim(text, (start, lo + m.start())))
        start = lo + m.end()
    chunks.append(trim(text, (start, hi)))
    return chunks


def _source_chunks(text: str, chunks: list[Span]) -> int:
    """How many leading comma chunks name the source of an "According to" sentence."""
    def said(i: int) -> str:
        return text[chunks[i][0]:chunks[i][1]]

    if len(chunks) >= 3 and is_role(said(0)) and is_name(said(1), 2):
        return 2
    for i in range(1, min(5, len(chunks) - 1)):
        if word_count(said(i)) > 5:
            break
        if re.match(r"(?:and|or)\s", said(i)):
            return i + 1
    return 1


def _according_tail(text: str, span: Span) -> Tag | None:
    """"<content>, according to X." at the end of a sentence."""
    lo, hi = span
    matches = list(_ACCORDING_TAIL.finditer(fold(text[lo:hi])))
    m = matches[-1] if matches else None
    if not m or word_count(m.group("src")) > 12:
        return None
    content = trim(text, (lo, lo + m.start()))
    source = (lo + m.start("src"), lo + m.end("src"))
    if word_count(text[content[0]:content[1]]) < 3:
        return None
    return Tag(AttributionKind.according_to, content, source, "according to")


def _according_mid(text: str, span: Span) -> Tag | None:
    """"<A>, according to X, <B>": the content is A and B joined (not one verbatim stretch)."""
    lo, hi = span
    m = _ACCORDING_MID.search(fold(text[lo:hi]))
    if not m or word_count(m.group("src")) > 12:
        return None
    before = text[lo:lo + m.start()].strip()
    after = text[lo + m.end():hi].strip()
    source = (lo + m.start("src"), lo + m.end("src"))
    joined = f"{before} {after}" if word_count(after) > 2 else before
    return Tag(AttributionKind.according_to, (lo, hi), source, "according to",
               content_text=joined)


# --- trailing "..., X said" ---------------------------------------------------------------

def _trailing(text: str, span: Span) -> Tag | None:
    """"<content>, X said on Friday." / "<content>, said X." / "<content>, the agency reported."."""
    toks = tokens(text, span)
    v = _tail_verb(toks)
    if v is None:
        return None
    verb = toks[v].word
    if ends_comma(toks[v - 1]) and verb not in lx.OBJECT_VERBS \
            and _inverted_speaker(toks[v + 1:]):
        content = trim(text, (toks[0].start, toks[v - 1].end))
        speaker = (toks[v + 1].start, tok_end(toks[-1]))
    else:
        cut = _subject_cut(toks, v)
        if cut is None:
            return None
        start, end = cut
        content = trim(text, (toks[0].start, toks[start - 1].end))
        speaker = (toks[start].start, tok_end(toks[end - 1]))
    if word_count(text[content[0]:content[1]]) < 3:
        return None
    return Tag(verb_kind(verb), content, speaker, verb)


def ends_comma(tok: Tok) -> bool:
    return tok.raw.endswith((",", ',"'))


def _tail_verb(toks: list[Tok]) -> int | None:
    """The last speech verb, when only an adverbial (or an inverted speaker) follows it."""
    for v in range(len(toks) - 1, 1, -1):
        word = toks[v].word
        if word not in lx.SPEECH_VERBS | lx.REPORT_VERBS:
            continue
        if ends_comma(toks[v - 1]) and word not in lx.OBJECT_VERBS \
                and _inverted_speaker(toks[v + 1:]):
            return v
        return v if _adverbial_rest(toks[v + 1:], word) else None
    return None


def _inverted_speaker(rest: list[Tok]) -> bool:
    return 0 < len(rest) <= 8 and rest[0].word not in lx.ADVERBIAL_WORDS and speaker_like(rest)


def _subject_cut(toks: list[Tok], v: int) -> tuple[int, int] | None:
    """Token range of the speaker before verb ``v``, widened over a "<role>, <Name>," pair."""
    end = v
    while end > 0 and toks[end - 1].word in lx.AUXILIARIES:
        end -= 1
    commas = [i for i in range(end - 1) if ends_comma(toks[i])]
    if not commas or not speaker_like(toks[commas[-1] + 1:end]):
        return None
    p = commas[-1]
    first = " ".join(t.raw for t in toks[p + 1:end]).strip(" ,")
    if len(commas) > 1 and commas[-2] >= 2:
        q = commas[-2]
        second = " ".join(t.raw for t in toks[q + 1:p + 1]).strip(" ,")
        if (is_role(second) and is_name(first, 2)) or (is_name(second, 2) and is_role(first)):
            return q + 1, end
    return p + 1, end


def _adverbial_rest(rest: list[Tok], verb: str) -> bool:
    """What follows a trailing speech verb must be a time/place/medium adverbial, not content."""
    if not rest:
        return True
    if len(rest) > 12 or any(t.word == "that" for t in rest):
        return False
    first = rest[0].word
    return first in lx.ADVERBIAL_WORDS or (verb in lx.OBJECT_VERBS and (
        first in lx.SPEECH_OBJECTS or rest[0].capital or _listener(rest)))


def _listener(rest: list[Tok]) -> bool:
    """'told employees on Monday': a short object and an adverbial, no content clause."""
    return len(rest) <= 6 and not any(t.word in ("to", "that", "about") for t in rest) \
        and (_people_noun(rest[:1]) or rest[0].word in lx.GROUP_NOUNS)


def drop_aux(toks: list[Tok]) -> list[Tok]:
    while toks and toks[-1].word in lx.AUXILIARIES:
        toks = toks[:-1]
    return toks
