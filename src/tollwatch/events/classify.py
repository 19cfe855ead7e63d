"""ACLED's event type and sub-type for a text, in the codebook's decision order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tollwatch.events.actors import RE_BY, RE_PASSIVE_AUX, perpetrator_and_target
from tollwatch.events.lexicon import ARMED_KINDS, RE_PREFIX
from tollwatch.events.scan import Hit, Mention, cue_hits, find_first, has_cue, mentions_in, sentence_bounds
from tollwatch.model import Actor

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
    if RE_PREFIX.match(low) is not None:
        return Classification("strategic_development", _strategic_sub(low), 0)
    pos = {name: find_first(name, low) for name in _LEADING_CUES}
    first_end = sentence_bounds(low, 0)[1]
    armed_at = min(_at(pos["battle"]), _at(pos["attack"]))
    # 2. remote violence: an explosion that is the main means (first sentence, or
    #    before any battle cue), and not a device found and made safe
    ex = pos["explosion"]
    if ex is not None and (ex.start() < first_end or ex.start() < armed_at):
        if has_cue("defused", low, max(0, ex.start() - 60), ex.end() + 60) and not _has_casualty(low):
            return Classification("strategic_development", "disrupted_weapons_use", ex.start())
        return Classification("explosions_remote_violence", explosion_sub(low), ex.start())
    # 3. demonstrations
    pr = pos["protest"]
    if pr is not None and (pr.start() < first_end or pr.start() < armed_at):
        return _demonstration(low, pr.start())
    # 4. crowd justice and crowd violence
    crowd = _crowd(low, pos["mob"], first_end, armed_at)
    if crowd is not None:
        return crowd
    # 5. armed violence
    violent = [h for n in ("battle", "attack", "abduction", "sexual") if (h := pos[n]) is not None]
    if violent:
        return _violence(low, min(h.start() for h in violent))
    # 6. strategic developments and everything else; property destroyed by a crowd is a riot
    return (
        _crowd_damage(low)
        or _state_force(low)
        or Classification("strategic_development", _strategic_sub(low), 0)
    )


#: The cues whose first occurrence decides between the steps of classify().
_LEADING_CUES = ("protest", "explosion", "battle", "attack", "abduction", "sexual", "mob")


def _at(hit: Hit | None) -> int:
    return hit.start() if hit is not None else 10**9


def _crowd(low: str, mob: Hit | None, first_end: int, armed_at: int) -> Classification | None:
    """Mob violence or a riot when a crowd word leads (first sentence, or before any armed cue)."""
    if mob is not None and (mob.start() < first_end or mob.start() <= armed_at):
        return Classification("riot", "mob_violence", mob.start())
    rs = find_first("riot_strong", low)
    if rs is None or not (rs.start() < first_end or rs.start() <= armed_at):
        return None
    lo, _hi = sentence_bounds(low, rs.start())
    near = mentions_in(low, lo, rs.start())
    perp = near[-1] if near else None
    if RE_PASSIVE_AUX.search(low, max(lo, rs.start() - 40), rs.start()):
        perp = None  # "police were pelted with stones": the crowd did it
    if perp is not None and perp.rule.kind in ("state", "armed"):
        return None
    fight = has_cue("mob", low) or _RE_FIGHT.search(low) is not None
    return Classification("riot", "mob_violence" if fight else "violent_demonstration", rs.start())


def _state_force(low: str) -> Classification | None:
    """Police or soldiers using force on people who are not protesting (tear gas, beatings): an attack."""
    for h in cue_hits("intervention", low):
        if _RE_CUSTODY.match(low, h.start()):
            continue  # arrests stay strategic developments
        perp, target = perpetrator_and_target(low, h.start())
        if perp is None or perp.rule.kind != "state":
            continue
        if target is not None and target.rule.kind in ("rioter", "protester") and target.text[:5] != "crowd":
            return _demonstration(low, h.start())  # a crowd of supporters dispersed: a demonstration
        return Classification("violence_against_civilians", "attack", h.start())
    return None


_RE_CUSTODY = re.compile(r"arrest|detain|prevent")


#: Actor kinds that make a crowd (not the state, not an armed group).
_CROWD_KINDS = ("rioter", "civilian", "protester")


def _crowd_damage(low: str) -> Classification | None:
    """A crowd's violence or property it destroyed (no armed or protest cue before it): a riot."""
    for h in cue_hits("riot_violence", low):
        if _negated(low, h.start()):
            continue
        perp, _target = perpetrator_and_target(low, h.start())
        if perp is not None and perp.rule.kind in _CROWD_KINDS:
            fight = has_cue("mob", low) or _RE_FIGHT.search(low) is not None
            return Classification("riot", "mob_violence" if fight else "violent_demonstration", h.start())
    damage = find_first("arson", low) or find_first("destruction", low) or find_first("looting", low)
    if damage is not None:
        perp, _target = perpetrator_and_target(low, damage.start())
        if perp is not None and perp.rule.kind in _CROWD_KINDS:
            return Classification("riot", "violent_demonstration", damage.start())
    return None


