"""Sentences and paragraphs with character offsets.

A rule-based splitter: fast, deterministic, and good enough for news prose.
A sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing
quote or bracket) before white space and an upper-case letter, digit or
opening quote, unless the word before the full stop is a known abbreviation.
A line break always ends a sentence: headlines and crossheads are lines
without final punctuation and are marked ``heading``.
"""

from __future__ import annotations

import re

from tollwatch.model import Sentence

#: Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pte",
        "rev",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "govt",
        "dept",
        "est",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "fig",
        "sen",
        "rep",
        "gov",
        "pres",
        "jr",
        "sr",
        "mt",
        "ft",
        "coord",
        "coords",
    ]
)

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LINE = re.compile(r"[^\n]+")


def segment(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each."""
    out: list[Sentence] = []
    paragraph = -1
    for line in _LINE.finditer(text):
        raw = line.group(0)
        if not raw.strip():
            continue
        paragraph += 1
        base = line.start()
        stripped = raw.rstrip()
        heading = bool(stripped) and stripped[-1] not in ".!?\"'”’:)" and len(stripped) < 160
        start = 0
        for m in _BOUNDARY.finditer(raw):
            if _is_abbreviation(raw, m.start()):
                continue
            _append(out, raw, base, start, m.end(), paragraph, False)
            start = m.end()
        _append(out, raw, base, start, len(raw), paragraph, heading)
    return out


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    i = dot
    while i > 0 and (line[i - 1].isalnum() or line[i - 1] == "."):
        i -= 1
    word = line[i:dot].lower()
    if word in ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and "U.S."-style acronyms
    return len(word) == 1 and word.isalpha() and line[i : i + 1].isupper()


def _append(out: list[Sentence], line: str, base: int, s: int, e: int, par: int, heading: bool) -> None:
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(base + s, base + e, line[s:e], par, heading))
