"""Attribution from cues anywhere in the sentence, pronoun and short-reference resolution,
and speakers that are always noun phrases. Articles of our own (a port accident)."""

from __future__ import annotations

import pytest
from builders import make_source

from factcheck.extract import extract_claims, mentions
from factcheck.extract.cues import cue_tag, trim_speaker
from factcheck.extract.speakers import is_noun_phrase
from factcheck.extract.tokens import pair_quotes
from factcheck.models import AttributionKind, Claim

PIER = (
    "Harbour officials closed the northern pier on Tuesday after a crane collapsed, killing "
    "two dock workers.\n"
    "The port authority's chief executive, Dana Whitcombe, said the crane had passed an "
    "inspection in March. \"We will find out what went wrong,\" she said.\n"
    "She added that an independent engineer would lead the review.\n"
    "The mayor's office said in a statement that the pier would stay shut until Friday.\n"
    "The official also denied that safety checks had been skipped.\n"
    "Police have repeatedly warned that the site was unsafe, according to the dockers' union.\n"
    "\"It was a disaster waiting to happen. Everyone knew the crane was old,\" said Tomas "
    "Reyes, a crane operator who has worked at the port for 20 years.\n"
    "Reluctantly, Ines Okafor, who chairs the harbour board, conceded that the pier had been "
    "overloaded.\n"
    "The closure was first reported by the Harbour Gazette.\n"
)


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return extract_claims(make_source("pier", PIER))


def one(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.quote]
    assert found, fragment
    return found[0]


def test_pronoun_speakers_resolve_to_the_named_person_keeping_the_role(
        claims: list[Claim]) -> None:
    quoted = one(claims, "We will find out")
    added = one(claims, "independent engineer")
    for claim in (quoted, added):
        assert claim.attribution.speaker == "Dana Whitcombe"
        assert claim.attribution.role == "port authority's chief executive"
    assert quoted.attribution.kind == AttributionKind.direct_quote


def test_a_short_reference_resolves_to_the_person_last_spoken_of(claims: list[Claim]) -> None:
    denied = one(claims, "The official also denied")
    assert denied.attribution.speaker == "Dana Whitcombe"
    assert denied.attribution.role == "port authority's chief executive"


def test_an_office_speaks_as_itself(claims: list[Claim]) -> None:
    assert one(claims, "stay shut").attribution.speaker == "mayor's office"


def test_a_quote_over_two_sentences_has_the_speaker_named_after_it(claims: list[Claim]) -> None:
    for fragment in ("disaster waiting", "Everyone knew"):
        claim = one(claims, fragment)
        assert claim.attribution.speaker == "Tomas Reyes"
        assert claim.attribution.kind == AttributionKind.direct_quote
    assert not one(claims, "disaster waiting").text.startswith("Tomas")  # "It" stays "It"


def test_cue_in_any_tense_past_an_adverbial_and_an_interrupting_clause(
        claims: list[Claim]) -> None:
    conceded = one(claims, "overloaded")
    assert conceded.attribution.speaker == "Ines Okafor"
    assert one(claims, "repeatedly warned").attribution.speaker == "the dockers' union"


def test_passive_cue_names_its_agent(claims: list[Claim]) -> None:
    assert one(claims, "first reported by").attribution.speaker == "the Harbour Gazette"


def test_the_outlets_own_voice_has_no_speaker(claims: list[Claim]) -> None:
    closed = one(claims, "closed the northern pier")
    assert closed.attribution.kind == AttributionKind.outlet
    assert closed.attribution.speaker is None


def test_every_speaker_is_a_noun_phrase(claims: list[Claim]) -> None:
    speakers = [c.attribution.speaker for c in claims if c.attribution.speaker]
    assert speakers and all(is_noun_phrase(s) for s in speakers)


@pytest.mark.parametrize("phrase", ["its own website.", "Hopefully", "56", "www.example.org",
                                    "https://example.org/a", "of the", "the head of",
                                    "and the mayor"])
def test_not_noun_phrases(phrase: str) -> None:
    assert not is_noun_phrase(phrase)


@pytest.mark.parametrize("phrase", ["he", "Dana Whitcombe", "the mayor's office",
                                    "South Korea's national security adviser", "Reuters",
                                    "Acme Corp.", "46 percent of voters"])
def test_noun_phrases(phrase: str) -> None:
    assert is_noun_phrase(phrase)


def test_speaker_spans_are_trimmed_to_the_noun_phrase() -> None:
    for text, want in [('"You bet," Ines Okafor', "Ines Okafor"),
                       ("Reluctantly, Ines Okafor", "Ines Okafor"),
                       ("Ines Okafor gingerly", "Ines Okafor"),
                       ("Even so, three-quarters of the voters", "three-quarters of the voters"),
                       ("Loyalty, he", "he")]:
        span = trim_speaker(text, (0, len(text)))
        assert span is not None and text[span[0]:span[1]] == want


def test_cue_tag_skips_acts_with_a_plain_object() -> None:
    text = "The governor declared a state of emergency on Monday."
    assert cue_tag(text, (0, len(text))) is None
    text = "The governor declared that the state was ready."
    tag = cue_tag(text, (0, len(text)))
    assert tag is not None and tag.speaker is not None
    assert text[tag.speaker[0]:tag.speaker[1]] == "The governor"


def test_archive_double_apostrophes_count_as_quotation_marks() -> None:
    text = "''We are ready,'' said Ines Okafor, the board chair."
    assert len(pair_quotes(text)) == len(text)
    found = mentions(text)
    assert found and found[0].speaker is not None
    assert text[found[0].speaker[0]:found[0].speaker[1]] == "Ines Okafor, the board chair"


@pytest.mark.parametrize(("sentence", "speaker"), [
    # statement verbs with a plain object still name who spoke
    ("The harbour board chairman announced his resignation on Thursday.",
     "The harbour board chairman"),
    ("Councillor Bea Marsh praised the rescue crews at the meeting.", "Councillor Bea Marsh"),
    ("The dockers' union called for an independent inquiry into the collapse.",
     "The dockers' union"),
    # an act verb counts with a quotation soon after it
    ("Ines Okafor called the old crane \u201ca danger to everyone on the quay.\u201d",
     "Ines Okafor"),
    # a document reports a finding even without 'that'
    ("Inspection records show the crane missed two safety checks last year.",
     "Inspection records"),
    # a participle clause speaks for the subject of the main verb
    ("The port director visited the quay on Friday, calling the collapse \u201ca tragedy we "
     "must learn from.\u201d", "The port director"),
    ("However, she left the meeting early, arguing that the inquiry had been rushed.", "she"),
])
def test_cues_beyond_said(sentence: str, speaker: str) -> None:
    tag = cue_tag(sentence, (0, len(sentence)))
    assert tag is not None and sentence[tag.speaker[0]:tag.speaker[1]] == speaker


@pytest.mark.parametrize("sentence", [
    "Harbour officials called a meeting for Friday morning.",  # an act, not speech
    "Divers found the second worker under the crane on Wednesday.",
    "Drivers were warned to avoid the harbour road.",  # the ones spoken to
    "The crane toppled onto the quay, crushing two parked trucks.",  # no cue at all
])
def test_acts_and_listeners_are_not_speakers(sentence: str) -> None:
    assert cue_tag(sentence, (0, len(sentence))) is None
