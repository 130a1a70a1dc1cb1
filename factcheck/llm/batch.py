"""The OpenAI Batch API: chat-completion requests as one JSONL file, polled, collected.

Half the price of synchronous calls, answered within 24 hours. Each batch id and the state
of each of its requests (by ``custom_id``, a hash of the request body) are committed to the
run store as soon as the server has accepted the batch, and each answer as soon as it is
downloaded, so a run that crashed or was interrupted polls its batches again instead of
submitting (and paying for) the same requests twice.

This module knows nothing of prompts or answers: it takes ``(custom_id, body)`` pairs and
returns, per custom_id, the HTTP status and body the server gave that line, or why it gave
none.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import openai

from factcheck.models import FailureKind
from factcheck.store import BatchRecord, Store

BATCH_DISCOUNT = 0.5
"""Batch API calls cost half the synchronous price (input and output tokens alike)."""
ENDPOINT: Final = "/v1/chat/completions"
WINDOW: Final = "24h"
MAX_LINES = 50_000
MAX_FILE_BYTES = 190 * 2**20
"""The Batch API takes up to 50,000 requests and 200 MB per input file."""
FINISHED = frozenset({"completed", "failed", "expired", "cancelled"})
log = logging.getLogger(__name__)
"""One INFO line each time a batch reaches a new status (the CLI shows them on stderr)."""


@dataclass(frozen=True)
class LineResult:
    """What the server gave one request: a status and body, or why there is none."""

    status: int | None
    body: Any = None
    error: str | None = None
    stops: bool = False
    """The batch was refused as a whole (status ``failed``): the next would be too."""

    @property
    def ok(self) -> bool:
        return self.status == 200 and isinstance(self.body, dict)

    @property
    def kind(self) -> FailureKind:
        """How a failed line counts in ``run.failures``."""
        if self.status == 429:
            return FailureKind.rate_limit
        if self.status is not None and 400 <= self.status < 500:
            return FailureKind.request_error
        return FailureKind.server_error

    @property
    def retryable(self) -> bool:
        """A transient server fault (5xx, 429): worth another batch; the rest are final."""
        return self.status is not None and (self.status == 429 or self.status >= 500)


@dataclass(frozen=True)
class Polling:
    """Seconds between status requests: ``first``, growing by ``factor`` up to ``longest``."""

    first: float = 10.0
    factor: float = 1.5
    longest: float = 300.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay
            delay = min(delay * self.factor, self.longest)


def custom_id(body: dict[str, Any]) -> str:
    """The request's content address: the same request always gets the same id."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:40]


Status = Callable[[BatchRecord, Any], None]
"""Told each status a batch reaches (the record and the server's ``Batch`` object)."""


class BatchRunner:
    """Submits, polls and collects batches through one ``openai.AsyncOpenAI`` client."""

    def __init__(self, api: openai.AsyncOpenAI, store: Store, polling: Polling = Polling(),
                 on_status: Status | None = None) -> None:
        self.api, self.store, self.polling, self.on_status = api, store, polling, on_status
        self.where = str(api.base_url).rstrip("/")

    async def run(self, stage: str,
                  requests: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, LineResult]:
        """The server's answer for every request: from the store (answered before), from
        a batch submitted before (polled, not resubmitted), else from new batches."""
        known = self.store.batch_requests(cid for cid, _ in requests)
        results = {cid: LineResult(200, json.loads(row[2])) for cid, row in known.items()
                   if row[1] == "answered" and row[2] is not None}
        pending = {row[0] for cid, row in known.items()
                   if row[1] == "submitted" and cid not in results}
        pending -= await self._lost(pending)
        waiting = {cid for cid, row in known.items() if row[0] in pending}
        fresh = [(cid, body) for cid, body in dict(requests).items()
                 if cid not in results and cid not in waiting]
        for chunk in _chunks(fresh):
            pending.add(await self._submit(stage, chunk))
        for collected in await asyncio.gather(*(self._collect(b) for b in sorted(pending))):
            results.update(collected)
        return {cid: results.get(cid, LineResult(None, None, "the batch output has no line "
                                                 "for this request")) for cid, _ in requests}

    async def _lost(self, batch_ids: set[str]) -> set[str]:
        """Batches the server no longer knows (another account or server): resubmitted."""
        lost = set()
        for batch_id in batch_ids:
            try:
                await self.api.batches.retrieve(batch_id)
            except openai.NotFoundError:
                lost.add(batch_id)
        return lost

    async def _submit(self, stage: str, lines: Sequence[tuple[str, dict[str, Any]]]) -> str:
        """Upload the JSONL file, create the batch, and record both before anything else."""
        payload = "".join(json.dumps({"custom_id": cid, "method": "POST", "url": ENDPOINT,
                                      "body": body}) + "\n" for cid, body in lines)
        upload = await self.api.files.create(
            file=(f"factcheck-{stage}.jsonl", payload.encode(), "application/jsonl"),
            purpose="batch")
        batch = await self.api.batches.create(
            input_file_id=upload.id, endpoint=ENDPOINT, completion_window=WINDOW,
            metadata={"factcheck_stage": stage, "requests": str(len(lines))})
        record = _record(batch, stage)
        self.store.batch_submitted(record, [cid for cid, _ in lines])
        self._told(record, batch)
        return batch.id

    async def _collect(self, batch_id: str) -> dict[str, LineResult]:
        """Poll until the batch is finished, then its answers and errors by custom_id."""
        batch = await self._finished(batch_id)
        results: dict[str, LineResult] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                results.update(_parse(await self._content(file_id)))
        members = self.store.batch_members(batch_id)
        reason = self._unanswered(batch)
        unanswered = LineResult(None, None, reason, batch.status == "failed")
        for cid in members:  # the batch's own reason beats a line's "batch_expired"
            if cid not in results or (results[cid].status is None and batch.status != "completed"):
                results[cid] = unanswered
        record = _record(batch, "")
        self.store.batch_collected(record, [(cid, *_stored(results[cid])) for cid in members])
        return results

    async def _finished(self, batch_id: str) -> Any:
        """The batch once it has finished, polling with backoff; each status is recorded."""
        last = None
        for delay in self.polling.delays():
            batch = await self.api.batches.retrieve(batch_id)
            if batch.status != last:
                last = batch.status
                record = _record(batch, "")
                self.store.batch_status(record)
                self._told(record, batch)
            if batch.status in FINISHED:
                return batch
            await asyncio.sleep(delay)
        raise AssertionError("Polling.delays() never ends")

    async def _content(self, file_id: str) -> str:
        content = await self.api.files.content(file_id)
        return content.text

    def _unanswered(self, batch: Any) -> str:
        """One line for a request the batch gave no answer for: what happened, what to do."""
        name = f"batch {batch.id} at {self.where}"
        if batch.status == "failed":
            return f"{name} failed: {first_error(batch)}; fix it and run again"
        if batch.status == "expired":
            return (f"{name} expired: not answered within its {WINDOW} window; run again "
                    "to resubmit the requests it did not answer")
        if batch.status == "cancelled":
            return (f"{name} was cancelled before answering this request; run again to "
                    "resubmit it")
        return f"{name} finished without a line for this request"

    def _told(self, record: BatchRecord, batch: Any) -> None:
        log.info(describe(batch))
        if self.on_status is not None:
            self.on_status(record, batch)


