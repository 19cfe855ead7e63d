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
    counts: dict[tuple[str, str], list[Mention]] = {}
    ages = prose_ages(text[: m.start()])
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
        measure = "killed" if status == "killed" else "injured"
        group = _group_of(entry, ages)
        start = pos + len(entry) - len(entry.lstrip())
        counts.setdefault((measure, group), []).append(Mention(start, st.end(), text[start : st.end()]))
        pos = st.end()
    return _figures(document, counts, base)


#: An age the prose gives a named victim: "11-year-old Omar Nazir", "Mazen Abu Ali (17)".
_PROSE_AGE = re.compile(
    r"\b(?P<age>\d{1,2}|[a-z]+(?:-[a-z]+)?)[- ](?P<unit>years?|months?|weeks?)[- ]old\s+"
    r"(?:(?:boy|girl|son|daughter|child|brother|sister|infant|baby|niece|nephew|grandson|granddaughter)\s+)?"
    r"(?:named\s+)?(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)"
    r"|(?P<name2>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3}\s+"
    r"\((?:aged\s+)?(?P<age2>\d{1,2})(?:\s+years?\s+old)?\)"
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


def _group_of(entry: str, ages: dict[str, float] | None = None) -> str:
    age_m = _AGE.search(entry)
    sex_m = _SEX.search(entry)
    sex = sex_m.group("sex").lower() if sex_m else None
    if age_m is None and ages:
        named = _ENTRY_NAME.match(entry.strip())
        age = ages.get(named.group("name").lower()) if named else None
        if age is not None and age < CHILD_AGE:
            return "children"  # the list gives no age, the prose does: "11-year-old Omar …"
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
