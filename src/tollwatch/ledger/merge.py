"""Events from different reports into incidents.

1. **Blocking.** Every event stores a few keys (same place, ~25 km geocell,
   country+admin1, country+admin2; each with a 3-day date bucket). A new event
   is compared only with events sharing a key, so the cost grows with the
   size of a block, never with the whole ledger.
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
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from tollwatch.ledger.store import (
    AnalystDecision,
    BlockKey,
    DocumentRow,
    EventLink,
    EventRow,
    Incident,
    IncidentReport,
    utcnow,
)
from tollwatch.model import Place

#: Days an event may lie from another's date span and still be the same incident.
DATE_WINDOW = 2
#: Width of a date bucket, in days.
BUCKET_DAYS = 3
#: Size of a geocell in degrees (~25 km at the equator).
CELL_DEG = 0.25
#: Places farther apart than this (km) are never the same incident.
MAX_KM = 25.0
#: A pair scoring at least this is linked.
LINK_THRESHOLD = 3.0
#: An event joins a cluster when its mean score to the members reaches this share of the threshold.
MEAN_SHARE = 0.6

#: Types that can describe the same violence from different angles.
TYPE_FAMILIES = {
    "battle": "violence",
    "violence_against_civilians": "violence",
    "explosions_remote_violence": "violence",
    "riot": "unrest",
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


def tokens(text: str) -> list[str]:
    """Content words of ``text``, folded to ASCII, sorted and unique."""
    return sorted({w for w in _WORD.findall(_fold(text)) if w not in _STOP and len(w) > 2})


def place_key(place: Place | None) -> str | None:
    """``g<geonameid>`` for a resolved place, else its folded name, else ``None``."""
    if place is None:
        return None
    if place.geonameid is not None:
        return f"g{place.geonameid}"
    name = _fold(place.name or place.text).strip()
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
    if ev.country and ev.admin2:
        keys.append(f"d:{ev.country}:{_fold(ev.admin2)}")
    if ev.country:
        keys.append(f"a:{ev.country}:{_fold(ev.admin1 or '')}")
    if not keys:
        keys.append("u:")  # nowhere known: compared with other placeless events of the same days
    return keys


def block_keys(ev: EventRow, probe: bool = False) -> set[str]:
    """The keys ``ev`` is stored under (``probe=False``) or looks up (``probe=True``)."""
    buckets = _buckets(ev, DATE_WINDOW if probe else 0)
    return {f"{s}@{b}" for s in _space_keys(ev, probe) for b in buckets}


# ---------------------------------------------------------------- scoring


def _km(a: EventRow, b: EventRow) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    from tollwatch.evaluation.scoring import haversine_km

    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _coarse(ev: EventRow) -> bool:
    return ev.location.get("feature_code") == "PCLI" or (ev.location.get("precision") or 1) >= 3


def _place_score(a: EventRow, b: EventRow) -> tuple[float, str] | None:
    if a.place_key and a.place_key == b.place_key:
        return 2.0, f"same place ({a.location.get('name') or a.location.get('text')})"
    if a.country and b.country and a.country != b.country:
        return None
    if _coarse(a) or _coarse(b):
        return 0.5, "one place is a region or country containing the other"
    km = _km(a, b)
    if km is not None and km <= 5:
        return 1.0, f"{km:.1f} km apart"
    towns = a.location.get("precision") == 1 and b.location.get("precision") == 1
    if km is not None and km <= MAX_KM and not towns:
        return -0.5, f"places {km:.0f} km apart"
    if km is None and a.admin2 and a.admin2 == b.admin2:
        return 0.0, f"same district ({a.admin2})"
    if not a.place_key or not b.place_key:
        return 0.0, "a place is unknown"
    # Two different named towns (or places farther apart than MAX_KM): not the same incident.
    return None


def _date_score(a: EventRow, b: EventRow) -> tuple[float, str] | None:
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return 0.0, "a date is unknown"
    gap = max(da.start - (db.stop - 1), db.start - (da.stop - 1), 0)
    if gap > DATE_WINDOW:
        return None
    if gap == 0:
        return 1.0, "dates overlap"
    return (-0.25 if gap == 1 else -1.0), f"dates {gap} day(s) apart"


def _type_score(a: EventRow, b: EventRow) -> tuple[float, str]:
    if a.type == b.type:
        if a.sub_type and a.sub_type == b.sub_type:
            return 1.5, f"same type ({a.type}, {a.sub_type})"
        return 1.0, f"same type ({a.type})"
    if "unknown" in (a.type, b.type) or "strategic_development" in (a.type, b.type):
        return 0.0, f"type {a.type} / {b.type}"
    fa, fb = TYPE_FAMILIES.get(a.type), TYPE_FAMILIES.get(b.type)
    if fa is not None and fa == fb:
        return 0.25, f"compatible types ({a.type} / {b.type})"
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
    return 3.0 * jac, f"text similarity {jac:.2f} ({', '.join(shared)})"


def score_pair(a: EventRow, b: EventRow) -> tuple[float, dict[str, Any]] | None:
    """The pair's score and evidence, or ``None`` when place or date rule it out."""
    place, date = _place_score(a, b), _date_score(a, b)
    if place is None or date is None:
        return None
    parts = [place, date, _type_score(a, b), _actor_score(a, b), _toll_score(a, b), _text_score(a, b)]
    score = round(sum(p[0] for p in parts), 3)
    return score, {"score": score, "reasons": [p[1] for p in parts if p[1]]}


