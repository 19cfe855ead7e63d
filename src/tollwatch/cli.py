"""The ``tollwatch`` command line: parse arguments, call the library, print.

Standard output carries data only (JSON, JSON Lines or a table); errors,
rejects and progress go to standard error. Exit codes: 0 all records read,
1 some record was rejected, 2 a usage or configuration problem.

Heavy modules (the pipeline, trafilatura, rich, SQLAlchemy) are imported inside
the commands, and the commands of other modules (gazetteer, ledger, serve) are
imported only when one of them runs or ``--help`` lists them, so that start-up
stays fast (``tollwatch tolls`` answers in well under a second).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any

import click

from tollwatch import __version__, settings
from tollwatch.errors import ConfigError, TollwatchError
from tollwatch.model import Document, Extraction

#: Records read before a progress bar appears on its own (a TTY on stderr only).
PROGRESS_AFTER = 50

#: Width of a table written to a file or pipe (a terminal uses its own width).
TABLE_WIDTH = 120

EVAL_KINDS = ("acled", "airwars", "geo", "events", "merge")

#: Set to 1 to let an exception inside the extractor stop the run with a traceback.
DEBUG_ENV = "TOLLWATCH_DEBUG"


def _fail_config(error: TollwatchError) -> None:
    click.echo(str(error), err=True)
    raise SystemExit(2)


#: Commands defined elsewhere, imported on first use: name -> (module, attribute).
LAZY_COMMANDS = {
    "gazetteer": ("tollwatch.geo.cli", "gazetteer"),
    "ingest": ("tollwatch.ledger.cli", "ingest"),
    "incidents": ("tollwatch.ledger.cli", "incidents"),
    "tolls": ("tollwatch.ledger.cli", "tolls"),
    "show": ("tollwatch.ledger.cli", "show"),
    "rejects": ("tollwatch.ledger.cli", "rejects"),
    "export": ("tollwatch.ledger.cli", "export"),
    "serve": ("tollwatch.serve.cli", "serve"),
    "token": ("tollwatch.serve.cli", "token"),
}


class _Group(click.Group):
    """Load :data:`LAZY_COMMANDS` on demand; turn :class:`TollwatchError` into a coded
    message on stderr and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attribute = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TollwatchError as error:
            _fail_config(error)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="tollwatch")
def main() -> None:
    """Read news reports and extract casualty figures with provenance."""


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


class _Progress:
    """A rich progress display on stderr, started lazily (after ``PROGRESS_AFTER`` records)."""

    def __init__(self, mode: bool | None) -> None:
        self.mode = mode
        self.count = 0
        self.rejects = 0
        self._progress: Any = None
        self._task: Any = None

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rejects]} rejected"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(
            "extract", total=None, completed=self.count, rejects=self.rejects
        )

    def advance(self, rejected: bool = False) -> None:
        self.count += 1
        self.rejects += int(rejected)
        if self._progress is None:
            wanted = self.mode is True or (
                self.mode is None and self.count > PROGRESS_AFTER and sys.stderr.isatty()
            )
            if not wanted:
                return
            self._start()
        self._progress.update(self._task, completed=self.count, rejects=self.rejects)

    def error(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(message, err=True)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _peek(items: Iterator[Any], n: int) -> tuple[list[Any], Iterator[Any]]:
    head: list[Any] = []
    for item in items:
        head.append(item)
        if len(head) >= n:
            break
    return head, items


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--input",
    "input_format",
    type=click.Choice(["text", "html", "jsonl"]),
    default=None,
    help="Force the input format (default: from the file suffix, or sniffed).",
)
@click.option(
    "--published",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for documents that carry none of their own.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "table"]),
    default=None,
    help="Output: json (default for one text/HTML report), jsonl (default otherwise) or table.",
)
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Append every rejected record to this file as a JSON line.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=settings.MAX_DOCUMENT_BYTES,
    show_default=True,
    help="Reject documents larger than this.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal and there are many records).",
)
def extract(
    paths: tuple[str, ...],
    input_format: str | None,
    published: dt.date | None,
    output_format: str | None,
    rejects_path: str | None,
    max_bytes: int,
    progress: bool | None,
) -> None:
    """Extract casualty figures from reports in PATH... (files, folders, or - for stdin).

    \b
    Exit codes: 0 every record was read; 1 some record was rejected
    (each rejection is reported on stderr); 2 usage or configuration error.
    """
    from tollwatch.read import Reader

    reader = Reader(
        paths,
        input_format=input_format,
        published=published,
        max_bytes=max_bytes,
        stdin=sys.stdin.buffer if paths.count("-") else None,
    )
    items = iter(reader)
    if output_format is None:
        head, items = _peek(items, 2)
        single = len(head) == 1 and isinstance(head[0], Document) and "jsonl" not in reader.formats_seen
        output_format = "json" if single else "jsonl"
        items = _chain(head, items)
    bar = _Progress(progress)
    emit = _emitter(output_format, sys.stdout)
    try:
        with _rejects_file(rejects_path) as rejects:
            rejected = _extract_all(items, emit, bar, rejects)
        emit(None)
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(1) from None
    finally:
        bar.stop()
    if rejected:
        click.echo(f"{rejected} record(s) rejected", err=True)
        raise SystemExit(1)


