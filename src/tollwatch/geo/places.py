"""Toponym spans, their resolution and their role in the story.

:func:`find_places` is the pipeline stage; :func:`main_location` picks the
place where the main event happened (events.py uses it for each event's
``location``).

Roles:

* ``destination`` — where people fled to ("fleeing to Lebanon", "sought
  shelter at the air base in X");
* ``origin`` — where a statement came from ("France's foreign ministry",
  "In a statement, X", "authorities in X report");
* ``funeral`` — "a funeral was held in X";
* ``event`` — where the violence happened (a place in a sentence about
  killing, attacks, clashes, protests…, and ACLED location parentheticals);
* ``context`` — anything else (admin items of a parenthetical included).
"""

from __future__ import annotations

import re
import threading
from collections import Counter

from tollwatch.geo.gazetteer import get_gazetteer, haversine_km
from tollwatch.geo.resolve import Resolved, Resolver
from tollwatch.geo.toponyms import Hints, Toponym, ToponymFinder
from tollwatch.geo.usa import scan as scan_states
from tollwatch.model import Document, Place, Sentence

_EVENT_RE = re.compile(
    r"\b(?:kill\w*|dead|death\w*|died|die|dying|attack\w*|clash\w*|fight\w*|battl\w*|shot|shoot\w*|"
    r"gunfire|gunm[ae]n|gunshot\w*|air ?strikes?|strikes?|struck|bomb\w*|shell\w*|explo\w*|ambush\w*|"
    r"raid\w*|massacre\w*|violen\w*|demonstrat\w*|protest\w*|riot\w*|loot\w*|abduct\w*|kidnap\w*|"
    r"burn\w*|torch\w*|arson|wound\w*|injur\w*|assault\w*|execut\w*|grave|fired?|stormed|seiz\w*|"
    r"captur\w*|mortar\w*|drones?|rockets?|ied|landmine\w*|lynch\w*|beat(?:en|ing)?|stabb\w*|machete\w*|"
    r"rap(?:e|ed)|arrest\w*|murder\w*|homicide|casualt\w*|fatalit\w*|victims?|hostilities|"
    r"confrontation\w*|offensive|operation\w*|targeted|destroyed|damaged|looted|marched|rallied|"
    r"incident|carnage|bloodshed|slain|gunned|opened fire)\b"
)
_FUNERAL_RE = re.compile(r"\b(?:funerals?|mourners?|mourning|laid to rest|burial ceremon\w*|wake)\b")
#: Words without which _FUNERAL_RE cannot match (a cheap test before it).
_FUNERAL_WORDS = ("funeral", "mourn", "laid to rest", "burial", "wake")
#: The funeral is where the violence happened: "was killed at a funeral in X",
#: "mourners set a house alight", "clashes broke out during the burial".
_FUNERAL_SCENE_RE = re.compile(
    r"\b(?:kill\w*|shot|shoot\w*|attack\w*|stabb\w*|clash\w*|fight\w*|violence|disrupt\w*|storm\w*|"
    r"riot\w*|brawl\w*|lynch\w*|beat(?:en)?|injur\w*|wound\w*|teargas|tear gas)\b[^.;]{0,60}?"
    r"\b(?:at|during|in)\s+(?:a|the)\s+(?:[\w'’-]+\s+){0,2}?(?:funeral|burial|wake)\b"
    r"|\b(?:mourners|a group of mourners)\s+(?:\w+\s+){0,2}?(?:kill\w*|attack\w*|set|torch\w*|burn\w*|"
    r"lynch\w*|beat|storm\w*|clash\w*|block\w*|riot\w*|stoned|hurled|assault\w*)\b"
    r"|\bby\s+(?:a\s+group\s+of\s+|angry\s+|irate\s+)*mourners\b"
)


def funeral_is_scene(sentence: str) -> bool:
    """True when a sentence about a funeral tells violence *at* it (the funeral is the scene)."""
    return _FUNERAL_SCENE_RE.search(sentence.casefold()) is not None


