"""Charts drawn on the server as SVG: a scatter with quadrants and arrows, a line trend and a
bar chart. The same markup goes into pages and into PDF packs, with no script.

Python works out the geometry (analysis.charts.geometry); Django templates under
analysis/charts/ write the markup, so every label is autoescaped. The one exception is the
scatter's points and arrows, which may number thousands (the portfolio matrix of a whole
company): they are written here, each text through `escape`, with their colours and marker
set once on the group that holds them, so a point costs one short <a><title><circle>.
Colours are SVG presentation attributes (fill, stroke), never style attributes: the
Content-Security-Policy forbids inline styles, and the drawing then needs no stylesheet.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from analysis.charts.geometry import LinearScale, nice_ticks
from analysis.charts.labels import Box, place_labels, text_box

PALETTE = ("#1f3a5f", "#2f7d6d", "#d9822b", "#a64d79", "#5b6b7f")
QUADRANT_FILLS = {
    (True, True): "#e3f1ec",
    (False, True): "#e8effa",
    (True, False): "#fbf0de",
    (False, False): "#f1f2f4",
}
LABELS_UP_TO = 40  # more points than this and their names would cover most of the plot
LABEL_CHARS = 24  # a name beside its point is cut to this many characters
TITLE_CHAR_WIDTH = 8.0  # a quadrant's title, bold at font-size 13


@dataclass(frozen=True)
class Margins:
    top: float = 16
    right: float = 16
    bottom: float = 44
    left: float = 52


# Scatter ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScatterPoint:
    x: float
    y: float
    label: str
    href: str = ""
    previous: tuple[float, float] | None = None
    detail: str = ""  # said by the point's tooltip after its label


@dataclass(frozen=True)
class QuadrantLabel:
    title: str
    subtitle: str
    high_x: bool
    high_y: bool


POINT_RADIUS = 6


def _arrow(x1: float, y1: float, x2: float, y2: float) -> dict:
    """A line from the previous position that stops at the rim of the point, so the
    arrowhead shows; the start is the exact previous position."""
    length = math.hypot(x2 - x1, y2 - y1)
    gap = POINT_RADIUS + 1.5
    if length > gap * 2:
        x2, y2 = x2 - (x2 - x1) * gap / length, y2 - (y2 - y1) * gap / length
    return {"x1": x1, "y1": y1, "x2": round(x2, 1), "y2": round(y2, 1)}


def _number(value: float) -> str:
    """A coordinate as SVG wants it: a dot for decimals, no trailing zero."""
    return f"{value:g}"


def _arrows_markup(plotted: Sequence[dict]) -> SafeString:
    """One bare <line> per move; stroke and arrowhead come from the enclosing group."""
    # Numbers only: nothing to escape.
    return mark_safe(  # noqa: S308
        "".join(
            f'<line x1="{_number(a["x1"])}" y1="{_number(a["y1"])}" x2="{_number(a["x2"])}" y2="{_number(a["y2"])}"/>'
            for a in (p["arrow"] for p in plotted)
            if a is not None
        )
    )


def _points_markup(plotted: Sequence[dict], *, show_labels: bool) -> SafeString:
    """Each point as <a href><title>name — detail</title><circle/></a> (a <g> when it links
    nowhere), its name written beside it only when `show_labels`; fill and stroke come from
    the enclosing group. Every text is escaped."""
    parts = []
    for p in plotted:
        point = p["point"]
        title = f"{point.label} — {point.detail}" if point.detail else point.label
        inner = (
            f"<title>{escape(title)}</title>"
            f'<circle cx="{_number(p["cx"])}" cy="{_number(p["cy"])}" r="{POINT_RADIUS}"/>'
        )
        label = p["label"] if show_labels else None
        if label is not None:
            inner += (
                f'<text x="{_number(label.x)}" y="{_number(label.y)}" text-anchor="{label.anchor}"'
                f' font-size="11" fill="#212529" stroke="none">{escape(p["name"])}</text>'
            )
        parts.append(f'<a href="{escape(point.href)}">{inner}</a>' if point.href else f"<g>{inner}</g>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text and URL is escaped above


def _place_names(plotted: list[dict], *, plot: Box, areas: Sequence[dict]) -> None:
    """Each point's name (cut to LABEL_CHARS) on a free side of it (analysis.charts.labels),
    clear of the other names and points and of the quadrants' titles."""
    titles = []
    for area in areas:
        titles.append(text_box(area["text_x"], area["text_y"], "start", area["title"], char_width=TITLE_CHAR_WIDTH))
        titles.append(text_box(area["text_x"], area["text_y"] + 15, "start", area["subtitle"]))
    for p in plotted:
        p["name"] = Truncator(p["point"].label).chars(LABEL_CHARS)
    labels = place_labels(
        [(p["cx"], p["cy"], p["name"]) for p in plotted], plot=plot, radius=POINT_RADIUS, obstacles=titles
    )
    for p, label in zip(plotted, labels, strict=True):
        p["label"] = label


