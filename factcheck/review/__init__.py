"""Human review of flagged claims: append-only decisions, a queue, a web app and a terminal UI.

Only the light modules are imported here, so reports can read decisions without pulling in
the web stack; ``factcheck.review.web`` is imported when the browser review starts.
"""

from factcheck.review.store import DecisionRecord, apply_reviews, history, record_decision

__all__ = ["DecisionRecord", "apply_reviews", "history", "record_decision"]
