"""Whitespace tokens with absolute offsets, so every rule can cut verbatim spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract import lexicon as lx
from factcheck.language.text import fold
from factcheck.models import Span

_EDGE = " \t\n,.;:!?\"'()[]"


@dataclass(frozen=True)
class Tok:
    raw: str
    """The folded token as written (quotes folded to ASCII, punctuation kept)."""
    start: int
    end: int

    @property
    def word(self) -> str:
        """Lower-case, without surrounding punctuation: what word lists are matched against."""
        return self.raw.strip(_EDGE).lower()

    @property
    def capital(self) -> bool:
        core = self.raw.strip(_EDGE)
        return bool(core) and core[0].isupper()


def tokens(text: str, span: Span) -> list[Tok]:
    """Tokens of ``text[span]`` with offsets into ``text``."""
    lo, hi = span
    folded = fold(text[lo:hi])
    return [Tok(m.group(), lo + m.start(), lo + m.end()) for m in re.finditer(r"\S+", folded)]


_OPENING_PAIR = re.compile(r"(?<![\w'])''(?=[\w$(\[])")
_CLOSING_PAIR = re.compile(r"(?<=[\w.,!?;:%)\]-])''(?![\w'])")


def pair_quotes(text: str) -> str:
    """Two apostrophes used as a quotation mark (''like this,'' as some archives print
    them) become one double quote and a space, keeping every offset."""
    text = _OPENING_PAIR.sub(' "', text)
    return _CLOSING_PAIR.sub('" ', text)


def trim(text: str, span: Span, chars: str = " \t\n,;:") -> Span:
    """Shrink ``span`` past surrounding whitespace and the given punctuation."""
    lo, hi = span
    while lo < hi and text[lo] in chars:
        lo += 1
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return (lo, hi)


def in_quotes(text: str, start: int, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened after ``start``."""
    return fold(text[start:pos]).count('"') % 2 == 1


def has_predicate(toks: list[Tok]) -> bool:
    """A rough test that a stretch is a clause: it holds a finite verb or an -ed form."""
    return any(t.word in lx.FINITE or (t.word.endswith("ed") and len(t.word) > 3) for t in toks)


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'-]+", text))


_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


def dateline_end(toks: list[Tok]) -> int:
    """Index past a dateline ("LIMA, Peru (AP) —"): capitalised words, then a dash."""
    for i, tok in enumerate(toks[:10]):
        if tok.raw in _DASHES:
            head = toks[:i]
            shouting = any(t.raw.strip(",()").isupper() and len(t.raw.strip(",()")) > 1
                           for t in head)
            capital = all(t.capital or t.raw.startswith("(") for t in head)
            return i + 1 if head and shouting and capital else 0
    return 0
