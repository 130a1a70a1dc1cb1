"""The quality benchmark: gold files resolve to claims, and loose properties of the scores.

Scores themselves are not pinned: they move whenever the engine improves.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from factcheck.models import FlagKind, Verdict

ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "quality"


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_evaluate", ROOT / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quake(ev: ModuleType, tmp_path_factory: pytest.TempPathFactory):
    story = ev.STORIES / "earthquake"
    return story, ev.run_story(story, tmp_path_factory.mktemp("quake"))


def test_every_gold_file_is_well_formed(ev: ModuleType) -> None:
    verdicts = {v.value for v in Verdict}
    kinds = {k.value for k in FlagKind}
    found = ev.stories()
    assert {ev.load_gold(s)["split"] for s in found} == {"dev", "held_out"}
    for story in found:
        sources = {p.stem for p in story.glob("*.txt")}
        for item in ev.load_gold(story)["items"]:
            assert item["source"] in sources
            text = (story / f"{item['source']}.txt").read_text(encoding="utf-8")
            assert item["quote"].lower() in text.lower()
            for other, expected in item["expect"].items():
                assert other in sources - {item["source"]}
                assert set(ev._accepted(expected)) <= verdicts
            assert set(item["flags"]) | set(item.get("optional_flags", [])) <= kinds


def test_gold_quotes_resolve_to_claims_of_the_named_source(ev: ModuleType, quake) -> None:
    story, report = quake
    for item in ev.load_gold(story)["items"]:
        claim = ev.find_claim(report, item["source"], item["quote"])
        assert claim is not None and claim.source_id == item["source"]
    with pytest.raises(ValueError):
        ev.find_claim(report, "wire", "a sentence no source contains")


def test_the_conflicting_toll_is_flagged_and_the_consistent_count_is_not(ev: ModuleType,
                                                                         quake) -> None:
    _, report = quake
    toll = ev.find_claim(report, "rewrite", "nearly 300 dead")
    assert FlagKind.numeric_discrepancy in {f.kind for f in toll.flags}
    assert {c.verdict for c in toll.checks} == {Verdict.contradicted}
    rescuers = ev.find_claim(report, "summary", "2,500 rescuers")
    assert FlagKind.numeric_discrepancy not in {f.kind for f in rescuers.flags}
    assert all(c.verdict != Verdict.contradicted for c in rescuers.checks)


def test_scores_count_every_expectation(ev: ModuleType, quake) -> None:
    story, report = quake
    score = ev.score_story(story, report)
    expected = sum(len(item["expect"]) for item in ev.load_gold(story)["items"])
    assert sum(score.confusion.values()) == expected
    assert 0.0 <= score.accuracy() <= 1.0
    numbers = ev.summary(score)
    assert numbers["checks"] == expected
    assert 0.0 <= numbers["flag_precision"] <= 1.0 and 0.0 <= numbers["flag_recall"] <= 1.0


def test_a_wrong_gold_label_is_reported_as_a_miss(ev: ModuleType, quake,
                                                  tmp_path: Path) -> None:
    story, report = quake
    gold = ev.load_gold(story)
    item = next(i for i in gold["items"] if "nearly 300 dead" in i["quote"])
    item["expect"] = {other: "supported" for other in item["expect"]}
    gold["items"] = [item]
    fake = tmp_path / story.name
    fake.mkdir()
    (fake / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    score = ev.score_story(fake, report)
    assert score.accuracy() < 1.0
    assert any("expected supported" in m for m in score.misses)


def test_an_unseen_story_of_my_own_gets_the_unit_first_discrepancy(ev: ModuleType,
                                                                   tmp_path: Path) -> None:
    story = tmp_path / "storm"
    story.mkdir()
    (story / "a.txt").write_text(
        "MIAMI (AP) — Hurricane Lorna made landfall on Tuesday as a Category 4 storm, the "
        "National Hurricane Center said.\n\nAbout 80,000 homes lost power.\n", encoding="utf-8")
    (story / "b.txt").write_text(
        "Hurricane Lorna came ashore on Tuesday as a Category 2 storm.\n\nRoughly 80,000 "
        "homes were left without power.\n", encoding="utf-8")
    gold = {"split": "dev", "items": [
        {"source": "a", "quote": "Category 4 storm", "expect": {"b": "contradicted"},
         "flags": ["contradicted", "numeric_discrepancy"]}]}
    (story / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    score = ev.evaluate(story)
    assert score.flags[("numeric_discrepancy", "tp")] == 1
    assert score.confusion[("contradicted", "contradicted")] == 1
