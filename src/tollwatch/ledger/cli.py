"""Ledger commands: ingest, incidents (split, join), tolls, show, rejects, export.

Each command opens the database (``--db URL`` or ``TOLLWATCH_DB``, default
``./tollwatch.db``), calls one library function and prints: tables (rich) for
people, ``--json`` for programs; data on stdout, progress and logs on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from tollwatch.settings import INGEST_BATCH

DB_OPTION = click.option(
    "--db",
    envvar="TOLLWATCH_DB",
    default=None,
    metavar="URL",
    help="Database URL or SQLite file (default: $TOLLWATCH_DB, else ./tollwatch.db).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _session(db: str | None) -> Any:
    from sqlalchemy.orm import Session

    from tollwatch.ledger.store import open_engine

    return Session(open_engine(db))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise click.BadParameter("use W,S,E,N (min lon, min lat, max lon, max lat)")
    return parts


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 140)
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


def _grid(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A table of short cells in rich's default box, drawn directly: rich lays out
    every cell (a third of a second for a few hundred rows), more than the query costs."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [all(r[i].lstrip("-").isdigit() for r in cells if r[i]) for i in range(len(columns))]

    def line(left: str, fill: str, mid: str, right: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def row(values: list[str], bar: str, align: bool = True) -> str:
        padded = [
            v.rjust(w) if align and num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return bar + bar.join(f" {v} " for v in padded) + bar

    out = [title.center(sum(widths) + 3 * len(widths) + 1).rstrip(), line("┏", "━", "┳", "┓")]
    out += [row(columns, "┃", align=False), line("┡", "━", "╇", "┩")]
    out += [row(r, "│") for r in cells]
    out.append(line("└", "─", "┴", "┘"))
    click.echo("\n".join(out))


def _est(e: dict[str, Any]) -> str:
    if e["best"] is None and e["low"] is None:
        return "–"
    if e["low"] == e["high"]:
        return str(e["best"])
    return f"{e['best']} ({e['low']}–{e['high']})"


# ---------------------------------------------------------------- ingest


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DB_OPTION
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=INGEST_BATCH,
    show_default=True,
    help="Documents per transaction.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract with N processes (Dask).",
)
@click.option(
    "--writer",
    type=click.Choice(["auto", "inline", "process"]),
    default="auto",
    show_default=True,
    help="Store batches in a second process while the next is extracted (process), in this"
    " one (inline), or in a second process when there are two CPUs or more and more than"
    " one batch (auto).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal)."
)
def ingest(
    paths: tuple[str, ...], db: str | None, batch: int, workers: int, writer: str, progress: bool | None
) -> None:
    """Read reports in PATH..., extract them and merge them into the ledger.

    Idempotent (an input id already stored is skipped, a copy of a stored text
    becomes an alias) and resumable (each batch is one transaction). Rejected
    records are stored; list them with `tollwatch rejects`. Exit 0 when the run
    completes, whether or not some records were rejected.
    """
    from tollwatch.ledger.ingest import ingest as run
    from tollwatch.ledger.store import open_engine
    from tollwatch.read import iter_documents

    engine = open_engine(db)
    show = progress if progress is not None else sys.stderr.isatty()
    with _IngestProgress(show) as bar:
        stats = run(
            engine, iter_documents(paths), batch=batch, workers=workers, writer=writer, on_batch=bar.advance
        )
    for message in stats.messages:
        click.echo(message, err=True)
    s = stats.to_dict()
    click.echo(
        f"ingested {s['documents']} new document(s), {s['aliases']} alias(es), skipped {s['skipped']} "
        f"already stored, {s['rejects']} new reject(s); {s['incidents_touched']} incident(s) updated",
        err=True,
    )


class _IngestProgress:
    """A rich progress bar with documents per second, on stderr."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> _IngestProgress:
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("ingesting {task.completed} docs"),
                BarColumn(),
                TextColumn("{task.fields[rate]} docs/s"),
                TextColumn("{task.fields[rejects]} rejected"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=None, rate="–", rejects=0)
        return self

    def advance(self, done: int, rejected: int) -> None:
        if self.progress is None:
            return
        task = self.progress.tasks[0]
        self.progress.update(self.task, advance=done, rejects=task.fields["rejects"] + rejected)
        elapsed = task.elapsed or 0
        if elapsed > 0:
            self.progress.update(self.task, rate=f"{task.completed / elapsed:.1f}")

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


