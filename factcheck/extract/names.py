"""People named in one article: who they are, what role the article gives them, and how a
later short mention ("Mr. Ortiz", "Chief Ramos", "the adviser") maps back to them.

Resolution never crosses articles and never merges two different full names, even when they
share a surname: a short mention picks one of them (by title, then by nearest mention).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from factcheck.extract import lexicon as lx
from factcheck.language.gazetteer import is_demonym, is_place
from factcheck.language.text import fold, sentences

_NAME_TOKEN = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-zA-Z]*[a-z][a-zA-Z']*(?:-[A-Za-z][a-z]+)*\.?")
_POSSESSIVE = re.compile(r"'s?$")
_WORD = re.compile(r"[\w'-]+")


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` with typographic quotes folded."""
    return [w.lower() for w in _WORD.findall(fold(text))]


def is_name(phrase: str, min_tokens: int = 1) -> bool:
    """A proper name of a person: 1-4 capitalised tokens, none a title, org word or place."""
    tokens = fold(phrase).split()
    if not min_tokens <= len(tokens) <= 4 or is_place(" ".join(tokens)) or is_demonym(phrase):
        return False
    for token in tokens:
        low = token.lower()
        if not _NAME_TOKEN.fullmatch(token) or _POSSESSIVE.search(token):
            return False
        if low in lx.TITLES or low in lx.ORG_WORDS or low in lx.CAPITAL_STOPWORDS \
                or low in lx.NAME_BLOCKERS:
            return False
        if low.rstrip(".") in lx.HONORIFICS or low in lx.HONORIFICS:
            return False
    return not (len(tokens) == 1 and tokens[0].isupper())


def is_role(phrase: str) -> bool:
    """A short phrase built on a title word: "Chile's finance minister"."""
    tokens = [_POSSESSIVE.sub("", w) for w in words(phrase)]
    return 0 < len(tokens) <= 10 and any(t in lx.TITLES for t in tokens)


def strip_edges(text: str) -> str:
    """Drop quote marks, commas and spaces around a phrase."""
    return text.strip(" \t\n,;:\"'\u201c\u201d\u2018\u2019")


@dataclass
class Person:
    name: str
    role: str | None = None
    mentions: list[int] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return [t.lower().rstrip(".") for t in fold(self.name).split()]

    def role_words(self) -> set[str]:
        return {_POSSESSIVE.sub("", w) for w in words(self.role or "")}


@dataclass
class PersonBook:
    """Every full person name an article introduces, with the role it gives them."""

    people: dict[str, Person] = field(default_factory=dict)

    def add(self, name: str, role: str | None, haystack: str) -> None:
        """Add a person; ``haystack`` is the article folded to lower case, to find mentions."""
        name = strip_edges(name)
        key = fold(name).lower()
        if key in self.people:
            person = self.people[key]
            person.role = person.role or role
            return
        mentions = [m.start() for m in re.finditer(re.escape(key), haystack)]
        self.people[key] = Person(name, role, mentions)

    def find(self, mention: str, pos: int) -> Person | None:
        """The person a name mention refers to: exact full name, else a shared name token."""
        core = [t for t in fold(mention).split() if not _is_title_token(t)]
        if not core:
            return None
        if len(core) > 1:
            return self.people.get(" ".join(core).lower())
        token = core[0].lower().rstrip(".")
        candidates = [p for p in self.people.values() if token in p.tokens]
        titles = {w for w in words(mention) if w in lx.TITLES}
        titled = [p for p in candidates if titles & p.role_words()]
        return _nearest(titled or candidates, pos)

    def by_role(self, description: str, pos: int) -> Person | None:
        """The person whose role covers every word of an unnamed description ("the adviser")."""
        want = {_POSSESSIVE.sub("", w) for w in words(description)} - lx.DETERMINERS
        head = words(description)[-1:] if description else []
        if not want or not head or head[0] not in lx.TITLES:
            return None
        return _nearest([p for p in self.people.values() if want <= p.role_words()], pos)

    def is_person(self, name: str) -> bool:
        return fold(name).lower() in self.people


def _is_title_token(token: str) -> bool:
    low = token.lower()
    return low in lx.HONORIFICS or low.rstrip(".") in lx.HONORIFICS or low in lx.TITLES


def _nearest(people: list[Person], pos: int) -> Person | None:
    """The candidate mentioned last before ``pos``; else the first one mentioned after it."""
    if not people:
        return None
    before = [(max(m for m in p.mentions if m < pos), i) for i, p in enumerate(people)
              if any(m < pos for m in p.mentions)]
    if before:
        return people[max(before)[1]]
    after = [(min(p.mentions, default=1 << 60), i) for i, p in enumerate(people)]
    return people[min(after)[1]]


