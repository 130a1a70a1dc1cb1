"""The ``factcheck`` command. People read stderr (rich); programs read stdout (data)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from factcheck import __version__
from factcheck.engine import Engine
from factcheck.engine.local import LocalEngine
from factcheck.errors import ConfigError, FactcheckError, InputError
from factcheck.executor import EXECUTORS, open_executor
from factcheck.ingest import DEFAULT_MAX_BYTES
from factcheck.language.candidates import DEFAULT_K
from factcheck.llm.settings import LLMSettings, llm_options, settings_from_cli
from factcheck.pipeline import Plan, RunOutcome, run_pipeline, unfinished
from factcheck.render import FORMATS, render
from factcheck.render.files import write_atomic
from factcheck.render.outcome import EXIT_FAILED, EXIT_OK, run_outcome
from factcheck.render.progress import progress_for, showing
from factcheck.render.report import REPORT_LEVELS, load_report, print_summary
from factcheck.store import DB_NAME, Store
from factcheck.stories import STORY_MODES

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Fact-check news articles about the same event against each other.

    Extracts the claims of every article with who asserts them, checks each claim against
    every other article, and flags contradictions, numeric discrepancies and claims that
    rest on one source. Runs offline with the built-in engine, or with any
    OpenAI-compatible model (--engine llm).
    """


@cli.command()
@click.argument("paths", nargs=-1, required=False, metavar="PATH...")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("factcheck-out"), show_default=True,
              help="Run directory: gets report.json and the run database.")
@click.option("--engine", "engine_name", type=click.Choice(["local", "llm", "hybrid"]),
              default=None, help="local: built-in rules, offline. llm: a model for every "
              "claim and check. hybrid: built-in rules, the model only for hard sentences and "
              "uncertain checks. [default: hybrid when a model is configured, else local]")
@click.option("--json", "as_json", is_flag=True, help="Also print report.json to stdout.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Largest input file accepted, in bytes.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and warnings on stderr.")
@click.option("--story-mode", type=click.Choice(STORY_MODES), default="auto", show_default=True,
              help="auto: group the input into stories (events) and check each claim only "
                   "against its own story's sources. single: the whole input is one story.")
@click.option("--top-k", type=click.IntRange(min=0), default=DEFAULT_K, show_default=True,
              help="Verify each claim against its K most likely sources of its story (found "
                   "by a BM25 index); the others count as not mentioning it. 0: every source.")
@click.option("--report-level", type=click.Choice(REPORT_LEVELS), default="full",
              show_default=True,
              help="full: every check and stance in report.json. summary: not_mentioned "
                   "checks and silent stances left implied, evidence by offsets only.")
@click.option("--resume", "resume_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="OUT",
              help="Continue the interrupted run in OUT (same inputs and options) without "
                   "redoing its finished sources and stories.")
@click.option("--executor", "executor_name", type=click.Choice(EXECUTORS), default="local",
              show_default=True,
              help="local: this process. ray: reading and extraction per source and "
                   "checking per story as tasks on a Ray cluster (pip install "
                   "'factcheck-news[ray]'); same report. Built-in engine only.")
@click.option("--address", default=None, metavar="ADDR",
              help="--executor ray: the cluster to use (host:6379, ray://host:10001, or "
                   "auto for the one this machine belongs to). [default: start Ray here]")
