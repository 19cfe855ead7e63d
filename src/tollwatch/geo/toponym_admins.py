"""Admin areas named beside a place: "X (Admin2, Admin1)", "X, Admin", and the towns a
route joins ("the Nairobi-Narok highway"). Read by :mod:`tollwatch.geo.toponyms`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.geo.gazetteer import admin_key
from tollwatch.geo.normalize import normalize
from tollwatch.geo.toponym_types import Tok, Toponym
from tollwatch.geo.toponym_words import (
    _DIRECTIONS,
    _OFFICE_TITLES,
    _PLACE_FOLLOWERS,
    FEATURE_AFTER,
    PEOPLE_HEADS,
)

if TYPE_CHECKING:
    from tollwatch.geo.toponyms import ToponymFinder


def route_ends(
    finder: ToponymFinder, text: str, start: int, surface: str, index: int, before: str, after: str
) -> list[Toponym]:
    out: list[Toponym] = []
    offset = 0
    for part in surface.split("-"):
        key = normalize(part)
        p_start = start + offset
        offset += len(part) + 1
        if len(key) < 3 or key in finder.stop or not finder.known(key):
            continue
        out.append(
            Toponym(
                text=part,
                start=p_start,
                end=p_start + len(part),
                key=key,
                sentence=index,
                cue="near",
                near=True,
                before=before,
                after=after.casefold(),
                prep=True,
            )
        )
    return out if len(out) >= 1 else []


def admin_item_key(finder: ToponymFinder, raw: str) -> str:
    """The lookup key of an admin item: its bare name when that is known
    ("Eastern region" → "eastern"), else its whole name."""
    key = normalize(raw)
    bare = admin_key(raw)
    if bare and bare != key and (finder.known(bare) or not finder.known(key)):
        return bare
    return key


def parenthetical(
    finder: ToponymFinder, text: str, end: int, nxt: Tok | None, s_end: int, index: int, cue: str | None
) -> list[Toponym]:
    """Items of "X (Admin2, Admin1)" or "X village (A3, A2, A1)"."""
    if nxt is not None and nxt.low in _OFFICE_TITLES:
        return []  # "Riverton MP (Party)": the office holder's party
    pos = end
    if (
        nxt is not None
        and not nxt.cap
        and (
            (cue is not None and nxt.low in FEATURE_AFTER)
            or nxt.low in PEOPLE_HEADS
            or nxt.low in _PLACE_FOLLOWERS
            or nxt.low in _DIRECTIONS
        )
    ):
        pos = nxt.end  # "Larteh town (A, B)", "Eastleigh residents (A, B)", "Riverton central (A, B)"
    if text[pos : pos + 2] != " (":
        return []
    close = text.find(")", pos + 2, min(s_end, pos + 120))
    if close < 0:
        return []
    inner_start = pos + 2
    items: list[Toponym] = []
    cursor = inner_start
    for part in text[inner_start:close].split(","):
        raw = part.strip()
        lead = len(part) - len(part.lstrip())
        p_start = cursor + lead
        cursor += len(part) + 1
        if not raw or not raw[0].isupper() or len(raw) > 40:
            return []
        if raw.isupper() and len(raw) <= 5:  # "(AP)", "(MoH)"-like acronyms
            return []
        if any(ch.isdigit() for ch in raw):
            return []
        key = admin_item_key(finder, raw)
        if not key:
            return []
        items.append(
            Toponym(
                text=raw,
                start=p_start,
                end=p_start + len(raw),
                key=key,
                sentence=index,
                cue="admin",
                strong=True,
                admin_item=True,
            )
        )
    if not items or len(items) > 4:
        return []
    return items


def comma_admin(
    finder: ToponymFinder,
    text: str,
    end: int,
    nxt: Tok | None,
    toks: list[Tok],
    j: int,
    s_end: int,
    index: int,
) -> list[Toponym]:
    if text[end : end + 2] != ", " or j >= len(toks) or not toks[j].cap:
        return []
    k = j
    while (
        k + 1 < len(toks) and toks[k + 1].cap and text[toks[k].end : toks[k + 1].start] == " " and k - j < 3
    ):
        k += 1
    typed = False
    if toks[k].low in FEATURE_AFTER and k > j:
        k -= 1
        typed = True
    start, stop = toks[j].start, toks[k].end
    raw = text[start:stop]
    key = normalize(raw)
    if not key or (not typed and any(w in finder.stop for w in key.split())):
        return []
    # Only when it names an admin area or a country.
    if not any(e.is_admin or e.is_country for e in finder.gaz.lookup(key)):
        return []
    return [
        Toponym(
            text=raw,
            start=start,
            end=stop,
            key=key,
            sentence=index,
            cue="admin",
            strong=True,
            admin_item=True,
        )
    ]
