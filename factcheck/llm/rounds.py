"""``--batch``: the engine's chat completions gathered into Batch API rounds.

The engine runs exactly as it does synchronously (same prompts, same instructor parsing,
validation and re-asks, same cache); only the HTTP transport under the openai client
differs. Instead of sending a chat completion, it parks the request until every job of the
stage is waiting on one, then submits all parked requests as one batch and hands each its
line's answer. A job that needs another call afterwards (instructor re-asking an invalid
answer, an extraction window split after a cut-off answer) parks again and goes into the
next round, so nothing is dropped and each round is one batch.

Transport retries live here too (the openai client under it makes none): a line that failed
with a 5xx or 429 is asked again in the next round, up to ``--max-retries`` times.
"""

from __future__ import annotations

import asyncio
import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import httpx2

from factcheck.llm.batch import BatchRunner, LineResult, custom_id
from factcheck.models import FailureKind

STAGE: ContextVar[str] = ContextVar("factcheck_batch_stage", default="run")
"""The stage (extract, verify) whose call is being made: names the batch it goes in."""
IDLE_SPINS = 50
IDLE_SECONDS = 0.25
"""A round closes when no request arrived over this many event-loop turns and then this
long: every job is then waiting on its answer. The pause covers the openai client's first
request on a new client, which reads platform details in a worker thread (slow on a busy
machine); a quarter second is nothing next to a batch's minutes, and a request that still
misses its round only goes in the next one."""


class BatchLineError(Exception):
    """A request its batch gave no answer for, after the retries its kind allows."""

    def __init__(self, message: str, kind: FailureKind, stops: bool = False) -> None:
        self.kind, self.stops = kind, stops
        super().__init__(message)


@dataclass
class _Round:
    """Requests parked for the next batch, by custom_id (the same request goes once)."""

    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    waiting: dict[str, list[asyncio.Future[LineResult]]] = field(default_factory=dict)
    stages: set[str] = field(default_factory=set)


class BatchTransport(httpx2.AsyncBaseTransport):
    """Answers ``POST .../chat/completions`` from batch rounds run by ``runner``."""

    def __init__(self, runner: BatchRunner, retries: int) -> None:
        self.runner, self.retries = runner, retries
        self.rounds = 0
        self._round = _Round()
        self._arrivals = 0
        self._closing: asyncio.Task[None] | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if not request.url.path.endswith("/chat/completions"):
            raise ValueError(f"--batch sends only chat completions, not {request.url.path}")
        body = json.loads(request.content)
        for attempt in range(self.retries + 1):
            result = await self._answer(body)
            if result.ok or not result.retryable or attempt == self.retries:
                break
        if not result.ok:
            tried = f" (after {attempt} more batches)" if attempt else ""
            raise BatchLineError(f"{result.error or 'no answer'}{tried}", result.kind,
                                 result.stops)
        return httpx2.Response(200, json=result.body, request=request)

    async def _answer(self, body: dict[str, Any]) -> LineResult:
        """Park the request in the open round; its line's result once the batch is done."""
        cid = custom_id(body)
        future: asyncio.Future[LineResult] = asyncio.get_running_loop().create_future()
        self._round.requests.setdefault(cid, body)
        self._round.waiting.setdefault(cid, []).append(future)
        self._round.stages.add(STAGE.get())
        self._arrivals += 1
        if self._closing is None:
            self._closing = asyncio.create_task(self._close_when_idle())
        return await future

    async def _close_when_idle(self) -> None:
        """Wait until requests stop arriving, then run the round as a batch."""
        seen = -1
        while seen != self._arrivals:
            seen = self._arrivals
            for _ in range(IDLE_SPINS):
                await asyncio.sleep(0)
            await asyncio.sleep(IDLE_SECONDS)
        current, self._round, self._closing = self._round, _Round(), None
        self.rounds += 1
        try:
            results = await self.runner.run("+".join(sorted(current.stages)),
                                            list(current.requests.items()))
        except Exception as exc:  # a transport fault of the Batch API itself
            for futures in current.waiting.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(exc)
            return
        for cid, futures in current.waiting.items():
            for future in futures:
                if not future.done():
                    future.set_result(results[cid])

    async def aclose(self) -> None:
        if self._closing is not None:
            self._closing.cancel()
