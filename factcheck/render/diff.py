"""Word-level difference of a claim and the evidence it conflicts with, for highlighting.

Every word one text has and the other lacks is marked ``diff``; words inside the wordings
verification or aggregation recorded as the point of conflict (a figure that disagrees, an
owner of a place) are marked ``key``, so a reader sees '20,000' against '13,000' at once.
The pieces put back together are the text exactly, whitespace included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+|\s+")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str = "same"
    """same, diff (in this text only) or key (in this text only, and the point of conflict)."""


def word_diff(a: str, b: str, key_a: Iterable[str] = (),
              key_b: Iterable[str] = ()) -> tuple[list[Piece], list[Piece]]:
    """Pieces of ``a`` and of ``b``, each word marked by whether the other text has it there."""
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    words_a = [i for i, t in enumerate(tokens_a) if not t.isspace()]
    words_b = [i for i, t in enumerate(tokens_b) if not t.isspace()]
    matcher = SequenceMatcher(None, [_norm(tokens_a[i]) for i in words_a],
                              [_norm(tokens_b[i]) for i in words_b], autojunk=False)
    same_a: set[int] = set()
    same_b: set[int] = set()
    for block in matcher.get_matching_blocks():
        same_a.update(words_a[block.a + k] for k in range(block.size))
        same_b.update(words_b[block.b + k] for k in range(block.size))
    key_a, key_b = list(key_a), list(key_b)
    return (_pieces(tokens_a, same_a, _ranges(a, key_a), _words(key_b)),
            _pieces(tokens_b, same_b, _ranges(b, key_b), _words(key_a)))


def changed(pieces: Sequence[Piece]) -> list[str]:
    """The marked words, for tests and plain-text formats."""
    return [p.text for p in pieces if p.kind != "same"]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _norm(token: str) -> str:
    return _EDGE.sub("", token.replace("\u2019", "'")).lower() or token


def _words(phrases: Iterable[str]) -> set[str]:
    return {_norm(t) for p in phrases for t in _tokens(p) if not t.isspace()}


def _ranges(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    found = []
    for phrase in {p for p in phrases if p}:
        start = text.find(phrase)
        while start >= 0:
            found.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return found


def _pieces(tokens: list[str], same: set[int], keys: list[tuple[int, int]],
            shared: set[str]) -> list[Piece]:
    """Merge runs of one kind, so a marked phrase is one element. A word of the other side's
    key wording ('containers' in both figures) is a difference but not the key one."""
    pieces: list[Piece] = []
    at = 0
    for i, token in enumerate(tokens):
        if token.isspace() or i in same:
            kind = "same"
        else:
            kind = "diff" if _norm(token) in shared else _kind(at, at + len(token), keys)
        if token.isspace() and pieces and _between_marks(tokens, i, same):
            kind = pieces[-1].kind
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(pieces[-1].text + token, kind)
        else:
            pieces.append(Piece(token, kind))
        at += len(token)
    return pieces


def _kind(start: int, end: int, keys: list[tuple[int, int]]) -> str:
    return "key" if any(s < end and start < e for s, e in keys) else "diff"


def _between_marks(tokens: list[str], i: int, same: set[int]) -> bool:
    """A space between two marked words belongs to the marked run."""
    return (i > 0 and i + 1 < len(tokens) and (i - 1) not in same and (i + 1) not in same
            and not tokens[i - 1].isspace() and not tokens[i + 1].isspace())

