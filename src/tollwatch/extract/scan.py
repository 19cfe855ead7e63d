"""Finding the casualty word that makes a number a figure, on either side of it.

"were killed" after the victims, "killing" before them, a toll word earlier in the
clause ("the toll has risen to"), or the figure a subset sits in ("including").
"""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch import settings
from tollwatch.extract.candidates import Candidate, not_people
from tollwatch.extract.lexicon import (
    AUXILIARIES,
    CLAUSE_STOPS,
    GROUPS,
    MONTHS,
    SUBSET_CUES,
    THINGS,
    TRANSITIVE_PARTICIPLES,
)
from tollwatch.extract.tokens import Tok
from tollwatch.model import Figure

_LIST_JOINERS = frozenset({",", "and", "&"})
#: Words that add people to the victim named before them, as "and" does.
_ALONGSIDE = frozenset({"alongside", "along", "together"})


_POSSESSIVES = frozenset(("his", "her", "their"))
#: What may stand between a list's joiner and its next count: ", and two …", "and their two …".
_JOIN_NEXT = frozenset(("and", *_POSSESSIVES))


def _joined(toks: list[Tok], k: int) -> bool:
    """Is the count at k a later item of a list: "… and two children", "a man and his two
    children were found dead" (a possessive may open the next item)?"""
    if toks[k - 1].low in _LIST_JOINERS:
        return True
    return k > 1 and toks[k - 1].low in _POSSESSIVES and toks[k - 2].low in _LIST_JOINERS


@dataclass(slots=True)
class _Scan:
    """Where :func:`measure_after` stands: the token, the tokens read, whether an auxiliary
    ("were", "was") came, and how far it may still read."""

    k: int
    steps: int = 0
    aux: bool = False
    limit: int = settings.VERB_SCAN_TOKENS

    def jump(self, to: int) -> None:
        self.k, self.steps = to, self.steps + 1


#: What a step of the scan says beside a finding: go on at ``scan.k`` (it was moved), step
#: to the next token, or stop with nothing.
_MOVED, _NEXT, _STOP = "moved", "next", "stop"

Found = tuple[str, int, int, float]


def measure_after(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    k: int,
    cand_at: dict[int, Candidate],
    adjacent: int,
    single: bool = False,
) -> Found | None:
    """A casualty word after the victims: "3 dead", "were killed", "… and 15 militants were killed".

    With ``single`` (one person: "a funeral was held for four soldiers killed") the
    scan stops at another number, which owns the verb.
    """
    if adjacent >= 0:
        m = meas[adjacent]
        assert m is not None
        if m[1] != "before" or toks[adjacent].low in ("deaths", "death", "bodies", "lives", "body", "corpse"):
            if toks[adjacent].low not in TRANSITIVE_PARTICIPLES or not _has_object(toks, m[2], cand_at):
                return m[0], adjacent, m[2], 0.95
    scan = _Scan(k)
    while scan.k < len(toks) and scan.steps < scan.limit:
        m = meas[scan.k]
        if m is not None and m[1] != "before":
            found = _at_measure(toks, meas, scan, m, cand_at)
            if found == _MOVED:
                continue
            return None if found == _STOP else found  # type: ignore[return-value]
        step = _other_word(toks, meas, scan, cand_at, single)
        if step == _STOP:
            return None
        if step == _NEXT:
            scan.jump(scan.k + 1)
    return None


def _at_measure(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    scan: _Scan,
    m: tuple[str, str, int],
    cand_at: dict[int, Candidate],
) -> Found | str:
    """A casualty word met: the finding, or :data:`_STOP`, or :data:`_MOVED` to a later verb."""
    k, n, t = scan.k, len(toks), toks[scan.k]
    if m[2] in cand_at and (t.low in TRANSITIVE_PARTICIPLES or m[2] - k > 1):
        return _STOP  # "drivers fatally stabbed two drivers": the verb of the next number
    if scan.steps > 0 and t.low in _NOUN_MEASURES:
        return _STOP  # "turned 21 in the death of": a casualty noun only counts right after the number
    # "rioted and set ablaze a bus": a verb that takes its partner's meaning takes its object too
    participle = (
        t.low in TRANSITIVE_PARTICIPLES
        or (m[2] - k > 2 and toks[k + 1].low == "and")
        # "a father fatally shot his two sons": the adverb's verb takes an object too
        or (t.low == "fatally" and k + 1 < n and toks[k + 1].low in TRANSITIVE_PARTICIPLES)
    )
    if participle and not scan.aux and scan.steps == 0 and m[0] != "killed":
        later = _passive_ahead(toks, meas, m[2], others=cand_at)
        if later >= 0:
            scan.jump(later)  # "a thief arrested by vigilantes was shot dead": the later verb is theirs
            return _MOVED
    if not participle or scan.aux or not _has_object(toks, m[2], cand_at):
        return m[0], k, m[2], 0.9 - 0.02 * scan.steps
    return _STOP


