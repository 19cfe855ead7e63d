"""US state context: which state a US local news report is about.

Local US reports rarely name their country; they name their state, in a
dateline ("NAPLES, Fla. —", "LOUISVILLE, KY (WAVE) –"), after a town ("Fort
Worth, Texas"), alone ("in Ohio"), through a county ("Lucas County") or a
station's call sign ("(KOIN)"). :func:`scan` reads that evidence into a
:class:`StateContext`: a US vote for the document's country vote and a vote
per state (GeoNames admin1 names) that the resolver uses to pick each town
inside the voted state first.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.normalize import normalize
from tollwatch.text.alternation import by_first_char

#: (GeoNames admin1 name, postal code, AP abbreviations).
_STATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Alabama", "AL", ("Ala.",)),
    ("Alaska", "AK", ()),
    ("Arizona", "AZ", ("Ariz.",)),
    ("Arkansas", "AR", ("Ark.",)),
    ("California", "CA", ("Calif.", "Cal.")),
    ("Colorado", "CO", ("Colo.",)),
    ("Connecticut", "CT", ("Conn.",)),
    ("Delaware", "DE", ("Del.",)),
    ("Washington, D.C.", "DC", ("D.C.",)),
    ("Florida", "FL", ("Fla.",)),
    ("Georgia", "GA", ("Ga.",)),
    ("Hawaii", "HI", ()),
    ("Idaho", "ID", ()),
    ("Illinois", "IL", ("Ill.",)),
    ("Indiana", "IN", ("Ind.",)),
    ("Iowa", "IA", ()),
    ("Kansas", "KS", ("Kan.", "Kans.")),
    ("Kentucky", "KY", ("Ky.",)),
    ("Louisiana", "LA", ("La.",)),
    ("Maine", "ME", ()),
    ("Maryland", "MD", ("Md.",)),
    ("Massachusetts", "MA", ("Mass.",)),
    ("Michigan", "MI", ("Mich.",)),
    ("Minnesota", "MN", ("Minn.",)),
    ("Mississippi", "MS", ("Miss.",)),
    ("Missouri", "MO", ("Mo.",)),
    ("Montana", "MT", ("Mont.",)),
    ("Nebraska", "NE", ("Neb.", "Nebr.")),
    ("Nevada", "NV", ("Nev.",)),
    ("New Hampshire", "NH", ("N.H.",)),
    ("New Jersey", "NJ", ("N.J.",)),
    ("New Mexico", "NM", ("N.M.",)),
    ("New York", "NY", ("N.Y.",)),
    ("North Carolina", "NC", ("N.C.",)),
    ("North Dakota", "ND", ("N.D.",)),
    ("Ohio", "OH", ()),
    ("Oklahoma", "OK", ("Okla.",)),
    ("Oregon", "OR", ("Ore.", "Oreg.")),
    ("Pennsylvania", "PA", ("Pa.", "Penn.")),
    ("Rhode Island", "RI", ("R.I.",)),
    ("South Carolina", "SC", ("S.C.",)),
    ("South Dakota", "SD", ("S.D.",)),
    ("Tennessee", "TN", ("Tenn.",)),
    ("Texas", "TX", ("Tex.",)),
    ("Utah", "UT", ()),
    ("Vermont", "VT", ("Vt.",)),
    ("Virginia", "VA", ("Va.",)),
    ("Washington", "WA", ("Wash.",)),
    ("West Virginia", "WV", ("W.Va.", "W. Va.")),
    ("Wisconsin", "WI", ("Wis.", "Wisc.")),
    ("Wyoming", "WY", ("Wyo.",)),
)

#: Full state names that are also common words, people or other places: weaker alone.
_WEAK_NAMES = {"Washington": 0.3, "Georgia": 0.6, "Virginia": 0.6, "Indiana": 0.8, "Washington, D.C.": 1.0}

#: Four-letter codes in parentheses that are no station call signs.
_NOT_CALL_SIGNS = frozenset({"KPLC", "KRCS", "KURA", "KNUT", "KEMI", "KCPE", "KCSE", "KWAL", "WHO", "WASH"})

#: A state named as where someone comes from or moved to ("moved to Iowa", "a native of Texas",
#: "Jane Doe of Ohio"): the person's state, seldom the story's; it votes this share of a state's name.
_ORIGIN_RE = re.compile(
    r"(?:\b(?:moved|moving|relocated)\s+(?:here\s+)?(?:to|from)|\bfrom|\bnative\s+of|\bgrew\s+up\s+in"
    r"|\bvisiting\s+from|[A-Z][a-z]+,?\s+of)\s+$"
)
_ORIGIN_SHARE = 0.25
#: Weights of the evidence.
_W_DATELINE = 4.0
_W_TOWN_STATE = 2.0
_W_NAME = 1.0
_W_COUNTY = 1.5
#: US votes (country vote) per kind of evidence, and their cap.
_US_DATELINE = 3.0
_US_TOWN_STATE = 1.0
_US_CALL_SIGN = 1.0
_US_CAP = 5.0


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(surface → state, dateline pattern, "Town, State" pattern, bare state-name pattern)."""
    surface: dict[str, str] = {}
    for name, code, ap in _STATES:
        surface[name] = name
        surface[code] = name
        for a in ap:
            surface[a] = name
    surface["Washington D.C."] = "Washington, D.C."
    surface["D.C"] = "Washington, D.C."
    full = [n for n, _p, _a in _STATES if n != "Washington, D.C."] + ["Washington, D.C.", "Washington D.C."]
    abbrev = [a for _n, _p, ap in _STATES for a in ap]
    postal = [code for _n, code, _a in _STATES]
    state_alt = _alt(full + abbrev)
    # "NAPLES, Fla. —", "LOUISVILLE, KY (WAVE) –", "(KOIN) SALEM, Ore. --"
    dateline = re.compile(
        r"(?m)^\s*(?:\([A-Z0-9 -]{2,12}\)\s*)?"
        r"(?P<town>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})\s*,\s*"
        r"(?P<state>" + state_alt + "|" + "|".join(postal) + r")(?![A-Za-z])\.?"
        r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:[—–-]{1,2}|:)"
    )
    # The state after a comma; the town before it is checked apart (cheaper).
    town_state = re.compile(
        r",\s+(?P<state>" + state_alt + r"|(?:" + "|".join(postal) + r")(?=\W|$))(?![a-z])"
    )
    bare = re.compile(
        r"(?<![\w.])(?P<state>" + _alt(full) + r"|D\.C\.(?!\w))(?![\w])(?!\s+(?:County|Parish|Street|Avenue))"
    )
    return surface, dateline, town_state, bare


