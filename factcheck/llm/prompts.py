"""Prompt rendering: every word sent to a model lives in ``prompts/*.j2``, none in Python.

Untrusted text is passed through the ``fence`` filter, which defuses anything that looks
like one of our delimiter tags, so an article cannot close its own ``<article>`` block.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

_PACKAGE = Path(__file__).resolve().parent.parent
PROMPT_DIRS = (_PACKAGE / "prompts", _PACKAGE.parent / "prompts")
_TAGS = re.compile(r"<(/?\s*(?:article|source|claim)\b)", re.IGNORECASE)

Message = dict[str, str]


def fence(text: str, tag: str = "article") -> str:
    """Untrusted text with delimiter-like tags defused (``<`` becomes ``‹``)."""
    del tag  # every delimiter tag is defused whatever block the text sits in
    return _TAGS.sub("\u2039\\1", text)


@cache
def environment() -> Environment:
    folder = next((d for d in PROMPT_DIRS if d.is_dir()), PROMPT_DIRS[-1])
    env = Environment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                      keep_trailing_newline=False, autoescape=False)
    env.filters["fence"] = fence
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(f"{name}.j2").render(**context).strip() + "\n"


def messages(name: str, **context: Any) -> list[Message]:
    """System part (``<name>_system.j2``) and user part (``<name>.j2``) as chat messages."""
    return [{"role": "system", "content": render(f"{name}_system")},
            {"role": "user", "content": render(name, **context)}]
