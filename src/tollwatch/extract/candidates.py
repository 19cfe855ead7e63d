"""Candidate victims in a sentence: numbers, and the words that count one person.

Besides every number, "a man", "killing him", "the mayor was killed", "Ali Musa
was shot dead" and "no one was killed" are candidates. Numbers that are ages,
times, dates or years are set aside here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.lexicon import (
    GROUPS,
    MONTHS,
)
from tollwatch.extract.numbers import find_quantities, word_value
from tollwatch.extract.tokens import Tok
from tollwatch.model import Document, Figure, Quantity, Sentence
from tollwatch.text.alternation import by_first_char

#: Plurals without an -s ("the women", "the gunmen", "the children"): never one person.
_PLURAL_FORMS = frozenset(w for w in GROUPS if w.endswith("men") or w in ("children", "people", "personnel"))
_SINGULAR_SET = frozenset(
    w for w in GROUPS if (not w.endswith("s") or w in ("bus",)) and w not in _PLURAL_FORMS
)
# Speed: grouped by first letter (see by_first_char), the same match as the flat alternation.
_SINGULAR_NOUNS = by_first_char(sorted(_SINGULAR_SET, key=len, reverse=True), re.I)
_SINGULAR = re.compile(
    rf"\b(?:a|an|another|the)\s+(?!(?:large\s+|small\s+|growing\s+)?number\s+of\b)"
    rf"(?:(?!(?:and|or|his|her|their|of|the|a|an|in|on|at|to|for|by|with|from)\b)"
    rf"\w[\w-]*\s+){{0,3}}?['‘’\"“]?(?:{_SINGULAR_NOUNS})\b",
    re.IGNORECASE,
)  # "a number of people" counts more than one: a vague word, not a singular victim
_SINGULAR_GENERIC = re.compile(
    r"\b(?P<art>[Aa]n?)\s+(?!unknown\b|unspecified\b|undetermined\b|number\b|group\b|total\b|lot\b|series\b|couple\b|few\b)"
    r"(?:(?!(?:a|an|the|after|before|when|while|as)\b)\w[\w-]*\s+){0,3}?\w[\w-]*"
    r"(?=(?:\s+\([^)]{1,24}\))?,?\s+(?:was|is|has\s+been|had\s+been|got)\s)"
    r"|\b(?P<art4>[Aa]n?)\s+(?!unknown\b|number\b|group\b|total\b)(?:\w[\w-]*\s+){0,3}?[A-Za-z][\w-]*"
    r"(?=\s+and\s+(?:a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|\d+|his|her|their)\b)"
    r"|(?:\band|,)\s+(?P<art5>his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:brother|sister|son|daughter|father|mother|wife|"
    r"husband|child|uncle|nephew|niece|cousin|driver|bodyguard|friend|colleague|grandson|granddaughter|"
    r"assistant|aide|escort|companion|employee|guard|deputy|"
    r"grandmother|grandfather|relative|neighbou?r)\b"
    # "… died and his father remains in hospital": a relative with a verb of their own, not a casualty
    r"(?!\s+(?:remains|remained|survived|survives|is\s+(?:in|listed|recovering|expected|being)|"
    r"was\s+(?:in|listed|recovering|treated|taken|rushed|transported|flown|airlifted))\b)"
    r"|\b(?:killed|murdered|lynched|lynches|lynching|executed|assassinated|beheaded|killing|kills|kill|dead|death|murders)"
    r"\s+(?P<art2>a|an|the|his|her)\b(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    # "killed his sons": more than one, of no stated number
    r"(?!\s+(?:[\w-]+\s+)?(?:sons|daughters|children|kids|brothers|sisters|parents|relatives|grandchildren|"
    r"cousins|nephews|nieces|friends|colleagues|neighbou?rs|wives|husbands|siblings|twins|"
    r"\w*men|people|personnel)\b)"
    r"(?!\s+(?:following|next|same|previous|day|night|morning|evening|week|weekend|scene|spot|hospital|area)\b)"
    r"(?!\s+(?:family|group|total|number)\s+of\b)"
    r"|\b(?P<art3>[Tt]he)\s+(?:(?!and\b|or\b)[A-Za-z'’-]+\s+){0,4}?[a-z][\w-]*(?=\s+(?:(?:was|is|has\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|shot\s+dead|shot\s+and\s+killed|murdered|executed|lynched|beheaded|assassinated|"
    r"found\s+(?:dead|executed|murdered))|(?:(?:later|allegedly|reportedly|subsequently)\s+)?"
    r"(?:died|passed\s+away))\b)",
)
_NAMED = re.compile(
    r"(?<!the )(?<!of )(?<!The )\b(?!Al\b|The\b|Police\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2},?"
    r"(?:\s+\d{1,2},)?(?:\s+of\s+[A-Z][a-z]+,)?\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?"
    r"(?=(?:shot\s+dead|killed|murdered|lynched|executed|assassinated|beheaded|stabbed\s+to\s+death|found\s+dead|"
    r"pronounced\s+dead|fatally\s+shot|"
    r"shot\s+and\s+killed|gunned\s+down)\b)"
)
#: "Police said Dana Reyes, 9, died of a gunshot wound": a named person, an age between
#: commas, then the death with no auxiliary verb.
_NAMED_DIED = re.compile(
    r"(?<!the )(?<!of )\b(?!Al\b|The\b|Police\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2},\s+\d{1,2},\s+"
    r"(?=(?:later\s+)?(?:died|passed\s+away)\b)"
)
_DEATH_OF_NAMED = re.compile(
    r"\b(?:death|killing|murder|assassination)\s+of\s+(?:(?:\d+|[a-z]+)-year-old\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+(?:al-|Al-|el-|El-|bin\s+|abu\s+|Abu\s+)?[A-Z][\w’'-]+)+)"
)
#: "15-year-old girl fatally shot": one person named by an age, with or without an article.
_AGE_NOUN = re.compile(
    rf"\b(?P<age>(?:\d{{1,3}}|[a-z]+(?:-[a-z]+)?)[- ](?:years?|months?|weeks?)[- ]old)"
    rf"(?:\s+(?:[A-Za-z]+\s+){{0,2}}?(?:{_SINGULAR_NOUNS}|male|female)\b|(?=\s+(?:dies|died|was|is|has)\b))",
    re.IGNORECASE,
)
#: A headline's victim, without an article: "Teen Fatally Shot In Garfield", "Salina Man Dies".
_HEADLINE_VICTIM = re.compile(
    r"^(?:[\w'’-]+\s+){0,4}?(?P<noun>teen|teenager|boy|girl|man|woman|child|toddler|baby|victim|senior|student|"
    r"officer|deputy|trooper|father|mother|son|daughter|hunter)\b(?!\s+(?:and|&))",
    re.IGNORECASE,
)
#: A note's subject without an article: "Former mayor was crushed to death", "Health worker
#: assassinated overnight", "Village chief of Tem abducted and executed".
_BARE_SUBJECT = re.compile(
    rf"^(?:[A-Z][\w'’-]*\s+)?(?:[\w'’-]+\s+){{0,2}}?(?P<noun>(?i:{_SINGULAR_NOUNS}))\b"
    r"(?=(?:\s+of\s+[A-Z][\w-]*)?\s+(?:was|is|has\s+been|found|assassinated|killed|executed|murdered|lynched|"
    r"abducted\s+and|shot\s+dead|who\b))",
)
#: "shot and killed Tobin Marsh": a killing verb with a person's name as its object (a
#: surname alone when an age follows it: "fatally shot Marsh, 29,").
_KILLED_NAMED = re.compile(
    r"\b(?:killed|kills|shot\s+dead|shooting\s+dead|murdered|assassinated|executed|lynched|beheaded|"
    r"stabbed\s+to\s+death|shot\s+and\s+killed|gunned\s+down|fatally\s+(?:shot|stabbed))\s+"
    r"(?P<name>(?!The\b|Al\b|Kenyan\b|Somali\b|Police\b)[A-Z][a-z]+(?:(?:\s+[A-Z][a-z]+){1,2}|(?<!day)(?=,\s+\d{1,3},)))\b"
    r"(?!\s+(?:[a-z]+\s+)?(?:soldiers|police|militants|fighters|members|officers|troops|men|people)\b)"
)
_LATER_DIED = re.compile(
    r"\b(?P<pron>[Hh]e|[Ss]he)\s+(?:(?:later|subsequently|eventually)\s+)?(?:died|succumbed|passed\s+away|"
    r"(?:was|had\s+been)\s+(?:(?:later|subsequently|then)\s+)?(?:found\s+|pronounced\s+)?"
    r"(?:killed|executed|murdered|"
    r"shot\s+dead|beheaded|lynched|hanged|hung|dead|[a-z]+(?:ed|en|nt)\s+to\s+death))\b"
)
#: "hit with a baton, leading to her death": one person, by the possessive before "death".
_LED_TO_DEATH = re.compile(
    r"\b(?:leading|led|resulting|resulted|causing|caused)\s+(?:to\s+|in\s+)?(?P<pron>his|her)\s+death\b", re.I
)
#: "Her body was found in a well": a body found is one person dead.
_BODY_FOUND = re.compile(
    r"\b(?P<pron>[Hh]is|[Hh]er|[Tt]he\s+[a-z]+['’]s)\s+(?:\w+\s+)?(?:(?:body|corpse|remains)\s+"
    r"(?:was|were|is|had\s+been)\b|corpse\b)"
)
_PRONOUN = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing)|shot|stabb(?:ed|ing)|execut(?:ed|ing)|"
    r"lynch(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing)|"
    r"behead(?:ed|ing)|assassinat(?:ed|ing)|burnt|burned|ston(?:ed|ing)|hack(?:ed|ing)|"
    r"beat(?:ing)?|tortur(?:ed|ing))\s+(?:him|her|himself|herself)\b"
    r"(?=\s*(?:[.,;:!?)]|$|(?:in|on|at|with|and|after|before|while|when|during|as|for|near|outside|inside|"
    r"dead|to|over|because|from|by|the|a|an|last|early|late|around|alive)\b))",
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
_NOT_PEOPLE_AFTER = frozenset(["am", "pm", "%", "per", "percent", ":", "-year-old", "year-old", "years-old"])
#: A number that is a phone line or a broadcaster's channel, not people: "called 911",
#: "a 911 dispatcher", "told NBC 6 on Monday", "Channel 4 reported".
_LINE_BEFORE = frozenset("called call calls calling dialed dialled dial dialing dialling".split())
_LINE_AFTER = frozenset(
    "call calls caller callers dispatcher dispatchers operator operators dispatch".split()
)
#: "a young couple", "the Dunmore couple": two people ("a couple of hours" is no one, and
#: "the couple's son" counts the son).
_COUPLE = re.compile(
    r"\b(?:a|an|the)\s+(?:(?!(?:and|or|of|the|a|an)\b)[\w-]+\s+){0,2}?couple\b(?!\s+of\b|['’]s\b)", re.I
)
_GROUP_NOUN = re.compile(r"\b(?:family|families|household|couple)\b", re.I)
_OF_NUMBER = re.compile(r"\s+of\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)
#: Things a counted person owns in a sentence about the thing, not the person.
_OWNED = frozenset("gun guns rifle rifles weapon weapons car cars house home phone".split())
_CHANNEL_BEFORE = frozenset("nbc cbs abc fox cw pbs channel ch wsb wsvn kare wftv wral".split())


#: Words that make a run of words a clause, not a noun phrase ("the civilians killed were women").
_CLAUSE_WORDS = frozenset("was were is are has have had killed died dead".split())
_ARTICLES = frozenset(
    ("a", "an", "the", "his", "her", "their", "its", "another", "one", "every", "each", "no")
)


@dataclass(slots=True)
class Candidate:
    q: Quantity
    i: int  # first token
    j: int  # one past the last token


def candidates(sent: Sentence, toks: list[Tok]) -> list[Candidate]:
    """The counts a sentence may hold: its numbers, and the words that count one person."""
    qs = find_quantities(sent.text, sent.start)
    low = sent.text.lower()  # cheap substring checks skip patterns that cannot match
    singulars = _singular_matches(sent, toks)
    qs += _singulars(sent, singulars)
    qs.extend(_couples(sent) if "couple" in low else ())
    _add_generics(sent, qs)
    _add_named(sent, low, qs)
    _add_lone_subjects(sent, qs)
    _add_single_deaths(sent, low, qs)
    singular_spans = [
        (sent.start + m.start(), sent.start + m.end())
        for m in singulars
        if any(q.kind == "singular" and q.start == sent.start + m.start() for q in qs)
    ]
    qs = [
        q
        for q in qs
        if q.kind in ("singular", "generic", "named") or not any(a < q.start < b for a, b in singular_spans)
    ]
    for m in _PRONOUN.finditer(sent.text) if ("him" in low or "her" in low) else ():
        pron = m.group(0).split()[-1]
        e = sent.start + m.end()
        qs.append(_one(e - len(pron), e, pron, "pronoun"))
    qs.sort(key=lambda q: (q.start, q.kind in ("digit", "word")))  # one person named by age wins over its age
    return _as_candidates(qs, toks)


def _one(start: int, end: int, text: str, kind: str) -> Quantity:
    """One person, exactly, named by ``text``."""
    return Quantity(start, end, text, 1, 1, 1, "exact", False, kind)


def _singular_matches(sent: Sentence, toks: list[Tok]) -> list[re.Match[str]]:
    # the pattern tries every noun after every article: run it only when a singular noun is there
    has_noun = any(
        t.low in _SINGULAR_SET
        or (
            not t.low.isalpha()
            and any(w in _SINGULAR_SET for w in t.low.replace("’", "'").replace("-", "'").split("'"))
        )
        for t in toks
    )
    return list(_SINGULAR.finditer(sent.text)) if has_noun else []


def _singulars(sent: Sentence, matches: list[re.Match[str]]) -> list[Quantity]:
    """ "a man", "the boy": one person, unless the words around make it something else."""
    out = []
    for m in matches:
        words = m.group(0).split()
        if words[-1].lower() in ("family", "household") and _OF_NUMBER.match(sent.text, m.end()):
            continue  # "a family of five": the number counts them
        after = sent.text[m.end() :].split(None, 1)
        if words[-1].lower() in MODIFIER_GROUPS and not (after and after[0].lower() in GROUPS):
            continue  # "a police detective": the head noun comes later (a police officer is read)
        if sent.text[m.end() : m.end() + 2] in ("'s", "’s") and words[-1][:1].isupper():
            continue  # "the Al-Nasr Children's hospital": a name that owns a place
        if any(w.lower() in _CLAUSE_WORDS for w in words[1:-1]):
            continue  # "the civilians killed were women": a clause, not one noun phrase
        institution = after and words[-1].lower() in MODIFIER_GROUPS and after[0].endswith("s")
        if words[0].lower() == "the" and institution:
            continue  # "the Ghana Armed Forces": an institution, not one person
        if words[-1].lower() in ("other", "person") and words[0].lower() == "the":
            continue  # "the other three", "the person": a pointer back, not a new victim
        ages = [i for i, w in enumerate(words) if w.lower().startswith(("year", "month"))]
        if any(
            (w.isdigit() or word_value(w) is not None) and i + 1 not in ages
            for i, w in enumerate(words[1:-1], 1)
        ):
            continue  # "another 34 people": a number, read as such
        s = sent.start + m.start()
        art = m.group(0).split()[0]
        out.append(_one(s, s + len(art), art, "singular"))
    return out


def _add_generics(sent: Sentence, qs: list[Quantity]) -> None:
    taken = [(q.start, q.end) for q in qs]
    for m in _SINGULAR_GENERIC.finditer(sent.text):
        g = next(k for k in ("art", "art2", "art3", "art4", "art5") if m.group(k))
        if g == "art" and _GROUP_NOUN.search(m.group(0)):
            continue  # "a family (of four) was killed": not one person
        s = sent.start + m.start(g)
        if not any(a <= s < b for a, b in taken):
            art = m.group(g)
            qs.append(_one(s, s + len(art), art, "generic"))


def _add_named(sent: Sentence, low: str, qs: list[Quantity]) -> None:
    """People named ("Marcus Dale, 34, was shot", "Name died") and ages ("a 12-year-old")."""
    for m in _NAMED.finditer(sent.text) if (" was " in low or " is " in low or " has been " in low) else ():
        s = sent.start + m.start()
        # the name and its apposition ("Marcus Dale, 34, of Fairview,"), up to the verb
        name_end = s + len(re.split(r"\s+(?:was|is|has)\s", m.group(0))[0].rstrip(", "))
        qs.append(_one(s, name_end, document_text_slice(sent, s, name_end), "named"))
    for m in _NAMED_DIED.finditer(sent.text) if (" died" in low or " passed away" in low) else ():
        s = sent.start + m.start()
        name_end = s + len(m.group(0).rstrip(", "))
        qs.append(_one(s, name_end, document_text_slice(sent, s, name_end), "named"))
    for m in _AGE_NOUN.finditer(sent.text) if "old" in low else ():
        s = sent.start + m.start()
        if sent.text[: m.start()].endswith(("his ", "her ", "their ")):
            continue  # "his 12-year-old son": the possessive reads the victim
        if not any(q.start <= s < q.end + 4 for q in qs if q.kind == "singular"):
            qs.append(_one(s, s + len(m.group("age")), m.group("age"), "singular"))


def _add_lone_subjects(sent: Sentence, qs: list[Quantity]) -> None:
    """A bare noun opening the sentence, and a headline's victim ("Teen Fatally Shot")."""
    bare = _BARE_SUBJECT.match(sent.text)
    first = bare.group(0).split()[0].lower() if bare is not None else ""
    if bare is not None and first.isalpha() and first not in _ARTICLES and word_value(first) is None:
        s = sent.start + bare.start("noun")
        if not any(q.start <= s < q.end + 2 for q in qs):
            noun = bare.group("noun")
            qs.append(_one(s, s + len(noun), noun, "generic"))
    head = _HEADLINE_VICTIM.match(sent.text) if sent.heading else None
    if head is not None:
        s = sent.start + head.start("noun")
        if not any(q.start <= s < q.end + 2 for q in qs):
            noun = head.group("noun")
            qs.append(_one(s, s + len(noun), noun, "generic"))


