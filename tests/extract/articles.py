"""Test articles and helpers shared by the extractor tests."""

from __future__ import annotations

from factcheck.models import Claim

# Lines after which a seed holds only site furniture, and lines that are furniture themselves.
_STOP = ("Read at ", "We are having trouble", "The Associated Press,", "Related Sources",
         "Original Source")
_SKIP = ("See also", "Briefly", "Loading Now")

ARTICLES = {
    "fire": (
        "A fire tore through a textile factory in Riverton early Tuesday, killing three workers "
        "and injuring 14 others, Fire Chief Maria Ramos said.\n"
        "The blaze broke out around 2 a.m. in a storage room on the ground floor. It spread "
        "quickly to the upper floors, where about 40 employees were working a night shift.\n"
        "\u201cThe building had no working sprinklers, and the exits on the second floor were "
        "locked,\u201d Ramos told reporters at the scene. \u201cWe are lucky the toll was not "
        "higher.\u201d\n"
        "Chief Ramos said investigators had not yet determined the cause of the fire.\n"
        "According to the county health department, eight of the injured remain in hospital; "
        "two are in critical condition.\n"
        "The company reportedly failed two safety inspections last year.\n"
        "What caused the fire?\n"
        "Investigators may need weeks to reach a conclusion, officials said.\n"
    ),
    "election": (
        "Election officials in Marlow County finished counting ballots on Sunday, four days "
        "after the polls closed.\n"
        "County Clerk Ana Lopez said turnout reached 61 percent, the highest in two decades. "
        "Deputy Registrar Miguel Lopez, who oversees mail ballots, said about 12,400 mail "
        "ballots had arrived after the deadline and were not counted.\n"
        "Clerk Lopez said the delay was caused by a printer failure at the central counting "
        "site.\n"
        "The registrar said that no evidence of fraud had been found.\n"
        "Incumbent mayor Tom Becker led with 52 percent of the vote, while challenger Rosa Diaz "
        "had 47 percent.\n"
        "Becker thanked voters in a brief speech; Diaz has not conceded.\n"
        "Mr. Lopez added that a recount could be requested until Friday.\n"
    ),
    "earnings": (
        "Brightwave Inc. reported quarterly revenue of $4.2 billion on Tuesday, up 12 percent "
        "from a year earlier.\n"
        "The company said net income rose to $610 million, or $1.85 a share, beating analyst "
        "estimates.\n"
        "It also raised its full-year revenue forecast to between $17 billion and $17.5 billion, "
        "according to the company.\n"
        "Chief executive Dana Whitfield said demand for the company's cloud products \"has "
        "never been stronger.\"\n"
        "Shares of Brightwave rose 6 percent in after-hours trading.\n"
        "Analysts at Norwood Securities said the forecast might prove too optimistic if "
        "consumer spending slows.\n"
    ),
    "hurricane": (
        "Storm Watch\n\n"
        "Hurricane Lena made landfall near Port Aransas on Thursday as a Category 3 storm, with "
        "winds of 120 miles per hour, the National Hurricane Center said.\n"
        "More than 300,000 homes lost power, according to the state utility commission.\n"
        "Governor Paul Hendricks declared a state of emergency in 14 counties. He said the "
        "National Guard had been deployed to help with rescues.\n"
        "The storm is expected to weaken as it moves inland, but forecasters warned that heavy "
        "rain could cause flooding in low-lying areas.\n"
        "At least two people have died, and officials said the toll could rise.\n"
        "It is unclear how many residents ignored the evacuation orders.\n"
        "These developments warrant close observation in the days ahead.\n"
    ),
}


def article_lines(raw: str) -> str:
    """A seed's article paragraphs: title line, furniture lines and the tail dropped."""
    kept: list[str] = []
    for line in raw.splitlines()[1:]:
        if line.startswith(_STOP):
            break
        if line.strip() and not line.startswith(_SKIP):
            kept.append(line)
    return "\n\n".join(kept)


def one(claims: list[Claim], needle: str) -> Claim:
    """The single claim whose quote contains ``needle``."""
    found = [c for c in claims if needle in c.quote]
    assert len(found) == 1, (needle, [c.quote for c in found])
    return found[0]
