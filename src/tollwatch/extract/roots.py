"""Roots: the top-level figures of one measure, grouped so that each person counts once.

Top-level figures are read in text order. A figure sits *inside* an earlier
root when the root is at least as large and covers its group (a general
"people" toll covers every group; "civilians" covers children, women and
men), unless the text marks it as separate ("in a separate attack",
"another"). A later figure that says it is the total ("in total", "the toll")
and is at least the sum of the roots becomes the root itself. Otherwise a
figure is a new root, and distinct roots add up. Two counts of the same
victims are *rivals* (a range, not a sum). :mod:`tollwatch.extract.toll` turns
the roots into the document toll.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tollwatch.extract.numbers import VAGUE, word_value
from tollwatch.model import VICTIM_GROUPS, Figure

_SEPARATE = re.compile(
    r"\b(?:(?:a\s+few|several|two|three)\s+hours\s+later|later\s+that\s+(?:day|night|evening)|"
    r"(?:a|in\s+a|two|three)\s+separate|another\s+(?:attack|incident|strike|raid|village|ambush)|"
    r"other\s+(?:attacks?|incidents?|villages?)|a\s+second\s+(?:attack|incident|strike)|elsewhere)\b",
    re.I,
)
_TOTAL = re.compile(r"\b(?:in\s+total|a\s+total\s+of|in\s+all|altogether|overall|combined)\b", re.I)
_DISAGREE = re.compile(
    r"\b(?:others?\s+(?:said|reported|put)|other\s+(?:sources|reports)|another\s+source|"
    r"while\s+\w+(?:\s+\w+){0,4}\s+(?:said|reported|put)|put\s+the\s+(?:death\s+)?toll\s+at|"
    r"conflicting\s+reports?|(?:reports?|sources?)\s+(?:suggest|claim|report)\w*|claim(?:s|ed)|"
    r"(?:unconfirmed|other)\s+reports?)\b",
    re.I,
)
_COVERS = {
    "people": set(VICTIM_GROUPS) | {"people"},
    "civilians": {"civilians", "children", "women", "men"},
    "security_forces": {"security_forces"},
    "militants": {"militants"},
    "children": {"children"},
    "women": {"women"},
    "men": {"men"},
}


@dataclass(slots=True)
class Root:
    fig: Figure
    inside: list[Figure] = field(default_factory=list)
    rivals: list[Figure] = field(default_factory=list)


def top_level(figures: list[Figure], measure: str) -> list[Figure]:
    """Figures of ``measure`` that may add to a toll, in text order."""
    revised = {f.revises for f in figures if f.revises}
    return sorted(
        (
            f
            for f in figures
            if f.measure == measure
            and f.scope == "incident"
            and f.subset_of is None
            and f.part_of is None
            and f.id not in revised
        ),
        key=lambda f: f.start,
    )


def value(f: Figure) -> int:
    if f.low is not None:
        return f.low
    return f.best if f.best is not None else 0


def roots_of(figures: list[Figure]) -> list[Root]:
    """Group top-level figures into roots (see the module doc)."""
    roots: list[Root] = []
    for f in figures:
        roots = _attach(roots, f)
    return _killers_among_bodies(roots)


def _attach(roots: list[Root], f: Figure) -> list[Root]:
    """The roots once ``f`` is placed: inside a root, beside one as a rival claim, or a new root."""
    sep = separate(f.sentence)
    host = _host(roots, f, sep)
    pair = next((r for r in roots if _claim_pair(r.fig, f)), None) if not sep else None
    if pair is not None:
        pair.rivals.append(f)  # two counts of the same victims, in either order
        return roots
    if host is None and not sep and _vague(f) and not additive(f):
        # "four brothers were killed … a number of people had died": a count with no number
        # adds no one beyond a stated toll that can hold it
        host = next((r for r in roots if value(r.fig) >= value(f) and r.fig.group not in _SIDES), None)
    if host is not None:
        (host.rivals if _rival(host.fig, f) else host.inside).append(f)
        return roots
    rival = next((r for r in roots if _rival(r.fig, f)), None)
    if rival is not None:
        rival.rivals.append(f)
        return roots
    placed = _as_total_or_claim(roots, f, sep)
    return placed if placed is not None else _with_new_root(roots, f, sep)


def _host(roots: list[Root], f: Figure, sep: bool) -> Root | None:
    """The root whose dead already hold ``f``'s, if any."""
    host = None
    if not sep:
        more = additive(f)
        if more != "strong" and value(f) > 0:  # a stated zero is its own claim, never inside a toll
            host = next(
                (
                    r
                    for r in roots
                    if (_covers(r.fig, f) or _same_dead_retold(r.fig, f))
                    and value(r.fig) >= value(f) + (_used(r) if more else 0)
                    and not _killer_beside_victims(r.fig, f)
                    and not side_by_side(r.fig, f)
                    and not _killer_for_victim(r.fig, f)
                ),
                None,
            )
    if host is None and roots and not sep and _definite_one(f, roots[-1].fig):
        host = roots[-1]  # "The victim was killed", "he died": someone already counted
    return host


