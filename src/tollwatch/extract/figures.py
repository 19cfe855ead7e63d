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
from dataclasses import dataclass

from tollwatch import settings
from tollwatch.extract import attribution, links, victims
from tollwatch.extract.lexicon import (
    AUXILIARIES,
    CLAUSE_STOPS,
    GROUPS,
    MEASURE_PHRASES,
    MEASURE_WORDS,
    MONTHS,
    SENTENCE_FILTER,
    SUBSET_CUES,
    THINGS,
    TRANSITIVE_PARTICIPLES,
)
from tollwatch.extract.numbers import find_quantities, word_value
from tollwatch.model import Document, Figure, Quantity, Sentence

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
_SINGULAR_NOUNS = "|".join(
    sorted((w for w in GROUPS if not w.endswith("s") or w in ("bus",)), key=len, reverse=True)
)
_SINGULAR = re.compile(
    rf"\b(?:a|an|another)\s+(?:\w[\w-]*\s+){{0,3}}?(?:{_SINGULAR_NOUNS})\b", re.IGNORECASE
)
_SINGULAR_GENERIC = re.compile(
    r"\b(?P<art>[Aa]n?)\s+(?!unknown\b|unspecified\b|undetermined\b|number\b|group\b|total\b|lot\b|series\b|couple\b|few\b)(?:\w[\w-]*\s+){0,3}?[A-Za-z][\w-]*(?=,?\s+(?:was|is|has\s+been|had\s+been|got)\s)"
    r"|\b(?P<art4>[Aa]n?)\s+(?!unknown\b|number\b|group\b|total\b)(?:\w[\w-]*\s+){0,3}?[A-Za-z][\w-]*"
    r"(?=\s+and\s+(?:a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|\d+|his|her|their)\b)"
    r"|\band\s+(?P<art5>his|her|their)\s+(?:[a-z]+\s+){0,2}?(?:brother|sister|son|daughter|father|mother|wife|"
    r"husband|child|uncle|nephew|niece|cousin|driver|bodyguard|friend|colleague|grandson|granddaughter|"
    r"grandmother|grandfather|relative|neighbou?r)\b"
    r"|\b(?:killed|murdered|lynched|lynches|executed|assassinated|beheaded|killing|kills|kill|dead|murders)"
    r"\s+(?P<art2>a|an|the|his|her)\b(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"(?!\s+(?:family|group|total|number)\s+of\b)"
    r"|\b(?P<art3>[Tt]he)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*(?=\s+(?:was|has\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|shot\s+dead|murdered|executed|lynched|beheaded|assassinated|found\s+(?:dead|executed|murdered))\b)",
)
_NAMED = re.compile(
    r"(?<!the )(?<!of )(?<!The )\b(?!Al\b|The\b|Police\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2},?(?:\s+\d{1,2},)?\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?"
    r"(?=(?:shot\s+dead|killed|murdered|lynched|executed|assassinated|beheaded|stabbed\s+to\s+death|found\s+dead|"
    r"shot\s+and\s+killed|gunned\s+down)\b)"
)
_DEATH_OF_NAMED = re.compile(
    r"\b(?:death|killing|murder|assassination)\s+of\s+(?:(?:\d+|[a-z]+)-year-old\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+(?:al-|Al-|el-|El-|bin\s+|abu\s+|Abu\s+)?[A-Z][\w’'-]+)+)"
)
_LATER_DIED = re.compile(
    r"\b(?P<pron>[Hh]e|[Ss]he)\s+(?:(?:later|subsequently|eventually)\s+)?(?:died|succumbed|"
    r"(?:was|had\s+been)\s+(?:(?:later|subsequently|then)\s+)?(?:found\s+)?(?:killed|executed|murdered|"
    r"shot\s+dead|beheaded|lynched|dead))\b"
)
_PRONOUN = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing)|shot|stabb(?:ed|ing)|execut(?:ed|ing)|"
    r"lynch(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing)|"
    r"behead(?:ed|ing)|assassinat(?:ed|ing))\s+(?:him|her)\b",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\b(?:no\s+(?:one|body)|nobody|none)\s+(?:\w+\s+){0,2}?(?:was|were|got|has\s+been|had\s+been)\s+"
    r"(?P<w1>killed|injured|hurt|wounded|harmed|abducted|kidnapped)"
    r"|\bno\s+(?:(?:immediate|reported|known)\s+)?(?P<w2>casualties|deaths|fatalities|injuries|"
    r"loss\s+of\s+life|lives\s+were\s+lost|one\s+died|one\s+was\s+killed)"
    r"|\bwithout\s+(?:any\s+)?(?P<w3>casualties|injuries|fatalities)",
    re.IGNORECASE,
)
_ZERO_MEASURE = {
    "killed": "killed", "deaths": "killed", "fatalities": "killed", "loss of life": "killed",
    "lives were lost": "killed", "one died": "killed", "one was killed": "killed",
    "injured": "injured", "hurt": "injured", "wounded": "injured", "harmed": "casualties",
    "injuries": "injured", "casualties": "casualties", "abducted": "kidnapped", "kidnapped": "kidnapped",
}  # fmt: skip
_NOT_PEOPLE_BEFORE = frozenset(
    "geoprecision precision level phase zone sector grade form class page article section chapter".split()
) | frozenset(["aged", "age", "$", "£", "€", "ksh", "no", "number", "route", "past", "until", "by"])
_NOT_PEOPLE_AFTER = frozenset(["am", "pm", "a.m", "p.m", "%", "per", "percent", ":", "-year-old", "year-old", "years-old"])


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Cand:
    q: Quantity
    i: int  # first token
    j: int  # one past the last token