def _other_word(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    scan: _Scan,
    cand_at: dict[int, Candidate],
    single: bool,
) -> str:
    """Any other word on the way to the verb: step on, jump past it, or stop."""
    k, n, t = scan.k, len(toks), toks[scan.k]
    if t.low.endswith(("'s", "’s")) and k + 1 < n and toks[k + 1].low in THINGS:
        return _STOP  # "a councillor's house was set ablaze": the house is the subject
    if t.low == "who" and k + 1 < n and toks[k + 1].low not in AUXILIARIES and meas[k + 1] is None:
        verb = _passive_ahead(toks, meas, k + 1, others=cand_at)
        if verb >= 0:
            scan.jump(verb)  # "an elder who vanished on Friday turned up dead"
            return _MOVED
    if t.low in AUXILIARIES:
        scan.aux = scan.aux or t.low in _PASSIVE_AUX
        return _NEXT
    if t.low in _LIST_JOINERS and (k + 1 in cand_at or (k + 2 in cand_at and toks[k + 1].low in _JOIN_NEXT)):
        scan.limit += settings.VERB_SCAN_LIST_BONUS
        return _NEXT
    if k in cand_at:
        return _STOP if _owns_the_verb(toks, k, cand_at, single) else _NEXT
    if scan.steps == 0 and t.low.endswith("ed") and "-" not in t.low and t.low not in AUXILIARIES:
        verb = _passive_ahead(toks, meas, k + 1, others=cand_at)
        if verb < 0:
            return _STOP  # "twenty people attended the funeral of the slain": the subject's own verb
        scan.jump(verb)  # "a prisoner released on parole was lynched": a reduced relative clause
        return _MOVED
    return _punctuation(toks, meas, scan)


def _owns_the_verb(toks: list[Tok], k: int, cand_at: dict[int, Candidate], single: bool) -> bool:
    """Another number on the way is the subject of the verb ahead, not ours."""
    other, n = cand_at[k], len(toks)
    thing = other.q.kind == "generic" and k + 1 < n and toks[k + 1].low in THINGS
    parent = toks[k - 1].low == "of" and toks[k - 2].low in ("father", "mother", "parent")
    if single and not _joined(toks, k) and not thing and not parent and not not_people(other, toks):
        return True  # another person owns the verb ("a man riding a motorbike" reads on)
    before = toks[k - 1].low
    # "clashes between two factions left 11 people killed": the nearer number
    return (
        not single
        and other.q.kind in ("digit", "word")
        and (before in _LEFT_VERBS or (before.endswith("ed") and before not in AUXILIARIES))
        and not not_people(other, toks)
    )


