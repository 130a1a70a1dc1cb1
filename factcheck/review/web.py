"""The browser review: a small Starlette app with server-rendered pages, for one run directory.

Safe by default: it answers only to loopback host names unless bound elsewhere on purpose,
every page is rendered with autoescaping and a strict Content-Security-Policy (article text
is untrusted input), every POST must carry the server's CSRF token, and a decision made on
a page that another decision has since overtaken is refused, with the note handed back.
"""

from __future__ import annotations

import hmac
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from factcheck.errors import InputError
from factcheck.models import FlagKind
from factcheck.render.findings import name_sources, source_labels
from factcheck.review.queue import STATES, Filters, Queue, QueueItem, load_queue
from factcheck.review.store import history, open_run_store, record_decision, record_undo
from factcheck.review.views import ACTIONS, full_text, label, parse_action, quote_context
from factcheck.store import StaleDecision, Store

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_FORM_BYTES = 64 * 1024
REVIEWER_COOKIE = "factcheck_reviewer"

_env = Environment(loader=PackageLoader("factcheck.review", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_env.filters["label"] = label


@dataclass
class Page:
    """What an item page needs beyond the queue: the form state to hand back on refusal."""

    note: str = ""
    reviewer: str = ""
    error: str = ""
    status: int = 200
    saved: str = ""
    """The claim whose decision was just saved (shown with an undo button)."""
    undone: str = ""


class ReviewApp:
    """Request handlers bound to one run directory and one CSRF token."""

    def __init__(self, run_dir: Path, reviewer: str | None, token: str) -> None:
        self.run_dir, self.reviewer, self.token = run_dir, reviewer or "", token

    def store(self) -> Store:
        return open_run_store(self.run_dir)

    async def queue_page(self, request: Request) -> Response:
        page = _with_notices(Page(reviewer=self._reviewer(request)), request)
        return await run_in_threadpool(self._queue_page, _filters(request.query_params), page)

    def _queue_page(self, filters: Filters, page: Page) -> Response:
        with self.store() as store:
            queue = load_queue(store)
        items = queue.filtered(filters)
        first = queue.next_pending(None, filters)
        return render("queue.html", self._common(queue, filters, page), items=items,
                      first=first)

    async def item_page(self, request: Request) -> Response:
        page = _with_notices(Page(reviewer=self._reviewer(request)), request)
        claim_id = request.query_params.get("id", "")
        filters = _filters(request.query_params)
        return await run_in_threadpool(self._item_page, claim_id, filters, page)

    def _item_page(self, claim_id: str, filters: Filters, page: Page) -> Response:
        with self.store() as store:
            queue = load_queue(store)
            item = queue.find(claim_id)
            if item is None:
                return _not_found(claim_id)
            records = list(reversed(history(store, claim_id)))
        return render("item.html", self._common(queue, filters, page), item=item, page=page,
                      history=records, nav=_neighbours(queue, item, filters),
                      context=quote_context(item.source, item.claim.span),
                      sources={s.id: s for s in queue.report.sources}, actions=ACTIONS,
                      panes=_panes(queue, item), status=page.status)

    async def undo(self, request: Request) -> Response:
        form = await self._posted_form(request)
        if isinstance(form, Response):
            return form
        return await run_in_threadpool(self._undo, form)

    async def _posted_form(self, request: Request) -> dict[str, str] | Response:
        """The form of a state-changing POST, or the refusal: unreadable, or without this
        session's CSRF token."""
        form = await _read_form(request)
        if isinstance(form, Response):
            return form
        if not hmac.compare_digest(form.get("csrf", "").encode(), self.token.encode()):
            return _forbidden()
        return form

    def _undo(self, form: dict[str, str]) -> Response:
        claim_id, filters = form.get("claim_id", ""), _filters(form)
        page = Page(reviewer=form.get("reviewer", "") or self.reviewer)

        def undo(store: Store, queue: Queue, item: QueueItem) -> Response:
            record_undo(store, queue.run_id, item.claim, page.reviewer, seen=_version(form))
            target = f"/claim?id={quote(claim_id, safe='')}&undone={quote(claim_id, safe='')}"
            query = _query(filters)
            return RedirectResponse(target + (f"&{query}" if query else ""), status_code=303)

        return self._change(claim_id, filters, page, undo)

    def _change(self, claim_id: str, filters: Filters, page: Page,
                change: Callable[[Store, Queue, QueueItem], Response]) -> Response:
        """Apply ``change`` to the claim's queue item in one store session; a stale or
        invalid decision shows the item again with the error (409 or 400)."""
        with self.store() as store:
            queue = load_queue(store)
            item = queue.find(claim_id)
            if item is None:
                return _not_found(claim_id)
            try:
                return change(store, queue, item)
            except (StaleDecision, InputError) as exc:
                page.error, page.status = str(exc), 409 if isinstance(exc, StaleDecision) else 400
                return self._item_page(claim_id, filters, page)

    async def decide(self, request: Request) -> Response:
        form = await self._posted_form(request)
        if isinstance(form, Response):
            return form
        return await run_in_threadpool(self._decide, form)

    def _decide(self, form: dict[str, str]) -> Response:
        claim_id, filters = form.get("claim_id", ""), _filters(form)
        page = Page(note=form.get("note", ""), reviewer=form.get("reviewer", ""))

        def decide(store: Store, queue: Queue, item: QueueItem) -> Response:
            self._record(store, queue, item, form)
            following = load_queue(store).next_pending(claim_id, filters)
            return self._after_decision(following, filters, page.reviewer, claim_id)

        return self._change(claim_id, filters, page, decide)

    def _record(self, store: Store, queue: Queue, item: QueueItem, form: dict[str, str]) -> None:
        action = parse_action(form.get("action"))
        seen = _version(form)
        record_decision(store, queue.run_id, item.claim, action.decision,
                        form.get("reviewer", ""),
                        verdict=action.verdict, note=form.get("note"), seen=seen)

    def _after_decision(self, following: QueueItem | None, filters: Filters,
                        reviewer: str, saved: str) -> Response:
        """On to the next pending item (or the queue), saying what was just saved."""
        query = "&".join(q for q in (f"saved={quote(saved, safe='')}", _query(filters)) if q)
        if following is None:
            target = f"/?{query}"
        else:
            target = f"/claim?id={quote(following.claim.id, safe='')}&{query}"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(reviewer.strip(), safe=""), httponly=True,
                            samesite="strict", max_age=30 * 86400)
        return response

    def _reviewer(self, request: Request) -> str:
        return unquote(request.cookies.get(REVIEWER_COOKIE, "")) or self.reviewer

    def _common(self, queue: Queue, filters: Filters, page: Page) -> dict[str, object]:
        reviewed, total = queue.progress()
        return {"queue": queue, "filters": filters, "query": _query(filters),
                "reviewed": reviewed, "total": total, "csrf": self.token,
                "flag_counts": queue.flag_counts(), "states": STATES,
                "run_name": self.run_dir.resolve().name, "quote": quote,
                "saved": queue.find(page.saved) if page.saved else None,
                "undone": queue.find(page.undone) if page.undone else None,
                "reviewer_name": page.reviewer,
                "named": partial(name_sources, labels=source_labels(queue.report))}


def create_app(run_dir: Path, *, reviewer: str | None = None, token: str | None = None,
               hosts: frozenset[str] | None = LOOPBACK_NAMES) -> Starlette:
    """The review app for ``run_dir``. ``hosts`` None answers any Host header."""
    handlers = ReviewApp(run_dir, reviewer, token or secrets.token_urlsafe(32))
    app = Starlette(routes=[
        Route("/", handlers.queue_page, methods=["GET"]),
        Route("/claim", handlers.item_page, methods=["GET"]),
        Route("/decide", handlers.decide, methods=["POST"]),
        Route("/undo", handlers.undo, methods=["POST"]),
    ])
    app.state.review = handlers
    return HostGuard(app, hosts) if hosts is not None else app  # type: ignore[return-value]


class HostGuard:
    """Refuse requests whose Host is not ours: stops DNS-rebinding pages reaching the app."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts
        self.state = getattr(app, "state", None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _host_name(scope) not in self.hosts:
            response = _plain(400, "Refused: unknown Host header. Open the URL factcheck printed.")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _host_name(scope: Scope) -> str:
    raw = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
    if raw.startswith("["):
        return raw[1:].split("]", 1)[0]
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


def render(template: str, common: dict[str, object], status: int = 200,
           **context: object) -> HTMLResponse:
    """A page with a per-response script nonce and headers that keep it to itself."""
    nonce = secrets.token_urlsafe(16)
    html = _env.get_template(template).render(**common, **context, nonce=nonce)
    return HTMLResponse(html, status_code=status, headers=_headers(nonce))


def _headers(nonce: str = "") -> dict[str, str]:
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": f"default-src 'none'; style-src 'unsafe-inline'; "
                                   f"script-src {script}; form-action 'self'; "
                                   "frame-ancestors 'none'; base-uri 'none'",
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY", "Cache-Control": "no-store",
    }


def _plain(status: int, message: str) -> HTMLResponse:
    body = _env.get_template("message.html").render(status=status, message=message)
    return HTMLResponse(body, status_code=status, headers=_headers())


def _forbidden() -> HTMLResponse:
    return _plain(403, "Refused: this form did not carry the review server's CSRF token, so "
                       "nothing was saved. Reload the review page (the server may have been "
                       "restarted) and decide again.")


def _not_found(claim_id: str) -> HTMLResponse:
    return _plain(404, f"No flagged claim {claim_id!r} in the latest run.")


async def _read_form(request: Request) -> dict[str, str] | Response:
    if request.headers.get("content-type", "").split(";")[0] != "application/x-www-form-urlencoded":
        return _plain(415, "Refused: decisions are posted as an HTML form.")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _plain(413, f"Refused: the form is larger than {MAX_FORM_BYTES} bytes.")
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def _version(form: dict[str, str]) -> int:
    try:
        return int(form.get("version", ""))
    except ValueError:
        raise InputError("the form carries no version; reload the page") from None


def _with_notices(page: Page, request: Request) -> Page:
    """What the page should confirm: a decision just saved, or one just undone."""
    page.saved = (request.query_params.get("saved") or "")[:300]
    page.undone = (request.query_params.get("undone") or "")[:300]
    return page


def _panes(queue: Queue, item: QueueItem) -> list[dict[str, object]]:
    """The claim's own source in full, then each checked source with its evidence marked."""
    sources = {s.id: s for s in queue.report.sources}
    own = [c.span for c in queue.report.claims if c.source_id == item.source.id]
    panes: list[dict[str, object]] = [{"source": item.source, "own": True,
                                       "runs": full_text(item.source, item.claim.span, own)}]
    for check in item.claim.checks:
        other = sources.get(check.source_id)
        if other is not None:
            panes.append({"source": other, "own": False, "verdict": check.verdict,
                          "runs": full_text(other, check.evidence_span, [])})
    return panes


def _filters(params: object) -> Filters:
    get = params.get  # type: ignore[attr-defined]
    flag = get("flag") or ""
    state = get("state") or "all"
    return Filters(flag=flag if flag in FlagKind.__members__ else "",
                   source=(get("source") or "")[:200],
                   state=state if state in STATES else "all",
                   text=" ".join((get("q") or "").split())[:200])


def _query(filters: Filters) -> str:
    pairs = {"flag": filters.flag, "source": filters.source,
             "state": "" if filters.state == "all" else filters.state, "q": filters.text}
    return urlencode({k: v for k, v in pairs.items() if v})


def _neighbours(queue: Queue, item: QueueItem, filters: Filters) -> dict[str, QueueItem | None]:
    items = queue.filtered(filters)
    ids = [id(i) for i in items]
    if id(item) not in ids:
        items, ids = queue.items, [id(i) for i in queue.items]
    at = ids.index(id(item))
    return {"prev": items[at - 1] if at > 0 else None,
            "next": items[at + 1] if at + 1 < len(items) else None}


def serve(run_dir: Path, *, host: str = "127.0.0.1", port: int = 0, reviewer: str | None = None,
          open_browser: bool = True, announce: Callable[[str], None] = print) -> None:
    """Serve the review app until interrupted; ``announce`` gets the URL once it is bound."""
    import uvicorn

    open_run_store(run_dir).close()
    app = create_app(run_dir, reviewer=reviewer, hosts=own_names(host))
    sock = _bind(host, port)
    url = f"http://{_url_host(host)}:{sock.getsockname()[1]}/"
    announce(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def own_names(host: str) -> frozenset[str]:
    """Host headers the app answers to when bound to ``host``: loopback, ``host`` itself and,
    off loopback, this machine's own names and addresses. Binding to 0.0.0.0 or a LAN
    address never turns the Host check off: a DNS-rebinding page's Host is none of these."""
    names = set(LOOPBACK_NAMES) | {host.lower().strip("[]")}
    if host in LOOPBACK_NAMES or host.startswith("127."):
        return frozenset(names)
    for name in {socket.gethostname(), socket.getfqdn()}:
        names.add(name.lower())
        try:
            names.update(str(info[4][0]).lower() for info in socket.getaddrinfo(name, None))
        except OSError:
            continue
    return frozenset(names - {"0.0.0.0", "::", ""})


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                         "pick another --host/--port") from exc
    sock.listen(64)
    return sock


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1" if host == "0.0.0.0" else "[::1]"
    return f"[{host}]" if ":" in host else host