def find_figures(document: Document, sentences: list[Sentence]) -> list[Figure]:
    """Return every casualty figure in ``document``, linked and attributed."""
    figures: list[Figure] = []
    list_start = victims.list_start(document.text)
    for sent in sentences:
        if sent.start >= list_start:
            break
        if not SENTENCE_FILTER.search(sent.text):
            continue
        figures.extend(_read_sentence(document, sent, len(figures)))
    attribution.attribute(figures, sentences, document)
    links.link(figures, sentences, document)
    figures.extend(victims.read_victim_lists(document, len(figures)))
    return figures


def tokenize(text: str, offset: int) -> list[Tok]:
    return [
        Tok(m.start() + offset, m.end() + offset, m.group(0), m.group(0).lower())
        for m in _TOKEN.finditer(text)
    ]


def _candidates(sent: Sentence, toks: list[Tok]) -> list[_Cand]:
    qs = find_quantities(sent.text, sent.start)
    for m in _SINGULAR.finditer(sent.text):
        words = m.group(0).split()
        if words[-1].lower() in _MODIFIER_GROUPS:
            continue  # "a police detective": the head noun comes later
        if any(w[0].isdigit() or word_value(w) is not None for w in words[1:-1]):
            continue  # "another 34 people": a number, read as such
        s = sent.start + m.start()
        art = m.group(0).split()[0]
        qs.append(Quantity(s, s + len(art), art, 1, 1, 1, "exact", False, "singular"))
    taken = [(q.start, q.end) for q in qs]
    for m in _SINGULAR_GENERIC.finditer(sent.text):
        g = next(k for k in ("art", "art2", "art3", "art4", "art5") if m.group(k))
        s = sent.start + m.start(g)
        if not any(a <= s < b for a, b in taken):
            art = m.group(g)
            qs.append(Quantity(s, s + len(art), art, 1, 1, 1, "exact", False, "generic"))
    for m in _NAMED.finditer(sent.text):
        s = sent.start + m.start()
        name_end = s + len(m.group(0).split(",")[0].split(" was")[0].split(" is")[0].split(" has")[0])
        qs.append(
            Quantity(s, name_end, document_text_slice(sent, s, name_end), 1, 1, 1, "exact", False, "named")
        )
    for m in _LATER_DIED.finditer(sent.text):
        s = sent.start + m.start("pron")
        qs.append(Quantity(s, s + len(m.group("pron")), m.group("pron"), 1, 1, 1, "exact", False, "generic"))
    for m in _DEATH_OF_NAMED.finditer(sent.text):
        s = sent.start + m.start("name")
        qs.append(Quantity(s, sent.start + m.end("name"), m.group("name"), 1, 1, 1, "exact", False, "named"))
    singular_spans = [(sent.start + m.start(), sent.start + m.end()) for m in _SINGULAR.finditer(sent.text)]
    qs = [
        q
        for q in qs
        if q.kind in ("singular", "generic", "named") or not any(a < q.start < b for a, b in singular_spans)
    ]
    for m in _PRONOUN.finditer(sent.text):
        pron = m.group(0).split()[-1]
        e = sent.start + m.end()
        qs.append(Quantity(e - len(pron), e, pron, 1, 1, 1, "exact", False, "pronoun"))
    qs.sort(key=lambda q: q.start)
    out: list[_Cand] = []
    ti = 0
    for q in qs:
        while ti < len(toks) and toks[ti].end <= q.start:
            ti += 1
        tj = ti
        while tj < len(toks) and toks[tj].start < q.end:
            tj += 1
        if tj > ti and not (out and out[-1].j > ti):
            out.append(_Cand(q, ti, tj))
    return out


