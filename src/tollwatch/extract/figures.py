"""Casualty figures: which numbers count people killed, hurt, taken or displaced.

For each sentence that holds a casualty word, every number (and every "a man",
"killing him", "no one") is read with its neighbours:

* the noun phrase after it gives the victim group ("745 civilians", "government
  security force members"), or shows it counts things ("10 cattle", "14 years");
* a casualty word gives the measure: after the victims with an auxiliary
  ("were killed"), right after them ("3 dead", "5 deaths"), or before them
  ("killing 4 people", "the deaths of 3", "the toll rose to 12");
* lists share their word ("two soldiers and a policeman were killed");
* "including nine children" reads a subset of the figure before it.

Links between figures (subsets, revisions, repeated mentions, sums of lists)
are made in :mod:`tollwatch.extract.links`; scope and source in
:mod:`tollwatch.extract.attribution`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tollwatch import settings
from tollwatch.extract import attribution, links, victims
from tollwatch.extract.candidates import MODIFIER_GROUPS, Candidate, candidates, not_people, zero_figures
from tollwatch.extract.lexicon import (
    AUXILIARIES,
    CLAUSE_STOPS,
    GROUPS,
    MEASURE_PHRASES,
    MEASURE_WORDS,
    SENTENCE_FILTER,
    THINGS,
)
from tollwatch.extract.numbers import word_value
from tollwatch.extract.scan import after_joiner, measure_after, measure_before, subset_parent
from tollwatch.extract.tokens import Tok, casualty_index, tokenize
from tollwatch.model import Document, Figure, Quantity, Sentence

#: A singular victim told by an age alone ("the 2-year-old died", "3-year-old dies").
_AGE_ALONE = re.compile(r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ](?:years?|months?|weeks?)[- ]old", re.I)


def find_figures(document: Document, sentences: list[Sentence]) -> list[Figure]:
    """Return every casualty figure in ``document``, linked and attributed."""
    figures: list[Figure] = []
    list_start = victims.list_start(document.text)
    for sent in sentences:
        if sent.start >= list_start:
            break
        if not SENTENCE_FILTER.search(sent.text.lower()):
            continue
        figures.extend(_read_sentence(document, sent, len(figures)))
    attribution.attribute(figures, sentences, document)
    links.link(figures, sentences, document)
    figures.extend(victims.read_victim_lists(document, len(figures)))
    return figures


def _read_sentence(document: Document, sent: Sentence, base: int) -> list[Figure]:
    toks = tokenize(sent.text, sent.start)
    meas = casualty_index(toks)
    cands = candidates(sent, toks)
    cand_at = {c.i: c for c in cands}
    out: list[Figure] = []
    for c in cands:
        if not_people(c, toks):
            continue
        fig = _read_candidate(document, sent, toks, meas, c, cand_at, out)
        if fig is not None:
            fig.id = f"f{base + len(out) + 1}"
            out.append(fig)
    out.extend(zero_figures(document, sent, base + len(out)))
    return out


def _noun_phrase(
    toks: list[Tok], j: int, single: bool = False
) -> tuple[int, int, str | None, bool, int, bool]:
    """Scan the noun phrase after a number.

    Returns (end token, group token index or -1, group, perpetrator, measure token or -1, is_thing).
    """
    k = j
    group: str | None = None
    perp = False
    gi = -1
    mods = 0
    n = len(toks)
    if k + 1 < n and toks[k].low == "of" and toks[k + 1].low in ("them", "whom"):
        return k + 2, k + 1, None, False, -1, False
    while k < n and mods <= settings.NP_MAX_MODIFIERS:
        t = toks[k].low
        if t.endswith(("'s", "’s")) and t[:-2] in GROUPS:
            if k + 1 < n and toks[k + 1].low in ("body", "corpse", "remains"):
                g_own, p_own = GROUPS[t[:-2]]
                return k + 1, k, g_own, p_own, k + 1, False  # "the student's body was found"
            t = t[:-2]  # "15-year-old boy's shooting death"
        nxt = toks[k + 1].low if k + 1 < n else ""
        if (t in THINGS or t in _NOUN_MODIFIERS) and nxt in GROUPS and nxt not in MEASURE_WORDS:
            mods += 1  # "cattle thieves", "murder suspect": a modifier of the people noun after it
            k += 1
            continue
        if t in THINGS and not (single and _noun_goes_on(toks, k)):
            return k, -1, None, False, -1, True
        if t in GROUPS and t not in MEASURE_WORDS:
            if (
                nxt in THINGS
                and nxt not in _NOT_NOUN_THINGS
                and not (k + 2 < n and toks[k + 2].low in GROUPS)
            ):
                return k, -1, None, False, -1, True  # "a guard dog", "two police vehicles": things
            g, p = GROUPS[t]
            if group is None or group == "people" or (g != "people" and g != "security_forces"):
                group, perp = g, p or perp
            gi = k
            k += 1
            if k < n and toks[k].low in GROUPS:
                continue
            if k + 1 < n and toks[k].low == "and" and toks[k + 1].low in GROUPS:
                k += 1  # "at least two gendarmes and soldiers killed": one count of both
                continue
            if group == "people" and k + 1 < n and toks[k].low == "of":
                named = _group_after_of(toks, k, perp)
                if named is not None:
                    return named
            return k, gi, group, perp, -1, False
        if single and t in _DEAD_ADJECTIVES and nxt in GROUPS and nxt not in MEASURE_WORDS:
            # "the body of a dead soldier", "a decapitated girl": the word describes the victim
            end, g_i, g_adj, p_adj, _, _ = _noun_phrase(toks, k + 1, single)
            subject = end < n and toks[end].low in _BE  # "a dead man was found", not "the coffin of"
            return end, g_i, g_adj, p_adj, k if subject else -1, False
        if t in MEASURE_WORDS or (k + 1 < n and (t, toks[k + 1].low) in _PHRASE_STARTS):
            return k, gi, group, perp, k, False
        skipped = _skip(toks, k, j, mods)
        if skipped is not None:
            k, mods = skipped
            continue
        if mods and (t.isdigit() or (word_value(t) is not None and t not in ("a", "an"))):
            break  # "two rival clans left 7 people": the noun phrase ends before another number
        if not t[0].isalnum() or t in AUXILIARIES or t in CLAUSE_STOPS or t in _NP_STOPS:
            if gi < 0 and mods and (t in AUXILIARIES or t in MEASURE_WORDS):
                return k, -1, None, False, -1, False  # "two suspected criminals were killed"
            break
        mods += 1
        k += 1
    return (gi + 1 if gi >= 0 else j), gi, group, perp, -1, False


def _noun_goes_on(toks: list[Tok], k: int) -> bool:
    """A thing word that a lowercase word follows inside one person's noun phrase ("a man
    riding a motorbike" is no motorbike)."""
    n = len(toks)
    return (
        k + 1 < n
        and toks[k + 1].text.isalpha()
        and toks[k + 1].text.islower()
        and toks[k + 1].low not in _NP_STOPS
        and toks[k + 1].low not in AUXILIARIES
        and toks[k + 1].low not in MEASURE_WORDS
        and (k + 2 >= n or (toks[k + 1].low, toks[k + 2].low) not in _PHRASE_STARTS)
    )


