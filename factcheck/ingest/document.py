"""The in-between form of one article: raw text plus what the reader already knows about it.

Spans everywhere in ingestion are offsets into ``Document.raw``: the decoded input with line
endings normalised to "\\n" (and a UTF-8 BOM dropped). For HTML, ``raw`` is the text the
extractor (trafilatura) produced; for JSON/JSONL it is the record's text field.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cut:
    """A stretch of ``raw`` left out of the cleaned text.

    ``listed`` is False only for bare syntax characters (Markdown ``**``, ``#``, bullets):
    they carry no words, so listing each one would bury the removals a person must see.
    """

    start: int
    end: int
    kind: str
    listed: bool = True


@dataclass
class Document:
    raw: str
    format: str
    path: str
    sha256: str
    name: str
    """Id candidate: the file stem, ``<stem>-<n>`` or a record's own id."""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    markup: list[Cut] = field(default_factory=list)
    where: str = ""
    """How problems name it: the path, or '<path> record <n>' for a JSON record."""

    def label(self) -> str:
        return self.where or self.path


def normalise_newlines(text: str) -> str:
    """One line-ending convention, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
