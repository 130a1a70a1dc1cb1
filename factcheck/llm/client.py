"""One structured model call: cache, budget, rate limit, instructor re-asks, accounting.

Retry layers, each bounded and never stacked on the same fault:
- transport faults (429 with Retry-After, 5xx, timeouts, connection errors, and a 200 whose
  body is not a chat completion): the openai client's own exponential backoff with jitter
  (``max_retries``);
- invalid answers: instructor re-asks with the validation error, under a tenacity policy
  that retries validation errors only.

Only answers that passed validation are cached: a failure of any kind is retried by the
next run, never replayed from the cache.

With ``--batch`` the same calls go through the OpenAI Batch API (``rounds.BatchTransport``
under the openai client): transport retries are then follow-up batches, and there is no
concurrency or rate limit to keep, since a round is one request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import httpx2
import instructor
import openai
from instructor.core import Hooks, IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from factcheck.errors import CassetteMiss, ConfigError, DeadlineReached, ModelError, RunStopped
from factcheck.llm.batch import BATCH_DISCOUNT, BatchRunner, Polling
from factcheck.llm.failures import (
    FailureLog,
    cause_chain,
    check_completion_body,
    classify,
    describe,
    one_line,
)
from factcheck.llm.limits import Budget, RateLimiter, Usage
from factcheck.llm.logprobs import TOP_LOGPROBS, TokenLogprob, token_logprobs
from factcheck.llm.prompts import Message, templates_hash
from factcheck.llm.rounds import STAGE, BatchLineError, BatchTransport
from factcheck.llm.settings import CONNECT_TIMEOUT, OPENAI_URL, LLMSettings
from factcheck.models import FailureKind
from factcheck.store import Store

logging.getLogger("instructor").setLevel(logging.CRITICAL)  # failures are reported as Problems

MODES = {"tools": instructor.Mode.TOOLS, "json_schema": instructor.Mode.JSON_SCHEMA,
         "json": instructor.Mode.JSON, "md_json": instructor.Mode.MD_JSON}


@dataclass
class Answer:
    """What a call produced: the structured output (possibly salvaged) and/or an error."""

    output: dict[str, Any] | None
    error: str | None = None
    stamp: dict[str, str] | None = None
    """Mode, server, model and prompt-template hash the answer was made with."""
    tokens: list[TokenLogprob] | None = None
    """Output tokens of the accepted completion with their log-probabilities, when asked
    for (``ask(..., logprobs=True)``) and the server returned them."""


class ModelClient:
    """Structured calls to one OpenAI-compatible server; use ``session()`` per event loop."""

    def __init__(self, settings: LLMSettings, store: Store) -> None:
        self.settings, self.store = settings, store
        self.usage = Usage()
        self.failures = FailureLog()
        self.budget = Budget(self.usage, settings.max_calls, settings.max_cost)
        self.deadline_at = (time.monotonic() + settings.deadline
                            if settings.deadline is not None else None)
        self.stopped_reason: str | None = None
        """Why the run stopped early (budget, deadline, server gone); no call starts after."""
        self.reached = False
        """True once the server answered anything: a refused connection is then a failure
        of the run, not a wrong address."""
        self.limiter = RateLimiter(settings.rpm, settings.tpm)
        self.mode = self._initial_mode()
        self._mode_settled = settings.mode != "auto" or settings.is_openai or settings.batch
        self._openai: openai.AsyncOpenAI | None = None
        self.transport: httpx2.AsyncBaseTransport | None = None
        """Tests and benchmarks may plug in a fake server (e.g. ``httpx2.MockTransport``)."""
        self.batcher: BatchTransport | None = None
        """With --batch, the rounds of the current session (``rounds`` counts them)."""

    def _initial_mode(self) -> str:
        if self.settings.mode != "auto":
            return self.settings.mode
        return "tools" if self.settings.is_openai or self.settings.batch else "json_schema"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[None]:
        """An HTTP client, semaphore and probe lock bound to the running event loop."""
        self._semaphore = asyncio.Semaphore(self.settings.concurrency)
        self._probe = asyncio.Lock()
        async with AsyncExitStack() as clients:
            hooks: list[Any] = [self._answered, check_completion_body]
            if self.settings.batch:  # the same calls, answered by Batch API rounds
                files = await clients.enter_async_context(
                    self._api(self.transport, self.retries, [self._answered]))
                runner = BatchRunner(files, self.store, Polling(first=self.settings.batch_poll))
                self.batcher = BatchTransport(runner, self.retries)
                api = self._api(self.batcher, 0, hooks[1:])
            else:
                api = self._api(self.transport, self.retries, hooks)
            self._openai = await clients.enter_async_context(api)
            try:
                yield
            finally:
                self._openai = None

    def _api(self, transport: httpx2.AsyncBaseTransport | None, retries: int,
             hooks: list[Any]) -> openai.AsyncOpenAI:
        """An openai client for the server, over ``transport`` (None: the network)."""
        s = self.settings
        key = s.api_key.get_secret_value() if s.api_key else "not-needed"
        http = openai.DefaultAsyncHttpxClient(transport=transport,
                                              event_hooks={"response": hooks})
        return openai.AsyncOpenAI(
            api_key=key, base_url=s.base_url or OPENAI_URL,
            timeout=httpx2.Timeout(s.timeout, connect=min(s.timeout, CONNECT_TIMEOUT)),
            max_retries=retries, http_client=http)

    @property
    def retries(self) -> int:
        """Transport retries: none on replay, so nothing can mask a cassette miss."""
        return 0 if self.settings.replay_only else self.settings.max_retries

    async def _answered(self, response: httpx2.Response) -> None:
        self.reached = True

    async def ask(self, stage: str, messages: list[Message], response_model: type[BaseModel],
                  context: dict[str, Any], *, logprobs: bool = False) -> Answer:
        """The answer for these messages: from the cache, else from the model.

        Counted in ``failures`` once it ends; only a valid answer is cached. With
        ``logprobs`` (and the ``logprobs`` setting) the answer carries its tokens'
        log-probabilities where the server gives them.
        """
        model = self.settings.stage_model(stage) or ""
        logprobs = logprobs and self.settings.logprobs
        key = self.cache_key(model, messages, response_model, logprobs=logprobs)
        if self.settings.use_cache and (cached := self._cached(key)) is not None:
            self.usage.add(stage, "cache_hits", 1)
            self.failures.call(stage)
            return cached
        stamp = self.stamp(model)
        answer, spent = await self._within_deadline(stage, model, messages, response_model,
                                                    context, logprobs)
        answer.stamp = stamp
        self.failures.call(stage)
        if answer.error is not None:
            self.failures.failed(stage, FailureKind.invalid_answer, answer.error)
            return answer
        self.store.cache_put(key, model, json.dumps(answer.__dict__, sort_keys=True), spent,
                             datetime.now(UTC).isoformat(timespec="seconds"))
        return answer

    def _cached(self, key: str) -> Answer | None:
        """A cached valid answer; an error cached by an older version counts as a miss."""
        hit = self.store.cache_get(key)
        if hit is None:
            return None
        answer = Answer(**json.loads(hit[0]))
        return answer if answer.error is None else None

    async def _within_deadline(self, stage: str, *args: Any) -> tuple[Answer, dict[str, float]]:
        """Budget and ``--deadline`` first; a transport failure is counted, then raised."""
        left = None if self.deadline_at is None else self.deadline_at - time.monotonic()
        if left is not None and left <= 0:
            raise DeadlineReached(f"--deadline {self.settings.deadline:g} s reached")
        self.budget.start_call()
        try:
            async with asyncio.timeout(left):
                return await self._limited(stage, *args)
        except TimeoutError:
            raise DeadlineReached(f"--deadline {self.settings.deadline:g} s reached") from None
        except ModelError as exc:
            if exc.kind is not None:
                self.failures.call(stage)
                self.failures.failed(stage, FailureKind(exc.kind), str(exc))
            raise

    async def _limited(self, stage: str, model: str, messages: list[Message],
                       response_model: type[BaseModel], context: dict[str, Any],
                       logprobs: bool) -> tuple[Answer, dict[str, float]]:
        if self.settings.batch:  # a round is one request: nothing to throttle
            if self.stopped_reason:
                raise RunStopped(self.stopped_reason)
            token = STAGE.set(stage)
            try:
                return await self._settled_call(stage, model, messages, response_model,
                                                context, logprobs)
            finally:
                STAGE.reset(token)
        async with self._semaphore:
            if self.stopped_reason:  # decided while this call waited for its turn
                raise RunStopped(self.stopped_reason)
            await self.limiter.acquire(_estimate_tokens(messages, self.settings.max_tokens))
            return await self._settled_call(stage, model, messages, response_model, context,
                                            logprobs)

    def stamp(self, model: str) -> dict[str, str]:
        """What made an answer, besides its messages: recorded with it and in its key."""
        return {"mode": self.mode, "base_url": self.settings.base_url or OPENAI_URL,
                "model": model, "prompts": templates_hash()}

    def cache_key(self, model: str, messages: list[Message],
                  response_model: type[BaseModel], *, logprobs: bool = False) -> str:
        """Content address: mode, server, model, a hash of every prompt template, rendered
        messages, response schema and parameters."""
        s = self.settings
        params: dict[str, float] = {"temperature": s.temperature, "max_tokens": s.max_tokens,
                                    "reasks": s.max_retries}
        if logprobs:  # an answer cached without token log-probabilities is not reused here
            params["top_logprobs"] = TOP_LOGPROBS
        material = {**self.stamp(model), "messages": messages,
                    "schema": response_model.model_json_schema(), "params": params}
        return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()

    async def _settled_call(self, *args: Any) -> tuple[Answer, dict[str, float]]:
        """In auto mode against an unknown server, the first call runs alone as a probe."""
        while not self._mode_settled:
            async with self._probe:
                if self._mode_settled:
                    break
                try:
                    return await self._call(*args)
                except ModelError as exc:
                    if self.mode != "json_schema" or not _rejects_schema(exc):
                        raise
                    self.mode = "tools"
                    return await self._call(*args)
                finally:
                    self._mode_settled = True
        return await self._call(*args)

    async def _call(self, stage: str, model: str, messages: list[Message],
                    response_model: type[BaseModel], context: dict[str, Any],
                    logprobs: bool) -> tuple[Answer, dict[str, float]]:
        spent: dict[str, float] = {}
        try:
            parsed, last = await self._create(stage, model, messages, response_model, context,
                                              spent, logprobs)
            tokens = token_logprobs(last) if logprobs else None
            return Answer(parsed.model_dump(mode="json"), tokens=tokens), spent
        except IncompleteOutputException:
            return Answer(None, f"the answer was cut off at max_tokens={self.settings.max_tokens}"
                          "; raise --max-tokens"), spent
        except InstructorRetryException as exc:
            cause = _transport_cause(exc)
            if cause is not None:
                raise self._model_error(cause) from cause
            salvaged = _salvage(exc.last_completion, response_model)
            message = _validation_message(exc)
            if _hit_limit(exc.last_completion, self.settings.max_tokens):
                message = (f"the answer was cut off at max_tokens={self.settings.max_tokens}; "
                           f"raise --max-tokens ({message})")
            return Answer(salvaged, message), spent
        except openai.APIError as exc:
            raise self._model_error(exc) from exc

    def _model_error(self, exc: BaseException) -> ModelError | ConfigError:
        """Map a transport fault: a cassette miss, a bad key or model, and a server never
        reached are fatal; the others are failures of one call, counted by kind."""
        settings = self.settings
        line = next((e for e in cause_chain(exc) if isinstance(e, BatchLineError)), None)
        if line is not None:
            if line.stops:  # the batch was refused as a whole: so would the next one be
                self.stopped_reason = self.stopped_reason or str(line)
            return ModelError(str(line), line.kind)
        if any(_is_cassette_miss(e) for e in cause_chain(exc)):
            return CassetteMiss(f"cassette {settings.cassette}: no recording for a request "
                                "(the prompt, model or input changed); re-record it with "
                                "scripts/record-cassettes")
        where = settings.base_url or OPENAI_URL
        if settings.mode != "auto" and _rejects_schema(exc):
            others = ", ".join(m for m in (*MODES, "auto") if m != settings.mode)
            return ConfigError(f"{where} rejects --mode {settings.mode} (it refused the "
                               f"request's response_format or tools); use --mode {others}")
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return ConfigError(f"{where} refused the API key; set OPENAI_API_KEY")
        if isinstance(exc, openai.NotFoundError):
            return ConfigError(f"{where} does not serve model {settings.model!r}; check --model")
        if not isinstance(exc, openai.APIError):
            return ModelError(f"model call failed: {one_line(str(exc))}",
                              FailureKind.server_error)
        kind = classify(exc)
        retries = self.retries if kind is not FailureKind.request_error else 0
        message = describe(exc, where, settings.timeout, retries)
        if kind is FailureKind.connection_refused and not self.reached:
            return ConfigError(f"{message}; start the server or check --base-url")
        return ModelError(message, kind)

    async def _create(self, stage: str, model: str, messages: list[Message],
                      response_model: type[BaseModel], context: dict[str, Any],
                      spent: dict[str, float], logprobs: bool) -> tuple[BaseModel, Any]:
        """The validated answer and the completion it came from (the last one asked)."""
        assert self._openai is not None, "ModelClient.ask() outside session()"
        client = instructor.from_openai(self._openai, mode=MODES[self.mode])
        seen: list[Any] = []
        hooks = Hooks()
        hooks.on("completion:response", lambda r: self._account(stage, model, r, spent))
        hooks.on("completion:response", seen.append)
        reasks = AsyncRetrying(stop=stop_after_attempt(self.settings.max_retries + 1),
                               retry=retry_if_exception_type((ValidationError,
                                                              json.JSONDecodeError)),
                               reraise=True)
        extra = {"logprobs": True, "top_logprobs": TOP_LOGPROBS} if logprobs else {}
        parsed = await client.chat.completions.create(
            model=model, messages=cast(Any, messages), response_model=response_model,
            context=context,
            max_retries=reasks, strict=False, hooks=hooks,
            temperature=self.settings.temperature, max_tokens=self.settings.max_tokens,
            **extra)
        return parsed, seen[-1] if seen else None

    def _account(self, stage: str, model: str, completion: Any,
                 spent: dict[str, float]) -> None:
        usage = getattr(completion, "usage", None)
        prompt = float(getattr(usage, "prompt_tokens", 0) or 0)
        output = float(getattr(usage, "completion_tokens", 0) or 0)
        price_in, price_out = self.settings.prices(model)
        cost = (prompt * price_in + output * price_out) / 1e6
        counts = [("calls", 1.0), ("prompt_tokens", prompt), ("completion_tokens", output)]
        if self.settings.batch:
            cost *= BATCH_DISCOUNT
            counts.append(("batch_calls", 1.0))
        for counter, amount in (*counts, ("cost_usd", cost)):
            self.usage.add(stage, counter, amount)
            spent[counter] = spent.get(counter, 0.0) + amount


def _estimate_tokens(messages: list[Message], max_tokens: int) -> int:
    return sum(len(m["content"]) for m in messages) // 4 + max_tokens


def _transport_cause(exc: BaseException) -> BaseException | None:
    """The HTTP-level fault behind an instructor error, or None for validation failures."""
    return next((e for e in cause_chain(exc)
                 if isinstance(e, openai.APIError) or _is_cassette_miss(e)), None)


def _is_cassette_miss(exc: BaseException) -> bool:
    from vcr.errors import CannotOverwriteExistingCassetteException
    return isinstance(exc, CannotOverwriteExistingCassetteException)


def _rejects_schema(exc: BaseException) -> bool:
    """An error whose message names the structured-output request (not a server crash)."""
    text = " ".join(str(e) for e in cause_chain(exc)).lower()
    return any(word in text for word in ("response_format", "json_schema", "tool_choice",
                                         "tools are not supported"))


def _salvage(completion: Any, response_model: type[BaseModel]) -> dict[str, Any] | None:
    """The structure of the last answer, unvalidated against the source, when it parses."""
    text = _completion_text(completion)
    if text is None:
        return None
    try:
        return response_model.model_validate_json(text).model_dump(mode="json")
    except (ValidationError, ValueError):
        return None


def _hit_limit(completion: Any, max_tokens: int) -> bool:
    """Some servers (llama-cpp-python) say "tool_calls", not "length", when cut off."""
    usage = getattr(completion, "usage", None)
    return (getattr(usage, "completion_tokens", 0) or 0) >= max_tokens


def _completion_text(completion: Any) -> str | None:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if message.tool_calls:
        return message.tool_calls[0].function.arguments
    content = message.content or ""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", content, re.DOTALL)
    return fenced.group(1) if fenced else content


def _validation_message(exc: InstructorRetryException) -> str:
    cause = next((e for e in cause_chain(exc) if isinstance(e, ValidationError)), None)
    if cause is None:
        return f"invalid answer: {one_line(str(exc))}"
    first = cause.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "answer"
    return (f"invalid answer after {exc.n_attempts} attempts ({cause.error_count()} errors; "
            f"first at {where}: {one_line(first['msg'])})")
