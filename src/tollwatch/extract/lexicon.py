"""The word lists the figure reader uses, loaded once from ``data/lexicon``.

Each file carries a comment saying why its words are there. This module only
loads them into fast lookup structures.
"""

from __future__ import annotations

import re
from importlib import resources

from tollwatch.text.alternation import by_first_char


def _lines(name: str) -> list[str]:
    text = resources.files("tollwatch.data.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _measures() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, ...], tuple[str, str]]]:
    single: dict[str, tuple[str, str]] = {}
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    for ln in _lines("measures.tsv"):
        word, measure, side = ln.split("\t")
        if " " in word:
            phrases[tuple(word.split())] = (measure, side)
        else:
            single[word] = (measure, side)
    return single, phrases


#: one word → (measure, side); side is "after", "before" or "both".
MEASURE_WORDS, MEASURE_PHRASES = _measures()

#: noun → (group, is_perpetrator)
GROUPS: dict[str, tuple[str, bool]] = {}
for _ln in _lines("groups.tsv"):
    _parts = _ln.split("\t")
    GROUPS[_parts[0]] = (_parts[1], len(_parts) > 2 and _parts[2] == "perp")

THINGS: frozenset[str] = frozenset(_lines("things.txt"))

_CUES: dict[str, list[re.Pattern[str]]] = {}
for _ln in _lines("cues.tsv"):
    _kind, _pat = _ln.split("\t", 1)
    _CUES.setdefault(_kind, []).append(re.compile(_pat, re.IGNORECASE))


def cue(kind: str, text: str) -> re.Match[str] | None:
    """The first match of any ``kind`` cue in ``text``."""
    for pat in _CUES.get(kind, ()):
        m = pat.search(text)
        if m:
            return m
    return None


#: Participles that are also active past-tense verbs: after a noun phrase they
#: mean the victims only with an auxiliary ("were killed") or when nothing follows
#: ("5 killed in raid"), not in "a gunman shot two people".
TRANSITIVE_PARTICIPLES = frozenset(
    [
        "killed",
        "murdered",
        "executed",
        "assassinated",
        "lynched",
        "beheaded",
        "massacred",
        "neutralized",
        "neutralised",
        "shot",
        "injured",
        "wounded",
        "abducted",
        "kidnapped",
        "arrested",
        "detained",
        "displaced",
        "slaughtered",
        "maimed",
        "apprehended",
        "set",
    ]
)

#: Auxiliaries and adverbs that may stand between victims and a participle.
AUXILIARIES = frozenset(
    [
        "was",
        "were",
        "been",
        "being",
        "is",
        "are",
        "be",
        "got",
        "get",
        "have",
        "has",
        "had",
        "reportedly",
        "allegedly",
        "also",
        "all",
        "later",
        "subsequently",
        "reported",
        "confirmed",
        "feared",
        "believed",
        "presumed",
        "said",
        "thought",
        "to",
        "both",
        "each",
        "then",
        "instantly",
        "immediately",
        "fatally",
        "critically",
        "seriously",
        "severely",
        "slightly",
        "badly",
        "eventually",
        "who",
        "not",
    ]
)

MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

#: Words that stop a scan for a noun phrase or a verb: a new clause starts.
CLAUSE_STOPS = frozenset(
    [
        "but",
        "while",
        "whereas",
        "although",
        "though",
        "when",
        "whom",
        "which",
        "where",
        "because",
        "since",
        "until",
        "unless",
        "said",
        "says",
        "told",
        "according",
    ]
)

#: Tokens that introduce a subset of the figure before them.
SUBSET_CUES = (("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("of", "them"),
               ("among", "the", "dead"), ("among", "those"), ("among", "the", "victims"))  # fmt: skip

#: Quick filter: a (lower-cased) sentence without one of these words holds no casualty figure.
#: Grouped by first letter (see by_first_char): a quicker scan, the same test.
_FILTER_WORDS = """kill dead die death fatal murder slain execut assassinat lynch behead massacr neutrali
        perish slaughter buried body bodies corpse toll lives life succumb gunned injur wound hurt
        hospitali maim shot casualt missing disappear unaccounted abduct kidnap hostage arrest
        detain apprehend displac ablaze alight decapitat tortur alive hung hanged throat""".split()
SENTENCE_FILTER = re.compile(by_first_char([*_FILTER_WORDS, "passed away"]))