# ---------------------------------------------------------------- linking


def _store_keys(session: Session, events: Sequence[EventRow]) -> None:
    for ev in events:
        session.add_all(BlockKey(event_id=ev.id, key=k) for k in sorted(block_keys(ev)))
    session.flush()


def _link(session: Session, events: Sequence[EventRow]) -> None:
    seen: set[tuple[int, int]] = set()
    for ev in events:
        probe = sorted(block_keys(ev, probe=True))
        ids = set(session.scalars(select(BlockKey.event_id).where(BlockKey.key.in_(probe))))
        ids.discard(ev.id)
        if not ids:
            continue
        for other in session.scalars(select(EventRow).where(EventRow.id.in_(ids))):
            pair = (min(ev.id, other.id), max(ev.id, other.id))
            if other.document_id == ev.document_id or pair in seen:
                continue
            seen.add(pair)
            result = score_pair(ev, other)
            if result is not None and result[0] >= LINK_THRESHOLD:
                session.add(EventLink(a=pair[0], b=pair[1], score=result[0], evidence=result[1]))
    session.flush()


def component(session: Session, start: Iterable[int]) -> set[int]:
    """Event ids reachable from ``start`` over links and analyst must-links."""
    found = set(start)
    frontier = set(found)
    while frontier:
        batch = list(frontier)
        frontier = set()
        for i in range(0, len(batch), 500):
            chunk = batch[i : i + 500]
            rows = session.execute(
                select(EventLink.a, EventLink.b).where(or_(EventLink.a.in_(chunk), EventLink.b.in_(chunk)))
            )
            for a, b in rows:
                frontier |= {a, b} - found
        frontier |= _decision_neighbours(session, [*batch, *frontier]) - found
        found |= frontier
    return found


def _decision_neighbours(session: Session, ids: list[int]) -> set[int]:
    keys = list(session.scalars(select(EventRow.event_key).where(EventRow.id.in_(ids))))
    rows = session.execute(
        select(AnalystDecision.event_a, AnalystDecision.event_b).where(
            AnalystDecision.kind == "join",
            or_(AnalystDecision.event_a.in_(keys), AnalystDecision.event_b.in_(keys)),
        )
    )
    other = {k for pair in rows for k in pair} - set(keys)
    if not other:
        return set()
    return set(session.scalars(select(EventRow.id).where(EventRow.event_key.in_(other))))


def merge_events(session: Session, new_events: Sequence[EventRow]) -> list[Incident]:
    """Block, link and recluster around ``new_events``; returns the incidents touched."""
    if not new_events:
        return []
    _store_keys(session, new_events)
    _link(session, new_events)
    return recluster(session, component(session, [e.id for e in new_events]))


# ---------------------------------------------------------------- clustering