def _add_single_deaths(sent: Sentence, low: str, qs: list[Quantity]) -> None:
    """One death told without a number: "killed Name", "he later died", "her body was found"."""
    for m in _KILLED_NAMED.finditer(sent.text):
        s = sent.start + m.start("name")
        if not any(q.start <= s < q.end for q in qs):
            qs.append(_one(s, sent.start + m.end("name"), m.group("name"), "named"))
    for m in _LATER_DIED.finditer(sent.text) if "he " in low else ():
        s = sent.start + m.start("pron")
        qs.append(_one(s, s + len(m.group("pron")), m.group("pron"), "generic"))
    bodies = "body" in low or "corpse" in low or "remains" in low
    for m in _BODY_FOUND.finditer(sent.text) if bodies else ():
        s = sent.start + m.start("pron")
        pron = m.group("pron").split()[0]  # "The student's body": the article stands for the person
        qs.append(_one(s, s + len(pron), pron, "generic"))
    for m in _LED_TO_DEATH.finditer(sent.text) if "death" in low else ():
        s = sent.start + m.start("pron")
        qs.append(_one(s, s + len(m.group("pron")), m.group("pron"), "generic"))
    for m in _DEATH_OF_NAMED.finditer(sent.text) if " of " in low else ():
        s = sent.start + m.start("name")
        qs.append(_one(s, sent.start + m.end("name"), m.group("name"), "named"))


