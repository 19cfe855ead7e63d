"""Links between figures: lists and their sums, repeated mentions, revisions, subsets.

* **Lists.** Figures in one sentence that share one casualty word ("6 commandos,
  5 soldiers … and 15 militants were killed") are parts of a whole: a total
  figure is added with ``parts``, and each part gets ``part_of``.
* **Mentions.** The same claim repeated (headline, lead, body) is one figure;
  the later spans go to the first one's ``mentions`` and the copies are dropped.
* **Revisions.** "initially reported at more than 600 … now risen to over 1,000":
  the later toll ``revises`` the earlier one. A later "the toll rose to N" revises
  the largest earlier toll of the same measure.
* **Subsets** across sentences: "Among the dead were nine children" sits inside
  the largest earlier figure of the same measure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from tollwatch.extract.roots import counts_adults
from tollwatch.model import Document, Figure, Mention, Sentence

_REVISION_LATER = re.compile(
    r"\b(?:risen|rose|rising|climbed|increased|jumped|reached|revised|updated|now\s+stands|has\s+now|"
    r"now\s+at|later\s+(?:rose|put|reported|spoke|said|cited|confirmed|gave))\b",
    re.IGNORECASE,
)
_REVISION_EARLIER = re.compile(
    r"\b(?:initially|earlier|previously|at\s+first|first\s+reported|had\s+said)\b", re.I
)
_SUBSET_SENTENCE = re.compile(
    r"^\s*(?:among\s+(?:them\b|(?:the\s+)?(?:dead|killed|victims|those\s+killed))"
    r"|of\s+(?:those|the\s+dead|the\s+victims))"
    r"|^\s*[\w-]+\s+of\s+(?:the\s+)?(?:dead|victims|those\s+killed)\b"
    r"|\bwere\s+among\s+the\s+(?:dead|killed|victims)\b",
    re.IGNORECASE,
)


def link(figures: list[Figure], sentences: list[Sentence], document: Document) -> None:
    """Link figures in place: lists, mentions, revisions, cross-sentence subsets."""
    figures.extend(_captives_killed(figures, document))
    figures.sort(key=lambda f: f.start)
    _cross_sentence_subsets(figures)
    revisions = _revisions(figures)
    in_revision = {x for pair in revisions for x in pair}
    canonical = _merge_mentions(figures)
    for later, earlier in revisions:
        a, b = canonical.get(later, later), canonical.get(earlier, earlier)
        fig = _by_id(figures, a)
        if fig is not None and a != b and _by_id(figures, b) is not None:
            fig.revises = b
    _enumerations([f for f in figures if f.id not in in_revision and not f.revises], document, figures)


#: "abducted six men … and executed them", "those arrested were subsequently found dead".
_CAPTIVES_KILLED = re.compile(
    r"\b(?:(?:executed|killed|murdered|shot|beheaded)\s+(?:all\s+(?:of\s+)?)?them|"
    r"(?:were|was)\s+(?:(?:later|subsequently|then|all)\s+)?(?:found\s+)?(?:dead|executed|killed|murdered)|"
    r"their\s+(?:bodies|corpses)\s+(?:were|was)\s+(?:\w+\s+)?found)\b",
    re.IGNORECASE,
)


#: The next sentence finds the captives dead: "Their bodies were found in a river days later."
_BODIES_NEXT = re.compile(
    r"\s*(?:Their|The)\s+(?:bodies|corpses)\s+(?:were|are|have\s+been)\s+(?:\w+\s+)?found\b", re.I
)


def _captives_killed(figures: list[Figure], document: Document) -> list[Figure]:
    """A killed figure for captives the same sentence says were then killed."""
    out: list[Figure] = []
    for f in figures:
        if f.measure not in ("kidnapped", "detained") or f.low is None:
            continue
        s0 = f.sentence_start
        m = _CAPTIVES_KILLED.search(f.sentence, f.end - s0)
        end = s0 + m.end() if m is not None else -1
        if m is None and f.end == max(g.end for g in figures if g.sentence_start == s0):
            # "… were detained by police. Their bodies were found days later."
            nxt = _BODIES_NEXT.match(document.text, s0 + len(f.sentence))
            end = f.end if nxt is not None else -1  # the span stays in the captives' own sentence
        later_killed = any(
            g.measure == "killed" and g.sentence_start == s0 and g.start >= f.end for g in figures
        )
        if end < 0 or later_killed:
            continue
        out.append(
            replace(
                f,
                id=f"{f.id}k",
                measure="killed",
                text=document.text[f.start : end],
                end=end,
                confidence=f.confidence * 0.8,
                mentions=[],
            )
        )
    return out


_MORE = re.compile(r"\b(?:more|another|additional|further|other)\b", re.IGNORECASE)
_SEPARATE_EVENT = re.compile(
    r"\b(?:(?:a|in\s+a)\s+(?:second|separate|further|third)|another)\s+(?:attack|incident|strike|raid|ambush|blast|clash)",
    re.IGNORECASE,
)


def _by_id(figures: list[Figure], fid: str) -> Figure | None:
    for f in figures:
        if f.id == fid:
            return f
    return None


def _value(f: Figure) -> int:
    return f.low if f.low is not None else (f.best or 0)


def _same_claim(a: Figure, b: Figure) -> bool:
    if a.measure != b.measure or (a.low, a.best, a.high) != (b.low, b.best, b.high):
        return False
    if a.sentence_start == b.sentence_start or a.subset_of or b.subset_of:
        return False
    if _SEPARATE_EVENT.search(b.sentence):
        return False  # "Nine people were killed in a second attack" is not the first nine again
    if _MORE.search(
        b.sentence[max(0, b.number_start - b.sentence_start - 12) : b.number_end - b.sentence_start + 14]
    ):
        return False  # "2 more died", "another 3": not the same people again
    if a.low == 0 or (a.best is not None and a.best <= 1 and a.group != b.group):
        return False
    return a.group == b.group or "people" in (a.group, b.group)


def _merge_mentions(figures: list[Figure]) -> dict[str, str]:
    """Fold repeated claims into their first figure; return {dropped id: kept id}."""
    canonical: dict[str, str] = {}
    kept: list[Figure] = []
    for f in figures:
        first = next((k for k in kept if _same_claim(k, f)), None)
        twin = next((k for k in kept if _repeated_sentence(k, f)), None)
        if twin is not None:
            first = twin  # the lead printed twice: one claim, even of one person
        elif first is None or f.best is None or (f.best < 2 and f.qualifier == "exact"):
            kept.append(f)
            continue
        first.mentions.append(Mention(f.start, f.end, f.text))
        first.confidence = min(1.0, first.confidence + 0.05)
        if first.group == "people" and f.group != "people":
            first.group, first.group_text = f.group, f.group_text
        if first.source is None:
            first.source = f.source
        canonical[f.id] = first.id
    for f in kept:
        if f.subset_of in canonical:
            f.subset_of = canonical[f.subset_of]
    figures[:] = kept
    return canonical


def _repeated_sentence(first: Figure, later: Figure) -> bool:
    """The same words at the same place in a sentence that the report prints again word for
    word (a lead repeated under the headline): the same claim, whatever its count."""
    return (
        first.sentence_start != later.sentence_start
        and first.sentence == later.sentence
        and first.start - first.sentence_start == later.start - later.sentence_start
        and first.measure == later.measure
        and first.best == later.best
    )


def _revisions(figures: list[Figure]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = _up_from(figures)
    for i, f in enumerate(figures):
        if f.subset_of or f.scope != "incident":
            continue
        before = f.sentence[: f.number_start - f.sentence_start]
        if not _REVISION_LATER.search(before):
            continue
        earlier = [
            g
            for g in figures[:i]
            if g.measure == f.measure
            and g.subset_of is None
            and _value(g) < _value(f)
            and g.scope == "incident"
        ]
        same_sentence = [g for g in earlier if g.sentence_start == f.sentence_start]
        if same_sentence and _REVISION_EARLIER.search(f.sentence):
            pairs.append((f.id, same_sentence[-1].id))
        elif earlier and "toll" in before.lower():
            general = [g for g in earlier if g.group == f.group]
            if general:
                pairs.append((f.id, max(general, key=_value).id))
    return pairs


_UP_FROM = re.compile(r"\b(?:up|down|revised)\s+from\s+(?:an?\s+)?(?:earlier\s+|initial\s+)?$", re.IGNORECASE)


def _up_from(figures: list[Figure]) -> list[tuple[str, str]]:
    """ "has now passed 1,000, up from more than 600": the number after "up from" is the old toll."""
    pairs: list[tuple[str, str]] = []
    for i, old in enumerate(figures):
        before = old.sentence[: old.number_start - old.sentence_start]
        if not _UP_FROM.search(before):
            continue
        newer = [
            g for g in figures[:i] if g.sentence_start == old.sentence_start and g.measure == old.measure
        ]
        if newer:
            pairs.append((newer[-1].id, old.id))
    return pairs


def _cross_sentence_subsets(figures: list[Figure]) -> None:
    for i, f in enumerate(figures):
        if f.subset_of or not _SUBSET_SENTENCE.search(f.sentence):
            continue
        parents = [
            g
            for g in figures[:i]
            if g.measure == f.measure and g.sentence_start != f.sentence_start and _value(g) >= _value(f)
        ]
        if parents:
            f.subset_of = max(parents, key=_value).id
            f.confidence *= 0.9


def _enumerations(candidates: list[Figure], document: Document, figures: list[Figure]) -> None:
    """Add a total for each list of figures sharing one casualty word."""
    groups: dict[tuple[int, str, int], list[Figure]] = {}
    for f in candidates:
        if f.subset_of or (f.low is None and f.best is None):
            continue
        if f.cue_start < 0:
            continue
        groups.setdefault((f.sentence_start, f.measure, f.cue_start), []).append(f)
    totals: list[Figure] = []
    dropped: set[str] = set()
    for (_, measure, _), parts in groups.items():
        if len(parts) < 2:
            continue
        if not _is_list(parts, document.text):
            dropped.update(p.id for p in parts[1:])  # "a driver accused of robbery was beaten to death"
            continue
        if _floor_and_ceiling(parts):
            continue  # "at least four civilians, …, and up to six civilians were killed": one range
        if _appositive_breakdown(parts, document.text):
            for p in parts[1:]:
                p.subset_of = parts[0].id  # "Five people, a mother and four children, died"
            continue
        start = min(p.start for p in parts)
        end = max(p.end for p in parts)
        lows = [p.low for p in parts]
        bests = [p.best or 0 for p in parts]
        highs = [p.high for p in parts]
        qualifiers = {p.qualifier for p in parts}
        total = Figure(
            id=f"t{len(totals) + 1}",
            measure=measure,
            low=sum(x for x in lows if x is not None) if any(x is not None for x in lows) else None,
            best=sum(bests),
            high=sum(x for x in highs if x is not None) if all(x is not None for x in highs) else None,
            qualifier="exact" if qualifiers == {"exact"} else "at_least",
            group="people" if len({p.group for p in parts}) > 1 else parts[0].group,
            group_text="+".join(sorted({p.group for p in parts})),
            scope=parts[0].scope,
            text=document.text[start:end],
            start=start,
            end=end,
            sentence=parts[0].sentence,
            sentence_start=parts[0].sentence_start,
            source=parts[0].source,
            confidence=min(p.confidence for p in parts),
            parts=[p.id for p in parts],
            number_start=parts[0].number_start,
            number_end=parts[-1].number_end,
        )
        for p in parts:
            p.part_of = total.id
        totals.append(total)
    figures[:] = [f for f in figures if f.id not in dropped]
    for t in totals:
        idx = figures.index(next(f for f in figures if f.id == t.parts[0]))
        figures.insert(idx, t)


def _floor_and_ceiling(parts: list[Figure]) -> bool:
    """Two counts of one group, a floor then a higher ceiling: the two ends of one toll."""
    if len(parts) != 2:
        return False
    a, b = parts
    return (
        a.group == b.group
        and a.low is not None
        and b.low is None
        and b.high is not None
        and b.high > a.low
        and a.qualifier in ("at_least", "more_than")
    )


def _appositive_breakdown(parts: list[Figure], text: str) -> bool:
    head, rest = parts[0], parts[1:]
    between = text[head.number_end : rest[0].number_start]
    return (
        "," in between
        and not _BESIDE.search(between)
        and head.low is not None
        and 0 < sum(p.low or 0 for p in rest) <= head.low
        and all(p.group in _WITHIN.get(head.group, {head.group}) for p in rest)
        and not (counts_adults(head) and any(p.group == "children" for p in rest))
        and not _bare_noun_list(head, rest[0], text)
    )  # "two adults, one child dead": the child is none of the adults


def _bare_noun_list(head: Figure, part: Figure, text: str) -> bool:
    """ "Mother, 8-Year-Old Son Shot & Killed": a headline's bare nouns (no article, no number)
    joined by a comma are a list of two; "a man, a member of the gang, was shot" and
    "Ann Lee, a nurse, was killed" are one person."""
    said = text[head.number_start : head.number_end]
    bare = head.low == 1 and said[:1].isupper() and said.lower() not in _ONE_WORDS
    return bare and text[part.number_start : part.number_end].lower() not in _ONE_WORDS


#: Words that count one person ("One person, a boy, died"), never a bare noun.
_ONE_WORDS = frozenset(("one", "a", "an", "the", "another", "person", "victim"))


#: "…, along with two others", "…, as was one of the gunmen": more people, not a breakdown.
_BESIDE = re.compile(r"\b(?:along|together)\s+with\b|\bas\s+(?:was|were)\b", re.I)
#: Which groups a breakdown of a stated whole may name ("five children: two boys, two girls, an infant").
_WITHIN = {
    "people": {"people", "civilians", "children", "women", "men", "security_forces", "militants"},
    "civilians": {"people", "civilians", "children", "women", "men"},
    "children": {"children", "people"},
    "women": {"women", "people"},
    "men": {"men", "people"},
}


def _is_list(parts: list[Figure], text: str) -> bool:
    """Parts joined by "and" or commas, as in "6 commandos, 5 soldiers and 15 militants"
    (or "alongside": "killing the imam alongside 11 relatives")."""
    for a, b in pairwise(parts):
        between = text[a.number_end : b.number_start]
        if not re.search(
            r",|\band\b|&|\bas\s+well\s+as\b|\bplus\b|\balongside\b|\b(?:along|together)\s+with\b", between
        ):
            return False
    return True