def _punctuation(toks: list[Tok], meas: list[tuple[str, str, int] | None], scan: _Scan) -> str:
    """Joiners, brackets, asides and clause ends on the way to the verb."""
    k, n, t = scan.k, len(toks), toks[scan.k]
    if (
        t.low == "and"
        and k + 1 < n
        and meas[k + 1] is not None
        and (scan.aux or toks[k - 1].low.endswith("ed"))
    ):
        return _NEXT
    if (
        t.low == "and"
        and k + 2 < n
        and toks[k + 1].low in ("later", "subsequently", "then")
        and meas[k + 2] is not None
        and scan.aux
    ):
        return _NEXT  # "was attacked by gunmen and later died"
    if t.low in ("(", "["):
        scan.jump(_closing(toks, k) + 1)
        return _MOVED
    if t.low == "," and k + 1 < n and _aside(toks, k + 1):
        # a breakdown aside (", including two women and five children of whom …,") may run long
        close = _next_comma(toks, k + 1, 24 if toks[k + 1].low in ("including", "among") else 12)
        while close >= 0 and close + 1 < n and _aside(toks, close + 1):
            close = _next_comma(toks, close + 1)  # the next aside at once: ", one of whom …,"
        if close < 0:
            return _STOP
        scan.jump(close + 1)
        return _MOVED
    if t.low == "," and _passive_ahead(toks, meas, k + 1, True) >= 0:
        # "a herder, thought to belong to the raiders, was shot dead": an aside before the verb
        scan.jump(_passive_ahead(toks, meas, k + 1, True))
        return _MOVED
    if t.low in ("–", "—") and k + 1 < n and _aside(toks, k + 1):
        close = _next_dash(toks, k + 1)  # "18 civilians – including seven women … – were killed"
        if close < 0:
            return _STOP
        scan.jump(close + 1)
        scan.limit += 3  # the subject goes on past its aside: its verb is near
        return _MOVED
    if t.low in CLAUSE_STOPS or t.low in (";", ":", ".", "!", "?", "and", "or", "but"):
        return _STOP
    if t.low == "," and not (k + 1 < n and (toks[k + 1].low in AUXILIARIES or meas[k + 1] is not None)):
        return _STOP
    return _NEXT


#: Days and months after a participle are when, not whom: "left a teenager injured Tuesday".
_WHEN_WORDS = MONTHS | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Casualty nouns: "5 deaths", "3 fatalities" — they name the count only next to it.
_NOUN_MEASURES = frozenset(
    ("death", "deaths", "fatalities", "fatality", "casualties", "casualty", "injuries", "injury")
)
_PASSIVE_AUX = frozenset("was were been being is are be got get".split())


#: Verbs that give the number after them its own casualty word: "clashes between two factions
#: left 11 people killed" (with any verb in -ed: "claimed 5 dead").
_LEFT_VERBS = frozenset(("left", "leaving", "leaves", "saw", "sees", "put", "puts"))


def _passive_ahead(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    k: int,
    through_comma: bool = False,
    others: dict[int, Candidate] | None = None,
) -> int:
    """Index of "was"/"were" a few tokens on that a casualty word follows, or -1.

    Without ``through_comma`` the words between hold no punctuation ("released on parole was
    lynched"); with it they end at one comma right before the auxiliary ("…, suspected of
    theft, was killed").
    """
    n = len(toks)
    for e in range(k, min(n - 1, k + settings.ASIDE_MAX_TOKENS)):
        w = toks[e].low
        hit = meas[e]
        if through_comma and e > k and toks[e - 1].low == "," and hit is not None and hit[1] != "before":
            return e  # "…, on patrol near the border, died"
        if w in CLAUSE_STOPS or w in _NEW_CLAUSE or (others is not None and e in others):
            return -1  # "marched on the station after a man was killed": another clause, other people
        if w in _PASSIVE_AUX and e > k and not (through_comma and toks[e - 1].low != ","):
            for f in range(e + 1, min(n, e + 6)):
                if meas[f] is not None:
                    return e
                if toks[f].low not in AUXILIARIES and not _WHEN_TOKEN(toks[f]):
                    break  # (a date may stand between: "were on 24/02 lynched")
            return -1
        if not w[0].isalnum() and not (through_comma and w == "," and _verb_next(toks, meas, e + 1)):
            return -1
        if hit is not None and hit[0] not in _CLAUSE_MEASURES:
            return -1
    return -1


_NEW_CLAUSE = frozenset(("after", "before", "as", "and", "or", "but", "if", "so", "then", "that"))


def _WHEN_TOKEN(t: Tok) -> bool:
    return t.low in _WHEN_WORDS or t.low in ("on", "/", "-") or t.text.isdigit()


def _verb_next(toks: list[Tok], meas: list[tuple[str, str, int] | None], e: int) -> bool:
    hit = meas[e]
    return toks[e].low in _PASSIVE_AUX or (hit is not None and hit[1] != "before")


#: Measures a relative clause may hold before the victims' own verb ("who vanished on
#: Friday turned up dead", "who had been seized was later killed").
_CLAUSE_MEASURES = frozenset(("missing", "kidnapped", "detained"))


def after_joiner(toks: list[Tok], c: Candidate) -> bool:
    """ "… a father and his son", "two herders and a child": a later item of a list."""
    return (c.i > 0 and toks[c.i - 1].low in ("and", ",", "&")) or (
        c.q.text.lower() in ("his", "her", "their")
    )