def _as_candidates(qs: list[Quantity], toks: list[Tok]) -> list[Candidate]:
    """Each quantity with the tokens it covers; one that overlaps the one before is dropped."""
    out: list[Candidate] = []
    ti = 0
    for q in qs:
        while ti < len(toks) and toks[ti].end <= q.start:
            ti += 1
        tj = ti
        while tj < len(toks) and toks[tj].start < q.end:
            tj += 1
        if tj > ti and not (out and out[-1].j > ti):
            out.append(Candidate(q, ti, tj))
    return out


def _couples(sent: Sentence) -> list[Quantity]:
    """ "a young couple", "the Dunmore couple": two people."""
    out = []
    for m in _COUPLE.finditer(sent.text):
        s, e = sent.start + m.start(), sent.start + m.end()
        out.append(Quantity(s, e, m.group(0), 2, 2, 2, "exact", False, "couple"))
    return out


def document_text_slice(sent: Sentence, start: int, end: int) -> str:
    return sent.text[start - sent.start : end - sent.start]


#: Words that end a street address.
_STREET_WORDS = frozenset(
    "st street ave avenue rd road dr drive blvd boulevard ln lane way hwy highway ct court pl place pkwy "
    "parkway cir circle ter terrace".split()
)


def _street_after(toks: list[Tok], j: int) -> bool:
    for k in range(j, min(len(toks), j + 5)):
        if toks[k].low in _STREET_WORDS:
            return True
        if not toks[k].text[:1].isupper():
            return False
    return False


