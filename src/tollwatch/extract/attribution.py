"""Who says so, and what a figure counts: the named source and the scope.

Source: "according to X", "X said/reported/told", "said X". A sentence with
none inherits the previous sentence's source only when it plainly continues
it ("Additionally, …", "The group also said …"), never across paragraphs.

Scope: ``cumulative`` for running totals ("since October", "so far this
year"), ``background`` for earlier events recalled ("after a man was killed",
"last week", "had been killed"), otherwise ``incident``. Cues are looked for
in the figure's own clause: from the sentence start to the figure, and after
it up to the next comma.
"""

from __future__ import annotations

import re

from tollwatch import settings
from tollwatch.extract.lexicon import cue
from tollwatch.model import Document, Figure, Sentence

_WORD = r"(?:[A-Z][\w’'&.-]*|al|of|for|and|the|de|du|on)"
_NAME = rf"(?:the\s+)?(?P<src>{_WORD}(?:\s+{_WORD})*)"
_COMMON = (
    r"(?P<common>(?:local\s+|security\s+|hospital\s+|medical\s+|health\s+|government\s+|official\s+)?"
    r"(?:police|officials|residents|witnesses|medics|sources|authorities|the\s+military|the\s+army|"
    r"rescuers|activists|locals|relatives|[Tt]he\s+(?:rebels|militants|insurgents|jihadists|attackers|army|military)|"
    r"(?:[Tt]he|a)\s+(?:[a-z]+\s+){0,2}?(?:ministry|spokesman|spokeswoman|"
    r"spokesperson|governor|official|commander|mayor|monitor|group|agency|minister|chief|observatory|"
    r"organi[sz]ation|hospital|council|committee))\b)"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?:{_COMMON}|{_NAME})")
_SAID_VERBS = (
    "said|says|reported|reports|told|confirmed|stated|announced|"
    "claimed|added|put|puts|gave|counted|estimated|recorded"
)
_SAID = re.compile(rf"(?:{_COMMON}|{_NAME})\s+(?:also\s+)?(?:{_SAID_VERBS})\b")
_SAID_AFTER_VERBS = "said|says|reported|told"
_SAID_AFTER = re.compile(rf"\b(?:{_SAID_AFTER_VERBS})\s+(?:{_COMMON}|{_NAME})")
#: Each source pattern with words it cannot match without: a cheap test skips the pattern
#: (which would otherwise try every position of the sentence).
_SOURCE_PATTERNS = (
    (_ACCORDING, ("ccording",)),
    (_SAID, tuple(_SAID_VERBS.split("|"))),
    (_SAID_AFTER, tuple(_SAID_AFTER_VERBS.split("|"))),
)
_BAD_SOURCE = re.compile(r"^(?:The|A|An|It|He|She|They|This|That|We|I|On|In|Police said)$")


def find_source(text: str) -> str | None:
    """The named source of a sentence, or ``None``."""
    for pat, needs in _SOURCE_PATTERNS:
        m = pat.search(text) if any(w in text for w in needs) else None
        if m:
            src = m.group("common") or m.group("src")
            src = re.sub(r"^(?:the|The)\s+", "", src.strip())
            src = re.sub(r"\s+(?:of|for|and|the|on|de|du|al)$", "", src)
            if src and not _BAD_SOURCE.match(src):
                return src
    return None


def attribute(figures: list[Figure], sentences: list[Sentence], document: Document) -> None:
    """Set ``source`` and ``scope`` on each figure, in place."""
    if not figures:
        return  # speed: nothing to set
    sources = _sentence_sources(sentences, {f.sentence_start for f in figures})
    text = document.text
    year = document.published.year if document.published else None
    month = document.published.month if document.published else None
    with_figures = {f.sentence_start for f in figures}
    unverified = _unverified_sentences(sentences, with_figures)
    for f in figures:
        f.source = sources.get(f.sentence_start)
        f.scope = scope_of(f, text, year, month)
        if f.sentence_start in unverified:
            f.unverified = True
            f.confidence *= 0.6
        denied = cue("denied", f.sentence) if any(w in f.sentence for w in _DENY_WORDS) else None
        if denied is not None and f.number_start - f.sentence_start > denied.start():
            f.scope = "background"  # "the governor denied reports that 12 people were shot dead"
    if _PROTEST.search(text):
        _protest_causes(figures, text)
    _anaphora_in_background(figures)