@lru_cache(maxsize=1)
def _bare_gate() -> re.Pattern[str]:
    """The first words of the state names, with no look-behind: a fast test that lets the
    bare-name pattern (whose look-behind makes it try every position) skip most texts."""
    firsts = {name.split()[0].rstrip(",") for name, _code, _ap in _STATES} | {"D.C."}
    return re.compile("|".join(map(re.escape, sorted(firsts, key=len, reverse=True))))


#: Every call sign pattern holds a K or W and two capitals: texts without them skip those patterns.
_SIGN_GATE = re.compile(r"[KW][A-Z]{2}")
_CALL_SIGN_RE = re.compile(
    r"\((?P<a>[KW][A-Z]{3})(?:-(?:TV|FM|AM|DT|CD))?\)|\b(?P<b>[KW][A-Z]{2,3})-(?:TV|FM|AM|DT)\b"
    r"|\b(?P<c>[KW][A-Z]{3})\s+"
    r"(?:News|[Cc]hannel|reported|reports|learned|has learned|obtained|spoke|\d{1,2}\b)"
)
_TOWN_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|St\.))*\s*$")
_COUNTY_RE = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:\.? [A-Z][a-z]+)?) (?:County|Parish)\b")


@dataclass(slots=True)
class StateContext:
    """What a text says about US states."""

    #: GeoNames admin1 name → vote.
    states: dict[str, float] = field(default_factory=dict)
    #: Votes for the US in the document's country vote.
    us: float = 0.0
    #: The dateline's town and its offsets, and its state.
    dateline: tuple[str, int, int, str] | None = None

    @property
    def top(self) -> str | None:
        if not self.states:
            return None
        return max(self.states.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def share(self, state: str | None) -> float:
        total = sum(self.states.values())
        if not state or total <= 0:
            return 0.0
        return self.states.get(state, 0.0) / total


def scan(text: str, gazetteer: Gazetteer) -> StateContext:
    """Read the US state evidence in ``text``."""
    ctx = StateContext()
    _surface, dateline, town_state, bare = _tables()
    votes: dict[str, float] = defaultdict(float)
    us = 0.0
    for m in dateline.finditer(text[:2000]):
        state = state_of(_clean(m.group("state")))
        if state is None:
            continue
        votes[state] += _W_DATELINE
        us += _US_DATELINE
        if ctx.dateline is None:
            ctx.dateline = (m.group("town"), m.start("town"), m.end("town"), state)
        break
    pairs = 0
    for m in town_state.finditer(text) if "," in text else ():
        town = _TOWN_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
        if town is None:
            continue
        state = state_of(_clean(m.group("state")))
        if state is None:
            continue
        if ctx.dateline is not None and town.start() == ctx.dateline[1]:
            continue
        pairs += 1
        if pairs <= 4:
            votes[state] += _W_TOWN_STATE
            us += _US_TOWN_STATE
    names: dict[str, int] = defaultdict(int)
    for m in bare.finditer(text) if _bare_gate().search(text) else ():
        state = state_of(_clean(m.group("state")))
        if state is None:
            continue
        names[state] += 1
        if names[state] <= 3:
            origin = _ORIGIN_RE.search(text, max(0, m.start() - 25), m.start()) is not None
            votes[state] += _W_NAME * _WEAK_NAMES.get(state, 1.0) * (_ORIGIN_SHARE if origin else 1.0)
    seen_counties: set[str] = set()
    for m in _COUNTY_RE.finditer(text) if " County" in text or " Parish" in text else ():
        name = m.group("name")
        first, _, rest = name.partition(" ")
        if rest and first in ("The", "A", "In", "At", "Of", "And", "For", "From", "Near"):
            name = rest
        key = normalize(name)
        if key in seen_counties or len(seen_counties) >= 6:
            continue
        seen_counties.add(key)
        weights: dict[str, float] = {}
        for e in gazetteer.lookup(key + " county") + gazetteer.lookup(key + " parish"):
            if e.country == "US" and e.feature_code == "ADM2" and e.admin1:
                weights[e.admin1] = max(weights.get(e.admin1, 0.0), math.sqrt(e.population + 100))
        total = sum(weights.values())
        for s, w in weights.items():
            votes[s] += _W_COUNTY * w / total
    for m in _CALL_SIGN_RE.finditer(text) if _SIGN_GATE.search(text) else ():
        sign = m.group("a") or m.group("b") or m.group("c")
        if sign and sign not in _NOT_CALL_SIGNS and not _defines_acronym(text, m.start(), sign):
            us += _US_CALL_SIGN
            break
    found = stations(text)
    for state in found[:_MAX_STATIONS]:
        votes[state] += _W_STATION
    if found and us < _US_CALL_SIGN:
        us += _US_CALL_SIGN
    ctx.states = dict(votes)
    ctx.us = min(us, _US_CAP)
    return ctx


@lru_cache(maxsize=1)
def _station_table() -> tuple[dict[str, str], dict[str, str]]:
    """(call sign → state, brand → call sign), from ``data/geo/us_stations.csv``."""
    path = resources.files("tollwatch.data").joinpath("geo", "us_stations.csv")
    signs: dict[str, str] = {}
    brands: dict[str, str] = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines):
        signs[row["call_sign"]] = row["state"]
        for brand in filter(None, (row.get("brands") or "").split("|")):
            brands[brand.lower()] = row["call_sign"]
    return signs, brands