@llm_options
def run(paths: tuple[str, ...], out_dir: Path, engine_name: str | None, as_json: bool,
        max_bytes: int, quiet: bool, story_mode: str, top_k: int, report_level: str,
        resume_dir: Path | None, executor_name: str, address: str | None,
        **llm: object) -> None:
    """Check the articles in PATH... (files, folders, or - for stdin) against each other.

    Accepts .txt, .md, .html and .json/.jsonl (fields title, text, url, outlet).
    Writes OUT/report.json and prints a summary.

    \b
    Exit codes: 0 done; 1 failed (a stage's model calls all failed, or the run was
    stopped early); 2 bad usage or input (when only some inputs are bad, the others are
    still checked and the report is written); 3 some model calls failed: the report is
    partial, a rerun retries them.
    """
    settings = settings_from_cli(llm, Path.cwd())
    plan = _resumed(resume_dir, paths) if resume_dir else None
    if plan is None and not paths:
        raise click.UsageError("give the articles to check (PATH...), or --resume OUT")
    if plan is not None and resume_dir is not None:
        paths, out_dir, engine_name = tuple(plan.inputs), resume_dir, plan.engine
        story_mode, top_k, report_level = plan.story_mode, plan.top_k, plan.report_level
        max_bytes = plan.max_bytes
    workdir = _workdir(plan)
    engine_name = engine_name or ("hybrid" if settings.model else "local")
    if engine_name != "local":
        settings.require_usable(engine_name)  # before the run directory is created
        _no_batch_left_behind(out_dir, settings)
    _check_executor(executor_name, address, engine_name)
    if settings.batch and not quiet:
        _show_batch_status()
    with _recording(settings), open_executor(executor_name, address) as executor, \
            showing(progress_for(stderr, quiet)) as progress:
        outcome = run_pipeline(paths, out_dir, _engine_factory(engine_name, settings),
                               stdin=sys.stdin, max_bytes=max_bytes, progress=progress,
                               story_mode=story_mode, top_k=top_k,
                               report_level=report_level, resume=plan is not None,
                               executor=executor, workdir=workdir)
    _finish(outcome, as_json, quiet)


