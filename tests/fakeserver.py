"""A small OpenAI-compatible HTTP server on 127.0.0.1, for fault injection only.

It speaks just enough of ``POST /v1/chat/completions`` for factcheck: each request is
answered by a script, a function of the request's number (from 0) and JSON body that
returns a ``Reply`` (a status, a body, headers, or a hang). Real model traffic is never
faked here: it is recorded in cassettes.

With ``batches=FakeBatches(...)`` it also speaks the Batch API (``POST /v1/files``,
``GET /v1/files/{id}/content``, ``POST /v1/batches``, ``GET /v1/batches/{id}``): each line
of a batch is answered by the same script, when the batch finishes, and a ``BatchPlan``
per batch says how many polls it stays in progress and how it ends (completed, expired,
cancelled, failed).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
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


@dataclass(frozen=True)
class BatchPlan:
    """How one batch behaves: ``polls`` status requests answered in_progress, then
    ``outcome``; an expired or cancelled batch answers only its first ``answered`` lines."""

    polls: int = 0
    outcome: str = "completed"
    answered: int = 0
    errors: tuple[dict[str, Any], ...] = ()
    """A failed batch's ``errors.data`` (default: one naming the problem found, if any)."""


class FakeBatches:
    """The Batch API state: uploaded files, batches (by number from 0) and their polls."""

    def __init__(self, plan: Callable[[int], BatchPlan] = lambda n: BatchPlan()) -> None:
        self.plan = plan
        self.files: dict[str, tuple[str, bytes]] = {}
        """file id -> (purpose, content)."""
        self.batches: list[dict[str, Any]] = []
        self.polls: list[int] = []
        self.lines: list[list[dict[str, Any]]] = []
        """Each batch's input lines, as submitted."""
        self._lock = threading.Lock()

    def route(self, fake: FakeOpenAI, method: str, path: str, headers: Any,
              raw: bytes) -> Reply | None:
        """The reply to a Batch API request, or None for a path that is not one."""
        with self._lock:
            if method == "POST" and path == "/v1/files":
                return self._upload(headers.get("content-type", ""), raw)
            if method == "POST" and path == "/v1/batches":
                return self._create(json.loads(raw))
            if method == "GET" and (found := re.fullmatch(r"/v1/files/([^/]+)/content", path)):
                return self._content(found.group(1))
            if method == "GET" and (found := re.fullmatch(r"/v1/batches/([^/]+)", path)):
                return self._retrieve(fake, found.group(1))
        return None

    def _upload(self, content_type: str, raw: bytes) -> Reply:
        form = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
        parts = {part.get_param("name", header="content-disposition"): part
                 for part in form.iter_parts()}
        purpose = str(parts["purpose"].get_content()).strip()
        content = parts["file"].get_payload(decode=True)
        file_id = f"file-{len(self.files)}"
        self.files[file_id] = (purpose, content)
        return Reply(200, {"id": file_id, "object": "file", "bytes": len(content),
                           "created_at": 0, "filename": "input.jsonl", "purpose": purpose,
                           "status": "processed"})

    def _create(self, body: dict[str, Any]) -> Reply:
        if body.get("input_file_id") not in self.files:
            return error(404, f"No such File object: {body.get('input_file_id')}")
        number = len(self.batches)
        purpose, content = self.files[body["input_file_id"]]
        lines = [json.loads(line) for line in content.decode().splitlines() if line.strip()]
        batch = {"id": f"batch_{number}", "object": "batch", "endpoint": body.get("endpoint"),
                 "errors": None, "input_file_id": body["input_file_id"],
                 "completion_window": body.get("completion_window"), "status": "validating",
                 "output_file_id": None, "error_file_id": None, "created_at": 0,
                 "metadata": body.get("metadata"),
                 "request_counts": {"total": len(lines), "completed": 0, "failed": 0}}
        batch["_problem"] = _contract_problem(purpose, body, lines)
        self.batches.append(batch)
        self.polls.append(0)
        self.lines.append(lines)
        return Reply(200, _public(batch))

    def _content(self, file_id: str) -> Reply:
        if file_id not in self.files:
            return error(404, f"No such File object: {file_id}")
        return Reply(200, self.files[file_id][1], {"content-type": "application/octet-stream"})

    def _retrieve(self, fake: FakeOpenAI, batch_id: str) -> Reply:
        number = next((i for i, b in enumerate(self.batches) if b["id"] == batch_id), None)
        if number is None:
            return error(404, f"No batch with id '{batch_id}' found.")
        batch, plan = self.batches[number], self.plan(number)
        self.polls[number] += 1
        if batch["status"] in ("validating", "in_progress"):
            if self.polls[number] <= plan.polls:
                batch["status"] = "in_progress"
            else:
                self._finish(fake, number, plan)
        return Reply(200, _public(batch))

    def _finish(self, fake: FakeOpenAI, number: int, plan: BatchPlan) -> None:
        """Answer the lines the plan lets through (by the server's script) and end."""
        batch, lines = self.batches[number], self.lines[number]
        if batch["_problem"] or plan.outcome == "failed":
            batch["status"] = "failed"
            batch["errors"] = {"object": "list", "data": list(plan.errors) or [
                {"code": "invalid_request", "message": batch["_problem"], "line": 1}]}
            return
        answered = lines if plan.outcome == "completed" else lines[:plan.answered]
        output, errors = [], []
        for line in answered:
            reply = fake.reply(line["body"])
            body = _json_or_text(reply.body)
            row = {"id": f"batch_req_{len(output) + len(errors)}", "custom_id": line["custom_id"],
                   "response": {"status_code": reply.status, "request_id": "req",
                                "body": body}, "error": None}
            (output if reply.status == 200 else errors).append(row)
        for line in lines[len(answered):]:
            errors.append({"id": "batch_req_x", "custom_id": line["custom_id"],
                           "response": None, "error": {
                               "code": f"batch_{plan.outcome}",
                               "message": "This request could not be executed before the "
                                          f"batch was {plan.outcome}."}})
        batch["output_file_id"] = self._stored(output) if output else None
        batch["error_file_id"] = self._stored(errors) if errors else None
        batch["status"] = plan.outcome
        batch["request_counts"] = {"total": len(lines), "completed": len(output),
                                   "failed": len(errors)}

    def _stored(self, rows: list[dict[str, Any]]) -> str:
        file_id = f"file-{len(self.files)}"
        self.files[file_id] = ("batch_output",
                               "".join(json.dumps(r) + "\n" for r in rows).encode())
        return file_id


