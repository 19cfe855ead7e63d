"""Who did what to whom: perpetrator and target around a cue, and each event's ACLED actors."""

from __future__ import annotations

import re

from tollwatch.events.lexicon import ACTOR_RULES, ARMED_KINDS, COUNTRY_NAMES, DEMONYMS, RE_DEMONYM, ActorRule
from tollwatch.events.scan import Mention, find_first, has_cue, mentions_in, sentence_bounds
from tollwatch.model import Actor, Event, Place


def country_name(code_or_name: str | None) -> str | None:
    """ACLED's short country name for an ISO alpha-2/alpha-3 code or a name."""
    if not code_or_name:
        return None
    key = code_or_name.strip()
    if key.upper() in COUNTRY_NAMES:
        return COUNTRY_NAMES[key.upper()]
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return key if len(key) > 3 else None
    try:
        c = pycountry.countries.lookup(key)
    except LookupError:
        return key if len(key) > 3 else None
    alpha2 = getattr(c, "alpha_2", "")
    if alpha2 in COUNTRY_NAMES:
        return COUNTRY_NAMES[alpha2]
    return str(getattr(c, "common_name", None) or c.name)


def perpetrator_and_target(low: str, at: int) -> tuple[Mention | None, Mention | None]:
    """The actor doing the cue at ``at`` and the one it is done to, in its sentence.

    Active voice: the nearest actor before the cue acts (a named group in the
    subject is preferred: "suspected JNIM militants" -> JNIM), the first after it
    suffers. Passive voice ("was shot by bandits", "killed in an attack by"):
    the agent after "by" acts, the subject suffers; with no agent, no one is
    named as acting.
    """
    s, e = sentence_bounds(low, at)
    ms = mentions_in(low, s, e)
    before = [m for m in ms if m.end <= at]
    after = [m for m in ms if m.start > at]
    passive = RE_PASSIVE_AUX.search(low, max(s, at - 40), at) is not None
    by = RE_BY.search(low, at, min(e, at + 80))
    agent = None
    if by is not None:
        agent = next((m for m in after if by.end() <= m.start < by.end() + 30), None)
    if passive or agent is not None:
        patient = (
            before[-1] if before else next((m for m in after if by is None or m.start < by.start()), None)
        )
        return agent, patient
    perp = before[-1] if before else None
    if perp is not None and has_cue("aftermath", low, perp.end, at):
        # "residents buried 31 people killed in ...": the residents did not kill them
        before = [m for m in before if m.start > perp.end]
        perp = None
    if perp is not None and perp.rule.kind == "civilian" and _RE_REDUCED_RELATIVE.match(low, perp.end):
        # "31 people killed in the raids": the people are the victims, no doer is named
        return None, perp
    if before:
        named = [m for m in before if m.rule.kind in ARMED_KINDS and at - m.end < 60]
        if named:
            specific = [m for m in named if m.rule.group or "{country}" not in m.rule.name]
            perp = specific[0] if specific else named[-1]
    target = after[0] if after else None
    return perp, target


#: A victim noun followed by a bare participle and a preposition or a stop: a reduced
#: relative clause ("people killed in the raids", "villagers shot dead by"), not an act.
_RE_REDUCED_RELATIVE = re.compile(
    r"\s+(?:killed|murdered|slain|shot(?: dead)?|wounded|injured|hurt|massacred|executed)"
    r"(?:\s+(?:in|by|during|when|on|at|after|as|since|last|this|overnight)\b|\s*[.,;:])"
)
RE_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets)\s+"
    r"(?:(?:\w+ly|also|then|later|reportedly|allegedly|fatally|shot and|attacked and|kidnapped and)\s+)*\Z"
)
RE_BY = re.compile(
    r"\bby\s+(?:(?:the|a|an|some|suspected|unknown|presumed|alleged|armed|a group of|members of the)\s+)*"
)


# --------------------------------------------------------------------------- actors


def _country(places: list[Place], ev: Event, low: str) -> str | None:
    loc = ev.location
    if loc is not None and loc.country:
        return country_name(loc.country)
    for p in places:
        if p.role == "event" and p.country:
            return country_name(p.country)
    m = RE_DEMONYM.search(low)
    if m is not None:
        return DEMONYMS[m.group(0)]
    return None


def _actor_name(rule: ActorRule, country: str | None, group: str | None) -> str:
    name = rule.name
    if group:
        name = name.replace(
            "{group}",
            group.strip().title().rstrip("s")
            if group.endswith("s") and len(group) > 4
            else group.strip().title(),
        )
    if country:
        return name.replace("{country}", country)
    return re.sub(r"\s*(?:of \{country\}|\(\{country\}\))", "", name).strip()


def fill_actors(events: list[Event], low: str, places: list[Place], text: str) -> None:
    home = _country(places, events[0], low) if events else None
    for ev in events:
        # people displaced and countries reacting belong to the story's country, not where they went
        country = home if ev.type in ("displacement", "international_reaction") else _country(places, ev, low)
        ev.actors = _event_actors(ev, low, text, country)