def _group_after_of(
    toks: list[Tok], k: int, perp: bool
) -> tuple[int, int, str | None, bool, int, bool] | None:
    """ "members of the government's security forces": the group named after "of"."""
    n = len(toks)
    for e in range(k + 1, min(n, k + 5)):
        word = toks[e].low.removesuffix("'s").removesuffix("’s")
        modifier = word in MODIFIER_GROUPS and e + 1 < n and toks[e + 1].low in GROUPS
        if word in GROUPS and GROUPS[word][0] != "people" and not modifier:
            return e + 1, e, GROUPS[word][0], GROUPS[word][1] or perp, -1, False
        if not toks[e].text[:1].isalpha():
            break
    return None


def _skip(toks: list[Tok], k: int, j: int, mods: int) -> tuple[int, int] | None:
    """Words the noun phrase reads past (the next token and modifier count), or ``None``."""
    n, t = len(toks), toks[k].low
    if (
        t == "of"
        and k + 1 < n
        and toks[k + 1].low in ("the", "those", "these", "their", "his", "her", "lives")
    ):
        return k + (1 if toks[k + 1].low == "lives" else 2), mods
    if (
        t in ("and", "or", "/")
        and k + 1 < n
        and (toks[k + 1].text[0].isupper() or toks[k + 1].low in ("/", "or"))
    ):
        return k + 1, mods
    if t in _QUOTES and k + 1 < n:
        return k + 1, mods  # "four 'non-Muslim' quarry workers", "a suspected 'terrorist'"
    if k == j and t in _HEDGES and k + 1 < n and toks[k + 1].text[:1].isalpha():
        return k + 1, mods + 1  # "a presumed chicken thief", "three suspected rebels"
    if t == "but" and mods and k + 1 < n and toks[k + 1].text.islower():
        return k + 1, mods + 1  # "a suspected but unarmed militant"
    return None


