"""Building a document's events: the main one, events beside it, and one event per day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tollwatch.dates import date_for_span, is_background
from tollwatch.events.actors import fill_actors
from tollwatch.events.classify import Classification, classify, explosion_sub
from tollwatch.events.lexicon import RE_DEMONYM
from tollwatch.events.location import event_location, trap_role
from tollwatch.events.scan import find_first, has_cue, scan_text
from tollwatch.events.tolls import VIOLENT_TYPES, assign_figures, figure_scope, is_local, place_name
from tollwatch.model import DateSpan, Document, Event, Figure, Place, Sentence

# --------------------------------------------------------------------------- events


def build_events(
    document: Document,
    sentences: list[Sentence],
    figures: list[Figure],
    places: list[Place],
    dates: list[DateSpan],
    toll: Any = None,
) -> list[Event]:
    """Return the document's events, the main one first.

    ``toll`` is the document toll of ``figures`` when the caller has it (speed: an event
    that holds every figure has that toll, which is then not computed again).
    """
    text = document.text
    if not text.strip():
        return []
    low = text.lower()
    sents = sentences or [Sentence(0, len(text), text, 0)]
    main = classify(text, low)
    scan_text(low).places = places
    cues = [_sentence_cues(low, s) for s in sents]
    groups = _secondary(cues, sents, main)
    events: list[Event] = []
    main_sents = _sentences_with(sents, main, cues)
    events.append(_make_event(document, sents, main, main_sents, places, dates, is_main=True))
    for cls, idxs in groups:
        events.append(_make_event(document, sents, cls, idxs, places, dates, main_place=events[0].location))
    events = _split_by_date(events, document, sents, dates, places)
    events = _split_by_place(events, document, sents, figures, places, dates)
    for i, ev in enumerate(events):
        ev.id = f"{document.id}:e{i + 1}"
    dated = _dated_sentences(sents, dates, document)
    assign_figures(events, sents, figures, places, text, _EVENT_SENTENCES, dated, toll)
    for i, ev in enumerate(events):
        ev.id = f"{document.id}:e{i + 1}"  # the main event may have changed (assign_figures)
    fill_actors(events, low, places, text)
    return events


#: Sentence-level cues for events beside the main one: (cue, type, sub_type).
_SECONDARY: list[tuple[str, str, str | None]] = [
    ("battle", "battle", "armed_clash"),
    ("regains", "battle", "government_regains_territory"),
    ("attack", "violence_against_civilians", "attack"),
    ("abduction", "violence_against_civilians", "abduction_forced_disappearance"),
    ("explosion", "explosions_remote_violence", None),
    ("looting", "strategic_development", "looting_arson"),
    ("arson", "strategic_development", "looting_arson"),
    ("arrests", "strategic_development", "arrests"),
    ("displacement", "displacement", None),
    ("outage", "infrastructure_outage", None),
    ("road_closure", "road_closure", None),
    ("reaction", "international_reaction", None),
]

_RE_CIVILIAN_HARM = re.compile(
    r"\b(?:revenge killings?|massacres?|executi\w+|civilians?|villagers|residents|men|women|children)\b"
)


def _sentence_cues(low: str, s: Sentence) -> list[tuple[str, str | None, int]]:
    """The (type, sub_type, offset) cues of one sentence, for events beside the main one."""
    out: list[tuple[str, str | None, int]] = []
    a, b = s.start, s.end
    present = scan_text(low).cues  # speed: a cue the whole text lacks is not looked for
    for cue, typ, sub in _SECONDARY:
        if cue not in present:
            continue
        m = find_first(cue, low, a, b)
        if m is None:
            continue
        # harm to people counts as an attack on civilians only when civilians are named
        if sub == "attack" and _RE_CIVILIAN_HARM.search(low, a, b) is None:
            continue
        if typ == "explosions_remote_violence":
            sub = explosion_sub(low, a, b)
        if typ == "international_reaction" and not _foreign_actor(low, a, b):
            continue
        if (
            typ == "strategic_development"
            and sub == "arrests"
            and re.search(r"\btried to\b", low[a : m.start()])
        ):
            continue
        out.append((typ, sub, m.start()))
    return out


def _foreign_actor(low: str, a: int, b: int) -> bool:
    """A reaction from abroad: an international body, a demonym, or a reacting place."""
    if has_cue("reaction_actor", low, a, b) or RE_DEMONYM.search(low, a, b) is not None:
        return True
    return any(
        a <= p.start < b and (p.role == "origin" or trap_role(low, p, None) == "reaction")
        for p in scan_text(low).places
    )


def _secondary(
    cues: list[list[tuple[str, str | None, int]]], sents: Sequence[Sentence], main: Classification
) -> list[tuple[Classification, list[int]]]:
    """Events beside the main one, one per (type, sub_type), with their sentence indexes."""
    groups: dict[tuple[str, str | None], list[int]] = {}
    order: list[tuple[str, str | None]] = []
    for i, sent_cues in enumerate(cues):
        for typ, sub, _at in sent_cues:
            key = (typ, sub)
            if (
                typ == main.type
                and (sub == main.sub_type or typ in ("battle", "violence_against_civilians"))
                and (sub not in ("government_regains_territory", "looting_arson") or sub == main.sub_type)
            ):
                continue  # part of the main event
            if key not in groups:
                groups[key] = []
                order.append(key)
            if i not in groups[key]:
                groups[key].append(i)
    # a looting/arson sentence inside a violent main event that says nothing else stays separate
    return [(Classification(t, s, sents[groups[(t, s)][0]].start), groups[(t, s)]) for t, s in order]


def _sentences_with(
    sents: Sequence[Sentence], cls: Classification, cues: list[list[tuple[str, str | None, int]]]
) -> list[int]:
    """The sentences that carry the main event's type (at least the one with its cue)."""
    idxs = []
    for i, s in enumerate(sents):
        if any(t == cls.type for t, _sub, _a in cues[i]) or s.start <= cls.at < s.end:
            idxs.append(i)
    return idxs or [0]


