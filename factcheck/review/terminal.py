"""The terminal review (``factcheck review RUN_DIR --cli``): the same queue, one item at a time.

Input is read a line at a time, so a pasted note arrives whole, whatever its length. A line
is a decision key (the browser's keys: ``c``, ``1``-``4``, ``m``, ``x``), optionally followed
by the note (``3 the wire has the later figure``), or a command: ``e`` note, ``j``/``k``
next/previous, ``l`` list, ``/words`` search, ``u`` undo, ``?`` help, ``q`` quit; Enter alone
shows the next page of a long list. Every decision is saved at once and confirmed on screen,
so quitting and starting again resumes at the first item still pending. Lines come from an
injectable reader, so tests drive it with scripted input.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.errors import InputError
from factcheck.render.findings import name_sources, source_labels
from factcheck.review.queue import Filters, Queue, QueueItem, load_queue
from factcheck.review.store import (
    clean_reviewer,
    open_run_store,
    record_decision,
    record_undo,
)
from factcheck.review.views import ACTIONS, BY_KEY, Action, label, quote_context
from factcheck.store import StaleDecision

LineReader = Callable[[str], str]
"""Shows a prompt and returns one line of input (raises EOFError when input ends)."""
QUIT = frozenset({"q", "quit", "exit"})
NEXT = frozenset({"j", "n", "next"})
PREV = frozenset({"k", "p", "prev", "previous"})
VERDICT_STYLE = {"supported": "green", "partially_supported": "yellow",
                 "contradicted": "bold red", "not_mentioned": "dim"}
HELP = ("Type a key and Enter: " + ", ".join(f"{a.key} {a.label.lower()}" for a in ACTIONS)
        + " (a note may follow the key: '3 the wire has the later figure'); e note; "
        "j/k next/previous; l list the queue; /words search (/ alone clears); u undo; "
        "g N go to item N; Enter alone: next page; q quit.")


def read_line(prompt: str) -> str:
    """One line from the terminal, with line editing when ``readline`` is available."""
    with contextlib.suppress(ImportError):  # not on every platform
        import readline  # noqa: F401  (line editing and history for input())
    try:
        return input(prompt)
    except KeyboardInterrupt:
        raise EOFError from None


def _page_size() -> int:
    """Rows of a list that fit the terminal beside the item (at least 3)."""
    return max(3, (shutil.get_terminal_size((100, 30)).lines - 18) // 3)


@dataclass
class TerminalReview:
    run_dir: Path
    console: Console
    read: LineReader = read_line
    reviewer: str = ""
    note: str = ""
    decided: int = 0
    filters: Filters = field(default_factory=Filters)
    page: int = 0
    page_size: int = 0
    last_saved: str = ""
    listing: bool = False
    """The last thing shown was the queue list: Enter pages it."""
    show: bool = True
    """Show the item before the next prompt (not after a list, help or message)."""

    def run(self) -> int:
        """Review until the queue is done or the person quits; returns decisions made."""
        self.page_size = self.page_size or _page_size()
        if not self.reviewer and not self._ask_reviewer():
            return 0
        current = self._first_pending()
        while current is not None:
            current = self._step(current)
        self.console.print(f"{self.decided} decision(s) saved in {self.run_dir}.")
        return self.decided

    def _line(self, prompt: str) -> str | None:
        """A line of input, None when input has ended (Ctrl+D, Ctrl+C)."""
        try:
            return self.read(prompt)
        except EOFError:
            self.console.print()
            return None

    def _ask_reviewer(self) -> bool:
        while True:
            name = self._line("Reviewer name (Enter on empty quits): ")
            if not name or not name.strip():
                return False
            try:
                self.reviewer = clean_reviewer(name)
                return True
            except InputError as exc:
                self.console.print(Text(str(exc), style="red"))

    def _first_pending(self) -> str | None:
        queue = self._queue()
        first = queue.next_pending(None, self.filters)
        if first is None:
            reviewed, total = queue.progress()
            self.console.print(f"Nothing pending: {reviewed} of {total} flagged claims reviewed.")
        return first.claim.id if first else None

    def _queue(self) -> Queue:
        with open_run_store(self.run_dir) as store:
            return load_queue(store)

    def _step(self, claim_id: str) -> str | None:
        """Show one item, act on one line; returns the claim to show next (None: stop)."""
        queue = self._queue()
        item = queue.find(claim_id)
        if item is None:
            return None
        if self.show:
            self._show(queue, item)
        self.show = True
        line = self._line(f"#{item.rank} decide (? help)> ")
        if line is None:
            return None
        return self._act(queue, item, line.strip())

    def _act(self, queue: Queue, item: QueueItem, line: str) -> str | None:
        if not line:  # Enter alone: the next page of what is shown
            self.page += 1
            if self.listing:
                self._list(queue)
            return item.claim.id
        self.page, self.listing = 0, False
        word, _, rest = line.partition(" ")
        if word.lower() in QUIT:
            return None
        if word in BY_KEY:
            return self._decide(queue, item, BY_KEY[word], rest.strip())
        return self._command(queue, item, word.lower(), rest.strip())

    def _command(self, queue: Queue, item: QueueItem, word: str, rest: str) -> str | None:
        if word in NEXT or word in PREV:
            return self._neighbour(queue, item, 1 if word in NEXT else -1)
        if word == "e":
            note = rest or self._line("Note (Enter keeps the current one): ")
            self.note = (note or "").strip() or self.note
        elif word.startswith("/"):
            return self._search(queue, item, " ".join([word[1:], rest]).strip())
        elif word in ("l", "list"):
            self._list(queue)
        elif word == "u":
            self._undo(queue, item)
        elif word == "g" and rest.isdigit():
            found = next((i for i in queue.items if i.rank == int(rest)), None)
            return found.claim.id if found else self._say(f"no item #{rest}", item)
        elif word in ("?", "h", "help"):
            self.console.print(HELP)
            self.show = False
        elif word:
            self._say(f"unknown command {word!r}; type ? for help", item)
        return item.claim.id

    def _say(self, message: str, item: QueueItem) -> str:
        self.console.print(Text(message, style="bold red"))
        self.show = False
        return item.claim.id

    def _neighbour(self, queue: Queue, item: QueueItem, step: int) -> str:
        items = queue.filtered(self.filters) or queue.items
        at = items.index(item) if item in items else 0
        return items[(at + step) % len(items)].claim.id

    def _search(self, queue: Queue, item: QueueItem, words: str) -> str:
        self.filters = replace(self.filters, text=words)
        found = queue.filtered(self.filters)
        if not found:
            self.console.print(Text(f"nothing matches {words!r}; search cleared", style="red"))
            self.filters = replace(self.filters, text="")
            return item.claim.id
        self.console.print(f"{len(found)} item(s) match {words!r}" if words else
                           "search cleared")
        self._list(queue)
        return found[0].claim.id

    def _list(self, queue: Queue) -> None:
        """The queue as a table, one page at a time (Enter shows the next)."""
        items = queue.filtered(self.filters)
        pages = max(1, -(-len(items) // self.page_size))
        page = self.page % pages
        table = Table(box=None, pad_edge=False, show_header=True)
        for column in ("#", "state", "source", "claim"):
            table.add_column(column, overflow="ellipsis", no_wrap=True,
                             ratio=1 if column == "claim" else None)
        for it in items[page * self.page_size:(page + 1) * self.page_size]:
            state = label(it.claim.review.decision.value) if it.claim.review else "pending"
            table.add_row(str(it.rank), state, it.source.id, Text(it.claim.text))
        self.console.print(table)
        self.console.print(Text(f"page {page + 1} of {pages} · {len(items)} item(s)"
                                + (" · Enter: next page" if pages > 1 else ""), style="dim"))
        self.listing, self.show = True, False

    def _decide(self, queue: Queue, item: QueueItem, action: Action, note: str) -> str | None:
        try:
            with open_run_store(self.run_dir) as store:
                count = record_decision(store, queue.run_id, item.claim, action.decision,
                                        self.reviewer, verdict=action.verdict,
                                        note=note or self.note, seen=item.version)
        except (StaleDecision, InputError) as exc:
            return self._say(str(exc), item)
        self.decided += 1
        self.note, self.page, self.last_saved = "", 0, item.claim.id
        self._confirm(item.claim.id, count)
        queue = self._queue()
        following = queue.next_pending(item.claim.id, self.filters)
        if following is None and self.filters != Filters():
            self.console.print("Nothing left pending among the matches; search cleared.")
            self.filters = Filters()
            following = queue.next_pending(item.claim.id)
        if following is None:
            self.console.print("All flagged claims are reviewed.")
        return following.claim.id if following else None

    def _confirm(self, claim_id: str, count: int) -> None:
        saved = self._queue().find(claim_id)
        review = saved.claim.review if saved else None
        if saved is None or review is None:
            return
        verdict = f": {label(review.verdict.value)}" if review.verdict else ""
        note = f" · note saved ({len(review.note)} characters)" if review.note else ""
        self.console.print(Text(f"✓ Saved: {label(review.decision.value)}{verdict} on "
                                f"#{saved.rank} {claim_id} by {review.reviewer} at "
                                f"{review.decided_at} (decision {count} in its history)"
                                f"{note}. Type u to undo.", style="bold green"))

    def _undo(self, queue: Queue, item: QueueItem) -> None:
        """Undo this item's decision, or else the one saved last in this session."""
        target = item if item.claim.review else queue.find(self.last_saved)
        if target is None or target.claim.review is None:
            self._say("nothing to undo here", item)
            return
        try:
            with open_run_store(self.run_dir) as store:
                withdrawn = record_undo(store, queue.run_id, target.claim, self.reviewer,
                                        seen=target.version)
        except (StaleDecision, InputError) as exc:
            self._say(str(exc), item)
            return
        self.console.print(Text(f"↶ Undone: {label(withdrawn.decision.value)} on "
                                f"#{target.rank} {target.claim.id} is withdrawn (kept in its "
                                "history).", style="bold green"))

    def _show(self, queue: Queue, item: QueueItem) -> None:
        for part in render_item(queue, item, self.note, self.reviewer, self.page,
                                self.page_size):
            self.console.print(part, soft_wrap=False)


def render_item(queue: Queue, item: QueueItem, note: str, reviewer: str, page: int = 0,
                page_size: int = 5) -> list[Text | Table]:
    """One queue item, compact; every piece of article text goes in as plain Text."""
    reviewed, total = queue.progress()
    claim = item.claim
    head = Text(f"\n#{item.rank} of {total} · {claim.id} · {reviewed} of {total} reviewed",
                style="bold reverse")
    return [head, Text(claim.text, style="bold"), _context(item), _attribution(item),
            _flags(item, source_labels(queue.report)), *_checks(item, page, page_size),
            _state(item), _keys(note, reviewer)]


def _context(item: QueueItem) -> Text:
    ctx = quote_context(item.source, item.claim.span, chars=200)
    return Text.assemble((ctx.before, "dim"), (ctx.quote, "reverse"), (ctx.after, "dim"))


def _attribution(item: QueueItem) -> Text:
    a = item.claim.attribution
    speaker = a.speaker + (f" ({a.role})" if a.role else "") if a.speaker else "no speaker"
    verdict = item.machine.value if item.machine else None
    return Text.assemble("said by: ", speaker, f" · {label(a.kind.value)}",
                         f" · {label(item.claim.certainty.value)} · machine verdict: ",
                         (label(verdict), VERDICT_STYLE.get(verdict or "", "")))