#: Words in the things list that do not make the people noun before them a modifier
#: ("one militant per local sources", "two soldiers days later").
_NOT_NOUN_THINGS = frozenset(
    "per percent times head heads km year years month months week weeks day days hour hours minutes".split()
)
_QUOTES = frozenset(("'", "’", "‘", '"', "“", "”"))
#: Hedges that open a noun phrase as adjectives: "a presumed thief", "a suspected militant".
_HEDGES = frozenset(("presumed", "suspected", "alleged", "believed", "reported"))
#: Killing words that can stand before the victim's noun as an adjective ("a dead soldier").
_DEAD_ADJECTIVES = frozenset(("dead", "slain", "decapitated", "beheaded", "murdered", "executed"))
_BE = frozenset(("was", "were", "is", "are", "has", "had", "lay", "lies"))
#: Nouns of mourning: the dead after them ("the funeral of a teacher") died before the report.
_MOURNED = frozenset(("coffin", "coffins", "funeral", "funerals", "burial", "burials", "grave", "memorial"))
#: Words that make the people after them the owners of a thing named before.
_OWNER_OF = frozenset((("belonging", "to"), ("owned", "by"), ("belongs", "to")))
#: Crime nouns that qualify the people noun after them ("murder suspect", "kidnapping victims").
_NOUN_MODIFIERS = frozenset(("murder", "death", "shooting", "kidnapping", "abduction", "killing"))
#: "One person from each group killed": as many again on the other side of a two-sided clash.
_EACH_SIDE = re.compile(
    r"\s+(?:from|on)\s+(?:each|either|both)\s+(?:side|sides|group|groups|camp|party)\b", re.I
)
#: Verbs after which "from X to Y" is an old toll and a new one, not a range.
_RISEN = frozenset(("rose", "risen", "raised", "revised", "climbed", "increased", "jumped", "went", "gone"))
#: Verbs that put a toll above its number.
_PASSED = frozenset(("passed", "passes", "exceeded", "exceeds", "topped", "tops", "surpassed"))
#: "Nine of the dead were children", "four were women": the group is the predicate.
_WERE_GROUP = re.compile(
    r"\s+(?:of\s+(?:the\s+|them\s*|those\s+)?(?:(?:killed|dead)\s+(?=victims|people))?(?:dead|victims|killed|people)?\s*)?"
    r"(?:were|was)\s+(?:also\s+)?(?:an?\s+)?(?P<noun>[a-z]+)\b",  # "one of those killed was a child"
    re.I,
)
_ONE_PERSON = frozenset(("singular", "generic", "named"))
#: "Among the dead were six children.", "Of the dead, 11 were children.": the sentence's
#: own words make its numbers counts of the dead.
_AMONG_DEAD = re.compile(
    r"\b(?:among|of)\s+(?:the\s+)?(?:dead|killed|victims|those\s+killed|fatalities|deceased)\b", re.IGNORECASE
)


def _generic_np_end(toks: list[Tok], j: int) -> int:
    k = j
    while k < len(toks) and k - j < 5 and toks[k].text[0].isalnum() and toks[k].low not in AUXILIARIES:
        if toks[k].low in _NP_STOPS or toks[k].low in MEASURE_WORDS:
            break
        k += 1
    return k


#: "13 members of the Afana family": relatives killed at home are civilians.
_FAMILY = re.compile(r"\s+(?:of\s+(?:the\s+)?(?:[\w’'-]+\s+){1,2}famil(?:y|ies)|family\b)", re.IGNORECASE)

_PHRASE_STARTS = frozenset(p[:2] for p in MEASURE_PHRASES)
_NP_STOPS = frozenset(
    [
        "and",
        "or",
        "in",
        "at",
        "on",
        "by",
        "from",
        "with",
        "for",
        "during",
        "after",
        "before",
        "near",
        "into",
        "as",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "its",
        "there",
        "who",
        "which",
        "what",
        "more",
    ]
)


#: Words that put the people after them beside the victims just named: "was killed, along
#: with two others", "two guards died, as did one of the raiders".
_SHARE_CUES = frozenset((("along", "with"), ("together", "with"), ("as", "was"), ("as", "were")))


