"""Attribution from a communication cue anywhere in a sentence, and clean speaker spans.

The other rules look for a speaker at fixed places (a leading "X said that", a trailing
", X said", "according to X"). This one is the fallback for the rest: any communication
verb, in any tense or voice ("has repeatedly warned", "was first reported by"), with the
noun phrase that is its subject, past auxiliaries, adverbs and an interrupting clause
("X, who introduced the bill, said", "X, in the wake of the poll, told"). The claim keeps
its whole wording, since the content is not cut out.

``trim_speaker`` takes a speaker span as any rule found it and keeps only the noun phrase:
no opening adverbial ("Reluctantly, X"), no quotation before it ('"You bet," X'), no
trailing adverb ("X gingerly").
"""

from __future__ import annotations

from factcheck.extract import lexicon as lx
from factcheck.extract.attribution import Tag, ends_comma, speaker_like, tok_end
from factcheck.extract.names import is_name, is_role
from factcheck.extract.speakers import is_adverb, is_noun_phrase
from factcheck.extract.tokens import Tok, in_quotes, tokens, trim
from factcheck.models import AttributionKind, Span


def _forms(lemmas: str) -> frozenset[str]:
    """Every tense of regular verbs: warn -> warn warns warned warning."""
    found = set()
    for lemma in lemmas.split():
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        ied = lemma[:-1] + "ied" if lemma.endswith("y") and lemma[-2] not in "aeiou" else None
        found |= {lemma, lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s"),
                  ied or stem + "ed", stem + "ing"}
        if ied:
            found.add(lemma[:-1] + "ies")
    return frozenset(found)


CUE_VERBS = _forms(
    "add announce warn argue claim deny tweet note explain insist state report ask reply "
    "respond acknowledge admit assert declare confirm predict promise suggest contend maintain "
    "testify recall describe urge accuse vow pledge complain concede emphasize emphasise "
    "stress caution reveal disclose comment remark counter conclude post estimate allege "
    "mention observe inform assure charge blame criticize criticise praise call quip joke "
    "show") \
    | frozenset("say says said saying tell tells told telling write wrote written writes "
                "writing spoke speaks speaking shown find finds found finding".split())
_ACTS = _forms("declare call charge post recall show") | frozenset(
    "shown find finds found finding".split())
"""Verbs that also name an act with a plain object ("declared an emergency", "called a
meeting", "found the body"): a cue only with a that-clause, a quotation or a colon after
them. Verbs that are speech whatever follows ("announced his resignation", "praised the
plan", "urged voters to ...") are not here."""
_AUX = frozenset(
    "has have had is are was were be been being will would can could may might must should "
    "did does do also previously later earlier further publicly repeatedly often again still "
    "then not never first recently already once just reportedly".split())
_BOUNDARY = frozenset("that and but when while as because if so or where after before "
                      "since although though whether which who whom".split())
_INTERRUPTS = frozenset("who which whose in at on during after before while speaking "
                        "appearing writing according citing".split())


def cue_tag(text: str, span: Span) -> Tag | None:
    """The first communication verb outside quotes whose subject (or passive agent) is a
    noun phrase that can name a source."""
    toks = tokens(text, span)
    for j, tok in enumerate(toks):
        if tok.word not in CUE_VERBS or (tok.capital and j > 0):
            continue
        if in_quotes(text, span[0], tok.start):
            continue
        speaker = _agent_after(toks, j) or _inverted(toks, j) or \
            (None if _passive(toks, j) else _participle_subject(toks, j)
             or _subject_before(text, toks, j))
        if speaker is not None and tok.word in _ACTS and not _clause(toks, j) \
                and not _document(text, speaker, tok.word) and not _demand(toks, j):
            continue
        if speaker is not None:
            kind = AttributionKind.according_to if tok.word.startswith("report") \
                else AttributionKind.reported_speech
            return Tag(kind, trim(text, span, " \t\n"), speaker, tok.word, keep_full=True)
    return None