class _ToStderr(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        stderr.print(f"[dim]{escape(record.getMessage())}[/]")


def _show_batch_status() -> None:
    """Each status a Batch API job reaches, one line on stderr (a batch can take hours)."""
    logger = logging.getLogger("factcheck.llm.batch")
    if not any(isinstance(h, _ToStderr) for h in logger.handlers):
        logger.addHandler(_ToStderr())
    logger.setLevel(logging.INFO)


def _check_executor(name: str, address: str | None, engine: str) -> None:
    """Refuse, before anything starts, an executor option that cannot work."""
    if address is not None and name != "ray":
        raise click.UsageError("--address names a Ray cluster: use it with --executor ray")
    if name == "ray" and engine != "local":
        raise ConfigError(f"--executor ray runs the built-in engine (--engine local), not "
                          f"--engine {engine}: model engines already send their requests "
                          "concurrently from this machine; leave out --executor ray")


def _resumed(out_dir: Path, paths: tuple[str, ...]) -> Plan:
    """The plan of the interrupted run in ``out_dir``; its inputs, not new ones."""
    if paths:
        raise click.UsageError("--resume OUT continues that run's own inputs; give no PATH")
    plan = unfinished(out_dir)
    if plan is None:
        raise InputError(f"{out_dir} holds no interrupted run to resume; run "
                         "`factcheck run PATH... --out OUT` to start one")
    return plan


def _no_batch_left_behind(out_dir: Path, settings: LLMSettings) -> None:
    """Refuse to ask synchronously (and pay again) what a batch of OUT is still answering."""
    if settings.batch or not (out_dir / DB_NAME).exists():
        return
    with Store.in_dir(out_dir) as store:
        waiting = store.pending_batches()
    if waiting:
        raise InputError(f"{out_dir} has Batch API batches still to collect "
                         f"({', '.join(waiting)}); add --batch to collect them instead of "
                         "paying for the same calls again")


def _workdir(plan: Plan | None) -> Path | None:
    """The folder a resumed run's relative inputs were given from (None: a new run's,
    the current folder)."""
    if plan is None or not plan.workdir:
        return None
    folder = Path(plan.workdir)
    if not folder.is_dir():
        raise InputError(f"the interrupted run read its inputs from {folder}, which is gone; "
                         "restore that folder, or start a new run with another --out")
    return folder


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _recording(settings: LLMSettings) -> AbstractContextManager[object]:
    """Record or replay model traffic when --cassette is given (vcrpy loads only then)."""
    if settings.cassette is None:
        return nullcontext()
    from factcheck.llm import recording

    return recording(settings)


def _engine_factory(name: str, settings: LLMSettings) -> Callable[[Store], Engine]:
    def make(store: Store) -> Engine:
        if name == "local":
            return LocalEngine()
        if name == "hybrid":
            from factcheck.llm.hybrid import HybridEngine  # the model stack loads only now

            return HybridEngine(settings, store)
        from factcheck.llm import LLMEngine

        return LLMEngine(settings, store)
    return make


def _finish(outcome: RunOutcome, as_json: bool, quiet: bool) -> None:
    """Summary (unless --quiet), then the exit code's one-line error or warning (always)."""
    report = outcome.report
    if as_json:  # what report.json holds, at its --report-level
        click.echo((outcome.out_dir / "report.json").read_text(encoding="utf-8"), nl=False)
    if outcome.resumed and not quiet:
        stderr.print(outcome.resumed)
    if not quiet:
        print_summary(report, stderr)
        if report.summary.sources == 1:
            stderr.print("Only one article was read: claims extracted, nothing to cross-check.")
        stderr.print(f"Report: {outcome.out_dir / 'report.json'} (also report.md, report.html)")
    else:  # --quiet hides the summary, never a problem with the inputs or the run
        for problem in report.problems:
            stderr.print(f"[yellow]{problem.stage.value}:[/] {escape(problem.message)}",
                         highlight=False)
    result = run_outcome(report, outcome.out_dir / "report.json",
                         stopped_reason=outcome.stopped_reason,
                         input_problems=outcome.input_problems)
    if result.message:
        label = "[red]error:[/]" if result.code == EXIT_FAILED else "[yellow]warning:[/]"
        stderr.print(f"{label} {escape(result.message)}")
    if result.code != EXIT_OK:
        raise SystemExit(result.code)


@cli.command("eval")
@click.argument("pairs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="FILE.jsonl")
@click.option("--engine", "engine_name", type=click.Choice(["local", "llm", "hybrid"]),
              default="local", show_default=True, help="Which engine's verifier to measure.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON on stdout.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N pairs.")
@click.option("--db", "db_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the model-response cache (--engine llm); default: a temporary one.")
@llm_options
def evaluate_command(pairs_file: Path, engine_name: str, as_json: bool, limit: int | None,
                     db_dir: Path | None, **llm: object) -> None:
    """Score an engine on labelled pairs: lines {"doc", "claim", "label"} or "supported": 0|1.

    Prints balanced accuracy (supported vs not), per "dataset" rows, the confusion matrix
    for four-way labels, pairs per second and, with --engine llm or hybrid, calls, tokens,
    cost and the share of pairs the model decided. Replayable: pass --cassette.
    """
    import tempfile

    from factcheck.verify.evaluate import evaluate, format_summary, read_pairs, summary

    pairs = read_pairs(pairs_file)[:limit]
    settings = settings_from_cli(llm, Path.cwd())
    if engine_name != "local":
        settings.require_usable(engine_name)
    with tempfile.TemporaryDirectory() as scratch, _recording(settings), \
            Store.in_dir(_made(db_dir or Path(scratch))) as store:
        engine = _engine_factory(engine_name, settings)(store)
        result = summary(evaluate(engine, pairs), engine.usage())
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        for line in format_summary(result):
            stderr.print(escape(line))


@cli.command()
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="md: for a newsroom; html: one self-contained page; json: report.json; "
                   "jsonl: one claim per line; claimreview: schema.org JSON-LD.")
@click.option("--machine-made", is_flag=True,
              help="claimreview: also emit flagged claims no person has reviewed, marked "
                   "as machine-made.")
@click.option("--org", "organization", default=None, metavar="NAME",
              help="claimreview: the organisation publishing the reviews. [default: factcheck]")
@click.option("--org-url", "organization_url", default=None, metavar="URL",
              help="claimreview: that organisation's web address.")
@click.option("--claimreview-url-template", "url_template", default=None, metavar="URL",
              help="claimreview: each review's public address, e.g. "
                   "'https://example.org/checks/{claim_id}'. [default: from factcheck.toml]")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write to FILE instead of stdout.")
def report(run_dir: Path, fmt: str, machine_made: bool, organization: str | None,
           organization_url: str | None, url_template: str | None,
           out_file: Path | None) -> None:
    """Render the latest run in RUN_DIR (with its reviews) as FORMAT, on stdout or --out.

    claimreview options default to organization, organization_url and url_template under
    [claimreview] in factcheck.toml.
    """
    if fmt == "claimreview":
        organization, organization_url, url_template = _claimreview_options(
            organization, organization_url, url_template)
    if not (run_dir / DB_NAME).is_file():
        raise InputError(f"no run database ({DB_NAME}) here; run `factcheck run` first",
                         str(run_dir))
    with Store.in_dir(run_dir) as store:
        loaded = load_report(store)
    text = render(loaded, fmt, machine_made=machine_made, organization=organization,
                  organization_url=organization_url, url_template=url_template)
    if fmt == "claimreview" and text.strip() == "[]":
        stderr.print("no claim has a person's decision yet: review with `factcheck review "
                     f"{run_dir}`, or pass --machine-made for unreviewed flagged claims")
    if out_file is None:
        click.echo(text, nl=False)
    else:
        if not out_file.parent.is_dir():
            raise InputError(f"folder {out_file.parent} does not exist", str(out_file))
        write_atomic(out_file, text)
        stderr.print(f"Wrote {out_file}")


def _claimreview_options(organization: str | None, organization_url: str | None,
                         url_template: str | None) -> tuple[str | None, str | None, str]:
    """Options given on the command line, else from [claimreview] in factcheck.toml."""
    from factcheck.render.claimreview import check_url_template, claimreview_config

    config = claimreview_config(Path.cwd())
    return (organization or config.get("organization"),
            organization_url or config.get("organization_url"),
            check_url_template(url_template or config.get("url_template")))


@cli.command()
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--cli", "in_terminal", is_flag=True,
              help="Review in this terminal, one claim at a time, instead of the browser.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; anything but loopback exposes the review.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to serve on; 0 picks a free one.")
