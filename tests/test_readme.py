"""The README's first two commands are the project's promise; CI must run the second one."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_starts_with_run_and_test_commands() -> None:
    run_command, test_command = _readme_commands()[:2]
    assert run_command.endswith("factcheck run seeds/")
    assert test_command.endswith("pytest")


def test_ci_calls_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci
