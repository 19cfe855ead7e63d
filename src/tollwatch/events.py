"""Grouping a document's figures into events, with type, actors, place and date.

An event is what one report describes happening. ``events[0]`` is the report's
main event: its type follows ACLED's decision order (explosions before battles,
demonstrations read for violence and intervention, violence read for who was
harmed). Further events come from cues in single sentences: another violent
type, looting and arson, arrests, and the humanitarian impacts ACLED does not
code (displacement, infrastructure outage, road closure, international reaction).
An event can carry no figures.

The names of types and sub-types are in ``data/events/types.toml``; the cue
words in ``data/events/cues.toml``; the actor tables in ``data/events/actors.toml``.
All are read and compiled once, at import.
"""

from __future__ import annotations

import bisect
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from tollwatch.dates import date_for_span, is_background
from tollwatch.model import Actor, DateSpan, Document, Estimate, Event, Figure, Place, Sentence

__all__ = [
    "ALIASES",
    "EVENT_TYPES",
    "SUB_TYPES",
    "build_events",
    "classify",
    "country_name",
    "event_names",
]

# --------------------------------------------------------------------------- data


def _load(name: str) -> dict[str, Any]:
    text = resources.files("tollwatch").joinpath("data", "events", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


_TYPES = _load("types.toml")
_CUES = _load("cues.toml")["cues"]
_ACTORS = _load("actors.toml")

#: type -> its sub-types (ACLED's six types; the humanitarian types have none).
SUB_TYPES: dict[str, tuple[str, ...]] = {t: tuple(s) for t, s in _TYPES["acled"].items()}
for _t in _TYPES["humanitarian"]["types"]:
    SUB_TYPES[_t] = ()
#: Every type name tollwatch emits.
EVENT_TYPES: tuple[str, ...] = tuple(SUB_TYPES)
#: Alternative names of sub-types (looting_arson -> looting_property_destruction).
ALIASES: dict[str, str] = dict(_TYPES["aliases"])
#: ACLED's labels to our names (evaluation only).
ACLED_EVENT_TYPES: dict[str, str] = dict(_TYPES["acled_labels"]["event_type"])
ACLED_SUB_TYPES: dict[str, str] = dict(_TYPES["acled_labels"]["sub_event_type"])


def _rx(fragments: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(fragments) + r")\b")


_RE_PREFIX = re.compile(r"\A\W*(?:" + "|".join(_CUES["strategic_prefix"]) + r")\s*:")


@dataclass(slots=True)
class _ActorRule:
    name: str
    interaction: str
    kind: str
    group: bool
    words: list[str]


_ACTOR_RULES = [
    _ActorRule(a["name"], a["interaction"], a["kind"], bool(a.get("group")), list(a["words"]))
    for a in _ACTORS["actor"]
]
_DEMONYMS: dict[str, str] = dict(_ACTORS["demonyms"])
_RE_DEMONYM = _rx(sorted((re.escape(k) for k in _DEMONYMS), key=len, reverse=True))
_COUNTRY_NAMES: dict[str, str] = dict(_ACTORS["country_names"])

_main_location: Callable[[list[Place]], Place | None] | None = None
try:  # the place stage may not exist yet, or may lack the helper
    from tollwatch.geo import places as _geo_places

    _main_location = getattr(_geo_places, "main_location", None)
except ImportError:  # pragma: no cover - depends on the geo module's progress
    pass

_document_toll: Callable[[list[Figure], str], Any] | None = None
try:  # the toll helper is written by the figures work
    from tollwatch.extract import toll as _toll_module

    _document_toll = getattr(_toll_module, "document_toll", None)
except ImportError:  # pragma: no cover
    pass


def event_names(event: Event) -> set[str]:
    """The event's type and sub-type with their aliases (for scoring either name)."""
    names = {event.type}
    if event.sub_type:
        names.add(event.sub_type)
        if event.sub_type in ALIASES:
            names.add(ALIASES[event.sub_type])
    return names


def country_name(code_or_name: str | None) -> str | None:
    """ACLED's short country name for an ISO alpha-2/alpha-3 code or a name."""
    if not code_or_name:
        return None
    key = code_or_name.strip()
    if key.upper() in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key.upper()]
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return key if len(key) > 3 else None
    try:
        c = pycountry.countries.lookup(key)
    except LookupError:
        return key if len(key) > 3 else None
    alpha2 = getattr(c, "alpha_2", "")
    if alpha2 in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[alpha2]
    return str(getattr(c, "common_name", None) or c.name)


# --------------------------------------------------------------------------- classification


@dataclass(slots=True)
class Classification:
    """What one text reads as: type, sub-type, and where the deciding cue is."""

    type: str
    sub_type: str | None
    #: offset of the deciding cue in the text
    at: int = 0
    #: actor mentions read around the cue: (actor1, actor2)
    actors: list[Actor] = field(default_factory=list)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    rule: _ActorRule
    text: str
    group: str | None = None


# --------------------------------------------------------------------------- the scanner
# Speed: the cue and actor lists are expanded at import into the finite set of
# phrases they match (a dict), and a note is read once, word by word, looking
# phrases up from each word that can start one (longest first). A flat regex
# alternation of hundreds of patterns would try each at every character, and a
# compiled trie of them costs a tenth of a second at start-up. The scan is kept
# for the document being read, so the decision rules below can ask "is there a
# battle cue in this sentence" as often as they like.


def _expand(fragment: str) -> list[str]:
    """Every string a cue fragment matches: literals, ``(?:a|b)``, ``[ab]`` and ``?`` only."""
    out, i = _expand_seq(fragment, 0)
    if i != len(fragment):
        raise ValueError(f"unsupported cue fragment: {fragment!r}")
    return out


def _expand_seq(f: str, i: int) -> tuple[list[str], int]:
    alts: list[list[str]] = []
    cur = [""]
    while i < len(f) and f[i] != ")":
        if f[i] == "|":
            alts.append(cur)
            cur = [""]
            i += 1
            continue
        if f.startswith("(?:", i):
            opts, i = _expand_seq(f, i + 3)
            i += 1  # the closing parenthesis
        elif f[i] == "[":
            j = f.index("]", i)
            opts = list(f[i + 1 : j])
            i = j + 1
        elif f[i] == "\\":
            opts = [f[i + 1]]
            i += 2
        elif f[i] in "*+{.^$":
            raise ValueError(f"unsupported cue fragment: {f!r}")
        else:
            opts = [f[i]]
            i += 1
        if i < len(f) and f[i] == "?":
            opts = [*opts, ""]
            i += 1
        cur = [a + b for a in cur for b in opts]
    alts.append(cur)
    return [s for alt in alts for s in alt], i


_RE_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


class _PhraseIndex:
    """Finds the phrases of a table in a text: leftmost, longest, word-bounded, not overlapping."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = set(phrases)
        self.starts: dict[str, int] = {}  # first word -> the most words a phrase from it has
        for ph in self.phrases:
            words = _RE_WORD.findall(ph)
            first = _RE_WORD.match(ph)
            if not words or first is None or first.end() != len(words[0]):
                raise ValueError(f"cue phrase must start with a word: {ph!r}")
            n = len(words)
            if self.starts.get(words[0], 0) < n:
                self.starts[words[0]] = n

    def finditer(self, low: str) -> Iterator[tuple[int, int, str]]:
        words = [(m.start(), m.end()) for m in _RE_WORD.finditer(low)]
        starts, phrases = self.starts, self.phrases
        i, n = 0, len(words)
        while i < n:
            s, e = words[i]
            most = starts.get(low[s:e])
            if most is not None:
                for j in range(min(n, i + most) - 1, i - 1, -1):
                    end = words[j][1]
                    ph = low[s:end]
                    if ph in phrases and (end == len(low) or not low[end].isalnum()):
                        yield s, end, ph
                        i = j
                        break
            i += 1


def _cue_table() -> tuple[_PhraseIndex, dict[str, frozenset[str]]]:
    phrase_cues: dict[str, set[str]] = {}
    for name, frags in _CUES.items():
        if name == "strategic_prefix":
            continue
        for frag in frags:
            for ph in _expand(frag):
                phrase_cues.setdefault(ph, set()).add(name)
    # a long phrase also counts for the cues of each shorter phrase it starts with
    # ("clashed with police" is a riot cue and, through "clashed", a battle cue)
    table: dict[str, frozenset[str]] = {}
    for ph, names in phrase_cues.items():
        acc = set(names)
        for k in range(1, len(ph)):
            if not ph[k].isalnum() and ph[:k] in phrase_cues:
                acc |= phrase_cues[ph[:k]]
        table[ph] = frozenset(acc)
    return _PhraseIndex(table), table


def _actor_table() -> tuple[_PhraseIndex, dict[str, _ActorRule]]:
    table: dict[str, _ActorRule] = {}
    for rule in _ACTOR_RULES:
        for frag in rule.words:
            for ph in _expand(frag):
                table.setdefault(ph, rule)  # the first table that names a phrase wins
    return _PhraseIndex(table), table


class _Scan:
    """Every cue and actor mention of one lower-cased text."""

    __slots__ = ("cues", "low", "mentions", "places")

    def __init__(self, low: str) -> None:
        self.low = low
        self.places: list[Place] = []
        self.cues: dict[str, list[tuple[int, int]]] = {}
        for s, e, ph in _RE_CUES.finditer(low):
            for name in _CUE_OF[ph]:
                self.cues.setdefault(name, []).append((s, e))
        self.mentions: list[_Mention] = []
        for s, e, ph in _RE_ACTORS.finditer(low):
            rule = _ACTOR_OF[ph]
            prev = self.mentions[-1] if self.mentions else None
            # "Al Shabaab militants", "police officers", "Pokot raiders": one actor, named by its first word
            if prev is not None and s - prev.end <= 1 and rule.kind in _ARMED_KINDS:
                generic = "{country}" in rule.name and not rule.group
                if rule is prev.rule or (generic and prev.rule.kind in _ARMED_KINDS):
                    prev.end = e
                    continue
            self.mentions.append(_Mention(s, e, rule, ph, ph if rule.group else None))


_local = threading.local()


def _scan(low: str) -> _Scan:
    sc: _Scan | None = getattr(_local, "scan", None)
    if sc is None or sc.low is not low:
        sc = _Scan(low)
        _local.scan = sc
    return sc


class _Hit:
    """A cue occurrence (the parts of re.Match the rules use)."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _first(name: str, low: str, start: int = 0, end: int | None = None) -> _Hit | None:
    hits = _scan(low).cues.get(name)
    if not hits:
        return None
    end = len(low) if end is None else end
    k = bisect.bisect_left(hits, (start, -1))
    if k < len(hits) and hits[k][1] <= end:
        return _Hit(*hits[k])
    return None


def _hits(name: str, low: str, start: int = 0, end: int | None = None) -> list[_Hit]:
    end = len(low) if end is None else end
    return [_Hit(s, e) for s, e in _scan(low).cues.get(name, ()) if s >= start and e <= end]


def _has(name: str, low: str, start: int = 0, end: int | None = None) -> bool:
    return _first(name, low, start, end) is not None


def _mentions(low: str, start: int = 0, end: int | None = None) -> list[_Mention]:
    """Actor mentions in ``[start, end)``, in text order."""
    ms = _scan(low).mentions
    end = len(low) if end is None else end
    return [m for m in ms if m.start >= start and m.end <= end]


