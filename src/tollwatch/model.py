"""The record types of tollwatch, defined once.

Every stage of the pipeline passes these, never loose dicts. Each type has a
``to_dict`` that produces the output contract (field names external evaluation
reads: extend them freely, never rename them).

Words: a *figure* is one claim of a count; an *event* is what one report
describes; an *incident* is the merged record in the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Measures a figure can count. ``casualties`` is killed and injured not told
#: apart, and is never counted as killed.
MEASURES = ("killed", "injured", "casualties", "missing", "kidnapped", "detained", "displaced")

#: Victim groups, in the order they are reported in ``victims``.
GROUPS = ("people", "civilians", "children", "women", "men", "security_forces", "militants")

#: Groups broken out in the document's ``victims`` field (``people`` is ``killed`` itself).
VICTIM_GROUPS = ("civilians", "children", "women", "men", "security_forces", "militants")

#: How the text bounds a number.
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "approx")

#: What a figure counts: this report's own events, a running total, or an
#: earlier event recalled.
SCOPES = ("incident", "cumulative", "background")


@dataclass(slots=True)
class Document:
    """One report as read from a file, a JSONL line, a page or stdin.

    ``origin`` names where it came from (``path:line``) for error messages.
    ``published`` is the reference date for weekdays and relative dates.
    """

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""


@dataclass(slots=True)
class Sentence:
    """A sentence with its character offsets in the document and its paragraph index."""

    start: int
    end: int
    text: str
    paragraph: int = 0
    #: True for a headline or crosshead line (no final punctuation, short).
    heading: bool = False


@dataclass(slots=True)
class Quantity:
    """A number read from text, before we know what it counts.

    ``low``/``high`` are the bounds the words give (``None`` = unbounded);
    ``best`` the single most likely value. ``vague`` marks words like
    "dozens", whose conservative value follows ACLED's conventions.
    """

    start: int
    end: int
    text: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str = "exact"
    vague: bool = False
    #: "digit", "word", "vague", "singular" (a man → 1), "zero" (no one).
    kind: str = "digit"


@dataclass(slots=True)
class Mention:
    """Another place in the text where the same claim is repeated."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Figure:
    """One claim of a count, with the span that supports it.

    ``span_field`` names the document field the offsets index: ``"text"`` (the
    body, nearly always) or ``"title"`` (a headline figure, read only when the
    body states no figure of its measure; see :mod:`tollwatch.extract.headline`).
    ``text == getattr(document, span_field)[start:end]`` always holds, as do the
    other offsets (``sentence_start``, ``number_start``, mentions) in that field.
    ``low``/``best``/``high``
    are ``None`` where the text does not state them; a figure never carries an
    invented number.
    """

    id: str
    measure: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    group: str
    group_text: str
    scope: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int = 0
    mentions: list[Mention] = field(default_factory=list)
    source: str | None = None
    place: str | None = None
    subset_of: str | None = None
    revises: str | None = None
    confidence: float = 0.5
    #: For an enumeration's total: the ids of its parts. For a part: ``part_of``.
    parts: list[str] = field(default_factory=list)
    part_of: str | None = None
    #: True when the victims are attackers/perpetrators (shooter who died).
    perpetrator: bool = False
    #: The quantity's own span, inside [start, end).
    number_start: int = 0
    number_end: int = 0
    #: True when the text says the figure could not be verified: it counts
    #: towards ``high`` but not ``low`` or ``best``.
    unverified: bool = False
    #: Where the casualty word that makes this a figure starts (for lists).
    cue_start: int = -1
    #: The document field the offsets index: "text" or "title".
    span_field: str = "text"

    @property
    def self_killed(self) -> bool:
        """A killer's own death ("murder-suicide", "turned the gun on himself"): a perpetrator
        counted as "people", not one side's fighters killed by the other ("militants")."""
        return self.perpetrator and self.group == "people" and self.measure == "killed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "measure": self.measure,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "qualifier": self.qualifier,
            "group": self.group,
            "group_text": self.group_text,
            "scope": self.scope,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "mentions": [m.to_dict() for m in self.mentions],
            "sentence": self.sentence,
            "source": self.source,
            "place": self.place,
            "subset_of": self.subset_of,
            "revises": self.revises,
            "confidence": round(self.confidence, 3),
            "parts": list(self.parts),
            "part_of": self.part_of,
            "perpetrator": self.perpetrator,
            "unverified": self.unverified,
            "span_field": self.span_field,
        }


@dataclass(slots=True)
class Estimate:
    """A toll as UCDP states it: low (conservative), best (most likely), high.

    ``None`` means not stated, never zero.
    """

    low: int | None = None
    best: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}

    def is_empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None


