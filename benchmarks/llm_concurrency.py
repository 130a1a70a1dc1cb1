"""Benchmark the LLM engine's concurrency against a server with a fixed latency.

A loopback server replays the responses recorded in a cassette (default: the seeds run,
recorded from a real llama.cpp server by scripts/record-cassettes), each after a fixed
delay. ``factcheck run seeds/ --engine hybrid`` (as recorded) then runs at several
``--concurrency`` levels with the cache off. The server times the model phase (first
request's arrival to last reply), which is set against the ideal: the critical path (the
longest chain of calls that must follow one another: a call and its re-asks, and
extraction before verification) times the latency.

    python benchmarks/llm_concurrency.py [--latency 0.3] [--levels 1 4 16]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CASSETTE = REPO / "cassettes" / "seeds-run.yaml"
# The options the seeds cassette was recorded with (scripts/record-cassettes).
RUN_ARGS = ["--model", "smollm2", "--mode", "tools", "--max-tokens", "384",
            "--max-retries", "1", "--context-tokens", "4096"]


def load_interactions(path: Path) -> dict[str, dict]:
    """Recorded request body -> recorded response."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {i["request"]["body"]: i["response"] for i in data["interactions"]}


def critical_path(bodies: list[str]) -> tuple[int, Counter[str]]:
    """Longest chain of dependent calls, and calls per stage.

    Calls that share their first two messages are one task and its re-asks (sequential);
    all extraction must finish before verification starts.
    """
    chains: dict[str, Counter[str]] = {"extract": Counter(), "verify": Counter()}
    for body in bodies:
        messages = json.loads(body)["messages"]
        stage = "extract" if "extract" in messages[0]["content"][:80] else "verify"
        chains[stage][json.dumps(messages[:2])] += 1
    per_stage = Counter({stage: sum(c.values()) for stage, c in chains.items()})
    return sum(max(c.values(), default=0) for c in chains.values()), per_stage


def make_server(interactions: dict[str, dict], latency: float,
                spans: list[tuple[float, float]]) -> ThreadingHTTPServer:
    """Replays after ``latency`` seconds; appends each request's (arrival, reply) to ``spans``."""

    class Replay(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            arrived = time.perf_counter()
            self._reply()
            spans.append((arrived, time.perf_counter()))

        def _reply(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            response = interactions.get(body)
            time.sleep(latency)
            if response is None:
                self.send_error(404, "no recording for this request")
                return
            payload = response["body"]["string"].encode()
            self.send_response(response["status"]["code"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            return

    return ThreadingHTTPServer(("127.0.0.1", 0), Replay)


def run_once(port: int, concurrency: int, out: Path) -> tuple[float, dict]:
    env = {**os.environ, "OPENAI_API_KEY": "benchmark-no-key"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "factcheck", "run", str(REPO / "seeds"), "--engine",
                    "hybrid", "--base-url", f"http://127.0.0.1:{port}/v1", *RUN_ARGS,
                    "--concurrency", str(concurrency), "--no-cache", "--out", str(out), "-q"],
                   env=env, check=False)
    seconds = time.perf_counter() - start
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return seconds, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cassette", type=Path, default=CASSETTE)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per response")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    interactions = load_interactions(args.cassette)
    path_len, per_stage = critical_path(list(interactions))
    spans: list[tuple[float, float]] = []
    server = make_server(interactions, args.latency, spans)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ideal = path_len * args.latency
    print(f"calls recorded: {dict(per_stage)}; critical path {path_len} calls; ideal model "
          f"phase {ideal:.2f} s at {args.latency * 1000:.0f} ms per call")
    with tempfile.TemporaryDirectory() as tmp:
        for level in args.levels:
            spans.clear()
            seconds, report = run_once(server.server_address[1], level, Path(tmp) / str(level))
            phase = max(e for _, e in spans) - min(a for a, _ in spans)
            print(json.dumps(_row(level, seconds, phase, ideal, report)), flush=True)
    server.shutdown()


def _row(level: int, seconds: float, phase: float, ideal: float, report: dict) -> dict:
    """``phase``: first request's arrival to last reply, as the server saw them."""
    usage, claims = report["run"]["usage"], report["summary"]["claims"]
    tokens = usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
    return {"concurrency": level, "seconds": round(seconds, 2), "model_phase": round(phase, 2),
            "phase_vs_ideal": round(phase / ideal, 2) if ideal else None,
            "calls": usage.get("calls"), "claims": claims,
            "calls_per_claim": round(usage.get("calls", 0) / claims, 2) if claims else None,
            "tokens_per_claim": round(tokens / claims) if claims else None,
            "problems": report["summary"]["problems"]}


if __name__ == "__main__":
    main()
