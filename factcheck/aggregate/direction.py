"""Which side of a lineage pair is the original, from the evidence a journalist uses.

In order: an upstream line naming the other's site ("Read at ..."), a wire dateline credit
("SEOUL (AP) -") on one side only, publication times when both are given, one text being a
shorter paraphrase that holds more of its material in common with the other, how much of
each side the other's checks support, and finally which has less material. The first rule
that decides gives the direction, and its reason is kept in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from factcheck.models import Source

_CREDIT_ZONE = 200
"""A dateline credit must sit this close to the start of the text."""
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CONTAINED = 1.2
"""How many times more of its material one side must share to read as the paraphrase."""
_SUPPORT_GAP = 0.15


@dataclass(frozen=True)
class Side:
    """What the rules need to know of one source of the pair."""

    source: Source
    share: float
    """Weighted share of its distinctive material it holds in common with the other side."""
    support: float | None
    """Share of its claims the other side's text supports (None without checks)."""
    size: float


@dataclass(frozen=True)
class Direction:
    derived: str
    original: str
    reason: str


def host(url: str | None) -> str | None:
    if not url:
        return None
    netloc = urlsplit(url if "//" in url else f"//{url}").netloc.lower()
    return netloc.removeprefix("www.") or None


def names(source: Source, other: Source) -> bool:
    """``source`` says it was taken from ``other``'s site."""
    up = (source.upstream or "").lower().removeprefix("www.")
    return bool(up) and up in {(other.outlet or "").lower().removeprefix("www."),
                               host(other.url)}


def credit(source: Source) -> str | None:
    """'(AP)' when the text opens with a dateline crediting its own outlet."""
    if not source.outlet:
        return None
    mark = f"({source.outlet})"
    return mark if mark in source.text[:_CREDIT_ZONE] else None


def decide(a: Side, b: Side) -> Direction:
    for rule in (_upstream, _credit, _published, _paraphrase, _support):
        found = rule(a, b) or rule(b, a)
        if found:
            return found
    small, big = (a, b) if (a.size, len(a.source.text), a.source.id) <= \
        (b.size, len(b.source.text), b.source.id) else (b, a)
    return Direction(small.source.id, big.source.id,
                     f"{small.source.id} has less distinctive material than {big.source.id}.")


def _upstream(child: Side, parent: Side) -> Direction | None:
    if not names(child.source, parent.source):
        return None
    return Direction(child.source.id, parent.source.id,
                     f"{child.source.id} names {child.source.upstream} as where it was taken "
                     f"from, the site of {parent.source.id}.")


def _credit(child: Side, parent: Side) -> Direction | None:
    mark = credit(parent.source)
    if mark is None or credit(child.source) is not None:
        return None
    return Direction(child.source.id, parent.source.id,
                     f"{parent.source.id} opens with the wire dateline credit '{mark}'; "
                     f"{child.source.id} carries no credit of its own.")


def _published(child: Side, parent: Side) -> Direction | None:
    mine, theirs = child.source.published or "", parent.source.published or ""
    if not (_ISO.match(mine) and _ISO.match(theirs)) or not theirs < mine:
        return None
    return Direction(child.source.id, parent.source.id,
                     f"{parent.source.id} was published first ({theirs}, against {mine}).")


def _paraphrase(child: Side, parent: Side) -> Direction | None:
    shorter = len(child.source.text) < len(parent.source.text)
    if not shorter or child.share < _CONTAINED * parent.share:
        return None
    return Direction(child.source.id, parent.source.id,
                     f"{child.source.id} is the shorter text ({len(child.source.text)} against "
                     f"{len(parent.source.text)} characters) and more of its distinctive "
                     f"material is shared ({child.share:.0%} against {parent.share:.0%}).")


def _support(child: Side, parent: Side) -> Direction | None:
    if child.support is None or parent.support is None:
        return None
    if child.support - parent.support < _SUPPORT_GAP:
        return None
    return Direction(child.source.id, parent.source.id,
                     f"{parent.source.id} supports {child.support:.0%} of {child.source.id}'s "
                     f"claims, which supports only {parent.support:.0%} of its own.")