@dataclass(slots=True)
class Place:
    """A place mention and, where resolved, its gazetteer entry.

    Unresolved mentions keep ``text`` and offsets with ``lat``/``lon`` ``None``;
    ``country`` may still come from context. ``precision`` is ACLED's
    geo_precision (1 town, 2 near/part of a region, 3 provincial capital or
    larger); ``where_prec`` is UCDP's 1–7.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    precision: int | None = None
    where_prec: int | None = None
    #: What the place is to the story: "event", "origin" (a statement came
    #: from there), "destination" (people fled to), "funeral", "context".
    role: str = "context"
    #: What the coordinates rest on: "gazetteer" (the named place), "parenthetical"
    #: (an ACLED-style "X (Admin2, Admin1)" place), "admin" (the finest admin area
    #: named, the town being unknown), "country" (only the country is known),
    #: None when unresolved.
    basis: str | None = None
    #: The document field ``start``/``end`` index: ``"text"``, or ``"title"`` for a place
    #: read from the headline of a report whose body names no town
    #: (``text == getattr(document, span_field)[start:end]``).
    span_field: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "span_field": self.span_field,
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "feature_code": self.feature_code,
            "precision": self.precision,
            "where_prec": self.where_prec,
            "role": self.role,
            "basis": self.basis,
        }


@dataclass(slots=True)
class DateSpan:
    """A date expression and what it resolves to.

    ``start_date``/``end_date`` are ``None`` when it cannot be resolved (no
    publication date): the text is kept, nothing is guessed.
    ``precision`` is one of day, span, week, month, year.
    """

    text: str
    start: int
    end: int
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Actor:
    """An event's actor, normalised, with ACLED's interaction label."""

    name: str
    text: str = ""
    interaction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "text": self.text, "interaction": self.interaction}


@dataclass(slots=True)
class Event:
    """What one report describes happening: type, actors, place, date, toll."""

    id: str
    type: str
    sub_type: str | None = None
    actors: list[Actor] = field(default_factory=list)
    date: DateSpan | None = None
    location: Place | None = None
    killed: Estimate = field(default_factory=Estimate)
    injured: Estimate = field(default_factory=Estimate)
    victims: dict[str, Estimate] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)
    #: The sentence offsets the event was read from.
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        date = None
        if self.date is not None:
            d = self.date
            date = {
                "start": d.start_date.isoformat() if d.start_date else None,
                "end": d.end_date.isoformat() if d.end_date else None,
                "precision": d.precision,
                "text": d.text,
            }
        return {
            "id": self.id,
            "type": self.type,
            "sub_type": self.sub_type,
            "actors": [a.to_dict() for a in self.actors],
            "date": date,
            "location": self.location.to_dict() if self.location else None,
            "killed": self.killed.to_dict(),
            "injured": self.injured.to_dict(),
            "victims": {k: v.to_dict() for k, v in self.victims.items()},
            "figures": list(self.figures),
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Extraction:
    """Everything read out of one document: the output contract."""

    id: str
    published: dt.date | None
    language: str
    killed: Estimate
    injured: Estimate
    victims: dict[str, Estimate]
    acled_fatalities: int | None
    acled_basis: str | None
    figures: list[Figure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    location: Place | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: Civilian deaths told in the plural with no number, as casualty monitors code them
    #: (``settings.PLURAL_DEATHS``): a labelled convention, never a figure or a victim count.
    civilians_convention: Estimate | None = None
    #: Non-fatal notes for the analyst (e.g. "not English: read with English rules skipped").
    warnings: list[str] = field(default_factory=list)
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "killed": self.killed.to_dict(),
            "injured": self.injured.to_dict(),
            "victims": {g: self.victims.get(g, Estimate()).to_dict() for g in VICTIM_GROUPS}
            | {k: v.to_dict() for k, v in self.victims.items() if k not in VICTIM_GROUPS},
            "acled_fatalities": self.acled_fatalities,
            "acled_basis": self.acled_basis,
            "civilians_convention": (
                self.civilians_convention.to_dict() if self.civilians_convention is not None else None
            ),
            "figures": [f.to_dict() for f in self.figures],
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "location": self.location.to_dict() if self.location else {},
            "warnings": list(self.warnings),
            "extractor_version": self.extractor_version,
        }


def _pickled_as_tuples(cls: type) -> None:
    """Pickle ``cls`` by a tuple of its field values, read in one C call.

    A slotted dataclass otherwise pickles through ``dataclasses.fields()`` on every
    object; an ingest that stores batches in a second process pickles every
    extraction (tens of thousands of places, estimates and figures), and this makes
    that three times cheaper. The fields are those of the class when this runs.
    """
    from dataclasses import fields
    from operator import attrgetter

    names = tuple(f.name for f in fields(cls))
    get = attrgetter(*names)
    single = len(names) == 1

    def getstate(self: Any) -> tuple[Any, ...]:
        return (get(self),) if single else get(self)

    def setstate(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    setattr(cls, "__getstate__", getstate)  # noqa: B010 (a method replaced on the class)
    setattr(cls, "__setstate__", setstate)  # noqa: B010


for _cls in (
    Document,
    Sentence,
    Quantity,
    Mention,
    Figure,
    Estimate,
    Place,
    DateSpan,
    Actor,
    Event,
    Extraction,
):
    _pickled_as_tuples(_cls)
