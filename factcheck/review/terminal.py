"""The terminal review (``factcheck review RUN_DIR --cli``): the same queue, one item at a time.

Single keys decide (the same keys as the browser); every decision is saved at once, so
quitting and starting again resumes at the first item still pending. Keys come from an
injectable reader, so tests drive it with scripted presses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.errors import InputError
from factcheck.review.queue import Queue, QueueItem, load_queue
from factcheck.review.store import clean_reviewer, open_run_store, record_decision
from factcheck.review.views import ACTIONS, BY_KEY, Action, label, quote_context
from factcheck.store import StaleDecision

KeyReader = Callable[[], str]
QUIT_KEYS = frozenset({"q", "\x1b", "\x03", "\x04"})
NEXT_KEYS = frozenset({"j", "\x1b[C", "\xe0M"})
PREV_KEYS = frozenset({"k", "\x1b[D", "\xe0K"})
ENTER_KEYS = frozenset({"\r", "\n"})
ERASE_KEYS = frozenset({"\x7f", "\x08"})
VERDICT_STYLE = {"supported": "green", "partially_supported": "yellow",
                 "contradicted": "bold red", "not_mentioned": "dim"}


def read_key() -> str:
    """One key press from the terminal, without echo (arrow keys arrive as one string)."""
    try:
        return click.getchar(echo=False)
    except (KeyboardInterrupt, EOFError):
        return "\x03"


@dataclass
class TerminalReview:
    run_dir: Path
    console: Console
    read_key: KeyReader = read_key
    reviewer: str = ""
    note: str = ""
    message: str = ""
    decided: int = 0
    pending_keys: list[str] = field(default_factory=list)

    def key(self) -> str:
        """The next key; pasted or fast-typed text arrives as one read and is split up here."""
        if not self.pending_keys:
            read = self.read_key()
            if len(read) <= 1 or read.startswith(("\x1b", "\xe0", "\x00")):
                return read
            self.pending_keys.extend(read)
        return self.pending_keys.pop(0)

    def run(self) -> int:
        """Review until the queue is done or the person quits; returns decisions made."""
        if not self.reviewer and not self._ask_reviewer():
            return 0
        current = self._first_pending()
        while current is not None:
            current = self._step(current)
        self.console.print(f"{self.decided} decision(s) saved in {self.run_dir}.")
        return self.decided

    def _ask_reviewer(self) -> bool:
        while True:
            name = self._read_line("Reviewer name (Enter on empty quits): ")
            if not name:
                return False
            try:
                self.reviewer = clean_reviewer(name)
                return True
            except InputError as exc:
                self.console.print(Text(str(exc), style="red"))

    def _first_pending(self) -> str | None:
        queue = self._queue()
        first = queue.next_pending(None)
        if first is None:
            reviewed, total = queue.progress()
            self.console.print(f"Nothing pending: {reviewed} of {total} flagged claims reviewed.")
        return first.claim.id if first else None

    def _queue(self) -> Queue:
        with open_run_store(self.run_dir) as store:
            return load_queue(store)

    def _step(self, claim_id: str) -> str | None:
        """Show one item, act on one key; returns the claim to show next (None: stop)."""
        queue = self._queue()
        item = queue.find(claim_id)
        if item is None:
            return None
        self._show(queue, item)
        key = self.key()
        self.message = ""
        if key in QUIT_KEYS:
            return None
        if key in BY_KEY:
            return self._decide(queue, item, BY_KEY[key])
        return self._navigate(queue, item, key)

    def _navigate(self, queue: Queue, item: QueueItem, key: str) -> str | None:
        at = queue.items.index(item)
        if key in NEXT_KEYS:
            return queue.items[(at + 1) % len(queue.items)].claim.id
        if key in PREV_KEYS:
            return queue.items[at - 1].claim.id
        if key == "e":
            self.note = self._read_line("Note (Enter to keep): ") or self.note
        else:
            self.message = f"unknown key {key!r}; press ? for help" if key != "?" else ""
        return item.claim.id

    def _decide(self, queue: Queue, item: QueueItem, action: Action) -> str | None:
        try:
            with open_run_store(self.run_dir) as store:
                record_decision(store, queue.run_id, item.claim, action.decision,
                                self.reviewer, verdict=action.verdict, note=self.note,
                                seen=item.version)
        except (StaleDecision, InputError) as exc:
            self.message = str(exc)
            return item.claim.id
        self.decided += 1
        self.note = ""
        following = self._queue().next_pending(item.claim.id)
        if following is None:
            self.console.print("All flagged claims are reviewed.")
        return following.claim.id if following else None

    def _read_line(self, prompt: str) -> str:
        """A line typed key by key with the same reader (Enter ends it, Esc cancels)."""
        self.console.print(prompt, end="", markup=False, highlight=False)
        chars: list[str] = []
        while (key := self.key()) not in ENTER_KEYS:
            if key in QUIT_KEYS - {"q"}:
                chars = []
                break
            if key in ERASE_KEYS:
                chars = chars[:-1]
                self.console.file.write("\b \b")
            elif len(key) == 1 and key.isprintable():
                chars.append(key)
                self.console.file.write(key)
            self.console.file.flush()
        self.console.print()
        return "".join(chars).strip()

    def _show(self, queue: Queue, item: QueueItem) -> None:
        if self.console.is_terminal:
            self.console.clear()
        self.console.print(render_item(queue, item, self.note, self.reviewer), soft_wrap=False)
        if self.message:
            self.console.print(Text(self.message, style="bold red"), soft_wrap=False)


def render_item(queue: Queue, item: QueueItem, note: str, reviewer: str) -> Panel:
    """One queue item as a rich panel; every piece of article text goes in as plain Text."""
    reviewed, total = queue.progress()
    claim = item.claim
    parts: list[RenderableType] = [
        Text(claim.text, style="bold"), _context(item), _attribution(item), _flags(item),
        _checks(item), _state(item), _keys(note, reviewer)]
    title = f"#{item.rank} of {total} · {claim.id} · {reviewed} of {total} reviewed"
    return Panel(Group(*parts), title=Text(title), title_align="left")


def _context(item: QueueItem) -> Text:
    ctx = quote_context(item.source, item.claim.span, chars=200)
    return Text.assemble("\n", (ctx.before, "dim"), (ctx.quote, "reverse"), (ctx.after, "dim"))


def _attribution(item: QueueItem) -> Text:
    a = item.claim.attribution
    speaker = a.speaker + (f" ({a.role})" if a.role else "") if a.speaker else "no speaker"
    verdict = item.machine.value if item.machine else None
    return Text.assemble("\nsaid by: ", speaker, f" · {label(a.kind.value)}",
                         f" · {label(item.claim.certainty.value)} · machine verdict: ",
                         (label(verdict), VERDICT_STYLE.get(verdict or "", "")))


def _flags(item: QueueItem) -> Text:
    text = Text()
    for flag in item.flags:
        text.append(f"\n{label(flag.kind.value)}: ", style="bold magenta")
        text.append(flag.reason)
    return text


def _checks(item: QueueItem) -> Table:
    table = Table(expand=True, show_lines=True)
    table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence", ratio=1, overflow="fold")
    for check in item.claim.checks:
        table.add_row(Text(check.source_id),
                      Text(label(check.verdict.value), VERDICT_STYLE[check.verdict.value]),
                      Text(check.evidence or "(no passage found)"))
    return table


def _state(item: QueueItem) -> Text:
    review = item.claim.review
    if review is None:
        return Text("review: pending", style="cyan")
    verdict = f": {label(review.verdict.value)}" if review.verdict else ""
    return Text(f"review: {label(review.decision.value)}{verdict} by {review.reviewer} "
                f"({review.decisions} decision(s) so far)", style="cyan")


def _keys(note: str, reviewer: str) -> Text:
    text = Text("\n")
    for action in ACTIONS:
        text.append(f"[{action.key}]", style="bold")
        text.append(f" {action.label}  ")
    text.append("\n[e] note  [j/→] next  [k/←] previous  [q] quit", style="dim")
    text.append(f"\nreviewer: {reviewer}" + (f" · note: {note}" if note else ""), style="dim")
    return text


def review_terminal(run_dir: Path, console: Console, *, reviewer: str | None = None,
                    reader: KeyReader = read_key) -> int:
    """Run the terminal review on ``run_dir``; returns how many decisions were saved."""
    open_run_store(run_dir).close()
    name = clean_reviewer(reviewer) if reviewer else ""
    return TerminalReview(run_dir, console, reader, name).run()