def _order(session: Session, events: list[EventRow]) -> list[EventRow]:
    docs = {
        d.id: d
        for d in session.scalars(
            select(DocumentRow).where(DocumentRow.id.in_({e.document_id for e in events}))
        )
    }

    def key(e: EventRow) -> tuple[dt.date, str, int]:
        d = docs[e.document_id]
        return (d.published or dt.date.min, d.input_id, e.ordinal)

    return sorted(events, key=key)


def _decisions(session: Session, keys: list[str]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    rows = session.execute(
        select(AnalystDecision.kind, AnalystDecision.event_a, AnalystDecision.event_b)
        .where(or_(AnalystDecision.event_a.in_(keys), AnalystDecision.event_b.in_(keys)))
        .order_by(AnalystDecision.id)
    )
    must: set[frozenset[str]] = set()
    cannot: set[frozenset[str]] = set()
    for kind, a, b in rows:
        pair = frozenset((a, b))
        # The later decision on a pair wins.
        (must if kind == "join" else cannot).add(pair)
        (cannot if kind == "join" else must).discard(pair)
    return must, cannot


def _units(ordered: list[EventRow], must: set[frozenset[str]]) -> list[list[EventRow]]:
    """Events grouped by must-link (union-find), each unit in the order of its first event."""
    parent = {e.event_key: e.event_key for e in ordered}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for pair in must:
        a, b = tuple(pair)
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    units: dict[str, list[EventRow]] = {}
    for e in ordered:
        units.setdefault(find(e.event_key), []).append(e)
    return list(units.values())


def _cluster(
    ordered: list[EventRow], scores: dict[tuple[int, int], float], must: set[frozenset[str]], cannot: set
) -> list[tuple[list[EventRow], dict[int, int | None]]]:
    """Greedy average-link over units in order; returns clusters and, per event, the event it joined via."""
    clusters: list[tuple[list[EventRow], dict[int, int | None]]] = []
    for unit in _units(ordered, must):
        best, best_mean, via = None, 0.0, None
        for idx, (members, _) in enumerate(clusters):
            if _blocked(unit, members, cannot):
                continue
            pairs = [(scores.get(_pk(u, m), 0.0), m.id) for u in unit for m in members]
            top, top_id = max(pairs)
            mean = sum(p for p, _ in pairs) / len(pairs)
            if top >= LINK_THRESHOLD and mean >= MEAN_SHARE * LINK_THRESHOLD and mean > best_mean:
                best, best_mean, via = idx, mean, top_id
        if best is None:
            clusters.append((list(unit), {e.id: None for e in unit}))
        else:
            clusters[best][0].extend(unit)
            clusters[best][1].update({e.id: via for e in unit})
    return clusters


def _pk(a: EventRow, b: EventRow) -> tuple[int, int]:
    return (min(a.id, b.id), max(a.id, b.id))


def _blocked(unit: list[EventRow], members: list[EventRow], cannot: set) -> bool:
    for u in unit:
        for m in members:
            if frozenset((u.event_key, m.event_key)) in cannot:
                return True
            if u.document_id == m.document_id:
                return True
    return False


def incident_key(first_event_key: str) -> str:
    return "I" + hashlib.sha1(first_event_key.encode("utf-8")).hexdigest()[:10]


def recluster(session: Session, event_ids: set[int]) -> list[Incident]:
    """Cluster ``event_ids`` from scratch and rewrite their incidents; returns them."""
    if not event_ids:
        return []
    ids = sorted(event_ids)
    events = list(session.scalars(select(EventRow).where(EventRow.id.in_(ids))))
    ordered = _order(session, events)
    scores: dict[tuple[int, int], float] = {}
    evidence: dict[tuple[int, int], dict[str, Any]] = {}
    for link in session.scalars(select(EventLink).where(EventLink.a.in_(ids), EventLink.b.in_(ids))):
        scores[(link.a, link.b)] = link.score
        evidence[(link.a, link.b)] = link.evidence
    must, cannot = _decisions(session, [e.event_key for e in ordered])
    clusters = _cluster(ordered, scores, must, cannot)
    old = set(session.scalars(select(IncidentReport.incident_id).where(IncidentReport.event_id.in_(ids))))
    session.execute(delete(IncidentReport).where(IncidentReport.event_id.in_(ids)))
    touched = [_write_incident(session, members, via, evidence, must) for members, via in clusters]
    keep = {i.id for i in touched}
    _drop_empty(session, old - keep)
    session.flush()
    return touched


def _write_incident(
    session: Session,
    members: list[EventRow],
    via: dict[int, int | None],
    evidence: dict[tuple[int, int], dict[str, Any]],
    must: set[frozenset[str]],
) -> Incident:
    key = incident_key(members[0].event_key)
    incident = session.scalar(select(Incident).where(Incident.key == key))
    if incident is None:
        incident = Incident(key=key, type=members[0].type)
        session.add(incident)
    describe(incident, members)
    session.flush()
    for ev in members:
        through = via.get(ev.id)
        if through is None:
            why: dict[str, Any] = {"reason": "first report of the incident"}
            if any(ev.event_key in p for p in must) and ev is not members[0]:
                why = {"reason": "joined by an analyst decision"}
        else:
            why = {"via_event": through, **evidence.get(_pk_ids(ev.id, through), {})}
            if not why.get("reasons"):
                why["reason"] = "joined by an analyst decision"
        session.add(
            IncidentReport(
                incident_id=incident.id,
                document_id=ev.document_id,
                event_id=ev.id,
                primary=ev.ordinal == 0,
                evidence=why,
            )
        )
    return incident


def _pk_ids(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))


