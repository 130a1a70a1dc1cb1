"""Vocabulary of units for ``language.quantities``: currencies, measures, count-noun synonyms.

Kept apart from the parser so the tables can grow (a general list of the world's currency
names and ISO codes, like the country gazetteer) without the parsing logic growing with them.
General vocabulary only, never one story's words.
"""

from __future__ import annotations

CURRENCY_SYMBOLS = {
    "us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₴": "UAH", "₪": "ILS",
    "฿": "THB", "৳": "BDT", "r$": "BRL", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "s$": "SGD",
    "nz$": "NZD",
}
# Currency names (singular, lowercase) -> ISO code. Names shared by several countries map to
# the most widely reported one; the code itself is also accepted ("300,000 BDT"). Names that
# are also common English words ("real", "won", "pound") are left out.
_NAMED_CURRENCIES = {
    "dollar": "USD", "euro": "EUR", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "taka": "BDT", "rupiah": "IDR", "ringgit": "MYR",
    "baht": "THB", "peso": "MXN", "reais": "BRL", "rand": "ZAR", "naira": "NGN", "cedi":
    "GHS", "shilling": "KES", "birr": "ETB", "kwacha": "ZMW", "dirham": "AED", "riyal": "SAR",
    "rial": "IRR", "dinar": "KWD", "lira": "TRY", "ruble": "RUB", "rouble": "RUB", "hryvnia":
    "UAH", "zloty": "PLN", "forint": "HUF", "koruna": "CZK", "krona": "SEK", "krone": "NOK",
    "kronor": "SEK", "kroner": "NOK", "franc": "CHF", "shekel": "ILS", "kyat": "MMK", "riel":
    "KHR", "afghani": "AFN", "tenge": "KZT", "manat": "AZN", "lari": "GEL", "dram": "AMD",
    "leu": "RON", "denar": "MKD", "kuna": "HRK", "bolivar": "VES", "guarani": "PYG",
    "quetzal": "GTQ", "lempira": "HNL", "cordoba": "NIO", "balboa": "PAB", "pula": "BWP",
    "loti": "LSL", "lilangeni": "SZL", "metical": "MZN", "kwanza": "AOA", "ariary": "MGA",
    "ouguiya": "MRU", "dalasi": "GMD", "leone": "SLE", "nakfa": "ERN", "ngultrum": "BTN",
    "rufiyaa": "MVR", "tugrik": "MNT", "somoni": "TJS", "pa'anga": "TOP", "vatu": "VUV",
    "kina": "PGK", "bitcoin": "BTC",
}
_CODES = (
    "usd eur gbp jpy cny inr bdt idr myr thb vnd mxn brl zar ngn ghs kes etb zmw aed sar irr "
    "kwd rub uah pln huf czk sek nok dkk chf krw ils mmk khr lak afn kzt pkr lkr npr php "
    "egp mad tnd dzd cad aud nzd hkd sgd twd ars clp uyu ron bgn isk qar omr bhd jod "
    "lbp iqd syp ugx tzs rwf xof xaf"
).split()
CURRENCY_WORDS = {**_NAMED_CURRENCIES, **{code: code.upper() for code in _CODES}}

IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police", "staff": "staff",
    "personnel": "personnel", "cattle": "cattle", "livestock": "livestock", "dead": "dead",
    "wounded": "wounded", "injured": "injured",
}
MEASURE_WORDS = frozenset("""
percent km kilometre kilometer kilometres kilometers mile miles mph kph km/h kg kilogram kilograms
tonne tonnes ton tons metre meter metres meters cm mm ft foot feet inch inches acre acres hectare
hectares sq celsius fahrenheit degree degrees barrel barrels gallon gallons litre litres liter
liters
""".split()) | frozenset(CURRENCY_WORDS)
# A small table of GENERAL synonyms: never words of one story.
SYNONYMS = {
    "soldier": "troop", "personnel": "troop", "serviceman": "troop", "servicemember": "troop",
    "servicewoman": "troop", "people": "person", "individual": "person", "resident": "person",
    "inhabitant": "person", "fatality": "death", "dead": "death", "casualty": "casualty",
    "dollar": "USD", "usd": "USD", "$": "USD", "us$": "USD", "euro": "EUR", "pct": "percent",
    "%": "percent", "per cent": "percent", "percentage": "percent", "yr": "year",
    "kilometre": "km", "kilometer": "km", "kilogram": "kg", "ton": "tonne", "metre": "meter",
    "ballot": "vote", "house": "home", "dwelling": "home", "kid": "child", "hr": "hour",
    "employee": "worker", "job": "worker", "staffer": "worker",
    "kph": "km/h", "kmh": "km/h",
}
# "300 dead" counts people as much as "120 people killed" does; what happened to them (killed,
# injured) is told apart by the measure classes in ``factcheck.verify.figures``.
PERSON_STATES = frozenset({"death", "injured", "wounded", "victim"})
# Canonical units that all count people: "17 workers" and "17 people" can be compared (what
# happened to them is still told apart by the measure classes).
PEOPLE = frozenset({"person", "worker"})
