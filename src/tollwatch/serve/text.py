"""Article text for display: split into plain and highlighted segments, names redacted.

Article text is untrusted. Nothing here builds HTML: :func:`segments` returns
plain strings and the figure each highlighted one belongs to, and the template
escapes every segment (Jinja autoescape) inside its own ``<mark>``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

REDACTED = "[name withheld]"


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    figure: dict[str, Any] | None = None


def segments(text: str, figures: list[dict[str, Any]], field: str = "text") -> list[Segment]:
    """``text`` cut at every figure boundary; a covered piece belongs to its shortest figure.

    Figures may nest ("148 fighters" inside "125 members … and 148 fighters …"):
    the innermost one is marked, so every figure's own words stay visible.
    Only figures whose offsets index ``field`` (their ``span_field``: "text" or
    "title") are marked, so a headline figure is never marked inside the body.
    """
    spans = [
        f for f in figures if f.get("span_field", "text") == field and 0 <= f["start"] < f["end"] <= len(text)
    ]
    cuts = sorted({0, len(text), *(f["start"] for f in spans), *(f["end"] for f in spans)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = [f for f in spans if f["start"] <= a and b <= f["end"]]
        owner = min(covering, key=lambda f: (f["end"] - f["start"], f["id"])) if covering else None
        if out and out[-1].figure is owner and owner is not None:
            out[-1] = Segment(out[-1].text + text[a:b], owner)
        else:
            out.append(Segment(text[a:b], owner))
    return out


# ---------------------------------------------------------------- redaction

_WORD = r"[A-Z][a-z]+(?:['’-][A-Za-z]+)?"
_NAME = re.compile(rf"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+{_WORD}(?:\s+{_WORD})?|{_WORD}(?:\s+{_WORD}){{1,2}})\b")
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s")
#: Capitalised words that begin or belong to a phrase that is not a person's name.
_NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "for", "and", "but", "after", "before", "during", "when",
    "residents", "police", "army", "forces", "force", "security", "government", "ministry", "council",
    "observatory", "human", "rights", "republic", "united", "nations", "red", "cross", "crescent",
    "hospital", "university", "street", "road", "valley", "bay", "river", "lake", "mount", "province",
    "county", "district", "state", "city", "village", "town", "north", "south", "east", "west", "central",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "syrian", "syria", "assad", "al", "news", "agency", "press", "times", "post", "herald", "daily",
    "front", "movement", "party", "group", "brigade", "islamic", "health", "media", "office", "local",
    "national", "international", "committee", "ferry", "mine", "union", "depot", "checkpoint",
}  # fmt: skip


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    try:
        data = resources.files("tollwatch.data").joinpath("geo/given_names.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(ln.strip().lower() for ln in data.splitlines() if ln.strip() and not ln.startswith("#"))


def _is_name(match: re.Match[str]) -> bool:
    phrase = match.group(0)
    if _TITLE.match(phrase):
        return True
    words = [w.lower() for w in phrase.split()]
    if any(w in _NOT_NAME for w in words):
        return False
    # Two or three capitalised words with no place or institution word: a given name
    # makes it a name; otherwise only when it is not at the start of a sentence.
    if words[0] in _given_names():
        return True
    before = match.string[: match.start()].rstrip()
    return bool(before) and before[-1] not in '.!?"“:'


def redact(text: str) -> str:
    """Person-name-like phrases ("Mr Haddad", "Layla Nasser") replaced by ``[name withheld]``."""
    return _NAME.sub(lambda m: REDACTED if _is_name(m) else m.group(0), text)


def redact_segments(parts: list[Segment]) -> list[Segment]:
    """Redact the plain segments; a figure's own words are kept (they are numbers and groups)."""
    return [p if p.figure is not None else Segment(redact(p.text), None) for p in parts]
