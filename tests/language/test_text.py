from factcheck.language.text import find_span, fold, sentences, soft_wrapped


def test_sentences_keep_abbreviations_and_quotes_together() -> None:
    text = ('Mr. Ramos said the U.S. team arrived at 9 a.m. on Monday. "We are ready," he said.\n'
            "The second paragraph starts here. It ends here")
    found = [text[a:b] for a, b in sentences(text)]
    assert found == [
        "Mr. Ramos said the U.S. team arrived at 9 a.m. on Monday.",
        '"We are ready," he said.',
        "The second paragraph starts here.",
        "It ends here",
    ]


def test_sentence_spans_are_exact_offsets() -> None:
    text = "  First one.  Second one!\n\nThird?  "
    for start, end in sentences(text):
        assert text[start:end] == text[start:end].strip()
        assert text[start:end]


def test_find_span_exact_and_folded() -> None:
    text = "The mayor said \u201cwe will rebuild\u201d  within   two years."
    assert find_span(text, "mayor said") == (4, 14)
    span = find_span(text, '"we will rebuild" within two years')
    assert span is not None
    assert text[span[0]:span[1]] == "\u201cwe will rebuild\u201d  within   two years"


def test_find_span_returns_none_for_invented_quote() -> None:
    assert find_span("The river rose two metres.", "The river rose three metres") is None
    assert find_span("anything", "   ") is None


def test_find_span_respects_start() -> None:
    text = "a cat, a cat"
    assert find_span(text, "a cat", start=1) == (7, 12)


def test_fold_keeps_length() -> None:
    text = "\u2018a\u2019 \u2014 \u201cb\u201d"
    assert len(fold(text)) == len(text)
    assert fold(text) == "'a' - \"b\""


def test_soft_wrapped_joins_lines_inside_a_sentence_only() -> None:
    text = ("Ferry service resumed\n\nThe harbour authority said the ferry to Ostby would\n"
            "run again from Friday after\n  14 days of repairs. Tickets bought for\n"
            '"cancelled" crossings stay valid.\nBriefly\nStorms are forecast.\n'
            "1. Check the timetable\n2. Book ahead")
    flat = soft_wrapped(text)
    assert len(flat) == len(text)
    assert [flat[a:b] for a, b in sentences(flat)] == [
        "Ferry service resumed",
        "The harbour authority said the ferry to Ostby would run again from Friday after   "
        "14 days of repairs.",
        'Tickets bought for "cancelled" crossings stay valid.',
        "Briefly", "Storms are forecast.", "1.", "Check the timetable", "2.", "Book ahead"]
    assert flat.endswith("timetable\n2. Book ahead")  # a numbered list stays a list


def test_soft_wrapped_leaves_one_paragraph_per_line_alone() -> None:
    text = "Headline Here\nThe first paragraph ends.\nThe second one too.\nA heading\nMore text."
    assert soft_wrapped(text) == text