_AGE_UNITS = ("year", "month", "week")


def not_people(c: Candidate, toks: list[Tok]) -> bool:
    """The number counts no people: a time, a date, a line or channel, an address, an age."""
    q = c.q
    if q.kind == "digit" and "." in q.text.split()[-1]:
        return True
    prev = toks[c.i - 1].low if c.i > 0 else ""
    nxt = toks[c.j].low if c.j < len(toks) else ""
    if prev in _NOT_PEOPLE_BEFORE or nxt in _NOT_PEOPLE_AFTER or prev in MONTHS or nxt in MONTHS:
        return True
    if q.kind == "digit" and (prev in _LINE_BEFORE or nxt in _LINE_AFTER or prev in _CHANNEL_BEFORE):
        return True
    return _a_counter_or_date(c, toks, prev, nxt) or _an_age_or_address(c, toks, prev, nxt)


def _a_counter_or_date(c: Candidate, toks: list[Tok], prev: str, nxt: str) -> bool:
    q = c.q
    if (
        nxt == "of"
        and c.j + 2 < len(toks)
        and toks[c.j + 1].text.isdigit()
        and toks[c.j + 2].text[:1].isupper()
    ):
        return True  # "3 of 8 A child was shot": a photo gallery's caption counter
    if prev == "of" and c.i > 1 and toks[c.i - 2].text.isdigit() and nxt[:1] and toks[c.j].text[:1].isupper():
        return True  # … and its "of 8"
    if prev in ("lives", "live", "living") and nxt in ("doors", "houses", "blocks", "streets", "miles", "km"):
        return True  # "who lives a few doors down": a distance, not people
    if nxt.endswith(("'s", "’s")) and c.j + 1 < len(toks) and toks[c.j + 1].low in _OWNED:
        return True  # "one person's gun discharged": the owner of a thing, not a casualty
    if (
        prev == "."
        and q.kind == "digit"
        and c.i > 1
        and toks[c.i - 2].low in MONTHS
        and not (c.i > 2 and toks[c.i - 3].text.isdigit())
    ):
        return True  # "Oct. 27 (UPI)", "Dec. 6 Monday": a date (but "01 Oct. 3 killed" is a count)
    if any(t.text.endswith(("'s", "’s")) for t in toks[c.i : c.j]):
        return True  # "WXYZ 7's Dana Reyes": a station, not people
    if nxt in ("a", "p") and c.j + 1 < len(toks) and toks[c.j + 1].low == ".":
        return True  # "at 3 a.m."
    quote_s = nxt in ("'", "’") and c.j + 1 < len(toks) and toks[c.j + 1].low == "s"
    if quote_s or nxt.startswith(("'s", "’s")):
        return True  # "in their 20's" (but "four 'non-Muslim' workers" are people)
    if nxt == "/" or prev == "/":
        return True
    if q.kind == "digit" and q.best is not None and 1900 <= q.best <= 2100 and nxt not in GROUPS:
        return True
    return q.kind == "digit" and nxt in ("th", "st", "nd", "rd")


