"""The horizontal bar chart with a target marker (analysis.charts.target_bars)."""

from defusedxml import ElementTree

from analysis import charts
from analysis.tests.test_charts import SVG, no_styles_or_scripts


def draw(**overrides):
    options = {
        "bars": [
            charts.TargetBar("North", 75, 100, "75", "100", href="/planning/plans/1/"),
            charts.TargetBar("South <b>", 120, 100, "120", "100"),
            charts.TargetBar("West", 50, None, "50"),
        ],
        "title": "Plan vs actual",
        "target_label": "target",
    }
    return ElementTree.fromstring(str(charts.target_bars(**{**options, **overrides})))


def test_each_row_has_a_bar_and_rows_with_a_target_have_a_marker():
    root = draw()
    assert len(root.findall(f".//{SVG}rect")) == 3
    assert len(root.findall(f".//{SVG}line[@class='chart-target']")) == 2
    assert no_styles_or_scripts(root)


def test_bars_short_of_their_target_take_the_warning_colour():
    fills = [rect.get("fill") for rect in draw().iter(f"{SVG}rect")]
    assert fills == [charts.BELOW_TARGET, charts.ON_TARGET, charts.ON_TARGET]


def test_the_marker_lands_at_the_target_and_the_bar_ends_at_the_value():
    root = draw(bars=[charts.TargetBar("A", 50, 100)], width=440, label_width=140)
    rect = root.find(f".//{SVG}rect")
    marker = root.find(f".//{SVG}line[@class='chart-target']")
    start, target_x = float(rect.get("x")), float(marker.get("x1"))
    assert float(rect.get("width")) == (target_x - start) / 2


def test_a_row_with_a_plan_links_to_it_and_labels_are_escaped():
    root = draw()
    links = root.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == ["/planning/plans/1/"]
    assert "South <b>" in "".join(root.itertext())


def test_height_follows_the_rows():
    one = draw(bars=[charts.TargetBar("A", 1, 1)])
    five = draw(bars=[charts.TargetBar(str(n), n, n) for n in range(5)])
    assert float(five.get("viewBox").split()[3]) - float(one.get("viewBox").split()[3]) == 4 * 26


def test_a_long_label_is_cut_to_its_room_and_its_tooltip_keeps_the_whole_name():
    name = "Protective packaging and wraps"
    bars = [charts.TargetBar(name, 50, 100, "50", "100"), charts.TargetBar("Labels and ribbons", 20, 10)]
    root = draw(bars=bars, label_width=130)
    label, short = [text.text for text in root.iter(f"{SVG}text") if text.get("text-anchor") == "end"]
    # About 6.5 px a character at 12 px, in the 122 px left of the bars.
    assert label.endswith("…") and len(label) * 6.5 <= 122
    assert short == "Labels and ribbons"  # 18 characters still fit
    assert any(title.text.startswith(f"{name}: 50") for title in root.iter(f"{SVG}title"))
