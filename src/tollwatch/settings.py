"""Thresholds and limits, in one place, each with the reason for its value.

Word lists live in ``tollwatch/data/*.txt``; numbers that tune behaviour live
here. Nothing else in the package should carry a bare tuning literal.
"""

from __future__ import annotations

#: Largest document accepted (bytes). News reports are a few KB; 5 MB catches
#: a mis-pointed file (a PDF, a database dump) without rejecting long reports.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

#: Characters read for the language check: enough words to judge, cheap.
LANGUAGE_SAMPLE_CHARS = 1500

#: Fewer words than this and we cannot tell; short notes are taken as English.
#: Twelve: a ten-word English note that names "El …" or "Al …" places can hold
#: more Spanish function words than English ones, and one-line notes are common.
LANGUAGE_MIN_WORDS = 12

#: English text has 25–40 % function words; 12 % leaves room for lists and
#: headlines while other languages score near zero on the English list.
LANGUAGE_EN_MIN_SHARE = 0.12

# --- Figure reading -----------------------------------------------------------

#: Words allowed between a number and its noun ("125 government security force
#: members"): five covers real noun phrases without running into the next clause.
NP_MAX_MODIFIERS = 5

#: Tokens scanned after the victims for their verb ("were reportedly later killed").
VERB_SCAN_TOKENS = 10

#: Tokens skipped between the victims and their verb across an aside or a relative
#: clause ("a herder, thought to belong to the raiders, was shot dead"): enough for a
#: short clause, too few to reach into the next sentence part.
ASIDE_MAX_TOKENS = 14

#: Extra tokens allowed per list item crossed ("6 commandos, 5 soldiers … were killed").
VERB_SCAN_LIST_BONUS = 6

#: Tokens scanned back from a number for a verb before it ("killing at least 4").
VERB_BACK_TOKENS = 8

#: Tokens scanned back from "risen to" for the toll it speaks of.
TOLL_BACK_TOKENS = 24

#: Tokens scanned back from a number for "including" / "among them".
SUBSET_BACK_TOKENS = 10

#: A breakdown (745 + 125 + 148) is read as the parts of a stated whole
#: ("over 1,000") when its sum is at least the whole and at most this many
#: times it; beyond that the parts are unlikely to be the same people.
BREAKDOWN_MAX_RATIO = 1.25
#: A general count of the dead ("57 deaths") above this multiple of a report's civilian
#: toll is taken to count a wider event (a night of raids), not a rival claim about it.
CLAIM_MAX_RATIO = 3

#: Characters before a number searched for "after a man was killed"-style
#: background triggers.
BACKGROUND_WINDOW_CHARS = 60

#: ACLED's coding convention for deaths reported without a number: 3 for a
#: limited attack, 10 for a large one. Used only in ``acled_fatalities`` (with
#: ``acled_basis: "convention"``), never in a figure.
ACLED_CONVENTION_LIMITED = 3
ACLED_CONVENTION_LARGE = 10
#: Civilian deaths reported in the plural with no number ("martyrs and wounded", "others
#: were killed") are at least two: the smallest count a plural states. Casualty monitors
#: such as Airwars record them so. A convention, not a number the text states: it lives
#: only in the labelled ``civilians_convention`` output field (never in a figure, in
#: ``killed`` or in ``victims``); ACLED's 3/10 in ``acled_fatalities`` is separate.
PLURAL_DEATHS = 2

# --- Ledger ----------------------------------------------------------------------

#: Documents per ingest transaction. Each batch costs a fixed few dozen statements (and,
#: on PostgreSQL, round trips and COPYs), so larger batches are cheaper per report: on
#: the 6,543 ACLED notes the ledger's own time was 6.5 s at 100 and 5.2 s at 500 on
#: PostgreSQL (3.1 and 3.0 s on SQLite). A run killed half-way redoes at most one batch.
INGEST_BATCH = 500

#: Batches extracted and waiting for the second process that stores them (``tollwatch
#: ingest --writer process``): two keep it busy while the next is extracted, and bound the
#: memory held (a batch of ACLED notes and their extractions is a few MB).
INGEST_IN_FLIGHT = 2
