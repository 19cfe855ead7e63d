"""Country cues: words that are no place but tell a report's country.

``data/geo/country_cues.csv`` maps armed groups, forces, parties, currencies
and peoples to the countries they belong to ("KDF" → Kenya, "JNIM" → Mali,
Burkina Faso, Niger). :func:`scan` finds them in a text, each with its
weighted countries; the resolver adds them to the document's country vote.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.geo.gazetteer import DATA_DIR

CUES_FILE = DATA_DIR / "country_cues.csv"


_Countries = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    start: int
    end: int
    #: (ISO2, weight) pairs, the first the strongest.
    countries: tuple[tuple[str, float], ...]


def _parse_countries(field: str) -> tuple[tuple[str, float], ...]:
    out = []
    for part in field.split("|"):
        part = part.strip()
        if not part:
            continue
        cc, _, weight = part.partition(":")
        out.append((cc.strip().upper(), float(weight) if weight else 1.0))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Entry:
    countries: _Countries
    #: The cue as written, when it must match with its case (acronyms).
    exact: str | None


@lru_cache(maxsize=1)
def _table() -> tuple[dict[tuple[str, ...], _Entry], int]:
    """(words of a cue → entry, most words in a cue)."""
    with CUES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    table: dict[tuple[str, ...], _Entry] = {}
    for row in rows:
        cue = row["cue"].strip()
        if not cue:
            continue
        words = tuple(w.casefold() for w in _WORD_RE.findall(cue.replace("’", "'")))
        table[words] = _Entry(_parse_countries(row["countries"]), cue if cue.isupper() else None)
    return table, max((len(k) for k in table), default=0)


#: Words (letters, digits, apostrophes); "-" and spaces separate them.
_WORD_RE = re.compile(r"[\w'’]+")
_JOIN_RE = re.compile(r"[\s-]+")


def scan(text: str) -> list[Cue]:
    """Country cues in ``text``, in order of appearance (the longest cue at each word)."""
    table, longest = _table()
    words = list(_WORD_RE.finditer(text))
    lows = [m.group().replace("’", "'").casefold() for m in words]
    found: list[Cue] = []
    i = 0
    while i < len(words):
        hit: tuple[int, _Entry] | None = None
        for n in range(1, min(longest, len(words) - i) + 1):
            if n > 1 and not _JOIN_RE.fullmatch(text[words[i + n - 2].end() : words[i + n - 1].start()]):
                break
            entry = table.get(tuple(lows[i : i + n]))
            if entry is not None and (
                entry.exact is None or text[words[i].start() : words[i + n - 1].end()] == entry.exact
            ):
                hit = (n, entry)
        if hit is None:
            i += 1
            continue
        n, entry = hit
        start, end = words[i].start(), words[i + n - 1].end()
        found.append(Cue(text[start:end], start, end, entry.countries))
        i += n
    return found
