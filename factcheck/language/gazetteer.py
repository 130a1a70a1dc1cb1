"""A small general gazetteer: countries, capitals and world regions.

Used only to guess that a capitalised name is a place, and to resolve "the country". It is a
generic world list, not tuned to any story.
"""

from __future__ import annotations

COUNTRIES = frozenset("""
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|
Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|
Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|
Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|
Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|
Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|
Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|
Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|
Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|
Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|
Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|
Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|
Turkey|Turkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
United States|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|
Britain|Great Britain|England|Scotland|Wales|America|Hong Kong|Puerto Rico|Greenland
""".replace("\n", "").split("|"))

CAPITALS = frozenset("""
Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Vienna|Baku|Manama|Dhaka|Minsk|
Brussels|Sarajevo|Brasilia|Sofia|Phnom Penh|Ottawa|Santiago|Beijing|Bogota|Havana|Nicosia|
Prague|Copenhagen|Cairo|Tallinn|Addis Ababa|Helsinki|Paris|Tbilisi|Berlin|Accra|Athens|
Budapest|Reykjavik|New Delhi|Delhi|Jakarta|Tehran|Baghdad|Dublin|Jerusalem|Rome|Tokyo|Amman|
Astana|Nairobi|Pristina|Bishkek|Vientiane|Riga|Beirut|Tripoli|Vilnius|Kuala Lumpur|Valletta|
Mexico City|Chisinau|Ulaanbaatar|Podgorica|Rabat|Maputo|Naypyidaw|Windhoek|Kathmandu|
Amsterdam|Wellington|Managua|Niamey|Abuja|Pyongyang|Skopje|Oslo|Muscat|Islamabad|Panama City|
Asuncion|Lima|Manila|Warsaw|Lisbon|Doha|Bucharest|Moscow|Kigali|Riyadh|Dakar|Belgrade|
Bratislava|Ljubljana|Mogadishu|Pretoria|Seoul|Juba|Madrid|Colombo|Khartoum|Stockholm|Bern|
Damascus|Taipei|Dushanbe|Dodoma|Bangkok|Tunis|Ankara|Ashgabat|Kampala|Kyiv|Kiev|Abu Dhabi|
London|Washington|Montevideo|Tashkent|Caracas|Hanoi|Sanaa|Lusaka|Harare|Quito|Lome|Bamako
""".replace("\n", "").split("|"))

REGIONS = frozenset("""
Africa|Asia|Europe|North America|South America|Latin America|Middle East|Oceania|Antarctica|
Arctic|Caribbean|Balkans|Scandinavia|Southeast Asia|East Asia|South Asia|Central Asia|
Northeast Asia|Eastern Europe|Western Europe|Pacific|Atlantic|Gulf|Mediterranean|Sahel
""".replace("\n", "").split("|"))

PLACES = COUNTRIES | CAPITALS | REGIONS
_PLACE_WORDS = frozenset(w for name in PLACES for w in name.split())
_DIRECTIONS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern",
                         "Western", "Central"})


def is_place(name: str) -> bool:
    """True for a known country, capital or region, with or without a leading "the"."""
    name = name.removeprefix("the ").removeprefix("The ")
    return name in PLACES


def is_country(name: str) -> bool:
    return name.removeprefix("the ").removeprefix("The ") in COUNTRIES


_IRREGULAR_DEMONYMS = frozenset(
    "French Dutch British English Welsh Scottish Irish Swiss Greek Thai Filipino Swedish Danish "
    "Finnish Polish Spanish Turkish Czech Norwegian Icelandic Portuguese Arab Kurdish Lao".split())


def is_demonym(name: str) -> bool:
    """Adjectives of nationality ("Russian", "North Korean"): they qualify, they name nothing."""
    words = name.split()
    if not words or any(w not in _DIRECTIONS for w in words[:-1]):
        return False
    last = words[-1]
    if last in _IRREGULAR_DEMONYMS:
        return True
    if last in _PLACE_WORDS or not last.endswith(("an", "ese", "ish", "i")):
        return False
    stem = last[:4]
    return any(w.startswith(stem) for w in _PLACE_WORDS)
