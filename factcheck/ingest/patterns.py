"""Pattern families for page furniture that must never become a claim.

Each family is a ``kind`` plus line patterns. A pattern only fires on a line no longer than
its ``max_len``: short limits guard the weak phrases ("Subscribe", "Related:") so that a
real news sentence that merely mentions subscribers or a related case is kept; strong
phrases ("All rights reserved", "enable JavaScript") are allowed on long lines. No pattern
names an outlet, person or place: they describe how sites word their furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    max_len: int


def _family(kind: str, max_len: int, *patterns: str, flags: int = re.IGNORECASE) -> list[Pattern]:
    return [Pattern(kind, re.compile(p, flags), max_len) for p in patterns]


_PAYWALL = _family(
    "paywall", 400,
    r"\btrouble (retrieving|loading|displaying) (the |this )?(article|content|page|story)",
    r"\b(please )?(enable|turn on|activate) javascript\b",
    r"\bjavascript (is )?(disabled|required|must be enabled)\b",
    r"\bverif(y|ying|ies) (your )?access\b",
    r"\bexit reader mode\b|\bin reader mode\b",
    r"^already (a |an )?(subscriber|member|registered)\b",
    r"\?\s*(subscribe|sign up|log in|sign in)( now| today| here)?[.!]?$",
    r"^subscribe (now|today|here|to (continue|keep|read|unlock|get|access))\b",
    r"\b(log|sign) in(to)? (to )?(continue|keep reading|read (the|this|more)|access)\b",
    r"\b(create|register for) a free account\b",
    r"\byou('ve| have) (reached|used) (your|all( of)? your)( \w+)? (free )?(article|story)",
    r"\bfree (articles?|stories) (left|remaining)\b",
    r"\b(is|are) (only )?(available|reserved|exclusive) (to|for) (paying )?(subscribers|members)\b",
    r"\b(disable|turn off|pause) (your )?ad ?blocker\b",
    r"\bwe use cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b",
    r"\bby (continuing|using) (to (use|browse) )?(this|our) (site|website)\b",
)

_RELATED = _family(
    "related_link", 300,
    r"^see also\b",
    r"^(read|see|watch|listen) (more|also|next|this)\b\s*[:|\-\u2013\u2014>]",
    r"^(related|more|further)( (articles?|stories|coverage|content|news|reading|sources"
    r"|links?|topics))?\s*:",
    r"^(you (may|might) also (like|enjoy)|recommended( for you| stories)?|most (read|popular)"
    r"|trending( now| stories)?|don'?t miss|more from (us|our|the site))\b",
)

_COPYRIGHT = _family(
    "copyright", 400,
    r"\ball rights reserved\b",
    r"\u00a9|^\(c\)\s*\d{4}\b|^copyright\s*(\(c\)|\d{4})",
    r"\bprohibited to (publish|broadcast|reproduce|redistribute|copy)\b",
    r"\b(this|the) (material|content|article) may not be (published|reproduced|redistributed"
    r"|broadcast|rewritten)\b",
)

_SITE_NOTICE = _family(
    "site_notice", 1500,
    r"\bthank(s| you) for (visiting|reading|choosing) (our|this) (website|site|blog|page)\b",
    r"\bwe are not affiliated with\b",
    r"^(disclaimer|note to readers)\s*:",
    r"\bfor (general )?informational purposes only\b",
    r"\b(this|the) (article|post|content|summary) (was|is|has been) (generated|written|created"
    r"|produced) (with|by|using) (the (help|assistance) of )?(an? )?(ai|artificial)",
    r"\bthe (views|opinions) expressed (in this (article|post) )?are (those of|solely)\b",
    r"\bwe may (earn|receive) (a )?(commission|compensation)\b|\baffiliate links?\b",
    r"\bfeel free to (reach out|contact) (to )?us\b",
)

_COMMENTS = _family(
    "comment_form", 200,
    r"^leave a (reply|comment)\b",
    r"\byour email address will not be published\b",
    r"\brequired fields are marked\b",
    r"^(post|submit|add|view|show|load)( a| more| all)? comments?( \(\d+\))?\W*$",
    r"^\d* ?comments?$|^join the (conversation|discussion)\b|^cancel reply$",
    r"\bsave my name, email\b|\bnotify me of (new|follow-up) (comments|posts)\b",
)

_WIDGETS = _family(
    "ui_text", 200,
    r"\bsign up for (our|the|my) [\w ]{0,30}newsletter\b",
    r"\bsubscribe to (our|the|my) [\w ]{0,30}(newsletter|channel|podcast|feed)\b",
    r"^(share|follow us)( this| on| via)?\b.{0,60}(facebook|twitter|linkedin|whatsapp|email"
    r"|instagram)\b",
    r"^(share|tweet|email|print|save|copy link|facebook|twitter|linkedin|whatsapp|reddit)"
    r"(\s*[|/\u00b7\u2022,]?\s*(share|tweet|email|print|save|copy link|facebook|twitter"
    r"|linkedin|whatsapp|reddit))*$",
    r"^(loading|loading now|loading\W*|advertisement|advertisements|ad|sponsored"
    r"|sponsored content|skip to (main )?content|menu|close|back to top|scroll to top"
    r"|click here\b.*|show (more|less)|read more|continue reading|listen|watch"
    r"|listen to (this|the) (article|story)\b.*|\d+ min(ute)?s? read"
    r"|briefly|breaking|breaking news|exclusive|analysis|opinion|explainer|live"
    r"|live updates|top stories|latest|latest news|just in|developing|developing story"
    r"|updated)\W*$",
    r"^(published|updated|posted|last updated|first published)\b[\s:,]*(on )?"
    r"[\w ,:./]{0,40}(\d{1,2}:\d{2}|\d{4}|ago|[ap]\.?m\.?|gmt|utc|et|edt|est)\W*$",
)

_BYLINE = _family(
    "byline", 120,
    r"^(By|BY) [A-Z][A-Za-z'\u2019.-]+( [A-Z][A-Za-z'\u2019.-]+){0,3}"
    r"(\s*(,|and|\||-|\u2014)\s*[A-Z][A-Za-z .&'-]*)?$", flags=0,
) + _family(
    "byline", 160,
    r"^\(?(additional )?(reporting|writing|editing|research) by\b",
    r"\b(contributed|contributing) (to )?(this|the) (report|story|article)\.?$",
    r"^about the author\W*$",
)

_MARKUP = _family("markup", 40, r"^[^\w]+$")

FAMILIES: tuple[Pattern, ...] = (
    *_MARKUP, *_PAYWALL, *_COPYRIGHT, *_SITE_NOTICE, *_COMMENTS, *_RELATED, *_WIDGETS, *_BYLINE,
)

SOURCE_LINE = re.compile(
    r"^(?:(?:original source|source|sources|via)\s*:"
    r"|(?:read (?:it |the (?:full|original) (?:story|article) )?at|via|originally (?:published|"
    r"appeared) (?:at|on|in))\s)\s*(?P<rest>.{2,80})$",
    re.IGNORECASE,
)
"""'Source: X', 'Read at X', 'Original Source: X': where the copy came from, not a claim."""

UPSTREAM_CUE = re.compile(r"^(?:original source|via|read\b|originally\b)", re.IGNORECASE)
"""The lines that always name the upstream article, never the outlet: 'Original Source:',
'via', 'Read at', 'Originally published at'. A bare 'Source:' may be either."""

DOMAIN = re.compile(r"\b(?:https?://)?(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?", re.I)

JOURNALIST = re.compile(
    r"\b(reporter|journalist|correspondent|writer|editor|columnist|contributor|author"
    r"|blogger|freelancer|newsroom|covers? (politics|business|technology|the)|reporting)\b",
    re.IGNORECASE,
)
BIO_OPENING = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms)\.? )?[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){0,3},? "
    r"(?:is|was|has been|has worked as|covers|writes|reports)\b"
)
"""A bio opens with a bare name and a verb of being/working: 'Jane Roe is a ... reporter'."""


def classify(line: str) -> str | None:
    """The boilerplate kind of one stripped line, or None when it may be article text."""
    for pattern in FAMILIES:
        if len(line) <= pattern.max_len and pattern.regex.search(line):
            return pattern.kind
    return None


def names_upstream(line: str) -> bool:
    """True for a source line that names where the text was taken from, never its outlet."""
    return bool(SOURCE_LINE.match(line) and UPSTREAM_CUE.match(line))


def source_site(line: str) -> str | None:
    """The site a 'Source:'/'Read at' line names, else None.

    A domain is returned lower-case without 'www.', so that two copies naming the same site
    in different ways agree; a name without a domain ('Source: Reuters') is kept as written.
    """
    match = SOURCE_LINE.match(line)
    if not match:
        return None
    rest = match.group("rest").strip()
    domain = DOMAIN.search(rest)
    if domain:
        return domain.group("host").lower().removeprefix("www.")
    if rest[0].isupper() and len(rest.split()) <= 5 and not rest.endswith((".", "!", "?")):
        return rest
    return None
