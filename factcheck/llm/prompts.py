"""Prompt rendering: every word sent to a model lives in ``prompts/*.j2``, none in Python.

Untrusted text (article sentences, title, outlet, URL, claims, passages) is passed through
the ``fence`` filter, which defuses anything that looks like one of our delimiter tags in
any spacing or case (``< /ARTICLE >``, ``&lt;/article&gt;``, a full-width ``＜``), so an
input cannot close its own block or open a new one.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

_PACKAGE = Path(__file__).resolve().parent.parent
PROMPT_DIRS = (_PACKAGE / "prompts", _PACKAGE.parent / "prompts")
_TAGS = re.compile(r"(?:<|&lt;?|&#0*60;?|&#x0*3c;?|\uff1c|\u2039|\u3008)"
                   r"(\s*/?\s*(?:article|source|claim|context|answer)\b)", re.IGNORECASE)

Message = dict[str, str]


def fence(text: str | None, tag: str = "article") -> str:
    """Untrusted text with delimiter-like tags defused (their ``<`` becomes ``‹``)."""
    del tag  # every delimiter tag is defused whatever block the text sits in
    return _TAGS.sub("\u2039\\1", text or "")


def oneline(text: str | None) -> str:
    """Metadata on one line: a newline in a title cannot start a line of the prompt."""
    return " ".join((text or "").split())


def folder() -> Path:
    return next((d for d in PROMPT_DIRS if d.is_dir()), PROMPT_DIRS[-1])


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(folder()), undefined=StrictUndefined,
                      keep_trailing_newline=False, autoescape=False)
    env.filters["fence"] = fence
    env.filters["oneline"] = oneline
    return env


def templates_hash() -> str:
    """Digest of every prompt template's bytes: part of each cache key and run stamp."""
    digest = hashlib.sha256()
    for path in sorted(folder().glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def render(name: str, **context: Any) -> str:
    return environment().get_template(f"{name}.j2").render(**context).strip() + "\n"


def messages(name: str, **context: Any) -> list[Message]:
    """System part (``<name>_system.j2``) and user part (``<name>.j2``) as chat messages."""
    return [{"role": "system", "content": render(f"{name}_system")},
            {"role": "user", "content": render(name, **context)}]
