"""Word lists and small tests the toponym finder reads (:mod:`tollwatch.geo.toponyms`).

Which words make a capitalised run an organisation, a person, a feature or an
admin area; the prepositions and determiners around a place; the token pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tollwatch.geo.gazetteer import DATA_DIR
from tollwatch.geo.normalize import ARTICLES

# --------------------------------------------------------------------------- word lists


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Words that alone never make a place mention (``data/geo/not_places.txt``)."""
    path: Path = DATA_DIR / "not_places.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.casefold())
    return frozenset(words)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names that are places somewhere (``data/geo/given_names.txt``)."""
    path: Path = DATA_DIR / "given_names.txt"
    return frozenset(
        line.strip().casefold()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


#: Words after a name that make it an organisation, not a place.
ORG_HEADS = frozenset(
    """observatory ministry forces force police army council committee commission court parliament
    assembly agency office party movement front brigade brigades battalion regiment militia guard
    guards corps authority authorities department university college school academy institute
    hospital clinic church mosque company corporation bank news times post herald tribune daily
    network radio television tv broadcasting service services union association federation league
    foundation society group organisation organization alliance coalition government administration
    directorate bureau unit squad division command ministry's airlines airways fc club team
    insurance energy oil gas media press agency's observers monitor mission programme program
    red crescent cross fund trust centre center polytechnic""".split()
)

#: Words after a name that make it a people, not a place ("Pokot raiders").
PEOPLE_HEADS = frozenset(
    """herders herdsmen community communities pastoralists raiders militiamen people
    tribe tribesmen clan clans elders bandits warriors fighters members nationals refugees migrants
    supporters loyalists rebels gunmen militants soldiers mob""".split()
)

#: Words before a name that make it a person.
TITLES = frozenset(
    """mr mrs ms miss dr prof president minister governor senator general gen colonel col captain
    capt lieutenant lt major maj sergeant sgt corporal cpl officer chief commander commissioner
    inspector detective sheriff deputy mayor pastor reverend rev father imam sheikh king queen prince
    princess pope judge justice lord sir madam spokesman spokeswoman spokesperson rep representative
    mp ambassador secretary director sen gov brother sister uncle aunt son daughter wife husband
    mother cousin nephew niece victim suspect gunman shooter resident identified named""".split()
)

#: Verbs after a name that make it a speaker (a person, or a country speaking).
SPEECH_VERBS = frozenset(
    """said says told added explained stated noted recalled described wrote tweeted posted asked
    answered replied confirmed denied claimed insisted argued warned urged condemned called announced
    reported expressed accused welcomed demanded alleged testified""".split()
)

#: Feature and admin words that may follow a name ("Lamu town", "Nairobi County").
FEATURE_AFTER = {
    "village": "village",
    "villages": "village",
    "town": "town",
    "township": "town",
    "city": "town",
    "camp": "camp",
    "settlement": "village",
    "estate": "village",
    "suburb": "village",
    "neighbourhood": "village",
    "neighborhood": "village",
    "market": "town",
    "trading": "town",
    "area": "area",
    "areas": "area",
    "location": "area",
    "locality": "area",
    "ward": "area",
    "county": "admin",
    "sub-county": "admin",
    "subcounty": "admin",
    "province": "admin",
    "district": "admin",
    "region": "admin",
    "governorate": "admin",
    "state": "admin",
    "division": "admin",
    "constituency": "admin",
    "municipality": "admin",
    "commune": "admin",
    "prefecture": "admin",
    "department": "admin",
    "base": "base",
    "airbase": "base",
    "border": "area",
    "junction": "village",
    "forest": "area",
    "reserve": "area",
    "valley": "area",
    "hills": "area",
    "island": "town",
}

#: An appositive after a name that says what kind of place it is: "X, a village on the coast".
_RE_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(village|town|city|hamlet|settlement|suburb|neighbou?rhood"
    r"|district|camp)\b"
)
#: "in X, on the coast", "in X, near the border": a locative phrase right after the name.
_RE_LOCATIVE_AFTER = re.compile(
    r",\s+(?:on|in|near|outside|along)\s+(?:the\s+)?(?:[A-Z][\w-]*'s\s+)?(?:[\w-]+\s+)?"
    r"(?:coast|border|frontier|outskirts|edge|banks?|shores?|road|highway|river|mountains|hills"
    r"|countryside|province|region|district|county|governorate)\b"
)
#: "residents of X": people who live somewhere, so X is a place.
_DWELLERS = frozenset("residents inhabitants villagers townspeople natives".split())


def _appositive_kind(after_text: str, prev: str, prev2: str) -> str | None:
    """The kind of place the words around an unknown name say it is, or None."""
    m = _RE_APPOSITIVE.match(after_text)
    if m is not None:
        return FEATURE_BEFORE.get(m.group(1), "town")
    if prev == "of" and prev2 in _DWELLERS:
        return "town"
    if prev in ("in", "at") and _RE_LOCATIVE_AFTER.match(after_text):
        return "town"
    return None


#: "<word> of X" cues.
FEATURE_BEFORE = {
    "village": "village",
    "villages": "village",
    "town": "town",
    "city": "town",
    "area": "near",
    "areas": "near",
    "vicinity": "near",
    "outskirts": "near",
    "environs": "near",
    "region": "admin",
    "district": "admin",
    "province": "admin",
    "county": "admin",
    "governorate": "admin",
    "state": "admin",
    "neighbourhood": "village",
    "neighborhood": "village",
    "suburb": "village",
    "hamlet": "village",
    "camp": "camp",
    "municipality": "admin",
    "commune": "admin",
    "locality": "village",
    "settlement": "village",
    "countryside": "near",
}

#: Prepositions whose object may be a place: they strengthen a gazetteer match.
PLACE_PREPS = frozenset(
    "in at near from to into outside inside around towards toward across through via between".split()
)
#: Words naming a part of a place by its direction ("Northwest Baltimore", "Embakasi East").
_DIRECTIONS = frozenset(
    """north south east west northern southern eastern western central upper lower new old greater
    northeast northwest southeast southwest""".split()
)
#: Organisation words after which the leading name is a place ("Garissa County Police").
_LOCAL_ORGS = frozenset(
    "police sheriff metropolitan department fire municipal ministry council hospital court assembly".split()
)
#: Institutions that sit in the town they are named after ("Riverton High School",
#: "Eastgate University"): the town tells where the story is.
_SITE_ORGS = frozenset("university college school academy polytechnic institute hospital".split())
_DETERMINERS = frozenset(
    """a an the this that its their his her our nearby neighbouring neighboring rural downtown
    suburban northern southern eastern western northeast northwest southeast southwest north south
    east west central small quiet coastal remote""".split()
)
#: Words after a name that use it as a place ("Bastrop authorities", "Garissa police").
_PLACE_FOLLOWERS = frozenset(
    """police authorities officials residents county town city village area region district sheriff
    apartment apartments home homes neighborhood neighbourhood community hospital court school
    mayor council man woman boy girl teen teenager native shop shops market station stadium airport
    prison highway road street bridge estate slum slums officers office offices youths youth
    students government governor senator mp mca villagers fishermen non-local""".split()
)
#: Office titles after a place name ("Riverton Governor Jane Doe", "the Riverton Senator").
_OFFICE_TITLES = frozenset("governor senator deputy mp mca mayor commissioner cec administrator".split())
#: Words after a demonym that make it the state's ("Kenyan police", "Burkinabe army").
_STATE_WORDS = frozenset(
    """police army forces force military troops soldiers government authorities officials gendarmes
    gendarmerie security army's president ministry state capital border territory soil""".split()
)
#: Words after "A-B" that make A and B the places a road or border joins.
_ROUTE_WORDS = frozenset("road highway border route axis corridor boundary".split())
#: Abbreviations that a full stop may follow inside a name ("St. Louis", "Ft. Worth").
_ABBREVIATIONS = frozenset({"st", "ste", "ft", "mt"})
_BORDER_RE = re.compile(r"\b(?:borders? (?:with|of)|bordering|frontier with)\s+(?:the\s+)?$")
#: "<word> of X" where X is a place: "residents of X", "the streets of X".
_OF_PLACE = frozenset(
    """residents resident inhabitants people youth youths villagers natives streets parts part
    centre center heart north south east west northeast northwest southeast southwest""".split()
)
NEAR_WORDS = frozenset({"near", "outside", "around", "nearby", "close", "between"})

#: Lowercase words allowed inside a name ("Deir al-Balah", "Gulf of Aden").
CONNECTORS = ARTICLES | frozenset(
    "de du des la le di da del della dos das van von bin ibn bani beni of".split()
)

# A word: letters, digits, apostrophes, and hyphens inside it (written as runs, which re scans fastest).
_TOKEN_RE = re.compile(r"[^\W\d_][\w'’ʼ]*(?:[-‐](?=\w)[\w'’ʼ]*)*|\d+")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# An uppercase letter inside a word, not after a hyphen or apostrophe, nor "Mc"/"Mac".
_CAMEL_RE = re.compile(r"(?<![-'’ʼ])(?<!^Mc)(?<!^Mac)(?<=[a-z])[A-Z]")
