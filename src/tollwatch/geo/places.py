"""Toponym spans and their resolution (stub: filled by the geoparsing work)."""

from __future__ import annotations

from tollwatch.model import Document, Place, Sentence


def find_places(document: Document, sentences: list[Sentence]) -> list[Place]:
    """Return the place mentions in the document, resolved where possible."""
    return []