_RE_CUES, _CUE_OF = _cue_table()
_RE_ACTORS, _ACTOR_OF = _actor_table()


_RE_SENT_END = re.compile(r"[.;!?](?:\s|$)")


def _sentence_bounds(low: str, at: int) -> tuple[int, int]:
    s = 0
    for m in _RE_SENT_END.finditer(low, 0, at):
        s = m.end()
    m2 = _RE_SENT_END.search(low, at)
    return s, (m2.start() + 1 if m2 else len(low))


def _perpetrator_and_target(low: str, at: int) -> tuple[_Mention | None, _Mention | None]:
    """The actor doing the cue at ``at`` and the one it is done to, in its sentence.

    Active voice: the nearest actor before the cue acts (a named group in the
    subject is preferred: "suspected JNIM militants" -> JNIM), the first after it
    suffers. Passive voice ("was shot by bandits", "killed in an attack by"):
    the agent after "by" acts, the subject suffers; with no agent, no one is
    named as acting.
    """
    s, e = _sentence_bounds(low, at)
    ms = _mentions(low, s, e)
    before = [m for m in ms if m.end <= at]
    after = [m for m in ms if m.start > at]
    passive = _RE_PASSIVE_AUX.search(low, max(s, at - 40), at) is not None
    by = _RE_BY.search(low, at, min(e, at + 80))
    agent = None
    if by is not None:
        agent = next((m for m in after if by.end() <= m.start < by.end() + 30), None)
    if passive or agent is not None:
        patient = (
            before[-1] if before else next((m for m in after if by is None or m.start < by.start()), None)
        )
        return agent, patient
    perp = before[-1] if before else None
    if before:
        named = [m for m in before if m.rule.kind in _ARMED_KINDS and at - m.end < 60]
        if named:
            specific = [m for m in named if m.rule.group or "{country}" not in m.rule.name]
            perp = specific[0] if specific else named[-1]
    target = after[0] if after else None
    return perp, target


_RE_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets)\s+"
    r"(?:(?:\w+ly|also|then|later|reportedly|allegedly|fatally|shot and|attacked and|kidnapped and)\s+)*\Z"
)
_RE_BY = re.compile(
    r"\bby\s+(?:(?:the|a|an|some|suspected|unknown|presumed|alleged|armed|a group of|members of the)\s+)*"
)


_ARMED_KINDS = ("state", "armed", "militia")
_RE_CLAUSE_START = re.compile(r"[,;:(]|\band\b|\bwho\b|\bwhich\b")
_RE_GRIEVANCE = re.compile(r"\b(?:against|after|following|over|about|justice|killing|death)\b")
_RE_FIGHT = re.compile(r"\beach other\b|\bfight\b|\bfactions\b|\brival\b")


def classify(text: str, low: str | None = None) -> Classification:
    """ACLED's event type and sub-type for a text (a note, or a report's lead).

    The decision order follows ACLED's codebook: a coder's label prefix;
    remote violence; demonstrations (riot when demonstrators are violent, with
    intervention or excessive force when the state acts on peaceful ones); crowd
    justice; armed violence split by who was harmed; strategic developments.
    """
    low = text.lower() if low is None else low
    # 1. coder label ("Arrests:", "Property destruction:") - strategic development
    m = _RE_PREFIX.match(low)
    if m is not None:
        return Classification("strategic_development", _strategic_sub(low), 0)

    pos = {
        name: _first(name, low)
        for name in ("protest", "explosion", "battle", "attack", "abduction", "sexual", "mob")
    }
    first_sentence_end = _sentence_bounds(low, 0)[1]

    def at(name: str) -> int:
        mm = pos[name]
        return mm.start() if mm is not None else 10**9

    # 2. remote violence: an explosion that is the main means (first sentence, or
    #    before any battle cue), and not a device found and made safe
    ex = pos["explosion"]
    if ex is not None and (ex.start() < first_sentence_end or ex.start() < min(at("battle"), at("attack"))):
        if _has("defused", low, max(0, ex.start() - 60), ex.end() + 60) and not _has_casualty(low):
            return Classification("strategic_development", "disrupted_weapons_use", ex.start())
        return Classification("explosions_remote_violence", _explosion_sub(low), ex.start())

    # 3. demonstrations
    pr = pos["protest"]
    mob = pos["mob"]
    if pr is not None and (pr.start() < first_sentence_end or pr.start() < min(at("battle"), at("attack"))):
        return _demonstration(low, pr.start())

    # 4. crowd justice
    if mob is not None and (
        mob.start() < first_sentence_end or mob.start() <= min(at("battle"), at("attack"))
    ):
        return Classification("riot", "mob_violence", mob.start())
    rs = _first("riot_strong", low)
    if rs is not None and (rs.start() < first_sentence_end or rs.start() <= min(at("battle"), at("attack"))):
        lo, _hi = _sentence_bounds(low, rs.start())
        near = _mentions(low, lo, rs.start())
        perp = near[-1] if near else None
        if _RE_PASSIVE_AUX.search(low, max(lo, rs.start() - 40), rs.start()):
            perp = None  # "police were pelted with stones": the crowd did it
        if perp is None or perp.rule.kind not in ("state", "armed"):
            fight = _has("mob", low) or _RE_FIGHT.search(low) is not None
            return Classification("riot", "mob_violence" if fight else "violent_demonstration", rs.start())

    # 5. armed violence
    violent = [pos[n] for n in ("battle", "attack", "abduction", "sexual") if pos[n] is not None]
    if violent:
        first = min(violent, key=lambda x: x.start())  # type: ignore[union-attr]
        return _violence(low, first.start())  # type: ignore[union-attr]

    # 6. strategic developments and everything else; property destroyed by a crowd is a riot
    damage = _first("arson", low) or _first("destruction", low) or _first("looting", low)
    if damage is not None:
        perp, _target = _perpetrator_and_target(low, damage.start())
        if perp is not None and perp.rule.kind in ("rioter", "civilian", "protester"):
            return Classification("riot", "violent_demonstration", damage.start())
    return Classification("strategic_development", _strategic_sub(low), 0)


_RE_CASUALTY_WORDS = r"\b(?:killed|killing|injured|injuring|wounded|wounding|dead|died|deaths?|murdered)\b"


def _has_casualty(low: str) -> bool:
    return _has("attack", low) and re.search(_RE_CASUALTY_WORDS, low) is not None


def _explosion_sub(low: str, a: int = 0, b: int | None = None) -> str:
    """The remote-violence sub-type the words in ``low[a:b]`` name (device by default)."""
    for cue, sub in _EXPLOSION_SUBS:
        if _has(cue, low, a, b):
            return sub
    return "remote_explosive_landmine_ied"


_EXPLOSION_SUBS = (
    ("suicide", "suicide_bomb"),
    ("drone_strike", "drone_strike"),
    ("air_strike", "air_strike"),
    ("grenade", "grenade"),
    ("shelling", "shelling_artillery_missile_attack"),
)


def _demonstration(low: str, at: int) -> Classification:
    """Protest or riot, by what the demonstrators and the state did."""
    peaceful = "peaceful" in low
    violent = next(
        (
            h
            for h in _hits("riot_violence", low)
            if not (peaceful and _RE_WEAK_RIOT.match(low, h.start()))
            and _crowd_did(low, h.start(), _mentions(low))
        ),
        None,
    )
    mob = _first("mob", low)
    state_acts = _has("intervention", low)
    force = _first("excessive_force", low)
    # violence by the crowd makes it a riot
    if violent is not None:
        if (
            mob is not None
            and mob.start() < violent.start() + 80
            and re.search(r"\blynch|mob justice|jungle justice", low)
        ):
            return Classification("riot", "mob_violence", mob.start())
        return Classification("riot", "violent_demonstration", violent.start())
    if force is not None:
        return Classification("protest", "excessive_force_against_protesters", force.start())
    if state_acts:
        return Classification("protest", "protest_with_intervention", at)
    return Classification("protest", "peaceful_protest", at)


#: Riot cues that a report calling the demonstration peaceful outweighs.
_RE_WEAK_RIOT = re.compile(r"block|storm|disrupt|chased|clash")


def _crowd_did(low: str, at: int, ms: list[_Mention]) -> bool:
    """True unless the violent cue at ``at`` is plainly not the crowd's doing.

    Not the crowd's: the state's acts ("police beat protesters"), the grievance
    ("protested against the lynching of", "a man who was beaten"), or a passive
    with a state agent. A passive with no agent ("property was burnt") is the crowd's.
    """
    s, _e = _sentence_bounds(low, at)
    head = low[s:at]
    clause = _RE_CLAUSE_START.split(head)[-1]
    if _RE_GRIEVANCE.search(clause):
        return False  # "protested against the lynching of ...", "after a man was beaten"
    if _RE_PASSIVE_AUX.search(low, max(s, at - 40), at):
        by = _RE_BY.search(low, at, min(len(low), at + 60))
        agent = next((m for m in ms if by is not None and by.end() <= m.start < by.end() + 30), None)
        if agent is not None:
            return agent.rule.kind != "state"
        return _RE_RELATIVE_END.search(head[: len(head) - len(clause)]) is None
    before = [m for m in ms if s <= m.end <= at]
    if before and before[-1].rule.kind == "state" and at - before[-1].end < 40:
        # "police clashed with protesters" is still a riot; "police beat protesters" is not
        return low.startswith("clash", at) or low.startswith("running", at)
    return True


_RE_RELATIVE_END = re.compile(r"\b(?:who|which|that)\s*\Z")


def _violence(low: str, at: int) -> Classification:
    """Battle, attack on civilians, abduction, sexual violence or crowd violence.

    A battle needs two armed sides: a reciprocal cue (clashed, exchange of fire)
    or an armed target (soldiers, a police post, named militiamen). Members of
    an ethnic group harmed without a militia word are civilians.
    """
    perp, target = _perpetrator_and_target(low, at)
    if _has("sexual", low, max(0, at - 200), at + 200) and not _has("battle", low, 0, at):
        return Classification("violence_against_civilians", "sexual_violence", at, [])
    perp_kind = perp.rule.kind if perp else None
    target_kind = _target_kind(low, target)
    strong = _first("battle_strong", low)
    weak = _first("battle", low)
    gun = _first("gun_fight", low)
    if gun is not None and gun.start() <= at + 200:
        return Classification("battle", "armed_clash", gun.start())
    if strong is not None and strong.start() <= at + 200:
        lo, hi = _sentence_bounds(low, strong.start())
        if {m.rule.kind for m in _mentions(low, lo, hi + 300)} & {"armed", "militia", "state"}:
            perp_kind = "armed"  # communal or armed sides fighting: not crowd justice
    # crowd justice: civilians / rioters harming someone
    plural = perp is not None and (perp.text.endswith("s") or perp.text in _CROWD_WORDS)
    crowd = perp_kind == "rioter" or (
        perp_kind == "civilian" and plural and target_kind in ("civilian", None, "armed")
    )
    if crowd and not (weak and perp_kind == "civilian" and target_kind in _ARMED_KINDS):
        return Classification("riot", "mob_violence", at)
    if perp_kind not in _ARMED_KINDS and _has("accused_victim", low, *_sentence_bounds(low, at)):
        return Classification("riot", "mob_violence", at)
    armed_target = target_kind in _ARMED_KINDS and _distinct(perp, target)
    battle_at: int | None = None
    if strong is not None and strong.start() <= at + 200:
        battle_at = strong.start()
        lo, hi = _sentence_bounds(low, battle_at)
        near = _mentions(low, lo, hi + 300)
        kinds = {m.rule.kind for m in near}
        two_states = len({m.rule.name for m in near if m.rule.kind == "state"}) > 1
        if not kinds & {"armed", "militia"} and not two_states:
            # parties, supporters, students or residents fighting each other or the police
            return Classification("riot", "mob_violence", battle_at)
    elif weak is not None and weak.start() <= at + 200 and (armed_target or _armed_victims(low)):
        battle_at = weak.start()
    elif armed_target or (target_kind == "state" and perp_kind != "state"):
        battle_at = at
    if battle_at is not None:
        sub = "armed_clash"
        lo, hi = _sentence_bounds(low, battle_at)
        if _has("regains", low, lo, hi):
            sub = "government_regains_territory"
        elif _has("overtakes", low, lo, hi):
            sub = "non_state_actor_overtakes_territory"
        return Classification("battle", sub, battle_at)
    if _has("abduction", low, max(0, at - 20), at + 120):
        return Classification("violence_against_civilians", "abduction_forced_disappearance", at)
    if not _has_casualty(low) and _has("looting", low) | _has("arson", low) | _has("destruction", low):
        return Classification("strategic_development", _strategic_sub(low), at)
    return Classification("violence_against_civilians", "attack", at)


#: Civilian words that name a crowd though they do not end in -s.
_CROWD_WORDS = frozenset({"men", "women", "people", "youth", "population", "public", "children"})

_RE_MILITIA_WORD = re.compile(
    r"\s*(?:ethnic\s+|communal\s+)?(?:militia\w*|raiders|warriors|fighters|bandits|morans|gunmen|attackers|armed)"
)
_RE_ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|policem[ae]n|police officers?|officers?|gendarmes?"
    r"|militants?|jihadists?|terrorists?"
    r"|assailants|attackers|fighters|militiam[ae]n|members of (?:the )?(?:security|defen[cs]e) forces)\b"
    r"[^.;]{0,40}\b(?:killed|wounded|injured|dead|died|neutrali[sz]ed)\b"
)


def _target_kind(low: str, target: _Mention | None) -> str | None:
    """The kind of the harmed side: an ethnic group without a militia word is civilians."""
    if target is None:
        return None
    kind = target.rule.kind
    if kind == "militia" and _RE_MILITIA_WORD.match(low, target.end) is None and "militia" not in target.text:
        return "civilian"
    return kind


def _distinct(perp: _Mention | None, target: _Mention | None) -> bool:
    """Two different armed sides (a named group and "the militants" are one side)."""
    if target is None:
        return False
    if perp is None:
        return target.rule.kind == "state"
    if perp.rule is target.rule:
        return perp.rule.group and perp.text != target.text
    generic = ("{country}" in perp.rule.name) or ("{country}" in target.rule.name)
    return not (perp.rule.kind == "armed" and target.rule.kind == "armed" and generic)


def _armed_victims(low: str) -> bool:
    return _RE_ARMED_VICTIMS.search(low) is not None


def _strategic_sub(low: str) -> str:
    if _has("weapons_seized", low) or (_has("defused", low) and _has("explosion", low)):
        return "disrupted_weapons_use"
    if _has("looting", low) or _has("arson", low):
        return "looting_arson"
    if _has("destruction", low):
        return "looting_property_destruction"
    if _has("arrests", low):
        return "arrests"
    if _has("agreement", low):
        return "agreement"
    if _has("base", low):
        return "headquarters_or_base_established"
    if _has("territory_transfer", low):
        return "non_violent_transfer_of_territory"
    if _has("group_change", low):
        return "change_to_group_activity"
    return "other"


# --------------------------------------------------------------------------- events


def build_events(
    document: Document,
    sentences: list[Sentence],
    figures: list[Figure],
    places: list[Place],
    dates: list[DateSpan],
) -> list[Event]:
    """Return the document's events, the main one first."""
    text = document.text
    if not text.strip():
        return []
    low = text.lower()
    sents = sentences or [Sentence(0, len(text), text, 0)]
    main = classify(text, low)
    _scan(low).places = places
    cues = [_sentence_cues(low, s) for s in sents]
    groups = _secondary(cues, sents, main)
    events: list[Event] = []
    main_sents = _sentences_with(sents, main, cues)
    events.append(_make_event(document, sents, main, main_sents, places, dates, is_main=True))
    for cls, idxs in groups:
        events.append(_make_event(document, sents, cls, idxs, places, dates))
    events = _split_by_date(events, document, sents, dates, places)
    for i, ev in enumerate(events):
        ev.id = f"{document.id}:e{i + 1}"
    _assign_figures(events, sents, figures, places, text)
    _fill_actors(events, low, places, text)
    return events


#: Sentence-level cues for events beside the main one: (cue, type, sub_type).
_SECONDARY: list[tuple[str, str, str | None]] = [
    ("battle", "battle", "armed_clash"),
    ("regains", "battle", "government_regains_territory"),
    ("attack", "violence_against_civilians", "attack"),
    ("abduction", "violence_against_civilians", "abduction_forced_disappearance"),
    ("explosion", "explosions_remote_violence", None),
    ("looting", "strategic_development", "looting_arson"),
    ("arson", "strategic_development", "looting_arson"),
    ("arrests", "strategic_development", "arrests"),
    ("displacement", "displacement", None),
    ("outage", "infrastructure_outage", None),
    ("road_closure", "road_closure", None),
    ("reaction", "international_reaction", None),
]

