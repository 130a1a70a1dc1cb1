"""Certainty grades from attribution kind and wording."""

from __future__ import annotations

import pytest

from factcheck.extract.certainty import certainty
from factcheck.models import AttributionKind as K
from factcheck.models import Certainty as C


@pytest.mark.parametrize(("said", "kind", "expected"), [
    ("The bridge reopened on Monday.", K.outlet, C.asserted),
    ("The bridge reopened on Monday.", K.reported_speech, C.reported),
    ("The bridge reopened on Monday.", K.unattributed, C.hedged),
    ("An estimated 4,000 people fled.", K.according_to, C.hedged),
    ("The suspect allegedly fled the country.", K.outlet, C.hedged),
    ("The virus may have spread earlier.", K.outlet, C.hedged),
    ("The data suggests a slowdown.", K.outlet, C.hedged),
    ("Rates could rise again in June.", K.reported_speech, C.speculative),
    ("The strike may serve to pressure the board.", K.outlet, C.speculative),
    ("The vote is unlikely to pass.", K.outlet, C.speculative),
    ("Firefighters could not reach the roof.", K.outlet, C.asserted),
    ("Sales fell in May.", K.outlet, C.asserted),
])
def test_certainty(said: str, kind: K, expected: C) -> None:
    assert certainty(said, kind) == expected


def test_belief_verb_with_modal_is_speculative() -> None:
    assert certainty("the plant might close", K.reported_speech, "believe") == C.speculative
