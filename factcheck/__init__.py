"""factcheck: cross-check news articles about the same event against each other.

``from factcheck import check`` loads the pipeline only when it is first used, so
``import factcheck`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Report", "__version__", "check"]

if TYPE_CHECKING:
    from factcheck.api import check
    from factcheck.models import Report


def __getattr__(name: str) -> Any:
    if name == "check":
        from factcheck.api import check

        return check
    if name == "Report":
        from factcheck.models import Report

        return Report
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
