"""Names beside a scatter's points: each on a free side of its point, none covering another
name, a point or a quadrant's title, all inside the plot; left out when no side is free."""

from defusedxml import ElementTree

from analysis import charts
from analysis.charts.labels import Box, Label, place_labels, text_box

SVG = "{http://www.w3.org/2000/svg}"
PLOT = Box(0, 0, 400, 300)


def boxes(points, labels):
    return [
        text_box(label.x, label.y, label.anchor, name)
        for (_x, _y, name), label in zip(points, labels, strict=True)
        if label is not None
    ]


def dots(points, radius=6):
    return [Box(x - radius, y - radius, x + radius, y + radius) for x, y, _name in points]


def clear(points, labels, obstacles=()) -> bool:
    placed = boxes(points, labels)
    apart = all(not a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    off_dots = all(not box.overlaps(dot) for box in placed for dot in dots(points))
    off_obstacles = all(not box.overlaps(other) for box in placed for other in obstacles)
    inside = all(box.within(PLOT) for box in placed)
    return apart and off_dots and off_obstacles and inside


def test_a_lone_point_is_named_to_its_right_a_little_up():
    assert place_labels([(100, 100, "Volga")], plot=PLOT, radius=6) == [Label(108, 93, "start")]


def test_two_points_side_by_side_are_both_named_without_overlap():
    points = [(100, 100, "Северсталь"), (120, 100, "Ozero Commerce")]
    labels = place_labels(points, plot=PLOT, radius=6)
    assert None not in labels
    assert clear(points, labels)


def test_near_the_right_edge_the_name_goes_to_the_left():
    [label] = place_labels([(390, 100, "Meridian Packaging")], plot=PLOT, radius=6)
    assert label.anchor == "end" and label.x < 390


def test_a_crowd_keeps_the_names_that_fit_and_leaves_out_the_rest():
    points = [(200, 150, f"Client {n}") for n in range(12)]
    labels = place_labels(points, plot=PLOT, radius=6)
    named = [label for label in labels if label is not None]
    assert 0 < len(named) < len(points)
    assert clear(points, labels)


def test_a_quadrants_title_is_kept_clear():
    title = text_box(10, 20, "start", "Strategic partners", char_width=8)
    points = [(20, 30, "Northern Lights Retail")]
    labels = place_labels(points, plot=PLOT, radius=6, obstacles=[title])
    assert labels[0] is not None
    assert clear(points, labels, obstacles=[title])


def test_the_matrix_draws_the_names_apart():
    # Eight accounts in two tight clusters, as on the demo's matrix.
    points = [
        charts.ScatterPoint(x=9.0 + 0.1 * (n % 4), y=5.5 - 0.1 * (n // 4), label=f"Account number {n}")
        for n in range(8)
    ]
    svg = charts.scatter(
        points=points,
        title="Matrix",
        x_label="Competitiveness",
        y_label="Sales interest",
        quadrants=[charts.QuadrantLabel("Partners", "Invest", True, True)],
    )
    root = ElementTree.fromstring(str(svg))
    names = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Account number")]
    assert names
    placed = [text_box(float(t.get("x")), float(t.get("y")), t.get("text-anchor"), t.text) for t in names]
    assert all(not a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    # Every account is still named in its tooltip.
    assert len([t for t in root.iter(f"{SVG}title") if (t.text or "").startswith("Account number")]) == 8
