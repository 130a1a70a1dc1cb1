"""How firmly a claim is put: asserted < reported < hedged < speculative.

The strongest signal wins: an attributed claim is at least ``reported``, hedging words
("reportedly", "an estimated", "is believed", "may have", "suggests") make it ``hedged``,
and modal speculation ("might", "could", "may serve to", "likely") makes it ``speculative``.
Unattributed hearsay is at least ``hedged``. Word lists are general English.
"""

from __future__ import annotations

import re

from factcheck.language.text import fold
from factcheck.models import AttributionKind, Certainty

_SPECULATIVE = re.compile(
    r"\b(?:might(?! have)|could(?! not| have|n't)|may(?! have)|possibly|perhaps|potentially"
    r"|(?:un)?likely|would likely|conceivably)\b")
_HEDGED = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|(?:an )?estimated|(?:is|are|was|were) "
    r"(?:believed|thought|said|understood|reported) to|it is (?:believed|thought|understood)"
    r"|may have|might have|could have|suggest(?:s|ed)?|appear(?:s|ed)? to|seem(?:s|ed)? to"
    r"|unconfirmed|rumou?red|purported|claimed|claims? that|indicat(?:e|es|ed|ing))\b", re.I)
_RANK = [Certainty.asserted, Certainty.reported, Certainty.hedged, Certainty.speculative]
_ATTRIBUTED = {AttributionKind.direct_quote, AttributionKind.reported_speech,
               AttributionKind.according_to}


def certainty(said: str, kind: AttributionKind, verb: str | None = None) -> Certainty:
    """Grade ``said`` (the claim's own words plus its attribution verb) for ``kind``."""
    folded = fold(f"{said} {verb or ''}")
    level = Certainty.asserted
    if kind in _ATTRIBUTED:
        level = Certainty.reported
    if kind == AttributionKind.unattributed or _HEDGED.search(folded):
        level = _max(level, Certainty.hedged)
    if _SPECULATIVE.search(folded):
        level = Certainty.speculative
    return level


def _max(a: Certainty, b: Certainty) -> Certainty:
    return a if _RANK.index(a) >= _RANK.index(b) else b