def document_text_slice(sent: Sentence, start: int, end: int) -> str:
    return sent.text[start - sent.start : end - sent.start]


def _read_sentence(document: Document, sent: Sentence, base: int) -> list[Figure]:
    toks = tokenize(sent.text, sent.start)
    meas = _measure_index(toks)
    cands = _candidates(sent, toks)
    cand_at = {c.i: c for c in cands}
    out: list[Figure] = []
    for c in cands:
        if _not_people(c, toks):
            continue
        fig = _read_candidate(document, sent, toks, meas, c, cand_at, out)
        if fig is not None:
            fig.id = f"f{base + len(out) + 1}"
            out.append(fig)
    out.extend(_zero_figures(document, sent, base + len(out)))
    return out


def _measure_index(toks: list[Tok]) -> list[tuple[str, str, int] | None]:
    """For each token, the (measure, side, end token) of a casualty word starting there."""
    out: list[tuple[str, str, int] | None] = [None] * len(toks)
    for i, t in enumerate(toks):
        for phrase, (measure, side) in MEASURE_PHRASES.items():
            n = len(phrase)
            if t.low == phrase[0] and tuple(x.low for x in toks[i : i + n]) == phrase:
                out[i] = (measure, side, i + n)
                break
        else:
            hit = MEASURE_WORDS.get(t.low)
            if t.low == "fatally" and i + 1 < len(toks):
                out[i] = ("killed", "both", i + 2)
            elif hit is not None:
                out[i] = (hit[0], hit[1], i + 1)
    for i in range(len(toks) - 2):
        if toks[i + 1].low == "to" and toks[i + 2].low == "death" and toks[i].low.endswith(("ed", "en")):
            out[i] = ("killed", "both", i + 3)  # "stoned to death", "beaten to death"
    # "shot and killed", "attacked and killed": the coordinated verb decides
    for i in range(len(toks) - 2):
        nxt = out[i + 2]
        if toks[i + 1].low == "and" and nxt is not None and nxt[0] == "killed":
            if out[i] is None or out[i][0] == "injured":  # type: ignore[index]
                if toks[i].low.endswith("ed") or out[i] is not None:
                    out[i] = ("killed", "both", nxt[2])
    for i in range(len(toks) - 2):
        cur = out[i]
        if cur is not None and cur[0] == "killed" and toks[i + 1].low == "and" and out[i + 2] is None:
            if toks[i + 2].low.endswith("ed") or toks[i + 2].low in ("burnt", "hung"):
                out[i + 2] = ("killed", "before", i + 3)
    for i, _t in enumerate(toks):
        if out[i] is not None and i > 0 and toks[i - 1].low in _HYPOTHETICAL:
            out[i] = None
        elif out[i] is not None and i > 2 and toks[i - 1].low in ("have", "of") and toks[i - 2].low in _ALLEGED:
            out[i] = None
        elif out[i] is not None and i > 2 and toks[i - 1].low == "have" and toks[i - 3].low in _ALLEGED:
            out[i] = None
    return out


#: "suspected to have killed", "accused of murdering": an allegation about someone, not a new death.
_ALLEGED = frozenset(("suspected", "accused", "alleged", "believed", "charged", "convicted"))

