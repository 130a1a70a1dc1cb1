"""The HTML report in a real headless Chromium: what shows, what the filters do, no script runs.

Uses Debian's chromium (never a browser download) through the ``playwright`` package; skips
with a reason when either is missing. Screenshots go to tests/render/artifacts/ for a person
to look at (laptop and 390px phone viewports).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.models import Report
from factcheck.render import render

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="the playwright package is not installed")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _open(browser: Any, report: Report, tmp_path: Path, viewport: dict[str, int],
          name: str) -> tuple[Any, list[str]]:
    """Open the report as a file; record dialogs and any request that leaves the file."""
    path = tmp_path / f"{name}.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    page = browser.new_page(viewport=viewport)
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith("file:")
            else events.append(f"request {request.url}"))
    page.goto(path.as_uri())
    return page, events


def _visible(page: Any, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


def _shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_seeds_report_shows_flagged_facts_matrix_and_lineage(
        browser: Any, seeds_report: Report, tmp_path: Path) -> None:
    page, events = _open(browser, seeds_report, tmp_path, LAPTOP, "seeds")
    flagged = page.locator("#flagged article.item")
    assert flagged.count() > 0
    assert _visible(page, "#flagged article.item mark") == flagged.count()
    assert page.locator("#flagged article.item .card").first.is_visible()
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == page.locator("article.item").count()
    assert page.locator("table.matrix thead th").count() == len(seeds_report.sources) + 1
    assert page.locator("#lineage svg circle").count() == len(seeds_report.sources)
    _shoot(page, "seeds-laptop")
    page.locator("#matrix").scroll_into_view_if_needed()
    _shoot(page, "seeds-laptop-matrix")
    assert events == []


def test_flag_filter_hides_and_shows_items(browser: Any, seeds_report: Report,
                                           tmp_path: Path) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, LAPTOP, "seeds")
    total = page.locator("article.item").count()
    kinds = {k for c in seeds_report.claims for f in c.flags for k in [f.kind.value]}
    kind = sorted(kinds)[0]
    page.select_option("#flag-filter", kind)
    shown = _visible(page, "article.item")
    expected = page.locator(f"article.item[data-flags*='\"{kind}\"']").count()
    assert 0 < shown == expected < total
    assert page.locator("#shown-count").inner_text() == str(shown)
    assert _visible(page, "table.matrix tbody tr") == shown
    page.select_option("#flag-filter", "unflagged")
    assert _visible(page, "#flagged article.item") == 0
    assert page.locator("#flagged .none-left").is_visible()
    page.select_option("#flag-filter", "all")
    assert _visible(page, "article.item") == total


def test_source_filter_keeps_only_that_sources_facts(browser: Any, seeds_report: Report,
                                                     tmp_path: Path) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, LAPTOP, "seeds")
    source = seeds_report.sources[-1].id
    page.select_option("#source-filter", source)
    shown = page.locator("article.item:visible")
    assert shown.count() > 0
    for n in range(shown.count()):
        assert f'"{source}"' in shown.nth(n).get_attribute("data-sources")
    page.select_option("#source-filter", "all")
    page.select_option("#flag-filter", "flagged")
    assert _visible(page, "article.item") == page.locator("#flagged article.item").count()


def test_phone_viewport_fits_the_width(browser: Any, seeds_report: Report,
                                       tmp_path: Path) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, PHONE, "seeds-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    _shoot(page, "seeds-phone")
    page.locator("#matrix").scroll_into_view_if_needed()
    _shoot(page, "seeds-phone-matrix")
    page.locator("#lineage").scroll_into_view_if_needed()
    _shoot(page, "seeds-phone-lineage")


def test_hostile_article_text_is_shown_never_run(browser: Any, fire_report: Report,
                                                 tmp_path: Path) -> None:
    page, events = _open(browser, fire_report, tmp_path, LAPTOP, "hostile")
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    body = page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body
    assert "<img src=x onerror=alert(1)>" in body
    page.select_option("#flag-filter", "all")
    assert events == []
    _shoot(page, "hostile-laptop")


DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def _item_with(page: Any, text: str) -> Any:
    return page.locator("#flagged article.item").filter(has_text=text).first


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_conflict_shows_the_differing_words_the_cross_and_no_sideways_scroll(
        browser: Any, seeds_report: Report, tmp_path: Path, device: str) -> None:
    viewport = WIDTHS[device]
    page, events = _open(browser, seeds_report, tmp_path, viewport, f"diff-{device}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    containers = _item_with(page, "13,000 containers")
    keys = [t.strip() for t in containers.locator(".diff.key").all_inner_texts()]
    assert any("13,000" in t for t in keys) and any("20,000" in t for t in keys)
    lead = containers.locator(".passage mark .diff.key").all_inner_texts()
    card = containers.locator(".card.stance-contradicts .diff.key").all_inner_texts()
    assert lead and card  # marked in both texts: the claim's and the evidence's
    kursk = _item_with(page, "Kursk")
    kursk_keys = " ".join(kursk.locator(".diff.key").all_inner_texts())
    assert "Russia’s" in kursk_keys and "Ukraine's" in kursk_keys
    row = page.locator("table.matrix tbody tr[data-item='item-k1']")
    assert row.locator("td.stance-contradicts").count() >= 1
    assert row.locator("td.stance-contradicts").first.inner_text() == "✗"
    assert page.locator("table.matrix thead th.derived").count() == len(seeds_report.lineage)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    containers.scroll_into_view_if_needed()
    _shoot(page, f"report-diff-{device}")
    page.locator("#matrix").scroll_into_view_if_needed()
    _shoot(page, f"report-matrix-{device}")
    assert events == []


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_search_keeps_only_matching_claims(browser: Any, seeds_report: Report,
                                           tmp_path: Path, device: str) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, WIDTHS[device], f"search-{device}")
    total = page.locator("article.item").count()
    page.fill("#search", "spy satellite")
    shown = page.locator("article.item:visible")
    assert 0 < shown.count() < total
    assert page.locator("#shown-count").inner_text() == str(shown.count())
    for n in range(shown.count()):
        text = (shown.nth(n).text_content() or "").lower()
        assert "spy" in text and "satellite" in text
    assert _visible(page, "table.matrix tbody tr") == shown.count()
    _shoot(page, f"report-search-{device}")
    page.fill("#search", "")
    assert page.locator("article.item:visible").count() == total


def test_source_pane_opens_the_full_text_at_the_claim(browser: Any, seeds_report: Report,
                                                      tmp_path: Path) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, PHONE, "source-pane")
    first = page.locator("#flagged article.item").first
    quote = first.locator(".passage mark").inner_text()
    first.locator("a.to-source").click()
    target = page.locator("a.span.target")
    assert target.is_visible() and quote in target.inner_text()
    pane = page.locator("details.fulltext[open]")
    assert pane.count() == 1
    source = next(s for s in seeds_report.sources if pane.get_attribute("id") == f"src-{s.id}")
    assert pane.locator(".text").inner_text().strip() == source.text.strip()
    spans = pane.locator("a.span").count()
    assert 0 < spans <= sum(1 for c in seeds_report.claims if c.source_id == source.id)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shoot(page, "report-source-pane-phone")


def test_story_filter_keeps_one_storys_facts(browser: Any, fire_report: Report,
                                             tmp_path: Path) -> None:
    from factcheck.models import Story

    report = fire_report.model_copy(deep=True)
    report.stories = [Story(id="s1", label="paint plant fire", sources=["wire_a1", "farm_c3"]),
                      Story(id="s2", label="factory", sources=["local_b2"])]
    report.clusters[0].story, report.clusters[1].story = "s1", "s1"
    page, _ = _open(browser, report, tmp_path, PHONE, "stories")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    total = page.locator("article.item").count()
    page.select_option("#story-filter", "s2")
    shown = page.locator("article.item:visible")
    assert 0 < shown.count() < total
    assert {shown.nth(n).get_attribute("data-story") for n in range(shown.count())} == {"s2"}
    page.select_option("#story-filter", "all")
    assert page.locator("article.item:visible").count() == total
    _shoot(page, "report-stories-phone")


def test_no_story_filter_for_a_single_story(browser: Any, seeds_report: Report,
                                            tmp_path: Path) -> None:
    page, _ = _open(browser, seeds_report, tmp_path, DESKTOP, "one-story")
    assert page.locator("#story-filter").count() == (1 if len(seeds_report.stories) > 1 else 0)


def test_smallest_phone_width_fits_with_everything_open(browser: Any, seeds_report: Report,
                                                        tmp_path: Path) -> None:
    small = {"width": 360, "height": 740}
    page, _ = _open(browser, seeds_report, tmp_path, small, "small")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= small["width"]
    _shoot(page, "report-360")