def _rejects_file(path: str | None) -> AbstractContextManager[IO[str] | None]:
    """``--rejects FILE`` opened for appending (``E202`` when it cannot be), or nothing."""
    if not path:
        return nullcontext(None)
    try:
        return open(path, "a", encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot write rejects to {path!r}: {err.strerror}", code="E202") from None


def _extract_all(items: Iterator[Any], emit: Any, bar: _Progress, rejects: IO[str] | None) -> int:
    """Extract each document and emit its result; report and keep each reject. Returns the
    number of records rejected (a document the extractor failed on among them)."""
    from tollwatch.pipeline import extract as run_pipeline
    from tollwatch.read import Reject

    debug = os.environ.get(DEBUG_ENV) == "1"
    rejected = 0
    for item in items:
        if isinstance(item, Document):
            try:
                result = run_pipeline(item)
            except Exception as exc:
                if debug:
                    raise
                item = Reject(
                    item.origin or item.id,
                    _line_of(item.origin),
                    "extract_failed",
                    f"document {item.id!r} could not be processed: {type(exc).__name__}: {exc}",
                )
            else:
                emit(result)
                bar.advance()
                continue
        rejected += 1
        bar.advance(rejected=True)
        bar.error(str(item))
        if rejects is not None:
            rejects.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            rejects.flush()
    return rejected


def _line_of(origin: str) -> int:
    tail = origin.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _chain(head: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from rest


def _emitter(output_format: str, out: IO[str]) -> Callable[[Extraction | None], None]:
    """A function printing one extraction; called with ``None`` at the end (tables are drawn then)."""
    from tollwatch.output import render_table, to_json, to_jsonl_line

    if output_format == "json":

        def emit_json(result: Extraction | None) -> None:
            if result is not None:
                out.write(to_json(result) + "\n")
                out.flush()

        return emit_json
    if output_format == "jsonl":

        def emit_jsonl(result: Extraction | None) -> None:
            if result is not None:
                out.write(to_jsonl_line(result) + "\n")
                out.flush()

        return emit_jsonl

    from rich.console import Console

    # A terminal sets its own width; files and pipes get a width a table fits in.
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else TABLE_WIDTH)

    def emit_table(result: Extraction | None) -> None:
        if result is not None:
            render_table([result], console)

    return emit_table


@main.command("eval")
@click.argument("kind", type=click.Choice(EVAL_KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N records.")
@click.option(
    "--label", default=None, metavar="FIELD", help="merge: the gold cluster field (default incident)."
)
@click.option(
    "--baseline", type=click.Choice(["date"]), default=None, help="merge: also score this baseline."
)
def eval_command(
    kind: str, file: Path, as_json: bool, limit: int | None, label: str | None, baseline: str | None
) -> None:
    """Score tollwatch against a labelled set: KIND is acled, airwars, geo, events or merge."""
    try:
        from tollwatch.eval import run_eval
    except ModuleNotFoundError as err:
        if err.name != "tollwatch.eval":
            raise
        raise ConfigError(
            "evaluation is not available in this build (tollwatch.eval is missing)", code="E201"
        ) from None
    report = run_eval(kind, file, limit=limit, progress=sys.stderr.isatty(), label=label, baseline=baseline)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.to_text())


if __name__ == "__main__":
    main()
