"""Named victim lists: "Hamza Ali 12 years old male killed, Mona Ali 34 years old female killed".

Casualty monitors (Airwars among them) end an assessment with the victims one
by one: a name, an age ("12 years old", "Adult", "Child", "Age unknown"), a
sex, and what happened to them (killed or injured). Each entry is evidence of
one person; counted by group they give a breakdown the prose rarely states.

This module reads such a list into one figure per (measure, group) — the
count of named children, women and men killed or injured — with every
entry's span kept in ``mentions``, plus a total per measure whose ``parts``
are the group figures. Nothing is counted that has no entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.numbers import parse_number
from tollwatch.model import Document, Figure, Mention

#: Where a list starts: "The victims were named as:", else "Names of the victims:" (a phrase
#: prose uses too: "a relative posted the names of the victims: Samir, 40, …", so the
#: first heading wins wherever it is).
_START = re.compile(r"\bthe\s+victims\s+were\s+named\s+as\s*:", re.I)
_START_WEAK = re.compile(r"\bnames\s+of\s+the\s+(?:victims|dead)\s*:", re.I)
#: One entry ends with its status, optionally followed by a registry match note; an entry
#: with no status but matched to the Ministry of Health's list of fatalities is one of the dead.
_STATUS = re.compile(
    r"\b(?P<status>killed|injured|wounded)\b(?:\s+Matched\s+to\s+MoH\s+ID\s+\d+)?"
    r"|\bMatched\s+to\s+MoH\s+ID\s+\d+"
)
#: An entry the list itself doubts ("uncertain whether dead or hurt") names no confirmed death.
_DOUBT = re.compile(r"\b(?:unclear|unconfirmed|uncertain|unknown\s+whether)\b", re.I)
#: A name has at least one word of two letters that is not a joining word.
_NAME_WORD = re.compile(r"\b(?!(?:or|and|killed|injured|wounded)\b)[^\W\d_]{2,}")
_AGE = re.compile(
    r"\b(?:(?P<num>\d{1,3}(?:\.\d+)?)\s+(?P<unit>years?|months?|weeks?|days?)\s+old"
    r"|(?P<word>Adult|Child|Infant|Baby|Elderly|Teenager|Age\s+unknown))\b",
    re.I,
)
_SEX = re.compile(r"\b(?P<sex>male|female)\b", re.I)

#: Below this age a named victim counts as a child (UN convention: under 18).
CHILD_AGE = 18


def list_start(text: str) -> int:
    """Where a named victim list starts (``len(text)`` when there is none)."""
    m = _list_heading(text)
    return m.start() if m else len(text)


def _list_heading(text: str) -> re.Match[str] | None:
    # Both headings say "name": a cheap test before the pattern scans the whole text.
    if "name" not in text.lower():
        return None
    return _START.search(text) or _START_WEAK.search(text)


def read_victim_lists(document: Document, base: int) -> list[Figure]:
    """Figures for the named victim list(s) in ``document``; ids start after ``base``."""
    text = document.text
    m = _list_heading(text)
    if m is None:
        return []
    raw: list[tuple[str, str, Mention]] = []
    pos = m.end()
    for st in _STATUS.finditer(text, pos):
        entry = text[pos : st.end()]
        if len(entry) > 400:  # not an entry: the list has ended
            break
        status = st.group("status") or "killed"
        body = entry[: st.start() - pos]
        if body.rstrip().endswith(",") and not _AGE.search(body) and not _SEX.search(body):
            continue  # "Karim Odeh, killed <Arabic name> 44 years old male killed": a note inside the entry
        if _DOUBT.search(body) or not _NAME_WORD.search(body):
            pos = st.end()  # a doubtful entry, or the tail of one ("… or injured killed")
            continue
        start = pos + len(entry) - len(entry.lstrip())
        raw.append(
            ("killed" if status == "killed" else "injured", entry, Mention(start, st.end(), entry.strip()))
        )
        pos = st.end()
    ages = _unclaimed(prose_ages(text[: m.start()]), [entry for _, entry, _ in raw])
    kept = _once_each(
        [_Entry(ms, _group_of(en, ages), mn, _entry_key(en, ms), _age(en), _arabic(en)) for ms, en, mn in raw]
    )
    counts: dict[tuple[str, str], list[Mention]] = {}
    for e in kept:
        counts.setdefault((e.measure, e.group), []).append(e.mention)
    figures = _figures(document, counts, base)
    if ("killed", "children") not in counts:
        figures.extend(_children_of_unknown_age(document, kept, figures, base))
    return figures


def _children_of_unknown_age(
    document: Document, entries: list[_Entry], figures: list[Figure], base: int
) -> list[Figure]:
    """A list that names no child but some dead of unknown age: between none and that many children.

    Casualty monitors read "Rami Saleh male killed, Son of Omar Age unknown killed" so: no child
    is confirmed (the low is 0, the list's own count of named children) and each victim of
    unknown age may be one (the high). A list of adults only says nothing of children.
    """
    unknown = [e.mention for e in entries if e.measure == "killed" and e.age in _UNKNOWN_AGES]
    total = next((f for f in figures if f.measure == "killed" and f.parts), None)
    if not unknown or total is None:
        return []
    fig = _figure(
        document, f"v{base + len(figures) + 1}", "killed", "children", 0, unknown[0].start, unknown[0].end
    )
    fig.best, fig.high, fig.qualifier = None, len(unknown), "at_most"
    fig.group_text = "named victims of unknown age"
    fig.subset_of = total.id
    fig.mentions = unknown[1:]
    return [fig]


def _unclaimed(ages: dict[str, float], entries: list[str]) -> dict[str, float]:
    """The prose ages less those of names the list itself gives an age: "12-year-old Hala Saleh" is
    the listed Hala Saleh aged 12, not a second Hala Saleh whose age the list does not know."""
    aged = set()
    for entry in entries:
        named = _ENTRY_NAME.match(entry.strip())
        if named and _age(entry) not in _UNKNOWN_AGES:
            aged.add(named.group("name").lower())
    return {name: age for name, age in ages.items() if name not in aged}


@dataclass(slots=True)
class _Entry:
    measure: str
    group: str
    mention: Mention
    key: tuple[str, str] | None
    age: str
    arabic: str


def _once_each(entries: list[_Entry]) -> list[_Entry]:
    """The entries less a victim listed twice, in list order.

    Two entries are one victim when their names agree (the Arabic too, when both give it)
    and so do their ages; of the two, the one that gives an age is kept.
    """
    kept: list[_Entry] = []
    by_key: dict[tuple[str, str], int] = {}
    for e in entries:
        i = by_key.get(e.key) if e.key is not None else None
        if i is None or not _same_person(kept[i], e):
            if e.key is not None:
                by_key.setdefault(e.key, len(kept))
            kept.append(e)
        elif kept[i].age in _UNKNOWN_AGES and e.age not in _UNKNOWN_AGES:
            kept[i] = e
    return sorted(kept, key=lambda e: e.mention.start)


def _same_person(a: _Entry, b: _Entry) -> bool:
    return _same_age(a.age, b.age) and (a.arabic == b.arabic or not a.arabic or not b.arabic)


#: Arabic letters written in more than one way (alef with hamza or madda, alef maqsura, ta
#: marbuta, tatweel): one name in two spellings is one name.
_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640]+")


def _arabic(entry: str) -> str:
    """The first three words of the entry's Arabic-script name, spelling variants evened out."""
    return " ".join(_ARABIC_WORD.findall(entry)[:3]).translate(_ARABIC_VARIANTS)


#: An age the prose gives a named victim: "11-year-old Omar Nazir", "Mazen Abu Ali (17)".
_PROSE_AGE = re.compile(
    r"\b(?P<age>\d{1,2}|[a-z]+(?:-[a-z]+)?)[- ](?P<unit>years?|months?|weeks?)[- ]old\s+"
    r"(?:(?:boy|girl|son|daughter|child|brother|sister|infant|baby|niece|nephew|grandson|granddaughter)\s+)?"
    r"(?:named\s+)?(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)"
    r"|(?P<name2>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3}\s+"
    r"\((?:aged\s+)?(?P<age2>\d{1,2})(?:\s+years?\s+old)?\)"
    # "Rami Saleh al-Masri, a male child": the prose calls the named victim a child
    r"|(?P<name3>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)(?:\s+(?:[A-Z]|al-|el-)[\w’'-]+){0,3}\s*,\s+an?\s+"
    r"(?:(?:male|female|young|little|small)\s+)?(?:child|boy|girl|baby|infant|toddler)\b"
)
#: "their four children: Omar Nazir, Ghada Nazir …": the names after it are children.
_CHILDREN_COLON = re.compile(r"\b(?:children|kids)\s*:\s*(?P<names>[^.;:]{1,300})")
_NAME = re.compile(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+")
#: The Latin-script name that opens a list entry.
_ENTRY_NAME = re.compile(r"^(?:Family\s+members\s+\(\d+\)\s+)?(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)")


def prose_ages(prose: str) -> dict[str, float]:
    """Ages the report's prose gives named people, keyed by their first two names (lower case)."""
    out: dict[str, float] = {}
    for m in _PROSE_AGE.finditer(prose):
        if m.group("name2"):
            out.setdefault(m.group("name2").lower(), float(m.group("age2")))
            continue
        if m.group("name3"):
            out.setdefault(m.group("name3").lower(), 0.0)  # a child of unstated age
            continue
        years = parse_number(m.group("age"))
        if years is None:
            continue
        out.setdefault(
            m.group("name").lower(), float(years) if m.group("unit").lower().startswith("year") else 0.0
        )
    for m in _CHILDREN_COLON.finditer(prose):
        for name in _NAME.findall(m.group("names")):
            out.setdefault(name.lower(), 0.0)  # a child of unstated age
    return out


#: An entry that names the victim only as someone's child ("Child of Hanan (Unnamed)"): the
#: relation word is no age ("Child of Samir … Adult" is a grown son or daughter), but with no
#: age given the list's word "child" is all there is to go on. "Son of …" says nothing of age.
_OFFSPRING = re.compile(r"^(?:Family\s+members\s+\(\d+\)\s+)?(?:grand)?child(?:ren)?\s+of\b", re.I)


#: Words that make an entry's "name" a description: unnamed victims are never one another.
_NOT_A_NAME = re.compile(
    r"['’]s\b|\b(?:of|child|children|son|daughter|wife|husband|mother|father|unnamed|unknown)\b"
)
#: The Latin-script name words that open an entry, up to its Arabic script or a bracket.
_LATIN_NAME = re.compile(r"[^\u0600-\u06ff(\d]*")


def _entry_key(entry: str, measure: str) -> tuple[str, str] | None:
    """Who an entry names, to spot a victim listed twice: (measure, name).

    The name is the first three words (given name, father's, grandfather's) when the entry
    has as many, which siblings and cousins never share; else the whole Latin-script name.
    """
    body = entry.strip()
    named = _ENTRY_NAME.match(body)
    if named is None or _OFFSPRING.match(body):
        return None  # "Child of Hanan" twice is two children
    latin = m.group(0) if (m := _LATIN_NAME.match(body, named.start("name"))) else ""
    after = _AGE.search(latin) or _SEX.search(latin)
    words = (latin[: after.start()] if after else latin).lower().split()
    if not words or _NOT_A_NAME.search(" ".join(words)):
        return None  # "Child Child", "Samir Odeh's son": no one in particular
    return measure, " ".join(words[:3])


_UNKNOWN_AGES = ("", "age unknown")


def _same_age(a: str, b: str) -> bool:
    """Two ages that can be one person's: equal, or one of them not known."""
    return a == b or a in _UNKNOWN_AGES or b in _UNKNOWN_AGES


#: An age the list gives as a span: "18 years old male (17-19)".
_AGE_SPAN = re.compile(r"\((?P<lo>\d{1,3})\s*[-–]\s*(?P<hi>\d{1,3})\)")


def _age(entry: str) -> str:
    """The age an entry gives, as written ("" when none); "age unknown" when its span straddles
    the child age ("18 years old (17-19)" may be a child's)."""
    body = entry.strip()
    age_m = _AGE.search(body, (o.end() if (o := _OFFSPRING.match(body)) else 0))
    span = _AGE_SPAN.search(body, age_m.end()) if age_m else None
    if span and int(span.group("lo")) < CHILD_AGE <= int(span.group("hi")):
        return "age unknown"
    return " ".join(age_m.group(0).lower().split()) if age_m else ""


def _group_of(entry: str, ages: dict[str, float] | None = None) -> str:
    body = entry.strip()
    offspring = _OFFSPRING.match(body)
    age_m = _AGE.search(body, offspring.end() if offspring else 0)
    unknown = age_m is None or age_m.group(0).lower().startswith("age")
    sex_m = _SEX.search(body)
    sex = sex_m.group("sex").lower() if sex_m else None
    if unknown and ages:
        named = _ENTRY_NAME.match(body)
        age = ages.get(named.group("name").lower()) if named else None
        if age is not None and age < CHILD_AGE:
            return "children"  # the list gives no age, the prose does: "11-year-old Omar …"
    if unknown and offspring:
        return "children"
    if age_m:
        if age_m.group("num"):
            age = float(age_m.group("num"))
            if not age_m.group("unit").lower().startswith("year"):
                age = 0.0
            if age < CHILD_AGE:
                return "children"
        elif age_m.group("word").lower() in ("child", "infant", "baby", "teenager"):
            return "children"
    if sex == "female":
        return "women"
    if sex == "male":
        return "men"
    return "people"


def _figures(document: Document, counts: dict[tuple[str, str], list[Mention]], base: int) -> list[Figure]:
    out: list[Figure] = []
    for measure in ("killed", "injured"):
        groups = [(g, ms) for (m, g), ms in counts.items() if m == measure]
        if not groups:
            continue
        total_id = f"v{base + len(out) + 1}"
        part_ids: list[str] = []
        first = min(ms[0].start for _, ms in groups)
        last = max(ms[-1].end for _, ms in groups)
        n_total = sum(len(ms) for _, ms in groups)
        total = _figure(document, total_id, measure, "people", n_total, first, last)
        out.append(total)
        for group, ms in groups:
            fid = f"v{base + len(out) + 1}"
            fig = _figure(document, fid, measure, group, len(ms), ms[0].start, ms[0].end)
            fig.mentions = ms[1:]
            fig.part_of = total_id
            part_ids.append(fid)
            out.append(fig)
        total.parts = part_ids
    return out


def _figure(document: Document, fid: str, measure: str, group: str, n: int, start: int, end: int) -> Figure:
    return Figure(
        id=fid,
        measure=measure,
        low=n,
        best=n,
        high=n,
        qualifier="at_least",
        group=group,
        group_text="named victims",
        scope="incident",
        text=document.text[start:end],
        start=start,
        end=end,
        sentence=document.text[start:end],
        sentence_start=start,
        confidence=0.85,
        number_start=start,
        number_end=start,
    )
