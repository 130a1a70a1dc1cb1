"""The error hierarchy. Every error the CLI shows is one line: what, where, what to do."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of every error factcheck raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 1


class InputError(FactcheckError):
    """A bad input file, path or option value: the user can fix it (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class ConfigError(FactcheckError):
    """Missing or inconsistent settings, e.g. the LLM engine without a model (exit 2)."""

    exit_code = 2


class ModelError(FactcheckError):
    """The model server failed after retries, or answered in a way no retry could fix.

    ``kind`` is a ``factcheck.models.FailureKind`` value when the failure is counted in
    ``run.failures`` (a per-item failure), None for fatal ones.
    """

    def __init__(self, message: str, kind: str | None = None) -> None:
        self.kind = kind
        super().__init__(message)


class ModelOutputError(ModelError):
    """A model answer failed validation after every re-ask."""


class BudgetExceeded(FactcheckError):
    """``--max-cost`` or ``--max-calls`` was reached; work done so far is kept."""


class RunStopped(BudgetExceeded):
    """The run was stopped (budget, deadline, server gone) before this call could start."""


class DeadlineReached(BudgetExceeded):
    """``--deadline`` passed: calls in flight are abandoned, work done so far is kept."""


class CassetteMiss(ModelError):
    """Replay found no recording for a request (the prompt or input changed)."""

    exit_code = 2


class ExecutorError(FactcheckError):
    """The executor lost work mid-run (a Ray worker or node died); finished work is kept."""


class StoreError(FactcheckError):
    """The run database is unreadable, too new, or locked."""


class VerifierModelError(FactcheckError):
    """The shipped verifier model is missing, malformed or built for other features."""
