"""Tokens and the casualty words among them.

A sentence is split into word and punctuation tokens with offsets; each token
that starts a casualty word or phrase ("killed", "shot dead", "fatally stabbed")
is indexed with its measure and the side of the victims it stands on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.lexicon import (
    MEASURE_PHRASES,
    MEASURE_WORDS,
)

#: Words (with inner hyphens and apostrophes), single punctuation marks. A full stop
#: never joins words: "Aug. 6.Mancera" is "6", ".", "Mancera".
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str


def tokenize(text: str, offset: int) -> list[Tok]:
    """Word and punctuation tokens; an ampersand reads as "and" ("Shot & Killed")."""
    return [
        Tok(s + offset, e + offset, w, w.lower() if w != "&" else "and")
        for m in _TOKEN.finditer(text)
        for (s, e), w in ((m.span(), m.group()),)  # one call each for the span and the word
    ]


def _shot_then_died(toks: list[Tok], out: list[tuple[str, str, int] | None]) -> None:
    """ "was shot in the eye and died", "shot … and later died": the wound proved fatal."""
    for i, _t in enumerate(toks):
        hit = out[i]
        if hit is None or hit[0] != "injured":
            continue
        for k in range(i + 1, min(len(toks) - 1, i + 10)):
            if toks[k].low == "," and toks[k + 1].low == "who":
                continue  # "wounded a suspect, who died the next day"
            if toks[k].low == "," and toks[k + 1].low == "killed" and toks[i].low == "shot":
                out[i] = ("killed", hit[1], hit[2])  # a headline's "Boy shot, killed in …"
                break
            if toks[k].low == "," and toks[k + 1].low.endswith("ed"):
                continue  # "was shot, hacked and decapitated": a list of what was done
            if toks[k].low in (".", ";", "but", ","):
                break
            if toks[k].low == "died" and toks[k - 1].low in ("who", "later") and toks[i].low == "shot":
                out[i] = ("killed", hit[1], hit[2])
                break
            if toks[k].low == "has" and toks[k + 1].low == "died" and toks[i].low == "shot":
                out[i] = ("killed", hit[1], hit[2])  # "the clerk shot in the leg last week has died"
                break
            if toks[k].low == "and":
                nxt = (
                    k + 2
                    if k + 2 < len(toks) and toks[k + 1].low in ("later", "subsequently", "then")
                    else k + 1
                )
                later = out[nxt]
                if toks[nxt].low in ("died", "succumbed") or (
                    later is not None and later[0] == "killed" and toks[nxt].low.endswith("ed")
                ):
                    out[i] = ("killed", hit[1], hit[2])
                break


def _and_later_killed(toks: list[Tok], out: list[tuple[str, str, int] | None]) -> None:
    """ "tortured and then summarily executed", "went missing and was later found murdered":
    a first verb whose victims the coordinated killing verb says died."""
    n = len(toks)
    for i in range(n - 3):
        hit = out[i]
        first = toks[i].low
        if not ((hit is not None and hit[0] in ("missing", "kidnapped", "detained")) or first == "tortured"):
            continue
        j = i + 1
        while j < min(n - 2, i + 5) and toks[j].low != "and" and toks[j].text[:1].isalpha():
            j += 1  # "abducted at night and was later found hanged"
        if toks[j].low != "and":
            continue
        k = j + 1
        while k < n - 1 and (toks[k].low in _BETWEEN_VERBS or toks[k].low.endswith("ly")):
            k += 1
        later = out[k]
        if later is not None and later[0] == "killed" and k > j + 1:
            out[i] = ("killed", hit[1] if hit is not None else "both", i + 1)


#: Words between coordinated verbs: "and was later found", "and then summarily".
_BETWEEN_VERBS = frozenset(("was", "were", "then", "later", "subsequently", "found", "eventually"))

#: A casualty word that the next word turns into something else.
_NOT_CASUALTY = frozenset((("hung", "up"), ("hung", "out"), ("hung", "around"), ("hung", "on")))

#: Casualty phrases by their first word, longest first, so each token costs one lookup.
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _phrase, (_measure, _side) in sorted(MEASURE_PHRASES.items(), key=lambda kv: -len(kv[0])):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _measure, _side))


Marks = list[tuple[str, str, int] | None]


def casualty_index(toks: list[Tok]) -> Marks:
    """For each token, the (measure, side, end token) of a casualty word starting there."""
    out = _casualty_words(toks)
    _shot_then_died(toks, out)
    _to_death(toks, out)
    _and_later_killed(toks, out)
    _coordinated(toks, out)
    _not_deaths(toks, out)
    return out


def _casualty_words(toks: list[Tok]) -> Marks:
    """The casualty words and phrases of the lexicon, longest phrase first."""
    out: Marks = [None] * len(toks)
    for i, t in enumerate(toks):
        for phrase, measure, side in _PHRASES_BY_FIRST.get(t.low, ()):
            n = len(phrase)
            if tuple(x.low for x in toks[i : i + n]) == phrase:
                out[i] = (measure, side, i + n)
                break
        else:
            hit = MEASURE_WORDS.get(t.low)
            if hit is not None and i + 1 < len(toks) and (t.low, toks[i + 1].low) in _NOT_CASUALTY:
                hit = None  # "called 911, hung up"
            if t.low == "fatally" and i + 1 < len(toks):
                out[i] = ("killed", "both", i + 2)
            elif hit is not None:
                out[i] = (hit[0], hit[1], i + 1)
    return out


def _to_death(toks: list[Tok], out: Marks) -> None:
    """ "stoned to death", "burnt him alive", "stoned a thief to death", "set a man alight"."""
    for i in range(len(toks) - 2):
        verb = toks[i].low
        if (
            toks[i + 1].low == "to"
            and toks[i + 2].low == "death"
            and (verb.endswith(("ed", "en")) or verb in _TO_DEATH)
            and verb not in ("sentenced", "condemned")
        ):
            out[i] = ("killed", "both", i + 3)  # "stoned to death", "beaten to death"
        elif verb in ("burnt", "burned", "buried") and toks[i + 2].low == "alive":
            out[i] = ("killed", "before", i + 1)  # "burnt him alive"
        elif out[i] is None and verb in _SPLIT_VERBS and toks[i + 1].low != "to":
            for e in range(i + 2, min(len(toks) - 1, i + 9)):
                w = toks[e].low
                if not w[0].isalnum():
                    break
                if (w == "to" and toks[e + 1].low == "death" and verb != "set") or (
                    verb in ("set", "sets") and w in ("alight", "ablaze")
                ):
                    out[i] = ("killed", "before", i + 1)  # "stoned a thief to death", "set a man alight"
                    break


def _coordinated(toks: list[Tok], out: Marks) -> None:
    """Verbs joined to a killing verb: "shot and killed", "executed, and booby-trapped", "slit the
    throats of", "killed and burnt"."""
    # "shot and killed", "attacked and killed": the coordinated verb decides
    for i in range(len(toks) - 2):
        nxt = out[i + 2]
        if toks[i + 1].low == "and" and nxt is not None and nxt[0] == "killed":
            if out[i] is None or out[i][0] in ("injured", "kidnapped", "detained"):  # type: ignore[index]
                if toks[i].low.endswith("ed") or out[i] is not None:
                    out[i] = ("killed", "both", nxt[2])
    for i in range(len(toks) - 3):
        cur = out[i]
        if cur is not None and cur[0] == "killed" and toks[i + 1].low == "," and toks[i + 2].low == "and":
            if out[i + 3] is None and toks[i + 3].low.endswith("ed"):
                out[i + 3] = ("killed", "before", i + 4)  # "executed, and booby-trapped a fighter"
        if (
            toks[i].low in ("slit", "slitting", "cut")
            and toks[i + 1].low in ("the", "their")
            and toks[i + 2].low in ("throat", "throats")
            and i + 3 < len(toks)
            and toks[i + 3].low == "of"
        ):
            out[i + 3] = ("killed", "before", i + 4)  # "slit the throats of three miners"
    for i in range(len(toks) - 2):
        cur = out[i]
        if cur is not None and cur[0] == "killed" and toks[i + 1].low == "and" and out[i + 2] is None:
            nxt_verb = toks[i + 2].low
            if (
                nxt_verb.endswith("ed")
                or nxt_verb in ("burnt", "hung")
                or (toks[i].low.endswith("es") and nxt_verb.endswith("s") and not nxt_verb.endswith("ss"))
            ):
                out[i + 2] = ("killed", "before", i + 3)


