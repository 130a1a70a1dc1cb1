"""Hand-made versions of small stories (none from the seeds) for attribution drift.

Each case: the texts of its sources, and the sources whose claim changes who asserts it
(the expected attribution_drift flags). Cases without an expected flag hold what must not
fire: a vaguer source, a dropped hedge, the same speaker written another way, the speaker
named in the claim itself, an opinion about a different fact.
"""

from __future__ import annotations

CASES: dict[str, tuple[dict[str, str], set[str]]] = {
    "bridge_speaker_dropped": ({
        "wire": "Rain brings down river bridge\n\n"
                "HARTFIELD (Wire) — The old river bridge collapsed on Sunday after two days "
                "of heavy rain, city engineers said. Nobody was on the bridge at the time.\n",
        "copy": "Bridge gives way\n\n"
                "The old river bridge collapsed on Sunday after two days of heavy rain. "
                "Drivers were told to use the ring road instead.\n",
    }, {"copy"}),
    "layoffs_other_speaker": ({
        "paper": "Carmaker to cut jobs\n\n"
                 "The carmaker will cut 800 jobs at its Brenton plant next year, its chief "
                 "executive, Maria Lopez, told employees on Monday.\n",
        "radio": "Jobs go at Brenton\n\n"
                 "The carmaker will cut 800 jobs at its Brenton plant next year, according to "
                 "Tom Baker, a union representative.\n",
    }, {"paper", "radio"}),
    "same_speaker_other_wording": ({
        "daily": "Water safe, mayor says\n\n"
                 "Mayor Ana Ruiz said on Tuesday that the tap water in the eastern district is "
                 "safe to drink again.\n",
        "weekly": "Boil notice lifted\n\n"
                  "The tap water in the eastern district is safe to drink again, Ruiz said on "
                  "Tuesday.\n",
    }, set()),
    "vaguer_source": ({
        "agency": "Dozens ill after festival\n\n"
                  "Forty people were taken to hospital with food poisoning after the harvest "
                  "festival, Health Minister Paul Okafor said.\n",
        "site": "Festival food poisoning\n\n"
                "Forty people were taken to hospital with food poisoning after the harvest "
                "festival, officials said.\n",
    }, set()),
    "hedge_dropped_only": ({
        "court": "Suspect freed\n\n"
                 "The suspect in the warehouse robbery has reportedly been released on bail.\n",
        "blog": "Robbery suspect out\n\n"
                "The suspect in the warehouse robbery has been released on bail.\n",
    }, set()),
    "speaker_in_the_claim": ({
        "hill": "Senator attacks tax bill\n\n"
                "The new budget bill would raise taxes on small farms, Senator Kay Brown said "
                "on Wednesday.\n",
        "post": "Brown slams budget\n\n"
                "Senator Kay Brown criticised the new budget bill on Wednesday, warning it "
                "would raise taxes on small farms.\n",
    }, set()),
    "runway_speaker_dropped": ({
        "wire": "Runway to close\n\n"
                "The airport will close its north runway for six weeks of repairs from May, "
                "the regional transport authority said in a statement.\n",
        "rewrite": "Airport works\n\n"
                   "The airport will close its north runway for six weeks of repairs from May. "
                   "Travellers should expect delays.\n",
    }, {"rewrite"}),
    "opinion_stated_as_fact": ({
        "journal": "Dam repairs\n\n"
                   "Many engineers believe the dam's spillway will need a full rebuild within "
                   "ten years.\n",
        "digest": "Dam repairs\n\n"
                  "The dam's spillway will need a full rebuild within ten years.\n",
    }, set()),
    "opinion_about_another_fact": ({
        "markets": "Rates decision\n\n"
                   "The central bank raised its main interest rate to 5 percent in January. "
                   "Many economists believe the bank will raise rates again in March.\n",
        "business": "Bank lifts rates\n\n"
                    "The central bank lifted its main interest rate to 5 percent in January, "
                    "the highest level in a decade.\n",
    }, set()),
}
