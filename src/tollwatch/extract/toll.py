"""The document toll: count each person once.

Only *top-level incident* figures can add to a toll: not a repeated mention
(already folded), not a subset ("including nine children"), not a part of a
stated list total, not a toll that a later one revises, not a cumulative or
background figure.

Top-level figures are grouped into *roots* (:mod:`tollwatch.extract.roots`): a
figure inside an earlier, larger root that covers its group adds no one;
distinct roots add up.

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
from tollwatch.extract.roots import Root, additive, general, roots_of, separate, top_level, value
from tollwatch.model import VICTIM_GROUPS, Estimate, Figure


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


def _root_estimate(r: Root, parts: dict[str, list[Figure]]) -> Estimate:
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


def _breakdown_sum(r: Root, parts: dict[str, list[Figure]]) -> int | None:
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
    injured = injured_estimate(figures, text, killed)
    victims: dict[str, Estimate] = {}
    killed_roots = roots_of(top_level(figures, "killed"))
    nested = _nested_in_wider(figures, killed_roots)
    for group in VICTIM_GROUPS:
        members = [f for f in figures if f.group == group and not (group in _TOLL_GROUPS and f.id in nested)]
        if group == "children":
            members = _children_counts(members, killed_roots)
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
    perps = [f for f in top_level(figures, "killed") if f.self_killed]
    if perps:
        victims["perpetrators"] = _add([Estimate(f.low, f.best, f.high) for f in perps])
    fatalities, basis = acled_coding(killed, text)
    return Toll(killed, injured, victims, fatalities, basis, convention)


_DEATH_HINT = re.compile(r"martyr|death|dead|kill", re.I)
#: Words for the children among the dead, as against relatives ("sons", "daughters").
_CHILD_WORDS = ("child", "kid", "minor", "infant", "bab", "boy", "girl", "toddler", "newborn")


def _children_counts(members: list[Figure], killed_roots: list[Root]) -> list[Figure]:
    """The figures that count the children among this incident's dead.

    Not sons and daughters with nothing that makes them children, and not the children of
    another source's higher toll ("the raids killed 57, including 20 children" beside a
    stated six) when the report counts children of its own.
    """
    kept = [f for f in members if not _offspring_only(f)]
    rivals = {x.id for r in killed_roots for x in r.rivals}
    own = [f for f in kept if f.subset_of not in rivals]
    return own if own else kept


def _offspring_only(f: Figure) -> bool:
    """A count of sons or daughters with nothing that makes them children: "their two daughters"
    (aged 23 and 17) are relatives, "his 5-year-old son" a child (the cues in lexicon/cues.tsv)."""
    text = f.group_text.lower()
    if cue("offspring", text) is None:
        return False
    return cue("child_age", text) is None and not any(w in text for w in _CHILD_WORDS)


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
        value(f)
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
        f.high if f.high is not None else value(f)
        for f in tops
        if f.group == "people"
        and general(f)
        and f.group_text != "named victims"
        and not f.unverified
        and not additive(f)
        and not separate(f.sentence)
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


def _nested_in_wider(figures: list[Figure], killed_roots: list[Root]) -> set[str]:
    """Ids of figures that sit inside a toll of a wider group (as a subset, or contained)."""
    by_id = {f.id: f for f in figures}
    out = {f.id for f in figures if f.subset_of and by_id.get(f.subset_of, f).group != f.group}
    for r in killed_roots:
        # a count of "civilians" inside a wider toll is a breakdown of it; "a journalist" is not a toll
        out.update(x.id for x in r.inside if x.group != r.fig.group and not general(x))
    return out


def injured_estimate(figures: list[Figure], text: str, killed: Estimate) -> Estimate:
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