def _anaphora_in_background(figures: list[Figure]) -> None:
    """ "protested the killing of a student … The student was lynched": the same, earlier death.

    A definite single victim ("the student") that follows only background deaths points back
    to one of them, and is background too. A pronoun may point to anyone named before.
    """
    seen_incident = seen_background = False
    for f in sorted(figures, key=lambda x: x.start):
        if f.measure != "killed":
            continue
        word = f.sentence[f.number_start - f.sentence_start : f.number_end - f.sentence_start].lower()
        if f.scope == "incident" and word == "the" and seen_background and not seen_incident:
            f.scope = "background"
        elif f.scope == "incident":
            seen_incident = True
        elif f.scope == "background":
            seen_background = True


_AFTER = re.compile(r"\bafter\b", re.I)
_ROAD_ACCIDENT = re.compile(
    r"\b(?:(?:road|traffic|car|motor|fatal)\s+accident|accidentally\s+(?:knocked|hit|ran)|collision|collided|"
    r"lost\s+control)\b",
    re.I,
)
_DENY_WORDS = ("denied", "dismissed", "refuted", "rejected")
_DEATH_NOUNS = ("death", "killing", "murder", "lynching")
#: Words of the "protest_trigger" cue that _PROTEST lacks (a cheap test before the pattern).
_PROTEST_HINTS = ("march", "rall", "staged", "storm", "torched", "took to", "held a")
#: Words without which no "alleged_crime" cue can match (a cheap test before the pattern).
_SUSPECT_WORDS = (
    "suspected",
    "accused",
    "arrested",
    "jailed",
    "charged",
    "convicted",
    "wanted",
    "sentenced",
    "behind",
)
#: Words without which no "scope_cumulative" cue can match (a cheap test before the patterns).
_CUMULATIVE_WORDS = (
    "since", "far", "date", "year", "cumulative", "last", "past", "recent", "war", "conflict", "now",
    "separate", "different", "unrelated", "first", "second", "third", "latest", "annually", "average",
)  # fmt: skip
#: Words without which no "scope_background" cue can match (a cheap test before the patterns).
_BACKGROUND_WORDS = ("last", "ago", "before", "earlier", "previous", "had")
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b", re.I)
#: A protest, a riot or a road block: the words of a note about a demonstration.
_PROTEST = re.compile(r"\b(?:protest|demonstrat|riot|barricad|blocked|blocking)", re.I)
_BODY_WORDS = ("body", "bodies", "corpse", "corpses", "remains")


def _protest_causes(figures: list[Figure], text: str) -> None:
    """A body that a protest is about is the protest's cause, not its toll.

    ACLED codes a demonstration apart from the killing that set it off: "villagers
    kept officers from taking away a trader's body", "the march began once a body
    turned up". A death counted by its body, in a sentence about the protest, is
    background. Deaths in the protest itself ("police shot dead two protesters") stay,
    and so do bodies counted after a clash, in a sentence of their own.
    """
    for f in figures:
        if f.measure != "killed" or f.scope != "incident" or f.cue_start < 0:
            continue
        cue_word = text[f.cue_start : f.cue_start + 8].split(maxsplit=1)[0].lower()
        if cue_word in _BODY_WORDS and _PROTEST.search(f.sentence):
            f.scope = "background"


def _sentence_sources(sentences: list[Sentence], wanted: set[int]) -> dict[int, str | None]:
    """The source of each wanted sentence (by start offset), read only where needed."""
    cache: dict[int, str | None] = {}

    def source_at(i: int) -> str | None:
        s = sentences[i]
        if s.start not in cache:
            src = find_source(s.text)
            same_par = i > 0 and sentences[i - 1].paragraph == s.paragraph
            if src is None and same_par and cue("continuation", s.text):
                src = source_at(i - 1)
            cache[s.start] = src
        return cache[s.start]

    return {s.start: source_at(i) for i, s in enumerate(sentences) if s.start in wanted}


def _unverified_sentences(sentences: list[Sentence], with_figures: set[int]) -> set[int]:
    """Sentences whose figures the text says could not be verified (that sentence or the next)."""
    out: set[int] = set()
    for i, s in enumerate(sentences):
        prev = sentences[i - 1] if i > 0 else None
        # Speed: only sentences with figures, and the short sentence after one, are read.
        own = s.start in with_figures
        after = (
            prev is not None
            and prev.start in with_figures
            and prev.paragraph == s.paragraph
            and len(s.text) < 120
            and not own
        )
        # Every "claimed" cue says "claim", every "unverified" one "verified" or "confirmed".
        low = s.text.lower()
        if own and "claim" in low and cue("claimed", s.text):
            out.add(s.start)
        if (own or after) and ("verified" in low or "confirmed" in low) and cue("unverified", s.text):
            out.add(s.start)
            if after:
                assert prev is not None
                out.add(prev.start)
    return out


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_DATED_YEAR = re.compile(
    r"\b(?:(?:in|since|of|on)(?:\s+[A-Z]\w+)?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?|\d{1,2}(?:st|nd|rd|th)?\s+\w+,?)"
    r"\s+(19[5-9]\d|20\d\d)\b"
)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
#: "In August, three men were found dead": a month alone (no day, no year) names a period.
_IN_MONTH = re.compile(
    r"\b(?:in|since|during|back\s+in|last|earlier\s+in)\s+(?P<month>" + "|".join(_MONTHS) + r")\b(?!\s+\d)",
    re.I,
)


