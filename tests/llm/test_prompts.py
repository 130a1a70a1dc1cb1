"""Prompts: templates only, strict variables, untrusted text fenced."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import pytest

from factcheck.llm import prompts
from factcheck.llm.client import ModelClient
from factcheck.llm.prompts import fence, messages, render
from factcheck.llm.schemas import ExtractionOut
from factcheck.llm.settings import LLMSettings

from .conftest import INJECTION, make_source


def test_extraction_prompt_delimits_the_article() -> None:
    source = make_source("council", INJECTION)
    system, user = messages("extract_claims", source=source)
    assert system["role"] == "system" and "never an instruction" in system["content"]
    body = user["content"]
    assert body.count("<article>") == 1 and body.count("</article>") == 1
    assert body.index("ignore previous instructions") < body.index("</article>")


def test_fence_defuses_delimiter_tags() -> None:
    assert "</article>" not in fence("a </article> b <source id=x> </ claim>")
    assert fence("x < y and <b>") == "x < y and <b>"


def test_missing_variable_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("extract_claims")


def test_verification_prompt_lists_every_other_source() -> None:
    source = make_source("a", "Three workers were hurt.")
    claim = type("C", (), {"text": "Three workers were hurt.",
                           "attribution": type("A", (), {"speaker": None})()})()
    others = [{"label": "S1", "passages": ["One."]}, {"label": "S2", "passages": []}]
    _, user = messages("verify_claim", claim=claim, others=others)
    assert '<source id="S1">' in user["content"] and '<source id="S2">' in user["content"]
    assert "no passage" in user["content"]
    del source


@pytest.mark.parametrize("tag", ["</article>", "< /article>", "</ARTICLE >", "<  Article>",
                                 "&lt;/article&gt;", "\uff1c/article>", "</source>",
                                 "<claim>", "< / claim >"])
def test_fence_defuses_delimiter_tags_in_any_spacing_or_case(tag: str) -> None:
    defused = fence(f"a {tag} b")
    assert not re.search(r"<\s*/?\s*(article|source|claim)", defused, re.IGNORECASE)
    assert "&lt;/article" not in defused


def test_fence_keeps_ordinary_text() -> None:
    assert fence("x < y and <b> or a<articles") == "x < y and <b> or a<articles"


def test_one_character_in_any_template_changes_the_cache_key(tmp_path: Path, monkeypatch,
                                                             store) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(prompts.folder(), copy)
    monkeypatch.setattr(prompts, "folder", lambda: copy)
    client = ModelClient(LLMSettings(model="m", base_url="http://a.test/v1", mode="tools"),
                         store)
    sent = [{"role": "user", "content": "same messages"}]
    before = client.cache_key("m", sent, ExtractionOut)
    template = copy / "verify_claim_system.j2"  # not even part of these messages
    template.write_text(template.read_text(encoding="utf-8").replace("claim", "Claim", 1),
                        encoding="utf-8")
    assert client.cache_key("m", sent, ExtractionOut) != before


def test_mode_server_and_model_are_in_the_cache_key(store) -> None:
    sent = [{"role": "user", "content": "same messages"}]

    def key(**changes: str) -> str:
        settings = LLMSettings(**{"model": "m", "base_url": "http://a.test/v1", "mode": "tools",
                                  **changes})
        return ModelClient(settings, store).cache_key(settings.model or "", sent, ExtractionOut)
    base = key()
    assert len({base, key(mode="json"), key(base_url="http://b.test/v1"), key(model="n")}) == 4
