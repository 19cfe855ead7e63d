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


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, _Countries], frozenset[str]]:
    """(case-sensitive pattern, case-insensitive pattern, cue key → countries, first words)."""
    with CUES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    exact: list[str] = []
    loose: list[str] = []
    table: dict[str, tuple[tuple[str, float], ...]] = {}
    for row in rows:
        cue = row["cue"].strip()
        if not cue:
            continue
        table[_key(cue)] = _parse_countries(row["countries"])
        (exact if cue.isupper() else loose).append(re.escape(cue).replace(r"\ ", r"[\s-]+"))

    def compile_(words: list[str], flags: int) -> re.Pattern[str] | None:
        if not words:
            return None
        words.sort(key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", flags)

    firsts = frozenset(key.split()[0] for key in table)
    return compile_(exact, 0), compile_(loose, re.IGNORECASE), table, firsts


_WORD_RE = re.compile(r"[\w']+")


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.casefold())


def scan(text: str) -> list[Cue]:
    """Country cues in ``text``, in order of appearance."""
    exact, loose, table, firsts = _table()
    # Most texts hold no cue: a cheap word test first.
    if firsts.isdisjoint(_WORD_RE.findall(text.casefold())):
        return []
    found: list[Cue] = []
    for pattern in (exact, loose):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            countries = table.get(_key(m.group()))
            if countries:
                found.append(Cue(m.group(), m.start(), m.end(), countries))
    found.sort(key=lambda c: c.start)
    return found
