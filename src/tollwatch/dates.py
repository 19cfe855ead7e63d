"""Date expressions and their resolution against the publication date (stub: filled by the geo/dates work)."""

from __future__ import annotations

from tollwatch.model import DateSpan, Document, Sentence


def find_dates(document: Document, sentences: list[Sentence]) -> list[DateSpan]:
    """Return the date expressions in the document, resolved where possible."""
    return []