def _as_total_or_claim(roots: list[Root], f: Figure, sep: bool) -> list[Root] | None:
    """``f`` as the total of the roots so far, or as another claim about a root's dead
    (the roots then); ``None`` when it is neither."""
    if f.group == "people" and _TOTAL.search(_near(f)) and roots:
        if value(f) >= sum(value(r.fig) for r in roots):
            inside = [r.fig for r in roots] + [x for r in roots for x in r.inside]
            return [Root(f, inside)]
    if sep or additive(f):
        return None
    claim = next((r for r in roots if _larger_claim(r.fig, f)), None)
    if claim is not None and _part_of_later(claim, f):
        # "Seven of the Khatib family were killed. … 24 civilians were killed.": the
        # smaller count, told in the report's own voice, is part of the later toll
        return [*(r for r in roots if r is not claim), Root(f, [claim.fig, *claim.inside])]
    if claim is not None:
        claim.rivals.append(f)
        return roots
    if _vague(f) or f.low is None:
        # "one civilian was killed … a journalist wrote that a number of citizens died",
        # "killing 21 … and up to 30 civilians": a vague count or a bare ceiling above a
        # stated count is a higher claim about the same dead, not more dead
        larger = next((r for r in roots if _covers(f, r.fig) and 0 < value(r.fig) < value(f)), None)
        if larger is not None:
            larger.rivals.append(f)
            return roots
    return None


def _with_new_root(roots: list[Root], f: Figure, sep: bool) -> list[Root]:
    new = Root(f)
    if not sep and not additive(f) and general(f) and not f.unverified:
        # "killed a young woman … two civilians were killed": the single victim named
        # first is one of the later toll's dead
        singles = [
            r
            for r in roots
            if value(r.fig) == 1
            and not r.inside
            and not r.rivals
            and _covers(f, r.fig)
            and r.fig.group not in ("militants", "security_forces")
        ]
        if singles and value(f) >= len(singles):
            new.inside.extend(r.fig for r in singles)
            roots = [r for r in roots if r not in singles]
    if f.group_text == "named victims":
        roots = _absorb_into_list(new, roots)
    return [*roots, new]


#: Casualty words that count the bodies, whoever the killer was ("found dead", "the deaths of").
_BODY_WORDS = frozenset(("dead", "bodies", "deaths", "death", "found"))


def _killers_among_bodies(roots: list[Root]) -> list[Root]:
    """A killer who killed himself is among the dead a count of bodies gives: "two students
    found dead … a murder-suicide" is two dead, the shooter one of them, wherever the
    murder-suicide is told."""
    bodies = next((r for r in roots if _counts_bodies(r.fig)), None)
    if bodies is None:
        return roots
    killers = [
        r
        for r in roots
        if r.fig.self_killed and value(r.fig) == 1 and not r.rivals and all(x.self_killed for x in r.inside)
    ]
    bodies.inside.extend(x for r in killers for x in (r.fig, *r.inside))
    return [r for r in roots if r not in killers]


def _killer_beside_victims(g: Figure, f: Figure) -> bool:
    """ "killed her daughter and two grandchildren before turning the gun on herself": a killer's
    own death told in the sentence whose killing verb takes the victims as its object is not one
    of them (the verb before the count); "three were found dead in a murder-suicide" may hold him."""
    if not f.self_killed or g.perpetrator or g.sentence_start != f.sentence_start:
        return False
    if 0 <= g.cue_start < g.number_start:
        return True
    first = g.text.split(maxsplit=1)[0].lower() if g.text else ""
    return first in _KILLING_VERBS  # a list's total ("killed her daughter and two …") starts at its verb


