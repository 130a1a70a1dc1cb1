"""Sentence-id grounding: the model names sentences by number, code takes the words.

An article is shown as numbered sentences ``[1] ... [n]`` (the project's own splitter). A
model answer cites ids; quotes, spans and evidence are cut from the text by code, so they
are verbatim by construction. A claim the model rewrote is accepted only when what it adds
is in its sentences or their paragraph (numbers, names, most content words) and it does
not open with a pronoun nobody resolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.language.quantities import extract_quantities
from factcheck.language.text import fold, paragraphs, sentences, soft_wrapped
from factcheck.models import Span

PRONOUNS = frozenset("he she it they this that these those his her its their him them "
                     "we our i".split())
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_FUNCTION_WORDS = frozenset(
    "the a an and or but if of in on at to for from by with as is are was were be been has "
    "have had will would can could may might must shall should not no nor that this these "
    "those it its their there then than into over under about after before during while said "
    "says told also more most some any all each other such only very just".split())
MIN_CONTENT_SHARE = 0.5
"""Share of a claim's content words that must occur in its sentences or their paragraph."""


@dataclass(frozen=True)
class Numbered:
    """One article's sentences, numbered from 1 in text order, with their paragraphs."""

    text: str
    spans: tuple[Span, ...]
    paragraph_of: tuple[int, ...]
    paragraphs: tuple[Span, ...]

    @classmethod
    def of(cls, text: str) -> Numbered:
        spans: list[Span] = []
        owner: list[int] = []
        flat = soft_wrapped(text)  # same offsets; a hard-wrapped sentence stays whole
        paras = paragraphs(flat)
        for p, para in enumerate(paras):
            found = sentences(flat, para)
            spans += found
            owner += [p] * len(found)
        return cls(text, tuple(spans), tuple(owner), tuple(paras))

    @property
    def ids(self) -> range:
        return range(1, len(self.spans) + 1)

    def sentence(self, n: int) -> str:
        start, end = self.spans[n - 1]
        return " ".join(self.text[start:end].split())

    def span(self, ids: Iterable[int]) -> Span:
        """From the first cited sentence's start to the last one's end."""
        chosen = sorted(set(ids))
        return self.spans[chosen[0] - 1][0], self.spans[chosen[-1] - 1][1]

    def paragraph_ids(self, p: int) -> list[int]:
        return [n for n in self.ids if self.paragraph_of[n - 1] == p]

    def surroundings(self, ids: Iterable[int]) -> str:
        """The cited sentences' paragraphs and the one before each: where the name a
        pronoun stands for may be."""
        owners = sorted({q for n in ids for q in (self.paragraph_of[n - 1] - 1,
                                                  self.paragraph_of[n - 1]) if q >= 0})
        return "\n".join(self.text[slice(*self.paragraphs[p])] for p in owners)

    def lines(self, ids: Iterable[int]) -> list[dict[str, object]]:
        """``{"id", "text"}`` rows for a prompt (whitespace flattened to single spaces)."""
        return [{"id": n, "text": self.sentence(n)} for n in ids]


def bad_ids(ids: Sequence[int], shown: Sequence[int]) -> str | None:
    """Why these cited ids are unusable, or None. The model sees the sentences ``shown``
    (article ids) numbered from 1, so it cites 1..len(shown)."""
    if not ids:
        return "no sentence id given: cite the [n] of the sentence(s) the claim comes from"
    wrong = [n for n in ids if not 1 <= n <= len(shown)]
    if wrong:
        return f"sentence id(s) {wrong} were not shown (ids shown: 1-{len(shown)})"
    return None


def article_ids(ids: Iterable[int], shown: Sequence[int]) -> list[int]:
    """The article's sentence ids for the numbers the model cited (1 = ``shown[0]``)."""
    return sorted({shown[n - 1] for n in ids if 1 <= n <= len(shown)})


SPEECH_VERBS = frozenset("said says told added stated warned explained noted argued insisted "
                         "claimed denied confirmed announced".split())
_POSSESSIVE = frozenset({"his", "her", "their", "its"})


def revised_opening(claim: str, speaker: str | None, quote: str) -> str:
    """``claim`` with an opening pronoun resolved by code, where that is certain: "He said
    X" with a named speaker becomes "<speaker> said X"; otherwise, when the cited sentences
    themselves open with no pronoun, the claim becomes those sentences (verbatim, so
    grounded). Anything else is returned unchanged, to be rejected."""
    words = claim.split()
    if not words or _bare(words[0]) not in PRONOUNS:
        return claim
    if speaker and len(words) > 1 and _bare(words[1]) in SPEECH_VERBS and \
            _bare(words[0]) not in _POSSESSIVE:
        return " ".join([speaker.strip(), *words[1:]])
    opening = _WORD.findall(quote)
    if opening and opening[0].lower() not in PRONOUNS:
        return quote
    return claim


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’,.:;").lower()


def ungrounded(claim: str, source: str, around: str) -> str | None:
    """Why ``claim`` says more than ``source`` (its sentences) or ``around`` allow, or None."""
    if len(_WORD.findall(claim)) < 3:
        return f"claim {claim!r} is not a statement: write who did or said what"
    first = _WORD.findall(claim)[0].lower()
    if first in PRONOUNS:
        return (f"claim opens with the pronoun {first!r}: name who or what it refers to, as "
                "the article does")
    haystack = fold(f"{source}\n{around}").lower()
    number = _new_number(claim, haystack)
    if number:
        return f"number {number!r} is not in the cited sentences"
    names = [w for w in _names(claim) if w.lower() not in haystack]
    if names:
        return f"name {names[0]!r} is not in the cited sentences or their paragraph"
    content = _content_words(claim)
    missing = [w for w in content if _stem(w) not in haystack]
    if content and len(missing) > len(content) * (1 - MIN_CONTENT_SHARE):
        return ("the claim's words are not those of the cited sentences: restate what the "
                "sentences say")
    return None


def _new_number(claim: str, haystack: str) -> str | None:
    """A figure of the claim (in digits or words) the sentences do not give."""
    known = {q.value for q in extract_quantities(haystack)}
    for q in extract_quantities(claim):
        if q.value not in known:
            return q.text
    for n in _NUMBER.findall(claim):
        if _digits(n) not in _digits(haystack) and _value(n) not in known:
            return n
    return None


def _value(number: str) -> float | None:
    try:
        return float(_digits(number))
    except ValueError:
        return None


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[,](?=\d)", "", text)


def _names(claim: str) -> list[str]:
    """Capitalised words after the first: names the claim uses."""
    words = _WORD.findall(fold(claim))
    return [w for w in words[1:] if w[0].isupper() and w.lower() not in _FUNCTION_WORDS]


def _stem(word: str) -> str:
    """Enough of a word to find its other forms ("destroyed" finds "destroys")."""
    return word[:max(4, len(word) - 3)]


def _content_words(claim: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(fold(claim))
            if len(w) > 3 and w.lower() not in _FUNCTION_WORDS]