_RE_CIVILIAN_HARM = re.compile(
    r"\b(?:revenge killings?|massacres?|executi\w+|civilians?|villagers|residents|men|women|children)\b"
)


def _sentence_cues(low: str, s: Sentence) -> list[tuple[str, str | None, int]]:
    """The (type, sub_type, offset) cues of one sentence, for events beside the main one."""
    out: list[tuple[str, str | None, int]] = []
    a, b = s.start, s.end
    for cue, typ, sub in _SECONDARY:
        m = _first(cue, low, a, b)
        if m is None:
            continue
        # harm to people counts as an attack on civilians only when civilians are named
        if sub == "attack" and _RE_CIVILIAN_HARM.search(low, a, b) is None:
            continue
        if typ == "explosions_remote_violence":
            sub = _explosion_sub(low, a, b)
        if typ == "international_reaction" and not _foreign_actor(low, a, b):
            continue
        if (
            typ == "strategic_development"
            and sub == "arrests"
            and re.search(r"\btried to\b", low[a : m.start()])
        ):
            continue
        out.append((typ, sub, m.start()))
    return out


def _foreign_actor(low: str, a: int, b: int) -> bool:
    """A reaction from abroad: an international body, a demonym, or a reacting place."""
    if _has("reaction_actor", low, a, b) or _RE_DEMONYM.search(low, a, b) is not None:
        return True
    return any(
        a <= p.start < b and (p.role == "origin" or _trap(low, p, None) == "reaction")
        for p in _scan(low).places
    )


def _secondary(
    cues: list[list[tuple[str, str | None, int]]], sents: Sequence[Sentence], main: Classification
) -> list[tuple[Classification, list[int]]]:
    """Events beside the main one, one per (type, sub_type), with their sentence indexes."""
    groups: dict[tuple[str, str | None], list[int]] = {}
    order: list[tuple[str, str | None]] = []
    for i, sent_cues in enumerate(cues):
        for typ, sub, _at in sent_cues:
            key = (typ, sub)
            if (
                typ == main.type
                and (sub == main.sub_type or typ in ("battle", "violence_against_civilians"))
                and (sub not in ("government_regains_territory", "looting_arson") or sub == main.sub_type)
            ):
                continue  # part of the main event
            if key not in groups:
                groups[key] = []
                order.append(key)
            if i not in groups[key]:
                groups[key].append(i)
    # a looting/arson sentence inside a violent main event that says nothing else stays separate
    return [(Classification(t, s, sents[groups[(t, s)][0]].start), groups[(t, s)]) for t, s in order]


def _sentences_with(
    sents: Sequence[Sentence], cls: Classification, cues: list[list[tuple[str, str | None, int]]]
) -> list[int]:
    """The sentences that carry the main event's type (at least the one with its cue)."""
    idxs = []
    for i, s in enumerate(sents):
        if any(t == cls.type for t, _sub, _a in cues[i]) or s.start <= cls.at < s.end:
            idxs.append(i)
    return idxs or [0]


def _make_event(
    document: Document,
    sents: Sequence[Sentence],
    cls: Classification,
    idxs: list[int],
    places: list[Place],
    dates: list[DateSpan],
    is_main: bool = False,
) -> Event:
    chosen = [sents[i] for i in idxs]
    ev = Event(id="", type=cls.type, sub_type=cls.sub_type)
    ev.start = min(s.start for s in chosen)
    ev.end = max(s.end for s in chosen)
    ev.date = _event_date(chosen, sents, dates, document)
    ev.location = _event_location(document.text, cls.type, chosen, sents, places, main=is_main)
    _EVENT_SENTENCES[id(ev)] = idxs
    return ev


#: The sentence indexes of each event while build_events runs (keyed by id()).
_EVENT_SENTENCES: dict[int, list[int]] = {}


def _event_date(
    chosen: Sequence[Sentence], sents: Sequence[Sentence], dates: list[DateSpan], document: Document
) -> DateSpan | None:
    pub = document.published
    for s in chosen:
        own = [d for d in dates if s.start <= d.start < s.end and not is_background(d, pub)]
        if own:
            return own[0]
    first = chosen[0]
    return date_for_span(dates, first.start, first.end, sents, pub)


def _split_by_date(
    events: list[Event],
    document: Document,
    sents: Sequence[Sentence],
    dates: list[DateSpan],
    places: list[Place],
) -> list[Event]:
    """One event per day: an event whose sentences carry different dates is split.

    ACLED codes a day at a time.
    """
    pub = document.published
    out: list[Event] = []
    for ev in events:
        idxs = _EVENT_SENTENCES.get(id(ev), [])
        by_date: dict[Any, list[int]] = {}
        undated: list[int] = []
        for i in idxs:
            s = sents[i]
            own = [
                d for d in dates if s.start <= d.start < s.end and not is_background(d, pub) and d.start_date
            ]
            if own:
                by_date.setdefault(own[0].start_date, []).append(i)
            else:
                undated.append(i)
        if len(by_date) <= 1:
            out.append(ev)
            continue
        keys = list(by_date)
        for k_i, k in enumerate(keys):
            part = sorted(by_date[k] + (undated if k_i == 0 else []))
            new = Event(id="", type=ev.type, sub_type=ev.sub_type)
            chosen = [sents[i] for i in part]
            new.start = min(s.start for s in chosen)
            new.end = max(s.end for s in chosen)
            dated = [sents[i] for i in by_date[k]]
            new.date = _event_date(dated, sents, dates, document)
            new.location = _event_location(document.text, ev.type, chosen, sents, places) or ev.location
            _EVENT_SENTENCES[id(new)] = part
            out.append(new)
    return out


