"""Closed word lists for the rule-based extractor.

Every list is general English newswire vocabulary: no list names a person, place or outlet
of any particular story. Words are lower case; matching code folds case itself.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying: "X said (that) ...", "..., X said." -> reported speech.
SPEECH_VERBS = _words(
    "said says say stated states told tells announced announces warned warns revealed reveals "
    "added adds noted notes explained explains claimed claims insisted insists argued argues "
    "confirmed confirms denied denies acknowledged acknowledges admitted admits mentioned "
    "mentions observed observes opined wrote writes declared declares asserted asserts stressed "
    "stresses emphasized emphasised cautioned informed assured testified predicted predicts "
    "estimated estimates maintained maintains alleged alleges disclosed commented remarked "
    "replied responded countered tweeted posted conceded contended concluded"
)
# Verbs of belief: the subject holds a view rather than states a fact; still reported speech.
COGNITION_VERBS = _words(
    "believe believes believed think thinks thought fear fears feared expect expects suspect "
    "suspects suspected suggest suggests suggested doubt doubts doubted assess assesses assessed "
    "worry worries"
)
# Verbs by which a document or body reports: "X reported that" -> according_to.
REPORT_VERBS = _words("reported reports report indicated indicates indicate showed shows show "
                      "found")
# Head nouns that can be the subject of "show / indicate / found": documents, not events.
SOURCE_NOUNS = _words("reports report data study studies survey surveys poll polls figures "
                      "statistics records documents analysis review investigation audit filing "
                      "filings census estimates research findings sources images footage photos "
                      "report assessment assessments")
# Adjectives of stance after a copula: "experts are wary that ...".
STANCE_ADJECTIVES = _words("wary concerned worried skeptical sceptical confident convinced hopeful")
# Verbs that flip or question the content: the attribution must stay in the claim text.
NEGATING_VERBS = _words("denied denies deny doubt doubts doubted disputed disputes rejected "
                        "questioned refuted dismissed")
# Verbs after which "that" is often omitted: "Mr. X said the plant was ...".
THAT_OPTIONAL = _words("said says say told tells added adds believe believes believed think "
                       "thinks thought expect expects suspect suspects suggest suggests "
                       "suggested estimated estimates fear fears feared warned warns")
# Verbs whose plain object is itself a claim ("noted the rising risk"): the tag still counts.
# Others with a plain object ("declared an emergency", "announced a recall") are acts, told
# in the outlet's voice.
PROPOSITION_VERBS = _words(
    "noted notes claimed claims denied denies doubt doubts doubted disputed disputes questioned "
    "rejected acknowledged acknowledges admitted admits predicted predicts estimated estimates "
    "suggested suggests reported reports indicated indicates indicate show shows showed "
    "confirmed confirms warned warns opined believe believes believed expect expects fear fears "
    "feared said says say told tells stated added adds"
)
# Nouns that mark a capitalised name as a place even when no gazetteer lists it.
PLACE_WORDS = _words("county city province state district region river lake island islands "
                     "mountain mountains valley bay coast street avenue road square park "
                     "peninsula strait sea ocean port beach airport village town township "
                     "borough county's")
# Place nouns that are never surnames: "Marlow County" is not a person ("Park" may be).
NAME_BLOCKERS = _words("county province district region river lake island islands valley bay "
                       "coast street avenue road peninsula strait sea ocean airport township "
                       "borough")
# Verbs that take a person object before the content: "told reporters (that) ...".
OBJECT_VERBS = _words("told tells informed assured warned")
# Words allowed between the subject and the verb: "has also said", "had previously stated".
AUXILIARIES = _words("has have had also previously later earlier further publicly repeatedly "
                     "again once reportedly separately then will would")

# Head words of a role or title: "national security adviser", "fire chief", "chief executive".
TITLES = _words(
    "adviser advisor minister president premier chancellor leader chief head director secretary "
    "spokesperson spokesman spokeswoman official officer commander general governor mayor "
    "senator representative congressman congresswoman lawmaker legislator ambassador envoy "
    "chairman chairwoman chairperson chair ceo cfo coo cto founder executive manager analyst "
    "expert researcher professor economist scientist strategist inspector sheriff captain "
    "lieutenant sergeant detective judge justice prosecutor attorney lawyer clerk registrar "
    "commissioner supervisor administrator coordinator superintendent marshal deputy "
    "correspondent editor king queen prince princess pope dean principal owner witness "
    "doctor physician surgeon nurse meteorologist forecaster engineer auditor treasurer counsel "
    "colonel major admiral brigadier pastor bishop emir sultan monarch vice-president coach"
)
# Courtesy titles before a surname: "Mr. Ortiz", "Dr. Lee".
HONORIFICS = _words("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame gen. lt. col. "
                    "sgt. capt. gov. sen. rep. rev. president chief")
# Words that may precede a title inside a role: "deputy foreign minister", "fire chief".
ROLE_MODIFIERS = _words(
    "national security foreign deputy senior top former acting interim chief executive defense "
    "defence finance police fire county state federal city general prime vice assistant "
    "associate press public health election district regional local military intelligence "
    "financial operating technology communications interior justice trade economy economic "
    "energy transport education emergency principal lead"
)
# Plural or collective sources named as a group: role stays None.
GROUP_NOUNS = _words(
    "officials experts analysts sources media authorities police investigators officers "
    "lawmakers legislators diplomats observers critics researchers scientists witnesses "
    "residents economists prosecutors spokespeople leaders governments intelligence "
    "agencies agency government ministry military officers firefighters doctors employees "
    "executives specialists activists organizers organisers forecasters meteorologists "
    "people survivors workers data statistics figures records documents studies others "
    "critics supporters opponents proponents skeptics sceptics traders investors bankers "
    "economists observers insiders participants"
)
# Bare hearsay subjects: "Reports indicate ..." names no source at all.
HEARSAY_SUBJECTS = _words("reports report rumors rumours accounts")
HEARSAY_MODIFIERS = _words("some several many unconfirmed media news local recent other "
                           "multiple various initial early")

# Words that mark a capitalised name as an organisation.
ORG_WORDS = _words(
    "agency ministry council institute institution party service commission department inc "
    "inc. corp corp. corporation company co co. ltd ltd. llc plc group university association "
    "committee bank police army navy forces force news times post union organization "
    "organisation office court parliament congress senate assembly fund board authority bureau "
    "foundation center centre network tv press airlines airways motors holdings industries "
    "partners capital systems technologies labs hospital school college club federation league "
    "guard command administration cabinet house"
)
# Nouns a definite description may use for an organisation or a country.
ORG_DESCRIPTIONS = _words("company firm group business retailer carrier manufacturer maker "
                          "insurer lender bank airline automaker agency")
COUNTRY_DESCRIPTIONS = _words("country nation")

# Sentence openers that introduce an adverbial before the subject ("In recent weeks, ...").
ADVERBIAL_STARTERS = _words(
    "in on at after before following beyond during since despite amid amidst under with "
    "without within by for from over through throughout last this earlier later meanwhile "
    "additionally furthermore moreover however notably also still yet but and so separately "
    "instead previously already elsewhere overall finally first second then now today "
    "yesterday recently initially ultimately indeed nonetheless nevertheless as when once if "
    "because unlike like against toward towards across near inside outside besides regarding "
    "alongside ahead prior upon to in-between shortly hours days weeks months years"
)
# Connectives dropped from the front of a claim's text: they link, they assert nothing.
# Conjunctions go as they are; adverbs only when a comma shows they modify the whole sentence
# ("Further, ..." but not "Further increases ...").
CONJUNCTIONS = ("but", "and", "yet", "so")
CONNECTIVES = ("in addition", "also", "additionally", "furthermore", "moreover", "notably",
               "however", "meanwhile", "still", "indeed", "nonetheless", "nevertheless",
               "besides", "further", "separately", "importantly")
# Subordinators whose clause is a statement in its own right: "While A, B" -> A and B.
CONCESSIVES = ("even though", "although", "though", "while", "whereas")
# Mid-sentence joints that start a second statement.
CLAUSE_JOINTS = ("while", "whereas", "although", "though", "but")
# Participles that attach a second, reported statement: "..., asserting that ...".
SPEECH_PARTICIPLES = _words("asserting saying claiming warning adding noting arguing stating "
                            "insisting declaring explaining announcing")

# Words that start a trailing adverbial after a speech verb: "said in an interview on Friday".
ADVERBIAL_WORDS = _words(
    "on in at during to with via through late early last this earlier later yesterday today "
    "tonight monday tuesday wednesday thursday friday saturday sunday before after while when "
    "according shortly about over for from"
)
# Objects a speech verb may take before its content: "told reporters", "informed legislators".
SPEECH_OBJECTS = _words("reporters journalists lawmakers legislators parliament congress "
                        "investors analysts residents the a an his her their its them us me "
                        "him it viewers listeners students staff employees")

# Finite verbs and auxiliaries that show a clause has its own predicate.
FINITE = _words("is are was were has have had will would can could may might must shall "
                "should did does do said says remains remain became become")
# Tokens that cannot occur inside a speaker phrase (they mean a clause, not a noun phrase).
NOT_IN_SUBJECT = _words("is are was were be been being has have had that which who whom whose "
                        "where when while because if whether not no than do does did")
PRONOUN_SPEAKERS = _words("he she they we i it")
DETERMINERS = _words("the a an this that these those its his her their our")

WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = _words("january february march april may june july august september october "
                "november december jan feb mar apr jun jul aug sep sept oct nov dec")
# Capitalised words that are not names when they open a sentence or stand alone.
CAPITAL_STOPWORDS = _words(
    "the a an in on at after before following beyond during since despite amid under with by "
    "for from over through this that these those it its he she they we i his her their our "
    "but and or so yet also however meanwhile notably additionally furthermore moreover while "
    "although though as when once if because according many some several most more other "
    "there here what who which where why how mr mrs ms dr prof recent earlier later last next "
    "both all each every no not one another such new former experts analysts officials reports "
    "state photographic intelligence further still indeed then now today yesterday tomorrow "
    "alongside us our whether unlike like beyond within"
) | WEEKDAYS | MONTHS
