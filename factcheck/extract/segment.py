"""Sentences into claim-sized pieces: which sentences hold no claim, and where to split.

Skipped as non-claims (conservative: any number or name keeps a sentence in):
questions; labels ending in ":"; fragments under three words; headings (a one-line paragraph
without closing punctuation, short and mostly capitalised); editorial filler (no name, no
number, and a stock phrase such as "warrant close observation" or "remains to be seen").

Split points: "; ", a leading "While/Although A, B", ", while / whereas / although / though /
but ..." and ", and <clause>" when the right side has its own verb, and ", asserting that ..."
(the participle's subject said the second part). Nothing is split inside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract import lexicon as lx
from factcheck.extract.tokens import Tok, has_predicate, in_quotes, tokens, trim, word_count
from factcheck.language.text import fold, paragraphs, sentences
from factcheck.models import Span

_FILLER = re.compile(
    r"\b(?:warrants?|remains? to be seen|time will tell|close(?:ly)? (?:observation|watch|"
    r"watched|monitoring)|stay tuned|it is (?:important|worth) (?:to note|noting)|"
    r"raises? (?:critical |important |serious )?questions)\b", re.I)
_END_PUNCT = ".!?\"')]\u201d\u2019"
_NOT_CLAUSE_START = frozenset({"also", "not", "rather", "only", "in", "on", "at", "for", "with",
                               "to", "from", "by", "as"})


@dataclass(frozen=True)
class Unit:
    """A sentence, or a run of sentences inside one quotation."""

    span: Span
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class Part:
    span: Span
    said_by_subject: bool = False
    """The part follows ", asserting that": the subject of the previous part said it."""


def units(text: str) -> list[Unit]:
    """Sentences in order, with the sentences of a multi-sentence quotation grouped."""
    result: list[Unit] = []
    for para in paragraphs(text):
        spans = sentences(text, para)
        i = 0
        while i < len(spans):
            j = i
            while _open_quote(text, spans[i][0], spans[j][1]) and j + 1 < len(spans) and j - i < 6:
                j += 1
            result.append(Unit((spans[i][0], spans[j][1]), tuple(spans[i:j + 1])))
            i = j + 1
    return result


def _open_quote(text: str, start: int, end: int) -> bool:
    return fold(text[start:end]).count('"') % 2 == 1


def is_non_claim(text: str, span: Span, alone: bool) -> bool:
    """Questions, labels, fragments, headings and filler; ``alone``: the paragraph's only line."""
    said = text[span[0]:span[1]].strip()
    bare = said.rstrip("\"')\u201d\u2019 ")
    if bare.endswith(("?", ":")) or word_count(said) < 3:
        return True
    if alone and not said.endswith(tuple(_END_PUNCT)) and _heading_like(said):
        return True
    return _filler(said)


def _heading_like(said: str) -> bool:
    words = re.findall(r"[\w'-]+", said)
    capital = sum(w[0].isupper() for w in words)
    return len(words) <= 3 or (len(words) <= 12 and capital / len(words) >= 0.6)


def _filler(said: str) -> bool:
    """Stock commentary with nothing checkable: no digit, no capitalised word after the first."""
    words = re.findall(r"[\w'-]+", said)
    named = any(w[0].isupper() and w != "I" for w in words[1:])
    return not named and not re.search(r"\d", said) and bool(_FILLER.search(said))


def split_clauses(text: str, span: Span) -> list[Part]:
    """Split ``span`` into statements that stand on their own (see the module docstring)."""
    span = trim(text, span, " \t\n,;")
    toks = tokens(text, span)
    for splitter in (_concessive, _semicolon, _joint, _participle, _and_clause):
        found = splitter(text, span, toks)
        if found:
            left, right, said = found
            return [*split_clauses(text, left), *_mark(split_clauses(text, right), said)]
    return [Part(span)]


def _mark(parts: list[Part], said: bool) -> list[Part]:
    if not said or not parts:
        return parts
    return [Part(parts[0].span, True), *parts[1:]]


Split = tuple[Span, Span, bool]


def _ok(text: str, left: Span, right: Span, lo: int) -> bool:
    return (word_count(text[left[0]:left[1]]) >= 3 and word_count(text[right[0]:right[1]]) >= 3
            and not in_quotes(text, lo, right[0]))


def _concessive(text: str, span: Span, toks: list[Tok]) -> Split | None:
    """"While A, B" / "Although A, B": A and B are both statements."""
    head = " ".join(t.word for t in toks[:2])
    word = next((c for c in lx.CONCESSIVES if head == c or head.startswith(c + " ")), None)
    if not word:
        return None
    skip = len(word.split())
    for i, tok in enumerate(toks[skip:], skip):
        if ends_with_comma(tok) and has_predicate(toks[skip:i + 1]):
            left = trim(text, (toks[skip].start, tok.end))
            right = (toks[i + 1].start, span[1]) if i + 1 < len(toks) else None
            if right and _ok(text, left, right, span[0]):
                return left, right, False
            return None
    return None


def ends_with_comma(tok: Tok) -> bool:
    return tok.raw.endswith(",") and not tok.raw.endswith('",')


def _semicolon(text: str, span: Span, toks: list[Tok]) -> Split | None:
    for i, tok in enumerate(toks[:-1]):
        if tok.raw.endswith(";"):
            left, right = trim(text, (span[0], tok.end)), (toks[i + 1].start, span[1])
            if _ok(text, left, right, span[0]):
                return left, right, False
    return None


def _joint(text: str, span: Span, toks: list[Tok]) -> Split | None:
    """", while B" / ", but B" and the like, when B reads as a clause of its own."""
    for i, tok in enumerate(toks[:-2]):
        nxt = toks[i + 1].word
        if not ends_with_comma(tok) or nxt not in lx.CLAUSE_JOINTS or toks[i + 1].raw != nxt:
            continue
        after = toks[i + 2:]
        if after[0].word in _NOT_CLAUSE_START or after[0].word.endswith("ing"):
            continue
        if nxt == "but" and not (has_predicate(after[:8]) and has_predicate(toks[:i + 1])):
            continue
        left, right = trim(text, (span[0], tok.end)), (after[0].start, span[1])
        if len(after) >= 4 and i >= 3 and _ok(text, left, right, span[0]):
            return left, right, False
    return None


def _participle(text: str, span: Span, toks: list[Tok]) -> Split | None:
    """", asserting that B": B is what the subject of the sentence said."""
    for i, tok in enumerate(toks[:-3]):
        if ends_with_comma(tok) and toks[i + 1].word in lx.SPEECH_PARTICIPLES \
                and toks[i + 2].raw == "that":
            left, right = trim(text, (span[0], tok.end)), (toks[i + 3].start, span[1])
            if _ok(text, left, right, span[0]):
                return left, right, True
    return None


def _and_clause(text: str, span: Span, toks: list[Tok]) -> Split | None:
    """", and B" only when B opens with a subject and soon has a finite verb."""
    for i, tok in enumerate(toks[:-3]):
        if not ends_with_comma(tok) or toks[i + 1].raw != "and":
            continue
        after = toks[i + 2:]
        starts_subject = after[0].capital or after[0].word in lx.DETERMINERS | \
            lx.PRONOUN_SPEAKERS | lx.GROUP_NOUNS or after[0].raw[:1].isdigit()
        if starts_subject and has_predicate(after[1:6]) and word_count(text[span[0]:tok.end]) >= 4:
            left, right = trim(text, (span[0], tok.end)), (after[0].start, span[1])
            if _ok(text, left, right, span[0]):
                return left, right, False
    return None