def _make_event(
    document: Document,
    sents: Sequence[Sentence],
    cls: Classification,
    idxs: list[int],
    places: list[Place],
    dates: list[DateSpan],
    is_main: bool = False,
    main_place: Place | None = None,
) -> Event:
    chosen = [sents[i] for i in idxs]
    ev = Event(id="", type=cls.type, sub_type=cls.sub_type)
    ev.start = min(s.start for s in chosen)
    ev.end = max(s.end for s in chosen)
    ev.date = _event_date(chosen, sents, dates, document)
    ev.location = event_location(
        document.text, cls.type, chosen, sents, places, main=is_main, main_place=main_place
    )
    _EVENT_SENTENCES[id(ev)] = idxs
    return ev


#: The sentence indexes of each event while build_events runs (keyed by id()).
_EVENT_SENTENCES: dict[int, list[int]] = {}


def _event_date(
    chosen: Sequence[Sentence], sents: Sequence[Sentence], dates: list[DateSpan], document: Document
) -> DateSpan | None:
    pub = document.published
    for s in chosen:
        own = [d for d in dates if s.start <= d.start < s.end and not is_background(d, pub)]
        if own:
            return own[0]
    first = chosen[0]
    return date_for_span(dates, first.start, first.end, sents, pub)


def _split_by_date(
    events: list[Event],
    document: Document,
    sents: Sequence[Sentence],
    dates: list[DateSpan],
    places: list[Place],
) -> list[Event]:
    """One event per day: an event whose sentences carry different dates is split.

    ACLED codes a day at a time.
    """
    pub = document.published
    out: list[Event] = []
    for ev in events:
        idxs = _EVENT_SENTENCES.get(id(ev), [])
        by_date: dict[Any, list[int]] = {}
        undated: list[int] = []
        for i in idxs:
            s = sents[i]
            own = [
                d for d in dates if s.start <= d.start < s.end and not is_background(d, pub) and d.start_date
            ]
            if own:
                by_date.setdefault(own[0].start_date, []).append(i)
            else:
                undated.append(i)
        if len(by_date) <= 1:
            out.append(ev)
            continue
        keys = list(by_date)
        for k_i, k in enumerate(keys):
            part = sorted(by_date[k] + (undated if k_i == 0 else []))
            new = Event(id="", type=ev.type, sub_type=ev.sub_type)
            chosen = [sents[i] for i in part]
            new.start = min(s.start for s in chosen)
            new.end = max(s.end for s in chosen)
            dated = [sents[i] for i in by_date[k]]
            new.date = _event_date(dated, sents, dates, document)
            new.location = event_location(document.text, ev.type, chosen, sents, places) or ev.location
            _EVENT_SENTENCES[id(new)] = part
            out.append(new)
    return out


def _own_dates(s: Sentence, dates: list[DateSpan], document: Document) -> list[DateSpan]:
    pub = document.published
    return [d for d in dates if s.start <= d.start < s.end and not is_background(d, pub) and d.start_date]


def _dated_sentences(sents: Sequence[Sentence], dates: list[DateSpan], document: Document) -> set[int]:
    """Indexes of the sentences that carry a date of their own."""
    return {i for i, s in enumerate(sents) if _own_dates(s, dates, document)}


