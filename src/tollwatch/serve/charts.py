"""Small SVG charts, written here (no chart library): tolls per day and revisions as steps.

Every label is escaped; the numbers are ours. The result is ``Markup`` for the templates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup, escape

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 220, 48, 12, 12, 28


def _x(day: dt.date, first: dt.date, span: int) -> float:
    return PAD_L + (W - PAD_L - PAD_R) * ((day - first).days / span)


def _y(value: float, top: float) -> float:
    return PAD_T + (H - PAD_T - PAD_B) * (1 - value / top)


def _axes(first: dt.date, last: dt.date, top: float) -> list[str]:
    base = H - PAD_B
    return [
        f'<line class="axis" x1="{PAD_L}" y1="{base}" x2="{W - PAD_R}" y2="{base}"/>',
        f'<line class="axis" x1="{PAD_L}" y1="{PAD_T}" x2="{PAD_L}" y2="{base}"/>',
        f'<text class="tick" x="{PAD_L}" y="{H - 8}">{escape(first.isoformat())}</text>',
        f'<text class="tick end" x="{W - PAD_R}" y="{H - 8}">{escape(last.isoformat())}</text>',
        f'<text class="tick end" x="{PAD_L - 4}" y="{PAD_T + 10}">{int(top)}</text>',
        f'<text class="tick end" x="{PAD_L - 4}" y="{base}">0</text>',
    ]


def timeline_svg(days: list[dict[str, Any]], steps: list[dict[str, Any]], label: str) -> Markup:
    """Bars: killed per incident day. Step line: the total killed as reports came in and revised it."""
    dates = [dt.date.fromisoformat(d["day"]) for d in days] + [dt.date.fromisoformat(s["day"]) for s in steps]
    if not dates:
        return Markup('<p class="muted">No tolls to chart.</p>')
    first, last = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=1)
    span = max((last - first).days, 1)
    top = float(max([d["killed"] for d in days] + [s["total"] for s in steps] + [1]))
    parts = _axes(first, last, top)
    bar = min(24.0, max(2.0, (W - PAD_L - PAD_R) / (span + 1) * 0.8))
    for d in days:
        day = dt.date.fromisoformat(d["day"])
        x, y = _x(day, first, span), _y(d["killed"], top)
        parts.append(
            f'<rect class="bar" x="{x - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{H - PAD_B - y:.1f}"><title>{escape(d["day"])}: {int(d["killed"])} killed</title>'
            "</rect>"
        )
    parts.append(_steps_path(steps, first, span, top))
    body = "".join(parts)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(label)}">{body}</svg>'
    )


def _steps_path(steps: list[dict[str, Any]], first: dt.date, span: int, top: float) -> str:
    if not steps:
        return ""
    points: list[str] = []
    prev_y: float | None = None
    dots = []
    for s in steps:
        x = _x(dt.date.fromisoformat(s["day"]), first, span)
        y = _y(s["total"], top)
        if prev_y is not None:
            points.append(f"L{x:.1f},{prev_y:.1f}")
        points.append(f"{'M' if prev_y is None else 'L'}{x:.1f},{y:.1f}")
        dots.append(
            f'<circle class="step-dot" cx="{x:.1f}" cy="{y:.1f}" r="3">'
            f"<title>{escape(s['day'])}: total {int(s['total'])}</title></circle>"
        )
        prev_y = y
    points.append(f"L{W - PAD_R},{prev_y:.1f}")
    return f'<path class="steps" d="{" ".join(points)}"/>' + "".join(dots)


def history_svg(history: list[dict[str, Any]], measure: str = "killed") -> Markup:
    """One incident's estimate over time: best as steps, low–high as a band."""
    rows = [h for h in history if h["measure"] == measure and h.get("changed_at")]
    if not rows:
        return Markup('<p class="muted">No history for this measure.</p>')
    when = [dt.date.fromisoformat(h["changed_at"][:10]) for h in rows]
    first, last = min(when), max(when) + dt.timedelta(days=1)
    span = max((last - first).days, 1)
    top = float(max([h["high"] or h["best"] or 0 for h in rows] + [1]))
    parts = _axes(first, last, top)
    path: list[str] = []
    for i, (h, day) in enumerate(zip(rows, when, strict=True)):
        x0 = _x(day, first, span)
        x1 = _x(when[i + 1], first, span) if i + 1 < len(rows) else W - PAD_R
        low, best, high = h["low"] or 0, h["best"] or 0, h["high"] or h["best"] or 0
        parts.append(
            f'<rect class="band" x="{x0:.1f}" y="{_y(high, top):.1f}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{max(_y(low, top) - _y(high, top), 1):.1f}"/>'
        )
        path.append(f"{'M' if i == 0 else 'L'}{x0:.1f},{_y(best, top):.1f} L{x1:.1f},{_y(best, top):.1f}")
        parts.append(
            f'<circle class="step-dot" cx="{x0:.1f}" cy="{_y(best, top):.1f}" r="3"><title>'
            f"{escape(h['changed_at'][:10])}: {best} ({low}–{high}) from {escape(', '.join(h['reports']))}"
            "</title></circle>"
        )
    parts.append(f'<path class="steps" d="{" ".join(path)}"/>')
    return Markup(
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(measure)} over time">'
        + "".join(parts)
        + "</svg>"
    )