#: Verbs whose object is the killer's victims.
_KILLING_VERBS = frozenset(
    ("killed", "killing", "kills", "murdered", "murdering", "executed", "executing", "fatally")
)  # "fatally shot Marsh and her mother": the adverb opens the verb


def _counts_bodies(g: Figure) -> bool:
    """A count of two or more dead told by their bodies ("found dead", "the deaths of"); a list's
    total by its casualty word, which ends its text ("one man and two children were found dead")."""
    if g.perpetrator or value(g) < 2 or g.group not in ("people", "civilians", "men"):
        return False  # "two children dead" cannot hold the man who shot them
    if g.text.lower().startswith(("bodies of", "the bodies of")):
        return True
    if g.cue_start >= 0:
        cue = g.sentence[g.cue_start - g.sentence_start :].split(maxsplit=1)
        return bool(cue) and cue[0].lower().strip(".,;:") in _BODY_WORDS
    words = g.text.lower().split()
    return bool(g.parts) and len(words) > 1 and words[-1] in ("dead", "bodies") and words[-2] != "not"


def _killer_for_victim(a: Figure, b: Figure) -> bool:
    """ "… then committed suicide. … He killed the boy": the object of a killing verb is someone
    the killer who took his own life killed, never the killer himself."""
    if not a.perpetrator or b.perpetrator or not b.text:
        return False
    return b.text.split(maxsplit=1)[0].lower() in _KILLING_VERBS


def _definite_one(f: Figure, last: Figure) -> bool:
    """A single victim named as someone already mentioned: "the victim", "he", "she" (never the
    killer of the figure before, when this one is the object of a killing verb)."""
    s0 = f.sentence_start
    word = f.sentence[f.number_start - s0 : f.number_end - s0].lower()
    one = value(f) == 1 and word in ("the", "he", "she") and not additive(f)
    return one and not _killer_for_victim(last, f)


#: Tolls of one side of a fight: a vague count of others is not inside them.
_SIDES = ("militants", "security_forces")


def _same_dead_retold(a: Figure, b: Figure) -> bool:
    """ "An infant and a boy were killed … two victims had been killed": a general count equal to
    a stated toll, told without more, is the same dead told again, whatever groups the toll named."""
    return b.group == "people" and general(b) and not additive(b) and value(a) == value(b) > 0


def _absorb_into_list(lst: Root, roots: list[Root]) -> list[Root]:
    """A named victim list names the dead one by one: earlier counts it can hold are inside it."""
    room = value(lst.fig)
    kept: list[Root] = []
    for r in roots:
        v = value(r.fig)
        if (
            r.fig.group in ("civilians", "people", "children", "women", "men")
            and 0 < v <= room
            and not r.rivals
        ):
            lst.inside.append(r.fig)
            lst.inside.extend(r.inside)
            room -= v
        else:
            kept.append(r)
    return kept


#: What may stand between two items of one enumeration: commas, "and", and the items between.
_ENUM_GAP = re.compile(r"^(?:\s*(?:,|;|\band\b|\bas\s+well\s+as\b))+\s*$", re.I)


def side_by_side(a: Figure, b: Figure) -> bool:
    """Two items of one enumeration under one toll: distinct people, whatever their groups.

    "… killed, among them three women, seven children and a baby": the baby is
    not one of the seven children, as "seven children, one of them a baby" would say.
    """
    if a.subset_of is None or a.subset_of != b.subset_of or a.sentence_start != b.sentence_start:
        return False
    first, second = (a, b) if a.start < b.start else (b, a)
    return first.end <= second.start and bool(_ENUM_GAP.match(_between(first, second)))


def _between(a: Figure, b: Figure) -> str:
    s0 = a.sentence_start
    return a.sentence[a.end - s0 : b.start - s0]


def _larger_claim(a: Figure, b: Figure) -> bool:
    """A later, larger count of the same victims: another claim, kept as the range's high end.

    Only for counts of the same group, or a general toll ("people", "civilians")
    against another: a single victim named first, or a list of other groups, is no
    rival toll.
    """
    if value(b) <= value(a) or value(a) <= 1:
        return False
    if a.sentence_start == b.sentence_start and not _contrasted(a, b):
        return False
    if a.group == b.group or (general(a) and general(b)):
        return True
    # "Four men were beheaded. The Standard reports 9 people were beheaded.": an attributed wider count
    return bool(b.source) and general(b) and _covers(b, a)