_OPENING_QUOTES = ('"', "\u201c", "\u2018", "'")
_FINDINGS = frozenset("show shows showed shown showing find finds found finding".split())
_DOCUMENTS = frozenset(
    "poll polls survey surveys record records data report reports study studies result results "
    "figure figures statistics document documents analysis analyses census research audit "
    "audits filing filings review reviews investigation investigations test tests".split())
"""Heads of a subject that is a document or a count: 'records show ...', 'a survey found
...' report a finding even without 'that'."""


def _document(text: str, speaker: Span, verb: str) -> bool:
    words = text[speaker[0]:speaker[1]].lower().split()
    return verb in _FINDINGS and bool(words) and words[-1].strip(".,;:") in _DOCUMENTS


def _demand(toks: list[Tok], j: int) -> bool:
    """'called for an inquiry', 'calls on lawmakers to ...': a demand is a statement."""
    return toks[j].word.startswith("call") and j + 1 < len(toks) and \
        toks[j + 1].word in ("for", "on")


def _clause(toks: list[Tok], j: int) -> bool:
    """A that-clause or a colon right after the verb, or a quotation soon after ('called the
    system "rotten to the core"')."""
    if toks[j].raw.endswith(":"):
        return True
    return any(t.word == "that" for t in toks[j + 1:j + 4]) or \
        any(t.raw.startswith(_OPENING_QUOTES) for t in toks[j + 1:j + 11])


_PASSIVE = frozenset("is are was were be been being get got".split())


def _passive(toks: list[Tok], j: int) -> bool:
    """'Drivers were told to ...', 'residents were warned': the subject is the one spoken
    to; without a 'by' agent the sentence names no speaker."""
    k = j - 1
    while k >= 0 and (_adverb(toks[k]) or toks[k].word in ("also", "not", "never", "first")):
        k -= 1
    return k >= 0 and toks[k].word in _PASSIVE and toks[j].word.endswith(("ed", "told",
                                                                          "written"))


_FINITE = frozenset(
    "has have had is are was were will would did does do can could may might should must "
    "held made took gave went came met won lost left kept spent told said began ran stood "
    "spoke wrote sent brought led got put set".split())
"""Finite verbs that end a sentence's subject: auxiliaries and common irregular pasts."""


def _participle_subject(toks: list[Tok], j: int) -> Span | None:
    """', calling him "a talented guy"', ', arguing he ...': a cue in a participle clause
    speaks for the subject of the sentence's main verb."""
    k = j - 1
    while k > 0 and _adverb(toks[k]) and not ends_comma(toks[k]):
        k -= 1
    if not (toks[j].word.endswith("ing") and k > 0 and ends_comma(toks[k])):
        return None
    start = 0
    if _opener(toks[:1]):  # "However, he held ...": past the opening adverbial
        start = next((i + 1 for i in range(k) if ends_comma(toks[i])), 0)
    for i in range(start + 1, k):
        tok = toks[i]
        if tok.word in _FINITE or (not tok.capital and tok.word.endswith("ed")):
            return _valid(_noun_phrase(toks[start:i])) if i - start <= 10 else None
    return None


def _agent_after(toks: list[Tok], j: int) -> Span | None:
    """'was first reported by MSNBC': the agent of a passive cue."""
    if j + 1 >= len(toks) or toks[j + 1].word != "by" or j == 0:
        return None
    if not any(t.word in ("was", "were", "been", "is", "are") for t in toks[max(0, j - 3):j]):
        return None
    run = []
    for tok in toks[j + 2:j + 8]:
        run.append(tok)
        if tok.raw.endswith((",", ".", ";", ":")):
            break
    return _valid(run)


def _inverted(toks: list[Tok], j: int) -> Span | None:
    """'"...," said George Bruno, a former chairman': the speaker after the verb."""
    if j == 0 or not toks[j - 1].raw.endswith('"') or j + 1 >= len(toks):
        return None
    run = []
    for tok in toks[j + 1:j + 8]:
        if tok.word in ("who", "which", "on", "in", "at", "during", "after"):
            break
        run.append(tok)
        if tok.raw.endswith((",", ".", ";", ":")):
            break
    return _valid(run)


