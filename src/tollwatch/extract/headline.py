"""Figures read from a report's headline, when its body states none.

A short report, or a page whose body was scraped in part, can tell a death
only in its headline ("Toddler dies after being shot in apartment"). The
headline is then read with the body's rules, one measure at a time, when
the body's toll for that measure is empty: deaths the body tells only as
background (the crime a suspect is charged with, an earlier case) leave the
headline to say what this report is about. A body that keeps a running count
("two teens died in separate shootings this week") is never overruled: its
headline may well be that count. A headline the body repeats word for word
has been read already.

A headline also wins when it counts more dead than the body's toll ("Three
dead east of Bozeman" over a body that finds "two bodies" in one room): a
report's body often tells of some of the dead one by one, while its headline
gives the total. A smaller headline count never lowers the body's.

Headline figures keep their span in the headline: ``span_field == "title"``
and ``figure.text == document.title[start:end]``. Only figures about the
report's own incident count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.figures import find_figures
from tollwatch.extract.toll import Toll, document_toll
from tollwatch.model import Document, Estimate, Figure
from tollwatch.text.segment import segment

#: The measures a headline can supply, each only when the body states none.
HEADLINE_MEASURES = ("killed",)
_WORDS = re.compile(r"\w+")


@dataclass(slots=True)
class HeadlineToll:
    """The headline's figures and the measures of the document toll they supply."""

    figures: list[Figure]
    killed: Estimate | None = None
    injured: Estimate | None = None
    victims: dict[str, Estimate] | None = None


def _repeated_in_body(title: str, text: str) -> bool:
    words = " ".join(_WORDS.findall(title.lower()))
    return bool(words) and words in " ".join(_WORDS.findall(text.lower()))


def headline_toll(document: Document, body: list[Figure], body_toll: Toll) -> HeadlineToll | None:
    """The headline's figures for each measure whose body toll is empty or smaller, or None."""
    title = document.title or ""
    if not title.strip() or not document.text.strip():
        return None
    running = {f.measure for f in body if f.scope == "cumulative"}
    wanted = [m for m in HEADLINE_MEASURES if m not in running]
    if not wanted:
        return None
    head = Document(id=document.id, text=title, published=document.published)
    figures = [f for f in find_figures(head, segment(title)) if f.measure in wanted and f.scope == "incident"]
    if not figures:
        return None
    toll = document_toll(figures, title)
    wanted = [m for m in wanted if _more(getattr(toll, m), getattr(body_toll, m))]
    # the full-text comparison last: most headlines are settled by the short title alone
    if not wanted or _repeated_in_body(title, document.text):
        return None
    _rename(figures)
    return _supplied(figures, toll, wanted)


def _more(head: Estimate, body: Estimate) -> bool:
    """The headline's count is used when the body's is empty or smaller."""
    if head.best is None:
        return False
    return body.best is None or head.best > body.best


def _rename(figures: list[Figure]) -> None:
    """Headline figures get ids of their own (``h1``, ``h2``, …) and ``span_field`` "title";
    their links follow the new ids, and links to figures left out are dropped."""
    new = {f.id: f"h{i + 1}" for i, f in enumerate(figures)}
    for f in figures:
        f.id = new[f.id]
        f.span_field = "title"
        f.subset_of = new.get(f.subset_of or "")
        f.revises = new.get(f.revises or "")
        f.part_of = new.get(f.part_of or "")
        f.parts = [new[p] for p in f.parts if p in new]


def _supplied(figures: list[Figure], toll: Toll, wanted: list[str]) -> HeadlineToll | None:
    out = HeadlineToll(figures)
    if "killed" in wanted and not toll.killed.is_empty():
        out.killed = toll.killed
        out.victims = dict(toll.victims)
    if "injured" in wanted and not toll.injured.is_empty():
        out.injured = toll.injured
    if out.killed is None and out.injured is None:
        return None
    keep = {m for m in ("killed", "injured") if getattr(out, m) is not None}
    out.figures = [f for f in figures if f.measure in keep]
    return out
