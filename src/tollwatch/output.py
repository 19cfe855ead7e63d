"""Formatting extractions: one JSON object, JSON Lines, or a rich table for people.

JSON output is :meth:`Extraction.to_dict` verbatim (the output contract), with
non-ASCII text kept as is. ``rich`` is imported only when a table is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tollwatch.model import Estimate, Extraction

if TYPE_CHECKING:
    from rich.console import Console

OUTPUT_FORMATS = ("json", "jsonl", "table")


def to_json(extraction: Extraction) -> str:
    """One extraction as an indented JSON object (no trailing newline)."""
    return json.dumps(extraction.to_dict(), indent=2, ensure_ascii=False)


def to_jsonl_line(extraction: Extraction) -> str:
    """One extraction as a single JSON line (no trailing newline)."""
    return _LINE_ENCODER.encode(extraction.to_dict())


#: ``json.dumps(..., ensure_ascii=False)``, built once; a ``to_dict`` tree holds no cycles,
#: so the check for them is left out (the same text, quicker).
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _num(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def format_estimate(estimate: Estimate) -> str:
    """``low/best/high`` with ``–`` for what the text does not state; ``–`` if nothing is."""
    if estimate.is_empty():
        return "–"
    if estimate.low == estimate.best == estimate.high:
        return _num(estimate.best)
    return f"{_num(estimate.low)}/{_num(estimate.best)}/{_num(estimate.high)}"


def toll_line(extraction: Extraction) -> str:
    """A one-line summary of the document toll: killed, injured, victim groups, ACLED figure."""
    parts = [f"killed {format_estimate(extraction.killed)}", f"injured {format_estimate(extraction.injured)}"]
    for group, estimate in extraction.victims.items():
        if not estimate.is_empty():
            parts.append(f"{group} {format_estimate(estimate)}")
    if extraction.acled_fatalities is not None:
        basis = f" ({extraction.acled_basis})" if extraction.acled_basis else ""
        parts.append(f"ACLED fatalities {extraction.acled_fatalities}{basis}")
    return " · ".join(parts)


def render_table(extractions: Iterable[Extraction], console: Console) -> None:
    """Print each extraction as a heading, its toll and a table of its figures."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    for extraction in extractions:
        heading = Text()
        heading.append(extraction.id, style="bold")
        if extraction.title:
            heading.append(f"  {extraction.title}")
        meta = [extraction.published.isoformat() if extraction.published else "no date"]
        meta.append(f"language {extraction.language}")
        if extraction.source:
            meta.append(extraction.source)
        heading.append(f"  ({', '.join(meta)})", style="dim")
        console.print(heading)
        console.print(Text("toll: " + toll_line(extraction), style="cyan"))
        for warning in extraction.warnings:
            console.print(Text(warning, style="yellow"))
        if not extraction.figures:
            console.print(Text("no figures", style="dim"))
            console.print()
            continue
        table = Table(
            box=box.SIMPLE_HEAD, show_header=True, header_style="bold", expand=False, pad_edge=False
        )
        table.add_column("measure", overflow="fold")
        table.add_column("low/best/high", justify="right", overflow="fold")
        table.add_column("qualifier", overflow="fold")
        table.add_column("group", overflow="fold")
        table.add_column("source", max_width=20)
        table.add_column("scope", overflow="fold")
        table.add_column("text", ratio=1)
        for figure in extraction.figures:
            table.add_row(
                figure.measure,
                f"{_num(figure.low)}/{_num(figure.best)}/{_num(figure.high)}",
                figure.qualifier,
                figure.group,
                figure.source or "",
                figure.scope,
                Text(figure.text),
            )
        console.print(table)
        console.print()
