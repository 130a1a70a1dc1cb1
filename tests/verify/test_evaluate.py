"""``factcheck eval`` end to end on a committed fixture of hand-written pairs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.verify.evaluate import balanced_accuracy, read_pairs

FIXTURE = Path(__file__).parent / "data" / "pairs.jsonl"


def _eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", "eval", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_eval_scores_the_fixture_per_dataset() -> None:
    done = _eval(str(FIXTURE), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["pairs"] == 18 and result["failed"] == 0
    assert set(result["datasets"]) == {"water", "fire", "council"}
    assert sum(sum(row.values()) for row in result["confusion"].values()) == 18
    # Clear-cut pairs: the built-in engine must beat a coin toss by far.
    assert result["balanced_accuracy"] >= 0.75
    assert result["confusion"]["not_mentioned"]["supported"] == 0


def test_eval_prints_a_table(tmp_path: Path) -> None:
    done = _eval(str(FIXTURE), "--limit", "4")
    assert done.returncode == 0
    assert "4 pairs" in done.stderr and "balanced accuracy" in done.stderr


def test_binary_labels_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "binary.jsonl"
    lines = [json.loads(x) for x in FIXTURE.read_text().splitlines()]
    path.write_text("\n".join(json.dumps({"doc": x["doc"], "claim": x["claim"],
                                          "supported": int(x["label"] == "supported")})
                              for x in lines) + "\n")
    pairs = read_pairs(path)
    assert len(pairs) == 18 and all(p.label is None for p in pairs)
    assert sum(p.supported for p in pairs) == 8


@pytest.mark.parametrize("line, message", [
    ('{"doc": "x", "claim": "y"}', "line 2: no usable label"),
    ('{"doc": "x", "claim": "y", "label": "supported"', "line 2: invalid JSON"),
    ('{"doc": "", "claim": "y", "label": "supported"}', "line 2: \"doc\" and \"claim\""),
])
def test_a_bad_line_is_reported_with_its_number(tmp_path: Path, line: str,
                                                 message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(FIXTURE.read_text().splitlines()[0] + "\n" + line + "\n")
    with pytest.raises(InputError, match=message):
        read_pairs(path)
    done = _eval(str(path))
    assert done.returncode == 2 and message.split(":")[0] in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_balanced_accuracy_needs_both_classes() -> None:
    from collections import Counter

    assert balanced_accuracy(Counter({(True, True): 3})) is None
    assert balanced_accuracy(Counter({(True, True): 1, (False, True): 1})) == 0.5