def _flags(item: QueueItem, labels: dict[str, str]) -> Text:
    """Each flag's reason, sources named by outlet (or file name) as in the summary."""
    text = Text()
    for n, flag in enumerate(item.flags):
        text.append(("\n" if n else "") + f"{label(flag.kind.value)}: ", style="bold magenta")
        text.append(name_sources(flag.reason, labels))
    return text


def _checks(item: QueueItem, page: int, page_size: int) -> Sequence[Text | Table]:
    """The evidence of the other sources, one page at a time."""
    checks = item.claim.checks
    if not checks:
        return [Text("no other source was checked", style="dim")]
    pages = max(1, -(-len(checks) // page_size))
    page %= pages
    table = Table(box=None, pad_edge=False, expand=True)
    table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence", ratio=1, overflow="fold")
    for check in checks[page * page_size:(page + 1) * page_size]:
        table.add_row(Text(check.source_id),
                      Text(label(check.verdict.value), VERDICT_STYLE[check.verdict.value]),
                      Text(check.evidence or "(no passage found)"))
    if pages == 1:
        return [table]
    return [table, Text(f"sources {page * page_size + 1}-"
                        f"{min(len(checks), (page + 1) * page_size)} of {len(checks)} · "
                        "Enter: next page", style="dim")]


def _state(item: QueueItem) -> Text:
    review = item.claim.review
    if review is None:
        return Text("review: pending", style="cyan")
    verdict = f": {label(review.verdict.value)}" if review.verdict else ""
    return Text(f"review: {label(review.decision.value)}{verdict} by {review.reviewer} "
                f"({review.decisions} decision(s) so far)", style="cyan")


def _keys(note: str, reviewer: str) -> Text:
    text = Text()
    for action in ACTIONS:
        text.append(f"[{action.key}]", style="bold")
        text.append(f" {action.label}  ")
    text.append("\n[e] note  [j] next  [k] previous  [l] list  [/words] search  [u] undo  "
                "[?] help  [q] quit", style="dim")
    text.append(f"\nreviewer: {reviewer}" + (f" · note: {note}" if note else ""), style="dim")
    return text


def review_terminal(run_dir: Path, console: Console, *, reviewer: str | None = None,
                    reader: LineReader = read_line, page_size: int = 0) -> int:
    """Run the terminal review on ``run_dir``; returns how many decisions were saved."""
    open_run_store(run_dir).close()
    name = clean_reviewer(reviewer) if reviewer else ""
    return TerminalReview(run_dir, console, reader, name, page_size=page_size).run()