def _drop_empty(session: Session, incident_ids: set[int]) -> None:
    from tollwatch.ledger.store import EstimateHistory

    for incident in session.scalars(select(Incident).where(Incident.id.in_(incident_ids))):
        session.execute(delete(EstimateHistory).where(EstimateHistory.incident_key == incident.key))
        session.delete(incident)


def describe(incident: Incident, members: list[EventRow]) -> None:
    """Type, place, date and actors of an incident, from its events (tolls are reconcile's)."""
    types = Counter(e.type for e in members if e.type != "unknown")
    first = members[0]
    incident.type = types.most_common(1)[0][0] if types else first.type
    subs = Counter(e.sub_type for e in members if e.type == incident.type and e.sub_type)
    incident.sub_type = subs.most_common(1)[0][0] if subs else None
    placed = [e for e in members if e.location]
    if placed:
        loc = min(
            placed, key=lambda e: (e.location.get("precision") or 9, -_place_votes(members, e))
        ).location
        incident.location_name = loc.get("name") or loc.get("text")
        incident.lat, incident.lon = loc.get("lat"), loc.get("lon")
        incident.country, incident.admin1 = loc.get("country"), loc.get("admin1")
        incident.admin2 = loc.get("admin2")
        incident.geo_precision, incident.where_prec = loc.get("precision"), loc.get("where_prec")
    dated = [e for e in members if e.date_start and e.date_text] or [e for e in members if e.date_start]
    if dated:
        incident.date_start = min(e.date_start for e in dated)  # type: ignore[type-var]
        incident.date_end = max(e.date_end or e.date_start for e in dated)  # type: ignore[type-var]
        incident.date_precision = "day" if incident.date_start == incident.date_end else "span"
        iso = incident.date_start.isocalendar()  # type: ignore[union-attr]
        incident.week = f"{iso.year}-W{iso.week:02d}"
    actors: dict[str, dict[str, Any]] = {}
    for e in members:
        for a in e.actors:
            actors.setdefault(a.get("name") or "", a)
    incident.actors = [a for n, a in actors.items() if n]
    incident.n_reports = len({e.document_id for e in members})
    incident.updated_at = utcnow()


def _place_votes(members: list[EventRow], ev: EventRow) -> int:
    return sum(1 for m in members if m.place_key == ev.place_key)


def events_by_incident(session: Session, incident_ids: Iterable[int]) -> dict[int, list[EventRow]]:
    """Each incident's events, in merge order."""
    out: dict[int, list[EventRow]] = defaultdict(list)
    rows = session.execute(
        select(IncidentReport.incident_id, EventRow)
        .join(EventRow, EventRow.id == IncidentReport.event_id)
        .where(IncidentReport.incident_id.in_(list(incident_ids)))
    )
    for incident_id, ev in rows:
        out[incident_id].append(ev)
    return {k: _order(session, v) for k, v in out.items()}