@click.option("--no-browser", is_flag=True, help="Print the URL without opening a browser.")
@click.option("--reviewer", default=None, metavar="NAME",
              help="Who is deciding; recorded with every decision. [default: asked]")
@click.option("--export", "export_to", default=None, metavar="FILE",
              help="Write every decision (who, when, what, note) to FILE (.jsonl or .csv; "
                   "- for JSON Lines on stdout) and exit.")
def review(run_dir: Path, in_terminal: bool, host: str, port: int, no_browser: bool,
           reviewer: str | None, export_to: str | None) -> None:
    """Confirm or override the flagged claims of the latest run in RUN_DIR.

    Decisions are appended to RUN_DIR's database with who made them and when; reports
    made afterwards use the human verdicts. Keys: c confirm, 1-4 set the verdict
    (supported, partly, contradicted, not mentioned), m needs more evidence, x not a claim,
    u undo.
    """
    if export_to is not None:
        from factcheck.review.export import export_decisions

        count = export_decisions(run_dir, export_to)
        if export_to != "-":
            stderr.print(f"{count} decision(s) written to {escape(export_to)}")
        return
    if in_terminal:
        from factcheck.review.terminal import review_terminal

        review_terminal(run_dir, stderr, reviewer=reviewer)
        return
    from factcheck.review.web import serve

    def announce(url: str) -> None:
        click.echo(url)
        stderr.print(f"Reviewing {escape(str(run_dir))} at {url} (Ctrl+C to stop)")
        if not (host.startswith("127.") or host in ("localhost", "::1")):
            stderr.print(f"[yellow]warning:[/] serving on {escape(host)}, not loopback: "
                         "anyone who can reach it can review")

    serve(run_dir, host=host, port=port, reviewer=reviewer, open_browser=not no_browser,
          announce=announce)

def _resume_hint() -> str:
    """How to continue an interrupted run, when ``factcheck run`` was what stopped."""
    args = sys.argv[1:]
    if not args or args[0] != "run":
        return ""
    out = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--out", "--resume")),
               "factcheck-out")
    if unfinished(Path(out)) is None:
        return ""
    return f": incomplete run in {out}; resume it with `factcheck run --resume {out}`"


def main() -> None:
    """Entry point: every known error is one line on stderr and an exit code."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        stderr.print("aborted")
        raise SystemExit(EXIT_FAILED) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except FactcheckError as exc:
        stderr.print(f"[red]error:[/] {escape(str(exc))}")
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr.print(f"interrupted{_resume_hint()}")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else EXIT_OK)
