"""Readers: turn files, folders and stdin into :class:`~tollwatch.model.Document` s.

Bad input never stops a run. Every record that cannot be read becomes a
:class:`Reject` (origin ``path:line``, a reason code and a message saying what
to fix) and reading goes on with the next record.

Formats:

* plain text: the whole file is one document, its id the file stem;
* HTML (``.html``/``.htm``): main text, title, date and URL via trafilatura,
  imported only when an HTML document is actually read (it is slow to import);
* JSON Lines (``.jsonl``): one record per line, read line by line, never the
  whole file at once;
* stdin (path ``-``): the format is sniffed from the first non-space character
  (``{`` JSON Lines, ``<`` HTML, anything else text) unless forced;
* a folder: its ``.txt``, ``.html``, ``.htm`` and ``.jsonl`` files, sorted by name.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tollwatch import settings
from tollwatch.errors import InputError
from tollwatch.model import Document

#: Input formats the readers know.
FORMATS = ("text", "html", "jsonl")

#: File suffixes picked up from a folder, and the format each one means.
SUFFIX_FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

#: Reason → stable error code. Documented in README.md ("Error codes").
REASON_CODES = {
    "malformed_json": "E101",
    "missing_field": "E102",
    "empty_text": "E103",
    "not_utf8": "E104",
    "too_large": "E105",
    "bad_date": "E106",
    "bad_field": "E107",
    "unreadable": "E108",
    "extract_failed": "E109",
}

#: Characters of the offending input kept in a reject, enough to find it again.
RAW_EXCERPT_CHARS = 200

#: Label used in origins for standard input.
STDIN_NAME = "<stdin>"

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(slots=True)
class Reject:
    """A record that could not be read, and why.

    ``origin`` is ``path:line``; ``raw`` an excerpt of the offending input.
    """

    origin: str
    line: int
    reason: str
    message: str
    raw: str = ""

    @property
    def code(self) -> str:
        return REASON_CODES.get(self.reason, "E100")

    @property
    def path(self) -> str:
        return self.origin.rsplit(":", 1)[0]

    def to_error(self) -> InputError:
        return InputError(self.origin, self.reason, self.message, code=self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "origin": self.origin,
            "path": self.path,
            "line": self.line,
            "reason": self.reason,
            "message": self.message,
            "raw": self.raw,
        }

    def __str__(self) -> str:
        """The stderr line: ``E101: path:line: reason: message``."""
        return f"{self.code}: {self.origin}: {self.reason}: {self.message}"


def reject_from_error(error: InputError, line: int, raw: str = "") -> Reject:
    """Turn an :class:`InputError` raised by a reader into a :class:`Reject`."""
    return Reject(error.origin, line, error.reason, _strip_origin(error), raw)


def _strip_origin(error: InputError) -> str:
    prefix = f"{error.origin}: "
    return error.message[len(prefix) :] if error.message.startswith(prefix) else error.message


def _excerpt(raw: bytes | str) -> str:
    if isinstance(raw, bytes):
        raw = raw[: RAW_EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    raw = raw.rstrip("\r\n")
    return raw if len(raw) <= RAW_EXCERPT_CHARS else raw[:RAW_EXCERPT_CHARS] + "…"


def _fail(origin: str, reason: str, message: str) -> InputError:
    return InputError(origin, reason, message, code=REASON_CODES.get(reason, "E100"))


def parse_published(value: Any, origin: str = "published") -> dt.date | None:
    """Read a publication date: ``YYYY-MM-DD`` or a full ISO timestamp (its date is kept).

    ``None`` and the empty string mean no date. Anything else raises
    :class:`InputError` with reason ``bad_date``.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(origin, "bad_date", f"'published' must be a YYYY-MM-DD string, got {value!r}")
    text = value.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise _fail(
            origin,
            "bad_date",
            f"'published' is {value!r}, not a date: use YYYY-MM-DD (or an ISO timestamp)",
        ) from None