def describe(batch: Any) -> str:
    """'batch batch_abc (extract, 120 requests): in_progress, 40 done, 1 failed'."""
    stage = (getattr(batch, "metadata", None) or {}).get("factcheck_stage", "")
    counts = getattr(batch, "request_counts", None)
    total = getattr(counts, "total", 0) or 0
    label = f" ({stage}, {total} requests)" if stage and total else (
        f" ({stage})" if stage else "")
    done = (f", {counts.completed} done, {counts.failed} failed"
            if counts is not None and total and batch.status != "validating" else "")
    return f"batch {batch.id}{label}: {batch.status}{done}"


def first_error(batch: Any) -> str:
    """The first error a failed batch reports (its input was rejected), in one line."""
    data = getattr(getattr(batch, "errors", None), "data", None) or []
    if not data:
        return "the server gave no reason"
    error = data[0]
    line = f" (input line {error.line})" if getattr(error, "line", None) else ""
    more = f"; {len(data) - 1} more" if len(data) > 1 else ""
    return f"{error.code or 'error'}: {' '.join(str(error.message).split())}{line}{more}"


def _record(batch: Any, stage: str) -> BatchRecord:
    error = first_error(batch) if batch.status == "failed" else None
    return BatchRecord(batch.id, stage, batch.status, batch.input_file_id,
                       batch.output_file_id, batch.error_file_id, error,
                       datetime.now(UTC).isoformat(timespec="seconds"))


def _stored(result: LineResult) -> tuple[str, str | None]:
    """(state, response) kept for a line: only an answer is ever served again."""
    if result.ok:
        return "answered", json.dumps(result.body)
    return "failed", None


def _parse(text: str) -> dict[str, LineResult]:
    """Output or error file lines by custom_id; an unreadable line gets no entry."""
    results: dict[str, LineResult] = {}
    for raw in text.splitlines():
        try:
            line = json.loads(raw)
            cid = line["custom_id"]
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
        results[cid] = _line(line)
    return results


def _line(line: dict[str, Any]) -> LineResult:
    response = line.get("response") or {}
    error = line.get("error") or {}
    status, body = response.get("status_code"), response.get("body")
    if status == 200 and isinstance(body, dict):
        return LineResult(200, body)
    if status is not None:
        return LineResult(int(status), body, _message(body) or f"HTTP {status}")
    code = error.get("code") or "error"
    return LineResult(None, None, f"{code}: {_message({'error': error}) or 'no answer'}")


def _message(body: Any) -> str:
    inner = body.get("error", body) if isinstance(body, dict) else body
    message = inner.get("message") if isinstance(inner, dict) else inner
    return " ".join(str(message).split())[:200] if message else ""


def _chunks(lines: Sequence[tuple[str, dict[str, Any]]]
            ) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Requests split into input files the Batch API accepts (lines and bytes)."""
    chunk: list[tuple[str, dict[str, Any]]] = []
    size = 0
    for cid, body in lines:
        length = len(json.dumps(body)) + 120
        if chunk and (len(chunk) >= MAX_LINES or size + length > MAX_FILE_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append((cid, body))
        size += length
    if chunk:
        yield chunk