#: Words before a casualty verb that say it did not happen ("threatened to kill", "nearly kills").
_HYPOTHETICAL = frozenset(["to", "nearly", "almost", "attempted", "tried", "threatening", "threatened", "not"])


def _not_people(c: _Cand, toks: list[Tok]) -> bool:
    q = c.q
    if q.kind == "digit" and "." in q.text.split()[-1]:
        return True
    prev = toks[c.i - 1].low if c.i > 0 else ""
    nxt = toks[c.j].low if c.j < len(toks) else ""
    if prev in _NOT_PEOPLE_BEFORE or nxt in _NOT_PEOPLE_AFTER or prev in MONTHS or nxt in MONTHS:
        return True
    if nxt == "-" and c.j + 1 < len(toks) and toks[c.j + 1].low.startswith("year"):
        return True
    if any("year" in t.low for t in toks[c.i : c.j]) or nxt == "/" or prev == "/":
        return True
    if prev == "of" and c.i > 1 and toks[c.i - 2].low in ("father", "mother", "parent"):
        return True
    if prev == "(" and nxt in (")", ","):
        return True  # an age after a name: "Hikmat al-Maqousi (72)"
    if q.kind == "digit" and q.best is not None and 1900 <= q.best <= 2100 and nxt not in GROUPS:
        return True
    return q.kind == "digit" and nxt in ("th", "st", "nd", "rd")


def _noun_phrase(toks: list[Tok], j: int, single: bool = False) -> tuple[int, int, str | None, bool, int, bool]:
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
        if t in THINGS and not (single and k + 1 < n and toks[k + 1].text.isalpha() and toks[k + 1].text.islower()
                                and toks[k + 1].low not in _NP_STOPS and toks[k + 1].low not in AUXILIARIES
                                and toks[k + 1].low not in MEASURE_WORDS):
            return k, -1, None, False, -1, True
        if t in GROUPS and t not in MEASURE_WORDS:
            g, p = GROUPS[t]
            if group is None or group == "people" or (g != "people" and g != "security_forces"):
                group, perp = g, p or perp
            gi = k
            k += 1
            if k < n and toks[k].low in GROUPS:
                continue
            return k, gi, group, perp, -1, False
        if t in MEASURE_WORDS or (k + 1 < n and (t, toks[k + 1].low) in _PHRASE_STARTS):
            return k, gi, group, perp, k, False
        if t == "of" and k + 1 < n and toks[k + 1].low in ("the", "those", "their", "his", "her", "lives"):
            k += 1 if toks[k + 1].low == "lives" else 2
            continue
        if t in ("and", "or", "/") and k + 1 < n and (toks[k + 1].text[0].isupper() or toks[k + 1].low in ("/", "or")):
            k += 1
            continue
        if not t[0].isalnum() or t in AUXILIARIES or t in CLAUSE_STOPS or t in _NP_STOPS:
            break
        mods += 1
        k += 1
    return (gi + 1 if gi >= 0 else j), gi, group, perp, -1, False


#: Group words that qualify a noun rather than name people ("a military vehicle").
_MODIFIER_GROUPS = frozenset(
    ["police", "military", "security", "army", "navy", "armed", "forces", "taliban", "shabaab", "al-shabaab", "jnim", "isgs", "kdf", "vdp"]
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
    ["and", "or", "in", "at", "on", "by", "from", "with", "for", "during", "after", "before", "near", "into", "as", "the", "a", "an", "this", "that", "these", "those", "their", "his", "her", "its", "there", "who", "which", "what", "more"]
)
_LIST_JOINERS = frozenset({",", "and", "&"})


