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
from factcheck.language.text import fold

_URL = re.compile(r"https?://|\bwww\.|\.(?:com|org|net|gov|co\.uk)\b", re.I)
_PREPOSITIONS = frozenset("of in on at to for from with by about into over under as than "
                          "after before since during between against without via".split())
_LETTER = re.compile(r"[^\W\d_]")
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


_LY_NOUNS = frozenset("family rally tally ally assembly anomaly monopoly supply reply fly "
                      "july italy belly bully jelly lily folly holly butterfly".split())
_ADVERB_ENDINGS = ("ally", "fully", "ously", "ively", "antly", "ently", "ingly", "edly",
                   "ately", "ctly", "stly", "rely", "sely", "ibly", "ably", "ckly", "ftly")


def is_adverb(word: str) -> bool:
    """'reluctantly', 'Hopefully' (not 'tally', 'family', nor names like 'Kelly')."""
    low = word.lower()
    if len(low) <= 4 or not low.endswith("ly") or low in _LY_NOUNS:
        return False
    return word[:1].islower() or low.endswith(_ADVERB_ENDINGS)


def is_noun_phrase(phrase: str) -> bool:
    """Could this name a person, group or document? Never a number, an adverb, a URL, a
    sentence fragment ("its own website.") or a dangling phrase ("the head of")."""
    text = strip_edges(phrase)
    tokens = words(text)
    if not tokens or len(tokens) > 14 or _URL.search(text) or not _LETTER.search(text):
        return False
    if text.endswith((".", "!", "?")) and not text.endswith((" Jr.", " Sr.", " Inc.", " Co.")) \
            and not re.search(r"\b[A-Z][a-z]{0,3}\.$", text):
        return False
    first, last = tokens[0], tokens[-1]
    if first in _PREPOSITIONS | set(lx.CONJUNCTIONS) or last in _PREPOSITIONS | lx.DETERMINERS:
        return False
    if len(tokens) == 1 and is_adverb(text):  # "Hopefully"
        return False
    return not any(t in lx.FINITE for t in tokens)


def parse_speaker(phrase: str) -> SpeakerPhrase:
    phrase = _no_full_stop(strip_edges(phrase))
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


def _no_full_stop(phrase: str) -> str:
    """'a union representative.' -> without the sentence's full stop ('Inc.', 'U.S.' kept)."""
    last = phrase.rsplit(None, 1)[-1] if phrase else ""
    if last.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.", last):
        return phrase[:-1].rstrip()
    return phrase


def clean_role(role: str) -> str | None:
    """A role as a title: no leading article or possessive ('its chief executive' -> 'chief
    executive'), no sentence full stop."""
    role = _no_full_stop(strip_edges(role))
    role = re.sub(r"^(?:the|a|an|its|his|her|their|our)\s+", "", role, flags=re.I)
    return role or None


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
        return _resolve_role(parsed.role, pos, book, last)
    return _resolve_other(parsed.other or "", pos, book, last)


_GENERIC_PERSON = frozenset("official spokesperson spokesman spokeswoman representative "
                            "source aide".split())
"""Short references to one person that say nothing of which office they hold."""


def _resolve_role(role: str, pos: int, book: PersonBook,
                  last: dict[str, str | None]) -> tuple[str | None, str | None]:
    """"the adviser" -> the person the article gave that role; "the official" -> the person
    last spoken of, keeping their role; "the mayor's office" -> the office as written."""
    person = book.by_role(role, pos)
    if person:
        return person.name, person.role or role
    tail = words(role)
    if tail and tail[-1] in _GENERIC_PERSON and len(tail) <= 2 and last["person"]:
        found = book.find(last["person"], pos)
        if found:
            return found.name, found.role
        if is_name(last["person"], 2):
            return last["person"], None
    if tail and tail[-1] not in lx.TITLES:  # the head is an office or body, not a person
        return role, None
    return None, role


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
