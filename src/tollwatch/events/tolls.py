"""Figures to events, and each event's toll.

A figure's place comes from its own sentence (or a sentence restating it), else from earlier sentences of its
paragraph (or the crosshead just above it), else the document's main location;
never from a later paragraph. A figure whose sentence or paragraph names a
specific place (a village, a town) is *local* and belongs to the event at that
place (the grouping gives a village's toll an event of its own). A figure stated
for the whole report (its sentence names only a country or region, or no place) is
*wide*: it belongs to the event whose sentences hold it, and to the main event too
when the document toll nests it in one of the main event's figures (the coast-wide
civilians inside the report's total). Each event's toll follows the document toll's
rules (subsets, parts, revisions, containment) applied to the event's figures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence
from typing import Any

from tollwatch.events.location import containing, is_broad, trap_role
from tollwatch.model import Estimate, Event, Figure, Place, Sentence

_document_toll: Callable[[list[Figure], str], Any] | None = None
_roots_of: Callable[[list[Figure]], list[Any]] | None = None
_top_level: Callable[[list[Figure], str], list[Figure]] | None = None
try:  # the toll helpers are written by the figures work
    from tollwatch.extract import toll as _toll_module

    _document_toll = getattr(_toll_module, "document_toll", None)
    _roots_of = getattr(_toll_module, "roots_of", None)
    _top_level = getattr(_toll_module, "top_level", None)
except ImportError:  # pragma: no cover
    pass


VIOLENT_TYPES = ("battle", "violence_against_civilians", "explosions_remote_violence", "riot", "protest")

#: How a figure's place was found: in its own sentence, earlier in its paragraph,
#: the sentence names only a trap place (a funeral, a destination), or nowhere.
SENTENCE, PARAGRAPH, TRAP, NOWHERE = "sentence", "paragraph", "trap", "nowhere"


# --------------------------------------------------------------------------- a figure's place


def place_name(p: Place) -> str:
    return p.name or p.text


def sentence_index(sents: Sequence[Sentence], pos: int) -> int | None:
    for i, s in enumerate(sents):
        if s.start <= pos < s.end:
            return i
    return None


def _good(text: str, sents: Sequence[Sentence], places: list[Place], lo: int, hi: int) -> list[Place]:
    """Event places between lo and hi that are no trap (funeral, destination, reacting country)."""
    return [
        p
        for p in places
        if lo <= p.start < hi and p.role == "event" and trap_role(text, p, containing(sents, p.start)) is None
    ]


def figure_scope(
    f: Figure, sents: Sequence[Sentence], places: list[Place], text: str
) -> tuple[Place | None, str]:
    """The place a figure is stated for, and where that place was found (see the module doc)."""
    i = sentence_index(sents, f.start)
    sent = sents[i] if i is not None else None
    lo, hi = (sent.start, sent.end) if sent else (f.start - 200, f.end + 200)
    good = _good(text, sents, places, lo, hi)
    if good:
        return min(good, key=lambda p: abs(p.start - f.start)), SENTENCE
    if any(lo <= p.start < hi for p in places):
        return None, TRAP  # the sentence names only a funeral place, a destination or a reacting country
    for m in f.mentions:  # the same figure stated again ("over 1,000 dead" in the headline and the lead)
        other = containing(sents, m.start)
        if other is not None:
            good = _good(text, sents, places, other.start, other.end)
            if good:
                return min(good, key=lambda p: abs(p.start - m.start)), SENTENCE
    if i is None or sent is None:
        return None, NOWHERE
    # earlier sentences of the paragraph, nearest first, then the crosshead just above it
    j = i - 1
    while j >= 0 and sents[j].paragraph == sent.paragraph:
        good = _good(text, sents, places, sents[j].start, sents[j].end)
        if good:
            return good[-1], PARAGRAPH
        j -= 1
    if j >= 0 and sents[j].heading and sents[j].paragraph == sent.paragraph - 1:
        good = _good(text, sents, places, sents[j].start, sents[j].end)
        if good:
            return good[-1], PARAGRAPH
    return None, NOWHERE


def is_local(place: Place | None, how: str) -> bool:
    """A figure stated for one specific place (a village, a town), not for a country or region."""
    return place is not None and how in (SENTENCE, PARAGRAPH) and not is_broad(place)


# --------------------------------------------------------------------------- figures to events


def assign_figures(
    events: list[Event],
    sents: Sequence[Sentence],
    figures: list[Figure],
    places: list[Place],
    text: str,
    sentences_of: dict[int, list[int]],
    dated: Collection[int] = (),
    toll: Any = None,
) -> None:
    """Give each figure to its events (see the module doc), set its place, and compute each event's toll.

    ``dated`` holds the indexes of sentences with a date of their own: a figure
    told with its own day belongs to that day's event, not to the main one too.
    ``toll``, when given, is the document toll of ``figures``.
    """
    if not events:
        return
    main = events[0]
    main_place = main.location
    owned: dict[int, list[Figure]] = {id(ev): [] for ev in events}
    violent = [ev for ev in events if ev.type in VIOLENT_TYPES]
    wide: list[Figure] = []
    event_of: dict[str, Event] = {}
    for f in figures:
        place, how = figure_scope(f, sents, places, text)
        i = sentence_index(sents, f.start)
        holders = [ev for ev in violent if i is not None and i in sentences_of.get(id(ev), [])]
        targets: list[Event] = []
        if holders:
            targets.append(holders[0])
        elif is_local(place, how):
            assert place is not None
            name = place_name(place)
            at = [ev for ev in violent if _told_at(ev, name, sents, sentences_of.get(id(ev), []))]
            targets.append(at[0] if at else main)
        else:
            targets.append(main)
        if how != TRAP and not is_local(place, how) and main not in targets and i not in dated:
            wide.append(f)  # stated for the whole report: the main event's too, if its toll holds it
        if place is not None:
            f.place = place_name(place)
        elif how == TRAP:
            f.place = None
        elif main_place is not None:
            f.place = place_name(main_place)
        parent = event_of.get(f.subset_of or "") or event_of.get(f.part_of or "")
        if parent is not None:
            targets = [parent]  # "nine of the dead were children": with the toll they sit in
        event_of[f.id] = targets[0]
        for ev in targets:
            ev.figures.append(f.id)
            owned[id(ev)].append(f)
    for f in _held_by(owned[id(main)], wide, figures):
        if f.id not in main.figures:
            main.figures.append(f.id)
            owned[id(main)].append(f)
    _killers_with_victims(events, owned)
    for ev in events:
        if owned[id(ev)]:
            _toll(ev, owned[id(ev)], text, (figures, toll) if toll is not None else None)
    for ev in events:
        sentences_of.pop(id(ev), None)


def _killers_with_victims(events: list[Event], owned: dict[int, list[Figure]]) -> None:
    """A killer who killed himself belongs to the event of the people he killed: an event whose
    only dead are such killers gives them to the first event with other dead ("a murder-suicide
    … the man shot his two children"), and when that leaves the main event without a figure,
    the victims' event becomes the main one (events[0])."""

    def others(ev: Event) -> bool:
        return any(f.measure == "killed" and not f.self_killed for f in owned[id(ev)])

    target = next((ev for ev in events if others(ev)), None)
    if target is None:
        return
    emptied = False
    for ev in events:
        mine = owned[id(ev)]
        if ev is target or others(ev) or not any(f.self_killed for f in mine):
            continue
        moved = [f for f in mine if f.self_killed]
        owned[id(ev)] = [f for f in mine if f not in moved]
        ev.figures = [x for x in ev.figures if x not in {f.id for f in moved}]
        owned[id(target)] += [f for f in moved if f not in owned[id(target)]]
        target.figures += [f.id for f in moved if f.id not in target.figures]
        emptied = emptied or (ev is events[0] and not owned[id(ev)])
    if emptied:
        at = next(i for i, ev in enumerate(events) if ev is target)
        events.insert(0, events.pop(at))


def _held_by(mine: list[Figure], wide: list[Figure], figures: list[Figure]) -> list[Figure]:
    """The report-wide figures the main event's toll holds: by the document toll's rules, a
    subset or part of one of its figures, or inside a toll one of them states."""
    if not wide or not mine or _roots_of is None or _top_level is None:
        return []
    ids = {f.id for f in mine}
    inside: set[str] = set()
    try:
        for r in _roots_of(_top_level(figures, "killed")):
            if r.fig.id in ids:
                inside.update(x.id for x in r.inside)
    except Exception:  # the toll helper must not break events
        return []
    return [f for f in wide if f.id in inside or f.subset_of in ids or f.part_of in ids]


def _told_at(ev: Event, name: str, sents: Sequence[Sentence], idxs: list[int]) -> bool:
    """The event is located at the named place, and its own sentences name it."""
    loc = ev.location
    if loc is None or place_name(loc) != name:
        return False
    return any(sents[k].start <= loc.start < sents[k].end for k in idxs)


def _own_copies(figs: list[Figure]) -> list[Figure]:
    """The event's figures with links to figures outside the event cut (a subset of another event's
    figure counts on its own here)."""
    ids = {f.id for f in figs}
    out = []
    for f in figs:
        changes: dict[str, Any] = {}
        if f.subset_of and f.subset_of not in ids:
            changes["subset_of"] = None
        if f.part_of and f.part_of not in ids:
            changes["part_of"] = None
        out.append(dataclasses.replace(f, **changes) if changes else f)
    return out


def _toll(ev: Event, figs: list[Figure], text: str, known: tuple[list[Figure], Any] | None = None) -> None:
    figs = _own_copies(figs)
    if known is not None and _same_figures(figs, known[0]):
        t = known[1]  # the very figures of a toll already computed (the document's): the same toll
        ev.killed, ev.injured = t.killed, t.injured
        ev.victims = dict(t.victims)
        return
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


def _same_figures(a: list[Figure], b: list[Figure]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


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
