"""The document toll: count each person once.

Only *top-level incident* figures can add to a toll: not a repeated mention
(already folded), not a subset ("including nine children"), not a part of a
stated list total, not a toll that a later one revises, not a cumulative or
background figure.

Top-level figures are read in text order. A figure sits *inside* an earlier
root when the root is at least as large and covers its group (a general
"people" toll covers every group; "civilians" covers children, women and
men), unless the text marks it as separate ("in a separate attack",
"another"). A later figure that says it is the total ("in total", "the toll")
and is at least the sum of the roots becomes the root itself. Otherwise a
figure is a new root, and distinct roots add up.

Disagreement: two roots for the same group from different named sources, or
a sentence such as "others said three", give a range (low = smallest, high =
largest) rather than a sum.

A root's ``best`` rises to the sum of a breakdown inside it (745 + 125 + 148
within "over 1,000") when that sum lies between the root's low and
``BREAKDOWN_MAX_RATIO`` times it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tollwatch import settings
from tollwatch.extract.lexicon import GROUPS, cue
from tollwatch.extract.numbers import VAGUE, word_value
from tollwatch.model import VICTIM_GROUPS, Estimate, Figure

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
class Toll:
    """The document's toll: killed, injured and victims by group, plus ACLED's coding."""

    killed: Estimate
    injured: Estimate
    victims: dict[str, Estimate] = field(default_factory=dict)
    acled_fatalities: int | None = None
    acled_basis: str | None = None
    #: Casualty monitors' convention for civilian deaths told in the plural with no
    #: number (see ``settings.PLURAL_DEATHS``); never a figure and never in ``victims``.
    civilians_convention: Estimate | None = None


@dataclass(slots=True)
class _Root:
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


def _val(f: Figure) -> int:
    if f.low is not None:
        return f.low
    return f.best if f.best is not None else 0


def roots_of(figures: list[Figure]) -> list[_Root]:
    """Group top-level figures into roots (see the module doc)."""
    roots: list[_Root] = []
    for f in figures:
        sep = _separate(f.sentence)
        host = None
        if not sep:
            more = _additive(f)
            if more != "strong" and _val(f) > 0:  # a stated zero is its own claim, never inside a toll
                host = next(
                    (
                        r
                        for r in roots
                        if (_covers(r.fig, f) or _same_dead_retold(r.fig, f))
                        and _val(r.fig) >= _val(f) + (_used(r) if more else 0)
                    ),
                    None,
                )
        if host is None and roots and not sep and _definite_one(f):
            host = roots[-1]  # "The victim was killed", "he died": someone already counted
        pair = next((r for r in roots if _claim_pair(r.fig, f)), None) if not sep else None
        if pair is not None:
            pair.rivals.append(f)  # two counts of the same victims, in either order
            continue
        if host is None and not sep and _vague(f) and not _additive(f):
            # "four brothers were killed … a number of people had died": a count with no number
            # adds no one beyond a stated toll that can hold it
            host = next((r for r in roots if _val(r.fig) >= _val(f) and r.fig.group not in _SIDES), None)
        if host is not None and _rival(host.fig, f):
            host.rivals.append(f)
            continue
        if host is not None:
            host.inside.append(f)
            continue
        rival = next((r for r in roots if _rival(r.fig, f)), None)
        if rival is not None:
            rival.rivals.append(f)
            continue
        if f.group == "people" and _TOTAL.search(_near(f)) and roots:
            if _val(f) >= sum(_val(r.fig) for r in roots):
                inside = [r.fig for r in roots] + [x for r in roots for x in r.inside]
                roots = [_Root(f, inside)]
                continue
        if not sep and not _additive(f):
            claim = next((r for r in roots if _larger_claim(r.fig, f)), None)
            if claim is not None and _part_of_later(claim, f):
                # "Seven of the Khatib family were killed. … 24 civilians were killed.": the
                # smaller count, told in the report's own voice, is part of the later toll
                roots = [r for r in roots if r is not claim]
                roots.append(_Root(f, [claim.fig, *claim.inside]))
                continue
            if claim is not None:
                claim.rivals.append(f)
                continue
        if not sep and not _additive(f) and (_vague(f) or f.low is None):
            # "one civilian was killed … a journalist wrote that a number of citizens died",
            # "killing 21 … and up to 30 civilians": a vague count or a bare ceiling above a
            # stated count is a higher claim about the same dead, not more dead
            larger = next((r for r in roots if _covers(f, r.fig) and 0 < _val(r.fig) < _val(f)), None)
            if larger is not None:
                larger.rivals.append(f)
                continue
        new = _Root(f)
        if not sep and not _additive(f) and _general(f) and not f.unverified:
            # "killed a young woman … two civilians were killed": the single victim named
            # first is one of the later toll's dead
            singles = [
                r
                for r in roots
                if _val(r.fig) == 1
                and not r.inside
                and not r.rivals
                and _covers(f, r.fig)
                and r.fig.group not in ("militants", "security_forces")
            ]
            if singles and _val(f) >= len(singles):
                new.inside.extend(r.fig for r in singles)
                roots = [r for r in roots if r not in singles]
        if f.group_text == "named victims":
            roots = _absorb_into_list(new, roots)
        roots.append(new)
    return _killers_among_bodies(roots)


#: Casualty words that count the bodies, whoever the killer was ("found dead", "the deaths of").
_BODY_WORDS = frozenset(("dead", "bodies", "deaths", "death", "found"))


def _killers_among_bodies(roots: list[_Root]) -> list[_Root]:
    """A killer who killed himself is among the dead a count of bodies gives: "two students
    found dead … a murder-suicide" is two dead, the shooter one of them, wherever the
    murder-suicide is told."""
    bodies = next((r for r in roots if _counts_bodies(r.fig)), None)
    if bodies is None:
        return roots
    killers = [
        r
        for r in roots
        if r.fig.perpetrator and _val(r.fig) == 1 and not r.rivals and all(x.perpetrator for x in r.inside)
    ]
    bodies.inside.extend(x for r in killers for x in (r.fig, *r.inside))
    return [r for r in roots if r not in killers]


def _counts_bodies(g: Figure) -> bool:
    """A count of two or more dead told by their bodies ("found dead", "the deaths of"); a list's
    total by its casualty word, which ends its text ("one man and two children were found dead")."""
    if g.perpetrator or _val(g) < 2 or g.group not in ("people", "civilians", "men"):
        return False  # "two children dead" cannot hold the man who shot them
    if g.text.lower().startswith(("bodies of", "the bodies of")):
        return True
    if g.cue_start >= 0:
        cue = g.sentence[g.cue_start - g.sentence_start :].split(maxsplit=1)
        return bool(cue) and cue[0].lower().strip(".,;:") in _BODY_WORDS
    words = g.text.lower().split()
    return bool(g.parts) and len(words) > 1 and words[-1] in ("dead", "bodies") and words[-2] != "not"


def _definite_one(f: Figure) -> bool:
    """A single victim named as someone already mentioned: "the victim", "he", "she"."""
    s0 = f.sentence_start
    word = f.sentence[f.number_start - s0 : f.number_end - s0].lower()
    return _val(f) == 1 and word in ("the", "he", "she") and not _additive(f)


#: Tolls of one side of a fight: a vague count of others is not inside them.
_SIDES = ("militants", "security_forces")


def _same_dead_retold(a: Figure, b: Figure) -> bool:
    """ "An infant and a boy were killed … two victims had been killed": a general count equal to
    a stated toll, told without more, is the same dead told again, whatever groups the toll named."""
    return b.group == "people" and _general(b) and not _additive(b) and _val(a) == _val(b) > 0


def _absorb_into_list(lst: _Root, roots: list[_Root]) -> list[_Root]:
    """A named victim list names the dead one by one: earlier counts it can hold are inside it."""
    room = _val(lst.fig)
    kept: list[_Root] = []
    for r in roots:
        v = _val(r.fig)
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


def _larger_claim(a: Figure, b: Figure) -> bool:
    """A later, larger count of the same victims: another claim, kept as the range's high end.

    Only for counts of the same group, or a general toll ("people", "civilians")
    against another: a single victim named first, or a list of other groups, is no
    rival toll.
    """
    if _val(b) <= _val(a) or _val(a) <= 1:
        return False
    if a.sentence_start == b.sentence_start and not _contrasted(a, b):
        return False
    if a.group == b.group or (_general(a) and _general(b)):
        return True
    # "Four men were beheaded. The Standard reports 9 people were beheaded.": an attributed wider count
    return bool(b.source) and _general(b) and _covers(b, a)


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
        and _val(a) != _val(b)
        and min(_val(a), _val(b)) > 1
        and bool(a.group_text)
        and bool(b.group_text)
        and _general(a)
        and _general(b)
        and not a.parts
        and not b.parts
        and not _additive(b)
        and not (b.qualifier in ("at_least", "more_than") and _val(b) < _val(a))  # "at least five" of eleven
        and not _vague(a)
        and not _vague(b)
        and _told_as_claim(a if _val(a) < _val(b) else b)
    )


def _part_of_later(r: _Root, f: Figure) -> bool:
    """Is root ``r`` a smaller count in the report's own voice that ``f`` (larger, later) holds?"""
    a = r.fig
    return (
        not r.rivals
        and a.group == f.group
        and a.sentence_start != f.sentence_start
        and _general(a)
        and _general(f)
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


def _general(f: Figure) -> bool:
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


def _additive(f: Figure) -> str:
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
def _separate(sentence: str) -> bool:
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


def _used(r: _Root) -> int:
    return sum(_val(x) for x in r.inside)


def _covers(a: Figure, b: Figure) -> bool:
    """Can ``a``'s victims include ``b``'s? A bare "four were killed" fits in any group.

    A list total ("one soldier, six Koglweogo") covers only its parts' groups.
    """
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
    if not (_covers(a, b) or _covers(b, a)) or _val(a) == _val(b):
        return False
    if _val(b) < _val(a) and _vague(b):
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


def _root_estimate(r: _Root, parts: dict[str, list[Figure]]) -> Estimate:
    f = r.fig
    low, best, high = f.low, f.best, f.high
    if f.unverified:
        return Estimate(None, None, high if high is not None else best)
    if r.rivals:
        return _claims_estimate([f, *r.rivals])
    s = _breakdown_sum(r, parts)
    if s is not None and low is not None and low <= s <= low * settings.BREAKDOWN_MAX_RATIO:
        best = max(best or 0, s)
        if high is not None and high < best:
            high = best
    if high is None:
        high = best  # the highest figure the text states
    return Estimate(low, best, high)


def _claims_estimate(claims: list[Figure]) -> Estimate:
    """The range over several counts of the same dead, the same in any order.

    The report's own statements (no attributed source) set the low and best; counts
    it attributes to others ("Safa reported 20") can only widen the high end, unless
    every count is attributed.
    """
    verified = [c for c in claims if not c.unverified] or claims
    own = [c for c in verified if c.source is None] or verified
    lows = [c.low for c in own if c.low is not None]
    bests = [c.best for c in own if c.best is not None]
    highs = [
        x
        for x in (c.high if c.high is not None else (c.best if c.best is not None else c.low) for c in claims)
        if x is not None
    ]
    low = min(lows) if lows else None  # an upper bound ("nearly 22") never becomes a low
    best = max(bests) if bests else None
    high = max(highs) if highs else None
    if high is not None and best is not None and high < best:
        high = best
    return Estimate(low, best, high)


def _breakdown_sum(r: _Root, parts: dict[str, list[Figure]]) -> int | None:
    """The largest sum of disjoint-group figures inside the root from one paragraph-like run."""
    by_sentence_run: dict[str | None, dict[str, int]] = {}
    for f in [p for x in r.inside for p in (parts.get(x.id) or [x])]:
        if f.group in ("people",) or f.low is None:
            continue
        bucket = by_sentence_run.setdefault(f.source, {})
        bucket[f.group] = bucket.get(f.group, 0) + f.low
    sums = [
        sum(v for g, v in b.items() if g in ("civilians", "security_forces", "militants"))
        for b in by_sentence_run.values()
    ]
    sums = [s for s in sums if s]
    return max(sums) if sums else None


def _add(estimates: list[Estimate]) -> Estimate:
    if not estimates:
        return Estimate()

    def total(vals: list[int | None], strict: bool) -> int | None:
        known = [v for v in vals if v is not None]
        if not known or (strict and len(known) < len(vals)):
            return None
        return sum(known)

    return Estimate(
        total([e.low for e in estimates], False),
        total([e.best for e in estimates], False),
        total([e.high for e in estimates], True),
    )


def measure_estimate(figures: list[Figure], measure: str) -> Estimate:
    """The toll for one measure over the given figures.

    Figures the text calls unverified or claimed count only towards ``high``,
    unless they are all the text offers (then they are the reported toll).
    """
    parts = parts_index(figures)
    tops = top_level(figures, measure)
    if tops and all(f.unverified for f in tops):
        tops = [_verified_copy(f) for f in tops]
    return _add([_root_estimate(r, parts) for r in roots_of(tops)])


def _verified_copy(f: Figure) -> Figure:
    from dataclasses import replace

    return replace(f, unverified=False)


def parts_index(figures: list[Figure]) -> dict[str, list[Figure]]:
    """{total id: its part figures} for list totals."""
    out: dict[str, list[Figure]] = {}
    for f in figures:
        if f.part_of:
            out.setdefault(f.part_of, []).append(f)
    return out


def document_toll(figures: list[Figure], text: str = "") -> Toll:
    """The document's toll from its figures."""
    named = _named_dead(figures)
    killed = _at_least_named(measure_estimate(figures, "killed"), named)
    injured = _injured(figures, text, killed)
    victims: dict[str, Estimate] = {}
    nested = _nested_in_wider(figures)
    for group in VICTIM_GROUPS:
        members = [f for f in figures if f.group == group and not (group in _TOLL_GROUPS and f.id in nested)]
        if members:
            roots = roots_of(top_level_any(members, "killed"))
            est = _add([_root_estimate(r, {}) for r in roots])
            if group == "civilians" and len(roots) == 1:
                est = _at_least_named(_widen_by_general_claims(est, figures), named)
            elif group == "children" and not any(_counts_children(r.fig) for r in roots):
                # the list's children are a floor, unless the text itself states how many
                # of the dead were children ("… including two children"; "… and his two
                # daughters" names relatives, not the children among the dead)
                est = _at_least_named(est, _named_dead(figures, group))
            if not est.is_empty():
                victims[group] = est
    civ = victims.get("civilians")
    n = settings.PLURAL_DEATHS
    convention: Estimate | None = None
    if killed.is_empty() and civ is None and _plural_deaths(text):
        convention = Estimate(n, n, n)
    elif civ is not None and civ.high is not None and civ.high < n and _plural_deaths(text):
        convention = Estimate(civ.low, civ.best, n)  # one named dead, and "martyrs" told of
    perps = [f for f in top_level(figures, "killed") if f.perpetrator and f.group == "people"]
    if perps:
        victims["perpetrators"] = _add([Estimate(f.low, f.best, f.high) for f in perps])
    fatalities, basis = acled_coding(killed, text)
    return Toll(killed, injured, victims, fatalities, basis, convention)


_DEATH_HINT = re.compile(r"martyr|death|dead|kill", re.I)
#: Words for the children among the dead, as against relatives ("sons", "daughters").
_CHILD_WORDS = ("child", "kid", "minor", "infant", "bab", "boy", "girl", "toddler", "newborn")


def _counts_children(f: Figure) -> bool:
    """A subset figure that says how many of the dead were children ("including two children")."""
    return f.subset_of is not None and any(w in f.group_text.lower() for w in _CHILD_WORDS)


@lru_cache(maxsize=8)  # asked by the document toll and again by each event's toll
def _plural_deaths(text: str) -> bool:
    """Does the report tell of deaths in the plural without a number, and name no fighters?"""
    if not text or not _DEATH_HINT.search(text):
        return False
    if cue("plural_deaths", text) is None and not _unnumbered_deaths(text):
        return False
    return not _names_combatants(text)


def _named_dead(figures: list[Figure], group: str | None = None) -> int:
    """How many dead the named victim list(s) name, in all or of one group (0 without a list)."""
    return sum(
        _val(f)
        for f in figures
        if f.group_text == "named victims"
        and f.measure == "killed"
        and (f.part_of is None if group is None else (f.part_of is not None and f.group == group))
    )


def _at_least_named(est: Estimate, named: int) -> Estimate:
    """A toll is never below the dead its victim list names one by one.

    Each entry of a named list is a person confirmed dead, so the list's length is a floor:
    "up to nine civilians" with eight named gives 8–9. A list longer than the highest
    count the text states is not trusted over it (lists can hold victims of nearby
    strikes), and a toll with no figure at all stays empty.
    """
    if not named or est.is_empty() or (est.high is not None and named > est.high):
        return est
    low = max(est.low or 0, named)
    return Estimate(low, max(est.best or 0, low), est.high)


def _widen_by_general_claims(est: Estimate, figures: list[Figure]) -> Estimate:
    """A larger count of the same dead, told without a group, is a higher claim of the civilian toll.

    "At least four civilians were killed … one agency reported six deaths": when the report
    counts one civilian toll and names no combatant among its dead, a general count
    ("people", "deaths", "martyrs") above that toll is another source's claim about the
    same victims. It can only raise ``high``; the civilian low and best stand.
    """
    if est.low is None and est.best is None:
        return est
    tops = top_level(figures, "killed")
    if any(f.group in ("militants", "security_forces") or f.perpetrator for f in tops):
        return est
    floor = max(v for v in (est.low, est.best, est.high) if v is not None)
    claims = [
        f.high if f.high is not None else _val(f)
        for f in tops
        if f.group == "people"
        and _general(f)
        and f.group_text != "named victims"
        and not f.unverified
        and not _additive(f)
        and not _separate(f.sentence)
        and not _names_combatants(f.sentence)
    ]
    higher = [c for c in claims if floor < c <= floor * settings.CLAIM_MAX_RATIO]
    if not higher:
        return est
    return Estimate(est.low, est.best, max(higher))


def _unnumbered_deaths(text: str) -> bool:
    """Deaths told without a number ("an unknown number of people were killed")."""
    return "number" in text.lower() and cue("unnumbered_deaths", text) is not None  # each cue says "number"


def _names_combatants(sentence: str) -> bool:
    """Does the sentence name a fighter ("one of whom was a militant")? Its count is then no civilian claim.

    Only militant words: "security forces" in these reports is usually the attacker.
    """
    return any(GROUPS.get(w, ("", False))[0] == "militants" for w in re.findall(r"[a-z]+", sentence.lower()))


#: Groups that make up a toll on their own (not breakdowns such as children or women):
#: a count of them nested in a wider toll ("19 people, including a journalist")
#: does not state that group's toll.
_TOLL_GROUPS = ("civilians", "security_forces", "militants")


def _nested_in_wider(figures: list[Figure]) -> set[str]:
    """Ids of figures that sit inside a toll of a wider group (as a subset, or contained)."""
    by_id = {f.id: f for f in figures}
    out = {f.id for f in figures if f.subset_of and by_id.get(f.subset_of, f).group != f.group}
    for r in roots_of(top_level(figures, "killed")):
        # a count of "civilians" inside a wider toll is a breakdown of it; "a journalist" is not a toll
        out.update(x.id for x in r.inside if x.group != r.fig.group and not _general(x))
    return out


def _injured(figures: list[Figure], text: str, killed: Estimate) -> Estimate:
    """Injured: stated injuries; failing those, the people "shot" less those who died.

    "Shot" says nothing of survival: "a boy was shot … he died" is one dead, no injured.
    """
    shot = [f for f in figures if f.measure == "injured" and _cue_word(f, text) == "shot"]
    stated = measure_estimate([f for f in figures if f not in shot], "injured")
    if not stated.is_empty() or not shot:
        return stated
    hit = measure_estimate(shot, "injured")
    dead = killed.best or 0
    if hit.best is None or hit.best <= dead:
        return Estimate()
    low = None if hit.low is None else max(hit.low - dead, 0) or None
    high = None if hit.high is None else max(hit.high - (killed.low or 0), 0) or None
    return Estimate(low, hit.best - dead, high)


def _cue_word(f: Figure, text: str) -> str:
    if f.cue_start < 0 or not text:
        return ""
    return text[f.cue_start : f.cue_start + 12].split(maxsplit=1)[0].lower().strip(".,;:")


def top_level_any(figures: list[Figure], measure: str) -> list[Figure]:
    """Like :func:`top_level`, but a subset counts when its parent is another group."""
    ids = {f.id for f in figures}
    revised = {f.revises for f in figures if f.revises}
    return sorted(
        (
            f
            for f in figures
            if f.measure == measure
            and f.scope == "incident"
            and (f.subset_of is None or f.subset_of not in ids)
            and f.id not in revised
            and (f.part_of is None or f.part_of not in ids)
        ),
        key=lambda f: f.start,
    )


def acled_coding(killed: Estimate, text: str = "") -> tuple[int | None, str | None]:
    """ACLED's fatalities for the document and where the number came from.

    ``stated``: the conservative stated figure. ``convention``: the text reports
    deaths without a number, and ACLED's coding convention applies — 3 for a
    limited attack, 10 for a large one (a massacre, "dozens killed"). The
    convention never enters a figure or ``killed``: it lives here only.
    """
    coded = _coder_note(killed, text)
    if coded is not None:
        return coded, "coder_note"
    if killed.low is not None:
        return killed.low, "stated"
    if killed.best is not None:
        return killed.best, "stated"
    if text and _unnumbered_deaths(text):
        large = cue("large_scale", text) is not None
        return (settings.ACLED_CONVENTION_LARGE if large else settings.ACLED_CONVENTION_LIMITED), "convention"
    return None, None


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
#: "(coded as 8 here …)", "coded at a low estimate of 3": the note says which figure this event carries.
_CODED_AS = re.compile(
    r"\bcoded\s+(?:as|at)\s+(?:an?\s+|the\s+)?(?:(?:low|conservative)\s+estimate\s+of\s+)?(?P<n>\d+)\b"
    r"(?!\s*(?:km|kilomet|miles|events?)\b)",
    re.I,
)
#: "6 deaths (coded across 6 events)", "split between 2 events": the toll is shared out evenly.
_SPLIT_ACROSS = re.compile(
    r"\b(?:coded|split|spread|divided)\s+(?:across|between|over|among|into)\s+(?P<n>\d+|two|three|four|five|"
    r"six|seven|eight|nine|ten)\s+(?:separate\s+|different\s+)?events\b",
    re.I,
)


def _coder_note(killed: Estimate, text: str) -> int | None:
    """The figure a coder's remark in the note gives this event, or ``None``.

    ACLED notes sometimes say how the coders shared a toll out: "nine dead (coded as 7 here,
    the rest with the raid on the market)", "6 deaths (coded across 6 events)". The
    share is what the note gives this event.
    """
    if "coded" not in text and "split" not in text and "spread" not in text and "divided" not in text:
        return None
    m = _CODED_AS.search(text)
    if m is not None:
        return int(m.group("n"))
    m = _SPLIT_ACROSS.search(text)
    if m is not None and killed.low:
        n = m.group("n").lower()
        parts = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        if parts > 1:
            return max(1, killed.low // parts)
    return None
