"""Does a passage say the opposite of a claim? Negation cues and general antonym pairs.

Only trusted when the passage already covers most of the claim: a stray "not" elsewhere in
a long sentence must not turn agreement into contradiction. Only what a text asserts
counts: words in quotation marks (someone else's, often a denial), questions and
conditionals ("if it does not rain, ...") are not the author's statement either way.
"No evidence" and "has not found any evidence" are both negated.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.language.retrieval import STOP_WORDS, analyse
from factcheck.language.text import fold

_NEGATION = re.compile(
    r"\b(?:not|never|no longer|cannot|can't|won't|didn't|doesn't|don't|isn't|aren't|wasn't"
    r"|weren't|hasn't|haven't|hadn't|neither|nor|failed to|fail to|fails to|unable to"
    r"|refused to|refuses to|declined to|false|untrue|none|nobody|nothing|no one"
    r"|no(?!\.\s?\d))\b",
    re.IGNORECASE,
)
# Someone's words in quotation marks; a question; a conditional or an embedded question
# (neither "if X, Y" nor "whether X" asserts X or Y).
_QUOTED = re.compile(r'"[^"]*"')
_CLAUSE = re.compile(r"[^.?!]+[.?!]*")
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)

# General opposites; each side is matched after stemming.
_ANTONYM_WORDS = [
    ("confirmed", "denied"), ("accepted", "rejected"), ("approved", "rejected"),
    ("won", "lost"), ("rose", "fell"), ("increased", "decreased"), ("succeeded", "failed"),
    ("guilty", "innocent"), ("alive", "dead"), ("opened", "closed"), ("arrived", "departed"),
    ("acquitted", "convicted"), ("gained", "lost"), ("passed", "failed"), ("rise", "decline"),
    ("higher", "lower"), ("up", "down"), ("allowed", "banned"), ("resigned", "reappointed"),
]
_ANTONYMS = [(analyse(a)[0], analyse(b)[0]) for a, b in _ANTONYM_WORDS if analyse(a) and analyse(b)]


@lru_cache(maxsize=65536)
def asserted(text: str) -> str:
    """The folded text with what its author does not assert blanked out (same length):
    quoted words, questions, conditional sentences. Memoised: every claim of a story
    reads the same evidence sentences."""
    folded = _QUOTED.sub(lambda m: " " * len(m.group()), fold(text))
    return _CLAUSE.sub(_blank_unasserted, folded)


def _blank_unasserted(m: re.Match[str]) -> str:
    part = m.group()
    if part.rstrip().endswith("?") or _CONDITION.search(part):
        return " " * len(part)
    return part


@lru_cache(maxsize=65536)
def negated(text: str) -> bool:
    """True when the text itself asserts a negation ("did not", "no evidence", "failed to");
    a reported denial ("the ministry denied ...") is the ministry's statement, not a
    negated one."""
    return bool(_NEGATION.search(asserted(text)))


def opposite_terms(claim_text: str, passage_text: str) -> tuple[str, str] | None:
    """A pair (claim word, passage word) of general opposites, if the two texts use one."""
    mine, theirs = set(analyse(claim_text)), set(analyse(passage_text))
    for a, b in _ANTONYMS:
        for x, y in ((a, b), (b, a)):
            if x in mine and y in theirs and x not in theirs and y not in mine:
                return x, y
    return None


_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth "
                      "another".split())


def _negated_predicate(text: str) -> str | None:
    """The first content term after the negation cue: 'failed to launch' -> 'launch'."""
    said = asserted(text)
    m = _NEGATION.search(said)
    if not m:
        return None
    following = analyse(" ".join(said[m.end():].split()[:3]))
    return following[0] if following else None


def _same_referent(claim_text: str, passage_text: str) -> bool:
    """Different ordinals ('second' vs 'first satellite') mean different things."""
    mine = _ORDINALS & set(fold(claim_text).lower().split())
    theirs = _ORDINALS & set(fold(passage_text).lower().split())
    return not (mine and theirs and not mine & theirs)


_COMPOUND = re.compile(r"\w+(?:-\w+)+")


def _plain_terms(text: str) -> set[str]:
    """Terms the text asserts outside hyphenated compounds: a "satellite-launch program"
    says nothing of whether a launch happened."""
    return set(analyse(_COMPOUND.sub(" ", asserted(text))))


def polarity_clash(claim_text: str, passage_text: str) -> str | None:
    """A readable reason when the passage asserts the opposite of the claim, else None.

    A negation only counts when the negated word itself appears on the other side
    ("failed to launch" vs "launched"), and both sides refer to the same ordinal thing.
    """
    if not _same_referent(claim_text, passage_text):
        return None
    if negated(claim_text) != negated(passage_text):
        negative, positive = ((claim_text, passage_text) if negated(claim_text)
                              else (passage_text, claim_text))
        predicate = _negated_predicate(negative)
        if predicate and predicate in _plain_terms(positive):
            which = "the claim" if negative is claim_text else "the source"
            return f"only {which} is negated ('{_cue(negative)}' ... '{predicate}')"
    pair = opposite_terms(claim_text, passage_text)
    return f"the claim says '{pair[0]}' where the source says '{pair[1]}'" if pair else None


# Where the clause a negation governs ends; words that only occur under a negation
# ("not arrested anyone") are no evidence the positive side must repeat.
_CLAUSE_END = re.compile(r"[,;:.]|\b(?:and|but|while|as|because|after|before|although|though"
                         r"|which|who|if|since|until)\b", re.IGNORECASE)
# A prepositional adjunct after the denied verb and its object ("not arrested anyone OVER
# the fire") says where or why, not what is denied.
_ADJUNCT = re.compile(r"\b(?:over|in|on|at|for|during|amid|near|into|from|with|by)\b",
                      re.IGNORECASE)
_POLARITY_ITEMS = frozenset(analyse("any anyone anybody anything ever yet"))
_CLAUSE_COVER = 0.75


def _negated_clause(text: str) -> tuple[list[str], list[str], bool]:
    """Capitalised words before the cue in its clause, content terms after it, and whether
    its object is a polarity item ('anyone'), which any object on the other side fills."""
    folded = asserted(text)
    m = _NEGATION.search(folded)
    if not m:
        return [], [], False
    head = _CLAUSE_END.split(folded[:m.start()])[-1]
    tail = folded[m.end():]
    end = _CLAUSE_END.search(tail)
    tail = tail[:end.start() if end else len(tail)]
    words = analyse(tail)
    open_object = bool(_POLARITY_ITEMS.intersection(words))
    if open_object:
        tail = _ADJUNCT.split(tail)[0]
    terms = [t for t in analyse(tail) if t not in _POLARITY_ITEMS]
    names = [w for w in re.findall(r"\b[A-Z][\w'-]+", head) if w.lower() not in STOP_WORDS]
    return names, terms[:4], open_object


def clause_clash(claim_text: str, passage_text: str) -> bool:
    """One side denies a short clause the other asserts almost word for word.

    Lets a negation count even when the rest of a long sentence differs ("has not declared
    a period of national mourning" vs "declared three days of national mourning as ..."),
    as long as a named subject of the denial is named on the other side too.
    """
    if negated(claim_text) == negated(passage_text):
        return False
    negative, positive = ((claim_text, passage_text) if negated(claim_text)
                          else (passage_text, claim_text))
    names, terms, open_object = _negated_clause(negative)
    present = set(analyse(asserted(positive)))
    if not terms or terms[0] not in present or len(terms) < 2 - open_object:
        return False
    if any(n not in fold(positive) for n in names):
        return False
    return sum(t in present for t in terms) / len(terms) >= _CLAUSE_COVER


def _cue(text: str) -> str | None:
    m = _NEGATION.search(asserted(text))
    return m.group() if m else None
