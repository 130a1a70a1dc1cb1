"""Text utilities shared by every stage: sentences, paragraphs, and verbatim span finding.

Spans are half-open ``(start, end)`` offsets into the cleaned source text, so that
``text[start:end]`` is always the exact quote shown to a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.models import Span

_QUOTE_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
})

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep rev st jr sr inc ltd co corp "
    "no vs etc u.s u.k u.n e.g i.e a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")


_SOFT_WRAP = re.compile(r"(?<=[^\s.!?:;\"'\u201d\u2019)\]])[ \t]*\n"
                        r"(?=[ \t]*(?:[a-z]|[0-9](?![0-9]*[.)][ \t])|[\"'\u201c\u2018(][a-z]))")
"""A line break inside a sentence: the line does not end a sentence and the next line goes on
in lower case or with a figure that is no list number (a hard-wrapped plain-text or
Markdown paragraph)."""


def soft_wrapped(text: str) -> str:
    """``text`` with the line breaks inside sentences made spaces, keeping every offset, so
    that ``paragraphs`` and ``sentences`` of the result do not cut a wrapped sentence.

    A break before a capital stays (a heading, or one paragraph per line), so text with one
    paragraph per line is unchanged."""
    return _SOFT_WRAP.sub(lambda m: m.group().replace("\n", " "), text)


def fold(text: str) -> str:
    """Fold typographic quotes, dashes and no-break spaces to ASCII, keeping length."""
    return text.translate(_QUOTE_FOLD)


def _squash(text: str) -> tuple[str, list[int]]:
    """Fold and collapse whitespace runs; return the result and each char's original offset."""
    out: list[str] = []
    index: list[int] = []
    folded = fold(text)
    for i, ch in enumerate(folded):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


def find_span(haystack: str, needle: str, start: int = 0) -> Span | None:
    """Locate ``needle`` in ``haystack``: exactly, else after folding quotes and whitespace.

    Returns the span of the real text in ``haystack`` (so it can differ from ``needle``
    in quote marks or spacing), or None when it is not there.
    """
    needle = needle.strip()
    if not needle:
        return None
    pos = haystack.find(needle, start)
    if pos >= 0:
        return (pos, pos + len(needle))
    hay, index = _squash(haystack)
    ndl, _ = _squash(needle)
    hay_start = next((k for k, i in enumerate(index) if i >= start), len(index))
    pos = hay.lower().find(ndl.lower(), hay_start)
    if pos < 0:
        return None
    return (index[pos], index[pos + len(ndl) - 1] + 1)


def paragraphs(text: str) -> list[Span]:
    """Spans of non-empty lines/paragraphs (a blank line or a newline separates them)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_abbreviation(text: str, end: int) -> bool:
    word = re.search(r"([A-Za-z.]+)\.$", text[max(0, end - 12):end])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _sentence_ends(text: str) -> Iterator[int]:
    for m in _SENTENCE_END.finditer(text):
        period_end = m.start() + len(m.group().rstrip("\"'\u201d\u2019)]"))
        if m.group().startswith(".") and _is_abbreviation(text, period_end):
            continue
        following = text[m.end():m.end() + 3].lstrip()
        if following and following[0].islower():
            continue
        yield m.end()


def sentences(text: str, span: Span | None = None) -> list[Span]:
    """Sentence spans within ``span`` (default: the whole text), never crossing a newline."""
    lo, hi = span or (0, len(text))
    result: list[Span] = []
    for p_start, p_end in paragraphs(text[lo:hi]):
        p_start, p_end = p_start + lo, p_end + lo
        begin = p_start
        for end in _sentence_ends(text[p_start:p_end]):
            result.append(_trim(text, begin, p_start + end))
            begin = p_start + end
        if text[begin:p_end].strip():
            result.append(_trim(text, begin, p_end))
    return [s for s in result if s[1] > s[0]]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)
