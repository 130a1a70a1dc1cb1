"""Entity spotting and kind guesses."""

from __future__ import annotations

from factcheck.extract.entities import find_entities
from factcheck.extract.names import build_book, proper_words

TEXT = ("Fire Chief Maria Ramos said the Riverton plant of Delmar Textiles Inc. had failed "
        "inspections. Investigators from the Ohio Department of Commerce arrived from Columbus. "
        "Ramos said the French owner of the plant was in Paris.")


def kinds(said: str) -> dict[str, str]:
    book = build_book(TEXT)
    return {e.name: e.kind for e in find_entities(said, book, len(TEXT), proper_words(TEXT))}


def test_people_places_and_organisations() -> None:
    found = kinds(TEXT)
    assert found["Maria Ramos"] == "person"
    assert found["Delmar Textiles Inc."] == "organization"
    assert found["Ohio Department of Commerce"] == "organization"
    assert found["Paris"] == "place"
    assert found["Columbus"] == "other"


def test_short_mention_maps_to_full_name_and_roles_are_dropped() -> None:
    found = kinds("Ramos said the French owner of the plant was in Paris.")
    assert found.get("Maria Ramos") == "person"
    assert "Ramos" not in found
    assert "French" not in found
    assert "Fire Chief" not in kinds(TEXT)


def test_sentence_initial_common_words_are_not_entities() -> None:
    assert "Investigators" not in kinds("Investigators arrived from Columbus on Monday.")


def test_order_and_no_duplicates() -> None:
    book = build_book(TEXT)
    names = [e.name for e in find_entities("Paris, Paris and then Columbus.", book, 0,
                                           proper_words(TEXT))]
    assert names == ["Paris", "Columbus"]
