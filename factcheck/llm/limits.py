"""Accounting and throttling shared by every stage: usage, cost, budget and rate limits."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from factcheck.errors import BudgetExceeded

COUNTERS = ("calls", "cache_hits", "prompt_tokens", "completion_tokens", "cost_usd")


class Usage:
    """Calls, cache hits, tokens and cost, in total and per stage (``extract.calls``)."""

    def __init__(self) -> None:
        self._totals: dict[str, float] = defaultdict(float)

    def add(self, stage: str, counter: str, amount: float) -> None:
        self._totals[counter] += amount
        self._totals[f"{stage}.{counter}"] += amount

    def get(self, counter: str) -> float:
        return self._totals.get(counter, 0.0)

    def as_dict(self) -> dict[str, float]:
        stages = sorted({k.split(".")[0] for k in self._totals if "." in k})
        extra = sorted({k.split(".")[-1] for k in self._totals} - set(COUNTERS))
        counters = [*COUNTERS, *extra]  # e.g. batch_calls, only in runs that made some
        keys = [*counters, *(f"{s}.{c}" for s in stages for c in counters)]
        return {k: round(self._totals.get(k, 0.0), 6) for k in keys}


class Budget:
    """``--max-calls`` / ``--max-cost``: checked before each model call is started."""

    def __init__(self, usage: Usage, max_calls: int | None, max_cost: float | None) -> None:
        self.usage, self.max_calls, self.max_cost = usage, max_calls, max_cost
        self.started = 0

    def start_call(self) -> None:
        calls = max(self.started, int(self.usage.get("calls")))
        if self.max_calls is not None and calls >= self.max_calls:
            raise BudgetExceeded(f"--max-calls {self.max_calls} reached")
        if self.max_cost is not None and self.usage.get("cost_usd") >= self.max_cost:
            raise BudgetExceeded(f"--max-cost {self.max_cost:g} USD reached")
        self.started += 1


class RateLimiter:
    """Requests and tokens per rolling minute, shared by all concurrent calls."""

    WINDOW = 60.0

    def __init__(self, rpm: int | None, tpm: int | None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.rpm, self.tpm, self.clock, self.sleep = rpm, tpm, clock, sleep
        self._sent: deque[tuple[float, int]] = deque()
        self._lock = asyncio.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    async def acquire(self, tokens: int) -> None:
        """Wait until one more request of about ``tokens`` tokens fits in the window."""
        if self.rpm is None and self.tpm is None:
            return
        if self._loop is not asyncio.get_running_loop():  # one lock per asyncio.run()
            self._loop, self._lock = asyncio.get_running_loop(), asyncio.Lock()
        async with self._lock:
            while (wait := self._wait(tokens)) > 0:
                await self.sleep(wait)
            self._sent.append((self.clock(), tokens))

    def _wait(self, tokens: int) -> float:
        now = self.clock()
        while self._sent and self._sent[0][0] <= now - self.WINDOW:
            self._sent.popleft()
        if not self._sent:
            return 0.0
        over_rpm = self.rpm is not None and len(self._sent) >= self.rpm
        used = sum(t for _, t in self._sent)
        over_tpm = self.tpm is not None and used + tokens > self.tpm
        return self._sent[0][0] + self.WINDOW - now if over_rpm or over_tpm else 0.0
