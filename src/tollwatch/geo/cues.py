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
from tollwatch.text.alternation import by_first_char

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
def _table() -> tuple[
    re.Pattern[str] | None, re.Pattern[str] | None, dict[str, _Countries], frozenset[str], frozenset[str]
]:
    """(case-sensitive pattern, case-insensitive pattern, cue key → countries, and the
    longest word of each case-sensitive and of each case-insensitive cue)."""
    with CUES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    exact: list[str] = []
    loose: list[str] = []
    exact_raw: list[str] = []
    loose_raw: list[str] = []
    table: dict[str, tuple[tuple[str, float], ...]] = {}
    for row in rows:
        cue = row["cue"].strip()
        if not cue:
            continue
        table[_key(cue)] = _parse_countries(row["countries"])
        (exact if cue.isupper() else loose).append(
            re.escape(cue).replace(r"\ ", r"[\s-]+").replace("'", "['’]")
        )
        (exact_raw if cue.isupper() else loose_raw).append(cue)

    def compile_(words: list[str], flags: int) -> re.Pattern[str] | None:
        if not words:
            return None
        words.sort(key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + by_first_char(words, flags) + r")(?![\w-])", flags)

    def longest(cues: list[str]) -> frozenset[str]:
        return frozenset(max(_WORD_RE.findall(_key(c.replace("[\\s-]+", " "))), key=len) for c in cues)

    return (
        compile_(exact, 0),
        compile_(loose, re.IGNORECASE),
        table,
        longest(exact_raw),
        longest(loose_raw),
    )


_WORD_RE = re.compile(r"[\w'’]+")


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.casefold().replace("’", "'"))


def scan(text: str) -> list[Cue]:
    """Country cues in ``text``, in order of appearance."""
    exact, loose, table, exact_words, loose_words = _table()
    # Most texts hold few cues: a cheap word test decides which pattern to run.
    words = set(_WORD_RE.findall(text.casefold().replace("’", "'")))
    found: list[Cue] = []
    for pattern, keys in ((exact, exact_words), (loose, loose_words)):
        if pattern is None or keys.isdisjoint(words):
            continue
        for m in pattern.finditer(text):
            countries = table.get(_key(m.group()))
            if countries:
                found.append(Cue(m.group(), m.start(), m.end(), countries))
    found.sort(key=lambda c: c.start)
    return found
