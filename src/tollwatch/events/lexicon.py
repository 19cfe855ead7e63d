"""The event tables, read and compiled once at import: type names (``types.toml``), cue words
(``cues.toml``) and actor rules (``actors.toml``)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tollwatch.model import Event

# --------------------------------------------------------------------------- data


def _load(name: str) -> dict[str, Any]:
    text = resources.files("tollwatch").joinpath("data", "events", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


_TYPES = _load("types.toml")
CUES = _load("cues.toml")["cues"]
_ACTORS = _load("actors.toml")

#: type -> its sub-types (ACLED's six types; the humanitarian types have none).
SUB_TYPES: dict[str, tuple[str, ...]] = {t: tuple(s) for t, s in _TYPES["acled"].items()}
for _t in _TYPES["humanitarian"]["types"]:
    SUB_TYPES[_t] = ()
#: Every type name tollwatch emits.
EVENT_TYPES: tuple[str, ...] = tuple(SUB_TYPES)
#: Alternative names of sub-types (looting_arson -> looting_property_destruction).
ALIASES: dict[str, str] = dict(_TYPES["aliases"])
#: ACLED's labels to our names (evaluation only).
ACLED_EVENT_TYPES: dict[str, str] = dict(_TYPES["acled_labels"]["event_type"])
ACLED_SUB_TYPES: dict[str, str] = dict(_TYPES["acled_labels"]["sub_event_type"])


def _rx(fragments: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(fragments) + r")\b")


RE_PREFIX = re.compile(r"\A\W*(?:" + "|".join(CUES["strategic_prefix"]) + r")\s*:")


@dataclass(slots=True)
class ActorRule:
    name: str
    interaction: str
    kind: str
    group: bool
    words: list[str]


ACTOR_RULES = [
    ActorRule(a["name"], a["interaction"], a["kind"], bool(a.get("group")), list(a["words"]))
    for a in _ACTORS["actor"]
]
DEMONYMS: dict[str, str] = dict(_ACTORS["demonyms"])
RE_DEMONYM = _rx(sorted((re.escape(k) for k in DEMONYMS), key=len, reverse=True))
COUNTRY_NAMES: dict[str, str] = dict(_ACTORS["country_names"])


def event_names(event: Event) -> set[str]:
    """The event's type and sub-type with their aliases (for scoring either name)."""
    names = {event.type}
    if event.sub_type:
        names.add(event.sub_type)
        if event.sub_type in ALIASES:
            names.add(ALIASES[event.sub_type])
    return names


ARMED_KINDS = ("state", "armed", "militia")
