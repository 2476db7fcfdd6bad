"""Where the names of a scatter's points go: beside each point, on the first side where the name
covers no other name, no point and no quadrant title, and stays inside the plot. A name with no
free side is left out: the point's tooltip still says it, and pages list every point in a table
beside the chart. The sizes of text are estimates (the server does not measure fonts), a little
generous so that names do not touch."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# At font-size 11, the sans-serif fonts the charts ask for: the average advance of a character
# of Latin or Cyrillic names, and the room above and below the baseline.
CHAR_WIDTH = 6.3
ASCENT = 9.0
DESCENT = 3.0
GAP = 8.0  # from the point's centre to the name, beside it


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        apart_across = self.right <= other.left or other.right <= self.left
        apart_down = self.bottom <= other.top or other.bottom <= self.top
        return not (apart_across or apart_down)

    def within(self, other: "Box") -> bool:
        across = other.left <= self.left and self.right <= other.right
        return across and other.top <= self.top and self.bottom <= other.bottom


@dataclass(frozen=True)
class Label:
    x: float  # of the anchor, on the baseline
    y: float
    anchor: str  # SVG text-anchor: start, end or middle


# The sides tried, in order, as (dx, dy, anchor) from the point's centre to the baseline's
# anchor: right and a little up (where a reader looks first), right below, left up, left
# below, above, under.
SIDES = (
    (GAP, -7.0, "start"),
    (GAP, 12.0, "start"),
    (-GAP, -7.0, "end"),
    (-GAP, 12.0, "end"),
    (0.0, -10.0, "middle"),
    (0.0, 20.0, "middle"),
)


def text_box(x: float, y: float, anchor: str, text: str, *, char_width: float = CHAR_WIDTH) -> Box:
    """The room a line of `text` anchored at (x, y) takes, by estimate."""
    width = len(text) * char_width
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return Box(left, y - ASCENT, left + width, y + DESCENT)


def place_labels(
    points: Sequence[tuple[float, float, str]], *, plot: Box, radius: float, obstacles: Iterable[Box] = ()
) -> list[Label | None]:
    """A place for the name of each (x, y, name) point, in their order, or None where every
    side is taken. Every point's dot is kept clear, as are `obstacles`."""
    taken = [Box(x - radius, y - radius, x + radius, y + radius) for x, y, _name in points]
    taken.extend(obstacles)
    placed: list[Label | None] = []
    for x, y, name in points:
        choice = None
        for dx, dy, anchor in SIDES:
            box = text_box(x + dx, y + dy, anchor, name)
            if box.within(plot) and not any(box.overlaps(other) for other in taken):
                choice = Label(x + dx, y + dy, anchor)
                taken.append(box)
                break
        placed.append(choice)
    return placed