def _aside(toks: list[Tok], k: int) -> bool:
    """An aside between commas: ", including …,", ", one of whom …,", ", who …,"."""
    t = toks[k].low
    if t in ("including", "among", "mostly", "mainly", "who", "whom", "which", "all", "most", "both"):
        return True
    return k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low in ("whom", "them", "which")


def _closing(toks: list[Tok], k: int) -> int:
    """Index of the ")" closing the "(" at k (or k when there is none within 12 tokens)."""
    close = "]" if toks[k].low == "[" else ")"
    for e in range(k + 1, min(len(toks), k + 12)):
        if toks[e].low == close:
            return e
    return k


def _injury_toll(toks: list[Tok], meas: list[tuple[str, str, int] | None], k: int) -> bool:
    """Is the "toll" at k one of injuries: only injury words come before it in the sentence?"""
    before = [m[0] for i, m in enumerate(meas[:k]) if m is not None and toks[i].low != "toll"]
    return bool(before) and all(x == "injured" for x in before)


def _next_dash(toks: list[Tok], k: int) -> int:
    for e in range(k, min(len(toks), k + 30)):
        if toks[e].low in ("–", "—"):
            return e
        if toks[e].low in (";", "."):
            return -1
    return -1


def _next_comma(toks: list[Tok], k: int, window: int = 12) -> int:
    for e in range(k, min(len(toks), k + window)):
        if toks[e].low == ",":
            return e
        if toks[e].low in (";", "."):
            return -1
    return -1


def _has_object(toks: list[Tok], k: int, cand_at: dict[int, Candidate]) -> bool:
    """True when a transitive verb at k-1 has an object: "shot two people", "killed a man"."""
    if k >= len(toks):
        return False
    t = toks[k]
    if t.low in _WHEN_WORDS:
        return False
    if t.low == "and" and k + 2 < len(toks) and toks[k + 1].low.endswith("ed"):
        return _has_object(toks, k + 2, cand_at)  # "lynched and killed three women": the object is shared
    return (
        k in cand_at
        or t.low in ("a", "an", "the", "his", "her", "their", "him", "them")
        or (t.text[:1].isupper() and t.low not in ("in", "on", "at"))
    )


def measure_before(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    c: Candidate,
    cand_at: dict[int, Candidate],
    immediate: bool = False,
    read: tuple[tuple[int, int], ...] = (),
) -> tuple[str, int, int, float] | None:
    """A casualty word before the victims: "killing 4", "the deaths of 3", "toll rose to 12".

    With ``immediate``, only a verb right before the number counts ("killed at least 5").
    ``read`` holds the spans of figures already read in the sentence: a list crosses them
    ("killed an elderly man and his son").
    """
    k = c.i - 1
    steps = 0
    crossed = item = False
    while k >= 0 and steps < (1 if immediate else settings.VERB_BACK_TOKENS):
        for p in (k - 2, k - 1):
            pm = meas[p] if p >= 0 else None
            if pm is not None and pm[2] == k + 1:
                k = p
                break
        t = toks[k]
        m = meas[k]
        if immediate:
            if m is not None and m[1] != "after" and t.low not in _NOUN_CUES:
                return m[0], k, m[2], 0.95
            if t.low == "of" and k > 0 and meas[k - 1] is not None and toks[k - 1].low in _OF_CUES:
                hit = meas[k - 1]
                assert hit is not None
                return hit[0], k - 1, k + 1, 0.9  # "the body of a civilian", "the deaths of three"
            return None
        if m is not None and m[1] != "after":
            if crossed and not item:
                return None
            if t.low == "toll" and _injury_toll(toks, meas, k):
                return "injured", k, k + 1, 0.8  # "fewer injuries were counted, which put the toll at seven"
            if t.low == "toll" or t.low == "lives":
                return m[0], k, m[2] if t.low == "lives" else k + 1, 0.85
            return m[0], k, m[2], 0.9 - 0.03 * steps - (0.1 if crossed else 0)
        if t.low == "as" and k + 1 < len(toks) and toks[k + 1].low not in ("many", "much"):
            return None  # "set ablaze as hundreds of farmers rioted": a new clause
        if t.low in _BACK_SKIP:
            pass
        elif t.low in _LIST_JOINERS or t.low in ("(", ")") or t.low in _ALONGSIDE:
            crossed = True  # "killing Hani Saleh alongside 11 relatives": the relatives share the verb
        elif any(cc.i <= k < cc.j for cc in cand_at.values()) or t.low in GROUPS:
            crossed = item = True
        elif crossed and any(a <= t.start < b for a, b in read):
            item = True
        elif crossed and t.text[0].isupper():
            pass
        elif t.low in _TOLL_VERBS:
            return _toll_before(toks, meas, k)
        else:
            return None
        k -= 1
        steps += 1
    return None