#: Words without which _DESTINATION_BEFORE_RE cannot match (a cheap test before it).
_DESTINATION_WORDS = (
    "fle", "escap", "evacuat", "relocat", "displaced", "head", "mov", "return", "deport", "cross",
    "migrat", "smuggled", "transferred", "seek", "sought", "took", "taking", "find", "found",
)  # fmt: skip
_DESTINATION_BEFORE_RE = re.compile(
    r"(?:\b(?:fle(?:e|d|es|eing)|escap\w*|evacuat\w*|relocat\w*|displaced|head(?:ed|ing)|mov(?:ed|ing)|"
    r"return\w*|deport\w*|cross(?:ed|ing)|migrat\w*|smuggled|transferred)\b[^.;:]{0,40}?"
    r"\b(?:to|into|towards?)\s+(?:[\w'’-]+\s+){0,4}"
    r"|\b(?:seek\w*|sought|took|taking|find\w*|found)\s+(?:shelter|refuge|safety|sanctuary)\b[^.;:]{0,50}?"
    r"\b(?:to|into|towards?|in|at)\s+(?:[\w'’-]+\s+){0,5})$"
)
_ORIGIN_AFTER_RE = re.compile(
    r"^(?:['’]s?\s+(?:\w+\s+){0,2}(?:ministry|government|president|officials?|authorities|embassy|"
    r"foreign|leaders?|prime minister|news agency|state media|media|army|military|spokes\w+|"
    r"statement|presidency|cabinet|diplomats?)"
    r"|\s+(?:has|have|had)?\s*(?:strongly\s+)?(?:urged|condemned|called|said|says|expressed|announced|"
    r"warned|demanded|accused|denied|stated|welcomed|critici[sz]ed|rejected|appealed|deplored|"
    r"denounced|voiced))\b"
)
_ORIGIN_BEFORE_RE = re.compile(
    r"(?:\bin a (?:joint\s+)?statement,?\s*|\bstatement (?:from|by)\s+(?:the\s+)?|"
    r"\b(?:authorities|officials|ministry|government|embassy|officers)\s+(?:in|of)\s+)$"
)
#: "taken to Bellevue Hospital": a hospital named after a place is where victims were
#: taken, not where the violence happened.
_HOSPITAL_AFTER_RE = re.compile(
    r"^\s+(?:(?:memorial|general|regional|university|community|medical|county)\s+)*"
    r"(?:hospital|medical cent(?:er|re))\b"
)
_TAKEN_TO_RE = re.compile(
    r"\b(?:taken|rushed|transported|airlifted|flown|brought|driven|admitted|treated|died|transferred)"
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:to|at|in)\s+(?:the\s+)?$"
)
_ORIGIN_AFTER_REPORT_RE = re.compile(r"^\s+(?:report\w*|said|says|told|announced|confirmed|stated)\b")


class _Stage:
    """The finder and resolver, built once per process."""

    def __init__(self) -> None:
        gaz = get_gazetteer()
        self.gaz = gaz
        self.finder = ToponymFinder(gaz)
        self.resolver = Resolver(gaz)


_stage: _Stage | None = None
_stage_lock = threading.Lock()


def _get_stage() -> _Stage:
    global _stage
    gaz = get_gazetteer()
    if _stage is None or _stage.gaz is not gaz:
        with _stage_lock:
            if _stage is None or _stage.gaz is not gaz:
                _stage = _Stage()
    return _stage


def _role(res: Resolved, sentence_text: str, sentence_start: int) -> str:
    m = res.mention
    if m.admin_item or m.border or (_HOSPITAL_AFTER_RE.match(m.after) and _TAKEN_TO_RE.search(m.before)):
        return "context"
    before = m.before
    after = m.after
    if any(map(before.__contains__, _DESTINATION_WORDS)) and _DESTINATION_BEFORE_RE.search(before):
        return "destination"
    if _ORIGIN_AFTER_RE.match(after) or (
        _ORIGIN_BEFORE_RE.search(before) and (_ORIGIN_AFTER_REPORT_RE.match(after) or "statement" in before)
    ):
        return "origin"
    low = sentence_text.casefold()
    funeral = any(map(low.__contains__, _FUNERAL_WORDS)) and _FUNERAL_RE.search(low) is not None
    if funeral and not funeral_is_scene(low):
        return "funeral"
    if m.admins:
        return "event"
    if _EVENT_RE.search(low):
        return "event"
    return "context"


def _place(res: Resolved) -> Place:
    m = res.mention
    e = res.entry
    via = res.via
    if e is not None:
        return Place(
            text=m.text,
            start=m.start,
            end=m.end,
            name=e.name,
            geonameid=e.geonameid,
            lat=e.lat,
            lon=e.lon,
            country=e.country,
            admin1=res.admin1,
            admin2=res.admin2,
            feature_code=e.feature_code,
            precision=res.precision,
            where_prec=res.where_prec,
            basis="parenthetical" if m.admins else "institution" if m.cue == "site" else "gazetteer",
        )
    return Place(
        text=m.text,
        start=m.start,
        end=m.end,
        name=res.name,
        geonameid=via.geonameid if via is not None else None,
        lat=res.lat,
        lon=res.lon,
        country=res.country,
        admin1=res.admin1,
        admin2=res.admin2,
        feature_code=via.feature_code if via is not None else None,
        precision=res.precision,
        where_prec=res.where_prec,
        basis="admin" if res.fallback else None,
    )