# ---------------------------------------------------------------- incidents


@click.group(invoke_without_command=True)
@DB_OPTION
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY.")
@click.option("--admin1", help="First-level division, as stored (e.g. Latakia).")
@click.option("--type", "type_", help="Event type, e.g. battle.")
@click.option("--since", callback=_date, metavar="YYYY-MM-DD")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD")
@click.option("--bbox", callback=_bbox, metavar="W,S,E,N", help="Bounding box in degrees.")
@JSON_OPTION
@click.pass_context
def incidents(ctx: click.Context, db: str | None, country: str | None, admin1: str | None, type_: str | None,
              since: dt.date | None, until: dt.date | None, bbox: Any, as_json: bool) -> None:  # fmt: skip
    """List reconciled incidents (or `split` / `join` them)."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from tollwatch.ledger.query import Filters, incident_records

    filters = Filters(country, admin1, type_, since, until, bbox)
    with _session(db) as session:
        records = incident_records(session, filters)
    if as_json:
        _print_json(records)
        return
    rows = [
        [r["id"], r["date"]["start"], r["type"], r["location"]["name"], r["location"]["country"],
         _est(r["killed"]), _est(r["injured"]), "yes" if r["disputed"] else "", ", ".join(r["within"]),
         len(r["reports"])]
        for r in records
    ]  # fmt: skip
    columns = ["id", "date", "type", "place", "cc", "killed", "injured", "disputed", "within", "reports"]
    _table(f"{len(records)} incident(s)", columns, rows)


@incidents.command()
@click.argument("incident_id")
@click.option("--report", required=True, metavar="DOCID", help="Input id of the report to take out.")
@click.option("--note", default=None, help="Why (kept with the decision).")
@click.pass_context
def split(ctx: click.Context, incident_id: str, report: str, note: str | None) -> None:
    """Take report DOCID out of INCIDENT_ID; the decision survives re-runs."""
    from tollwatch.ledger.decisions import split as run

    with _session(ctx.obj["db"]) as session, session.begin():
        keys = run(session, incident_id, report, note)
    click.echo(json.dumps({"incidents": keys}))


@incidents.command()
@click.argument("first")
@click.argument("second")
@click.option("--note", default=None, help="Why (kept with the decision).")
@click.pass_context
def join(ctx: click.Context, first: str, second: str, note: str | None) -> None:
    """Merge incidents FIRST and SECOND; the decision survives re-runs."""
    from tollwatch.ledger.decisions import join as run

    with _session(ctx.obj["db"]) as session, session.begin():
        keys = run(session, first, second, note)
    click.echo(json.dumps({"incidents": keys}))


# ---------------------------------------------------------------- tolls, show, rejects


@click.command()
@click.option(
    "--by", type=click.Choice(["country", "admin1", "day", "week"]), default="country", show_default=True
)
@DB_OPTION
@JSON_OPTION
def tolls(by: str, db: str | None, as_json: bool) -> None:
    """Killed and injured summed over incidents, by country, admin1, day or week.

    A nested incident (its toll a part of another incident's, as a report's "745
    civilians" within its "1,018 killed") is counted in `incidents` and `nested`
    but never added to the sums, so no death is counted twice.
    """
    from tollwatch.ledger.light import tolls as fast

    rows = fast(db, by)  # a current SQLite file: answered without importing SQLAlchemy
    if rows is None:
        from tollwatch.ledger.query import tolls as run

        with _session(db) as session:
            rows = run(session, by)
    if as_json:
        _print_json(rows)
        return
    keys = list(rows[0].keys()) if rows else [by, "incidents", "killed_low", "killed_best", "killed_high"]
    _grid(f"tolls by {by}", keys, [[r[k] for k in keys] for r in rows])


@click.command()
@click.argument("incident_id")
@click.option("--why", is_flag=True, help="Print the evidence that linked each report.")
@DB_OPTION
@JSON_OPTION
def show(incident_id: str, why: bool, db: str | None, as_json: bool) -> None:
    """One incident (by id, or by a report's input id): tolls, history, sentences, sources."""
    from tollwatch.errors import ConfigError
    from tollwatch.ledger.query import show as run

    with _session(db) as session:
        record = run(session, incident_id)
    if record is None:
        raise ConfigError(f"no incident or report {incident_id!r}", code="E401")
    if as_json:
        _print_json(record)
        return
    _print_incident(record, why)


def _print_incident(r: dict[str, Any], why: bool) -> None:
    loc = r["location"]
    click.echo(f"{r['id']}  {r['type']} ({r['sub_type'] or '-'})  {r['date']['start']}–{r['date']['end']}")
    where = f"{loc['name']}, {loc['admin1'] or '-'}, {loc['country'] or '-'}"
    click.echo(f"  place: {where} ({loc['lat']}, {loc['lon']})")
    click.echo(f"  killed: {_est(r['killed'])}  injured: {_est(r['injured'])}  disputed: {r['disputed']}")
    if r["nested"]:
        held = ", ".join(r["within"]) or "another incident"
        click.echo(f"  toll counted within: {held} (a part of its toll; left out of sums)")
    for measure, claims in r["claims"].items():
        listed = "; ".join(f"{c['report']} ({c['published']}): {c['best']}" for c in claims)
        click.echo(f"  {measure} claims: {listed}")
    click.echo("  history:")
    for h in r["history"]:
        click.echo(f"    {h['changed_at']}  {h['measure']}: {_est(h)}  from {', '.join(h['reports'])}")
    click.echo("  reports:")
    for s in r["supporting"]:
        mark = "*" if s["primary"] else " "
        click.echo(f"   {mark}{s['report']}  {s['published']}  {s['source'] or ''}")
        if why:
            ev = s["why"]
            reasons = "; ".join(ev.get("reasons", [])) or ev.get("reason", "")
            via = f" via {ev['via_report']} (score {ev.get('score')})" if ev.get("via_report") else ""
            click.echo(f"      why:{via} {reasons}")
        for sent in s["sentences"]:
            click.echo(f'      "{sent["sentence"].strip()}" [{sent["measure"]} {sent["best"]}]')


@click.command()
@DB_OPTION
@JSON_OPTION
def rejects(db: str | None, as_json: bool) -> None:
    """Records that could not be read or extracted during ingest."""
    from tollwatch.ledger.query import rejects as run

    with _session(db) as session:
        rows = run(session)
    if as_json:
        _print_json(rows)
        return
    _table(f"{len(rows)} reject(s)", ["code", "origin", "reason", "message"],
           [[r["code"], r["origin"], r["reason"], r["message"]] for r in rows])  # fmt: skip


@click.command()
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["acled", "ucdp", "geojson", "jsonl", "parquet"])
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default stdout)."
)
@DB_OPTION
def export(fmt: str, output: Path | None, db: str | None) -> None:
    """Write every incident as ACLED or UCDP CSV, GeoJSON, JSON Lines or Parquet."""
    from tollwatch.export import export as run
    from tollwatch.ledger.store import open_engine

    engine = open_engine(db)
    if output is None:
        n = run(engine, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("wb") as out:
            n = run(engine, fmt, out, output)
    click.echo(f"exported {n} incident(s) as {fmt}" + (f" to {output}" if output else ""), err=True)


COMMANDS = (ingest, incidents, tolls, show, rejects, export)
