"""Sentences and paragraphs with character offsets."""

from __future__ import annotations

from tollwatch.text.segment import segment

REPORT = (
    "Gunmen Kill 12 in Village Raid\n"
    "Twelve people were killed on Monday. Police said Mr. Okoro was among them.\n"
    "\n"
    'Dr. Ama Mensah said the attack began at 3 p.m. "We ran," she said. '
    "The U.S. embassy condemned it."
)


def test_offsets_always_slice_the_text() -> None:
    for s in segment(REPORT):
        assert REPORT[s.start : s.end] == s.text


def test_sentences_split_at_full_stops() -> None:
    texts = [s.text for s in segment(REPORT)]
    assert texts == [
        "Gunmen Kill 12 in Village Raid",
        "Twelve people were killed on Monday.",
        "Police said Mr. Okoro was among them.",
        'Dr. Ama Mensah said the attack began at 3 p.m. "We ran," she said.',
        "The U.S. embassy condemned it.",
    ]


def test_abbreviations_do_not_end_a_sentence() -> None:
    texts = [s.text for s in segment("Sgt. Bello and Gen. Musa arrived. They left at 4 a.m. on Friday.")]
    assert texts == ["Sgt. Bello and Gen. Musa arrived.", "They left at 4 a.m. on Friday."]


def test_headline_is_marked_heading_and_prose_is_not() -> None:
    sents = segment(REPORT)
    assert sents[0].heading
    assert not any(s.heading for s in sents[1:])


def test_lines_are_paragraphs_and_blank_lines_are_skipped() -> None:
    assert [s.paragraph for s in segment(REPORT)] == [0, 1, 1, 2, 2]


def test_question_and_exclamation_marks_end_sentences() -> None:
    texts = [s.text for s in segment("Was anyone hurt? Nobody knows! Police are searching.")]
    assert texts == ["Was anyone hurt?", "Nobody knows!", "Police are searching."]


def test_sentence_may_start_with_a_digit() -> None:
    texts = [s.text for s in segment("The raid was at dawn. 14 people died.")]
    assert texts == ["The raid was at dawn.", "14 people died."]


def test_surrounding_whitespace_is_trimmed() -> None:
    text = "   Two people died.    Three were hurt.   \n"
    sents = segment(text)
    assert [s.text for s in sents] == ["Two people died.", "Three were hurt."]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_empty_text_has_no_sentences() -> None:
    assert segment("") == []
    assert segment("\n\n  \n") == []
