"""Record and replay all model traffic with vcrpy (which patches httpx2, openai's stack).

Requests match on method, path and body, so a changed prompt or input is a clear
``CassetteMiss``, never a wrong answer. The body is compared without ``logprobs`` and
``top_logprobs``: asking for log-probabilities changes no generated token (decoding is
greedy), so an answer recorded without them replays as the same answer, without them.
Secrets are removed before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import vcr
from vcr.cassette import Cassette

from factcheck.errors import CassetteMiss
from factcheck.llm.settings import LLMSettings

MATCH_ON = ("method", "path", "generation")
OBSERVATION_ONLY = ("logprobs", "top_logprobs")
"""Request fields that change what the server reports, not what the model generates."""
SECRET_HEADERS = ("authorization", "api-key", "x-api-key", "cookie", "set-cookie",
                  "openai-organization", "openai-project", "x-goog-api-key")
SECRET_FIELDS = frozenset({"api_key", "apikey", "api-key", "key", "secret", "token",
                           "access_token", "password"})
REDACTED = "REDACTED"


@contextmanager
def recording(settings: LLMSettings) -> Iterator[None]:
    """A cassette around the whole run when ``settings.cassette`` is set; else a no-op."""
    with cassette(settings):
        yield


@contextmanager
def cassette(settings: LLMSettings) -> Iterator[Cassette | None]:
    """Like ``recording`` but yields the cassette, so tests can check ``all_played``."""
    if settings.cassette is None:
        yield None
        return
    path = settings.cassette
    if settings.record_mode == "none" and not path.is_file():
        raise CassetteMiss(f"cassette {path} does not exist; record it with "
                           "scripts/record-cassettes or pass --record-mode once")
    secret = settings.api_key.get_secret_value() if settings.api_key else None
    with recorder(settings.record_mode, secret).use_cassette(str(path)) as tape:
        yield tape


def recorder(record_mode: str, secret: str | None = None) -> vcr.VCR:
    """The project's vcrpy configuration (also used by the tests and the recorder script)."""
    config = vcr.VCR(
        record_mode=record_mode, match_on=MATCH_ON, filter_headers=list(SECRET_HEADERS),
        before_record_request=_scrub_request(secret),
        before_record_response=_scrub_response(secret),
        decode_compressed_response=True,
        drop_unused_requests=record_mode == "all",  # "all" re-records: keep nothing stale
    )
    config.register_matcher("generation", same_generation)
    return config


def same_generation(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the bodies ask for the same generation (``OBSERVATION_ONLY`` aside)."""
    if _generation(r1.body) != _generation(r2.body):
        raise AssertionError("the request bodies ask for different generations")


def _generation(body: bytes | str | None) -> Any:
    raw = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(data, dict):
        for name in OBSERVATION_ONLY:
            data.pop(name, None)
    return data


def _scrub_request(secret: str | None) -> Callable[[Any], Any]:
    def scrub(request: Any) -> Any:
        if request.body:
            request.body = _scrub_body(request.body, secret)
        return request
    return scrub


def _scrub_response(secret: str | None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def scrub(response: dict[str, Any]) -> dict[str, Any]:
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() in SECRET_HEADERS:
                del headers[name]
        body = response.get("body", {})
        if body.get("string"):
            body["string"] = _scrub_body(body["string"], secret)
        return response
    return scrub


def _scrub_body(body: bytes | str, secret: str | None) -> bytes | str:
    """Drop secret-named JSON fields and every occurrence of the API key itself."""
    raw = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        text = json.dumps(_scrub_json(json.loads(raw)), ensure_ascii=False,
                          separators=(",", ":"))
        if text == json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")):
            text = raw  # nothing removed: keep the bytes exactly as sent
    except ValueError:
        text = raw
    if secret and len(secret) >= 8:
        text = text.replace(secret, REDACTED)
    return text.encode("utf-8") if isinstance(body, bytes) else text


def _scrub_json(value: Any) -> Any:
    """Secret-named fields redacted, except under ``logprobs``: there ``token`` is a piece
    of the model's output (the API key itself is still replaced everywhere)."""
    if isinstance(value, dict):
        return {k: (v if k == "logprobs" else REDACTED if k.lower() in SECRET_FIELDS
                    else _scrub_json(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_json(v) for v in value]
    return value