_NOUN_CUES = frozenset("toll lives death deaths body bodies corpse corpses remains".split())
#: Nouns whose "of" names the dead: "the body of a man", "the killing of a student".
_OF_CUES = _NOUN_CUES | frozenset("killing killings murder murders lynching".split())
_BACK_SKIP = frozenset(
    [
        "all",  # "killing all five passengers"
        "either",
        "family",
        "group",
        "its",
        "their",
        "his",
        "her",
        "the",
        "a",
        "an",
        "at",
        "least",
        "more",
        "than",
        "over",
        "up",
        "to",
        "some",
        "about",
        "around",
        "nearly",
        "almost",
        "of",
        "another",
        "further",
        "total",
        "additional",
        "an",
        "estimated",
        "estimated",
        "approximately",
        "as",
        "many",
        "with",
        "had",
        "have",
        "has",
    ]
)
_TOLL_VERBS = frozenset(
    [
        "rose",
        "risen",
        "raised",
        "revised",
        "climbed",
        "increased",
        "jumped",
        "reached",
        "put",
        "passed",
        "passes",
        "exceeded",
        "exceeds",
        "topped",
        "surpassed",
        "hit",
        "from",
        "stands",
        "stood",
        "reported",
        "now",
        "to",
        "at",
        "is",
        "was",
    ]
)


def _toll_before(
    toks: list[Tok], meas: list[tuple[str, str, int] | None], k: int
) -> tuple[str, int, int, float] | None:
    """ "the death toll has now risen to N": a toll word earlier in the clause."""
    for back in range(k, max(-1, k - settings.TOLL_BACK_TOKENS), -1):
        word = toks[back].low
        prev = toks[back - 1].low if back > 0 else ""
        if word == "toll" or (word in ("count", "total") and prev in ("death", "body", "casualty", "injury")):
            measure = "injured" if prev in ("injury", "casualty") else "killed"
            first = back - 1 if prev in ("death", "injury", "casualty", "body") else back
            return measure, first, back + 1, 0.8
        if word == "number" and back + 1 < len(toks):
            after = [t.low for t in toks[back + 1 : back + 3]]
            if after[:1] in (["killed"], ["dead"]) or after == ["of", "dead"] or after == ["of", "deaths"]:
                return "killed", back, back + 1 + (2 if after[0] == "of" else 1), 0.75
            if after[:1] in (["injured"], ["wounded"]) or after in (["of", "injured"], ["of", "wounded"]):
                return "injured", back, back + 1 + (2 if after[0] == "of" else 1), 0.75
    return None


def subset_parent(
    toks: list[Tok], c: Candidate, cand_at: dict[int, Candidate], prior: list[Figure]
) -> Figure | None:
    """ "31 victims …, including nine children and four women": the figure this one sits in."""
    if not prior:
        return None
    k = c.i - 1
    steps = 0
    while k >= 0 and steps < settings.SUBSET_BACK_TOKENS:
        for cue_words in SUBSET_CUES:
            n = len(cue_words)
            if tuple(t.low for t in toks[k - n + 1 : k + 1]) == cue_words:
                before = toks[k - n + 1].start
                parents = [f for f in prior if f.start < before and f.subset_of is None]
                return parents[-1] if parents else None
        t = toks[k].low
        if not (
            t in _LIST_JOINERS
            or t in GROUPS
            or t in _BACK_SKIP
            or any(cc.i <= k < cc.j for cc in cand_at.values())
            or any(f.number_start <= toks[k].start < f.end for f in prior if f.subset_of)
        ):
            return None  # (a word of an earlier subset, "four school children and …", is crossed)
        k -= 1
        steps += 1
    return None