def scatter(
    *,
    points: Sequence[ScatterPoint],
    title: str,
    x_label: str,
    y_label: str,
    lo: float = 1,
    hi: float = 10,
    split: float | None = 5.5,
    quadrants: Sequence[QuadrantLabel] = (),
    chart_id: str = "scatter",
    width: int = 720,
    height: int = 540,
    show_labels: bool | None = None,
) -> SafeString:
    """Points on a square lo…hi grid, an arrow to each from its previous position, and the
    plot split at `split` into four labelled quadrants."""
    m = Margins()
    sx = LinearScale(lo, hi, m.left, width - m.right)
    sy = LinearScale(lo, hi, height - m.bottom, m.top)
    ticks = [t for t in nice_ticks(lo, hi, count=9) if lo <= t <= hi]
    areas = []
    if split is not None:
        for q in quadrants:
            x0, x1 = (sx(split), sx(hi)) if q.high_x else (sx(lo), sx(split))
            y0, y1 = (sy(hi), sy(split)) if q.high_y else (sy(split), sy(lo))
            areas.append(
                {
                    "x": x0,
                    "y": y0,
                    "width": round(x1 - x0, 1),
                    "height": round(y1 - y0, 1),
                    "fill": QUADRANT_FILLS[(q.high_x, q.high_y)],
                    "title": q.title,
                    "subtitle": q.subtitle,
                    "text_x": x0 + 8,
                    "text_y": y0 + 18,
                }
            )
    plotted = []
    for point in points:
        px, py = sx(point.x), sy(point.y)
        arrow = None
        if point.previous is not None and tuple(map(float, point.previous)) != (float(point.x), float(point.y)):
            arrow = _arrow(sx(point.previous[0]), sy(point.previous[1]), px, py)
        plotted.append({"point": point, "cx": px, "cy": py, "arrow": arrow, "label": None})
    if show_labels is None:
        show_labels = len(points) <= LABELS_UP_TO
    if show_labels:
        _place_names(plotted, plot=Box(m.left, m.top, width - m.right, height - m.bottom), areas=areas)
    context = {
        "id": chart_id,
        "title": title,
        "width": width,
        "height": height,
        "plot": {"left": m.left, "top": m.top, "right": width - m.right, "bottom": height - m.bottom},
        "x_ticks": [{"value": t, "at": sx(t)} for t in ticks],
        "y_ticks": [{"value": t, "at": sy(t)} for t in ticks],
        "x_label": x_label,
        "y_label": y_label,
        "x_label_at": round((m.left + width - m.right) / 2, 1),
        "y_label_at": round((m.top + height - m.bottom) / 2, 1),
        "areas": areas,
        "points": _points_markup(plotted, show_labels=show_labels),
        "arrows": _arrows_markup(plotted),
        "color": PALETTE[0],
        "radius": POINT_RADIUS,
    }
    return render_to_string("analysis/charts/scatter.svg", context)


# Line ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[tuple[datetime.date | float, float | None]]


def _x_number(x) -> float:
    return float(x.toordinal()) if isinstance(x, datetime.date) else float(x)


def _x_text(x) -> str:
    return date_format(x, "SHORT_DATE_FORMAT") if isinstance(x, datetime.date) else f"{x:g}"


