"""Title and outlet: read from the text's own header and dateline.

The title is taken out of the text (kind ``title``) because a headline is a compressed,
often sensational restatement, not a claim with a speaker. A dateline such as
"CITY (Agency) -" stays in the text: it opens the lead sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.ingest.lines import Line, is_body, kept
from factcheck.ingest.markdown import HEADING_1
from factcheck.language.text import fold

if TYPE_CHECKING:
    from factcheck.ingest.document import Document

_HEADER_LINES = 4
"""The header zone ends at the first prose paragraph, or after this many lines."""

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\u2019\- ]{1,40}(?:,[^()\n]{1,40}?)?\s*)?"
    r"\((?P<agency>[A-Z][\w&.' -]{1,30})\)\s*[-\u2013\u2014:]"
)


def mark_header(lines: list[Line], doc: Document) -> str | None:
    """Tag the headline (kind ``title``) and section labels; return the title."""
    header = []
    for line in kept(lines)[:_HEADER_LINES]:
        if is_body(line.view):
            break
        header.append(line)
    title = None
    if header and _is_title(header[0], doc, more=len(kept(lines)) > 1):
        header[0].kind, title = "title", header[0].view
    for line in header[1 if title else 0:]:
        if _is_label(line.view):
            line.kind = "ui_text"
    return doc.title or title


def _is_title(line: Line, doc: Document, more: bool) -> bool:
    if doc.title is not None and _same(line.view, doc.title):
        return True
    if doc.format in ("json", "jsonl") and doc.title is not None:
        return False
    if doc.format == "md" and HEADING_1.match(doc.raw[line.start:line.end]):
        return True
    return more and looks_like_headline(line.view)


def looks_like_headline(view: str) -> bool:
    """Short, capitalised, no closing period, and not a dateline lead."""
    words = view.split()
    return (3 <= len(words) <= 25 and len(view) <= 200 and not view.endswith((".", ",", ";", ":"))
            and (view[0].isupper() or view[0].isdigit() or view[0] in "\"'\u201c\u2018")
            and not _DATELINE.match(view))


def _is_label(view: str) -> bool:
    """'Briefly', 'World News': a short tag above or below the headline."""
    return len(view.split()) <= 3 and not view.endswith((".", "!", "?", ":")) and not any(
        ch.isdigit() for ch in view)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", fold(s).lower()).split())

    return norm(a) == norm(b)


def dateline_agency(lines: list[Line]) -> str | None:
    """'(AP)' in 'CITY, Country (AP) - ...' -> 'AP', as written in the parentheses."""
    for line in kept(lines)[:2]:
        match = _DATELINE.match(line.view)
        if match:
            return match.group("agency").strip()
    return None
