"""The pipeline: read → segment → numbers → figures → places → dates → events → toll.

Each stage is a plain function over the record types in :mod:`tollwatch.model`.
The CLI, the API and Dask tasks all call :func:`extract`; none re-implements a step.
"""

from __future__ import annotations

from tollwatch import __version__
from tollwatch.dates import find_dates
from tollwatch.events import build_events
from tollwatch.extract.figures import find_figures
from tollwatch.extract.headline import HeadlineToll, headline_toll
from tollwatch.extract.toll import acled_coding, document_toll, injured_estimate
from tollwatch.geo.places import country_location, find_places, main_location, title_places
from tollwatch.language import detect_language
from tollwatch.model import Document, Estimate, Event, Extraction, Place, Sentence
from tollwatch.text.segment import segment


def extract(document: Document) -> Extraction:
    """Read one document into an :class:`Extraction` (the output contract).

    A report that is not in English is flagged in ``language`` and its figures
    are not read with English rules.
    """
    language = detect_language(document.text)
    result = Extraction(
        id=document.id,
        published=document.published,
        language=language,
        killed=Estimate(),
        injured=Estimate(),
        victims={},
        acled_fatalities=None,
        acled_basis=None,
        title=document.title,
        url=document.url,
        source=document.source,
        extractor_version=__version__,
    )
    if language != "en":
        result.warnings.append(
            f"W001: the report reads as language '{language}', not English; "
            "English extraction rules were not applied"
        )
        return result
    sentences = segment(document.text)
    figures = find_figures(document, sentences)
    places = find_places(document, sentences)
    dates = find_dates(document, sentences)
    # The document toll reads no figure's place (the only figure field the events set), so it
    # is the same before the events; an event that holds every figure takes it as its own.
    toll = document_toll(figures, document.text)
    events = build_events(document, sentences, figures, places, dates, toll)
    result.figures = figures
    result.places = places
    result.events = events
    result.location = events[0].location if events else None
    if result.location is None and places:
        # Every place is a trap (a funeral, a destination): the report's country still holds.
        result.location = country_location(places)
        if events and result.location is not None:
            events[0].location = result.location
    if document.title and not _is_town(result.location):
        _add_title_place(document, sentences, result)
    result.killed = toll.killed
    result.injured = toll.injured
    result.victims = toll.victims
    result.acled_fatalities = toll.acled_fatalities
    result.acled_basis = toll.acled_basis
    result.civilians_convention = toll.civilians_convention
    head = headline_toll(document, figures, toll) if events else None
    if head is not None:
        _add_headline(result, events[0], head, document.text)
    return result


def _add_headline(result: Extraction, main: Event, head: HeadlineToll, text: str) -> None:
    """A measure the body's toll leaves empty or counts lower, told in the headline: the
    document's and its main event's toll for that measure, the headline figures kept
    (``span_field == "title"``).
    The body's people "shot" are then counted less the headline's dead, as with a body toll."""
    body = list(result.figures)
    result.figures.extend(head.figures)
    held = set(main.figures)
    main_body = [f for f in body if f.id in held]
    main.figures.extend(f.id for f in head.figures)
    if head.killed is not None:
        result.killed = main.killed = head.killed
        result.acled_fatalities, result.acled_basis = acled_coding(head.killed)
        result.injured = injured_estimate(body, text, head.killed)
        main.injured = injured_estimate(main_body, text, head.killed)
        for group, est in (head.victims or {}).items():
            result.victims.setdefault(group, est)
            main.victims.setdefault(group, est)
    if head.injured is not None:
        result.injured = main.injured = head.injured


def _is_town(place: Place | None) -> bool:
    """Placed on the map at a town or nearer (ACLED precision 1 or 2)."""
    return place is not None and place.lat is not None and (place.precision or 3) <= 2


def _add_title_place(document: Document, sentences: list[Sentence], result: Extraction) -> None:
    """A report whose body names no town may name it in its headline ("… shot in Lemoore"):
    the headline's place, when finer than the body's, becomes the report's and its main
    event's location, and its places are kept (``span_field == "title"``)."""
    places = title_places(document, sentences)
    best = main_location(places)
    if best is None or best.lat is None:
        return
    current = result.location
    if current is not None and current.lat is not None and (best.precision or 3) >= (current.precision or 3):
        return
    result.places.extend(places)
    result.location = best
    if result.events:
        result.events[0].location = best