def _village_of(scopes: list[tuple[str | None, bool]]) -> str | None:
    """The one specific place all of a sentence's figures are stated for, or None."""
    names = {name for name, local in scopes if local and name}
    if len(names) == 1 and all(local for _n, local in scopes):
        return names.pop()
    return None


def _split_by_place(
    events: list[Event],
    document: Document,
    sents: Sequence[Sentence],
    figures: list[Figure],
    places: list[Place],
    dates: list[DateSpan],
) -> list[Event]:
    """A village's own toll inside a wider event becomes that village's event.

    When a violent event (not the main one) holds a sentence whose figures are
    stated for one specific place ("In the village of X, 31 were buried") beside
    other sentences with figures, that sentence is split off: same type and day
    (its own day when it states one), located at the place. ACLED codes a place at
    a time; the wider figures stay with the wider event.
    """
    text = document.text
    by_sentence = _local_figures(figures, sents, places, text)
    out: list[Event] = []
    main_idxs = set(_EVENT_SENTENCES.get(id(events[0]), [])) if events else set()
    main_name = place_name(events[0].location) if events and events[0].location else None
    held = {i for ev in events if ev.type in VIOLENT_TYPES for i in _EVENT_SENTENCES.get(id(ev), [])}
    for n, ev in enumerate(events):
        out.append(ev)
        idxs = _EVENT_SENTENCES.get(id(ev), [])
        if n == 0 or ev.type not in VIOLENT_TYPES:
            continue
        later = _later_village_sentences(events, n, idxs, by_sentence, held, len(sents), main_name)
        idxs = sorted(idxs + later)
        if len(idxs) < 2:
            continue
        villages: dict[str, list[int]] = {}
        for i in idxs:
            village = _village_of(by_sentence.get(i, []))
            # the main event's sentences and places stay its own
            if village is not None and i not in main_idxs and village != main_name:
                villages.setdefault(village, []).append(i)
        rest = [i for i in idxs if not any(i in v for v in villages.values())]
        if not villages or not any(i in by_sentence for i in rest):
            continue  # nothing else in the event is counted: the event is the village's own
        out.extend(_village_event(ev, part, document, sents, places, dates) for part in villages.values())
        held.update(later)
        chosen = [sents[i] for i in rest]
        ev.start = min(s.start for s in chosen)
        ev.end = max(s.end for s in chosen)
        others = [p for p in places if place_name(p) not in villages]  # the wider event is not at the village
        ev.location = event_location(text, ev.type, chosen, sents, others) or events[0].location
        _EVENT_SENTENCES[id(ev)] = rest
    return out


def _local_figures(
    figures: list[Figure], sents: Sequence[Sentence], places: list[Place], text: str
) -> dict[int, list[tuple[str | None, bool]]]:
    """Per sentence, each figure's own place name when the sentence states it for one place."""
    by_sentence: dict[int, list[tuple[str | None, bool]]] = {}
    for f in figures:
        place, how = figure_scope(f, sents, places, text)
        i = next((k for k, s in enumerate(sents) if s.start <= f.start < s.end), None)
        if i is not None:
            local = is_local(place, how) and how == "sentence"
            by_sentence.setdefault(i, []).append((place_name(place) if place and local else None, local))
    return by_sentence


def _later_village_sentences(
    events: list[Event],
    n: int,
    idxs: list[int],
    by_sentence: dict[int, list[tuple[str | None, bool]]],
    held: set[int],
    count: int,
    main_name: str | None,
) -> list[int]:
    """A village's toll told in a sentence of its own, after event ``n`` and before the next violent one."""
    starts = [min(_EVENT_SENTENCES.get(id(e)) or [count]) for e in events[n + 1 :] if e.type in VIOLENT_TYPES]
    return [
        i
        for i in sorted(by_sentence)
        if i not in held
        and idxs
        and max(idxs) < i < min(starts, default=count)
        and _village_of(by_sentence[i]) not in (None, main_name)
    ]


def _village_event(
    ev: Event,
    part: list[int],
    document: Document,
    sents: Sequence[Sentence],
    places: list[Place],
    dates: list[DateSpan],
) -> Event:
    """The event of one village's sentences ``part``, split off ``ev``."""
    new = Event(id="", type=ev.type, sub_type=ev.sub_type)
    chosen = [sents[i] for i in part]
    new.start = min(s.start for s in chosen)
    new.end = max(s.end for s in chosen)
    own = [d for s in chosen for d in _own_dates(s, dates, document)]
    new.date = own[0] if own else ev.date
    new.location = event_location(document.text, ev.type, chosen, sents, places)
    _EVENT_SENTENCES[id(new)] = part
    return new
