"""The ``factcheck`` command. People read stderr (rich); programs read stdout (data)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from factcheck import __version__
from factcheck.engine import Engine
from factcheck.errors import FactcheckError
from factcheck.ingest import DEFAULT_MAX_BYTES
from factcheck.llm import LLMEngine, LLMSettings, llm_options, recording, settings_from_cli
from factcheck.local import LocalEngine
from factcheck.pipeline import RunOutcome, run_pipeline
from factcheck.report import print_summary
from factcheck.store import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

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
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("factcheck-out"), show_default=True,
              help="Run directory: gets report.json and the run database.")
@click.option("--engine", "engine_name", type=click.Choice(["local", "llm"]), default=None,
              help="local: built-in rules, offline. llm: a model. "
                   "[default: llm when a model is configured, else local]")
@click.option("--json", "as_json", is_flag=True, help="Also print report.json to stdout.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Largest input file accepted, in bytes.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on stderr but errors.")
@llm_options
def run(paths: tuple[str, ...], out_dir: Path, engine_name: str | None, as_json: bool,
        max_bytes: int, quiet: bool, **llm: object) -> None:
    """Check the articles in PATH... (files, folders, or - for stdin) against each other.

    Accepts .txt, .md, .html and .json/.jsonl (fields title, text, url, outlet).
    Writes OUT/report.json and prints a summary.

    \b
    Exit codes: 0 done; 1 failed; 2 bad usage or input (when only some inputs are bad,
    the others are still checked and the report is written).
    """
    settings = settings_from_cli(llm, Path.cwd())
    engine_name = engine_name or ("llm" if settings.model else "local")
    with recording(settings):
        outcome = run_pipeline(paths, out_dir, _engine_factory(engine_name, settings),
                               stdin=sys.stdin, max_bytes=max_bytes)
    _finish(outcome, as_json, quiet)


def _engine_factory(name: str, settings: LLMSettings):  # type: ignore[no-untyped-def]
    def make(store: Store) -> Engine:
        return LLMEngine(settings, store) if name == "llm" else LocalEngine()
    return make


def _finish(outcome: RunOutcome, as_json: bool, quiet: bool) -> None:
    report = outcome.report
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    if not quiet:
        print_summary(report, stderr)
        if report.summary.sources == 1:
            stderr.print("Only one article was read: claims extracted, nothing to cross-check.")
        stderr.print(f"Report: {outcome.out_dir / 'report.json'}")
    if outcome.stopped_reason:
        stderr.print(f"[red]stopped early:[/] {escape(outcome.stopped_reason)}; "
                     "what was done is saved")
        raise SystemExit(EXIT_FAILED)
    if outcome.input_problems:
        raise SystemExit(EXIT_USAGE)


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
        stderr.print("interrupted")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else EXIT_OK)