def _contract_problem(purpose: str, body: dict[str, Any], lines: list[dict[str, Any]]) -> str:
    """What the real Batch API would reject about this batch, or ''."""
    ids = [line.get("custom_id") for line in lines]
    if purpose != "batch":
        return f"file purpose is {purpose!r}, not 'batch'"
    if body.get("endpoint") != "/v1/chat/completions" or body.get("completion_window") != "24h":
        return "endpoint must be /v1/chat/completions with completion_window 24h"
    if not lines or len(set(ids)) != len(ids) or None in ids:
        return "every line needs a custom_id unique in the batch"
    if any(line.get("method") != "POST" or line.get("url") != "/v1/chat/completions"
           or not isinstance(line.get("body"), dict) for line in lines):
        return "each line must POST a body to /v1/chat/completions"
    return ""


def _json_or_text(body: bytes | dict[str, Any]) -> Any:
    if isinstance(body, dict):
        return body
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")


def _public(batch: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in batch.items() if not k.startswith("_")}


class FakeOpenAI:
    """Serves a script on a free loopback port; ``requests`` holds every body received
    (chat completions, and each batch line answered)."""

    def __init__(self, script: Script, batches: FakeBatches | None = None) -> None:
        self.script = script
        self.batches = batches
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
            raw = self.rfile.read(length)
            if (reply := self._batch_api("POST", raw)) is None:
                reply = fake.reply(json.loads(raw or b"{}"))
            if reply.hang:
                fake.wait_while_hanging()
                return
            self._send(reply)

        def do_GET(self) -> None:
            self._send(self._batch_api("GET", b"") or error(404, f"no route {self.path}"))

        def _batch_api(self, method: str, raw: bytes) -> Reply | None:
            if fake.batches is None:
                return None
            path = self.path.split("?", 1)[0]
            return fake.batches.route(fake, method, path, self.headers, raw)

        def _send(self, reply: Reply) -> None:
            payload = (json.dumps(reply.body).encode() if isinstance(reply.body, dict)
                       else reply.body)
            self.send_response(reply.status)
            headers = {"content-type": "application/json", **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(payload)))
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
