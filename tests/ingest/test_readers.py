"""Bad inputs: each becomes one clear problem, and never stops the other files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import ingest
from factcheck.models import ProblemStage

WriteFn = Callable[[str, str | bytes], Path]

ARTICLE = ("Firefighters battled a blaze at a furniture factory on Monday, the county fire "
           "department said.\nNo one was hurt, officials said.\n")


def _single_problem(paths: list[str], **kwargs: object) -> str:
    result = ingest(paths, **kwargs)  # type: ignore[arg-type]
    assert result.sources == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.stage is ProblemStage.ingest
    assert "\n" not in problem.message
    return problem.message


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    message = _single_problem([missing])
    assert message.startswith(missing) and "no such file" in message


def test_empty_and_blank_files(write: WriteFn) -> None:
    assert "empty file" in _single_problem([str(write("a.txt", ""))])
    assert "empty file" in _single_problem([str(write("b.md", "  \n\n\t\n"))])


def test_nothing_left_after_boilerplate(write: WriteFn) -> None:
    junk = "Advertisement\nSubscribe now to continue reading.\nAll rights reserved.\n"
    message = _single_problem([str(write("junk.txt", junk))])
    assert "nothing left after removing boilerplate" in message


def test_binary_file_named_explicitly(write: WriteFn) -> None:
    path = write("x.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    message = _single_problem([str(path)])
    assert message == (f"{path}: binary file (NUL bytes), not an article; "
                       "pass .txt, .md, .html or .json")


def test_binary_file_with_text_extension(write: WriteFn) -> None:
    assert "binary file" in _single_problem([str(write("x.txt", b"abc\x00def"))])


def test_non_utf8_names_the_byte_offset(write: WriteFn) -> None:
    message = _single_problem([str(write("latin.txt", "Caf\u00e9 fire".encode("latin-1")))])
    assert "not UTF-8" in message and "offset 3" in message and "0xe9" in message


def test_utf16_is_reported_not_misread_as_binary(write: WriteFn) -> None:
    message = _single_problem([str(write("wide.txt", ARTICLE.encode("utf-16")))])
    assert "UTF-16" in message


def test_utf8_bom_and_crlf_are_accepted(write: WriteFn) -> None:
    data = b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    source = ingest([str(write("bom.txt", data))]).sources[0]
    assert "\r" not in source.text and not source.text.startswith("\ufeff")
    assert source.text.startswith("Firefighters battled")


def test_too_large_mentions_size_and_option(write: WriteFn) -> None:
    path = write("big.txt", ARTICLE * 50)
    message = _single_problem([str(path)], max_bytes=1000)
    assert f"{path.stat().st_size:,} bytes" in message and "--max-bytes" in message


def test_unknown_extension_named_explicitly(write: WriteFn) -> None:
    message = _single_problem([str(write("story.docx.tmp", ARTICLE))])
    assert "unsupported file type '.tmp'" in message


def test_unreadable_file(write: WriteFn, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", ARTICLE)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert "permission denied" in _single_problem([str(path)])


def test_duplicate_content_names_the_first(write: WriteFn) -> None:
    first, second = write("a.txt", ARTICLE), write("copy.txt", ARTICLE)
    result = ingest([str(first), str(second)])
    assert [s.id for s in result.sources] == ["a"]
    assert result.problems[0].message == f"{second}: duplicate of a (same content); skipped"


def test_same_article_in_two_formats_is_a_duplicate(write: WriteFn) -> None:
    result = ingest([str(write("a.txt", ARTICLE)), str(write("b.md", ARTICLE + "\n\n"))])
    assert len(result.sources) == 1 and "duplicate of a" in result.problems[0].message


def test_one_bad_file_does_not_stop_the_others(write: WriteFn, tmp_path: Path) -> None:
    write("1.txt", b"\x00\x01")
    write("2.txt", ARTICLE)
    write("3.json", "{oops")
    write("4.txt", "A different article: the river crested at 12 metres on Friday, "
          "the weather service said.")
    result = ingest([str(tmp_path)])
    assert [s.id for s in result.sources] == ["2", "4"]
    assert len(result.problems) == 2


def test_folder_skips_hidden_files_and_reports_unknown_ones(write: WriteFn,
                                                            tmp_path: Path) -> None:
    write("b.txt", ARTICLE)
    write("notes.docx", b"\x00binary")
    write(".hidden.txt", "Secret draft notes that should not be read at all, said nobody.")
    write("sub/c.txt", "Nested articles are not read: scanning is not recursive, by design.")
    result = ingest([str(tmp_path)])
    assert [s.id for s in result.sources] == ["b"]
    assert [p.message for p in result.problems] == [
        f"{tmp_path / 'notes.docx'}: unsupported file type '.docx'; pass .txt, .md, .html or "
        ".json; skipped"]


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x00")
    assert "folder has no .txt" in _single_problem([str(tmp_path)])


def test_same_stem_gets_a_suffix(write: WriteFn) -> None:
    a = write("one/story.txt", ARTICLE)
    b = write("two/story.md", "Police closed the bridge on Sunday after a crack was found, "
              "the city said.")
    result = ingest([str(a), str(b)])
    assert [s.id for s in result.sources] == ["story", "story-2"]


def test_stdin_is_one_article() -> None:
    result = ingest(["-"], stdin=io.StringIO(ARTICLE))
    assert [s.id for s in result.sources] == ["stdin"]
    assert result.sources[0].path == "-" and result.sources[0].format == "txt"


def test_stdin_over_the_limit() -> None:
    message = _single_problem(["-"], stdin=io.StringIO(ARTICLE), max_bytes=10)
    assert "--max-bytes" in message


def test_sha256_is_of_the_raw_bytes(write: WriteFn) -> None:
    import hashlib

    data = ARTICLE.encode("utf-8")
    source = ingest([str(write("a.txt", data))]).sources[0]
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("text", [
    "Read more: The factory laid off 300 workers last week.",
    "Click here to read how the council approved the budget on Monday.",
    "Jane Okafor is a reporter who said the plant closed.",
])
def test_a_one_sentence_input_is_content(write: WriteFn, text: str) -> None:
    result = ingest([str(write("short.txt", text))])
    assert not result.problems
    assert result.sources[0].text == text


def test_removed_furniture_is_listed_with_its_reason(write: WriteFn) -> None:
    body = "The council approved the new budget on Monday after a long debate.\n\n"
    result = ingest([str(write("page.txt", body + "Subscribe now to keep reading.\n"))])
    removed = result.sources[0].removed
    assert [r.kind for r in removed] == ["paywall"]
    assert "paywall" in removed[0].reason


def test_symlink_loop_is_named_as_a_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = ingest([str(loop)])
    assert [p.message for p in result.problems] == [
        f"{loop}: symbolic link loop (it leads back to itself); fix or remove it"]


def test_broken_link_names_its_target(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "moved.txt")
    assert "broken symbolic link to" in ingest([str(link)]).problems[0].message


def test_a_pdf_or_loop_in_a_folder_is_reported_not_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7 ...")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    result = ingest([str(tmp_path)])
    assert [s.id for s in result.sources] == ["a"]
    messages = sorted(p.message for p in result.problems)
    assert len(messages) == 3
    assert "symbolic link loop" in messages[0] and "unsupported file type '.csv'" in messages[1]
    assert "scan.pdf: PDF is not read; extract its text first" in messages[2]
