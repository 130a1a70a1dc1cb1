"""LLM settings: one model, merged from CLI options > environment > config file > defaults.

The API key is a ``SecretStr`` read only from the environment: it is never logged, never
stored in the run database, and scrubbed from cassettes.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import click
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from factcheck.errors import ConfigError

Mode = Literal["auto", "tools", "json_schema", "json", "md_json"]
RecordMode = Literal["none", "once", "new_episodes", "all"]

OPENAI_URL = "https://api.openai.com/v1"
# Per request: a hosted model answers in seconds, a CPU-only local server writing 2048
# tokens can need a minute or two; 120 s fits both. Connecting never takes long.
DEFAULT_TIMEOUT = 120.0
CONNECT_TIMEOUT = 10.0

# USD per million tokens (input, output) for models whose price is public; others cost 0
# unless set with input_price/output_price in the config file.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
}


class LLMSettings(BaseModel):
    """Everything the LLM engine needs; immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = Field(None, repr=False)
    extract_model: str | None = None
    verify_model: str | None = None
    mode: Mode = "auto"
    concurrency: int = Field(8, ge=1, le=256)
    rpm: int | None = Field(None, ge=1)
    tpm: int | None = Field(None, ge=1)
    max_cost: float | None = Field(None, ge=0)
    max_calls: int | None = Field(None, ge=0)
    use_cache: bool = True
    cassette: Path | None = None
    record_mode: RecordMode = "none"
    max_retries: int = Field(2, ge=0, le=10)
    timeout: float = Field(DEFAULT_TIMEOUT, gt=0)
    deadline: float | None = Field(None, gt=0)
    """Seconds for all the run's model calls; when it passes the rest is not done."""
    temperature: float = Field(0.0, ge=0, le=2)
    max_tokens: int = Field(2048, ge=16)
    context_tokens: int = Field(8192, ge=1024, description="The model's context window: "
                                "long articles are extracted in windows that fit it.")
    logprobs: bool = True
    """Ask for token log-probabilities on verification calls (a check's confidence is then
    the model's own probability of its verdict, where the server returns them)."""
    input_price: float | None = Field(None, ge=0)
    output_price: float | None = Field(None, ge=0)
    batch: bool = False
    """Send the calls through the OpenAI Batch API: half the price, answered within 24 h."""
    batch_poll: float = Field(10.0, gt=0)
    """Seconds before the first status request of a batch (then 1.5 times longer each
    time, up to 5 minutes)."""

    def stage_model(self, stage: str) -> str | None:
        """The model for ``extract`` or ``verify`` (a per-stage model, else the main one)."""
        specific = self.extract_model if stage == "extract" else self.verify_model
        return specific or self.model

    def prices(self, model: str) -> tuple[float, float]:
        """(input, output) USD per million tokens for ``model``."""
        known = next((p for name, p in sorted(PRICES.items(), key=lambda kv: -len(kv[0]))
                      if model.startswith(name)), (0.0, 0.0))
        return (self.input_price if self.input_price is not None else known[0],
                self.output_price if self.output_price is not None else known[1])

    @property
    def is_openai(self) -> bool:
        return self.base_url is None or "api.openai.com" in self.base_url

    @property
    def replay_only(self) -> bool:
        """A cassette in record mode ``none`` answers every request: no key, no server."""
        return self.cassette is not None and self.record_mode == "none"

    def require_usable(self, engine: str = "llm") -> None:
        """Refuse, before any work starts, settings with which no model can be reached."""
        if not self.model:
            raise ConfigError(f"--engine {engine} needs a model: pass --model or set "
                              "FACTCHECK_MODEL")
        if not (self.api_key or self.base_url or self.replay_only):
            raise ConfigError(f"--engine {engine} needs OPENAI_API_KEY, or --base-url for a "
                              "local server")
        if self.batch and self.cassette is not None:
            raise ConfigError("--batch cannot be recorded in or replayed from a cassette "
                              "(batches are polled for hours); drop --cassette or --batch")


# -- click options ----------------------------------------------------------------------------

_OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--model",), {"help": "Model for both stages (env FACTCHECK_MODEL)."}),
    (("--base-url",), {"help": "OpenAI-compatible server URL (env OPENAI_BASE_URL)."}),
    (("--extract-model",), {"help": "Model for claim extraction (default: --model)."}),
    (("--verify-model",), {"help": "Model for verification (default: --model)."}),
    (("--mode",), {"type": click.Choice(["auto", "tools", "json_schema", "json", "md_json"]),
                   "help": "Structured-output mode. [default: auto: tools for OpenAI, "
                           "json_schema elsewhere, tools if the server rejects it]"}),
    (("--concurrency",), {"type": click.IntRange(1, 256), "help": "Model calls in flight. "
                                                                   "[default: 8]"}),
    (("--rpm",), {"type": click.IntRange(min=1), "help": "Requests per minute limit."}),
    (("--tpm",), {"type": click.IntRange(min=1), "help": "Tokens per minute limit."}),
    (("--max-cost",), {"type": click.FloatRange(min=0), "help": "Stop after this many USD."}),
    (("--max-calls",), {"type": click.IntRange(min=0), "help": "Stop after this many calls."}),
    (("--cache/--no-cache", "use_cache"), {"default": None,
                                           "help": "Reuse model responses. [default: cache]"}),
    (("--logprobs/--no-logprobs", "logprobs"), {
        "default": None, "help": "Ask for token log-probabilities on verification calls, "
                                 "for the checks' confidence. [default: logprobs]"}),
    (("--cassette",), {"type": click.Path(dir_okay=False, path_type=Path),
                       "help": "Record or replay all model traffic in this vcrpy cassette."}),
    (("--record-mode",), {"type": click.Choice(["none", "once", "new_episodes", "all"]),
                          "help": "Cassette mode. [default: none (replay only)]"}),
    (("--max-retries",), {"type": click.IntRange(0, 10),
                          "help": "Transport retries and validation re-asks. [default: 2]"}),
    (("--timeout",), {"type": click.FloatRange(min=0, min_open=True),
                      "help": "Seconds per model request (10 to connect). [default: 120]"}),
    (("--deadline",), {"type": click.FloatRange(min=0, min_open=True),
                       "help": "Seconds for all model calls of the run; then it stops, "
                               "saving what was done."}),
    (("--max-tokens",), {"type": click.IntRange(min=16),
                         "help": "Output token limit per call. [default: 2048]"}),
    (("--context-tokens",), {"type": click.IntRange(min=1024),
                             "help": "The model's context window; long articles are "
                                     "extracted in windows that fit it. [default: 8192]"}),
    (("--batch/--no-batch", "batch"), {
        "help": "Send the model calls through the OpenAI Batch API: half the price, answered "
                "within 24 h; --resume OUT --batch polls the batches again. [default: off]"}),
    (("--batch-poll",), {"type": click.FloatRange(min=0, min_open=True),
                         "help": "Seconds before a batch's first status check (then 1.5x "
                                 "longer each time, up to 300). [default: 10]"}),
]


def llm_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add the LLM options to a click command; all default to None ("not given")."""
    for decls, kwargs in reversed(_OPTIONS):
        f = click.option(*decls, **{"default": None, **kwargs})(f)
    return f


# -- merging -----------------------------------------------------------------------------------

_ENV = {"OPENAI_API_KEY": "api_key", "OPENAI_BASE_URL": "base_url", "FACTCHECK_MODEL": "model"}


def settings_from_cli(options: dict[str, object], cwd: Path) -> LLMSettings:
    """CLI options > env (OPENAI_API_KEY, OPENAI_BASE_URL, FACTCHECK_MODEL) > file > defaults."""
    merged: dict[str, object] = dict(config_file(cwd))
    merged.update({field: os.environ[name] for name, field in _ENV.items()
                   if os.environ.get(name)})
    merged.update({k: v for k, v in options.items() if v is not None})
    try:
        return LLMSettings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"LLM setting {where}: {first['msg']}") from None


def config_file(cwd: Path) -> dict[str, object]:
    """Settings from ``factcheck.toml`` (top level or [llm]) or pyproject [tool.factcheck]."""
    own, pyproject = cwd / "factcheck.toml", cwd / "pyproject.toml"
    if own.is_file():
        data = _read_toml(own)
        table = data.get("llm", data)
    elif pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("factcheck", {})
        table = table.get("llm", table)
    else:
        return {}
    if "api_key" in table:
        raise ConfigError("api_key must not be stored in a config file; set OPENAI_API_KEY")
    pairs = ((k.replace("-", "_"), v) for k, v in table.items())
    return {k: v for k, v in pairs if k in LLMSettings.model_fields}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable config ({exc})") from None
