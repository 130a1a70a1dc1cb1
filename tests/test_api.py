"""``from factcheck import check``: the same Report as ``factcheck run``, no files unless asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import factcheck
from factcheck import Report, check
from factcheck.cli import cli
from factcheck.errors import InputError

FIRST = ("The city council approved a budget of 40 million euros for the new tram line on "
         "Tuesday, Mayor Ines Larraz said. Construction will start in March.")
SECOND = ("The council voted on Tuesday to spend 25 million euros on the new tram line, "
          "according to a statement from the city. Construction will start in March.")


def _masked(report: Report) -> dict[str, object]:
    data = json.loads(report.model_dump_json())
    for key in ("started_at", "finished_at", "duration_s", "versions"):
        data["run"].pop(key)
    return data


def test_check_equals_what_factcheck_run_writes(tmp_path: Path) -> None:
    paths = []
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(cli, ["run", *paths, "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    written = Report.model_validate_json((tmp_path / "out" / "report.json").read_text())
    returned = check(paths, engine="local")
    assert _masked(returned) == _masked(written)
    assert returned.summary.claims > 0 and returned.summary.checks > 0


def test_check_takes_texts_and_dicts_and_writes_nothing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = check([FIRST, {"text": SECOND, "outlet": "Tram Weekly", "url": "https://t.example/1",
                            "published": "2025-02-01"}])
    assert isinstance(report, Report)
    assert [s.id for s in report.sources] == ["text-1", "article-2"]
    assert report.sources[1].outlet == "Tram Weekly"
    assert report.sources[1].url == "https://t.example/1"
    assert report.sources[1].published == "2025-02-01"
    assert report.summary.sources == 2
    assert list(tmp_path.iterdir()) == []


def test_check_keeps_the_run_directory_when_asked(tmp_path: Path) -> None:
    check([FIRST, SECOND], out=tmp_path / "run")
    assert {"report.json", "report.md", "report.html", "factcheck.sqlite"} <= {
        p.name for p in (tmp_path / "run").iterdir()}


@pytest.mark.parametrize("bad", ["one text", [], [{"body": "x", "date": "2024"}], [3.5]])
def test_check_refuses_bad_input_with_a_reason(bad: object) -> None:
    with pytest.raises(InputError):
        check(bad)  # type: ignore[arg-type]


def test_public_names_are_listed() -> None:
    assert set(factcheck.__all__) == {"Report", "check", "__version__"}
    assert all(hasattr(factcheck, name) for name in factcheck.__all__)
