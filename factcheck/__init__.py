"""factcheck: cross-check news articles about the same event against each other."""

__version__ = "0.1.0"
