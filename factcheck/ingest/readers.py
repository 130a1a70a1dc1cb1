"""Turn path arguments into decoded inputs, or into one-line problems a person can fix.

Every check here is about the file, not the article: does it exist, is it readable, small
enough, text, UTF-8. Nothing is guessed: a file that is not UTF-8 is reported with the
offset of the first bad byte rather than decoded with a fallback that may garble names.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from factcheck.ingest.document import normalise_newlines
from factcheck.models import Problem, ProblemStage

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".json": "json", ".jsonl": "jsonl"}
PASS_HINT = "pass .txt, .md, .html or .json"
_SNIFF_BYTES = 8192


@dataclass
class Input:
    path: str
    name: str
    format: str
    text: str
    sha256: str


def problem(where: str, message: str, path: str | None = None) -> Problem:
    """An ingest problem whose message starts with where it happened (file, or record)."""
    return Problem(stage=ProblemStage.ingest, message=f"{where}: {message}", path=path or where)


def expand(arg: str) -> list[Path | Problem] | Problem:
    """A file as itself; a folder as its supported, non-hidden files, sorted by name, and a
    problem for each other file in it (a .pdf is never skipped in silence)."""
    path = Path(arg)
    if path.is_dir():
        entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
        found: list[Path | Problem] = [_entry(p) for p in entries if not p.is_dir()]
        if not any(isinstance(f, Path) for f in found):
            return problem(arg, f"folder has no .txt, .md, .html or .json files; {PASS_HINT}")
        return found
    if path.is_symlink() and not path.exists():
        return _bad_link(arg, path)
    if not path.exists():
        return problem(arg, "no such file or folder; check the path")
    return [path]


def _entry(path: Path) -> Path | Problem:
    """A folder entry: a readable article file, or why it is left out."""
    if path.is_symlink() and not path.exists():
        return _bad_link(str(path), path)
    if path.suffix.lower() in FORMATS and path.is_file():
        return path
    if path.suffix.lower() == ".pdf":
        return problem(str(path), "PDF is not read; extract its text first (e.g. `pdftotext "
                       f"{path.name}`) and pass the .txt; skipped")
    suffix = path.suffix or "no extension"
    return problem(str(path), f"unsupported file type '{suffix}'; {PASS_HINT}; skipped")


def _bad_link(where: str, path: Path) -> Problem:
    """A symbolic link that leads nowhere: a loop, or a target that is gone."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return problem(where, "symbolic link loop (it leads back to itself); fix or remove it")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return problem(where, "symbolic link loop (it leads back to itself); fix or "
                           "remove it")
    return problem(where, f"broken symbolic link to {os.readlink(path)} (the target does not "
                   "exist); fix or remove it")


def load(path: Path, max_bytes: int) -> Input | Problem:
    """Read, size-check and decode one file."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return problem(where, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                           "raise the limit with --max-bytes")
        data = path.read_bytes()
    except PermissionError:
        return problem(where, "cannot read it (permission denied); check the file's permissions")
    except OSError as error:
        return problem(where, f"cannot read it ({error.strerror or error}); check the path")
    fmt = FORMATS.get(path.suffix.lower())
    return decode(where, path.stem, fmt, data)


def decode(where: str, name: str, fmt: str | None, data: bytes) -> Input | Problem:
    """Bytes to text: refuse empty, binary, UTF-16 and non-UTF-8 input with a reason."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem(where, "UTF-16 text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data[:_SNIFF_BYTES]:
        return problem(where, f"binary file (NUL bytes), not an article; {PASS_HINT}")
    if fmt is None:
        suffix = Path(where).suffix or "no extension"
        return problem(where, f"unsupported file type '{suffix}'; {PASS_HINT}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        return problem(where, f"not UTF-8 text (byte 0x{bad:02x} at offset {error.start}); "
                       "re-save it as UTF-8")
    if not text.strip():
        return problem(where, "empty file; nothing to check")
    return Input(where, name, fmt, normalise_newlines(text), hashlib.sha256(data).hexdigest())


def load_stdin(stream: TextIO, max_bytes: int) -> Input | Problem:
    """One article from standard input; its format is sniffed from the first characters."""
    data = stream.read().encode("utf-8")
    if len(data) > max_bytes:
        return problem("-", f"standard input is {len(data):,} bytes, over the {max_bytes:,}-byte "
                       "limit; raise the limit with --max-bytes")
    return decode("-", "stdin", sniff(data.decode("utf-8", errors="replace")), data)


def sniff(text: str) -> str:
    """Guess the format of text that came without a file name."""
    head = text.lstrip()[:200]
    if re.match(r"<(!doctype|html|head|body|article|div|p|h1)\b", head, re.IGNORECASE):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "md" if re.match(r"#{1,6}\s", head) else "txt"
