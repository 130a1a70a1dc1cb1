"""Markdown to plain text as a list of cuts, so every removed character keeps its offset.

Only the syntax news copy uses is handled: headings, emphasis, links, images, code spans,
quotes, bullets and reference definitions. Link targets and images are listed as ``markup``
boilerplate (they hold words a person may want); bare syntax characters are not.
"""

from __future__ import annotations

import re

from factcheck.ingest.document import Cut

_LINE_PREFIX = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+|\d{1,3}[.)][ \t]+)")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"(<)(?:https?://|mailto:)[^>\s]+(>)")
_PAIRED = (
    re.compile(r"(\*\*|__|~~)(?=\S)[^\n]+?(?<=\S)(\1)"),
    re.compile(r"(?<![\w*])(\*)(?=[^\s*])[^\n*]+?(?<=[^\s*])(\*)(?![\w*])"),
    re.compile(r"(?<![\w_])(_)(?=[^\s_])[^\n_]+?(?<=[^\s_])(_)(?![\w_])"),
    re.compile(r"(`+)(?=\S)[^\n`]+?(\1)"),
)

HEADING_1 = re.compile(r"^[ \t]{0,3}#[ \t]+\S")
"""A level-1 ATX heading: the article's title when it opens the text."""


def markup_cuts(raw: str) -> list[Cut]:
    """Every Markdown syntax stretch in ``raw``, non-overlapping and sorted by offset."""
    cuts: list[Cut] = []
    for regex in (_COMMENT, _REF_DEFINITION, _IMAGE):
        cuts += [Cut(m.start(), m.end(), "markup") for m in regex.finditer(raw)]
    cuts += _line_cuts(raw)
    for m in _LINK.finditer(raw):
        cuts += [Cut(m.start(1), m.end(1), "markup", False), Cut(m.start(2), m.end(2), "markup")]
    for regex in (_AUTOLINK, *_PAIRED):
        cuts += _pair_cuts(regex, raw)
    return _without_overlaps(cuts)


def _line_cuts(raw: str) -> list[Cut]:
    cuts: list[Cut] = []
    for line in re.finditer(r"[^\n]+", raw):
        prefix = _LINE_PREFIX.match(line.group())
        if prefix:
            cuts.append(Cut(line.start(), line.start() + prefix.end(), "markup", False))
            if prefix.group().lstrip().startswith("#"):
                tail = _HEADING_TAIL.search(line.group())
                if tail:
                    cuts.append(Cut(line.start() + tail.start(), line.end(), "markup", False))
    return cuts


def _pair_cuts(regex: re.Pattern[str], raw: str) -> list[Cut]:
    cuts: list[Cut] = []
    for m in regex.finditer(raw):
        cuts += [Cut(m.start(1), m.end(1), "markup", False),
                 Cut(m.start(2), m.end(2), "markup", False)]
    return cuts


def _without_overlaps(cuts: list[Cut]) -> list[Cut]:
    """Keep the first-found cut where two overlap (images before links before emphasis)."""
    kept: list[Cut] = []
    for cut in cuts:
        if all(cut.end <= k.start or cut.start >= k.end for k in kept):
            kept.append(cut)
    return sorted(kept, key=lambda c: (c.start, c.end))
