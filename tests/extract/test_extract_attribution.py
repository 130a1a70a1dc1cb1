"""Attribution tags, speaker phrases and in-article name resolution."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution import Tag, is_hearsay, sentence_tag
from factcheck.extract.leading import leading_tag
from factcheck.extract.names import build_book, is_name, is_role
from factcheck.extract.speakers import SpeakerPhrase, parse_speaker, resolve
from factcheck.models import AttributionKind


def tag_of(sentence: str) -> Tag | None:
    span = (0, len(sentence))
    return sentence_tag(sentence, span) or leading_tag(sentence, span)


def speaker_and_content(sentence: str) -> tuple[AttributionKind, str | None, str]:
    tag = tag_of(sentence)
    assert tag is not None
    speaker = sentence[tag.speaker[0]:tag.speaker[1]] if tag.speaker else None
    return tag.kind, speaker, sentence[tag.content[0]:tag.content[1]]


@pytest.mark.parametrize(("sentence", "kind", "speaker", "content"), [
    ("The plant will close in May, the company said on Tuesday.",
     AttributionKind.reported_speech, "the company", "The plant will close in May"),
    ("Prices rose 3 percent, according to the statistics office.",
     AttributionKind.according_to, "the statistics office", "Prices rose 3 percent"),
    ("According to the coast guard, six sailors were rescued.",
     AttributionKind.according_to, "the coast guard", "six sailors were rescued."),
    ("The mayor said that the bridge would reopen next week.",
     AttributionKind.reported_speech, "The mayor", "the bridge would reopen next week."),
    ("Police told reporters on Sunday that two suspects were arrested.",
     AttributionKind.reported_speech, "Police", "two suspects were arrested."),
    ("The ministry reported that exports fell for a third month.",
     AttributionKind.according_to, "The ministry", "exports fell for a third month."),
    ("Reports indicate that the talks have stalled.",
     AttributionKind.unattributed, None, "the talks have stalled."),
    ('"We will rebuild," said Mayor Ana Ortiz.',
     AttributionKind.direct_quote, "Mayor Ana Ortiz", "We will rebuild"),
    ('The coach said: "We played badly and we lost."',
     AttributionKind.direct_quote, "The coach", "We played badly and we lost."),
    ("SPRINGFIELD (AP) \u2014 State officials said the levee held overnight.",
     AttributionKind.reported_speech, "State officials", "the levee held overnight."),
])
def test_tags(sentence: str, kind: AttributionKind, speaker: str | None, content: str) -> None:
    assert speaker_and_content(sentence) == (kind, speaker, content)


def test_appositive_speaker_after_a_quotation() -> None:
    sentence = ('"The dam is safe," the region\'s chief engineer, Paulo Reis, said in an '
                "interview on Monday.")
    kind, speaker, content = speaker_and_content(sentence)
    assert kind == AttributionKind.direct_quote and content == "The dam is safe"
    assert parse_speaker(speaker or "") == SpeakerPhrase("Paulo Reis", "region's chief engineer")


@pytest.mark.parametrize("sentence", [
    "The fire destroyed the warehouse that the owner said was empty.",
    "The exchange of goods and services indicates a deeper alliance.",
    "Governor Ray Sims declared a state of emergency on Friday.",
    "The situation has been complicated by the rebels' claims that they hold the city.",
])
def test_not_attributed(sentence: str) -> None:
    assert tag_of(sentence) is None


def test_denial_keeps_the_attribution_in_the_text() -> None:
    tag = tag_of("The company denied that it had hidden the losses.")
    assert tag is not None and tag.keep_full


@pytest.mark.parametrize(("phrase", "parsed"), [
    ("Fire Chief Maria Ramos", SpeakerPhrase("Maria Ramos", "Fire Chief")),
    ("the ministry's spokesperson, Lena Holm",
     SpeakerPhrase("Lena Holm", "ministry's spokesperson")),
    ("Omar Diallo, the city's budget director",
     SpeakerPhrase("Omar Diallo", "city's budget director")),
    ("Economists like Ruth Adler from the Brookfield Institute",
     SpeakerPhrase("Ruth Adler", "Brookfield Institute economist")),
    ("local officials", SpeakerPhrase(other="local officials")),
    ("the state news agency, particularly its evening bulletin",
     SpeakerPhrase(other="the state news agency")),
    ("A senior police official", SpeakerPhrase(role="senior police official")),
    ("Mr. Adler", SpeakerPhrase("Mr. Adler")),
])
def test_parse_speaker(phrase: str, parsed: SpeakerPhrase) -> None:
    assert parse_speaker(phrase) == parsed


SURNAMES = (
    "County Clerk Ana Lopez said the count was complete. Deputy Registrar Miguel Lopez said "
    "late ballots were set aside. Clerk Lopez said turnout was high. Mr. Lopez said more "
    "ballots would be reviewed. The registrar said no fraud was found."
)


def test_shared_surname_people_kept_apart() -> None:
    book = build_book(SURNAMES)
    assert set(book.people) == {"ana lopez", "miguel lopez"}
    last: dict[str, str | None] = {"person": None, "org": None, "thing": None}
    clerk = SURNAMES.index("Clerk Lopez said turnout")
    mr = SURNAMES.index("Mr. Lopez")
    assert resolve(parse_speaker("Clerk Lopez"), clerk, book, last)[0] == "Ana Lopez"
    assert resolve(parse_speaker("Mr. Lopez"), mr, book, last)[0] == "Miguel Lopez"
    assert resolve(parse_speaker("The registrar"), mr, book, last)[0] == "Miguel Lopez"
    assert resolve(parse_speaker("Lopez"), 0, book, last)[0] == "Ana Lopez"


def test_unnamed_role_resolved_only_by_matching_role() -> None:
    text = ("The city's health commissioner said cases fell. The city's health commissioner, "
            "Irene Park, said vaccines helped. A hospital official said beds were free.")
    book = build_book(text)
    last: dict[str, str | None] = {"person": None, "org": None, "thing": None}
    early = resolve(parse_speaker("The city's health commissioner"), 0, book, last)
    assert early == ("Irene Park", "city's health commissioner")
    official = resolve(parse_speaker("A hospital official"), text.index("A hospital"), book, last)
    assert official == (None, "hospital official")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Maria Ramos", True), ("Shin Won-shik", True), ("North Korea", False),
    ("National Hurricane Center", False), ("Marlow County", False), ("KCNA", False),
])
def test_is_name(phrase: str, expected: bool) -> None:
    assert is_name(phrase) is expected


def test_is_role() -> None:
    assert is_role("South Africa's finance minister")
    assert not is_role("the northern suburbs")


def test_hearsay() -> None:
    assert is_hearsay("The rebels reportedly seized the airport.")
    assert is_hearsay("It is believed that the vault was empty.")
    assert not is_hearsay("The rebels seized the airport, officials said.")


@pytest.mark.parametrize(("text", "kind", "speaker", "role"), [
    # a plural noun for people that no word list names is still a speaker
    ("The old river bridge collapsed on Sunday after heavy rain, city engineers said.",
     AttributionKind.reported_speech, "city engineers", None),
    # "told X": X is the listener; the speaker is the subject, its role without "its"
    ("The carmaker will cut 800 jobs next year, its chief executive, Maria Lopez, told "
     "employees on Monday.", AttributionKind.reported_speech, "Maria Lopez", "chief executive"),
    # the people told are no speaker
    ("Drivers were told to use the ring road instead.", AttributionKind.outlet, None, None),
    # the sentence's full stop is not part of a role
    ("The carmaker will cut 800 jobs, according to Tom Baker, a union representative.",
     AttributionKind.according_to, "Tom Baker", "union representative"),
])
def test_speakers_of_other_events(text: str, kind: AttributionKind, speaker: str | None,
                                  role: str | None) -> None:
    from builders import make_source

    from factcheck.extract import extract_claims

    claims = extract_claims(make_source("s", f"Headline\n\n{text}\n"))
    claim = next(c for c in claims if c.quote[:12] in text)
    assert (claim.attribution.kind, claim.attribution.speaker, claim.attribution.role) == \
        (kind, speaker, role)
