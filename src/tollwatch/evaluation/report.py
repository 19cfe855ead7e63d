"""The result of one evaluation run: scores with their denominators, errors, references."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tollwatch.evaluation.scoring import ratio

#: Characters of a record's text shown next to an error example (terminal only).
EXCERPT_CHARS = 160


@dataclass(slots=True)
class Score:
    """``correct`` of ``n`` rows; ``value`` is ``None`` when ``n`` is 0."""

    name: str
    correct: int
    n: int
    description: str = ""
    #: False for coverage figures (how often the output has a location, an
    #: event): informative, but a drop can be an improvement, so the eval gate skips them.
    gated: bool = True

    @property
    def value(self) -> float | None:
        return ratio(self.correct, self.n)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "correct": self.correct,
            "n": self.n,
            "description": self.description,
            "gated": self.gated,
        }


@dataclass(slots=True)
class Reference:
    """A figure quoted from elsewhere (never computed here), with where it was quoted from."""

    name: str
    value: float
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "source": self.source}


@dataclass(slots=True)
class ErrorExample:
    """One wrong row: its id and the numbers or labels compared (never its text)."""

    id: str
    gold: Any
    predicted: Any
    #: How far off, for ordering (absolute count difference, or 1 for labels).
    size: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "gold": self.gold, "predicted": self.predicted}


@dataclass(slots=True)
class EvalReport:
    """Scores of one kind of evaluation on one file.

    ``to_dict`` is JSON-able and holds ids and numbers only, so it can be saved
    anywhere; ``excerpts`` (record text for the error examples) stays in
    memory and is shown only by ``to_text(show_text=True)``.
    """

    kind: str
    dataset: str
    path: str
    sha256: str
    n: int
    limit: int | None = None
    seconds: float = 0.0
    scores: list[Score] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    confusion: dict[str, Any] = field(default_factory=dict)
    errors: list[ErrorExample] = field(default_factory=list)
    crashes: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excerpts: dict[str, str] = field(default_factory=dict)

    def score(self, name: str) -> Score:
        for s in self.scores:
            if s.name == name:
                return s
        raise KeyError(f"no score {name!r} in the {self.kind} report (have: {[s.name for s in self.scores]})")

    def values(self) -> dict[str, float | None]:
        """``{"<kind>.<score>": value}``: the keys the eval gate stores."""
        return {f"{self.kind}.{s.name}": s.value for s in self.scores}

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "dataset": self.dataset,
            "path": self.path,
            "sha256": self.sha256,
            "n": self.n,
            "limit": self.limit,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.n / self.seconds, 1) if self.seconds > 0 else None,
            "scores": [s.to_dict() for s in self.scores],
            "references": [r.to_dict() for r in self.references],
            "confusion": self.confusion,
            "errors": [e.to_dict() for e in self.errors],
            "crashes": list(self.crashes),
            "notes": list(self.notes),
        }

    def to_text(self, *, show_text: bool = False) -> str:
        """A readable table. ``show_text`` adds a text excerpt under each error example."""
        lines = [f"{self.kind} on {self.dataset} ({self.n} records, {self.seconds:.1f} s)"]
        width = max([len(s.name) for s in self.scores] + [len(r.name) for r in self.references] + [5])
        lines.append(f"  {'score':<{width}}  {'value':>6}  {'correct':>8}  {'n':>6}")
        for s in self.scores:
            value = f"{s.value:.3f}" if s.value is not None else "   n/a"
            lines.append(f"  {s.name:<{width}}  {value:>6}  {s.correct:>8}  {s.n:>6}")
        if self.references:
            lines.append("  quoted references (not computed here):")
            for r in self.references:
                lines.append(f"  {r.name:<{width}}  {r.value:>6.3f}  ({r.source})")
        if self.confusion:
            lines.append("  confusion:")
            for key, value in self.confusion.items():
                lines.append(f"    {key}: {value}")
        if self.crashes:
            lines.append(f"  {len(self.crashes)} record(s) raised in the pipeline, e.g. {self.crashes[:3]}")
        if self.errors:
            lines.append("  largest errors (id, gold, predicted):")
            for e in self.errors:
                lines.append(f"    {e.id}  gold={e.gold}  predicted={e.predicted}")
                if show_text and e.id in self.excerpts:
                    lines.append(f"      | {self.excerpts[e.id]}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        return "\n".join(lines)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a text on one line, for the terminal."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
