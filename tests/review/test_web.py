import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from factcheck.review.store import history, open_run_store
from factcheck.review.web import create_app

TOKEN = "test-token"


@pytest.fixture
def client(fire_run: Path) -> TestClient:
    return TestClient(create_app(fire_run, reviewer="Ann", token=TOKEN),
                      base_url="http://127.0.0.1")


def _form(claim_id: str, **fields: str) -> dict[str, str]:
    return {"csrf": TOKEN, "claim_id": claim_id, "version": "0", "action": "confirm",
            "reviewer": "Ann", "note": "", **fields}


def _history(run_dir: Path) -> list[tuple[str, str]]:
    with open_run_store(run_dir) as store:
        return [(r.claim_id, r.decision.value) for r in history(store)]


def test_queue_page_lists_flagged_claims_with_progress(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    rows = re.findall(r'data-claim="([^"]+)"', page.text)
    assert rows[:2] == ["blog#c2", "wire#c2"] and "wire#c1" not in rows
    assert "<strong>0</strong> of 4 reviewed" in page.text


def test_article_markup_is_shown_as_text(client: TestClient) -> None:
    page = client.get("/claim", params={"id": "blog#c2"})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    scripts = re.findall(r"<script[^>]*>", page.text)
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    assert scripts == [f'<script nonce="{nonce}">']


def test_decision_is_saved_and_moves_to_the_next_pending(client: TestClient,
                                                         fire_run: Path) -> None:
    answer = client.post("/decide", data=_form("blog#c2", action="set_verdict:supported"),
                         follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/claim?id=wire%23c2&saved=blog%23c2"
    assert _history(fire_run) == [("blog#c2", "set_verdict")]
    assert "<strong>1</strong> of 4 reviewed" in client.get("/").text
    shown = client.get(answer.headers["location"]).text
    saved = shown.split('id="saved"', 1)[1].split("</div>", 1)[0]
    assert "Saved: <strong>set verdict: supported</strong>" in saved and "Ann" in saved


def test_post_without_csrf_token_is_refused(client: TestClient, fire_run: Path) -> None:
    for form in ({k: v for k, v in _form("blog#c2").items() if k != "csrf"},
                 _form("blog#c2", csrf="forged")):
        answer = client.post("/decide", data=form, follow_redirects=False)
        assert answer.status_code == 403
        assert "CSRF token" in answer.text and "nothing was saved" in answer.text
    assert _history(fire_run) == []


def test_stale_view_is_refused_and_keeps_the_note(client: TestClient, fire_run: Path) -> None:
    client.post("/decide", data=_form("blog#c3"), follow_redirects=False)
    answer = client.post("/decide", data=_form("blog#c3", action="not_a_claim",
                                               note="an opinion <b>not</b> a fact"))
    assert answer.status_code == 409
    assert "someone else decided" in answer.text
    assert "an opinion &lt;b&gt;not&lt;/b&gt; a fact</textarea>" in answer.text
    assert 'name="version" value="1"' in answer.text
    assert _history(fire_run) == [("blog#c3", "confirm")]


def test_reviewer_name_is_required(client: TestClient, fire_run: Path) -> None:
    answer = client.post("/decide", data=_form("blog#c3", reviewer=" ", note="keep me"))
    assert answer.status_code == 400
    assert "reviewer name is required" in answer.text and "keep me</textarea>" in answer.text
    assert _history(fire_run) == []


def test_reviewer_is_remembered_between_pages(client: TestClient) -> None:
    client.post("/decide", data=_form("blog#c3", reviewer="Zoë Ng"), follow_redirects=False)
    page = client.get("/claim", params={"id": "farm#c2"})
    assert 'value="Zoë Ng"' in page.text


def test_filters_narrow_the_queue_and_follow_the_decision(client: TestClient) -> None:
    page = client.get("/", params={"source": "blog", "state": "pending"})
    assert re.findall(r'data-claim="([^"]+)"', page.text) == ["blog#c2", "blog#c3"]
    answer = client.post("/decide", data=_form("blog#c2", source="blog", state="pending"),
                         follow_redirects=False)
    assert answer.headers["location"] == ("/claim?id=blog%23c3&saved=blog%23c2&source=blog"
                                          "&state=pending")


def test_unknown_host_and_unknown_claim(client: TestClient) -> None:
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8123"}).status_code == 200
    assert client.get("/claim", params={"id": "wire#c1"}).status_code == 404


def test_bad_action_is_refused(client: TestClient, fire_run: Path) -> None:
    answer = client.post("/decide", data=_form("blog#c3", action="delete_everything"))
    assert answer.status_code == 400 and "unknown decision" in answer.text
    assert _history(fire_run) == []


def test_undo_after_a_save_makes_the_claim_pending_again(client: TestClient,
                                                         fire_run: Path) -> None:
    client.post("/decide", data=_form("blog#c2", action="not_a_claim"), follow_redirects=False)
    answer = client.post("/undo", data=_form("blog#c2", version="1"), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/claim?id=blog%23c2&undone=blog%23c2"
    assert _history(fire_run) == [("blog#c2", "not_a_claim"), ("blog#c2", "undo")]
    page = client.get(answer.headers["location"]).text
    assert "Undone" in page and "<strong>pending</strong>" in page
    assert "<strong>0</strong> of 4 reviewed" in page
    forged = client.post("/undo", data=_form("blog#c2", version="2", csrf="x"))
    assert forged.status_code == 403
    again = client.post("/undo", data=_form("blog#c2", version="2"))
    assert again.status_code == 400 and "nothing to undo" in again.text


def test_search_narrows_the_queue_to_claims_with_every_word(client: TestClient) -> None:
    everything = re.findall(r'data-claim="([^"]+)"', client.get("/").text)
    page = client.get("/", params={"q": "OWNER  rebuild"})
    assert re.findall(r'data-claim="([^"]+)"', page.text) == ["blog#c3"] != everything
    assert 'value="OWNER rebuild"' in page.text
    none = client.get("/", params={"q": "owner zeppelin"}).text
    assert re.findall(r'data-claim="([^"]+)"', none) == []


def test_item_page_shows_shortcuts_and_the_sources_full_text(client: TestClient) -> None:
    page = client.get("/claim", params={"id": "blog#c2"}).text
    keys = page.split('id="shortcuts"', 1)[1].split("</p>", 1)[0]
    for key in ("c", "1", "3", "m", "x", "e", "j", "/"):
        assert f"<kbd>{key}</kbd>" in keys
    pane = page.split('id="source-pane"', 1)[1].split("</section>", 1)[0]
    assert '<mark class="this">About 90 firefighters were at the scene' in pane
    assert "The owner plans to rebuild." in pane  # the whole text, not only the paragraph


def test_serving_on_every_interface_still_checks_the_host(fire_run: Path) -> None:
    import socket

    from factcheck.review.web import own_names

    names = own_names("0.0.0.0")
    assert socket.gethostname().lower() in names and "127.0.0.1" in names
    assert "0.0.0.0" not in names and "attacker.example" not in names
    client = TestClient(create_app(fire_run, reviewer="Ann", token=TOKEN, hosts=names),
                        base_url="http://127.0.0.1")
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": f"{socket.gethostname()}:8123"}).status_code == 200