def _subject_before(text: str, toks: list[Tok], j: int) -> Span | None:
    k = j - 1
    while k >= 0 and (toks[k].word in _AUX or _adverb(toks[k])) and not ends_comma(toks[k]):
        k -= 1
    if k >= 0 and ends_comma(toks[k]):  # "X, who introduced the bill, said": skip the clause
        k -= 1
        while k >= 0 and not ends_comma(toks[k]):
            k -= 1
    if k < 0:
        return None
    start = k
    while start > 0 and not _boundary(text, toks[start - 1]):
        start -= 1
    run = toks[start:k + 1]
    return _valid(_noun_phrase(run))


def _boundary(text: str, tok: Tok) -> bool:
    return tok.word in _BOUNDARY or tok.raw.endswith((";", ":", '",', '."', ".")) \
        or (tok.raw.endswith('"') and not tok.raw.startswith('"'))


def _adverb(tok: Tok) -> bool:
    return is_adverb(tok.raw.strip(" ,;:.\"'"))


def _chunks(run: list[Tok]) -> list[list[Tok]]:
    chunks: list[list[Tok]] = [[]]
    for tok in run:
        chunks[-1].append(tok)
        if ends_comma(tok):
            chunks.append([])
    return [c for c in chunks if c]


def _noun_phrase(run: list[Tok]) -> list[Tok]:
    """The subject's noun phrase: the first comma chunk (and an appositive naming it),
    past an opening adverbial or conjunction, without an interrupting clause."""
    chunks = _chunks(run)
    while len(chunks) > 1 and _opener(chunks[0]):
        chunks = chunks[1:]
    if len(chunks) > 1 and len(chunks[-1]) == 1 and chunks[-1][0].word in lx.PRONOUN_SPEAKERS:
        chunks = chunks[-1:]  # "Loyalty, he noted": the topic is not the speaker
    pair = next((i for i in range(len(chunks) - 1) if _appositive(chunks[i], chunks[i + 1])),
                None)
    kept = chunks[pair:pair + 2] if pair is not None else chunks[:1]
    phrase = [t for c in kept for t in c]
    while phrase and (phrase[0].word in lx.CONJUNCTIONS or phrase[0].word in ("so", "even")
                      or _adverb(phrase[0])):
        phrase = phrase[1:]
    while phrase and _adverb(phrase[-1]):
        phrase = phrase[:-1]
    return phrase


def _opener(chunk: list[Tok]) -> bool:
    """"Reluctantly," / "Even so," / "On Friday," / "Speaking on TV,": not the speaker."""
    first = chunk[0]
    return _adverb(first) or first.word in lx.ADVERBIAL_STARTERS or first.word in _BOUNDARY \
        or first.word.endswith("ing") or first.raw.startswith('"') or first.word == "even"


def _appositive(a: list[Tok], b: list[Tok]) -> bool:
    words_a = " ".join(t.raw.strip(",") for t in a)
    words_b = " ".join(t.raw.strip(",") for t in b)
    return (is_name(words_a) and is_role(words_b)) or (is_role(words_a) and is_name(words_b))


def _valid(run: list[Tok]) -> Span | None:
    if not run or len(run) > 10 or not speaker_like([_bare(t) for t in run]):
        return None
    span = (run[0].start, tok_end(run[-1]))
    return span


def _bare(tok: Tok) -> Tok:
    raw = tok.raw.rstrip(",.;:")
    return Tok(raw, tok.start, tok.start + len(raw))


def trim_speaker(text: str, span: Span) -> Span | None:
    """Only the noun phrase of a speaker span; None when no noun phrase is left."""
    toks = tokens(text, span)
    quote_end = max((i for i, t in enumerate(toks) if (t.raw.endswith(('",', '"'))
                     and not t.raw.startswith('"')) or t.raw.endswith('",')), default=-1)
    phrase = _noun_phrase(toks[quote_end + 1:]) if quote_end >= 0 else _noun_phrase(toks)
    if not phrase:
        return None
    found = trim(text, (phrase[0].start, tok_end(phrase[-1])))
    return found if is_noun_phrase(text[found[0]:found[1]]) else None
