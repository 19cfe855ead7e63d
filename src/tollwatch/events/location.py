"""Where an event happened: the event-role place nearest its sentences, never a trap place
(a funeral, a destination, a reacting country)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tollwatch.model import Place, Sentence

_main_location: Callable[[list[Place]], Place | None] | None = None
_funeral_is_scene: Callable[[str], bool] | None = None
try:  # the place stage may not exist yet, or may lack the helper
    from tollwatch.geo import places as _geo_places

    _main_location = getattr(_geo_places, "main_location", None)
    _funeral_is_scene = getattr(_geo_places, "funeral_is_scene", None)
except ImportError:  # pragma: no cover - depends on the geo module's progress
    pass


# --------------------------------------------------------------------------- places

_RE_TRAP_FUNERAL = re.compile(r"\b(?:funeral|buried|burial|laid to rest|mourn\w*|memorial)\b[^.;]*$")
_RE_TRAP_DEST = re.compile(
    r"\b(?:fled|flee\w*|flown|flew|flight|evacuated|airlifted|taken|rushed|transferred|refuge|shelter|bound"
    r"|headed|travell?ing|deported|returned)\s+(?:\w+\s+){0,3}?(?:to|in|at|into|towards?)\s+(?:the\s+)?(?:\w+\s+){0,3}$"
)
_RE_TRAP_REACT = re.compile(
    r"^[^.;]{0,40}?\b(condemn\w*|concern|urged|statement|called|deplored|denounced|ministry)\b"
)
#: Verbs of the event itself: a place they follow is where it happened, not a reacting country.
_RE_EVENT_VERB = re.compile(
    r"\b(?:demonstrat\w*|protest\w*|rioted|riot|march\w*|attack\w*|kill\w*|clash\w*|fought|shot|"
    r"block\w*|barricad\w*|burn\w*|torch\w*|storm\w*|loot\w*|abduct\w*|kidnap\w*)\b"
)


def trap_role(text: str, place: Place, sent: Sentence | None) -> str | None:
    """Why a place is not where the event happened (funeral, destination, reacting country), or None."""
    if place.role in ("funeral", "destination", "origin"):
        return place.role
    return _trap_role(text, place.start, place.end, sent.start if sent else -1, sent.end if sent else -1)


@lru_cache(maxsize=4096)
def _trap_role(text: str, start: int, end: int, s_start: int, s_end: int) -> str | None:
    """The pattern checks of :func:`trap_role`, cached: each place is asked about many times."""
    sent = Sentence(s_start, s_end, "") if s_start >= 0 else None
    place = Place(text="", start=start, end=end)
    lo = sent.start if sent else max(0, place.start - 160)
    head = text[lo : place.start].lower()
    if _RE_TRAP_FUNERAL.search(head[-120:]) and not (
        _funeral_is_scene is not None and _funeral_is_scene(text[lo : sent.end if sent else place.end + 80])
    ):
        return "funeral"
    if _RE_TRAP_DEST.search(head[-80:]):
        return "destination"
    tail = text[place.end : (sent.end if sent else place.end + 80)].lower()
    react = _RE_TRAP_REACT.search(tail)
    if react and not _RE_EVENT_VERB.search(tail[: react.start(1)]):
        # "Riverton condemned…", not "residents of Riverton protested over a statement"
        return "reaction"
    return None


def containing(sents: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None


def event_location(
    text: str,
    typ: str,
    chosen: Sequence[Sentence],
    sents: Sequence[Sentence],
    places: list[Place],
    main: bool = False,
    main_place: Place | None = None,
) -> Place | None:
    """The place the event happened: an event-role place nearest its sentences, never a trap place.

    Resolved places come before unresolved ones. For the report's main event the
    place stage's own choice (``main_location``) wins when it stands in the
    event's sentences or when nothing resolved is nearer. A displacement is
    placed where people fled from: an event place in its sentences, else the
    main event's place (``main_place``); where they went stays in the places with
    role "destination". A reaction is placed at the reacting country.
    """
    if not places:
        return None
    if typ == "displacement":
        return _origin(text, chosen, sents, places) or main_place or _safe_main(places)
    mine = _nearest_place(text, typ, chosen, sents, places)
    if _main_location is None or typ == "international_reaction":
        return mine
    if not main and mine is not None:
        return mine
    loc = _safe_main(places)
    if loc is None or trap_role(text, loc, containing(sents, loc.start)) is not None:
        return mine
    if mine is None:
        return loc
    listed = any(loc is p for p in places)  # not a country stand-in made by the helper
    if (
        listed
        and any(s.start <= loc.start < s.end for s in chosen)
        and (_is_country(mine) or not _is_country(loc))
    ):
        return loc
    if listed and mine.lat is None and loc.lat is not None and not _wider_stand_in(loc, mine):
        return loc
    if listed and mine.basis == "institution" and loc.basis != "institution":
        return loc  # "Northern Arizona University" in the lede, the dateline's town as the place
    if listed and _town_inside(loc, mine):
        # "… killed inside an Alaska hotel room … at the Hampton Inn in Fairbanks": the event's
        # sentence names only the state; the report's own place is a town inside it
        return loc
    return mine


def _town_inside(town: Place, area: Place) -> bool:
    """``town`` is a town inside ``area``, a state, a province or the country the text names
    (not a village the gazetteer lacks, placed at its province: the village is nearer)."""
    return not is_broad(town) and is_broad(area) and area.basis != "admin" and _within(town, area)


def _safe_main(places: list[Place]) -> Place | None:
    if _main_location is None:
        return None
    try:
        return _main_location(places)
    except Exception:  # a helper still being written must not break events
        return None


def _wider_stand_in(loc: Place, mine: Place) -> bool:
    """``loc`` is only the country or province around ``mine``, a named but unmapped village
    ("the coastal village of Tuwaym" in Syria): the village says more about where it happened."""
    return is_broad(loc) and mine.country is not None and mine.country == loc.country


def _within(town: Place, area: Place) -> bool:
    """``town`` is a finer place inside ``area``: its county, its province or its country (by
    the gazetteer's admin names)."""
    if town.lat is None or town.country != area.country or (town.precision or 9) >= (area.precision or 9):
        return False
    code = area.feature_code or ""
    if area.basis == "country" or code.startswith("PCL"):
        return True
    if code == "ADM2":
        return bool(town.admin2) and town.admin2 == area.name
    return code == "ADM1" and bool(town.admin1) and town.admin1 == area.admin1


def _is_country(p: Place) -> bool:
    return bool(p.feature_code and p.feature_code.startswith("PCL"))


#: Feature codes of areas wider than a town: countries, first-order divisions, regions.
_BROAD_CODES = ("PCL", "ADM1", "RGN", "CONT", "AREA")


def is_broad(p: Place) -> bool:
    """A country, a province or a region rather than a village or a town."""
    if p.basis == "country":
        return True
    return bool(p.feature_code and p.feature_code.startswith(_BROAD_CODES))


def _origin(
    text: str, chosen: Sequence[Sentence], sents: Sequence[Sentence], places: list[Place]
) -> Place | None:
    """Where people fled from: an event place in the event's sentences that is no destination."""
    inside = [
        p
        for p in places
        if p.role == "event"
        and trap_role(text, p, containing(sents, p.start)) is None
        and any(s.start <= p.start < s.end for s in chosen)
    ]
    if not inside:
        return None
    return min(inside, key=lambda p: (_is_country(p), p.lat is None, p.start))


def _nearest_place(
    text: str, typ: str, chosen: Sequence[Sentence], sents: Sequence[Sentence], places: list[Place]
) -> Place | None:
    reaction = typ == "international_reaction"
    wanted: tuple[str, ...] = ("origin", "context", "event") if reaction else ("event",)

    def ok(p: Place) -> bool:
        trap = trap_role(text, p, containing(sents, p.start))
        if typ == "international_reaction":
            return p.role in wanted or trap in ("destination", "reaction")
        return p.role in wanted and trap is None

    usable = [p for p in places if ok(p)]
    inside = [p for p in usable if any(s.start <= p.start < s.end for s in chosen)]
    if typ == "international_reaction":
        preferred = [
            p for p in inside if trap_role(text, p, containing(sents, p.start)) or p.role in wanted[:1]
        ]
        if preferred:
            return preferred[0]
    specific = [p for p in inside if not _is_country(p)]
    if specific:
        # The town an institution or an office is named after comes last.
        return min(specific, key=lambda p: (p.basis == "institution", p.lat is None, p.start))
    if inside:
        # only the country is named where the event is told: a town in the next sentence is nearer the truth
        near = [
            p
            for p in usable
            if not _is_country(p)
            and min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen) < 300
        ]
        if near:
            return min(
                near, key=lambda p: min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen)
            )
        return min(inside, key=lambda p: (p.lat is None, p.start))
    if any(
        trap_role(text, p, containing(sents, p.start)) == "funeral"
        for p in places
        if any(s.start <= p.start < s.end for s in chosen)
    ):
        # told only through a funeral ("a funeral in X for four soldiers killed in the
        # clashes"): where they died is not said, and a village of another sentence is no answer
        return next((p for p in usable if is_broad(p)), None)
    if usable:
        # nearest to any of the event's sentences (not to the span they cover), resolved first;
        # a town its sentence puts inside it is finer ("the Town of Wallkill in Orange County")
        def distance(p: Place) -> int:
            return min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen)

        nearest = min(usable, key=lambda p: (p.basis == "institution", p.lat is None, distance(p)))
        home = containing(sents, nearest.start)
        if home is None or nearest.lat is None:
            return nearest
        inside = [p for p in usable if home.start <= p.start < home.end and _within(p, nearest)]
        return min(inside, key=lambda p: (p.precision or 9, distance(p))) if inside else nearest
    return None
