"""Server-side SVG: monthly event counts stacked by QuadClass, with the mean Goldstein score as a line.

The markup is built from numbers and from month labels this module makes itself; any text still
goes through `markupsafe.escape`, so the result can be placed in a page as is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

QUADS = (1, 2, 3, 4)
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
              0: "unclassified"}
QUAD_COLOURS = {1: "#6aa84f", 2: "#2e7d32", 3: "#f0a030", 4: "#c62828", 0: "#9e9e9e"}
LINE_COLOUR = "#1a237e"
WIDTH, HEIGHT = 920, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 52, 14, 62
MAX_LABELS = 12
MAX_MONTHS = 1200  # longest span charted month by month, empty months included
MAX_BAR = 40  # widest bar, in chart units


@dataclass(frozen=True, slots=True)
class Month:
    """Events of one month: counts by QuadClass (index 0 holds events without one) and Goldstein sum."""

    month: str  # YYYY-MM
    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    goldstein_sum: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def mean_goldstein(self) -> float | None:
        return self.goldstein_sum / self.total if self.total else None

    def to_json(self) -> dict:
        mean = self.mean_goldstein
        quads = {str(q): self.counts[q] for q in QUADS} | ({"0": self.counts[0]} if self.counts[0] else {})
        return {"month": self.month, "events": self.total, "quad_class": quads,
                "mean_goldstein": round(mean, 2) if mean is not None else None}


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from `first` to `last`, inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_series(rows: Iterable[tuple[str, int, int, float]]) -> list[Month]:
    """Months from (YYYY-MM, QuadClass, events, Goldstein sum) rows, every month between the first
    and the last present (empty ones included), in order; only the months present when they span
    more than MAX_MONTHS (a stray date centuries off would otherwise flatten the chart)."""
    counts: dict[str, list[int]] = {}
    sums: dict[str, float] = {}
    for month, quad, n, gsum in rows:
        counts.setdefault(month, [0] * 5)[quad if quad in QUADS else 0] += n
        sums[month] = sums.get(month, 0.0) + gsum
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])
    months = month_range(first, last) if span < MAX_MONTHS else sorted(counts)
    return [Month(m, tuple(counts.get(m, [0] * 5)), sums.get(m, 0.0)) for m in months]


def count_step(top: int) -> int:
    """The grid step of the count axis: the smallest whole number among 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6
    and 8 times a power of ten such that four steps reach `top`."""
    power = 1
    while True:
        for k in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            step = k * power
            if step == int(step) and 4 * step >= top:
                return int(step)
        power *= 10


@dataclass(frozen=True, slots=True)
class _Frame:
    """Plot geometry: bar slot width and the two vertical scales."""

    n: int
    top_count: int

    @property
    def plot_w(self) -> float:
        return WIDTH - LEFT - RIGHT

    @property
    def plot_h(self) -> float:
        return HEIGHT - TOP - BOTTOM

    def x(self, i: int) -> float:
        return LEFT + self.plot_w * i / self.n

    def y_count(self, count: float) -> float:
        return TOP + self.plot_h * (1 - count / self.top_count)

    def y_goldstein(self, g: float) -> float:
        return TOP + self.plot_h * (10 - g) / 20


def _f(x: float) -> str:
    return f"{x:.1f}"


def _tooltip(m: Month) -> str:
    parts = [f"{QUAD_NAMES[q]} {m.counts[q]}" for q in (*QUADS, 0) if m.counts[q]]
    mean = m.mean_goldstein
    gold = f"; mean Goldstein {mean:.2f}" if mean is not None else ""
    return f"{m.month}: {m.total} events" + (f" ({', '.join(parts)})" if parts else "") + gold


def _bars(months: Sequence[Month], fr: _Frame) -> list[str]:
    slot = fr.plot_w / fr.n
    width, out = min(max(slot * 0.8, 1.0), MAX_BAR), []
    for i, m in enumerate(months):
        if not m.total:
            continue
        rects, base = [], 0
        for q in (*QUADS, 0):
            if m.counts[q]:
                x, y0, y1 = fr.x(i) + (slot - width) / 2, fr.y_count(base), fr.y_count(base + m.counts[q])
                rects.append(f'<rect class="q{q}" x="{_f(x)}" y="{_f(y1)}" width="{_f(width)}" '
                             f'height="{_f(y0 - y1)}" fill="{QUAD_COLOURS[q]}"/>')
                base += m.counts[q]
        out.append(f'<g class="bar"><title>{escape(_tooltip(m))}</title>{"".join(rects)}</g>')
    return out


def _line(months: Sequence[Month], fr: _Frame) -> list[str]:
    """Mean Goldstein: dots for every month with events, joined where months are consecutive."""
    slot, out, run = fr.plot_w / fr.n, [], []
    for i, m in enumerate([*months, Month("")]):
        mean = m.mean_goldstein
        if mean is None:
            if len(run) > 1:
                out.append(f'<polyline class="goldstein" points="{" ".join(run)}" fill="none" '
                           f'stroke="{LINE_COLOUR}" stroke-width="2"/>')
            run = []
            continue
        x, y = fr.x(i) + slot / 2, fr.y_goldstein(mean)
        run.append(f"{_f(x)},{_f(y)}")
        out.append(f'<circle class="goldstein" cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{LINE_COLOUR}"/>')
    return out


def _axes(months: Sequence[Month], fr: _Frame) -> list[str]:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    out = [f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#555"/>']
    for k in range(5):
        count, gold = fr.top_count * k / 4, -10 + 5 * k
        y = fr.y_count(count)
        out.append(f'<line x1="{LEFT}" y1="{_f(y)}" x2="{right}" y2="{_f(y)}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{_f(y + 4)}" text-anchor="end">{count:g}</text>')
        out.append(f'<text x="{right + 6}" y="{_f(fr.y_goldstein(gold) + 4)}">{f"{gold:+d}" if gold else "0"}</text>')
    step = max(1, math.ceil(fr.n / MAX_LABELS))
    slot = fr.plot_w / fr.n
    for i in range(0, fr.n, step):
        out.append(f'<text x="{_f(fr.x(i) + slot / 2)}" y="{bottom + 16}" text-anchor="middle">'
                   f"{escape(months[i].month)}</text>")
    return out


def _legend() -> list[str]:
    y, out, x = HEIGHT - 20, [], LEFT
    for q in QUADS:
        out.append(f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{QUAD_COLOURS[q]}"/>'
                   f'<text x="{x + 16}" y="{y + 1}">{q} {QUAD_NAMES[q]}</text>')
        x += 170
    out.append(f'<line x1="{x}" y1="{y - 3}" x2="{x + 18}" y2="{y - 3}" stroke="{LINE_COLOUR}" stroke-width="2"/>'
               f'<text x="{x + 22}" y="{y + 1}">mean Goldstein (right axis)</text>')
    return out


def monthly_chart(months: Sequence[Month], title: str = "Events per month") -> Markup:
    """The chart as an inline <svg> element; empty markup when there are no dated events."""
    if not months:
        return Markup("")
    fr = _Frame(len(months), 4 * count_step(max(m.total for m in months)))
    body = [*_axes(months, fr), *_bars(months, fr), *_line(months, fr), *_legend()]
    head = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="chart-title"><title id="chart-title">{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")