# --------------------------------------------------------------------------- places

_RE_TRAP_FUNERAL = re.compile(r"\b(?:funeral|buried|burial|laid to rest|mourn\w*|memorial)\b[^.;]*$")
_RE_TRAP_DEST = re.compile(
    r"\b(?:fled|flee\w*|flown|flew|flight|evacuated|airlifted|taken|rushed|transferred|refuge|shelter|bound"
    r"|headed|travell?ing|deported|returned)\s+(?:\w+\s+){0,3}?(?:to|in|at|into|towards?)\s+(?:the\s+)?(?:\w+\s+){0,3}$"
)
_RE_TRAP_REACT = re.compile(
    r"^[^.;]{0,40}\b(?:condemn\w*|concern|urged|statement|called|deplored|denounced|ministry)\b"
)


def _trap(text: str, place: Place, sent: Sentence | None) -> str | None:
    """Why a place is not where the event happened (funeral, destination, reacting country), or None."""
    if place.role in ("funeral", "destination", "origin"):
        return place.role
    lo = sent.start if sent else max(0, place.start - 160)
    head = text[lo : place.start].lower()
    if _RE_TRAP_FUNERAL.search(head[-120:]):
        return "funeral"
    if _RE_TRAP_DEST.search(head[-80:]):
        return "destination"
    tail = text[place.end : (sent.end if sent else place.end + 80)].lower()
    if _RE_TRAP_REACT.search(tail):
        return "reaction"
    return None


def _containing(sents: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None


def _event_location(
    text: str,
    typ: str,
    chosen: Sequence[Sentence],
    sents: Sequence[Sentence],
    places: list[Place],
    main: bool = False,
) -> Place | None:
    """The place the event happened: an event-role place nearest its sentences, never a trap place.

    Resolved places come before unresolved ones. For the report's main event the
    place stage's own choice (``main_location``) wins when it stands in the
    event's sentences or when nothing resolved is nearer. A displacement is
    placed where people went; a reaction at the reacting country.
    """
    if not places:
        return None
    mine = _nearest_place(text, typ, chosen, sents, places)
    if _main_location is None or typ in ("displacement", "international_reaction"):
        return mine
    if not main and mine is not None:
        return mine
    try:
        loc = _main_location(places)
    except Exception:  # a helper still being written must not break events
        loc = None
    if loc is None or _trap(text, loc, _containing(sents, loc.start)) is not None:
        return mine
    if mine is None:
        return loc
    listed = any(loc is p for p in places)  # not a country stand-in made by the helper
    if (
        listed
        and any(s.start <= loc.start < s.end for s in chosen)
        and (_is_country(mine) or not _is_country(loc))
    ):
        return loc
    if listed and mine.lat is None and loc.lat is not None:
        return loc
    return mine


def _is_country(p: Place) -> bool:
    return bool(p.feature_code and p.feature_code.startswith("PCL"))


def _nearest_place(
    text: str, typ: str, chosen: Sequence[Sentence], sents: Sequence[Sentence], places: list[Place]
) -> Place | None:
    wanted: tuple[str, ...]
    if typ == "displacement":
        wanted = ("destination", "event", "context")
    elif typ == "international_reaction":
        wanted = ("origin", "context", "event")
    else:
        wanted = ("event",)

    def ok(p: Place) -> bool:
        trap = _trap(text, p, _containing(sents, p.start))
        if typ in ("displacement", "international_reaction"):
            return p.role in wanted or trap in ("destination", "reaction")
        return p.role in wanted and trap is None

    usable = [p for p in places if ok(p)]
    inside = [p for p in usable if any(s.start <= p.start < s.end for s in chosen)]
    if typ in ("displacement", "international_reaction"):
        preferred = [p for p in inside if _trap(text, p, _containing(sents, p.start)) or p.role in wanted[:1]]
        if preferred:
            return preferred[0]
    specific = [p for p in inside if not _is_country(p)]
    if specific:
        return min(specific, key=lambda p: (p.lat is None, p.start))
    if inside:
        # only the country is named where the event is told: a town in the next sentence is nearer the truth
        near = [
            p
            for p in usable
            if not _is_country(p)
            and min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen) < 300
        ]
        if near:
            return min(
                near, key=lambda p: min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen)
            )
        return min(inside, key=lambda p: (p.lat is None, p.start))
    if usable:
        # nearest to any of the event's sentences (not to the span they cover), resolved first
        return min(
            usable,
            key=lambda p: (
                p.lat is None,
                min(min(abs(p.start - s.start), abs(p.start - s.end)) for s in chosen),
            ),
        )
    return None


# --------------------------------------------------------------------------- figures and tolls


def _assign_figures(
    events: list[Event], sents: Sequence[Sentence], figures: list[Figure], places: list[Place], text: str
) -> None:
    """Give each figure to the event whose sentences hold it (else the main event); set its place."""
    if not events:
        return
    owner: dict[str, Event] = {}
    for f in figures:
        best: Event | None = None
        for ev in events:
            idxs = _EVENT_SENTENCES.get(id(ev), [])
            if any(sents[i].start <= f.start < sents[i].end for i in idxs) and ev.type in _VIOLENT_TYPES:
                best = ev
                break
        if best is None:
            best = events[0]
        owner[f.id] = best
        best.figures.append(f.id)
        f.place = _figure_place(f, best, sents, places, text)
    for ev in events:
        own = [f for f in figures if owner.get(f.id) is ev]
        if own:
            _toll(ev, own, text)
    for ev in events:
        _EVENT_SENTENCES.pop(id(ev), None)


