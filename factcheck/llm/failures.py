"""Model failures: their kinds, their one-line messages, and the per-stage tally.

Every logical call (one per source for extraction, one per claim for verification) is
counted once, cached or not; a call that still fails after the retries its kind allows is
counted by kind. The tally becomes ``run.failures``, and the CLI's exit code reads it.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import openai

from factcheck.models import FailureKind, Failures, StageFailures


class MalformedResponse(Exception):
    """A 200 whose body is not a chat completion: a server fault, retried with backoff.

    Raised inside the HTTP client (a response hook), so the openai client's own retry
    layer backs off and retries it like a 5xx, and instructor never re-asks for it.
    """


async def check_completion_body(response: httpx2.Response) -> None:
    """Response hook: a successful chat completion must be a JSON object with choices."""
    if response.status_code != 200 or not response.request.url.path.endswith(
            "/chat/completions"):
        return
    await response.aread()
    try:
        body = json.loads(response.content)
    except json.JSONDecodeError as exc:
        raise MalformedResponse(f"unparseable JSON ({exc.msg}): {_snippet(response)}") from exc
    except ValueError as exc:  # not UTF-8
        raise MalformedResponse(f"undecodable body: {_snippet(response)}") from exc
    if not isinstance(body, dict) or not isinstance(body.get("choices"), list) \
            or not body["choices"]:
        raise MalformedResponse(f"JSON without choices: {_snippet(response)}")


def _snippet(response: httpx2.Response, limit: int = 60) -> str:
    text = " ".join(response.content.decode("utf-8", "replace").split())
    return repr(text if len(text) <= limit else text[:limit] + "...")


def cause_chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and what raised it, outermost first (each once, cycles cut)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify(exc: openai.APIError) -> FailureKind:
    """The kind of a transport fault that survived the openai client's retries."""
    if isinstance(exc, openai.RateLimitError):
        return FailureKind.rate_limit
    if isinstance(exc, openai.APITimeoutError):
        return FailureKind.timeout
    if isinstance(exc, openai.APIStatusError):
        return (FailureKind.server_error if exc.status_code >= 500
                else FailureKind.request_error)
    if refused(exc):
        return FailureKind.connection_refused
    return FailureKind.server_error


def refused(exc: BaseException) -> bool:
    """Nothing accepted the connection: a wrong address, or a server that is down."""
    return any(isinstance(e, httpx2.ConnectError | ConnectionRefusedError)
               for e in cause_chain(exc))


def describe(exc: openai.APIError, where: str, timeout: float, retries: int) -> str:
    """What happened, in one line a person can act on."""
    tried = f" after {retries} {'retry' if retries == 1 else 'retries'}" if retries else ""
    if isinstance(exc, openai.APITimeoutError):
        return f"no answer from {where} within {timeout:g} s{tried} (--timeout)"
    if isinstance(exc, openai.APIStatusError):
        detail = _server_message(exc.body)
        return f"HTTP {exc.status_code} from {where}{tried}" + (f": {detail}" if detail else "")
    malformed = next((e for e in cause_chain(exc) if isinstance(e, MalformedResponse)), None)
    if malformed is not None:
        return f"HTTP 200 from {where} that is not a chat completion{tried}: {malformed}"
    if refused(exc):
        return f"cannot reach the model server at {where} (connection refused){tried}"
    cause = exc.__cause__
    reason = f"{type(cause).__name__}: {cause}" if cause else str(exc)
    return f"connection to {where} failed{tried} ({one_line(reason, 120)})"


def _server_message(body: Any) -> str:
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        return one_line(str(message), 160) if message else ""
    return one_line(str(body), 160) if body else ""


def one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 3] + "..."


class FailureLog:
    """Calls and failures per stage, shared by every concurrent call of a run."""

    def __init__(self) -> None:
        self._stages: dict[str, StageFailures] = {}

    def _stage(self, stage: str) -> StageFailures:
        return self._stages.setdefault(stage, StageFailures())

    def call(self, stage: str) -> None:
        self._stage(stage).calls += 1

    def failed(self, stage: str, kind: FailureKind, message: str) -> None:
        entry = self._stage(stage)
        entry.failed += 1
        entry.kinds[kind] = entry.kinds.get(kind, 0) + 1
        entry.first = entry.first or message

    def not_done(self, stage: str) -> None:
        self._stage(stage).not_done += 1

    def as_model(self) -> Failures:
        kinds: dict[FailureKind, int] = {}
        for entry in self._stages.values():
            for kind, count in entry.kinds.items():
                kinds[kind] = kinds.get(kind, 0) + count
        return Failures(total=sum(kinds.values()), kinds=dict(sorted(kinds.items())),
                        stages={k: v.model_copy(deep=True)
                                for k, v in sorted(self._stages.items())})
