"""Named things in a claim: runs of capitalised words, with a simple kind guess.

person: a name the article introduced as a person, or one after a title or honorific;
place: a country, capital or region from the gazetteer; organization: a run with an
organisation word ("Agency", "Institute", "Inc.") or an acronym; otherwise "other".
Roles ("Security Council Secretary"), nationality adjectives and day/month names are dropped.
"""

from __future__ import annotations

import re

from factcheck.extract import lexicon as lx
from factcheck.extract.names import PersonBook
from factcheck.language.gazetteer import is_demonym, is_place
from factcheck.language.text import fold
from factcheck.models import Entity

_TOKEN = r"(?:[A-Z]\.){2,}|[A-Z][\w&-]*(?:'[A-Za-z]+)?\.?"
_RUN = re.compile(rf"(?<![\w'-])(?:{_TOKEN})(?:\s+(?:(?:of|for|the|de)\s+)*(?:{_TOKEN}))*")
_POSSESSIVE = re.compile(r"'s?$")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")
_KEEP_PERIOD = re.compile(r"(?:[A-Z]\.)+|(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.")


def find_entities(said: str, book: PersonBook, pos: int, proper: frozenset[str]) -> list[Entity]:
    """Entities in order of first appearance, without duplicates; ``pos``: claim offset.

    A capitalised first word counts only when the article capitalises it mid-sentence too
    (``proper``): "Investigators said" names no one.
    """
    found: dict[str, Entity] = {}
    for m in _RUN.finditer(fold(said)):
        run = said[m.start():m.end()]
        if not said[:m.start()].strip(" \"'\u201c") and run.split()[0] not in proper:
            run = " ".join(run.split()[1:])
        for name, titled in _names_in(run):
            entity = _classify(name, titled, book, pos)
            if entity and entity.name.lower() not in found:
                found[entity.name.lower()] = entity
    return list(found.values())


def _names_in(run: str) -> list[tuple[str, bool]]:
    """Cut a capitalised run at possessives and titles; drop stop words at its edges."""
    pieces: list[tuple[str, bool]] = []
    current: list[str] = []
    titled = False
    for token in run.split():
        bare, possessive = _clean(token)
        low = bare.lower()
        if low in lx.TITLES or low in lx.HONORIFICS or low + "." in lx.HONORIFICS:
            if not all(w.lower() in lx.ROLE_MODIFIERS for w in current):
                pieces.append((" ".join(current), titled))
            current, titled = [], True
            continue
        current.append(bare)
        if possessive or (token.endswith(".") and not _KEEP_PERIOD.fullmatch(token)):
            pieces.append((" ".join(current), titled))
            current, titled = [], False
    pieces.append((" ".join(current), titled))
    return [(_trim(p), t) for p, t in pieces if _trim(p)]


def _clean(token: str) -> tuple[str, bool]:
    """The token without a possessive or a sentence-final period; and whether it was possessive."""
    cut = _POSSESSIVE.search(fold(token))
    if cut:
        return token[:cut.start()], True
    if token.endswith(".") and not _KEEP_PERIOD.fullmatch(token):
        return token[:-1], False
    return token, False


def _trim(name: str) -> str:
    tokens = name.split()
    while tokens and (tokens[0].lower() in lx.CAPITAL_STOPWORDS or tokens[0].lower() in
                      ("of", "for", "the", "de")):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in ("of", "for", "the", "de"):
        tokens = tokens[:-1]
    return " ".join(tokens)


def _classify(name: str, titled: bool, book: PersonBook, pos: int) -> Entity | None:
    if is_demonym(name) or name.lower() in lx.CAPITAL_STOPWORDS:
        return None
    words = {w.lower() for w in re.findall(r"[\w.&-]+", name)}
    person = book.find(name, pos) if len(name.split()) <= 4 and not is_place(name) else None
    if person:
        return Entity(name=person.name, kind="person")
    if is_place(name) or words & lx.PLACE_WORDS:
        return Entity(name=name, kind="place")
    if words & lx.ORG_WORDS or _ACRONYM.fullmatch(name):
        return Entity(name=name, kind="organization")
    if words & lx.TITLES:
        return None
    return Entity(name=name, kind="person" if titled else "other")