_CONTRAST = re.compile(r"\b(?:but|however|while|whereas|though|although)\b", re.I)
_REPORTED = re.compile(
    r"\b(?:report\w*|said|says|cited|cites|spoke|claim\w*|stated|put|counted|recorded|gave|according)\b", re.I
)


def _contrasted(a: Figure, b: Figure) -> bool:
    """ "Most outlets said four died, but a rights group cited five deaths": one sentence, two claims."""
    s0 = a.sentence_start
    between = a.sentence[a.end - s0 : b.number_start - s0]
    m = _CONTRAST.search(between)
    return m is not None and bool(_REPORTED.search(between[m.end() :]))


def _claim_pair(a: Figure, b: Figure) -> bool:
    """Two different counts of one group, each named with a toll noun, in different sentences.

    "13 people were killed at the market." / "14 people were killed at the market.":
    the same dead counted twice, whichever comes first. Bare continuations
    ("three were killed in X") are parts, not claims.
    """
    return (
        a.sentence_start != b.sentence_start
        and a.group == b.group
        and value(a) != value(b)
        and min(value(a), value(b)) > 1
        and bool(a.group_text)
        and bool(b.group_text)
        and general(a)
        and general(b)
        and not a.parts
        and not b.parts
        and not additive(b)
        and not (
            b.qualifier in ("at_least", "more_than") and value(b) < value(a)
        )  # "at least five" of eleven
        and not _vague(a)
        and not _vague(b)
        and _told_as_claim(a if value(a) < value(b) else b)
    )


def _part_of_later(r: Root, f: Figure) -> bool:
    """Is root ``r`` a smaller count in the report's own voice that ``f`` (larger, later) holds?"""
    a = r.fig
    return (
        not r.rivals
        and a.group == f.group
        and a.sentence_start != f.sentence_start
        and general(a)
        and general(f)
        and bool(a.group_text)
        and bool(f.group_text)
        and not a.parts
        and not f.parts
        and not _vague(a)
        and not _vague(f)
        and a.qualifier == "exact"
        and not _told_as_claim(a)
        and not _told_as_claim(f)
        and not _RISEN.search(f.sentence)
    )


_RISEN = re.compile(r"\b(?:ros[ea]|risen|climbed|increased|later|updated|revised)\b", re.I)


def _told_as_claim(f: Figure) -> bool:
    """Is a count told as someone's claim ("Safa reported 14", "others said 14")?

    "Seven members of the Haddad family were also killed", told in the report's own
    voice after a toll of 24, is part of it, not a rival count that lowers it.
    """
    return bool(f.source) or bool(_DISAGREE.search(f.sentence)) or f.qualifier in ("approx", "at_most")


def general(f: Figure) -> bool:
    return f.group in ("people", "civilians") and (
        not f.group_text or f.group_text.split()[-1].lower() in _GENERAL_NOUNS
    )


#: Nouns that name a whole toll rather than one kind of victim.
_GENERAL_NOUNS = frozenset(
    "people persons individuals civilians victims bodies dead deaths martyrs palestinians residents others "
    "members relatives family".split()
)


_MORE_AFTER = re.compile(r"^\s*(?:more|others?|additional|further)\b", re.I)
_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|additional|further)\s*$", re.I)


def _near(f: Figure) -> str:
    """The figure's own words with a little context either side."""
    s0 = f.sentence_start
    return f.sentence[max(0, f.start - s0 - 30) : f.end - s0 + 20]


def additive(f: Figure) -> str:
    """ "2 more died", "another 3": people beyond those already counted.

    Returns "strong" for "more", "another", "additional"; "weak" for "others" (which may
    name the rest of a toll already stated); "" otherwise.
    """
    # Speed: the toll rules ask this of the same figure many times; the answer depends
    # only on the sentence and the offsets, so it is cached on them.
    return _additive_at(f.sentence, f.sentence_start, f.number_start, f.number_end, f.end)


