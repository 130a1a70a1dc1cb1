"""From a speaker phrase as written to ``Attribution.speaker`` and ``Attribution.role``.

"Chile's finance minister, <Name>," -> speaker <Name>, role the minister phrase;
"Fire Chief <Name>" -> role "Fire Chief"; "<Name> from the <Institute>" -> role the institute;
"Mr. <Surname>" / "the adviser" / "he" -> the full name the article gave earlier (or later);
groups ("Chilean officials", "state media", "experts") stay as written with no role; an
unnamed individual no later sentence names keeps speaker None and the description as role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract import lexicon as lx
from factcheck.extract.names import (
    PersonBook,
    is_name,
    is_role,
    role_before,
    strip_edges,
    trailing_name,
    words,
)
from factcheck.text import fold

_LEADS = re.compile(r"^(?:particularly|especially|notably|including|such as)\b", re.I)
_AFFILIATION = re.compile(
    r"^(?:(?P<noun>\w+)\s+(?:like|such as|including)\s+)?(?P<name>.+?)\s+(?:from|of|at)\s+"
    r"(?:the\s+)?(?P<org>[A-Z].*)$")


@dataclass(frozen=True)
class SpeakerPhrase:
    """A speaker phrase taken apart: a name, a role, or a group / organisation as written."""

    name: str | None = None
    role: str | None = None
    other: str | None = None
    """A group or organisation, kept as written ("state media", "the company")."""


def parse_speaker(phrase: str) -> SpeakerPhrase:
    phrase = strip_edges(phrase)
    chunks = [strip_edges(c) for c in phrase.split(",") if strip_edges(c)]
    if len(chunks) >= 2 and _LEADS.match(chunks[1]):
        return _single(chunks[0])
    if len(chunks) >= 2:
        a, b = chunks[-2], chunks[-1]
        if is_name(b) and is_role(a):
            return SpeakerPhrase(b, _strip_article(a))
        if is_role(b) and (is_name(a) or trailing_name(a)):
            return SpeakerPhrase(a if is_name(a) else trailing_name(a), _strip_article(b))
        if _is_list(chunks):
            return SpeakerPhrase(other=phrase)
        return _single(chunks[-1])
    return _single(phrase)


def _is_list(chunks: list[str]) -> bool:
    return bool(re.match(r"(?:and|or)\s", chunks[-1]))


def _strip_article(role: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)


def _single(phrase: str) -> SpeakerPhrase:
    m = _AFFILIATION.match(fold(phrase))
    if m and (is_name(phrase[m.start("name"):m.end("name")], 2)):
        name = phrase[m.start("name"):m.end("name")]
        org = phrase[m.start("org"):m.end("org")]
        noun = (m.group("noun") or "").lower().removesuffix("s")
        role = f"{org} {noun}" if noun in lx.TITLES or noun + "s" in lx.GROUP_NOUNS else org
        return SpeakerPhrase(name, role)
    if is_name(phrase):
        return SpeakerPhrase(phrase)
    titled = _titled_name(phrase)
    if titled:
        return titled
    if _is_group(phrase) or not is_role(phrase):
        return SpeakerPhrase(other=phrase)
    return SpeakerPhrase(role=_strip_article(phrase))


def _titled_name(phrase: str) -> SpeakerPhrase | None:
    """"Fire Chief Maria Ramos" / "Mr. Ortiz" / "Chief Ramos": a title, then a name."""
    tokens = phrase.split()
    for i in range(len(tokens) - 1, -1, -1):
        low = strip_edges(fold(tokens[i])).lower()
        if low in lx.TITLES or low in lx.HONORIFICS:
            rest = " ".join(tokens[i + 1:])
            if not rest or not is_name(rest):
                return None
            if len(tokens[i + 1:]) == 1:
                return SpeakerPhrase(phrase)
            return SpeakerPhrase(rest, role_before(tokens, i) if low in lx.TITLES else None)
    return None


def _is_group(phrase: str) -> bool:
    tail = words(phrase)[-1:] or [""]
    return tail[0] in lx.GROUP_NOUNS or " and " in phrase


def resolve(parsed: SpeakerPhrase, pos: int, book: PersonBook,
            last: dict[str, str | None]) -> tuple[str | None, str | None]:
    """Map a parsed phrase to (speaker, role) using only this article.

    ``last`` holds the context's most recent "person", "org" and "thing".
    """
    if parsed.name:
        person = book.find(parsed.name, pos)
        if person:
            return person.name, parsed.role or person.role
        return parsed.name, parsed.role
    if parsed.role:
        person = book.by_role(parsed.role, pos)
        return (person.name, person.role or parsed.role) if person else (None, parsed.role)
    return _resolve_other(parsed.other or "", pos, book, last)


def _resolve_other(phrase: str, pos: int, book: PersonBook,
                   last: dict[str, str | None]) -> tuple[str | None, str | None]:
    low = phrase.lower()
    if low in ("he", "she"):
        person = book.find(last["person"] or "", pos) if last["person"] else None
        return (person.name, person.role) if person else (None, None)
    if low in ("it", "they", "we", "i"):
        return last["org"] if low == "it" else None, None
    described = words(phrase)
    if described and described[0] == "the" and described[-1] in lx.ORG_DESCRIPTIONS \
            and len(described) == 2 and last["org"]:
        return last["org"], None
    return phrase, None