def _an_age_or_address(c: Candidate, toks: list[Tok], prev: str, nxt: str) -> bool:
    q = c.q
    if nxt == "-" and c.j + 1 < len(toks) and toks[c.j + 1].low.startswith("year"):
        return True
    if q.kind == "digit" and c.j < len(toks) and toks[c.j].text[:1].isupper() and _street_after(toks, c.j):
        return True  # "6200 Larkspur Lane Drive", "512 Birch St.": an address
    if q.kind in ("digit", "word") and any(u in t.low for t in toks[c.i : c.j] for u in _AGE_UNITS):
        return True  # "12-year-old", "21-month-old", "8-week-old"
    if (
        nxt in ("month", "months", "week", "weeks", "day", "days")
        and c.j + 1 < len(toks)
        and toks[c.j + 1].low == "old"
    ):
        return True  # "21-month old boy"
    if prev == "of" and c.i > 1 and toks[c.i - 2].low in ("father", "mother", "parent"):
        return True
    if prev == "(" and nxt in (")", ","):
        return True  # an age after a name: "Hikmat al-Maqousi (72)"
    if (
        prev in ("their", "his", "her", "its", "the", "our")
        and c.i > 2
        and toks[c.i - 2].low == "of"
        and (toks[c.i - 3].text.isdigit() or word_value(toks[c.i - 3].low) is not None)
    ):
        return True  # "three of their seven sons": the seven is the whole the three are taken from
    # "Dara Quinn, 14, of Elm Falls", "Boy, 14, fatally shot", "Omar al-Nadi, 61,": an age
    return (
        prev == ","
        and nxt in (",", ";", ")", ".", "and", "", "(")
        and c.i > 1
        and (
            toks[c.i - 2].text[:1].isupper()
            or toks[c.i - 2].low in GROUPS
            or re.match(r"(?:al|el|abu|bin|ibn|de|van)-[A-Z]", toks[c.i - 2].text) is not None
        )
    )