#: Call signs that are also words: never matched without a station's context.
_WORD_SIGNS = frozenset("WAVE KING WISH WEEK WOOD WINK WEAR KARE WISC KION KOIN".split())
#: Weight of a station's state, and how many stations vote.
_W_STATION = 1.5
_MAX_STATIONS = 2
_SIGN_RE = re.compile(r"(?<![A-Za-z0-9.@/])([KW][A-Z]{2,3})(?![a-z0-9])")
#: What marks a short or word-like sign as a station: "(WHO)", "WGN-TV", "WLS Channel 7", "wgn.com".
_SIGN_AFTER = re.compile(
    r"(?:-(?:TV|DT|CD)\b|\s+(?:TV|News|Channel|NewsChannel)\b|\s+\d{1,2}\b|\.com\b|tv\.com\b)"
)
_DOMAIN_RE = re.compile(r"(?<![A-Za-z0-9.@/])([a-z]{3,4})(?:tv)?\.com\b")


@lru_cache(maxsize=1)
def _brand_re() -> re.Pattern[str]:
    """One pattern for every station brand ("wave3"), standing alone: one pass per text."""
    brands = sorted(_station_table()[1], key=len, reverse=True)
    alternation = by_first_char([re.escape(b) for b in brands])  # grouped by first letter: quicker
    return re.compile(r"(?<![^\W_])(?:" + alternation + r")(?![^\W_])")