def find_places(document: Document, sentences: list[Sentence]) -> list[Place]:
    """Return the place mentions in the document, resolved where possible.

    When no place of the document's country resolves, a country-level place
    (``basis="country"``) is added at the first words that gave the country.
    """
    text = document.text
    if not text:
        return []
    stage = _get_stage()
    spans = [(s.start, s.end) for s in sentences] if sentences else [(0, len(text))]
    mentions, hints = stage.finder.find(text, spans)
    if document.title:
        # A US headline often ends with the station and its city ("… - WXYZ - Columbia, South
        # Carolina"): its states vote with the body's on an ambiguous town.
        for state, weight in scan_states(document.title, get_gazetteer()).states.items():
            hints.us.states[state] = hints.us.states.get(state, 0.0) + weight
    resolved, vote = (
        stage.resolver.resolve(mentions, hints) if mentions or hints.cues or hints.countries else ([], None)
    )
    places: list[Place] = []
    for res in resolved:
        s_start, s_end = spans[res.mention.sentence]
        place = _place(res)
        place.role = _role(res, text[s_start:s_end], s_start)
        places.append(place)
    # American institutions are named after states and towns far from them ("Washington
    # State University" is in Pullman): there the name is no evidence of place.
    places = [p for p in places if not (p.basis == "institution" and p.country == "US")]
    dominant = vote.dominant if vote is not None else None
    if dominant is not None:
        for p in places:
            if p.country is None and p.lat is None and p.role not in ("destination", "origin"):
                p.country = dominant  # "the Syrian coastal village of Tuwaym": unresolved, but in Syria
    if dominant is not None and not any(p.country == dominant and p.lat is not None for p in places):
        country = _country_place(dominant, text, mentions, hints, places)
        if country is not None:
            places.append(country)
    return places


def title_places(document: Document, sentences: list[Sentence]) -> list[Place]:
    """The places a report's headline names, read with its body as context (the body's
    states and countries resolve an ambiguous town), offsets in the title
    (``span_field == "title"``); country-level stand-ins are left out."""
    title = document.title or ""
    if not title.strip():
        return []
    shift = len(title) + 2
    joined = Document(id=document.id, text=f"{title}\n\n{document.text}", published=document.published)
    spans = [Sentence(0, len(title), title, 0, True)] + [
        Sentence(s.start + shift, s.end + shift, s.text, s.paragraph + 1, s.heading) for s in sentences
    ]
    out = []
    for place in find_places(joined, spans):
        if place.end <= len(title) and place.basis != "country":
            place.span_field = "title"
            out.append(place)
    return out


def _country_place(
    cc: str, text: str, mentions: list[Toponym], hints: Hints, places: list[Place]
) -> Place | None:
    """The country itself, anchored at the first mention, demonym or cue that named it."""
    entry = get_gazetteer().country(cc)
    if entry is None:
        return None
    spans: list[tuple[int, int]] = [(p.start, p.end) for p in places if p.country == cc]
    spans += [(pos, pos + len(text[pos:].split(" ", 1)[0])) for c, pos in hints.countries if c == cc]
    spans += [(cue.start, cue.end) for cue in hints.cues if any(c == cc for c, _w in cue.countries)]
    spans += [(m.start, m.end) for m in mentions]
    start, end = min(spans) if spans else (0, 0)
    return Place(
        text=text[start:end],
        start=start,
        end=end,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature_code=entry.feature_code,
        precision=3,
        where_prec=6,
        role="context",
        basis="country",
    )


def dominant_country(places: list[Place]) -> str | None:
    """The country most places belong to (event places count double)."""
    votes: Counter[str] = Counter()
    for p in places:
        if p.country and p.role not in ("destination", "origin"):
            # A country-level place stands for the whole document's country vote.
            votes[p.country] += 3 if p.basis == "country" else 2 if p.role == "event" else 1
    if not votes:
        for p in places:
            if p.country:
                votes[p.country] += 1
    return votes.most_common(1)[0][0] if votes else None


#: Characters of a US story's opening (its title, dateline and lede), where its place is named.
_LEDE_CHARS = 200
_ROLE_WEIGHT = {"event": 2.0, "context": 1.0, "funeral": 0.3, "destination": 0.3, "origin": 0.3}


