"""Drives the review app in Debian's headless Chromium: decide by keyboard and by mouse."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.review.store import history, open_run_store
from factcheck.review.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists() and not shutil.which("chromium"):
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)", allow_module_level=True)


@pytest.fixture
def live_url(fire_run: Path) -> Iterator[str]:
    """The review app on 127.0.0.1 and a free port, served from a thread."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(create_app(fire_run), log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(live_url: str) -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            yield context.new_page()
        finally:
            browser.close()


def test_decide_by_keyboard_and_mouse_and_keep_it(page, live_url: str, fire_run: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_url + "/")
    assert page.locator("#queue tbody tr.pending").count() == 4
    page.click("#start")  # mouse: open the most important item
    page.wait_for_url("**/claim?id=blog%23c2*")
    assert "<script>alert('x')</script>" in page.inner_text("#context")
    page.fill("#reviewer", "Dana Keyboard")
    page.keyboard.press("Escape")  # leave the field; keys decide again
    page.keyboard.press("3")  # keyboard: set verdict to contradicted
    page.wait_for_url("**/claim?id=wire%23c2*")
    assert page.input_value("#reviewer") == "Dana Keyboard"  # remembered
    page.fill("#note", "Company statement predates the injury reports.")
    page.get_by_role("button", name="Needs more evidence").click()  # mouse
    page.wait_for_url("**/claim?id=*")
    page.goto(live_url + "/")
    page.reload()
    states = {row.get_attribute("data-claim"): row.inner_text()
              for row in page.locator("#queue tbody tr").all()}
    assert "set verdict: contradicted" in states["blog#c2"]
    assert "needs more evidence" in states["wire#c2"]
    assert "2 of 4 reviewed" in page.inner_text("#progress")
    assert not dialogs  # the article's script never ran
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)
    page.goto(live_url + "/claim?id=blog%23c2")
    page.screenshot(path=str(ARTIFACTS / "review-item.png"), full_page=True)
    with open_run_store(fire_run) as store:
        records = history(store)
    assert [(r.claim_id, r.reviewer) for r in records] == [("blog#c2", "Dana Keyboard"),
                                                           ("wire#c2", "Dana Keyboard")]
    assert records[1].note == "Company statement predates the injury reports."


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _no_sideways_scroll(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_saved_decision_is_shown_survives_a_reload_and_can_be_undone(
        live_url: str, fire_run: Path, device: str) -> None:
    viewport = VIEWPORTS[device]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport=viewport).new_page()
            page.goto(live_url + "/")
            _no_sideways_scroll(page, viewport["width"])
            assert page.locator("#shortcuts kbd", has_text="o").is_visible()
            page.screenshot(path=str(_artifact(f"review-queue-{device}.png")), full_page=True)
            page.goto(live_url + "/claim?id=blog%23c2")
            _no_sideways_scroll(page, viewport["width"])
            assert page.locator("#shortcuts").is_visible()
            assert "About 90 firefighters" in page.locator("#pane-1 mark.this").inner_text()
            assert page.locator("#pane-1 .fulltext").is_visible()
            if device == "desktop":  # the source's text beside the claim, not below it
                claim, pane = page.locator("#claim").bounding_box(), \
                    page.locator("#source-pane").bounding_box()
                assert pane["x"] >= claim["x"] + claim["width"] and pane["y"] < claim["y"] + 50
            page.screenshot(path=str(_artifact(f"review-item-{device}.png")), full_page=True)
            page.fill("#reviewer", "Kim Phone")
            page.fill("#note", "Checked with the fire service.")
            page.get_by_role("button", name="Contradicted").click()
            page.wait_for_url("**/claim?id=wire%23c2*")
            saved = page.locator("#saved")
            assert saved.is_visible() and "Saved" in saved.inner_text()
            assert "contradicted" in saved.inner_text() and "Kim Phone" in saved.inner_text()
            _no_sideways_scroll(page, viewport["width"])
            page.screenshot(path=str(_artifact(f"review-saved-{device}.png")), full_page=True)
            page.goto(live_url + "/claim?id=blog%23c2")
            page.reload()
            assert "set verdict" in page.inner_text("#review-state")
            assert "contradicted" in page.inner_text("#review-state")
            assert "Checked with the fire service." in page.inner_text("#history")
            page.keyboard.press("u")  # undo this claim's decision
            page.wait_for_url("**undone=*")
            assert "pending" in page.inner_text("#review-state")
            page.fill("#search", "owner rebuild")
            page.keyboard.press("Enter")
            page.wait_for_url("**/?q=owner+rebuild*")
            assert page.locator("#queue tbody tr").count() == 1
            _no_sideways_scroll(page, viewport["width"])
        finally:
            browser.close()
    with open_run_store(fire_run) as store:
        records = history(store)
    assert [(r.claim_id, r.decision.value, r.reviewer) for r in records] == [
        ("blog#c2", "set_verdict", "Kim Phone"), ("blog#c2", "undo", "Kim Phone")]


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
