"""Grouping a document's figures into events, with type, actors, place and date (stub)."""

from __future__ import annotations

from tollwatch.model import DateSpan, Document, Event, Figure, Place, Sentence


def build_events(
    document: Document,
    sentences: list[Sentence],
    figures: list[Figure],
    places: list[Place],
    dates: list[DateSpan],
) -> list[Event]:
    """Return the document's events, the main one first."""
    return []
