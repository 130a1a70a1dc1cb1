"""The sample articles: their junk goes, their reporting stays, spans stay honest."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import ingest
from factcheck.models import Source


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    result = ingest([str(seeds)])
    assert result.problems == []
    return {s.id: s for s in result.sources}


def removed(source: Source, kind: str | None = None) -> str:
    return "\n".join(b.text for b in source.removed if kind is None or b.kind == kind)


def _by_prefix(sources: dict[str, Source], prefix: str) -> Source:
    return next(s for sid, s in sources.items() if sid.startswith(prefix))


def test_every_seed_is_read_in_name_order(sources: dict[str, Source],
                                          seed_text: dict[str, str]) -> None:
    assert list(sources) == sorted(seed_text)
    assert all(s.format == "txt" for s in sources.values())


def test_boilerplate_spans_point_into_the_raw_text(sources: dict[str, Source],
                                                   seed_text: dict[str, str]) -> None:
    for sid, source in sources.items():
        raw = seed_text[sid].replace("\r\n", "\n")
        for entry in source.removed:
            assert raw[entry.span[0]:entry.span[1]] == entry.text


def test_cleaned_lines_are_verbatim_raw_lines(sources: dict[str, Source],
                                              seed_text: dict[str, str]) -> None:
    for sid, source in sources.items():
        for line in filter(None, source.text.split("\n")):
            assert line in seed_text[sid]


def test_paywall_notices_removed(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "001")
    for junk in ("We are having trouble retrieving the article content.",
                 "Please enable JavaScript", "Thank you for your patience while we verify access",
                 "Already a subscriber? Log in.", "Subscribe."):
        assert junk not in source.text
        assert junk in removed(source, "paywall")
    assert source.text.endswith("exploded midair shortly after takeoff.")


def test_sentence_without_headline_is_not_a_title(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "001")
    assert source.title is None
    assert source.text.startswith("Pyongyang has long coveted")
    assert "said in an interview with SBS-TV on Friday." in source.text


def test_source_lines_are_removed(sources: dict[str, Source]) -> None:
    for prefix in ("000", "001", "004"):
        source = _by_prefix(sources, prefix)
        line = removed(source, "source_line")
        assert line and line not in source.text
        assert (source.upstream or source.outlet or "") in line


def test_read_at_and_original_source_lines_name_the_upstream_not_the_outlet(
        sources: dict[str, Source]) -> None:
    for prefix in ("000", "004"):
        source = _by_prefix(sources, prefix)
        assert source.outlet is None and source.outlet_rule is None
        assert source.upstream is not None and "." in source.upstream


def test_a_scraped_copy_with_the_sites_paywall_takes_its_source_line_as_outlet(
        sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "001")
    assert source.outlet is not None and "." in source.outlet
    assert source.outlet_rule is not None and "paywall" in source.outlet_rule
    assert source.upstream is None


def test_wire_copy(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "002")
    assert source.outlet == "AP"
    assert source.outlet_rule == "the dateline credit '(AP)'"
    assert source.title is not None and source.title.startswith("South Korea says")
    assert source.text.startswith("SEOUL, South Korea (AP) — A senior South Korean official")
    for junk in ("See also", "All rights reserved", "It is prohibited to publish",
                 "Thank you for visiting our website", "Leave a Reply",
                 "Your email address will not be published", "Required fields are marked"):
        assert junk not in source.text
        assert junk in removed(source)
    assert "sending over 13,000 containers" in source.text


def test_labels_and_stray_punctuation(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "000")
    assert source.title is not None and source.title.startswith("Russia Supplies")
    assert not source.text.startswith("Briefly")
    assert "Briefly" in removed(source, "ui_text")
    last_lines = source.text.split("\n")[-1]
    assert last_lines.endswith("space technology.")
    assert {"[", "|", "]"} <= {b.text for b in source.removed}


def test_related_sources_footer(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "003")
    assert "Related Sources:" not in source.text
    assert source.outlet is None
    assert source.title is not None and source.title.startswith("Military Exchange:")


def test_author_bio_and_widgets(sources: dict[str, Source]) -> None:
    source = _by_prefix(sources, "004")
    bio = removed(source, "author_bio")
    assert "investigative reporter" in bio and "widely respected" in bio
    assert "He has a background" in bio
    assert "investigative reporter" not in source.text
    for junk in ("Loading Now", "Post Comment", "Original Source"):
        assert junk not in source.text
    assert source.title is not None and "Anti-Aircraft" in source.title
    assert "Analysts like" in source.text and "opined that" in source.text
    assert source.text.endswith("regional security and geopolitical stability.")


def test_same_input_same_result(seeds_dir: Path) -> None:
    first = ingest([str(seeds_dir)])
    second = ingest([str(seeds_dir)])
    assert [s.model_dump() for s in first.sources] == [s.model_dump() for s in second.sources]
    assert len({s.sha256 for s in first.sources}) == len(first.sources)
