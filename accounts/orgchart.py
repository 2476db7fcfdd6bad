"""The client's org chart as plain geometry: where each person's box goes and how the
reporting lines run. No ORM and no markup here: the caller passes keys and parent keys, a
template draws the result as SVG (the same drawing serves the page, print and the PDF pack).

The layout is a tidy tree: every subtree gets its own band of columns, so boxes never
overlap, and each manager sits centred above the people who report to them. Several
people without a manager (roots) stand side by side; when they would make the chart wider
than `max_width`, they wrap onto a new row, so twenty unconnected contacts stay readable.
A manager whose reports have nobody under them and are many stacks them in two columns
along a vertical line instead of one long row. Reporting data may contain cycles (entered
concurrently, or imported): each cycle is cut at one person, who is drawn as a root.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OrgNode:
    """One person to place: `parent` is the key of their manager (or None)."""

    key: Hashable
    parent: Hashable | None = None
    item: Any = None


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    """A placed person. `parent` is the manager as drawn (None for roots and cut cycles)."""

    key: Hashable
    item: Any
    x: float
    y: float
    width: int
    height: int
    depth: int
    parent: Hashable | None = None

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Edge:
    """A reporting line from a manager's box to a report's box, as a polyline."""

    parent: Hashable
    child: Hashable
    points: tuple[Point, ...]


@dataclass(frozen=True)
class OrgChart:
    boxes: tuple[Box, ...] = ()
    edges: tuple[Edge, ...] = ()
    width: float = 0
    height: float = 0
    cut: frozenset = field(default_factory=frozenset)  # keys whose manager link closed a cycle

    def __bool__(self) -> bool:
        return bool(self.boxes)


@dataclass(frozen=True)
class Spacing:
    box_width: int = 210
    box_height: int = 84
    h_gap: int = 24  # between neighbouring subtrees
    v_gap: int = 40  # between a manager and their reports
    row_gap: int = 14  # between stacked reports
    band_gap: int = 36  # between rows of wrapped roots
    margin: int = 12


def layout(
    nodes: Iterable[OrgNode],
    *,
    spacing: Spacing | None = None,
    max_width: float | None = 1400,
    min_width: float = 0,
    stack_leaves_from: int | None = 4,
) -> OrgChart:
    """Place `nodes` (in the order given among siblings). `stack_leaves_from`: a manager with
    at least this many reports, none of whom has reports, stacks them (None: never)."""
    s = spacing or Spacing()
    nodes = list(nodes)
    if not nodes:
        return OrgChart()
    by_key = {node.key: node for node in nodes}
    parent_of, cut = _tree_parents(nodes, by_key)
    children: dict[Hashable, list[Hashable]] = {key: [] for key in by_key}
    roots: list[Hashable] = []
    for node in nodes:
        parent = parent_of[node.key]
        (roots if parent is None else children[parent]).append(node.key)
    # Managers first, then people standing alone: the structure reads before the loose ends.
    roots.sort(key=lambda key: not children[key])

    order = _preorder(roots, children)
    stacked = {
        key
        for key in order
        if stack_leaves_from is not None
        and len(children[key]) >= stack_leaves_from
        and all(not children[child] for child in children[key])
    }
    width, height, centre = _measure(order, children, stacked, s)

    # Wrap roots into rows no wider than max_width (a subtree wider than that gets a row alone).
    bands: list[list[Hashable]] = [[]]
    band_width = 0.0
    for root in roots:
        extra = width[root] + (s.h_gap if bands[-1] else 0)
        if bands[-1] and max_width is not None and band_width + extra > max_width - 2 * s.margin:
            bands.append([])
            band_width, extra = 0.0, width[root]
        bands[-1].append(root)
        band_width += extra

    def row_width(band: list[Hashable]) -> float:
        return sum(width[root] for root in band) + s.h_gap * (len(band) - 1)

    inner_width = max(max(row_width(band) for band in bands), min_width - 2 * s.margin)
    left: dict[Hashable, float] = {}  # each subtree's left edge
    top: dict[Hashable, float] = {}
    y = float(s.margin)
    for band in bands:
        x = s.margin + (inner_width - row_width(band)) / 2  # rows are centred on the chart
        for root in band:
            left[root], top[root] = x, y
            x += width[root] + s.h_gap
        y += max(height[root] for root in band) + s.band_gap
    chart_height = y - s.band_gap + s.margin

    boxes: dict[Hashable, Box] = {}
    edges: list[Edge] = []
    depth: dict[Hashable, int] = dict.fromkeys(roots, 0)
    for key in order:  # parents before their children
        box = Box(
            key=key,
            item=by_key[key].item,
            x=left[key] + centre[key] - s.box_width / 2,
            y=top[key],
            width=s.box_width,
            height=s.box_height,
            depth=depth[key],
            parent=parent_of[key],
        )
        boxes[key] = box
        kids = children[key]
        if not kids:
            continue
        child_top = box.bottom + s.v_gap
        if key in stacked:
            # Two columns either side of a line down from the manager's centre.
            for index, child in enumerate(kids):
                column, row = index % 2, index // 2
                left[child] = box.cx + (s.h_gap / 2 if column else -s.h_gap / 2 - s.box_width)
                top[child] = child_top + row * (s.box_height + s.row_gap)
        else:
            x = left[key] + (width[key] - _children_width(kids, width, s)) / 2
            for child in kids:
                left[child], top[child] = x, child_top
                x += width[child] + s.h_gap
        for child in kids:
            depth[child] = depth[key] + 1

    for key in order:
        parent = parent_of[key]
        if parent is None:
            continue
        up, box = boxes[parent], boxes[key]
        if parent in stacked:
            side = box.x if box.x > up.cx else box.right
            mid_y = box.y + box.height / 2
            points = (Point(up.cx, up.bottom), Point(up.cx, mid_y), Point(side, mid_y))
        else:
            mid_y = up.bottom + s.v_gap / 2
            points = (Point(up.cx, up.bottom), Point(up.cx, mid_y), Point(box.cx, mid_y), Point(box.cx, box.y))
        edges.append(Edge(parent=parent, child=key, points=points))

    return OrgChart(
        boxes=tuple(boxes[key] for key in order),
        edges=tuple(edges),
        width=inner_width + 2 * s.margin,
        height=chart_height,
        cut=frozenset(cut),
    )


def descendants(parent_of: Mapping[Hashable, Hashable | None], key: Hashable) -> set[Hashable]:
    """Everyone who reports to `key`, directly or not (safe on cyclic data)."""
    children: dict[Hashable, list[Hashable]] = {}
    for child, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[Hashable] = set()
    stack = list(children.get(key, ()))
    while stack:
        child = stack.pop()
        if child in found or child == key:
            continue
        found.add(child)
        stack.extend(children.get(child, ()))
    return found


def creates_cycle(parent_of: Mapping[Hashable, Hashable | None], key: Hashable, new_parent: Hashable | None) -> bool:
    """Whether making `new_parent` the manager of `key` closes a loop of reporting lines."""
    if new_parent is None:
        return False
    return new_parent == key or new_parent in descendants(parent_of, key)


def _tree_parents(nodes: list[OrgNode], by_key: dict) -> tuple[dict[Hashable, Hashable | None], set[Hashable]]:
    """Each node's manager as drawn: links to unknown people are dropped, and every cycle is
    cut at the first of its members met in input order."""
    position = {node.key: index for index, node in enumerate(nodes)}
    parent_of = {node.key: node.parent if node.parent in by_key else None for node in nodes}
    cut: set[Hashable] = set()
    state: dict[Hashable, int] = {}  # 1: on the current walk up, 2: known to reach a root
    for node in nodes:
        walk: list[Hashable] = []
        key: Hashable | None = node.key
        while key is not None and state.get(key) is None:
            state[key] = 1
            walk.append(key)
            key = parent_of[key]
        if key is not None and state[key] == 1:  # the walk came back to itself: a cycle
            member = min(walk[walk.index(key) :], key=position.__getitem__)
            parent_of[member] = None
            cut.add(member)
        for key in walk:
            state[key] = 2
    return parent_of, cut


def _preorder(roots: list[Hashable], children: dict[Hashable, list[Hashable]]) -> list[Hashable]:
    order: list[Hashable] = []
    stack = list(reversed(roots))
    while stack:  # iterative: a long chain of reports must not hit the recursion limit
        key = stack.pop()
        order.append(key)
        stack.extend(reversed(children[key]))
    return order


def _children_width(kids: list[Hashable], width: dict[Hashable, float], s: Spacing) -> float:
    return sum(width[child] for child in kids) + s.h_gap * (len(kids) - 1)


def _measure(
    order: list[Hashable], children: dict[Hashable, list[Hashable]], stacked: set[Hashable], s: Spacing
) -> tuple[dict[Hashable, float], dict[Hashable, float], dict[Hashable, float]]:
    """Each subtree's width and height, and where its root's centre sits from its left edge."""
    width: dict[Hashable, float] = {}
    height: dict[Hashable, float] = {}
    centre: dict[Hashable, float] = {}
    for key in reversed(order):  # children before their parents
        kids = children[key]
        if not kids:
            width[key], height[key], centre[key] = s.box_width, s.box_height, s.box_width / 2
        elif key in stacked:
            rows = (len(kids) + 1) // 2
            width[key] = 2 * s.box_width + s.h_gap
            height[key] = s.box_height + s.v_gap + rows * s.box_height + (rows - 1) * s.row_gap
            centre[key] = width[key] / 2
        else:
            row = _children_width(kids, width, s)
            width[key] = max(s.box_width, row)
            height[key] = s.box_height + s.v_gap + max(height[child] for child in kids)
            offset = (width[key] - row) / 2
            first_left = offset
            last_left = offset + row - width[kids[-1]]
            centre[key] = (first_left + centre[kids[0]] + last_left + centre[kids[-1]]) / 2
    return width, height, centre