def _shared(toks: list[Tok], c: Candidate, prior: list[Figure]) -> tuple[str, int, int, float] | None:
    """The casualty word of the figure just before, for people joined to it by "along with"."""
    if c.i < 2 or not prior:
        return None
    last = prior[-1]
    cued = (toks[c.i - 2].low, toks[c.i - 1].low) in _SHARE_CUES
    if not cued:
        # "killed a pupil at the village school and his grandfather": a later item of the list
        gap = [t for t in toks[: c.i - 1] if t.start >= last.end]
        if (
            toks[c.i - 1].low != "and"
            or len(gap) > 6
            or any(not t.text[:1].isalnum() or t.low in ("including", "among") for t in gap)
        ):
            return None
        if c.q.kind not in ("generic", "singular", "digit", "word") or last.measure != "killed":
            return None
        if last.subset_of is not None:
            return None  # "ten civilians including members of a clan and three traders": inside the ten
    if last.cue_start < 0 or last.end > toks[c.i - 2].start:
        return None
    if any(t.low in ("who", "whom", "which", "that") and t.start >= last.end for t in toks[: c.i]):
        return None  # "the remains of an elder seized together with three others": the others were seized
    k = next((i for i in range(c.i) if toks[i].start == last.cue_start), -1)
    if k < 0 or (cued and k + 8 < c.i - 2 and not any(t.low == "," for t in toks[k : c.i - 2])):
        return None  # "along with" far from the verb, with no comma to set it off
    m_end = k + 1
    return last.measure, k, m_end, last.confidence * 0.9


def _read_candidate(
    document: Document,
    sent: Sentence,
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    c: Candidate,
    cand_at: dict[int, Candidate],
    prior: list[Figure],
) -> Figure | None:
    np_end, gi, group, perp, mi, thing = _noun_phrase(toks, c.j, c.q.kind in ("singular", "generic"))
    if thing or _not_a_count(toks, c, gi, mi):
        return None
    if c.q.kind in ("generic", "named"):
        np_end = _generic_np_end(toks, c.j)
    reading = _find_measure(sent, toks, meas, c, cand_at, prior, np_end, gi, mi)
    if reading is None:
        return None
    (measure, m_start, m_end, conf), parent = reading
    if c.q.kind == "singular" and c.q.text.lower() == "the" and m_start > c.j:
        if any(t.low in (",", ";", ":") for t in toks[c.j : m_start]):
            return None  # "a dispute over the local imam, two people were killed": not the imam's verb
    q = _as_stated(document, toks, c, np_end)
    if measure == "injured" and 0 <= m_start < c.i and toks[m_start].low == "shot" and np_end < len(toks):
        if toks[np_end].low == "dead":
            measure, m_end = "killed", np_end + 1  # "shot one person dead"
    follows = m_start == c.j and toks[m_start].low in ("to", "alive")
    if c.q.kind == "pronoun" and m_start > c.i and not follows:
        return None  # "stoned him to death", "burnt her alive": the rest of the verb follows the pronoun
    lo_tok = min(c.i, m_start) if m_start >= 0 else c.i
    hi_tok = max(np_end, m_end) if m_end >= 0 else max(np_end, c.j)
    start, end = toks[lo_tok].start, toks[hi_tok - 1].end
    group_text = " ".join(t.text for t in toks[c.j : np_end]) if gi >= 0 else ""
    if c.q.kind == "singular" and gi >= 0:
        group_text = " ".join(t.text for t in toks[c.i + 1 : gi + 1])
    fig = Figure(
        id="",
        measure=measure,
        low=q.low,
        best=q.best,
        high=q.high,
        qualifier=q.qualifier,
        group=group or "people",
        group_text=group_text,
        scope="incident",
        text=document.text[start:end],
        start=start,
        end=end,
        sentence=sent.text,
        sentence_start=sent.start,
        confidence=conf * (0.7 if c.q.vague else 1.0),
        perpetrator=perp,
        number_start=c.q.start,
        number_end=c.q.end,
        cue_start=toks[m_start].start if m_start >= 0 else -1,
    )
    if parent is not None:
        fig.subset_of = parent.id
    _group_from_context(document, toks, c, np_end, end, fig)
    return fig