def _us_main_location(resolved: list[Place]) -> Place | None:
    """A US local story's place: the place of the voted state that the story keeps
    naming (in its opening and its event sentences), a town before its county and
    the county before the state."""
    us = [p for p in resolved if p.country == "US" and p.basis != "country"]
    if not us:
        return None
    lede = min(p.start for p in us) + _LEDE_CHARS

    def weight(p: Place) -> float:
        w = _ROLE_WEIGHT.get(p.role, 1.0)
        if p.start < lede:
            w += 1.5
        if p.basis in ("parenthetical", "admin"):
            w += 0.5
        return w

    states: dict[str, float] = {}
    first_at: dict[str, int] = {}
    for p in us:
        if p.admin1 and p.basis != "institution":
            states[p.admin1] = states.get(p.admin1, 0.0) + weight(p)
            first_at.setdefault(p.admin1, p.start)
    # Ties go to the state named first.
    state = max(states, key=lambda st: (states[st], -first_at[st])) if states else None
    groups: dict[tuple[str | None, int | None, float], list[Place]] = {}
    for p in us:
        groups.setdefault((p.name, p.geonameid, round(p.lat or 0.0, 3)), []).append(p)
    best: tuple[float, int, Place] | None = None
    for members in groups.values():
        first = min(members, key=lambda p: p.start)
        score = sum(weight(p) for p in members)
        code = first.feature_code or ""
        if code in ("ADM1", "RGN"):
            score *= 0.2
        elif code in ("ADM2", "ADM3", "ADMD"):
            score *= 0.8
        if state is not None and first.admin1 != state:
            score *= 0.25
        if all(p.role == "context" for p in members):
            score *= 0.6
        if all(p.basis == "institution" for p in members):
            score *= 0.15  # "Columbia University": a name, where the story may not be
        if all(p.role in ("destination", "origin", "funeral") for p in members):
            score *= 0.5
        key = (score, -first.start, first)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best is not None else None


def main_location(places: list[Place]) -> Place | None:
    """The place of the main event.

    The first ACLED-style "in X (Admin2, Admin1)" place; else the most
    specific resolved "event" place of the dominant country, first in text;
    else a resolved place of that country (not a destination or a
    statement's origin); else the country itself (precision 3).
    """
    if not places:
        return None
    resolved = [p for p in places if p.lat is not None]
    if dominant_country(places) == "US":
        local = _us_main_location(resolved)
        if local is not None:
            return local
    for p in resolved:
        if p.role == "event" and p.basis in ("parenthetical", "admin"):
            if p.basis == "admin" and (p.precision or 3) >= 3:
                # Only the province is known for the noted place: a town the text
                # names as an event place inside it is nearer ("near Kapedo in Tiaty, Baringo").
                towns = [
                    q
                    for q in resolved
                    if q.role == "event"
                    and q.basis == "gazetteer"
                    and q.country == p.country
                    and (q.where_prec or 9) <= 2
                    and haversine_km(p.lat or 0.0, p.lon or 0.0, q.lat or 0.0, q.lon or 0.0) < 250
                ]
                if towns:
                    return min(towns, key=lambda q: q.start)
            return p
    country = dominant_country(places)
    events = [p for p in resolved if p.role == "event" and p.basis != "country"]
    if events:
        in_country = [p for p in events if p.country == country] or events
        # The town an institution is named after comes after the places the text names.
        return min(in_country, key=lambda p: (p.basis == "institution", p.where_prec or 9, p.start))
    others = [
        p
        for p in resolved
        if p.role not in ("destination", "origin", "funeral")
        and p.basis != "country"
        and (country is None or p.country == country)
    ]
    if others:
        return min(others, key=lambda p: (p.basis == "institution", p.where_prec or 9, p.start))
    given = next((p for p in resolved if p.basis == "country" and p.country == country), None)
    if given is not None:
        return given
    if country is None:
        return None
    return _country_stand_in(country, places)


def country_location(places: list[Place]) -> Place | None:
    """The document's country as a last-resort location, when no place could be the
    event's (every place a funeral or a destination): country level, precision 3.
    A statement's origin or a destination alone gives no country."""
    country = None
    votes: Counter[str] = Counter()
    for p in places:
        if p.country and p.role not in ("destination", "origin"):
            votes[p.country] += 1
    if votes:
        country = votes.most_common(1)[0][0]
    if country is None:
        return None
    return _country_stand_in(country, places)


def _country_stand_in(country: str, places: list[Place]) -> Place | None:
    """The country itself as the event's place (precision 3), anchored at its first mention."""
    entry = get_gazetteer().country(country)
    if entry is None:
        return None
    first = next((p for p in places if p.country == country), places[0])
    return Place(
        text=first.text,
        start=first.start,
        end=first.end,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature_code=entry.feature_code,
        precision=3,
        where_prec=6,
        role="event",
        basis="country",
    )