_RE_CASUALTY_WORDS = (
    r"\b(?:killed|killing|injured|injuring|wounded|wounding|wounds|dead|died|deaths?|murdered|bodies"
    r"|shot (?:on|in) (?:his|her|the)|stabbed|beaten|beat)\b"
)


def _has_casualty(low: str) -> bool:
    return has_cue("attack", low) and re.search(_RE_CASUALTY_WORDS, low) is not None


def explosion_sub(low: str, a: int = 0, b: int | None = None) -> str:
    """The remote-violence sub-type the words in ``low[a:b]`` name (device by default)."""
    for cue, sub in _EXPLOSION_SUBS:
        if has_cue(cue, low, a, b):
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
            for h in cue_hits("riot_violence", low)
            if not (peaceful and _RE_WEAK_RIOT.match(low, h.start()))
            and not _negated(low, h.start())
            and _crowd_did(low, h.start(), mentions_in(low))
        ),
        None,
    )
    mob = find_first("mob", low)
    state_acts = has_cue("intervention", low)
    force = find_first("excessive_force", low)
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


def _negated(low: str, at: int) -> bool:
    """True when the cue at ``at`` is denied ("no clashes were reported", "without violence")."""
    s, _e = sentence_bounds(low, at)
    lo = max(s, at - 60)
    for m in _RE_NEGATION_RESET.finditer(low, lo, at):
        lo = m.end()
    return has_cue("negation", low, lo, at)


#: Where a denial stops reaching: a new clause ("no one was hurt, but they burnt tyres").
_RE_NEGATION_RESET = re.compile(r"[,;:]|\b(?:but|as|when|while|after|before|then|later)\b")


def _crowd_did(low: str, at: int, ms: list[Mention]) -> bool:
    """True unless the violent cue at ``at`` is plainly not the crowd's doing.

    Not the crowd's: the state's acts ("police beat protesters"), the grievance
    ("protested against the lynching of", "a man who was beaten"), or a passive
    with a state agent. A passive with no agent ("property was burnt") is the crowd's.
    """
    s, _e = sentence_bounds(low, at)
    head = low[s:at]
    clause = _RE_CLAUSE_START.split(head)[-1]
    if _RE_GRIEVANCE.search(clause):
        return False  # "protested against the lynching of ...", "after a man was beaten"
    progressive = _RE_ING.match(low, at) is not None  # "who were throwing stones" acts
    if not progressive and RE_PASSIVE_AUX.search(low, max(s, at - 40), at):
        by = RE_BY.search(low, at, min(len(low), at + 60))
        agent = next((m for m in ms if by is not None and by.end() <= m.start < by.end() + 30), None)
        if agent is not None:
            return agent.rule.kind != "state"
        return _RE_RELATIVE_END.search(head[: len(head) - len(clause)]) is None
    before = [m for m in ms if s <= m.end <= at]
    if before and before[-1].rule.kind == "state" and at - before[-1].end < 40:
        # "police clashed with protesters" is still a riot; "police beat protesters" is not
        return low.startswith("clash", at) or low.startswith("running", at)
    return True


_RE_ING = re.compile(r"[a-z]+ing\b")
_RE_RELATIVE_END = re.compile(r"\b(?:who|which|that)\s*\Z")


def _violence(low: str, at: int) -> Classification:
    """Battle, attack on civilians, abduction, sexual violence or crowd violence.

    A battle needs two armed sides: a reciprocal cue (clashed, exchange of fire)
    or an armed target (soldiers, a police post, named militiamen). Members of
    an ethnic group harmed without a militia word are civilians.
    """
    perp, target = perpetrator_and_target(low, at)
    if has_cue("sexual", low, max(0, at - 200), at + 200) and not has_cue("battle", low, 0, at):
        return Classification("violence_against_civilians", "sexual_violence", at, [])
    perp_kind = perp.rule.kind if perp else None
    target_kind = _target_kind(low, target)
    strong = find_first("battle_strong", low)
    weak = find_first("battle", low)
    gun = find_first("gun_fight", low)
    if gun is not None and gun.start() <= at + 200:
        return Classification("battle", "armed_clash", gun.start())
    if strong is not None and strong.start() <= at + 200:
        lo, hi = sentence_bounds(low, strong.start())
        if {m.rule.kind for m in mentions_in(low, lo, hi + 300)} & {"armed", "militia", "state"}:
            perp_kind = "armed"  # communal or armed sides fighting: not crowd justice
    # crowd justice: civilians / rioters harming someone
    plural = perp is not None and (perp.text.endswith("s") or perp.text in _CROWD_WORDS)
    crowd = perp_kind == "rioter" or (
        perp_kind == "civilian" and plural and target_kind in ("civilian", None, "armed")
    )
    if crowd and not (weak and perp_kind == "civilian" and target_kind in ARMED_KINDS):
        return Classification("riot", "mob_violence", at)
    if perp_kind not in ARMED_KINDS and has_cue("accused_victim", low, *sentence_bounds(low, at)):
        return Classification("riot", "mob_violence", at)
    armed_target = target_kind in ARMED_KINDS and _distinct(perp, target)
    battle_at: int | None = None
    if strong is not None and strong.start() <= at + 200:
        battle_at = strong.start()
        lo, hi = sentence_bounds(low, battle_at)
        near = mentions_in(low, lo, hi + 300)
        kinds = {m.rule.kind for m in near}
        two_states = len({m.rule.name for m in near if m.rule.kind == "state"}) > 1
        armed_fight = "state" not in kinds and _RE_ARMED_FIGHT.search(low) is not None
        if not kinds & {"armed", "militia"} and not two_states and not armed_fight:
            # parties, supporters, students or residents fighting each other or the police
            return Classification("riot", "mob_violence", battle_at)
    elif weak is not None and weak.start() <= at + 200 and (armed_target or _armed_victims(low)):
        battle_at = weak.start()
    elif armed_target or (target_kind == "state" and perp_kind != "state"):
        battle_at = at
    elif perp_kind in ("armed", "militia") and _RE_STATE_VICTIMS.search(low) is not None:
        battle_at = at  # an armed group's attack that killed or wounded soldiers or police
    if battle_at is not None:
        return Classification("battle", _battle_sub(low, battle_at), battle_at)
    return _one_sided(low, at, perp_kind)