def stations(text: str) -> list[str]:
    """The states of the US television stations ``text`` names ("(WKRN)", "KMOV.com", "wave3"),
    in order of first mention, each station once."""
    signs, brands = _station_table()
    hits: list[tuple[int, str]] = []
    for m in _SIGN_RE.finditer(text) if _SIGN_GATE.search(text) else ():
        sign = m.group(1)
        if sign not in signs:
            continue
        boxed = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] in (")", "-")
        if (len(sign) == 4 and sign not in _WORD_SIGNS) or boxed or _SIGN_AFTER.match(text, m.end()):
            hits.append((m.start(), sign))
    for m in _DOMAIN_RE.finditer(text) if ".com" in text else ():
        if m.group(1).upper() in signs:
            hits.append((m.start(), m.group(1).upper()))
    seen_brands: set[str] = set()
    for m in _brand_re().finditer(text.lower()):
        brand = m.group(0)
        if brand not in seen_brands:  # each brand once, at its first standalone mention
            seen_brands.add(brand)
            hits.append((m.start(), brands[brand]))
    out: list[str] = []
    seen: set[str] = set()
    for pos, name in sorted(hits):
        state = signs.get(name)
        if state and name not in seen and not _defines_acronym(text, pos, name):
            seen.add(name)
            out.append(state)
    return out


def _defines_acronym(text: str, pos: int, sign: str) -> bool:
    """ "Kenyatta International Conference Centre (KICC)": the letters are the
    initials of the words before them, an acronym and no call sign."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, pos - 80) : pos])
    initials = "".join(w[0] for w in words if w[0].isupper())
    return initials.endswith(sign[1:]) or initials.endswith(sign)


def _clean(state: str) -> str:
    return re.sub(r"\s+", " ", state)


def state_of(surface: str) -> str | None:
    """The GeoNames admin1 name for a state's name, postal code or AP abbreviation."""
    table = _tables()[0]
    return table.get(surface) or table.get(surface.rstrip(".")) or table.get(surface + ".")


_TWO_WORD_STATES_RE = re.compile(
    r"\b(?:North|South)\s+(?:Carolina|Dakota)\b|\bWest\s+Virginia\b|\bNew\s+(?:Mexico|Hampshire|Jersey)\b"
    r"|\bRhode\s+Island\b"
)


def two_word_states(text: str) -> list[tuple[int, int]]:
    """Spans of two-word state names ("North Carolina"): no place is named inside them."""
    return [(m.start(), m.end()) for m in _TWO_WORD_STATES_RE.finditer(text)]