#: Group words that qualify a noun rather than name people ("a military vehicle").
MODIFIER_GROUPS = frozenset(
    [
        "police",
        "military",
        "security",
        "army",
        "navy",
        "armed",
        "forces",
        "taliban",
        "shabaab",
        "al-shabaab",
        "jnim",
        "isgs",
        "kdf",
        "vdp",
        "gendarmerie",
    ]
)


#: An attacker who died by their own hand: "then turned the gun on himself", "murder-suicide".
#: GVA and ACLED count them among the killed; they are marked as perpetrators.
_SELF_KILLED = re.compile(
    r"\b(?:turn(?:ed|ing)\s+the\s+(?:gun|weapon|rifle|pistol)\s+on\s+(?:himself|herself)|"
    r"(?:killed|killing|shot\s+and\s+killed)\s+(?:himself|herself)|took\s+(?:his|her)\s+own\s+life|"
    r"murder[- ]suicide|(?:then|before)\s+(?:fatally\s+)?shooting\s+(?:himself|herself)|"
    r"(?:then|before)\s+(?:fatally\s+)?shot\s+(?:himself|herself)|"
    r"(?P<suicide>commit(?:s|ted|ting)\s+suicide)|"
    # "killed his wife and then himself": the killing verb before reaches the killer too
    r"(?:(?<=\bkilled\s)|(?<=\bkills\s)|(?<=\bfatally\sshot\s))[^.;:!?]{1,80}?,?\s+(?:and\s+)?(?P<then>then\s+(?:himself|herself)))\b",
    re.IGNORECASE,
)
#: Words without which _SELF_KILLED cannot match (a cheap test before it).
_SELF_WORDS = ("self", "life", "suicide")
#: "… shot his sons and then committed suicide": a suicide is the killer's own death only
#: after a killing or shooting told earlier in the sentence (a suspect's suicide in a cell is not).
_VIOLENCE_BEFORE = re.compile(r"\b(?:kill|shot|shoot|murder|slain|slay|stabb)", re.IGNORECASE)


