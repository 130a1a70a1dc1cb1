"""Lines of a document as a reader sees them, the unit boilerplate removal works on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.ingest.document import Cut


@dataclass
class Line:
    start: int
    end: int
    view: str
    """The line as a reader sees it: Markdown syntax cut, whitespace stripped."""
    kind: str | None = None


def split_lines(raw: str, markup: list[Cut]) -> list[Line]:
    """Non-blank lines of ``raw`` with their stripped spans and reader's view."""
    lines: list[Line] = []
    for m in re.finditer(r"[^\n]+", raw):
        view = _view(raw, m.start(), m.end(), markup).strip()
        if view:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            lines.append(Line(start, m.start() + len(m.group().rstrip()), view))
    return lines


def _view(raw: str, start: int, end: int, markup: list[Cut]) -> str:
    pieces: list[str] = []
    pos = start
    for cut in markup:
        if cut.end <= start or cut.start >= end:
            continue
        pieces.append(raw[pos:max(pos, cut.start)])
        pos = max(pos, cut.end)
    pieces.append(raw[pos:end])
    return "".join(pieces)


def is_body(view: str) -> bool:
    """A paragraph of running prose, as opposed to a label, headline or button."""
    words = len(view.split())
    return words >= 25 or (words >= 8 and view.rstrip()[-1] in ".!?\"'\u201d\u2019)")


def kept(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.kind is None]
