"""The SVG of the chart module: it parses, points land where the data says, labels are escaped,
and nothing in it would be refused by the Content-Security-Policy."""

import datetime
import math

import pytest
from defusedxml import ElementTree

from analysis import charts
from analysis.charts.geometry import LinearScale, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str):
    return ElementTree.fromstring(str(markup))


def no_styles_or_scripts(root) -> bool:
    return not any(
        el.tag in {f"{SVG}style", f"{SVG}script"} or "style" in el.attrib or any(a.startswith("on") for a in el.attrib)
        for el in root.iter()
    )


def test_scale_maps_the_ends_and_the_middle():
    scale = LinearScale(1, 10, 50, 950)
    assert (scale(1), scale(10), scale(5.5)) == (50, 950, 500)
    flipped = LinearScale(0, 100, 400, 0)
    assert flipped(25) == 300


def test_nice_ticks_cover_the_range():
    assert nice_ticks(0, 9_300_000, count=4) == [0, 2_500_000, 5_000_000, 7_500_000, 10_000_000]
    assert nice_ticks(1, 10, count=9)[0] == 1


def scatter(**overrides):
    options = {
        "points": [
            charts.ScatterPoint(x=1, y=1, label="Low"),
            charts.ScatterPoint(x=10, y=10, label="High", href="/accounts/1/scores/", previous=(5.5, 5.5)),
        ],
        "title": "Matrix",
        "x_label": "Competitiveness",
        "y_label": "Sales interest",
        "quadrants": [
            charts.QuadrantLabel("Partners", "Invest", True, True),
            charts.QuadrantLabel("Develop", "Develop the client", False, True),
            charts.QuadrantLabel("Defend", "Defend and grow", True, False),
            charts.QuadrantLabel("Serve", "Serve efficiently", False, False),
        ],
        "width": 720,
        "height": 540,
    }
    options.update(overrides)
    return charts.scatter(**options)


def test_scatter_places_points_at_their_values():
    root = parse(scatter())
    circles = root.findall(f".//{SVG}g[@class='chart-points']//{SVG}circle")
    margins = charts.Margins()
    # (1, 1) at the bottom-left corner of the plot, (10, 10) at the top-right.
    assert (float(circles[0].get("cx")), float(circles[0].get("cy"))) == (margins.left, 540 - margins.bottom)
    assert (float(circles[1].get("cx")), float(circles[1].get("cy"))) == (720 - margins.right, margins.top)


def test_scatter_draws_an_arrow_from_the_previous_position():
    root = parse(scatter())
    group = root.find(f".//{SVG}g[@class='chart-arrows']")
    arrows = group.findall(f"{SVG}line")
    assert len(arrows) == 1  # the point without a previous position has none
    middle_x = (charts.Margins.left + 720 - charts.Margins.right) / 2
    assert float(arrows[0].get("x1")) == middle_x
    assert float(arrows[0].get("y1")) == (charts.Margins.top + 540 - charts.Margins.bottom) / 2
    # It ends at the rim of the point (radius + 1.5), on the line towards its centre.
    end = (float(arrows[0].get("x2")), float(arrows[0].get("y2")))
    centre = (720 - charts.Margins.right, charts.Margins.top)
    assert math.dist(end, centre) == pytest.approx(charts.POINT_RADIUS + 1.5, abs=0.2)
    assert end[0] < centre[0] and end[1] > centre[1]
    assert group.get("marker-end") == "url(#scatter-arrow)"  # inherited by every arrow


def test_scatter_splits_the_plot_into_four_named_quadrants():
    root = parse(scatter())
    areas = root.findall(f".//{SVG}g[@class='chart-areas']/{SVG}rect")
    assert len(areas) == 4
    names = root.findall(f".//{SVG}g[@class='chart-area-names']/{SVG}g")
    assert [n.find(f"{SVG}text").text for n in names] == ["Partners", "Develop", "Defend", "Serve"]
    texts = [t.text for t in root.findall(f".//{SVG}g[@class='chart-area-names']//{SVG}text")]
    assert {"Partners", "Develop", "Defend", "Serve", "Invest"} <= set(texts)
    partner = areas[0]
    assert float(partner.get("x")) == (charts.Margins.left + 720 - charts.Margins.right) / 2
    # Each name sits in the top-left corner of its area, drawn after the points so they cannot hide it.
    assert float(names[0].find(f"{SVG}text").get("x")) == float(partner.get("x")) + 8
    children = [child.get("class") for child in root]
    assert children.index("chart-area-names") > children.index("chart-points")


