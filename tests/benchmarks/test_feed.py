"""The scale benchmark's feed generator: reproducible, varied, and never the seeds' wording."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def feed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_feed", ROOT / "benchmarks" / "feed.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def test_same_seed_same_feed(feed: ModuleType, tmp_path: Path) -> None:
    first = feed.write_mixed(60, tmp_path / "a", events=30)
    second = feed.write_mixed(60, tmp_path / "b", events=30)
    assert first == second
    assert _texts(tmp_path / "a") == _texts(tmp_path / "b")
    assert feed.write_mixed(60, tmp_path / "c", events=30, seed=5) != first


def test_mixed_feed_covers_every_event_with_distinct_articles(feed: ModuleType,
                                                             tmp_path: Path) -> None:
    truth = feed.write_mixed(200, tmp_path / "m", events=30)
    sizes = Counter(truth.values())
    assert len(truth) == 200 and len(sizes) == 30 and min(sizes.values()) >= 2
    texts = _texts(tmp_path / "m")
    assert len(set(texts)) > 190  # paraphrases, subsets and outlets vary every article


def test_story_articles_share_the_event_but_vary(feed: ModuleType, tmp_path: Path) -> None:
    texts = _texts(tmp_path) if feed.write_story(20, tmp_path) else []
    heads = {t.splitlines()[0] for t in texts}
    # two headlines, each also in a brief's wording
    assert len(texts) == 20 and len(set(texts)) == 20 and len(heads) <= 4


def test_no_seed_wording(feed: ModuleType, tmp_path: Path, seed_text: dict[str, str]) -> None:
    feed.write_mixed(120, tmp_path, events=30)
    generated = " ".join(_texts(tmp_path))
    for name in ("Korea", "Russia", "Ukraine", "Kursk", "Pyongyang", "missile", "troops"):
        assert name in " ".join(seed_text.values())
        assert name not in generated