def _read_candidate(
    document: Document,
    sent: Sentence,
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    c: _Cand,
    cand_at: dict[int, _Cand],
    prior: list[Figure],
) -> Figure | None:
    np_end, gi, group, perp, mi, thing = _noun_phrase(toks, c.j, c.q.kind in ("singular", "generic"))
    if thing:
        return None
    if c.q.kind == "singular" and gi < 0:
        return None
    if c.q.kind == "singular" and gi >= 0 and toks[gi].low in _MODIFIER_GROUPS:
        return None
    if c.q.kind in ("generic", "named"):
        np_end = _generic_np_end(toks, c.j)
    found = _measure_before(toks, meas, c, cand_at, immediate=True)
    subset_parent = None
    if found is None:
        subset_parent = _subset_parent(toks, c, cand_at, prior)
        if subset_parent is not None:
            found = (subset_parent.measure, -1, -1, 0.75)
    if found is None:
        found = _measure_after(toks, meas, np_end, cand_at, adjacent=mi)
    if found is None and (c.q.kind not in ("singular", "generic", "named") or _after_joiner(toks, c)):
        found = _measure_before(toks, meas, c, cand_at)
    if found is None:
        return None
    measure, m_start, m_end, conf = found
    if c.q.kind == "pronoun" and m_start > c.i:
        return None
    lo_tok = min(c.i, m_start) if m_start >= 0 else c.i
    hi_tok = max(np_end, m_end) if m_end >= 0 else max(np_end, c.j)
    start, end = toks[lo_tok].start, toks[hi_tok - 1].end
    group_text = " ".join(t.text for t in toks[c.j : np_end]) if gi >= 0 else ""
    if c.q.kind == "singular" and gi >= 0:
        group_text = " ".join(t.text for t in toks[c.i + 1 : gi + 1])
    fig = Figure(
        id="",
        measure=measure,
        low=c.q.low,
        best=c.q.best,
        high=c.q.high,
        qualifier=c.q.qualifier,
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
    if subset_parent is not None:
        fig.subset_of = subset_parent.id
    if fig.group == "people" and _FAMILY.match(document.text, toks[np_end - 1].end if np_end > 0 else end):
        fig.group = "civilians"
    return fig


def _measure_after(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    k: int,
    cand_at: dict[int, _Cand],
    adjacent: int,
) -> tuple[str, int, int, float] | None:
    """A casualty word after the victims: "3 dead", "were killed", "… and 15 militants were killed"."""
    if adjacent >= 0:
        m = meas[adjacent]
        assert m is not None
        if m[1] != "before" or toks[adjacent].low in ("deaths", "death", "bodies", "lives", "body", "corpse"):
            if toks[adjacent].low not in TRANSITIVE_PARTICIPLES or not _has_object(toks, m[2], cand_at):
                return m[0], adjacent, m[2], 0.95
    n = len(toks)
    aux = False
    steps = 0
    limit = settings.VERB_SCAN_TOKENS
    while k < n and steps < limit:
        t = toks[k]
        m = meas[k]
        if m is not None and m[1] != "before":
            if m[2] in cand_at and (t.low in TRANSITIVE_PARTICIPLES or m[2] - k > 1):
                return None  # "drivers fatally stabbed two drivers": the verb of the next number
            participle = t.low in TRANSITIVE_PARTICIPLES
            if not participle or aux or not _has_object(toks, m[2], cand_at):
                return m[0], k, m[2], 0.9 - 0.02 * steps
            return None
        if t.low in AUXILIARIES:
            aux = aux or t.low in _PASSIVE_AUX
        elif t.low in _LIST_JOINERS and (k + 1 in cand_at or (k + 2 in cand_at and toks[k + 1].low == "and")):
            limit += settings.VERB_SCAN_LIST_BONUS
        elif k in cand_at:
            pass
        elif t.low == "and" and k + 1 < n and meas[k + 1] is not None and (aux or toks[k - 1].low.endswith("ed")):
            pass
        elif t.low == "(":
            k = _closing(toks, k) + 1
            steps += 1
            continue
        elif t.low == "," and k + 1 < n and toks[k + 1].low in ("including", "among", "mostly", "mainly"):
            close = _next_comma(toks, k + 1)
            if close < 0:
                return None
            k = close + 1
            steps += 1
            continue
        elif t.low in CLAUSE_STOPS or t.low in (";", ":", ".", "!", "?", "and", "or", "but"):
            return None
        elif t.low == ",":
            if not (k + 1 < n and toks[k + 1].low in AUXILIARIES):
                return None
        k += 1
        steps += 1
    return None


_PASSIVE_AUX = frozenset("was were been being is are be got get".split())


def _after_joiner(toks: list[Tok], c: _Cand) -> bool:
    """"… a father and his son", "two herders and a child": a later item of a list."""
    return c.i > 0 and toks[c.i - 1].low in ("and", ",", "&") or (c.q.text.lower() in ("his", "her", "their"))


def _closing(toks: list[Tok], k: int) -> int:
    """Index of the ")" closing the "(" at k (or k when there is none within 12 tokens)."""
    for e in range(k + 1, min(len(toks), k + 12)):
        if toks[e].low == ")":
            return e
    return k


def _next_comma(toks: list[Tok], k: int) -> int:
    for e in range(k, min(len(toks), k + 12)):
        if toks[e].low == ",":
            return e
        if toks[e].low in (";", "."):
            return -1
    return -1


def _has_object(toks: list[Tok], k: int, cand_at: dict[int, _Cand]) -> bool:
    """True when a transitive verb at k-1 has an object: "shot two people", "killed a man"."""
    if k >= len(toks):
        return False
    t = toks[k]
    return (
        k in cand_at
        or t.low in ("a", "an", "the", "his", "her", "their", "him", "them")
        or (t.text[:1].isupper() and t.low not in ("in", "on", "at"))
    )


def _measure_before(
    toks: list[Tok],
    meas: list[tuple[str, str, int] | None],
    c: _Cand,
    cand_at: dict[int, _Cand],
    immediate: bool = False,
) -> tuple[str, int, int, float] | None:
    """A casualty word before the victims: "killing 4", "the deaths of 3", "toll rose to 12".

    With ``immediate``, only a verb right before the number counts ("killed at least 5").
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
            return None
        if m is not None and m[1] != "after":
            if crossed and not item:
                return None
            if t.low == "toll" or t.low == "lives":
                return m[0], k, m[2] if t.low == "lives" else k + 1, 0.85
            return m[0], k, m[2], 0.9 - 0.03 * steps - (0.1 if crossed else 0)
        if t.low in _BACK_SKIP:
            pass
        elif t.low in _LIST_JOINERS or t.low in ("(", ")"):
            crossed = True
        elif any(cc.i <= k < cc.j for cc in cand_at.values()) or t.low in GROUPS:
            crossed = item = True
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
_BACK_SKIP = frozenset(
    ["family", "group", "its", "their", "his", "her", "the", "a", "an", "at", "least", "more", "than", "over", "up", "to", "some", "about", "around", "nearly", "almost", "of", "another", "further", "total", "additional", "an", "estimated", "estimated", "approximately", "as", "many", "with", "had", "have", "has"]
)
_TOLL_VERBS = frozenset(
    ["rose", "risen", "climbed", "increased", "jumped", "reached", "stands", "stood", "reported", "now", "to", "at", "is", "was"]
)


def _toll_before(
    toks: list[Tok], meas: list[tuple[str, str, int] | None], k: int
) -> tuple[str, int, int, float] | None:
    """ "the death toll has now risen to N": a toll word earlier in the clause."""
    for back in range(k, max(-1, k - settings.TOLL_BACK_TOKENS), -1):
        if toks[back].low == "toll":
            prev = toks[back - 1].low if back > 0 else ""
            measure = "injured" if prev in ("injury", "casualty") else "killed"
            first = back - 1 if prev in ("death", "injury", "casualty") else back
            return measure, first, back + 1, 0.8
    return None


def _subset_parent(
    toks: list[Tok], c: _Cand, cand_at: dict[int, _Cand], prior: list[Figure]
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
        ):
            return None
        k -= 1
        steps += 1
    return None


def _zero_figures(document: Document, sent: Sentence, base: int) -> list[Figure]:
    out: list[Figure] = []
    for m in _ZERO.finditer(sent.text):
        word = (m.group("w1") or m.group("w2") or m.group("w3")).lower()
        word = re.sub(r"\s+", " ", word)
        measure = _ZERO_MEASURE.get(word, "killed")
        start, end = sent.start + m.start(), sent.start + m.end()
        out.append(
            Figure(
                id=f"f{base + len(out) + 1}",
                measure=measure,
                low=0,
                best=0,
                high=0,
                qualifier="exact",
                group="people",
                group_text="",
                scope="incident",
                text=document.text[start:end],
                start=start,
                end=end,
                sentence=sent.text,
                sentence_start=sent.start,
                confidence=0.9,
                number_start=start,
                number_end=end,
            )  # fmt: skip
        )
    return out
