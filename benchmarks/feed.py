"""Synthetic news feeds for the scale benchmarks, generated reproducibly from templates.

Every event gets invented names (places, people, organisations), its own figures and
date; every article about it is written by one of many invented outlets from a random
subset of the event's facts, each in one of several paraphrases, with figures sometimes
rounded, qualified or misreported (so the feed has real contradictions), in shuffled
order, sometimes with a dateline, a headline and page furniture. Events of the same kind
share their template wording, so only names, figures and details tell two fires apart.

    python benchmarks/feed.py story 200 OUT_DIR        # one event, 200 articles
    python benchmarks/feed.py mixed 1000 OUT_DIR       # 1,000 articles over 40 events
    python benchmarks/feed.py polnear OUT_DIR          # the 839 distinct PolNeAR texts

``mixed`` also writes ``OUT_DIR.events.json`` (source id -> event) beside the folder,
never inside it, so the run cannot read the answer.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear_train.jsonl.gz"

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "gr", "kr", "st", "tr", "th", "sh", "ch", "h", "j", "w"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ae"]
_CODAS = ["", "n", "r", "l", "s", "th", "rn", "nd", "sk", "m", "x", "lt"]
_PLACE_ENDS = ["ford", "holm", "vale", "mouth", "burg", "haven", "wick", "stead", "port",
               "field", "ton", "bridge", "moor", "dale"]
_ORG_KINDS = ["Authority", "Agency", "Council", "Board", "Institute", "Commission",
              "Department", "Service"]
_COMPANY_ENDS = ["Industries", "Holdings", "Group", "Systems", "Logistics", "Energy",
                 "Foods", "Motors", "Pharma", "Textiles"]
_OUTLET_FORMS = ["The {n} Courier", "{n} Daily", "{n} Herald", "The {n} Ledger",
                 "{n} Post", "{n} Observer", "{n} Wire", "{n} Tribune", "{n} Gazette",
                 "Radio {n}", "{n} Express", "{n} Chronicle"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FURNITURE = ["Sign up for our morning newsletter.", "Share this article",
              "Read more: the week in review", "Comments are closed for this story.",
              "Advertisement", "Subscribe for unlimited access."]


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(_syllable(rng) for _ in range(parts)).capitalize()


@dataclass
class Names:
    """The invented names an event uses; every event draws its own."""

    rng: random.Random
    region: str = ""
    place: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        r = self.rng
        self.place = _word(r) + r.choice(_PLACE_ENDS)
        self.region = self.region or _word(r, 3)
        self.values = {
            "place": self.place, "region": self.region,
            "person": f"{_word(r)} {_word(r, 3)}", "person2": f"{_word(r)} {_word(r)}",
            "person3": f"{_word(r, 1)} {_word(r, 3)}",
            "org": f"{self.region} {r.choice(_ORG_KINDS)}",
            "company": f"{_word(r)} {r.choice(_COMPANY_ENDS)}",
            "site": f"{_word(r)} {r.choice(['Road', 'Street', 'Avenue', 'Quay', 'Lane'])}",
        }


# Each kind: headline templates and facts; each fact is a list of paraphrases. Slots in
# braces; n1..n4 are the event's figures, {day} a weekday, {date} a day of a month.
KINDS: dict[str, dict[str, list[list[str]] | list[str]]] = {
    "fire": {
        "titles": ["Fire destroys {company} warehouse in {place}",
                   "{place} warehouse blaze forces {n1} from their homes"],
        "facts": [
            ["A fire destroyed a {company} warehouse on {site} in {place} on {day}.",
             "Flames tore through the {company} warehouse on {site}, {place}, on {day}."],
            ["About {n1} residents were evacuated from nearby streets.",
             "Officials moved some {n1} people out of the surrounding blocks."],
            ["{n2} firefighters fought the blaze for more than {n3} hours.",
             "It took {n2} firefighters over {n3} hours to bring the fire under control."],
            ["Fire chief {person} said the cause was still under investigation.",
             "The cause is not yet known, fire chief {person} told reporters."],
            ["{n4} workers were injured and taken to hospital.",
             "Ambulances took {n4} injured workers to hospital."],
            ["The {org} warned people to keep windows closed because of the smoke.",
             "Residents were told by the {org} to stay indoors and shut their windows."],
            ["{company} said the building held stock worth millions.",
             "{person2}, speaking for {company}, said the stock was worth millions."],
            ["The warehouse had passed a safety inspection in {month}.",
             "Inspectors had approved the building's fire safety in {month}, records show."],
        ],
    },
    "strike": {
        "titles": ["Dock workers strike at the port of {place}",
                   "Port of {place} at a standstill as {n1} walk out"],
        "facts": [
            ["About {n1} dock workers walked off the job at the port of {place} on {day}.",
             "Some {n1} port workers in {place} went on strike on {day}."],
            ["The union, led by {person}, is demanding a pay rise of {n2} percent.",
             "Union leader {person} said members want wages raised by {n2} percent."],
            ["{n3} container ships were left waiting outside the harbour.",
             "At least {n3} cargo ships are anchored offshore, unable to unload."],
            ["The port operator {company} offered {n4} percent, which the union rejected.",
             "{company}, which runs the port, proposed {n4} percent; it was turned down."],
            ["The strike is expected to last until the end of {month}.",
             "Organisers said the walkout could run through {month}."],
            ["The {org} called on both sides to return to talks.",
             "Negotiators from the {org} urged the union and {company} to resume talks."],
            ["Retailers in {region} warned of empty shelves within weeks.",
             "Shops across {region} said shortages could appear within weeks."],
        ],
    },
    "flood": {
        "titles": ["Floods swamp {place} after record rain",
                   "{region} floods: {n1} homes under water"],
        "facts": [
            ["Heavy rain flooded {n1} homes in {place} on {day}.",
             "Floodwater entered {n1} houses across {place} on {day}."],
            ["The river {river} rose {n2} centimetres above its normal level.",
             "Water in the {river} climbed {n2} centimetres over the usual mark."],
            ["{n3} people were rescued by boat.",
             "Rescue crews in boats brought {n3} people to safety."],
            ["Mayor {person} declared a local state of emergency.",
             "A state of emergency was declared by mayor {person}."],
            ["The {org} said {n4} millimetres of rain fell in 24 hours.",
             "According to the {org}, {n4} millimetres of rain fell in a single day."],
            ["Schools in {region} will stay closed until {weekday2}.",
             "Classes across {region} were cancelled until {weekday2}."],
            ["Residents criticised the slow repair of the flood barrier on {site}.",
             "Locals said repairs to the barrier on {site} had dragged on for years."],
        ],
    },
    "ruling": {
        "titles": ["Court blocks {company} merger", "Judge halts {company} deal in {place}"],
        "facts": [
            ["A court in {place} blocked the merger of {company} with a rival on {day}.",
             "On {day}, judges in {place} stopped {company} from merging with its competitor."],
            ["Judge {person} ruled the deal would harm competition.",
             "The deal would reduce competition, judge {person} wrote in the ruling."],
            ["The merger was valued at {n1} million dollars.",
             "The deal was worth {n1} million dollars."],
            ["{company} said it would appeal within {n2} days.",
             "The company plans to file an appeal within {n2} days, a spokesperson said."],
            ["The {org} had opposed the deal since {month}.",
             "Regulators at the {org} objected to the merger as early as {month}."],
            ["The two companies employ {n3} people in {region}.",
             "Together the firms have {n3} employees in {region}."],
            ["Shares of {company} fell {n4} percent after the ruling.",
             "{company} stock dropped {n4} percent on the news."],
        ],
    },
    "collapse": {
        "titles": ["Bridge collapses in {place}", "{place} bridge collapse: {n1} vehicles fall"],
        "facts": [
            ["A road bridge over the {river} collapsed in {place} on {day}.",
             "The bridge carrying traffic across the {river} in {place} gave way on {day}."],
            ["{n1} vehicles fell into the water.",
             "Divers found {n1} cars and trucks in the river."],
            ["{n2} people were killed and {n3} injured.",
             "The collapse killed {n2} people and injured {n3} others."],
            ["Transport minister {person} ordered checks of every bridge in {region}.",
             "Every bridge in {region} will be inspected, minister {person} said."],
            ["The bridge was built in {year} and last inspected in {month}.",
             "Records show the {year} structure was examined in {month}."],
            ["Engineers from {company} had warned of corrosion.",
             "A report by {company} engineers pointed to corroded supports."],
            ["Traffic will be diverted through {site} for months.",
             "Drivers face months of detours via {site}."],
        ],
    },
    "outbreak": {
        "titles": ["{illness} outbreak in {place} schools",
                   "{n1} cases of {illness} reported in {place}"],
        "facts": [
            ["Health officials in {place} confirmed {n1} cases of {illness} on {day}.",
             "On {day}, {n1} cases of {illness} were confirmed in {place}."],
            ["Most of the patients are children under {n2}.",
             "The majority of those infected are younger than {n2}."],
            ["{n3} people were admitted to hospital.",
             "Hospitals in {place} admitted {n3} patients."],
            ["Dr {person} of the {org} urged parents to vaccinate their children.",
             "Parents should have children vaccinated, said Dr {person} of the {org}."],
            ["The outbreak began at a school on {site}.",
             "The first cases were traced to a school on {site}."],
            ["Vaccination rates in {region} have fallen to {n4} percent.",
             "Only {n4} percent of children in {region} are vaccinated, figures show."],
            ["Clinics will open late until the end of {month}.",
             "Extended clinic hours will run through {month}."],
        ],
    },
    "election": {
        "titles": ["{person} wins {place} mayoral race",
                   "{place} elects {person} as mayor"],
        "facts": [
            ["{person} won the mayoral election in {place} on {day}.",
             "Voters in {place} chose {person} as mayor on {day}."],
            ["{person} received {n1} votes against {n2} for {person2}.",
             "The count gave {person} {n1} votes and {person2} {n2}."],
            ["Turnout was {n3} percent.",
             "{n3} percent of registered voters cast a ballot."],
            ["{person} promised to build {n4} affordable homes.",
             "The winner pledged {n4} new affordable homes."],
            ["{person2} conceded the race in a speech on {site}.",
             "Speaking on {site}, {person2} conceded defeat."],
            ["The {org} said counting went smoothly.",
             "Election officials at the {org} reported no problems with the count."],
            ["{person} will take office in {month}.",
             "The new mayor is due to be sworn in in {month}."],
        ],
    },
    "closure": {
        "titles": ["{company} to close {place} plant", "{n1} jobs lost as {company} shuts plant"],
        "facts": [
            ["{company} will close its plant in {place}, the company said on {day}.",
             "On {day}, {company} announced the closure of its {place} factory."],
            ["The closure will cut {n1} jobs.",
             "About {n1} workers will lose their jobs."],
            ["Production will move to a site in {region2} by {month}.",
             "The company plans to shift output to {region2} by {month}."],
            ["Chief executive {person} blamed rising energy costs.",
             "Higher energy prices forced the decision, chief executive {person} said."],
            ["The plant opened in {year} and made {n2} units a year.",
             "Opened in {year}, the factory produced {n2} units annually."],
            ["The {org} offered retraining for {n3} workers.",
             "Retraining places for {n3} workers will be funded by the {org}."],
            ["Union official {person2} called the decision a betrayal.",
             "{person2} of the workers' union said the closure was a betrayal."],
        ],
    },
    "quake": {
        "titles": ["Earthquake shakes {region}", "Magnitude {mag} quake hits near {place}"],
        "facts": [
            ["An earthquake of magnitude {mag} struck near {place} on {day}.",
             "A magnitude {mag} quake hit close to {place} on {day}."],
            ["The quake was centred {n1} kilometres below the surface.",
             "Its epicentre lay at a depth of {n1} kilometres."],
            ["{n2} buildings were damaged.",
             "Inspectors counted {n2} damaged buildings."],
            ["{n3} people were hurt, mostly by falling glass.",
             "Falling glass injured most of the {n3} people hurt."],
            ["Seismologist {person} of the {org} warned of aftershocks.",
             "Aftershocks are likely, said {person}, a seismologist at the {org}."],
            ["Power was cut to {n4} homes in {region}.",
             "About {n4} households in {region} lost electricity."],
            ["Trains between {place} and {place2} were halted.",
             "Rail services linking {place} and {place2} were suspended."],
        ],
    },
    "launch": {
        "titles": ["{company} launches weather satellite",
                   "{region} satellite reaches orbit"],
        "facts": [
            ["{company} launched a weather satellite from {place} on {day}.",
             "A weather satellite built by {company} lifted off from {place} on {day}."],
            ["The satellite weighs {n1} kilograms.",
             "The spacecraft has a mass of {n1} kilograms."],
            ["It will orbit at an altitude of {n2} kilometres.",
             "Its orbit will be {n2} kilometres above the Earth."],
            ["The mission cost {n3} million dollars.",
             "The project's budget was {n3} million dollars."],
            ["Mission director {person} called the launch flawless.",
             "The launch went perfectly, said mission director {person}."],
            ["The {org} will use the data for storm warnings.",
             "Storm forecasts by the {org} will draw on the satellite's data."],
            ["It is expected to operate for {n4} years.",
             "Engineers expect the satellite to work for {n4} years."],
        ],
    },
    "breach": {
        "titles": ["Hackers steal data of {n1} {company} customers",
                   "{company} data breach exposes records"],
        "facts": [
            ["{company} said on {day} that hackers stole the data of {n1} customers.",
             "The personal details of {n1} customers were stolen, {company} disclosed on {day}."],
            ["The attack began in {month} and went unnoticed for {n2} days.",
             "Intruders were inside the network from {month}, undetected for {n2} days."],
            ["Passwords were not affected, security chief {person} said.",
             "Security chief {person} said no passwords were taken."],
            ["The {org} opened an investigation.",
             "An inquiry was launched by the {org}."],
            ["{company} faces a fine of up to {n3} million dollars.",
             "Penalties could reach {n3} million dollars."],
            ["Customers will be offered {n4} months of free credit monitoring.",
             "The firm will pay for {n4} months of credit monitoring."],
        ],
    },
    "transit": {
        "titles": ["{place} raises bus fares", "Fares to rise on {place} buses and trams"],
        "facts": [
            ["The {org} will raise bus and tram fares in {place} from {month}.",
             "Bus and tram tickets in {place} will cost more from {month}, the {org} said."],
            ["A single ticket will rise from {n1} cents to {n2} cents.",
             "The price of a single ride goes up from {n1} cents to {n2} cents."],
            ["Transit director {person} said costs had risen {n3} percent.",
             "Operating costs grew {n3} percent, transit director {person} said."],
            ["The network carries {n4} passengers a day.",
             "Some {n4} riders use the buses and trams daily."],
            ["Passenger group leader {person2} called the rise unfair.",
             "{person2}, who leads a riders' group, said the increase was unfair."],
            ["A new tram line to {site} opens next year.",
             "Next year a tram line to {site} is due to open."],
        ],
    },
}
_DETAILS = [
    ["{witness}, who lives nearby, said the morning was {mood}.",
     "Neighbour {witness} described the morning as {mood}."],
    ["Local businesses on {site} {business_action}.",
     "Shops along {site} {business_action}, owners said."],
    ["Officials from {region} will meet on {weekday2} to {next_step}.",
     "A meeting on {weekday2} will {next_step}, officials in {region} said."],
    ["The {object} near the scene {object_fate}.",
     "Photographs showed the {object} nearby {object_fate}."],
]
_MOODS = ["chaotic", "eerily quiet", "frightening", "tense", "confusing", "surreal", "grim"]
_BUSINESS = ["closed early", "offered free coffee to rescuers", "reported lost trade",
             "opened their doors to stranded commuters", "put up handwritten notices"]
_NEXT = ["review emergency plans", "agree on compensation", "discuss a public inquiry",
         "decide on extra funding", "hear from residents"]
_OBJECTS = ["old clock tower", "railway footbridge", "market hall", "church spire",
            "bus depot", "library annex", "stadium roof"]
_FATES = ["was left untouched", "was cordoned off", "suffered minor damage",
          "was used as a shelter", "was closed to the public"]
_FILLER = [
    "It was not immediately clear what would happen next.",
    "The episode has prompted questions about how such events are handled.",
    "Critics have long argued that warnings were ignored.",
    "Observers said the coming days would be decisive.",
    "Many people took to social media to share pictures and videos.",
    "The government has faced mounting pressure in recent months.",
    "Analysts cautioned against drawing firm conclusions too early.",
    "Some residents expressed frustration at the lack of information.",
    "It is the latest in a series of setbacks for the area.",
    "Further updates are expected later in the week.",
    "The news came as a shock to many in the community.",
    "Opposition politicians demanded a full explanation.",
    "Experts say similar incidents have become more frequent.",
    "Local radio stations interrupted their programmes to report the news.",
    "A helpline has been set up for those affected.",
    "Insurance companies said it was too early to estimate the cost.",
    "Volunteers gathered to help wherever they could.",
    "The mood in the town centre was subdued.",
    "Questions remain about who will pay for the damage.",
    "Officials promised a thorough review of what went wrong.",
    "Similar concerns were raised several years ago, records show.",
    "Neighbouring towns offered assistance.",
    "Commentators described it as a test for the new administration.",
    "Businesses said they hoped for a swift return to normal.",
]
_BRIEF = {"place": "the city", "region": "the region", "org": "authorities",
          "company": "the company", "site": "a nearby street", "place2": "a nearby town",
          "region2": "another region"}
_RIVERS = ["Ostra", "Velm", "Kaddor", "Sirne", "Morrow", "Tessil", "Aubrel", "Gant"]
_ILLNESSES = ["measles", "mumps", "whooping cough", "chickenpox"]
_FIGURE_RANGES = {"n1": (40, 90000), "n2": (3, 900), "n3": (2, 400), "n4": (2, 95)}
_KIND_RANGES = {"outbreak": {"n1": (20, 900), "n2": (5, 15)},
                "transit": {"n1": (90, 250), "n2": (260, 400), "n4": (20000, 900000)},
                "quake": {"n1": (5, 60)}, "collapse": {"n1": (2, 30), "n2": (2, 40)},
                "election": {"n1": (8000, 90000), "n2": (5000, 80000), "n3": (25, 80)},
                "launch": {"n4": (5, 15)}, "flood": {"n2": (20, 300)}}


@dataclass
class Event:
    """One event: its kind, names, figures and the facts every article draws from."""

    key: str
    kind: str
    values: dict[str, str]
    figures: dict[str, int]
    facts: list[list[str]]
    """The kind's facts this event has (not every fire has injured workers), plus its own
    details (a witness, what the scene looked like)."""


def make_event(key: str, kind: str, rng: random.Random, region: str = "") -> Event:
    """An event of ``kind``; events given the same ``region`` share its name and the names
    of its institutions, as two stories from one province do."""
    names = Names(rng, region)
    values = dict(names.values)
    values.update({
        "day": rng.choice(_WEEKDAYS), "weekday2": rng.choice(_WEEKDAYS),
        "month": rng.choice(_MONTHS), "year": str(rng.randint(1950, 2015)),
        "river": rng.choice(_RIVERS) + " " + _word(rng, 1), "illness": rng.choice(_ILLNESSES),
        "mag": f"{rng.uniform(4.2, 7.4):.1f}", "place2": _word(rng) + rng.choice(_PLACE_ENDS),
        "region2": _word(rng, 3),
    })
    values.update({"witness": f"{_word(rng)} {_word(rng, 3)}", "mood": rng.choice(_MOODS),
                   "business_action": rng.choice(_BUSINESS), "next_step": rng.choice(_NEXT),
                   "object": rng.choice(_OBJECTS), "object_fate": rng.choice(_FATES)})
    ranges = {**_FIGURE_RANGES, **_KIND_RANGES.get(kind, {})}
    figures = {k: _round(rng.randint(*span), rng) for k, span in ranges.items()}
    lead, *rest = KINDS[kind]["facts"]
    kept = rng.sample(rest, k=max(3, round(len(rest) * rng.uniform(0.6, 0.9))))
    details = rng.sample(_DETAILS, k=2)
    return Event(key, kind, values, figures, [lead, *kept, *details])  # type: ignore[list-item]


def _round(n: int, rng: random.Random) -> int:
    """Figures as news gives them: large ones rounded to two significant digits."""
    if n >= 1000 and rng.random() < 0.7:
        scale = 10 ** (len(str(n)) - 2)
        return n // scale * scale
    return n


def _figure_text(value: int, rng: random.Random) -> str:
    """A figure as one outlet writes it: sometimes misreported, sometimes qualified."""
    if rng.random() < 0.06:
        value = max(1, round(value * rng.choice([0.6, 0.7, 1.4, 1.6])))
    return f"{value:,}" if value >= 10000 else str(value)


def write_article(event: Event, outlet: str, rng: random.Random) -> str:
    """One outlet's article: headline, dateline, a shuffled subset of paraphrased facts."""
    kind = KINDS[event.kind]
    values = dict(event.values)
    values.update({k: _figure_text(v, rng) for k, v in event.figures.items()})
    if rng.random() < 0.35:  # this outlet names people by surname only
        values.update({k: values[k].split()[-1] for k in ("person", "person2", "person3")})
    lead, *rest = event.facts
    brief = rng.random() < 0.15  # a short item that names no one and nowhere
    if brief:
        values.update(_BRIEF)
        rest = [f for f in rest if not any("{person" in p or "{witness" in p for p in f)]
    rng.shuffle(rest)
    size = rng.randint(1, 3) if brief else rng.randint(max(2, len(rest) // 3), len(rest))
    chosen = [lead, *rest[:size]]
    sentences = [_capital(rng.choice(fact).format(**values)) for fact in chosen]
    for filler in rng.sample(_FILLER, k=0 if brief else rng.randint(1, 4)):
        sentences.insert(rng.randint(1, len(sentences)), filler)
    title = _capital(str(rng.choice(kind["titles"])).format(**values))
    if rng.random() < 0.5 and not brief:
        sentences[0] = f"{event.values['place'].upper()} ({outlet}) — {sentences[0]}"
    paragraphs = [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(_FURNITURE))
    return "\n\n".join([title, *paragraphs]) + "\n"


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def outlets(count: int, rng: random.Random) -> list[str]:
    return sorted({rng.choice(_OUTLET_FORMS).format(n=_word(rng)) for _ in range(count)})


def write_story(size: int, folder: Path, seed: int = 11) -> list[Path]:
    """``size`` articles about one event."""
    rng = random.Random(seed)
    event = make_event("e01", rng.choice(sorted(KINDS)), rng)
    names = outlets(max(5, size // 3), rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(size):
        path = folder / f"{n:04d}.txt"
        path.write_text(write_article(event, rng.choice(names), rng), encoding="utf-8")
        paths.append(path)
    return paths


def event_sizes(total: int, events: int, rng: random.Random) -> list[int]:
    """Uneven story sizes (a few big stories, many small ones), at least 2 each, summing
    to ``total``."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(events)]
    rng.shuffle(weights)
    sizes = [max(2, int(total * w / sum(weights))) for w in weights]
    while sum(sizes) > total:
        sizes[sizes.index(max(sizes))] -= 1
    for i in range(total - sum(sizes)):
        sizes[i % events] += 1
    return sizes


def write_mixed(total: int, folder: Path, events: int = 40, seed: int = 23) -> dict[str, str]:
    """``total`` articles over ``events`` events, shuffled; returns source id -> event."""
    rng = random.Random(seed)
    kinds = sorted(KINDS)
    regions = [_word(rng, 3) for _ in range(max(2, events // 5))]
    plan = [make_event(f"e{i + 1:02d}", kinds[i % len(kinds)], rng, rng.choice(regions))
            for i in range(events)]
    names = outlets(60, rng)
    articles = [(event, n) for event, size in zip(plan, event_sizes(total, events, rng),
                                                  strict=True) for n in range(size)]
    rng.shuffle(articles)
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for n, (event, _) in enumerate(articles):
        stem = f"{n:04d}"
        (folder / f"{stem}.txt").write_text(write_article(event, rng.choice(names), rng),
                                            encoding="utf-8")
        truth[stem] = event.key
    return truth


def write_polnear(folder: Path, data: Path = POLNEAR) -> int:
    """The distinct article texts of PolNeAR (several annotators share a text) as JSON
    files with their publisher, date and title; returns how many were written."""
    if not data.exists():
        raise SystemExit(f"{data} not found: the PolNeAR feed needs ../shared/data beside "
                         "the repository")
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["text"] in seen:
                continue
            seen.add(row["text"])
            record = {"title": row.get("title"), "text": row["text"],
                      "outlet": row.get("publisher"), "published": row.get("date")}
            path = folder / f"{len(seen):04d}.json"
            path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return len(seen)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["story", "mixed", "polnear"])
    parser.add_argument("args", nargs="+", help="SIZE OUT_DIR (story, mixed) or OUT_DIR")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--events", type=int, default=40)
    args = parser.parse_args(argv)
    if args.kind == "polnear":
        print(write_polnear(Path(args.args[0])), "articles", file=sys.stderr)
        return
    size, folder = int(args.args[0]), Path(args.args[1])
    if args.kind == "story":
        write_story(size, folder, *([args.seed] if args.seed is not None else []))
        return
    truth = write_mixed(size, folder, args.events, *([args.seed] if args.seed is not None
                                                      else []))
    answer = folder.parent / f"{folder.name}.events.json"
    answer.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