@lru_cache(maxsize=4096)
def _additive_at(sentence: str, s0: int, number_start: int, number_end: int, end: int) -> str:
    after = sentence[number_end - s0 : number_end - s0 + 14]
    before = sentence[max(0, number_start - s0 - 14) : number_start - s0]
    if _MORE_BEFORE.search(before) or _STRONG_AFTER.search(after):
        return "strong"
    if sentence[number_start - s0 : number_end - s0].lower() == "another":
        return "strong"  # "Another soldier died": one beyond those counted
    if "ranks" in sentence and _BEYOND.search(sentence, number_start - s0, end - s0 + 24):
        return "strong"  # "the group acknowledged two dead in its ranks"
    number = sentence[number_start - s0 : number_end - s0]
    if number and (number[:1].isdigit() or word_value(number.split()[-1]) is not None):
        died = "died" in sentence or "succumbed" in sentence
        if died and _LATER_DIED.search(sentence, number_end - s0, end - s0 + 40):
            return "strong"  # "three of the wounded later died": not among the dead counted before
    return "weak" if _MORE_AFTER.search(after) else ""


@lru_cache(maxsize=1024)
def separate(sentence: str) -> bool:
    """Does the sentence mark its figures as another incident ("in a separate attack")? Cached."""
    return bool(_SEPARATE.search(sentence))


_STRONG_AFTER = re.compile(r"^\s*(?:more|additional|further)\b", re.I)
#: Words after a figure that put its dead beside those already counted: the other side's dead.
_BEYOND = re.compile(r"\b(?:in|among)\s+(?:its|their|his)\s+(?:own\s+)?ranks\b", re.I)
#: The wounded who died later were not among the dead counted before them.
_LATER_DIED = re.compile(
    r"\b(?:later|subsequently|eventually)\s+(?:died|succumbed)|\bdied\s+(?:of|from)\s+(?:his|her|their)\s+"
    r"(?:injuries|wounds)|\bsuccumbed\s+to\s+(?:his|her|their)\s+(?:injuries|wounds)",
    re.I,
)


def _used(r: Root) -> int:
    return sum(value(x) for x in r.inside)


#: A count of grown-ups: "three adults and one child" are four, the child none of the three.
_ADULTS = re.compile(r"\s*(?:[\w-]+\s+)?(?:adults?|grown-?ups?)\b", re.I)


def counts_adults(f: Figure) -> bool:
    """Does the figure count adults ("3 adults", "two adult victims")? They hold no children."""
    return bool(_ADULTS.match(f.sentence, max(f.number_end - f.sentence_start, 0)))


def _covers(a: Figure, b: Figure) -> bool:
    """Can ``a``'s victims include ``b``'s? A bare "four were killed" fits in any group.

    A list total ("one soldier, six Koglweogo") covers only its parts' groups; a count of
    adults holds no children.
    """
    if b.group == "children" and counts_adults(a):
        return False
    if b.group == "people" and (not b.group_text or b.group_text == "named victims"):
        return True  # a bare "four were killed", or the named list of the same dead
    if b.parts and b.group == "people" and not a.parts:
        # "a preacher and his grandson": a list fits inside a toll that covers each of its groups
        return all(g == "people" or g in _COVERS.get(a.group, {a.group}) for g in b.group_text.split("+"))
    if a.parts and a.group == "people":
        return b.group in a.group_text.split("+")
    return b.group in _COVERS.get(a.group, {a.group})


def _rival(a: Figure, b: Figure) -> bool:
    """Two claims of one count that disagree: different sources, or "others said"."""
    if not (_covers(a, b) or _covers(b, a)) or value(a) == value(b):
        return False
    if value(b) < value(a) and _vague(b):
        return False  # "a number of them were killed" after "57 were killed": some of the same dead
    if a.source and b.source and a.source != b.source:
        return True
    s0 = b.sentence_start
    return (bool(_DISAGREE.search(b.sentence)) and a.sentence_start != s0) or (
        a.sentence_start == s0
        and bool(_DISAGREE.search(b.sentence[max(min(a.end, b.number_start) - s0, 0) :]))
    )  # "… seven children; the agency put the toll at 11 children": the claim's words lie between


def _vague(f: Figure) -> bool:
    """Is the figure's number a vague word ("several", "a number of") rather than a stated count?"""
    s0 = f.sentence_start
    return _vague_words(f.sentence[f.number_start - s0 : f.number_end - s0])


@lru_cache(maxsize=1024)
def _vague_words(said: str) -> bool:
    words = said.lower().split()
    if not words or words[-1][0].isdigit():
        return False
    return any(" ".join(words[-k:]) in VAGUE for k in (1, 2, 3))