_VIOLENT_TYPES = ("battle", "violence_against_civilians", "explosions_remote_violence", "riot", "protest")


def _place_name(p: Place) -> str:
    return p.name or p.text


def _figure_place(
    f: Figure, ev: Event, sents: Sequence[Sentence], places: list[Place], text: str
) -> str | None:
    sent = _containing(sents, f.start)
    lo, hi = (sent.start, sent.end) if sent else (f.start - 200, f.end + 200)
    here = [p for p in places if lo <= p.start < hi]
    good = [p for p in here if p.role == "event" and _trap(text, p, sent) is None]
    if good:
        return _place_name(min(good, key=lambda p: abs(p.start - f.start)))
    if here:
        return None  # the sentence names only a funeral place, a destination or a reacting country
    if ev.location is not None:
        return _place_name(ev.location)
    return f.place


def _toll(ev: Event, figs: list[Figure], text: str) -> None:
    if _document_toll is not None:
        try:
            t = _document_toll(figs, text)
            ev.killed, ev.injured = t.killed, t.injured
            ev.victims = dict(t.victims)
            return
        except Exception:
            pass
    ev.killed = _sum(figs, "killed")
    ev.injured = _sum(figs, "injured")
    victims: dict[str, Estimate] = {}
    for g in {f.group for f in figs if f.group not in ("people",)}:
        est = _sum([f for f in figs if f.group == g], "killed", allow_subsets=True)
        if not est.is_empty():
            victims[g] = est
    ev.victims = victims


def _sum(figs: list[Figure], measure: str, allow_subsets: bool = False) -> Estimate:
    """Top-level incident figures of one measure, added up: subsets, revised figures and parts left out."""
    revised = {f.revises for f in figs if f.revises}
    ids = {f.id for f in figs}
    top = [
        f
        for f in figs
        if f.measure == measure
        and f.scope == "incident"
        and f.id not in revised
        and (allow_subsets or f.subset_of not in ids)
        and (allow_subsets or f.part_of not in ids)
    ]
    if not allow_subsets:
        top = [f for f in top if not f.subset_of and not f.part_of]
    if not top:
        return Estimate()

    def add(vals: list[int | None]) -> int | None:
        known = [v for v in vals if v is not None]
        return sum(known) if known else None

    return Estimate(
        low=add([f.low for f in top]), best=add([f.best for f in top]), high=add([f.high for f in top])
    )


# --------------------------------------------------------------------------- actors


def _country(places: list[Place], ev: Event, low: str) -> str | None:
    loc = ev.location
    if loc is not None and loc.country:
        return country_name(loc.country)
    for p in places:
        if p.role == "event" and p.country:
            return country_name(p.country)
    m = _RE_DEMONYM.search(low)
    if m is not None:
        return _DEMONYMS[m.group(0)]
    return None


def _actor_name(rule: _ActorRule, country: str | None, group: str | None) -> str:
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


def _fill_actors(events: list[Event], low: str, places: list[Place], text: str) -> None:
    home = _country(places, events[0], low) if events else None
    for ev in events:
        # people displaced and countries reacting belong to the story's country, not where they went
        country = home if ev.type in ("displacement", "international_reaction") else _country(places, ev, low)
        ev.actors = _event_actors(ev, low, text, country)


def _mk(m: _Mention | None, country: str | None, text: str, role_kind: str | None = None) -> Actor | None:
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


_RULE_BY_KIND: dict[str, _ActorRule] = {}
for _r in _ACTOR_RULES:
    _RULE_BY_KIND.setdefault(_r.kind, _r)


def _event_actors(ev: Event, low: str, text: str, country: str | None) -> list[Actor]:
    """actor1 (who acted) and, where there is one, actor2 (who it was done to)."""
    a, b = ev.start, ev.end
    first_end = _sentence_bounds(low, a)[1]
    typ, sub = ev.type, ev.sub_type
    ms = _mentions(low, a, b)
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
        m = _RE_DEMONYM.search(low, a, b)
        if m is not None:
            c = _DEMONYMS[m.group(0)]
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


def _best_pair(low: str, typ: str, ev: Event, ms: list[_Mention]) -> tuple[_Mention | None, _Mention | None]:
    """Perpetrator and target from the first of the event's sentences that names them.

    A battle needs two different armed sides; an attack an armed perpetrator.
    """
    pos = ev.start
    fallback: tuple[_Mention | None, _Mention | None] = (None, None)
    while pos < ev.end:
        cue = _first_cue(low, typ, pos, ev.end)
        if cue >= ev.end:
            break
        perp, target = _perpetrator_and_target(low, cue)
        s, e = _sentence_bounds(low, cue)
        if typ == "battle":
            sides: list[_Mention] = []
            for m in _mentions(low, s, e):
                if m.rule.kind in _ARMED_KINDS and all(m.rule is not x.rule for x in sides):
                    sides.append(m)
            if len(sides) >= 2:
                if perp is not None and perp.rule.kind in _ARMED_KINDS:
                    return perp, next(x for x in sides if x.rule is not perp.rule)
                return sides[0], sides[1]
            if fallback == (None, None) and sides:
                fallback = (sides[0], None)
        elif perp is not None and perp.rule.kind in _ARMED_KINDS:
            return perp, target
        elif fallback == (None, None) and (perp or target):
            fallback = (perp, target)
        pos = max(e, cue + 1)
    if fallback[0] is None:
        first_armed = next((m for m in ms if m.rule.kind in _ARMED_KINDS), None)
        return first_armed, fallback[1]
    return fallback


def _first_cue(low: str, typ: str, a: int, b: int) -> int:
    found = [m.start() for n in _TYPE_CUES.get(typ, ()) if (m := _first(n, low, a, b)) is not None]
    return min(found) if found else b