def _other_month(clause: str, month: int | None) -> bool:
    """Is the clause set "in August" when the report is from another month: an earlier case?"""
    if month is None or not any(m in clause.lower() for m in ("in ", "since", "last", "during")):
        return False
    return any(_MONTHS.index(m.group("month").lower()) + 1 != month for m in _IN_MONTH.finditer(clause))


#: "Thomas is accused of killing her brother", "a teen was charged in the death of …": the charge
#: is what the sentence reports, so the killing charged is the report's own incident.
_CHARGED = re.compile(
    r"\b(?P<subj>[\w'’-]+),?\s+(?:is|was|were|are|has\s+been|have\s+been)\s+(?:(?:now|also|formally)\s+)?"
    r"(?:accused|charged)\b",
    re.I,
)


def _charge_is_the_news(left: str) -> bool:
    """Is the charge the sentence's own news ("X is accused of …"), not an aside about a person
    something else happened to ("lynched a man suspected of …", "a girl who was sentenced for …")?"""
    m = _CHARGED.search(left)
    return m is not None and m.group("subj").lower() not in ("who", "whom", "that", "which")


def scope_of(f: Figure, text: str, year: int | None = None, month: int | None = None) -> str:
    """``incident``, ``cumulative`` or ``background`` for one figure."""
    s0 = f.sentence_start
    s1 = s0 + len(f.sentence)
    stop = s1
    for ch in ",;":
        p = text.find(ch, f.end, s1)
        if p != -1:
            stop = min(stop, p)
    rel = _RELATIVE.search(text, f.end, stop)
    if rel is not None:
        stop = rel.start()  # "executed a man who had earlier …": the relative clause is the man's past
    clause = text[s0:stop]
    if cue("coded_elsewhere", text[f.start : min(s1, f.end + 40)]):
        return "background"  # the text says this toll belongs to another coded event
    clause_low = clause.lower()
    if any(w in clause_low for w in _CUMULATIVE_WORDS) and cue("scope_cumulative", clause):
        return "cumulative"
    if any(w in clause_low for w in _BACKGROUND_WORDS) and cue("scope_background", clause):
        return "background"
    if year is not None:
        near = text[max(s0, f.number_start - settings.BACKGROUND_WINDOW_CHARS) : f.number_start]
        years = _YEAR.findall(near) + _DATED_YEAR.findall(text[f.number_end : stop])
        if any(int(y) < year for y in years):
            return "background"
    if _other_month(text[s0 : f.number_start], month):
        return "background"  # "In August, three men were found dead", told in March
    left = text[s0 : f.number_start]
    low = f.sentence.lower()
    crash = "accident" in low or "colli" in low or "lost control" in low
    if crash and f.measure == "killed" and _ROAD_ACCIDENT.search(text, s0, s1):
        return "background"  # a road crash is no act of violence; the riot it set off is coded apart
    suspect = any(w in low for w in _SUSPECT_WORDS)
    alleged = suspect and 0 <= f.cue_start < f.number_start and cue("alleged_crime", left)
    if alleged and not _charge_is_the_news(left):
        return "background"  # "a man arrested in July for killing 10 children": the suspect's past crime
    upto = low[: f.number_end - s0]
    death_of = any(w in upto for w in _DEATH_NOUNS)  # a cheap test before the patterns
    if death_of and (cue("death_of_background", text[s0 : f.number_end]) or cue("death_of_background", left)):
        return "background"  # "residents protested the death of a man in custody"
    protest = _PROTEST.search(f.sentence) is not None
    if protest and _AFTER.search(left) and _PROTEST.search(text, f.end, s1):
        return "background"  # "after robbers killed a teacher, residents blocked roads in protest"
    hinted = protest or any(w in low for w in _PROTEST_HINTS)
    m = cue("protest_trigger", left) if hinted else None
    if m and len(left) - m.end() <= settings.BACKGROUND_WINDOW_CHARS:
        return "background"  # "residents protested after police shot a man": the death is coded apart
    w0 = max(s0, f.number_start - settings.BACKGROUND_WINDOW_CHARS)
    m = cue("background_trigger", text[w0 : f.number_end])
    if m and m.end() >= f.number_start - w0 - 2:
        return "background"
    return "incident"
