"""Settings precedence (CLI > env > config file > defaults) and one-line config errors."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factcheck.errors import ConfigError
from factcheck.llm import LLMEngine, LLMSettings, llm_options, settings_from_cli


def test_precedence_cli_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "factcheck.toml").write_text(
        'model = "file-model"\nconcurrency = 3\nbase_url = "http://file/v1"\n', "utf-8")
    assert settings_from_cli({}, tmp_path).model == "file-model"
    monkeypatch.setenv("FACTCHECK_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env/v1")
    merged = settings_from_cli({"concurrency": None}, tmp_path)
    assert (merged.model, merged.base_url, merged.concurrency) == ("env-model", "http://env/v1", 3)
    assert settings_from_cli({"model": "cli-model"}, tmp_path).model == "cli-model"


def test_pyproject_tool_table_and_unknown_keys(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nout = "x"\nverify-model = "big"\nmax_calls = 9\n', "utf-8")
    settings = settings_from_cli({}, tmp_path)
    assert (settings.verify_model, settings.max_calls) == ("big", 9)
    assert settings.stage_model("verify") == "big" and settings.stage_model("extract") is None


def test_api_key_is_secret_and_never_read_from_files(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-123")
    settings = settings_from_cli({"model": "m"}, tmp_path)
    assert "sk-test-secret-123" not in repr(settings) + settings.model_dump_json()
    (tmp_path / "factcheck.toml").write_text('api_key = "sk-x"\n', "utf-8")
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        settings_from_cli({}, tmp_path)


def test_bad_value_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text("concurrency = 0\n", "utf-8")
    with pytest.raises(ConfigError) as info:
        settings_from_cli({}, tmp_path)
    assert "concurrency" in str(info.value) and "\n" not in str(info.value)


def test_engine_needs_model_and_key_or_url(store) -> None:
    with pytest.raises(ConfigError, match="needs a model"):
        LLMEngine(LLMSettings(), store)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        LLMEngine(LLMSettings(model="gpt-4o-mini"), store)
    LLMEngine(LLMSettings(model="m", base_url="http://127.0.0.1:1/v1"), store)
    LLMEngine(LLMSettings(model="m", cassette=Path("x.yaml")), store)  # pure replay


def test_click_options_default_to_not_given() -> None:
    seen: dict[str, object] = {}

    @click.command()
    @llm_options
    def cmd(**options: object) -> None:
        seen.update(options)
    result = CliRunner().invoke(cmd, ["--model", "m", "--no-cache", "--record-mode", "once"])
    assert result.exit_code == 0, result.output
    assert seen["model"] == "m" and seen["use_cache"] is False and seen["rpm"] is None
    assert settings_from_cli(seen, Path("/nonexistent")).record_mode == "once"


def test_prices() -> None:
    assert LLMSettings().prices("gpt-4o-mini-2024-07-18") == (0.15, 0.60)
    assert LLMSettings().prices("smollm2") == (0.0, 0.0)
    assert LLMSettings(input_price=1, output_price=2).prices("gpt-4o") == (1, 2)
