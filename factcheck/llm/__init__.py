"""The LLM engine: extraction and verification with any OpenAI-compatible model.

See docs/llm.md for settings, prompts, caching, cost accounting and record/replay.
"""

from factcheck.llm.cassette import recording
from factcheck.llm.engine import LLMEngine
from factcheck.llm.settings import LLMSettings, llm_options, settings_from_cli

__all__ = ["LLMEngine", "LLMSettings", "llm_options", "recording", "settings_from_cli"]
