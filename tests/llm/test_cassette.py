"""Recording removes secrets; replay matches on method, path and body."""

from __future__ import annotations

import httpx2
import pytest
import yaml

from factcheck.llm.cassette import _scrub_body, recorder

SECRET = "sk-live-0123456789abcdef"


def _post(client: httpx2.Client) -> httpx2.Response:
    return client.post("http://127.0.0.1:9/v1/chat/completions",
                       headers={"Authorization": f"Bearer {SECRET}", "OpenAI-Organization": "o",
                                "api-key": SECRET, "Cookie": "a=b"},
                       json={"model": "m", "api_key": SECRET, "messages": []})


def test_recording_writes_no_secret(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    fake = httpx2.MockTransport(lambda r: httpx2.Response(
        200, json={"ok": SECRET}, headers={"Set-Cookie": "s=1", "openai-project": "p"}))
    with recorder("all", SECRET).use_cassette(str(path)), httpx2.Client(transport=fake) as c:
        _post(c)
    text = path.read_text()
    assert SECRET not in text
    for header in ("authorization", "openai-organization", "api-key", "cookie", "set-cookie",
                   "openai-project"):
        assert f"{header}:" not in text.lower()
    interaction = yaml.safe_load(text)["interactions"][0]
    assert "REDACTED" in interaction["request"]["body"]


def test_replay_matches_body(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    fake = httpx2.MockTransport(lambda r: httpx2.Response(200, json={"n": 1}))
    with recorder("all").use_cassette(str(path)), httpx2.Client(transport=fake) as c:
        c.post("http://127.0.0.1:9/v1/x", json={"a": 1})
    refuse = httpx2.MockTransport(lambda r: pytest.fail("replay reached the transport"))
    with recorder("none").use_cassette(str(path)), httpx2.Client(transport=refuse) as c:
        assert c.post("http://127.0.0.1:7/v1/x", json={"a": 1}).json() == {"n": 1}
        with pytest.raises(Exception, match="Can't play back"):
            c.post("http://127.0.0.1:9/v1/x", json={"a": 2})


def test_scrub_keeps_untouched_bodies_byte_identical() -> None:
    body = b'{"model":"m",  "messages":[]}'
    assert _scrub_body(body, None) == body


def test_record_mode_all_keeps_nothing_stale(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    fake = httpx2.MockTransport(lambda r: httpx2.Response(200, json={"n": 1}))
    for value in (1, 2):
        with recorder("all").use_cassette(str(path)), httpx2.Client(transport=fake) as c:
            c.post("http://127.0.0.1:9/v1/x", json={"a": value})
    bodies = [i["request"]["body"] for i in yaml.safe_load(path.read_text())["interactions"]]
    assert bodies == ['{"a":2}']


def test_recording_keeps_the_models_logprob_tokens(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    logprobs = {"content": [{"token": "supp", "logprob": -0.2, "bytes": None,
                             "top_logprobs": [{"token": "not", "logprob": -1.9,
                                               "bytes": None}]},
                            {"token": SECRET, "logprob": -9.0, "bytes": None,
                             "top_logprobs": []}]}
    fake = httpx2.MockTransport(lambda r: httpx2.Response(200, json={
        "token": "t-0123456789", "choices": [{"index": 0, "logprobs": logprobs}]}))
    with recorder("all", SECRET).use_cassette(str(path)), httpx2.Client(transport=fake) as c:
        c.post("http://127.0.0.1:9/v1/x", json={"a": 1, "logprobs": True, "top_logprobs": 10})
    text = path.read_text()
    assert SECRET not in text and "t-0123456789" not in text
    refuse = httpx2.MockTransport(lambda r: pytest.fail("replay reached the transport"))
    with recorder("none").use_cassette(str(path)), httpx2.Client(transport=refuse) as c:
        replayed = c.post("http://127.0.0.1:9/v1/x", json={"a": 1}).json()  # asked without
    tokens = replayed["choices"][0]["logprobs"]["content"]
    assert [t["token"] for t in tokens] == ["supp", "REDACTED"]
    assert tokens[0]["top_logprobs"][0]["token"] == "not"
