"""The LLM engine: extraction and verification with any OpenAI-compatible model.

See docs/llm.md for settings, prompts, caching, cost accounting and record/replay.
The engine and the recorder load on first use, so that importing the settings (as the CLI
does for every run) never pays for openai, instructor and vcrpy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from factcheck.llm.settings import LLMSettings, llm_options, settings_from_cli

if TYPE_CHECKING:
    from factcheck.llm.cassette import recording
    from factcheck.llm.engine import LLMEngine

_LAZY = {"LLMEngine": "factcheck.llm.engine", "recording": "factcheck.llm.cassette"}

__all__ = ["LLMEngine", "LLMSettings", "llm_options", "recording", "settings_from_cli"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
