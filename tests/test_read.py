"""The readers: every bad record becomes a Reject naming file and line; good records go on."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.errors import InputError
from tollwatch.model import Document
from tollwatch.read import REASON_CODES, Reject, iter_documents, parse_published, sniff_format


def _split(items: list[Document | Reject]) -> tuple[list[Document], list[Reject]]:
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return docs, rejects


def _write_jsonl(tmp_path: Path, lines: list[bytes]) -> Path:
    path = tmp_path / "input.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD = b'{"id": "good", "text": "A storm flattened two barns outside Nettlecombe. (Fictional example.)"}'


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        (b'{"id": "x", "text": "unterminated', "malformed_json"),
        (b'["a", "list", "not", "an", "object"]', "malformed_json"),
        (b'{"text": "No identifier here."}', "missing_field"),
        (b'{"id": "", "text": "An empty identifier."}', "missing_field"),
        (b'{"id": "no-text"}', "missing_field"),
        (b'{"id": "blank", "text": "  \\n "}', "empty_text"),
        (b'{"id": "latin1", "text": "caf\xe9 au lait"}', "not_utf8"),
        (b'{"id": "date", "text": "Some text.", "published": "31/12/2024"}', "bad_date"),
        (b'{"id": "date2", "text": "Some text.", "published": 20240101}', "bad_date"),
        (b'{"id": "num", "text": 42}', "bad_field"),
    ],
)
def test_each_reject_reason_names_file_and_line(tmp_path: Path, bad_line: bytes, reason: str) -> None:
    path = _write_jsonl(tmp_path, [GOOD, bad_line, GOOD.replace(b'"good"', b'"after"')])
    docs, rejects = _split(list(iter_documents([path])))
    assert [d.id for d in docs] == ["good", "after"]
    assert len(rejects) == 1
    reject = rejects[0]
    assert reject.reason == reason
    assert reject.line == 2
    assert reject.origin == f"{path}:2"
    assert reject.code == REASON_CODES[reason]
    assert str(reject).startswith(f"{reject.code}: {path}:2: {reason}")
    assert reject.message
    error = reject.to_error()
    assert isinstance(error, InputError)
    assert error.origin == f"{path}:2" and error.reason == reason
    assert str(error).startswith(f"{reject.code}: {path}:2")


def test_too_large_record_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    big = b'{"id": "big", "text": "' + b"word " * 400 + b'"}'
    path = _write_jsonl(tmp_path, [big, GOOD])
    docs, rejects = _split(list(iter_documents([path], max_bytes=300)))
    assert [d.id for d in docs] == ["good"]
    assert [(r.reason, r.line) for r in rejects] == [("too_large", 1)]
    assert "--max-bytes" in rejects[0].message
    assert len(rejects[0].raw) <= 201


def test_mixed_fixture(fixtures: Path) -> None:
    path = fixtures / "mixed.jsonl"
    docs, rejects = _split(list(iter_documents([path])))
    assert [d.id for d in docs] == ["ok-1", "ok-2"]
    assert docs[0].published == dt.date(2024, 1, 5)
    assert docs[1].published == dt.date(2024, 1, 6)  # ISO timestamp: the date is kept
    assert docs[1].source == "Tarnby Post"
    assert docs[0].origin == f"{path}:1"
    assert [(r.line, r.reason) for r in rejects] == [
        (2, "malformed_json"),
        (3, "missing_field"),
        (5, "missing_field"),
        (6, "bad_date"),
        (7, "empty_text"),
    ]


def test_blank_lines_are_skipped_and_line_numbers_stay_true(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path, [b"", GOOD, b"   ", b"{oops"])
    docs, rejects = _split(list(iter_documents([path])))
    assert docs[0].origin.endswith(":2")
    assert rejects[0].line == 4


def test_published_option_fills_missing_dates_only(tmp_path: Path) -> None:
    dated = b'{"id": "dated", "text": "Text with a date.", "published": "2023-05-01"}'
    path = _write_jsonl(tmp_path, [GOOD, dated])
    docs, _ = _split(list(iter_documents([path], published=dt.date(2020, 2, 2))))
    assert [d.published for d in docs] == [dt.date(2020, 2, 2), dt.date(2023, 5, 1)]


def test_plain_text_file(fixtures: Path) -> None:
    (doc,) = iter_documents([fixtures / "note.txt"], published=dt.date(2024, 6, 2))
    assert isinstance(doc, Document)
    assert doc.id == "note"
    assert doc.published == dt.date(2024, 6, 2)
    assert "rockfall" in doc.text


def test_text_file_not_utf8_reports_line_of_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"First line is fine.\nSecond line is fine.\nThird has a bad byte: \xff.\n")
    (reject,) = iter_documents([path])
    assert isinstance(reject, Reject)
    assert reject.reason == "not_utf8"
    assert reject.origin == f"{path}:3"


def test_text_file_too_large_and_empty(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The river rose. " * 100, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    results = list(iter_documents([big, empty], max_bytes=500))
    assert [(r.reason, r.origin) for r in results if isinstance(r, Reject)] == [
        ("too_large", f"{big}:1"),
        ("empty_text", f"{empty}:1"),
    ]


def test_missing_file_is_a_reject_not_a_crash(tmp_path: Path, fixtures: Path) -> None:
    results = list(iter_documents([tmp_path / "nowhere.txt", fixtures / "note.txt"]))
    assert isinstance(results[0], Reject) and results[0].reason == "unreadable"
    assert isinstance(results[1], Document)


def test_html_title_date_and_main_text(fixtures: Path) -> None:
    (doc,) = iter_documents([fixtures / "report.html"])
    assert isinstance(doc, Document)
    assert doc.id == "report"
    assert doc.title == "Bridge collapse in Harrowgate"
    assert doc.published == dt.date(2024, 8, 16)
    assert "footbridge gave way" in doc.text
    assert "tracking" not in doc.text


def test_html_forced_on_unknown_suffix(tmp_path: Path, fixtures: Path) -> None:
    page = tmp_path / "page.dat"
    page.write_bytes((fixtures / "report.html").read_bytes())
    (doc,) = iter_documents([page], input_format="html")
    assert isinstance(doc, Document) and doc.title == "Bridge collapse in Harrowgate"


def test_folder_reads_known_suffixes_sorted(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "b.txt").write_text("Beta report text. (Fictional example.)", encoding="utf-8")
    (tmp_path / "a.jsonl").write_bytes(GOOD + b"\n")
    (tmp_path / "c.html").write_bytes((fixtures / "report.html").read_bytes())
    (tmp_path / "ignored.csv").write_text("id,text\n1,nothing\n", encoding="utf-8")
    ids = [d.id for d in iter_documents([tmp_path]) if isinstance(d, Document)]
    assert ids == ["good", "b", "c"]


@pytest.mark.parametrize(
    ("data", "expected_id", "fmt"),
    [
        (b"\n  " + GOOD + b"\n", "good", "jsonl"),
        (
            b"<html><head><title>Short page</title></head><body><p>Hello there.</p></body></html>",
            "stdin",
            "html",
        ),
        (b"Just a line of plain text about a quiet day in Ambleridge.\n", "stdin", "text"),
    ],
)
def test_stdin_is_sniffed(data: bytes, expected_id: str, fmt: str) -> None:
    assert sniff_format(data) == fmt
    results = list(iter_documents(["-"], stdin=io.BytesIO(data), published=dt.date(2024, 3, 3)))
    (doc,) = results
    assert isinstance(doc, Document)
    assert doc.id == expected_id
    assert doc.origin.startswith("<stdin>:")


def test_stdin_jsonl_rejects_carry_line_numbers() -> None:
    data = b"\n" + GOOD + b"\nnot json\n"
    results = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    docs, rejects = _split(results)
    assert docs[0].origin == "<stdin>:2"
    assert rejects[0].origin == "<stdin>:3"


def test_stdin_format_can_be_forced() -> None:
    (doc,) = iter_documents(["-"], stdin=io.BytesIO(b"{not really json, just braces}"), input_format="text")
    assert isinstance(doc, Document) and doc.text.startswith("{not")


class _Bomb(io.RawIOBase):
    """Gives one good line, then fails: reading must not run ahead of the consumer."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        self.calls += 1
        if self.calls == 1:
            return GOOD + b"\n"
        raise AssertionError("read past the record that was asked for")


def test_jsonl_is_streamed() -> None:
    items = iter_documents(["-"], stdin=_Bomb(), input_format="jsonl")
    first = next(items)
    assert isinstance(first, Document) and first.id == "good"


def test_parse_published() -> None:
    assert parse_published("2025-03-08") == dt.date(2025, 3, 8)
    assert parse_published("2025-03-08T23:10:00+02:00") == dt.date(2025, 3, 8)
    assert parse_published("2025-03-08T23:10:00Z") == dt.date(2025, 3, 8)
    assert parse_published(None) is None
    assert parse_published("") is None
    with pytest.raises(InputError) as err:
        parse_published("March 8", "f.jsonl:9")
    assert err.value.reason == "bad_date"
    assert "f.jsonl:9" in str(err.value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=60), max_size=6))
def test_arbitrary_bytes_never_stop_the_run(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    results = list(iter_documents(["-"], stdin=io.BytesIO(data), input_format="jsonl", max_bytes=40))
    assert all(isinstance(r, (Document, Reject)) for r in results)
    for r in results:
        if isinstance(r, Reject):
            assert r.origin.startswith("<stdin>:") and r.reason in REASON_CODES
