"""One pass over a lower-cased text that finds every cue phrase and actor mention in it."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.events.lexicon import ACTOR_RULES, ARMED_KINDS, CUES, ActorRule
from tollwatch.model import Place


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    rule: ActorRule
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


#: Characters that make a fragment more than a plain phrase (or that it may not hold).
_SPECIAL = frozenset("()[]\\?|*+{.^$")


def _expand(fragment: str) -> list[str]:
    """Every string a cue fragment matches: literals, ``(?:a|b)``, ``[ab]`` and ``?`` only."""
    if _SPECIAL.isdisjoint(fragment):
        return [fragment]  # a plain phrase (most of them): itself, without the parser
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

    def finditer(
        self, low: str, words: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """The phrases in ``low``; ``words`` are its word spans when the caller has them already."""
        if words is None:
            words = word_spans(low)
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


def word_spans(low: str) -> list[tuple[int, int]]:
    return [m.span() for m in _RE_WORD.finditer(low)]


def _cue_table() -> tuple[_PhraseIndex, dict[str, frozenset[str]]]:
    phrase_cues: dict[str, set[str]] = {}
    for name, frags in CUES.items():
        if name in ("strategic_prefix", "exact"):
            continue
        for frag in frags:
            for ph in _expand(frag):
                phrase_cues.setdefault(ph, set()).add(name)
    # a long phrase also counts for the cues of each shorter phrase it starts with
    # ("clashed with police" is a riot cue and, through "clashed", a battle cue)
    exact = {ph for frag in CUES.get("exact", ()) for ph in _expand(frag)}
    table: dict[str, frozenset[str]] = {}
    for ph, names in phrase_cues.items():
        acc = set(names)
        for k in range(1 if ph not in exact else len(ph), len(ph)):
            if not ph[k].isalnum() and ph[:k] in phrase_cues:
                acc |= phrase_cues[ph[:k]]
        table[ph] = frozenset(acc)
    return _PhraseIndex(table), table


def _actor_table() -> tuple[_PhraseIndex, dict[str, ActorRule]]:
    table: dict[str, ActorRule] = {}
    for rule in ACTOR_RULES:
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
        words = word_spans(low)  # one tokenisation for both tables
        for s, e, ph in _RE_CUES.finditer(low, words):
            for name in _CUE_OF[ph]:
                self.cues.setdefault(name, []).append((s, e))
        self.mentions: list[Mention] = []
        for s, e, ph in _RE_ACTORS.finditer(low, words):
            rule = _ACTOR_OF[ph]
            prev = self.mentions[-1] if self.mentions else None
            # "Al Shabaab militants", "police officers", "Pokot raiders": one actor, named by its first word
            if prev is not None and s - prev.end <= 1 and rule.kind in ARMED_KINDS:
                generic = "{country}" in rule.name and not rule.group
                if rule is prev.rule or (generic and prev.rule.kind in ARMED_KINDS):
                    prev.end = e
                    continue
            self.mentions.append(Mention(s, e, rule, ph, ph if rule.group else None))


_local = threading.local()


def scan_text(low: str) -> _Scan:
    sc: _Scan | None = getattr(_local, "scan", None)
    if sc is None or sc.low is not low:
        sc = _Scan(low)
        _local.scan = sc
    return sc


class Hit:
    """A cue occurrence (the parts of re.Match the rules use)."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def find_first(name: str, low: str, start: int = 0, end: int | None = None) -> Hit | None:
    hits = scan_text(low).cues.get(name)
    if not hits:
        return None
    end = len(low) if end is None else end
    k = bisect.bisect_left(hits, (start, -1))
    if k < len(hits) and hits[k][1] <= end:
        return Hit(*hits[k])
    return None


def cue_hits(name: str, low: str, start: int = 0, end: int | None = None) -> list[Hit]:
    end = len(low) if end is None else end
    return [Hit(s, e) for s, e in scan_text(low).cues.get(name, ()) if s >= start and e <= end]


def has_cue(name: str, low: str, start: int = 0, end: int | None = None) -> bool:
    return find_first(name, low, start, end) is not None


def mentions_in(low: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Actor mentions in ``[start, end)``, in text order."""
    ms = scan_text(low).mentions
    end = len(low) if end is None else end
    return [m for m in ms if m.start >= start and m.end <= end]


_RE_CUES, _CUE_OF = _cue_table()
_RE_ACTORS, _ACTOR_OF = _actor_table()


_RE_SENT_END = re.compile(r"[.;!?](?:\s|$)")


def sentence_bounds(low: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``: after the last sentence end before it, up to the next one.

    The same answer as reading ``_RE_SENT_END`` from the start of ``low`` up to ``at`` and
    searching it from ``at`` on, from the positions of its matches found once per text.
    """
    ends = _sentence_ends(low)
    cut = min(at, len(low))
    if cut > 0 and low[cut - 1] in ".;!?":
        s = cut  # a mark right before ``at`` ends a sentence there (as ``$`` at the cut)
    else:
        k = bisect.bisect_right(ends, cut - 2)  # marks followed by a space before ``at``
        s = ends[k - 1] + 2 if k else 0
    k = bisect.bisect_left(ends, at)
    return s, (ends[k] + 1 if k < len(ends) else len(low))


@lru_cache(maxsize=8)
def _sentence_ends(low: str) -> list[int]:
    """Where ``_RE_SENT_END`` matches in ``low`` (a mark followed by a space or the end)."""
    return [m.start() for m in _RE_SENT_END.finditer(low)]
