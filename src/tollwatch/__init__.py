"""tollwatch: casualty figures with provenance, read out of news reports."""

from __future__ import annotations

__version__ = "0.1.0"

from tollwatch.model import Document, Estimate, Event, Extraction, Figure, Place


def extract(document: Document) -> Extraction:
    """Read one document and return every casualty figure, place, date and event in it."""
    from tollwatch.pipeline import extract as _extract

    return _extract(document)


__all__ = ["Document", "Estimate", "Event", "Extraction", "Figure", "Place", "__version__", "extract"]
