"""Events from different reports into incidents.

1. **Blocking.** Every event stores a few keys (same place, ~25 km geocell,
   country+admin1, country+admin2; each with a 3-day date bucket), plus a key
   per age its report gives in its region and days (``Y:``), its report's
   people and addresses (no date), and long-window keys by month (same town
   and an age or toll, ``L:``/``F:``) that let a report of charges or a trial
   months later meet its shooting. A new event is compared only with events
   sharing a key, so the cost grows with the size of a block, never with the
   whole ledger.
2. **Scoring.** A pair passing blocking is scored on place, date, type,
   actors, tolls and text (token Jaccard of title and lead); links at or above
   :data:`LINK_THRESHOLD` are stored with their evidence (``show --why``).
3. **Clustering.** The connected component of the link graph around the new
   events is clustered again from scratch, its events sorted by
   (published, input id, ordinal), so the result never depends on arrival
   order. Analyst decisions (``split``/``join``) are must-link and cannot-link
   constraints on event keys and are applied on every run.

A report's events never merge with one another (unless an analyst joins them);
its first event's incident is its *primary* incident.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from tollwatch.ledger.cluster import (
    LINK_THRESHOLD,
    MEAN_SHARE,
    component,
    describe,
    events_by_incident,
    incident_key,
    load_events,
    recluster,
    recluster_members,
    rows_in,
)
from tollwatch.ledger.keys import STRONG
from tollwatch.ledger.store import BlockKey, EventLink, EventRow, Incident, bulk_insert
from tollwatch.model import Place

#: Days an event may lie from another's date span and still be the same incident.
DATE_WINDOW = 2
#: Width of a date bucket, in days.
BUCKET_DAYS = 3
#: Size of a geocell in degrees (~25 km at the equator).
CELL_DEG = 0.25
#: Places farther apart than this (km) are never the same incident.
MAX_KM = 25.0
#: Reports naming the same people or address may lie this many days apart (arrests, trials, sentencings).
IDENTITY_DAYS = 550
#: Weight of the token Jaccard of two events' title and sentences.
TEXT_WEIGHT = 3.0
#: Score of two named towns in different regions of one country (usually a geocoding slip).
TOWNS_PENALTY = -2.0
#: Score of a region against a place outside it (a region named in passing is weak evidence).
REGION_PENALTY = -1.0
#: Score of a large death toll both reports state (one quoting the other's earlier count).
SHARED_TOLL = 2.5
#: Block-key prefix of a victim's age in a region (see :func:`block_keys`).
AGE_PREFIX = "Y:"
#: Score of a person's age both reports give (weak: ages repeat, but few shootings share day, state and age).
SHARED_AGE = 1.0
#: A later report of charges or a court stage may follow its shooting by this many days.
FOLLOWUP_DAYS = 550
#: Block keys of the long window: each event's place and detail by month (``L:``), a follow-up's too (``F:``).
LONG_PREFIX, FOLLOWUP_PREFIX = "L:", "F:"
#: Words of a report written after the fact: charges, a court stage, a funeral.
FOLLOWUP_WORDS = frozenset(
    """charged charges arraigned arraignment sentenced sentencing pleaded pleads plea guilty trial
    hearing indicted indictment convicted conviction verdict jury lawsuit sued funeral mourn mourners
    memorial vigil anniversary""".split()
)
#: Block-key prefix of identity keys (:mod:`tollwatch.ledger.keys`); they carry no date bucket.
ID_PREFIX = "="

__all__ = [
    "LINK_THRESHOLD",
    "MEAN_SHARE",
    "component",
    "describe",
    "events_by_incident",
    "incident_key",
    "recluster",
    "recluster_members",
]

#: Score of two types of one family: reports of one shooting call it an attack, a clash or a brawl.
COMPATIBLE_TYPES = 0.5
#: Types that can describe the same violence from different angles.
TYPE_FAMILIES = {
    "battle": "violence",
    "violence_against_civilians": "violence",
    "explosions_remote_violence": "violence",
    # A riot is violence too: "shot dead in a brawl" reads as a riot in one report and an attack in another.
    "riot": "violence",
    "protest": "unrest",
}

_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have had
    it its this that these those their his her he she they them who which after before during over
    said says say according near into about than more least at also not no one two three four five
    six seven eight nine ten people killed dead died injured wounded on monday tuesday wednesday
    thursday friday saturday sunday fictional example""".split()
)
_WORD = re.compile(r"[a-z][a-z'-]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


#: :func:`_fold` of a place or region name: few names, folded again for every key and pair.
_fold_name = functools.lru_cache(maxsize=4096)(_fold)


def tokens(text: str) -> list[str]:
    """Content words of ``text``, folded to ASCII, sorted and unique."""
    return sorted({w for w in _WORD.findall(_fold(text)) if w not in _STOP and len(w) > 2})


def place_key(place: Place | None) -> str | None:
    """``g<geonameid>`` for a resolved place, else its folded name, else ``None``."""
    if place is None:
        return None
    if place.geonameid is not None:
        return f"g{place.geonameid}"
    name = _fold_name(place.name or place.text).strip()
    return f"t{name}" if name else None


# ---------------------------------------------------------------- blocking


def _days(ev: EventRow, pad: int = 0) -> range | None:
    if ev.date_start is None:
        return None
    end = ev.date_end or ev.date_start
    return range(ev.date_start.toordinal() - pad, end.toordinal() + pad + 1)


def _buckets(ev: EventRow, pad: int) -> list[str]:
    days = _days(ev, pad)
    if days is None:
        return ["nodate"]
    return [str(b) for b in range(days.start // BUCKET_DAYS, (days.stop - 1) // BUCKET_DAYS + 1)]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _space_keys(ev: EventRow, probe: bool) -> list[str]:
    keys = []
    if ev.place_key:
        keys.append(f"p:{ev.place_key}")
    precise = ev.location.get("precision") in (1, 2, None) and ev.location.get("feature_code") != "PCLI"
    if ev.lat is not None and ev.lon is not None and precise:
        ci, cj = _cell(ev.lat, ev.lon)
        spread = (-1, 0, 1) if probe else (0,)
        keys += [f"c:{ci + di}:{cj + dj}" for di in spread for dj in spread]
    if _place_name(ev) and not _coarse(ev):
        keys.append(f"t:{_place_name(ev)}")
    if ev.country and ev.admin2:
        keys.append(f"d:{ev.country}:{_fold_name(ev.admin2)}")
    if ev.country:
        keys.append(f"a:{ev.country}:{_fold_name(ev.admin1 or '')}")
    if not keys:
        keys.append("u:")  # nowhere known: compared with other placeless events of the same days
    return keys


def followup(ev: EventRow) -> bool:
    """The report was written after the fact (charges, a court, a funeral): its shooting lies before it."""
    return not FOLLOWUP_WORDS.isdisjoint(ev.tokens or ())


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _details(ev: EventRow, ages: Collection[str]) -> list[str]:
    """What a long-window key pairs with the place: each age given, and a death toll above one."""
    out = [k for k in ages if k.startswith("y:")]
    killed = (ev.killed or {}).get("best") or (ev.killed or {}).get("low")
    if killed and killed > 1:
        out.append(f"k:{killed}")
    return out


def long_keys(ev: EventRow, probe: bool = False, ages: Collection[str] = ()) -> set[str]:
    """Keys of the long window: a report of charges or a trial months later meets its shooting
    when both name the same town and an age (or a toll above one).

    Every event is stored under ``L:`` by month; a follow-up also under ``F:``. A
    follow-up probes ``L:`` over the months before it, any other event ``F:`` over
    the months after it, so the pair meets whichever arrives first.
    """
    if ev.date_start is None or not ev.place_key or _coarse(ev):
        return set()
    month = _month(ev.date_start)
    span = FOLLOWUP_DAYS // 30 + 1
    keys = set()
    for detail in _details(ev, ages):
        base = f"{ev.place_key}:{detail}"
        if probe:
            keys |= {f"{FOLLOWUP_PREFIX}{base}@{m}" for m in range(month, month + span + 1)}
            if followup(ev):
                keys |= {f"{LONG_PREFIX}{base}@{m}" for m in range(month - span, month + 1)}
        else:
            keys.add(f"{LONG_PREFIX}{base}@{month}")
            if followup(ev):
                keys.add(f"{FOLLOWUP_PREFIX}{base}@{month}")
    return keys


def _age_regions(ev: EventRow, probe: bool) -> list[str]:
    """Where an event's ages are stored or looked up: its region (``Y:KE:nairobi``), and for a
    report placed in its country alone (``Y0:US``), the country. A regional event is also stored
    under the country (``Y:US:*``) for those, and looks up theirs, so each pair meets in either order."""
    country = f"{AGE_PREFIX}{ev.country}"
    alone = f"{AGE_PREFIX[0]}0:{ev.country}"
    if not ev.admin1:
        return [f"{country}:*", alone] if probe else [alone]
    region = f"{country}:{_fold_name(ev.admin1)}"
    return [region, alone] if probe else [region, f"{country}:*"]


def block_keys(ev: EventRow, probe: bool = False, ages: Collection[str] = ()) -> set[str]:
    """The keys ``ev`` is stored under (``probe=False``) or looks up (``probe=True``).

    ``ages``: the ``y:<age>`` keys of its report. Each gives a key of the age in
    the event's region and days, so that two reports of "a 3-year-old" shot in
    one state the same days meet even when one of them geocoded the town wrong.
    """
    buckets = _buckets(ev, DATE_WINDOW if probe else 0)
    keys = {f"{s}@{b}" for s in _space_keys(ev, probe) for b in buckets}
    if ev.country:
        keys |= {
            f"{r}:{k[2:]}@{b}"
            for r in _age_regions(ev, probe)
            for k in ages
            if k.startswith("y:")
            for b in buckets
        }
    return keys | long_keys(ev, probe, ages)


# ---------------------------------------------------------------- scoring


def _km(a: EventRow, b: EventRow) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    from tollwatch.evaluation.scoring import haversine_km

    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _coarse(ev: EventRow) -> bool:
    return ev.location.get("feature_code") == "PCLI" or (ev.location.get("precision") or 1) >= 3


def _place_name(ev: EventRow) -> str:
    return _fold_name(ev.location.get("name") or ev.location.get("text") or "").strip()


def _place_score(a: EventRow, b: EventRow) -> tuple[float, str] | None:
    if a.place_key and a.place_key == b.place_key:
        return 2.0, f"same place ({a.location.get('name') or a.location.get('text')})"
    if _place_name(a) and _place_name(a) == _place_name(b) and not (_coarse(a) or _coarse(b)):
        # The same town name geocoded two ways (Salisbury, England / Salisbury, North Carolina).
        return 1.5, f"same place name ({a.location.get('name') or a.location.get('text')})"
    if a.country and b.country and a.country != b.country:
        return None
    if _coarse(a) or _coarse(b):
        wide, other = (a, b) if _coarse(a) else (b, a)
        if wide.admin1 and other.admin1 and wide.admin1 != other.admin1:
            return REGION_PENALTY, "a region that does not contain the other place"
        return 0.5, "one place is a region or country containing the other"
    county = _county_of(a, b) or _county_of(b, a)
    if county:
        return 1.0, f"a place inside the district ({county})"
    km = _km(a, b)
    if km is not None and km <= 5:
        return 1.0, f"{km:.1f} km apart"
    section = "PPLX" in (a.location.get("feature_code"), b.location.get("feature_code"))
    if km is not None and km <= MAX_KM and section and a.admin2 and a.admin2 == b.admin2:
        return 0.5, f"a neighbourhood and its city ({km:.0f} km)"
    towns = a.location.get("precision") == 1 and b.location.get("precision") == 1
    if km is not None and km <= MAX_KM and not towns:
        return -0.5, f"places {km:.0f} km apart"
    if km is None and a.admin2 and a.admin2 == b.admin2:
        return 0.0, f"same district ({a.admin2})"
    if not a.place_key or not b.place_key:
        return 0.0, "a place is unknown"
    if a.country and a.country == b.country and a.admin1 != b.admin1:
        # Two towns of the same country but different states: often one town name geocoded to the
        # wrong state (Salisbury, Englewood). A strong penalty, not a veto: shared words or people decide.
        return TOWNS_PENALTY, "different towns in different regions"
    # Two different named towns of one region (or farther apart than MAX_KM): not the same incident.
    return None


def _district(ev: EventRow) -> bool:
    return ev.location.get("precision") == 2 or (ev.location.get("feature_code") or "").startswith("ADM2")


def _county_of(wide: EventRow, other: EventRow) -> str | None:
    """The name of ``wide`` when it is a district (a US county) that holds ``other``'s place."""
    if not _district(wide) or not other.admin2 or wide.admin1 != other.admin1:
        return None
    name = _place_name(wide)
    return name if name and name == _fold_name(other.admin2).strip() else None


def _gap(a: EventRow, b: EventRow) -> int | None:
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return None
    return max(da.start - (db.stop - 1), db.start - (da.stop - 1), 0)


def _date_score(a: EventRow, b: EventRow) -> tuple[float, str] | None:
    gap = _gap(a, b)
    if gap is None:
        return 0.0, "a date is unknown"
    if gap > DATE_WINDOW:
        return None
    if gap == 0:
        return 1.0, "dates overlap"
    return (-0.25 if gap == 1 else -1.0), f"dates {gap} day(s) apart"


def _later_report(a: EventRow, b: EventRow, weak: Collection[str]) -> tuple[float, str] | None:
    """A report of charges or a court stage after a shooting in the same place, giving the same age
    or toll: the same incident, months apart."""
    da, db = _days(a), _days(b)
    if da is None or db is None or not any(k.startswith(("y:", "lk:")) for k in weak):
        return None
    late = b if da.start <= db.start else a
    gap = _gap(a, b) or 0
    if not followup(late) or gap > FOLLOWUP_DAYS:
        return None
    return -0.5, f"a later report (charges, court) {gap} days after"


def _type_score(a: EventRow, b: EventRow) -> tuple[float, str]:
    if a.type == b.type:
        if a.sub_type and a.sub_type == b.sub_type:
            return 1.5, f"same type ({a.type}, {a.sub_type})"
        return 1.0, f"same type ({a.type})"
    if "unknown" in (a.type, b.type) or "strategic_development" in (a.type, b.type):
        return 0.0, f"type {a.type} / {b.type}"
    fa, fb = TYPE_FAMILIES.get(a.type), TYPE_FAMILIES.get(b.type)
    if fa is not None and fa == fb:
        return COMPATIBLE_TYPES, f"compatible types ({a.type} / {b.type})"
    return -0.25, f"different types ({a.type} / {b.type})"


def _actor_score(a: EventRow, b: EventRow) -> tuple[float, str]:
    names_a = {x.get("name") for x in a.actors} - {None, ""}
    names_b = {x.get("name") for x in b.actors} - {None, ""}
    shared = sorted(names_a & names_b)
    if shared:
        return min(1.0, 0.5 * len(shared)), "shared actors: " + ", ".join(shared)
    return 0.0, ""


def _toll_score(a: EventRow, b: EventRow) -> tuple[float, str]:
    ka = a.killed.get("best") or a.killed.get("low")
    kb = b.killed.get("best") or b.killed.get("low")
    if not ka or not kb:
        return 0.0, ""
    if ka == kb:
        return 0.5, f"same toll ({ka})"
    ratio = max(ka, kb) / min(ka, kb)
    if ratio > 4:
        return -0.5, f"tolls far apart ({ka} vs {kb})"
    return 0.0, ""


def _text_score(a: EventRow, b: EventRow) -> tuple[float, str]:
    ta, tb = set(a.tokens), set(b.tokens)
    if not ta or not tb:
        return 0.0, ""
    jac = len(ta & tb) / len(ta | tb)
    shared = sorted(ta & tb)[:8]
    return TEXT_WEIGHT * jac, f"text similarity {jac:.2f} ({', '.join(shared)})"


def _identity_score(strong: Collection[str], weak: Collection[str]) -> tuple[float, str]:
    if strong:
        shown = ", ".join(sorted(k.split(":", 1)[1] for k in strong)[:4])
        return min(6.0, 3.0 + 1.0 * len(strong)), f"same people or addresses ({shown})"
    tolls = sorted(k[2:] for k in weak if k.startswith("f:"))
    names = sorted(k.split(":", 1)[1] for k in weak if not k.startswith(("f:", "y:", "lk:")))
    ages = sorted((k[2:] for k in weak if k.startswith("y:")), key=int)
    score, why = 0.0, []
    if ages:
        score += SHARED_AGE
        why.append(f"same ages given ({', '.join(ages[:3])})")
    if tolls:
        score += SHARED_TOLL
        why.append(f"same large toll stated ({', '.join(tolls[:3])})")
    if names:
        score += min(2.0, 1.0 * len(names))
        why.append(f"names in common ({', '.join(names[:4])})")
    return score, "; ".join(why)


def score_pair(
    a: EventRow, b: EventRow, strong: Collection[str] = (), weak: Collection[str] = ()
) -> tuple[float, dict[str, Any]] | None:
    """The pair's score and evidence, or ``None`` when place or date rule it out.

    ``strong``: identity keys both reports share (a person named with an age or
    identified by police, an address or block; see :mod:`tollwatch.ledger.keys`).
    They outweigh a place geocoded two ways and let a report months later (an
    arrest, a trial, a sentencing) join; ``weak`` ones (names both mention) only add.
    """
    place, date = _place_score(a, b), _date_score(a, b)
    names = {k for k in weak if k.startswith("m:")}
    if names and not strong and (place is not None or not (a.admin1 and b.admin1) or a.admin1 == b.admin1):
        # A private person both reports name (never an official: keys.mention_keys) in places that
        # do not rule each other out: the same people, so the same incident, whatever the dates.
        strong = {"n:" + k[2:] for k in names}
        weak = set(weak) - names
    if (
        place is None
        and any(k.startswith("y:") for k in weak)
        and a.country == b.country
        and a.admin1 == b.admin1
    ):
        # Two towns of one region, and the same ages: often a suburb and its city, or a slip of the geocoder.
        place = (TOWNS_PENALTY, "different towns of one region")
    if date is None and place is not None and place[0] >= 1.0 and not strong:
        date = _later_report(a, b, weak)
    if strong:
        gap = _gap(a, b)
        if gap is not None and gap > IDENTITY_DAYS:
            return None
        place = place or (0.0, "places differ")
        date = date or (0.0, f"dates {gap} days apart")
    if place is None or date is None:
        return None
    parts = [place, date, _type_score(a, b), _actor_score(a, b), _toll_score(a, b), _text_score(a, b)]
    parts.append(_identity_score(strong, weak))
    score = round(sum(p[0] for p in parts), 3)
    return score, {"score": score, "reasons": [p[1] for p in parts if p[1]]}


# ---------------------------------------------------------------- linking


def identity_stored(keys: Collection[str]) -> set[str]:
    """The block keys an event's identity keys are stored under (ages are not: too common)."""
    return {ID_PREFIX + k for k in keys if not k.startswith("y:")}


def identity_probe(keys: Collection[str]) -> set[str]:
    """The block keys to look up: a name, named with an age or not, finds both kinds."""
    out = set()
    for k in keys:
        if k.startswith(("n:", "m:")):
            out |= {f"{ID_PREFIX}n:{k[2:]}", f"{ID_PREFIX}m:{k[2:]}"}
        elif not k.startswith("y:"):
            out.add(ID_PREFIX + k)
    return out


def shared_identity(matched: Collection[str], mine: Collection[str]) -> tuple[set[str], set[str]]:
    """(strong, weak) keys of a candidate's ``matched`` stored keys, given the probing event's ``mine``.

    A name is strong when either report names the person with an age (``n:``);
    two plain mentions (``m:``) are weak.
    """
    if not matched:
        return set(), set()
    own = mine if isinstance(mine, (set, frozenset)) else set(mine)
    strong, weak = set(), set()
    for key in (k[len(ID_PREFIX) :] for k in matched):
        if key.startswith(STRONG) or (key.startswith("m:") and f"n:{key[2:]}" in own):
            strong.add("n:" + key[2:] if key.startswith("m:") else key)
        else:
            weak.add(key)
    return strong, weak - {"m:" + k[2:] for k in strong}


def _store_keys(
    session: Session, events: Sequence[EventRow], identity: Mapping[int, Collection[str]]
) -> None:
    rows = [
        {"event_id": ev.id, "key": k}
        for ev in events
        for k in sorted(
            block_keys(ev, ages=identity.get(ev.id, ())) | identity_stored(identity.get(ev.id, ()))
        )
    ]
    if rows:
        bulk_insert(session, BlockKey, rows)


def _candidates(
    session: Session, events: Sequence[EventRow], identity: Mapping[int, Collection[str]]
) -> dict[int, dict[int, set[str]]]:
    """Per new event: the events sharing a block key with it, and the identity keys they share."""
    probes = {
        ev.id: block_keys(ev, probe=True, ages=identity.get(ev.id, ()))
        | identity_probe(identity.get(ev.id, ()))
        for ev in events
    }
    holders: dict[str, list[int]] = defaultdict(list)
    # Block keys are only ever written by Core inserts, never left pending in the session.
    wanted = sorted(set().union(*probes.values()))
    for event_id, key in rows_in(session, "SELECT event_id, key FROM block_keys WHERE key {in_}", wanted):
        holders[key].append(event_id)
    out: dict[int, dict[int, set[str]]] = {}
    for ev in events:
        found: dict[int, set[str]] = defaultdict(set)
        for key in probes[ev.id]:
            others = holders.get(key)
            if not others:
                continue
            shared = _shared_key(key)  # once per key, not once per event holding it
            for other in others:
                if other != ev.id:
                    if shared is None:
                        found[other]
                    else:
                        found[other].add(shared)
        out[ev.id] = found
    return out


def _shared_key(key: str) -> str | None:
    """The identity key two events sharing block key ``key`` have in common (``None``: none)."""
    if key.startswith(ID_PREFIX):
        return key
    if key.startswith((AGE_PREFIX, AGE_PREFIX[0] + "0:")):
        return ID_PREFIX + "y:" + key.split("@")[0].rsplit(":", 1)[1]
    if key.startswith((LONG_PREFIX, FOLLOWUP_PREFIX)):
        detail = ":".join(key.split("@")[0].split(":")[-2:])
        return ID_PREFIX + (detail if detail.startswith("y:") else "l" + detail)
    return None


def _link(
    session: Session, events: Sequence[EventRow], identity: Mapping[int, Collection[str]]
) -> dict[int, EventRow]:
    """Score the new events against their candidates and store the links; returns every event
    read (the new ones and their candidates, as plain rows), for the reclustering."""
    found = _candidates(session, events, identity)
    loaded = {e.id: e for e in events}
    loaded.update(load_events(session, {o for f in found.values() for o in f} - set(loaded)))
    seen: set[tuple[int, int]] = set()
    rows = []
    for ev in events:
        mine = set(identity.get(ev.id, ()))
        for other_id, matched in sorted(found[ev.id].items()):
            other = loaded[other_id]
            pair = (min(ev.id, other_id), max(ev.id, other_id))
            if other.document_id == ev.document_id or pair in seen:
                continue
            seen.add(pair)
            strong, weak = shared_identity(matched, mine)
            result = score_pair(ev, other, strong, weak)
            if result is not None and result[0] >= LINK_THRESHOLD:
                rows.append({"a": pair[0], "b": pair[1], "score": result[0], "evidence": result[1]})
    if rows:
        bulk_insert(session, EventLink, rows)
    return loaded


def merge_events(
    session: Session, new_events: Sequence[EventRow], identity: Mapping[int, Collection[str]] | None = None
) -> tuple[list[Incident], dict[int, list[EventRow]]]:
    """Block, link and recluster around ``new_events``; the incidents touched and their events.

    ``identity``: per event id, its identity keys (:func:`tollwatch.ledger.keys.merge_keys`).
    """
    if not new_events:
        return [], {}
    identity = identity or {}
    _store_keys(session, new_events, identity)
    loaded = _link(session, new_events, identity)
    return recluster_members(session, component(session, [e.id for e in new_events]), known=loaded)