def _decode(data: bytes, origin_path: str) -> str:
    """Decode UTF-8 strictly (a BOM is dropped); report the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise _fail(
            f"{origin_path}:{line}",
            "not_utf8",
            f"byte 0x{data[err.start]:02x} at offset {err.start} is not UTF-8: re-save the input as UTF-8",
        ) from None


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"the document is {size:,} bytes, over the limit of {max_bytes:,}: "
        "split it or raise the limit with --max-bytes"
    )


def sniff_format(head: bytes | str) -> str:
    """Guess a format from the start of an input: ``{`` JSON Lines, ``<`` HTML, else text."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("<"):
        return "html"
    return "text"


# --------------------------------------------------------------------------- text


def read_text(
    data: bytes,
    *,
    name: str,
    doc_id: str,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_DOCUMENT_BYTES,
) -> Document:
    """One plain-text input as one document. Raises :class:`InputError`."""
    origin = f"{name}:1"
    if len(data) > max_bytes:
        raise _fail(origin, "too_large", _too_large(len(data), max_bytes))
    text = _decode(data, name)
    if not text.strip():
        raise _fail(origin, "empty_text", "the document has no text")
    return Document(id=doc_id, text=text, published=published, origin=origin)


# --------------------------------------------------------------------------- html


def _decode_html(data: bytes, name: str) -> str:
    try:
        return _decode(data, name)
    except InputError:
        # A page may declare its own charset; honour it before rejecting.
        match = _CHARSET.search(data[:4096])
        if match:
            try:
                codec = codecs.lookup(match.group(1).decode("ascii"))
                if codec.name not in ("utf-8", "utf-8-sig"):
                    return data.decode(codec.name)
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def _fallback_html_text(html: str) -> str:
    """Body text when trafilatura finds no main content (very short pages)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_html(
    data: bytes,
    *,
    name: str,
    doc_id: str,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_DOCUMENT_BYTES,
) -> Document:
    """One HTML page as one document: main text, title, date, URL. Raises :class:`InputError`.

    The page's own date wins; ``published`` fills in when the page has none.
    """
    origin = f"{name}:1"
    if len(data) > max_bytes:
        raise _fail(origin, "too_large", _too_large(len(data), max_bytes))
    html = _decode_html(data, name)
    if not html.strip():
        raise _fail(origin, "empty_text", "the page is empty")

    import trafilatura  # lazy: importing it takes about a second

    meta: dict[str, Any] = {}
    try:
        result: Any = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
        if result is not None and hasattr(result, "as_dict"):
            result = result.as_dict()
        if isinstance(result, dict):
            meta = result
    except Exception:  # trafilatura can fail on odd markup; fall back below
        meta = {}
    text = (meta.get("text") or "").strip() or _fallback_html_text(html)
    if not text.strip():
        raise _fail(origin, "empty_text", "no main text found in the page")
    page_date: dt.date | None = None
    raw_date = meta.get("date")
    if isinstance(raw_date, str) and raw_date:
        try:
            page_date = parse_published(raw_date, origin)
        except InputError:
            page_date = None
    title = meta.get("title") or None
    return Document(
        id=doc_id,
        text=text,
        published=page_date or published,
        title=title if isinstance(title, str) else None,
        url=meta.get("url") or None,
        source=meta.get("sitename") or None,
        origin=origin,
    )


# --------------------------------------------------------------------------- jsonl


def _optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    raise _fail(origin, "bad_field", f"'{key}' must be a string, got {type(value).__name__}")


def parse_record(
    raw: bytes,
    *,
    origin: str,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_DOCUMENT_BYTES,
) -> Document:
    """One JSON Lines record as a document. Raises :class:`InputError`."""
    if len(raw) > max_bytes:
        raise _fail(origin, "too_large", _too_large(len(raw), max_bytes))
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _fail(
            origin, "not_utf8", f"byte 0x{raw[err.start]:02x} at column {err.start + 1} is not UTF-8"
        ) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise _fail(origin, "malformed_json", f"not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise _fail(origin, "malformed_json", f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        raise _fail(origin, "missing_field", "the record has no 'id' (a non-empty string)")
    if not isinstance(doc_id, str):
        raise _fail(origin, "bad_field", f"'id' must be a string, got {type(doc_id).__name__}")
    if "text" not in record or record["text"] is None:
        raise _fail(origin, "missing_field", f"record {doc_id!r} has no 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise _fail(origin, "bad_field", f"'text' of record {doc_id!r} must be a string")
    if not text.strip():
        raise _fail(origin, "empty_text", f"record {doc_id!r} has an empty 'text'")
    own_date = parse_published(record.get("published"), origin)
    return Document(
        id=doc_id,
        text=text,
        published=own_date or published,
        title=_optional_str(record, "title", origin),
        url=_optional_str(record, "url", origin),
        source=_optional_str(record, "source", origin),
        origin=origin,
    )


def _bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """Yield ``(line, size)``; a line over ``max_bytes`` is cut short but its full size reported.

    Memory stays bounded by ``max_bytes`` however long a line is.
    """
    limit = max_bytes + 2  # room for "\r\n" on a line exactly at the limit
    while True:
        chunk = stream.readline(limit)
        if not chunk:
            return
        size = len(chunk)
        if not chunk.endswith(b"\n"):
            while True:
                more = stream.readline(1 << 16)
                if not more:
                    break
                size += len(more)
                if more.endswith(b"\n"):
                    break
        yield chunk, size


def iter_jsonl(
    stream: IO[bytes] | Iterable[bytes],
    *,
    name: str,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_DOCUMENT_BYTES,
    first_line: int = 1,
) -> Iterator[Document | Reject]:
    """Stream a JSON Lines input, one record at a time. Blank lines are skipped."""
    lines: Iterable[tuple[bytes, int]]
    if hasattr(stream, "readline"):
        lines = _bounded_lines(stream, max_bytes)  # type: ignore[arg-type]
    else:
        lines = ((chunk, len(chunk)) for chunk in stream)
    for lineno, (chunk, size) in enumerate(lines, start=first_line):
        if not chunk.strip():
            continue
        origin = f"{name}:{lineno}"
        body = chunk.rstrip(b"\r\n")
        try:
            if size - (len(chunk) - len(body)) > max_bytes:
                raise _fail(origin, "too_large", _too_large(size, max_bytes))
            yield parse_record(body, origin=origin, published=published, max_bytes=max_bytes)
        except InputError as err:
            yield reject_from_error(err, lineno, _excerpt(body))


# --------------------------------------------------------------------------- dispatch


class Reader:
    """Iterate documents and rejects from paths; remembers which formats it met.

    ``formats_seen`` lets the CLI pick a default output format (one JSON object
    for a single text or HTML report, JSON Lines otherwise).
    """

    def __init__(
        self,
        paths: Iterable[str | Path],
        *,
        input_format: str | None = None,
        published: dt.date | None = None,
        max_bytes: int = settings.MAX_DOCUMENT_BYTES,
        stdin: IO[bytes] | None = None,
    ) -> None:
        if input_format is not None and input_format not in FORMATS:
            raise ValueError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
        self.paths = [str(p) for p in paths]
        self.input_format = input_format
        self.published = published
        self.max_bytes = max_bytes
        self.stdin = stdin
        self.formats_seen: set[str] = set()

    def __iter__(self) -> Iterator[Document | Reject]:
        for path in self.paths:
            if path == "-":
                yield from self._read_stdin()
                continue
            p = Path(path)
            if p.is_dir():
                files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIX_FORMATS)
                if not files:
                    yield Reject(
                        f"{path}:0", 0, "unreadable", "the folder has no .txt, .html, .htm or .jsonl files"
                    )
                for f in files:
                    yield from self._read_file(f)
            else:
                yield from self._read_file(p)

    def _format_for(self, path: Path, head: bytes) -> str:
        if self.input_format:
            return self.input_format
        fmt = SUFFIX_FORMATS.get(path.suffix.lower())
        return fmt or sniff_format(head)

    def _read_file(self, path: Path) -> Iterator[Document | Reject]:
        name = str(path)
        try:
            stream = path.open("rb")
        except OSError as err:
            yield Reject(f"{name}:0", 0, "unreadable", f"cannot open: {err.strerror or err}")
            return
        with stream:
            head = stream.peek(512)[:512] if isinstance(stream, io.BufferedReader) else b""
            fmt = self._format_for(path, head)
            self.formats_seen.add(fmt)
            if fmt == "jsonl":
                yield from iter_jsonl(stream, name=name, published=self.published, max_bytes=self.max_bytes)
                return
            yield from self._read_whole(stream, fmt, name=name, doc_id=path.stem or name)

    def _read_whole(
        self, stream: IO[bytes], fmt: str, *, name: str, doc_id: str, prefix: bytes = b""
    ) -> Iterator[Document | Reject]:
        data = prefix + stream.read(max(self.max_bytes + 1 - len(prefix), 0))
        if len(data) > self.max_bytes:
            size = len(data)
            while chunk := stream.read(1 << 20):  # count the rest without keeping it
                size += len(chunk)
            yield Reject(f"{name}:1", 1, "too_large", _too_large(size, self.max_bytes), _excerpt(data))
            return
        reader = read_html if fmt == "html" else read_text
        try:
            yield reader(data, name=name, doc_id=doc_id, published=self.published, max_bytes=self.max_bytes)
        except InputError as err:
            line = int(err.origin.rsplit(":", 1)[1]) if err.origin.rsplit(":", 1)[-1].isdigit() else 1
            yield reject_from_error(err, line, _excerpt(data))

    def _read_stdin(self) -> Iterator[Document | Reject]:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        # Read up to the first non-blank line to sniff the format, keeping what was read.
        buffered: list[bytes] = []
        while True:
            line = stream.readline(self.max_bytes + 2)
            if not line:
                break
            buffered.append(line)
            if line.strip():
                break
        head = b"".join(buffered)
        fmt = self.input_format or sniff_format(head)
        self.formats_seen.add(fmt)
        if fmt == "jsonl":
            chained = _Chain(buffered, stream)
            yield from iter_jsonl(
                chained, name=STDIN_NAME, published=self.published, max_bytes=self.max_bytes
            )
            return
        yield from self._read_whole(stream, fmt, name=STDIN_NAME, doc_id="stdin", prefix=head)


class _Chain(io.RawIOBase):
    """Lines already read, then the rest of a stream: ``readline`` only."""

    def __init__(self, lines: list[bytes], rest: IO[bytes]) -> None:
        super().__init__()
        self._lines = list(lines)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        if self._lines:
            return self._lines.pop(0)
        return self._rest.readline(-1 if size is None else size)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    input_format: str | None = None,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_DOCUMENT_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document | Reject]:
    """Yield a :class:`Document` or a :class:`Reject` for every record in ``paths``.

    ``paths`` are files, folders or ``-`` for stdin. ``input_format`` forces
    ``text``, ``html`` or ``jsonl``; otherwise it follows the file suffix or is
    sniffed. ``published`` is the date for documents that carry none of their own.
    """
    yield from Reader(paths, input_format=input_format, published=published, max_bytes=max_bytes, stdin=stdin)