def _not_deaths(toks: list[Tok], out: Marks) -> None:
    """Casualty words that tell of no death: a court's sentence, a threat, an allegation."""
    for i, _t in enumerate(toks):
        if (
            out[i] is not None
            and toks[i].low == "to"
            and i > 0
            and toks[i - 1].low in ("sentenced", "condemned")
        ):
            out[i] = None  # "sentenced to death": a court's sentence, not a death
        if out[i] is not None and i > 0 and toks[i - 1].low in _HYPOTHETICAL:
            if not (toks[i - 1].low == "to" and i > 1 and toks[i - 2].low in ("claim", "claims", "claimed")):
                out[i] = None  # but "forces claim to kill three": a claim, not a threat
        elif (
            out[i] is not None
            and i > 2
            and toks[i - 1].low in ("have", "of")
            and any(toks[j].low in _ALLEGED for j in range(max(0, i - 4), i - 1))
        ):
            out[i] = None  # "accused of murdering", "accused the police of killing"
        elif (
            out[i] is not None
            and i > 2
            and toks[i - 1].low in ("have", "having")
            and toks[i - 3].low in _ALLEGED
        ):
            out[i] = None  # "suspected to have killed", "suspected of having killed"


#: "suspected to have killed", "accused of murdering": an allegation about someone, not a new death.
#: Verbs without -ed that take "to death": "beat to death", "burnt to death".
_TO_DEATH = frozenset(("beat", "burnt", "burned", "shot", "hacked", "stabbed", "stoned"))
#: Verbs whose killing sense ends after their object: "stoned a man to death", "set him alight".
_SPLIT_VERBS = frozenset(
    "stoned stoning beat beaten beating hacked clubbed stabbed tortured kicked burnt burned set sets".split()
)
_ALLEGED = frozenset(("suspected", "accused", "alleged", "believed", "charged", "convicted"))

#: Words before a casualty verb that say it did not happen ("threatened to kill", "nearly kills").
_HYPOTHETICAL = frozenset(
    "to nearly almost attempted tried threatening threatened not could would might should will can".split()
)