def line(
    *,
    series: Sequence[Series],
    title: str,
    y_lo: float,
    y_hi: float,
    chart_id: str = "line",
    width: int = 640,
    height: int = 260,
    max_x_labels: int = 8,
) -> SafeString:
    """Each series as a line over x (dates are placed by their distance in time), y from
    y_lo to y_hi; a gap (None) breaks nothing, the point is simply left out."""
    m = Margins(top=34)
    xs = sorted({x for s in series for x, y in s.values if y is not None}, key=_x_number)
    numbers = [_x_number(x) for x in xs] or [0.0]
    # Room for the first and last date written under their points.
    sx = LinearScale(min(numbers), max(numbers), m.left + 36, width - m.right - 36)
    sy = LinearScale(y_lo, y_hi, height - m.bottom, m.top)
    step = max(1, -(-len(xs) // max_x_labels))
    drawn = []
    for index, s in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        dots = [
            {"cx": sx(_x_number(x)), "cy": sy(y), "x": _x_text(x), "y": y}
            for x, y in sorted(s.values, key=lambda v: _x_number(v[0]))
            if y is not None
        ]
        drawn.append(
            {
                "name": s.name,
                "color": color,
                "dots": dots,
                "path": " ".join(f"{d['cx']},{d['cy']}" for d in dots),
                "legend_x": m.left + index * 190,
            }
        )
    context = {
        "id": chart_id,
        "title": title,
        "width": width,
        "height": height,
        "plot": {"left": m.left, "top": m.top, "right": width - m.right, "bottom": height - m.bottom},
        "y_ticks": [{"value": t, "at": sy(t)} for t in nice_ticks(y_lo, y_hi, count=5) if y_lo <= t <= y_hi],
        "x_ticks": [{"text": _x_text(x), "at": sx(_x_number(x))} for x in xs[::step]],
        "series": drawn,
    }
    return render_to_string("analysis/charts/line.svg", context)


def compact(value: float) -> str:
    """A tick's number, short: 1.5M, 250k, 12."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:g}"


# Bar ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""  # the value as the page writes it; the number itself when empty


def bar(*, bars: Sequence[Bar], title: str, chart_id: str = "bar", width: int = 480, height: int = 240) -> SafeString:
    """Vertical bars from zero, each with its value written above it."""
    m = Margins(top=24)
    top = max([float(b.value) for b in bars] + [0.0])
    ticks = nice_ticks(0, top or 1, count=4)
    sy = LinearScale(0, ticks[-1], height - m.bottom, m.top)
    slot = (width - m.left - m.right) / max(len(bars), 1)
    bar_width = round(min(slot * 0.6, 80), 1)
    drawn = []
    for index, b in enumerate(bars):
        centre = round(m.left + slot * (index + 0.5), 1)
        y = sy(max(float(b.value), 0.0))
        drawn.append(
            {
                "bar": b,
                "x": round(centre - bar_width / 2, 1),
                "y": y,
                "width": bar_width,
                "height": round(sy(0) - y, 1),
                "centre": centre,
                "display": b.display or f"{b.value:g}",
            }
        )
    context = {
        "id": chart_id,
        "title": title,
        "width": width,
        "height": height,
        "plot": {"left": m.left, "top": m.top, "right": width - m.right, "bottom": height - m.bottom},
        "y_ticks": [{"value": compact(t), "at": sy(t)} for t in ticks],
        "bars": drawn,
        "color": PALETTE[1],
    }
    return render_to_string("analysis/charts/bar.svg", context)


# Horizontal bars against a target ----------------------------------------------------------

ON_TARGET, BELOW_TARGET = PALETTE[1], PALETTE[2]


@dataclass(frozen=True)
class TargetBar:
    label: str
    value: float
    target: float | None = None  # None: no target to mark
    display: str = ""  # the value as the page writes it
    target_display: str = ""
    href: str = ""  # the row links here (the plan behind it), when given


def target_bars(
    *,
    bars: Sequence[TargetBar],
    title: str,
    target_label: str,
    chart_id: str = "target-bars",
    width: int = 440,
    row_height: int = 26,
    label_width: int = 130,
) -> SafeString:
    """One horizontal bar per row from zero, its value written after it, and the row's target
    marked by a dark tick across the bar; a bar short of its target is drawn in the warning
    colour. Each row links to `href` when it has one. The height follows the number of rows."""
    value_room = 78  # the value written after the longest bar
    top, bottom = 8, 26
    height = top + row_height * max(len(bars), 1) + bottom
    highest = max([float(b.value) for b in bars] + [float(b.target) for b in bars if b.target is not None] + [0.0])
    ticks = nice_ticks(0, highest or 1, count=4)
    sx = LinearScale(0, ticks[-1], label_width, width - value_room)
    bar_height = round(row_height * 0.56, 1)
    # A label longer than its room is cut to fit (its row's tooltip keeps the whole name): at
    # 12 px a character is about 6.5 px wide, and "Protective packaging" ran off the left.
    label_chars = int((label_width - 8) / 6.5)
    drawn = []
    for index, b in enumerate(bars):
        y = top + row_height * index
        end = sx(max(float(b.value), 0.0))
        target_x = sx(float(b.target)) if b.target is not None else None
        drawn.append(
            {
                "bar": b,
                "y": round(y + (row_height - bar_height) / 2, 1),
                "middle": round(y + row_height / 2, 1),
                "width": round(end - label_width, 1),
                "end": end,
                "height": bar_height,
                "label": Truncator(b.label).chars(label_chars),
                "display": b.display or f"{b.value:g}",
                "target_x": target_x,
                "target_top": round(y + 2, 1),
                "target_bottom": round(y + row_height - 2, 1),
                "color": BELOW_TARGET if b.target is not None and b.value < b.target else ON_TARGET,
                "value_x": round(max(end, target_x or 0) + 6, 1),
            }
        )
    context = {
        "id": chart_id,
        "title": title,
        "target_label": target_label,
        "width": width,
        "height": height,
        "plot": {"left": label_width, "top": top, "right": width - value_room, "bottom": height - bottom},
        "x_ticks": [{"value": compact(t), "at": sx(t)} for t in ticks],
        "bars": drawn,
        "label_x": label_width - 8,
    }
    return render_to_string("analysis/charts/target_bars.svg", context)