def zero_figures(document: Document, sent: Sentence, base: int) -> list[Figure]:
    """Stated zeros ("no one was killed") and attackers who killed themselves."""
    out: list[Figure] = []
    low = sent.text.lower()
    for m in _SELF_KILLED.finditer(sent.text) if any(map(low.__contains__, _SELF_WORDS)) else ():
        if m.group("suicide") and not _VIOLENCE_BEFORE.search(sent.text, 0, m.start()):
            continue
        g = "then" if m.group("then") else 0
        start, end = sent.start + m.start(g), sent.start + m.end(g)
        fig = _fixed_figure(document, sent, f"f{base + len(out) + 1}", "killed", 1, start, end)
        fig.perpetrator = True
        fig.group_text = "shooter"
        out.append(fig)
    for m in _ZERO.finditer(sent.text):
        word = (m.group("w1") or m.group("w2") or m.group("w3")).lower()
        word = re.sub(r"\s+", " ", word)
        measure = _ZERO_MEASURE.get(word, "killed")
        start, end = sent.start + m.start(), sent.start + m.end()
        out.append(_fixed_figure(document, sent, f"f{base + len(out) + 1}", measure, 0, start, end))
    return out


def _fixed_figure(
    document: Document, sent: Sentence, fid: str, measure: str, n: int, start: int, end: int
) -> Figure:
    return Figure(
        id=fid,
        measure=measure,
        low=n,
        best=n,
        high=n,
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
    )
