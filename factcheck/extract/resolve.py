"""Making a claim stand alone: leading pronouns and descriptions, and short person names.

Heuristics on the preceding sentences (documented limits): "It"/"Its" take the last
non-person proper-noun subject; "He"/"She"/"His"/"Her" the last person spoken of;
"The country/nation" the last country that was a subject; "The company/firm/..." the last
organisation named; "The <title>" the person whose role has that title. "They" is left alone
(too often ambiguous), and so is expletive "It" ("It is unclear whether ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extract import lexicon as lx
from factcheck.extract.names import PersonBook, is_name, words
from factcheck.extract.tokens import dateline_end, tokens
from factcheck.language.gazetteer import is_country, is_demonym, is_place
from factcheck.language.text import fold

_CONNECTIVE = re.compile(
    r"^(?:(?:" + "|".join(lx.CONJUNCTIONS) + r")\b,?|(?:"
    + "|".join(re.escape(c) for c in lx.CONNECTIVES) + r"),)\s+", re.I)
_EXPLETIVE = re.compile(
    r"^It\s+(?:is|was|remains|seems|appears|has been|had been)(?:\s+not)?(?:\s+\w+){0,2}?\s+"
    r"(?:that|whether|if|to|how|why|when|unclear)\b")
_ABBREVIATED = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|Jr|Sr)\.)$")
_PRONOUN = re.compile(r"^(It|Its|He|She|His|Her)\b")
_DESCRIPTION = re.compile(r"^The\s+([a-z-]+)\b")
_SUBJECT = re.compile(r"^((?:[A-Z][\w'-]*\.?)(?:\s+(?:of|for|the|de)?\s*[A-Z][\w'-]*\.?)*)")
_CAPITAL_RUN = re.compile(
    r"(?<![\w'-])(?:(?P<hon>Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(?P<run>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)")


@dataclass
class Context:
    """What the article has been talking about so far, for pronouns and descriptions."""

    book: PersonBook
    proper: frozenset[str] = frozenset()
    haystack: str = ""
    """The article folded to lower case: a speaker must occur in it."""
    last: dict[str, str | None] = field(
        default_factory=lambda: {"person": None, "thing": None, "org": None, "country": None})

    def rewrite(self, said: str, pos: int, speaker: str | None = None) -> str:
        """The claim text: connectives dropped, the leading reference and short names resolved.

        ``speaker``: who said it; in "X said it was cooperating" a leading "it" (or "he"/"she"
        for a person) is the speaker.
        """
        said = _drop_dateline(said.strip())
        said = _CONNECTIVE.sub("", said).strip()
        said = self._self_reference(said, speaker) or self._lead(said, pos)
        said = self._names(said, pos)
        return _finish(said)

    def _lead(self, said: str, pos: int) -> str:
        m = _PRONOUN.match(said)
        if m and not _EXPLETIVE.match(said):
            target = self._pronoun(m.group(1), pos)
            if target:
                possessive = m.group(1) in ("Its", "His", "Her")
                return (f"{target}'s" if possessive else target) + said[m.end():]
        m = _DESCRIPTION.match(said)
        if m:
            target = self._description(m.group(1), pos)
            if target:
                return target + said[m.end():]
        return said

    def _self_reference(self, said: str, speaker: str | None) -> str | None:
        m = re.match(r"(it|he|she)\s", said, re.I)
        if not m or not speaker or _EXPLETIVE.match(said[0].upper() + said[1:]):
            return None
        person = self.book.is_person(speaker)
        if (m.group(1).lower() == "it") == person or words(speaker)[-1:] == ["officials"]:
            return None
        return speaker + said[m.end() - 1:]

    def _pronoun(self, pronoun: str, pos: int) -> str | None:
        if pronoun in ("It", "Its"):
            return self.last["thing"]
        person = self.book.find(self.last["person"], pos) if self.last["person"] else None
        return person.name if person else self.last["person"]

    def _description(self, noun: str, pos: int) -> str | None:
        if noun in lx.COUNTRY_DESCRIPTIONS:
            return self.last["country"]
        if noun in lx.ORG_DESCRIPTIONS:
            return self.last["org"]
        if noun in lx.TITLES:
            person = self.book.by_role(noun, pos)
            return person.name if person else None
        return None

    def _names(self, said: str, pos: int) -> str:
        """Replace "Mr. Ortiz" / a bare surname with the full name the article gave."""
        def full(m: re.Match[str]) -> str:
            run = m.group("run")
            if len(run.split()) != 1 or run.lower() in lx.CAPITAL_STOPWORDS:
                return m.group()
            person = self.book.find(run, pos)
            if not person or len(person.name.split()) < 2 or fold(person.name) == fold(run):
                return m.group()
            return person.name
        return _CAPITAL_RUN.sub(full, said)

    def observe(self, said: str, speaker: str | None, orgs: list[str]) -> None:
        """Remember the subject of a resolved claim text and who was speaking."""
        if speaker and self.book.is_person(speaker):
            self.last["person"] = speaker
        if orgs:
            self.last["org"] = orgs[-1]
        subject = subject_of(said, self.proper)
        if not subject:
            return
        person = self.book.find(subject, 1 << 60)
        if person or is_name(subject, 2):
            self.last["person"] = person.name if person else subject
            return
        self.last["thing"] = subject
        if is_country(subject):
            self.last["country"] = subject


def subject_of(said: str, proper: frozenset[str]) -> str | None:
    """The proper-noun subject that opens a clause (after an opening adverbial), if any.

    A capitalised first word counts only if the article also capitalises it mid-sentence
    (``proper``), so "Net income rose" gives no subject but "Brightwave rose" does.
    """
    said = _CONNECTIVE.sub("", said)
    first = words(said)[:1]
    if first and first[0] in lx.ADVERBIAL_STARTERS and "," in said[:160]:
        said = said[said.index(",") + 1:].lstrip()
    m = _SUBJECT.match(fold(said))
    if not m:
        return None
    subject = _untitled(said[:m.end()])
    if subject.endswith(".") and not _ABBREVIATED.search(subject):
        subject = subject[:-1]
    following = fold(said[m.end():m.end() + 2])
    first_word = subject.split()[0]
    if following.startswith("'") or subject.lower() in lx.CAPITAL_STOPWORDS:
        return None
    known = is_place(subject) or is_name(subject, 2) or set(words(subject)) & lx.ORG_WORDS
    if first_word not in proper and not known:
        return None
    if is_demonym(subject) or not (is_place(subject) or subject[:1].isupper()):
        return None
    return subject


def _untitled(run: str) -> str:
    """"Governor Paul Hendricks" -> "Paul Hendricks": the name after leading titles."""
    tokens = run.split()
    i = 0
    while i < len(tokens) - 1 and (tokens[i].lower() in lx.TITLES | lx.HONORIFICS
                                   or tokens[i].lower() in lx.ROLE_MODIFIERS):
        i += 1
    rest = " ".join(tokens[i:])
    return rest if i and is_name(rest, 2) else run


def _drop_dateline(said: str) -> str:
    toks = tokens(said, (0, len(said)))
    cut = dateline_end(toks)
    return said[toks[cut].start:] if 0 < cut < len(toks) else said


def _finish(said: str) -> str:
    said = said.strip().rstrip(",;:").strip()
    if not said:
        return said
    said = said[0].upper() + said[1:]
    if not said.rstrip("\"')\u201d\u2019").endswith((".", "!", "?")):
        said += "."
    return said