def _not_a_count(toks: list[Tok], c: Candidate, gi: int, mi: int) -> bool:
    """Words that look like a count of victims and are not one."""
    if c.q.vague and gi < 0 and mi < 0 and c.q.text.lower().endswith(" of"):
        return True  # "a number of Israeli publications": a vague count of no people named
    if c.q.kind == "singular" and gi < 0 and not _AGE_ALONE.fullmatch(c.q.text):
        return True  # "a 2-year-old died": the age alone names the person
    if c.q.kind == "singular" and gi >= 0 and toks[gi].low in MODIFIER_GROUPS:
        return True
    if c.i > 1 and (toks[c.i - 2].low, toks[c.i - 1].low) in _OWNER_OF:
        return True  # "a motorbike belonging to a farmer was set ablaze": the owner, not the victim
    # "the coffin of a man who died": mourned, not a new death
    return c.i > 1 and toks[c.i - 1].low == "of" and toks[c.i - 2].low in _MOURNED


Found = tuple[str, int, int, float]


def _find_measure(
    sent: Sentence,
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    c: Candidate,
    cand_at: dict[int, Candidate],
    prior: list[Figure],
    np_end: int,
    gi: int,
    mi: int,
) -> tuple[Found, Figure | None] | None:
    """What the count counts (measure, its tokens, confidence) and the figure it is a subset of."""
    single = c.q.kind in _ONE_PERSON
    found = measure_before(toks, meas, c, cand_at, immediate=True)
    parent = None
    if found is None:
        parent = subset_parent(toks, c, cand_at, prior)
        if parent is not None:
            # "four killed, and 13 others, including ten children, were injured": the subset's
            # own verb outranks the measure of the figure it seems to sit in
            own = measure_after(toks, meas, np_end, cand_at, adjacent=mi, single=single)
            if (
                own is not None
                and own[0] != parent.measure
                and not any(np_end <= i < own[1] for i in cand_at)  # another count owns that verb
            ):
                found, parent = own, None
            elif (c.q.best or 0) > max(v for v in (parent.low, parent.best, parent.high, 0) if v):
                # "killing 21 members, including 14 children, and up to 30 civilians": no part
                # exceeds its whole; a larger count naming its people shares the verb but is no
                # subset, and a bare one ("wounded others, including three severely") is no figure
                if gi < 0:
                    return None
                found, parent = (parent.measure, -1, -1, 0.6), None
            else:
                found = (parent.measure, -1, -1, 0.75)
    if found is None:
        found = measure_after(toks, meas, np_end, cand_at, adjacent=mi, single=single)
    if found is None and (c.q.kind not in ("singular", "generic", "named") or after_joiner(toks, c)):
        read = tuple((f.number_start, f.end) for f in prior)
        found = measure_before(toks, meas, c, cand_at, read=read)
    if found is None and not single and _AMONG_DEAD.search(sent.text):
        found = ("killed", -1, -1, 0.7)
    if found is None:
        found = _shared(toks, c, prior)
    return None if found is None else (found, parent)


def _as_stated(document: Document, toks: list[Tok], c: Candidate, np_end: int) -> Quantity:
    """The count as the words around it state it: "raised from 1 to 4" is 4, "one from each
    side" two, "the toll has passed 1,000" more than 1,000."""
    q = c.q
    if q.kind == "range" and q.text.lower().startswith("from") and c.i > 0 and toks[c.i - 1].low in _RISEN:
        q = replace(q, low=q.high, best=q.high, qualifier="exact")  # "the toll was raised from 1 to 4": now 4
    each_side = _EACH_SIDE.match(document.text, toks[np_end - 1].end)
    if q.low is not None and q.kind in ("digit", "word") and each_side:
        q = replace(q, low=q.low * 2, best=q.low * 2, high=q.low * 2)  # "one person from each side": two
    if q.qualifier == "exact" and c.i > 0 and toks[c.i - 1].low in _PASSED and q.low is not None:
        q = replace(q, qualifier="more_than", best=q.low + 1, high=None)  # "the toll has passed 1,000"
    return q


def _group_from_context(
    document: Document, toks: list[Tok], c: Candidate, np_end: int, end: int, fig: Figure
) -> None:
    """A group the words after the figure give: "a family of five", "nine of the dead were children"."""
    if fig.group == "people" and _FAMILY.match(document.text, toks[np_end - 1].end if np_end > 0 else end):
        fig.group = "civilians"
    if fig.group == "people":
        said = _WERE_GROUP.match(document.text, c.q.end)
        if said and said.group("noun").lower() in GROUPS:  # "nine of the dead were children"
            fig.group = GROUPS[said.group("noun").lower()][0]
            fig.group_text = said.group("noun")
