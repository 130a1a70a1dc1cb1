from factcheck.language.text import find_span, fold, sentences


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