def test_scatter_points_link_to_their_page():
    root = parse(scatter())
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/accounts/1/scores/"]


def test_scatter_point_links_are_named_by_their_title():
    root = parse(scatter(points=[charts.ScatterPoint(x=5, y=5, label="Volga", href="/a/", detail="7.5 and 6")]))
    link = root.find(f".//{SVG}a")
    assert [child.tag for child in link] == [f"{SVG}title", f"{SVG}circle", f"{SVG}text"]
    assert link.find(f"{SVG}title").text == "Volga — 7.5 and 6"


def test_labels_are_escaped():
    nasty = '<script>alert("x")</script> & Co'
    point = charts.ScatterPoint(x=5, y=5, label=nasty, href='/a/?x="1"&y=<2>', detail=nasty)
    markup = scatter(points=[point], title=nasty)
    assert "<script>" not in markup
    root = parse(markup)  # still well-formed XML
    assert root.find(f"{SVG}title").text == nasty
    link = root.find(f".//{SVG}a")
    assert link.get("href") == '/a/?x="1"&y=<2>'
    assert link.find(f"{SVG}title").text == f"{nasty} — {nasty}"
    assert link.find(f"{SVG}text").text == nasty[:23] + "…"
    assert no_styles_or_scripts(root)


def test_many_points_are_drawn_without_names():
    points = [charts.ScatterPoint(x=1 + i % 10, y=1 + i % 7, label=f"Client {i}") for i in range(100)]
    root = parse(scatter(points=points))
    assert len(root.findall(f".//{SVG}circle")) == 100
    assert not [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Client")]
    # Each is still named, in its tooltip.
    assert len([t for t in root.iter(f"{SVG}title") if (t.text or "").startswith("Client")]) == 100


def test_a_point_costs_little_markup():
    """The matrix of a whole company is thousands of points: each is one short element."""
    points = [
        charts.ScatterPoint(x=1 + i % 10, y=1 + i % 7, label=f"Client {i:04d}", href=f"/accounts/{i}/scores/")
        for i in range(2000)
    ]
    with_none = len(scatter(points=[]))
    per_point = (len(scatter(points=points)) - with_none) / 2000
    assert per_point < 120


def test_line_places_dates_by_their_distance_in_time():
    series = [
        charts.Series(
            "Competitiveness",
            [(datetime.date(2024, 1, 1), 4.0), (datetime.date(2024, 1, 11), 6.0), (datetime.date(2024, 1, 31), 8.0)],
        ),
    ]
    root = parse(charts.line(series=series, title="Trend", y_lo=1, y_hi=10, width=640, height=260))
    xs = [float(c.get("cx")) for c in root.iter(f"{SVG}circle")]
    # 10 days then 20 days: the second gap is twice the first.
    assert round((xs[2] - xs[1]) / (xs[1] - xs[0]), 2) == 2.0
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]  # higher scores are drawn higher up
    assert root.find(f".//{SVG}polyline") is not None
    assert no_styles_or_scripts(root)


def test_line_with_one_point_draws_a_dot_and_no_line():
    series = [charts.Series("Only", [(datetime.date(2024, 1, 1), 5.0)])]
    root = parse(charts.line(series=series, title="Trend", y_lo=1, y_hi=10))
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert root.find(f".//{SVG}polyline") is None


def test_bar_heights_are_proportional_to_the_values():
    root = parse(charts.bar(bars=[charts.Bar("2023", 2_000_000), charts.Bar("2024", 4_000_000, "4M")], title="T"))
    rects = root.findall(f".//{SVG}g[@class='chart-bars']/{SVG}rect")
    heights = [float(r.get("height")) for r in rects]
    assert heights[1] == 2 * heights[0]
    # Bars stand on the same baseline.
    assert float(rects[0].get("y")) + heights[0] == float(rects[1].get("y")) + heights[1]
    assert "4M" in [t.text for t in root.iter(f"{SVG}text")]


def test_compact_numbers():
    assert [charts.compact(v) for v in (12, 250_000, 1_500_000)] == ["12", "250k", "1.5M"]
