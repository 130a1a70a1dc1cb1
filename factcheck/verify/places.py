"""Spot a claim's place swapped for another place in the same role ("in X" vs "in Y")."""

from __future__ import annotations

import calendar
import re

from factcheck.language.retrieval import STOP_WORDS
from factcheck.language.text import fold
from factcheck.models import Claim

_PREPOSITIONS = "in|at|near|from|to|into|across|outside|inside|off"
_NOT_PLACES = frozenset(
    [m.lower() for m in calendar.month_name if m] + [d.lower() for d in calendar.day_name]
)
_NAME = r"([A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*)"
# "in the northern region of X", "near the town of X": the role survives a short descriptor.
_DESCRIPTOR = r"(?:the\s+)?(?:(?:[a-z]+\s+){1,3}of\s+)?"
# Names the gazetteer does not know are places too when they fill a place's role.
_PLACE_KINDS = ("place", "other")


def _same_role_names(text: str, preposition: str) -> list[str]:
    """Capitalised names right after ``preposition`` in ``text``."""
    pattern = rf"\b{preposition}\s+{_DESCRIPTOR}{_NAME}"
    names = [m.group(1) for m in re.finditer(pattern, text)]
    return [n for n in names if n.split()[0].lower() not in _NOT_PLACES]


def place_mismatch(claim: Claim, passage: str) -> tuple[str, str] | None:
    """(claim's place, passage's place) when the passage puts another place in its role."""
    text = claim.text or claim.quote
    folded_claim, folded_passage = fold(text).lower(), fold(passage).lower()
    for place in (e.name for e in claim.entities if e.kind in _PLACE_KINDS):
        if fold(place).lower() in folded_passage:
            continue
        m = re.search(rf"\b({_PREPOSITIONS})\s+{_DESCRIPTOR}{re.escape(place)}\b", text)
        if not m:
            continue
        for other in _same_role_names(passage, m.group(1)):
            if fold(other).lower() not in folded_claim:
                return place, other
    return None


_SLOT_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def name_swap(claim_text: str, passage: str) -> tuple[str, str] | None:
    """(claim's name, passage's name) when the passage puts another capitalised name in the
    slot the claim's name fills: the same word follows (or precedes) both ("Ukraine's
    Kursk region" vs "Russia's Kursk region")."""
    mine, theirs = _slot_words(claim_text), _slot_words(passage)
    their_words = {w.lower() for w in theirs}
    for i, word in enumerate(mine):
        if not _capitalised(word, i) or word.lower() in their_words:
            continue
        for j, other in enumerate(theirs):
            if _capitalised(other, j) and other.lower() not in claim_text.lower() and (
                    _same_neighbour(mine, i, theirs, j)) and distinct(word, other):
                return _bare(word), _bare(other)
    return None


def distinct(a: str, b: str) -> bool:
    """Two names, not spellings of one ("Korea"/"Korean", "Jong"/"Jong-un")."""
    x, y = fold(_bare(a)).lower(), fold(_bare(b)).lower()
    return not (x.startswith(y[:4]) or y.startswith(x[:4]))


def _slot_words(text: str) -> list[str]:
    return _SLOT_WORD.findall(text)


def _capitalised(word: str, position: int) -> bool:
    return position > 0 and word[0].isupper() and _bare(word).lower() not in _NOT_PLACES


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _same_neighbour(mine: list[str], i: int, theirs: list[str], j: int) -> bool:
    """Both names modify the same word ("X's Kursk region", "X Airport") or follow the same
    name: a slot, not a verb's subject (who said something is attribution, not content)."""
    if i + 1 < len(mine) and j + 1 < len(theirs) and mine[i + 1] == theirs[j + 1]:
        modifier = _possessive(mine[i]) and _possessive(theirs[j]) and _same_head(
            _phrase_after(mine, i), _phrase_after(theirs, j))
        return modifier or mine[i + 1][0].isupper()
    return i > 0 and j > 0 and mine[i - 1] == theirs[j - 1] and mine[i - 1][0].isupper()


def _phrase_after(words: list[str], i: int) -> list[str]:
    """The words a possessive governs: up to three, to the first function word."""
    phrase = []
    for word in words[i + 1:i + 4]:
        if word.lower() in STOP_WORDS:
            break
        phrase.append(word.lower())
    return phrase


def _same_head(mine: list[str], theirs: list[str]) -> bool:
    """One noun phrase ("Kursk region"), not two that start alike ("ongoing military
    agreements" vs "ongoing military campaign")."""
    shorter, longer = sorted((mine, theirs), key=len)
    return longer[:len(shorter)] == shorter


def _possessive(word: str) -> bool:
    return bool(re.search(r"['’]s$", word))
