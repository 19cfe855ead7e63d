"""Grouping a document's figures into events, with type, actors, place and date.

An event is what one report describes happening. ``events[0]`` is the report's
main event: its type follows ACLED's decision order (explosions before battles,
demonstrations read for violence and intervention, violence read for who was
harmed). Further events come from cues in single sentences: another violent
type, looting and arson, arrests, and the humanitarian impacts ACLED does not
code (displacement, infrastructure outage, road closure, international reaction).
An event can carry no figures.

The names of types and sub-types are in ``data/events/types.toml``; the cue
words in ``data/events/cues.toml``; the actor tables in ``data/events/actors.toml``.
All are read and compiled once, at import.
"""

from __future__ import annotations

from tollwatch.events.actors import country_name
from tollwatch.events.classify import Classification, classify
from tollwatch.events.grouping import build_events
from tollwatch.events.lexicon import (
    ACLED_EVENT_TYPES,
    ACLED_SUB_TYPES,
    ALIASES,
    EVENT_TYPES,
    SUB_TYPES,
    event_names,
)

__all__ = [
    "ACLED_EVENT_TYPES",
    "ACLED_SUB_TYPES",
    "ALIASES",
    "EVENT_TYPES",
    "SUB_TYPES",
    "Classification",
    "build_events",
    "classify",
    "country_name",
    "event_names",
]