def _battle_sub(low: str, at: int) -> str:
    lo, hi = sentence_bounds(low, at)
    if has_cue("regains", low, lo, hi):
        return "government_regains_territory"
    if has_cue("overtakes", low, lo, hi):
        return "non_state_actor_overtakes_territory"
    return "armed_clash"


def _one_sided(low: str, at: int, perp_kind: str | None) -> Classification:
    """Violence with one armed side, or none: abduction, a crowd's attack, property, or an attack."""
    if has_cue("abduction", low, max(0, at - 20), at + 120):
        return Classification("violence_against_civilians", "abduction_forced_disappearance", at)
    crowd_at = None if perp_kind in ARMED_KINDS else _crowd_attack(low)
    if crowd_at is not None:
        return Classification("riot", "mob_violence", crowd_at)
    if not _has_casualty(low) and (
        has_cue("looting", low) or has_cue("arson", low) or has_cue("destruction", low)
    ):
        return Classification("strategic_development", _strategic_sub(low), at)
    return Classification("violence_against_civilians", "attack", at)


def _crowd_attack(low: str) -> int | None:
    """Where a crowd attacks someone (mob justice) anywhere in the text, else None.

    A mob word ("lynched", "mob"), or a crowd's violent act whose doer is a crowd:
    rioters, or plural civilians ("residents torched", "villagers stoned").
    """
    mob = find_first("mob", low)
    if mob is not None:
        return mob.start()
    for h in cue_hits("riot_violence", low):
        if _negated(low, h.start()):
            continue
        perp, target = perpetrator_and_target(low, h.start())
        if perp is None or _target_kind(low, target) in ARMED_KINDS:
            continue
        plural = perp.text.endswith("s") or perp.text in _CROWD_WORDS
        if perp.rule.kind == "rioter" or (perp.rule.kind == "civilian" and plural):
            return h.start()
    return None


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

#: Sides fighting with guns, or over a chieftaincy: armed sides, a battle (ACLED
#: codes communal gunfights as clashes of communal militias), not crowd violence.
_RE_ARMED_FIGHT = re.compile(
    r"\b(?:gunshots?|gun ?shots?|shooting|shots were fired|fire ?fights?|firing|gunfire"
    r"|armed groups?|chieftaincy)\b"
)

#: Soldiers or police harmed: an armed group's attack on them is a battle (they fight back).
_RE_STATE_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|policem[ae]n|police(?: officers?| reservists?)?|gendarmes?|reservists?|kprs?"
    r"|security officers?|members of (?:the )?(?:security|defen[cs]e) forces)\b"
    r"[^.;]{0,40}\b(?:killed|wounded|injured|dead|died|shot dead|missing)\b"
)


def _target_kind(low: str, target: Mention | None) -> str | None:
    """The kind of the harmed side: an ethnic group without a militia word is civilians."""
    if target is None:
        return None
    kind = target.rule.kind
    if kind == "militia" and _RE_MILITIA_WORD.match(low, target.end) is None and "militia" not in target.text:
        return "civilian"
    return kind


def _distinct(perp: Mention | None, target: Mention | None) -> bool:
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
    if has_cue("weapons_seized", low) or (has_cue("defused", low) and has_cue("explosion", low)):
        return "disrupted_weapons_use"
    if has_cue("looting", low) or has_cue("arson", low):
        return "looting_arson"
    if has_cue("destruction", low):
        return "looting_property_destruction"
    if has_cue("arrests", low):
        return "arrests"
    if has_cue("agreement", low):
        return "agreement"
    if has_cue("base", low):
        return "headquarters_or_base_established"
    if has_cue("territory_transfer", low):
        return "non_violent_transfer_of_territory"
    if has_cue("group_change", low):
        return "change_to_group_activity"
    return "other"
