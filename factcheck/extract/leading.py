"""Leading attribution: "<speaker> said (that) <content>" after an optional adverbial.

The content of a that-clause (or of a "said" with "that" left out) becomes the claim text;
when the verb takes a plain object ("X noted the rise in prices") the claim keeps its whole
wording, and so does a verb that flips the content ("X denied that ...").
"""

from __future__ import annotations

from factcheck.extract import lexicon as lx
from factcheck.extract.attribution import (
    Tag,
    drop_aux,
    ends_comma,
    is_bare_hearsay,
    speaker_like,
    tok_end,
    verb_kind,
)
from factcheck.extract.tokens import Tok, dateline_end, tokens, trim, word_count
from factcheck.language.text import fold
from factcheck.models import AttributionKind, Span

_COPULAS = frozenset({"is", "are", "was", "were", "remain", "remains"})
_NOUN_AFTER = frozenset({"from", "of", "by", "on", "in", "about", "and"})
_TIME_OPENERS = lx.ADVERBIAL_WORDS - {"about", "over", "for", "from", "before", "after", "while",
                                      "when", "according", "to", "with"}
_VERBS = lx.SPEECH_VERBS | lx.COGNITION_VERBS | lx.REPORT_VERBS


def leading_tag(text: str, span: Span) -> Tag | None:
    """The first "<speaker> <speech verb>" in the opening words of ``span``, if any."""
    toks = tokens(text, span)
    begin = _after_adverbial(toks)
    for j in range(begin, min(len(toks), begin + 16)):
        size, verb = _verb_at(toks, j)
        if not verb:
            continue
        subject = drop_aux(_without_relative(toks[begin:j]))
        if subject and speaker_like(subject) and _source_for(subject, verb) \
                and _short_chunks(subject):
            return _build(text, span, subject, toks[j + size - 1], toks[j + size:], verb)
        if subject:
            return None
    return None


def _after_adverbial(toks: list[Tok]) -> int:
    """Index just past a dateline or an opening adverbial ("In recent weeks,"), else 0."""
    dateline = dateline_end(toks)
    if dateline:
        return dateline
    if not toks or toks[0].word not in lx.ADVERBIAL_STARTERS:
        return 0
    for i, tok in enumerate(toks[:25]):
        if ends_comma(tok):
            return i + 1
    return 0


def _short_chunks(subject: list[Tok]) -> bool:
    """An appositive subject has short comma chunks; a long one is a clause ("X rose, traders")."""
    if not any(ends_comma(tok) for tok in subject):
        return True
    size = 0
    for tok in subject:
        size += 1
        if size > 8:
            return False
        if ends_comma(tok):
            size = 0
    return True


def _without_relative(toks: list[Tok]) -> list[Tok]:
    """Drop a ", who oversees mail ballots," clause from inside a subject."""
    for i, tok in enumerate(toks[:-1]):
        if ends_comma(tok) and toks[i + 1].word in ("who", "which"):
            close = next((k for k in range(i + 1, len(toks)) if ends_comma(toks[k])), None)
            if close is not None:
                return [*toks[:i], _unpunctuated(tok), *toks[close + 1:]]
    return toks


def _unpunctuated(tok: Tok) -> Tok:
    raw = tok.raw.rstrip(",")
    return Tok(raw, tok.start, tok.start + len(raw))


def _source_for(subject: list[Tok], verb: str) -> bool:
    """"Data show", "reports indicate": only a document or body can show or indicate."""
    if verb not in lx.REPORT_VERBS or verb.startswith("report"):
        return True
    head = next((t for t in subject if t.word in _NOUN_AFTER), None)
    head_at = subject.index(head) - 1 if head else len(subject) - 1
    return head_at >= 0 and (subject[head_at].word in lx.SOURCE_NOUNS or
                             subject[head_at].word in lx.GROUP_NOUNS - {"military"})


def _verb_at(toks: list[Tok], j: int) -> tuple[int, str | None]:
    word = toks[j].word
    nxt = toks[j + 1].word if j + 1 < len(toks) else ""
    if toks[j].raw[:1].isupper():
        return 0, None
    if word in lx.REPORT_VERBS and word.startswith("report") and nxt in _NOUN_AFTER:
        return 0, None
    if word in _VERBS:
        return 1, word
    if word in _COPULAS and nxt in lx.STANCE_ADJECTIVES:
        return 2, f"{word} {nxt}"
    return 0, None


def _build(text: str, span: Span, subject: list[Tok], verb_tok: Tok, rest: list[Tok],
           verb: str) -> Tag | None:
    hearsay = is_bare_hearsay(subject)
    kind = AttributionKind.unattributed if hearsay else verb_kind(verb)
    speaker = None if hearsay else (subject[0].start, tok_end(subject[-1]))
    whole = trim(text, span, " \t\n")
    if verb_tok.raw.endswith((":", ",")) and rest and rest[0].raw.startswith('"'):
        inner = _quoted(text, rest[0].start, span[1])
        return Tag(AttributionKind.direct_quote, inner, speaker, verb)
    content = None if verb in lx.NEGATING_VERBS else _content(rest, verb, span[1])
    if content is None or word_count(text[content[0]:content[1]]) < 3:
        if verb not in lx.PROPOSITION_VERBS:
            return None
        return Tag(kind, whole, speaker, verb, keep_full=True)
    return Tag(kind, trim(text, content, " \t\n"), speaker, verb)


def _quoted(text: str, open_at: int, end: int) -> Span:
    close = fold(text[open_at + 1:end]).rfind('"')
    return trim(text, (open_at + 1, open_at + 1 + close if close >= 0 else end), " \t\n,")


def _content(rest: list[Tok], verb: str, end: int) -> Span | None:
    """Where the reported content starts: after "that", or straight after a "said"."""
    for m, tok in enumerate(rest[:13]):
        if tok.raw.lower() == "that":
            ok = m + 1 < len(rest) and _between_ok(rest[:m], verb)
            return (rest[m + 1].start, end) if ok else None
    if verb not in lx.THAT_OPTIONAL or not rest:
        return None
    i = _skip_object(rest, verb)
    if i >= len(rest) or rest[i].word in _TIME_OPENERS:
        return None
    return (rest[i].start, end)


def _between_ok(between: list[Tok], verb: str) -> bool:
    """Only an adverbial ("on Friday", "in an interview") or a hearer may sit before "that"."""
    if not between:
        return True
    return between[0].word in lx.ADVERBIAL_WORDS or (verb in lx.OBJECT_VERBS and len(between) <= 5)


def _skip_object(rest: list[Tok], verb: str) -> int:
    if verb not in lx.OBJECT_VERBS or not rest:
        return 0
    first = rest[0].word
    if first in lx.DETERMINERS and len(rest) > 1:
        return 2
    return 1 if first in lx.SPEECH_OBJECTS or rest[0].capital else 0