def proper_words(text: str) -> frozenset[str]:
    """Words the article capitalises mid-sentence: proper nouns, not sentence openers."""
    found: set[str] = set()
    for start, end in sentences(text):
        for token in fold(text[start:end]).split()[1:]:
            core = _POSSESSIVE.sub("", token.strip(",.;:!?\"()[]"))
            if core[:1].isupper():
                found.add(core)
    return frozenset(found)


def build_book(text: str) -> PersonBook:
    """Collect people from appositives, titles before names and "<Name> from the <Org>"."""
    book = PersonBook()
    haystack = fold(text).lower()
    for start, end in sentences(text):
        sentence = text[start:end]
        for name, role in _appositives(sentence) + _titled(sentence) + _affiliated(sentence):
            book.add(name, role, haystack)
    return book


def _chunks(sentence: str) -> list[str]:
    return [strip_edges(c) for c in sentence.split(",")]


def _appositives(sentence: str) -> list[tuple[str, str | None]]:
    """"<role>, <Name>," and "<Name>, <the role>,": the two comma-delimited orders."""
    found: list[tuple[str, str | None]] = []
    chunks = _chunks(sentence)
    for a, b in itertools.pairwise(chunks):
        if is_name(b, 2) and is_role(a) and len(a.split()) <= 8:
            found.append((b, _clean_role(a)))
            continue
        run = trailing_name(a)
        if run and is_role(b) and len(b.split()) <= 8 and _starts_description(b):
            found.append((run, _clean_role(b)))
    return found


def _clean_role(role: str) -> str:
    """Drop a leading "according to" or preposition so the role reads on its own."""
    role = re.sub(r"^(?:according to|by|from|said|says)\s+", "", strip_edges(role), flags=re.I)
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)


def _starts_description(phrase: str) -> bool:
    first = fold(phrase).split()[0]
    return first.lower() in ("the", "a", "an") or first.endswith("'s")


def trailing_name(chunk: str) -> str | None:
    """The capitalised run that ends ``chunk`` when it is a 2-4 token person name."""
    tokens = chunk.split()
    for size in (4, 3, 2):
        if len(tokens) >= size and is_name(" ".join(tokens[-size:]), 2):
            return " ".join(tokens[-size:])
    return None


def _titled(sentence: str) -> list[tuple[str, str | None]]:
    """"Fire Chief Maria Ramos", "French President <Name>": the role precedes the name."""
    tokens = sentence.split()
    found: list[tuple[str, str | None]] = []
    for i, token in enumerate(tokens):
        if strip_edges(token).lower() not in lx.TITLES or token.endswith((",", ".")):
            continue
        name = _name_after(tokens, i + 1)
        if name:
            found.append((name, role_before(tokens, i)))
    return found


def _name_after(tokens: list[str], i: int) -> str | None:
    """The 2-4 token name right after a title, without a trailing possessive."""
    for size in (4, 3, 2):
        run = tokens[i:i + size]
        if len(run) < size or any(t[-1] in ",.;:" and len(t) > 2 for t in run[:-1]):
            continue
        last = strip_edges(run[-1]).rstrip(".;:!?")
        cut = _POSSESSIVE.search(fold(last))
        candidate = " ".join([*run[:-1], last[:cut.start()] if cut else last])
        if is_name(candidate, 2):
            return candidate
    return None


def role_before(tokens: list[str], title: int) -> str:
    """The title plus the modifiers before it ("deputy foreign minister", "Brazil's top")."""
    start = title
    while start > 0 and title - start < 4:
        prev = tokens[start - 1]
        if prev.endswith((",", ".", ";", ":")):
            break
        low = strip_edges(fold(prev)).lower()
        capital = prev[:1].isupper() and low not in lx.CAPITAL_STOPWORDS
        if not (capital or low in lx.ROLE_MODIFIERS or low in lx.TITLES):
            break
        start -= 1
    return strip_edges(" ".join(tokens[start:title + 1]))


_AFFILIATED = re.compile(
    r"(?:(?P<noun>[A-Za-z]+)\s+(?:like|such as|including)\s+)?"
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,3}[A-Z][\w'-]+)\s+(?:from|of|at)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|for|of|and|on|the))*)"
)


def _affiliated(sentence: str) -> list[tuple[str, str | None]]:
    """"Analysts like <Name> from the <Institute>" -> role "<Institute> analyst"."""
    found: list[tuple[str, str | None]] = []
    for m in _AFFILIATED.finditer(fold(sentence)):
        name = sentence[m.start("name"):m.end("name")]
        org = re.sub(r"(?:\s+(?:for|of|and|on|the))+$", "", sentence[m.start("org"):m.end("org")])
        if not is_name(name, 2) or not set(words(org)) & lx.ORG_WORDS:
            continue
        noun = (m.group("noun") or "").lower()
        found.append((name, f"{org} {noun.removesuffix('s')}" if noun in lx.GROUP_NOUNS
                      or noun.removesuffix("s") in lx.TITLES else org))
    return found
