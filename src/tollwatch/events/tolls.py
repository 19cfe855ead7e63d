"""Figures to events: each figure goes to the event whose sentences hold it; each event's toll."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tollwatch.events.location import containing, trap_role
from tollwatch.model import Estimate, Event, Figure, Place, Sentence

_document_toll: Callable[[list[Figure], str], Any] | None = None
try:  # the toll helper is written by the figures work
    from tollwatch.extract import toll as _toll_module

    _document_toll = getattr(_toll_module, "document_toll", None)
except ImportError:  # pragma: no cover
    pass


# --------------------------------------------------------------------------- figures and tolls


def assign_figures(
    events: list[Event],
    sents: Sequence[Sentence],
    figures: list[Figure],
    places: list[Place],
    text: str,
    sentences_of: dict[int, list[int]],
) -> None:
    """Give each figure to the event whose sentences hold it (else the main event); set its place."""
    if not events:
        return
    owner: dict[str, Event] = {}
    for f in figures:
        best: Event | None = None
        for ev in events:
            idxs = sentences_of.get(id(ev), [])
            if any(sents[i].start <= f.start < sents[i].end for i in idxs) and ev.type in _VIOLENT_TYPES:
                best = ev
                break
        if best is None:
            best = events[0]
        owner[f.id] = best
        best.figures.append(f.id)
        f.place = _figure_place(f, best, sents, places, text)
    for ev in events:
        own = [f for f in figures if owner.get(f.id) is ev]
        if own:
            _toll(ev, own, text)
    for ev in events:
        sentences_of.pop(id(ev), None)


_VIOLENT_TYPES = ("battle", "violence_against_civilians", "explosions_remote_violence", "riot", "protest")


def _place_name(p: Place) -> str:
    return p.name or p.text


def _figure_place(
    f: Figure, ev: Event, sents: Sequence[Sentence], places: list[Place], text: str
) -> str | None:
    sent = containing(sents, f.start)
    lo, hi = (sent.start, sent.end) if sent else (f.start - 200, f.end + 200)
    here = [p for p in places if lo <= p.start < hi]
    good = [p for p in here if p.role == "event" and trap_role(text, p, sent) is None]
    if good:
        return _place_name(min(good, key=lambda p: abs(p.start - f.start)))
    if here:
        return None  # the sentence names only a funeral place, a destination or a reacting country
    if ev.location is not None:
        return _place_name(ev.location)
    return f.place


def _toll(ev: Event, figs: list[Figure], text: str) -> None:
    if _document_toll is not None:
        try:
            t = _document_toll(figs, text)
            ev.killed, ev.injured = t.killed, t.injured
            ev.victims = dict(t.victims)
            return
        except Exception:
            pass
    ev.killed = _sum(figs, "killed")
    ev.injured = _sum(figs, "injured")
    victims: dict[str, Estimate] = {}
    for g in {f.group for f in figs if f.group not in ("people",)}:
        est = _sum([f for f in figs if f.group == g], "killed", allow_subsets=True)
        if not est.is_empty():
            victims[g] = est
    ev.victims = victims


def _sum(figs: list[Figure], measure: str, allow_subsets: bool = False) -> Estimate:
    """Top-level incident figures of one measure, added up: subsets, revised figures and parts left out."""
    revised = {f.revises for f in figs if f.revises}
    ids = {f.id for f in figs}
    top = [
        f
        for f in figs
        if f.measure == measure
        and f.scope == "incident"
        and f.id not in revised
        and (allow_subsets or f.subset_of not in ids)
        and (allow_subsets or f.part_of not in ids)
    ]
    if not allow_subsets:
        top = [f for f in top if not f.subset_of and not f.part_of]
    if not top:
        return Estimate()

    def add(vals: list[int | None]) -> int | None:
        known = [v for v in vals if v is not None]
        return sum(known) if known else None

    return Estimate(
        low=add([f.low for f in top]), best=add([f.best for f in top]), high=add([f.high for f in top])
    )
