"""Shared fixtures. Every test runs without OPENAI_* settings and without real model traffic."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builders import MODEL_SETTINGS
from fakeserver import FakeBatches, FakeOpenAI, Script

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _no_model_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Strip OPENAI_*/FACTCHECK_* settings so a developer's key can never leak into a test."""
    for name in list(os.environ):
        if name.startswith(MODEL_SETTINGS):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse connections off loopback; live tests (``-m live``) are exempt."""
    if request.node.get_closest_marker("live"):
        return
    real_connect = socket.socket.connect

    def guarded(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")):
            return real_connect(sock, address)
        if sock.family == socket.AF_UNIX:
            return real_connect(sock, address)
        raise RuntimeError(f"test tried to open a network connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_text() -> dict[str, str]:
    """Seed id (file stem) -> raw text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def fake_openai() -> Iterator[Callable[..., FakeOpenAI]]:
    """Start local fake OpenAI-compatible servers (tests/fakeserver.py); stopped afterwards."""
    started: list[FakeOpenAI] = []

    def start(script: Script, batches: FakeBatches | None = None) -> FakeOpenAI:
        server = FakeOpenAI(script, batches)
        started.append(server)
        return server
    yield start
    for server in started:
        server.stop()
