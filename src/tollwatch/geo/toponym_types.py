"""The records of the toponym finder: a place mention (:class:`Toponym`), country hints
(:class:`Hints`), and the words of a sentence (:class:`Tok`, :func:`tokens`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tollwatch.geo.cues import Cue
from tollwatch.geo.normalize import ARTICLES
from tollwatch.geo.toponym_words import _CAMEL_RE, _POSSESSIVE_RE, _TOKEN_RE
from tollwatch.geo.usa import StateContext


@dataclass(slots=True)
class Toponym:
    """A place mention before resolution."""

    text: str
    start: int
    end: int
    key: str
    sentence: int
    #: "village", "town", "camp", "admin", "near", "base", "area", "paren", "site", "authority"
    #: (the town a local police or council is named after)
    #: (the town an institution is named after) or None
    cue: str | None = None
    #: "near X", "the area of X": ACLED precision 2, UCDP 2.
    near: bool = False
    #: Cue-marked: a place even when the gazetteer does not know it.
    strong: bool = False
    #: Items of an "X (Admin2, Admin1)" parenthetical or "X, Admin" after it.
    admins: list[Toponym] = field(default_factory=list)
    #: This mention is itself an admin item of another mention.
    admin_item: bool = False
    #: The words before and after, lowercased, for role rules.
    before: str = ""
    after: str = ""
    #: After a place preposition ("in", "near", "at", "from"…).
    prep: bool = False
    #: "the border with X", "jihadists from X": a neighbour of the story's country, not its place.
    border: bool = False


@dataclass(slots=True)
class Hints:
    """Country hints that are not place mentions (demonyms, organisations' names)."""

    countries: list[tuple[str, int]] = field(default_factory=list)
    #: Armed groups, parties, institutions… that point at countries (``data/geo/country_cues.csv``).
    cues: list[Cue] = field(default_factory=list)
    #: Positions (in ``countries``) of demonyms that describe people, not the state.
    weak: set[int] = field(default_factory=set)
    #: US state evidence (datelines, "Town, State", state names, counties, call signs).
    us: StateContext = field(default_factory=StateContext)


@dataclass(slots=True)
class Tok:
    """A word of a sentence, with its offsets, casefolded form and whether it can open a name."""

    text: str
    start: int
    end: int
    low: str
    cap: bool


def is_cap(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    # "al-Assad", "el-Balah": a lowercase article joined to a capitalised name.
    dash = word.find("-")
    return 0 < dash <= 3 and dash + 1 < len(word) and word[dash + 1].isupper() and word[:dash] in ARTICLES


def tokens(text: str, offset: int) -> list[Tok]:
    out: list[Tok] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        start = m.start() + offset
        last = word[-1]
        if last in "'’" or (last == "s" and len(word) > 2 and word[-2] in "'’"):
            pm = _POSSESSIVE_RE.search(word)
            if pm and pm.start() > 0:
                word = word[: pm.start()]
        first = word[0]
        if first.isupper():
            # Acronyms (UN, ISGS, KDF, MoH) are no place names; datelines are handled apart.
            # (No capital after the first letter, no camel case: the search is skipped.)
            cap = len(word) == 1 or not (
                word.isupper() or (not word[1:].islower() and _CAMEL_RE.search(word))
            )
        elif first.isalpha() and "-" in word[:4] and is_cap(word):
            cap = len(word) == 1 or not (word.isupper() or _CAMEL_RE.search(word))
        else:
            cap = False
        append(Tok(word, start, start + len(word), word.casefold(), cap))
    return out
