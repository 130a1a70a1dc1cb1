"""Spot a claim's place swapped for another place in the same role ("in X" vs "in Y")."""

from __future__ import annotations

import calendar
import re

from factcheck.models import Claim
from factcheck.text import fold

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
