"""A small OpenAI-compatible HTTP server on 127.0.0.1, for fault injection only.

It speaks just enough of ``POST /v1/chat/completions`` for factcheck: each request is
answered by a script, a function of the request's number (from 0) and JSON body that
returns a ``Reply`` (a status, a body, headers, or a hang). Real model traffic is never
faked here: it is recorded in cassettes.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes | dict[str, Any] = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False
    """Accept the request and never answer (until the server stops)."""


Script = Callable[[int, dict[str, Any]], Reply]
HANG = Reply(hang=True)


def error(status: int, message: str, **headers: str) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "fake"}}, headers)


def completion(arguments: str | dict[str, Any], name: str = "ExtractionOut") -> Reply:
    """A 200 chat completion whose one tool call carries ``arguments``."""
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return Reply(200, {
        "id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": None, "tool_calls": [{
                "id": "call_0", "type": "function",
                "function": {"name": name, "arguments": raw}}]}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    })


def article_of(body: dict[str, Any]) -> str:
    """The article text an extraction request carries (between its <article> tags)."""
    prompt = next((str(m["content"]) for m in body["messages"]
                   if m.get("role") == "user" and "<article>" in str(m.get("content"))), "")
    return prompt.split("<article>", 1)[-1].split("</article>", 1)[0].strip()


def is_extraction(body: dict[str, Any]) -> bool:
    return "ExtractionOut" in json.dumps(body.get("tools") or body.get("response_format"))


class FakeOpenAI:
    """Serves a script on a free loopback port; ``requests`` holds every body received."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        """When each request arrived (time.monotonic)."""
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            number = len(self.requests)
            self.requests.append(body)
            self.times.append(time.monotonic())
        return self.script(number, body)

    def wait_while_hanging(self) -> None:
        self._stopping.wait(60)

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            reply = fake.reply(body)
            if reply.hang:
                fake.wait_while_hanging()
                return
            payload = (json.dumps(reply.body).encode() if isinstance(reply.body, dict)
                       else reply.body)
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def refused_url() -> str:
    """An address on loopback where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