def _mk(m: Mention | None, country: str | None, text: str, role_kind: str | None = None) -> Actor | None:
    if m is None:
        return None
    rule = m.rule
    if role_kind == "rioter" and rule.kind in ("civilian", "protester"):
        rule = _RULE_BY_KIND["rioter"]
    elif role_kind == "protester" and rule.kind in ("civilian", "rioter"):
        rule = _RULE_BY_KIND["protester"]
    elif role_kind == "civilian" and rule.kind in ("rioter", "protester", "militia") and not rule.group:
        rule = _RULE_BY_KIND["civilian"]
    return Actor(_actor_name(rule, country, m.group), text[m.start : m.end], rule.interaction)


_RULE_BY_KIND: dict[str, ActorRule] = {}
for _r in ACTOR_RULES:
    _RULE_BY_KIND.setdefault(_r.kind, _r)


def _event_actors(ev: Event, low: str, text: str, country: str | None) -> list[Actor]:
    """actor1 (who acted) and, where there is one, actor2 (who it was done to)."""
    a, b = ev.start, ev.end
    first_end = sentence_bounds(low, a)[1]
    typ, sub = ev.type, ev.sub_type
    ms = mentions_in(low, a, b)
    out: list[Actor | None] = []
    if typ in ("protest", "riot"):
        kind = "protester" if typ == "protest" else "rioter"
        p = next(
            (m for m in ms if m.rule.kind in ("protester", "rioter", "civilian") and m.start < first_end),
            None,
        )
        actor1 = _mk(p, country, text, kind) or Actor(
            _actor_name(_RULE_BY_KIND[kind], country, None), "", _RULE_BY_KIND[kind].interaction
        )
        out.append(actor1)
        if typ == "riot" and sub == "mob_violence":
            victim = next(
                (
                    m
                    for m in ms
                    if m is not p and m.start > (p.end if p else a) and m.rule.kind in ("civilian", "state")
                ),
                None,
            )
            if victim is None:
                civ = _RULE_BY_KIND["civilian"]
                out.append(Actor(_actor_name(civ, country, None), "", civ.interaction))
            else:
                out.append(_mk(victim, country, text, "civilian" if victim.rule.kind != "state" else None))
        elif sub != "peaceful_protest":
            out.append(_mk(next((m for m in ms if m.rule.kind == "state"), None), country, text))
    elif typ in _TYPE_CUES:
        perp, target = _best_pair(low, typ, ev, ms)
        out.append(_mk(perp, country, text))
        if typ == "violence_against_civilians":
            civ = _RULE_BY_KIND["civilian"]
            default = Actor(_actor_name(civ, country, None), "", civ.interaction)
            out.append(_mk(target, country, text, "civilian") if target else default)
        else:
            out.append(_mk(target, country, text))
    elif typ == "international_reaction":
        m = RE_DEMONYM.search(low, a, b)
        if m is not None:
            c = DEMONYMS[m.group(0)]
            out.append(Actor(f"Government of {c}", text[m.start() : m.end()], "External/Other forces"))
    elif typ == "displacement":
        out.append(Actor(_actor_name(_RULE_BY_KIND["civilian"], country, None), "", "Civilians"))
    return [x for x in out if x is not None]


_TYPE_CUES: dict[str, tuple[str, ...]] = {
    "battle": ("battle", "attack"),
    "violence_against_civilians": ("attack", "abduction", "sexual"),
    "explosions_remote_violence": ("explosion",),
    "strategic_development": ("looting", "arson", "arrests", "destruction"),
}


def _best_pair(low: str, typ: str, ev: Event, ms: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """Perpetrator and target from the first of the event's sentences that names them.

    A battle needs two different armed sides; an attack an armed perpetrator.
    """
    pos = ev.start
    fallback: tuple[Mention | None, Mention | None] = (None, None)
    while pos < ev.end:
        cue = _first_cue(low, typ, pos, ev.end)
        if cue >= ev.end:
            break
        perp, target = perpetrator_and_target(low, cue)
        s, e = sentence_bounds(low, cue)
        if typ == "battle":
            sides: list[Mention] = []
            for m in mentions_in(low, s, e):
                if m.rule.kind in ARMED_KINDS and all(m.rule is not x.rule for x in sides):
                    sides.append(m)
            if len(sides) >= 2:
                if perp is not None and perp.rule.kind in ARMED_KINDS:
                    return perp, next(x for x in sides if x.rule is not perp.rule)
                return sides[0], sides[1]
            if fallback == (None, None) and sides:
                fallback = (sides[0], None)
        elif perp is not None and perp.rule.kind in ARMED_KINDS:
            return perp, target
        elif fallback == (None, None) and (perp or target):
            fallback = (perp, target)
        pos = max(e, cue + 1)
    if fallback[0] is None:
        first_armed = next((m for m in ms if m.rule.kind in ARMED_KINDS), None)
        return first_armed, fallback[1]
    return fallback


def _first_cue(low: str, typ: str, a: int, b: int) -> int:
    found = [m.start() for n in _TYPE_CUES.get(typ, ()) if (m := find_first(n, low, a, b)) is not None]
    return min(found) if found else b
