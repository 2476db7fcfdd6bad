"""The org chart layout: plain geometry, no database."""

from itertools import combinations

from accounts.orgchart import OrgNode, Spacing, creates_cycle, descendants, layout

S = Spacing()


def boxes_by_key(chart):
    return {box.key: box for box in chart.boxes}


def overlaps(a, b) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def assert_no_overlap(chart):
    for a, b in combinations(chart.boxes, 2):
        assert not overlaps(a, b), (a.key, b.key)


def assert_inside(chart):
    for box in chart.boxes:
        assert box.x >= 0 and box.right <= chart.width
        assert box.y >= 0 and box.bottom <= chart.height


def test_no_people_make_an_empty_chart():
    chart = layout([])
    assert not chart
    assert chart.boxes == () and chart.edges == ()


def test_one_person_is_one_box_with_no_lines():
    chart = layout([OrgNode("ceo")], min_width=0)
    (box,) = chart.boxes
    assert (box.width, box.height) == (S.box_width, S.box_height)
    assert chart.edges == ()
    assert chart.width == S.box_width + 2 * S.margin


def test_manager_is_centred_above_their_reports():
    chart = layout(
        [OrgNode("ceo"), OrgNode("cfo", "ceo"), OrgNode("coo", "ceo"), OrgNode("cto", "ceo")],
        stack_leaves_from=None,
    )
    boxes = boxes_by_key(chart)
    assert boxes["ceo"].cx == (boxes["cfo"].cx + boxes["cto"].cx) / 2
    assert boxes["ceo"].cx == boxes["coo"].cx
    for report in ("cfo", "coo", "cto"):
        assert boxes[report].y >= boxes["ceo"].bottom + S.v_gap
        assert boxes[report].depth == 1
    assert_no_overlap(chart)


def test_every_manager_is_centred_in_an_uneven_three_level_tree():
    nodes = [
        OrgNode("ceo"),
        OrgNode("sales", "ceo"),
        OrgNode("ops", "ceo"),
        OrgNode("buyer1", "sales"),
        OrgNode("buyer2", "sales"),
        OrgNode("buyer3", "sales"),
        OrgNode("warehouse", "ops"),
        OrgNode("picker", "warehouse"),
        OrgNode("loader", "warehouse"),
    ]
    chart = layout(nodes, stack_leaves_from=None)
    boxes = boxes_by_key(chart)
    children = {}
    for node in nodes:
        if node.parent:
            children.setdefault(node.parent, []).append(node.key)
    for manager, kids in children.items():
        xs = sorted(boxes[kid].cx for kid in kids)
        assert boxes[manager].cx == (xs[0] + xs[-1]) / 2
    assert {boxes[k].depth for k in ("picker", "loader")} == {3}
    assert_no_overlap(chart)
    assert_inside(chart)


def test_siblings_keep_input_order_left_to_right_with_a_gap():
    chart = layout([OrgNode("boss"), *(OrgNode(n, "boss") for n in "abc")], stack_leaves_from=None)
    boxes = boxes_by_key(chart)
    assert boxes["a"].right + S.h_gap <= boxes["b"].x
    assert boxes["b"].right + S.h_gap <= boxes["c"].x


def test_cousins_do_not_overlap_when_subtrees_are_wide():
    nodes = [OrgNode("top"), OrgNode("left", "top"), OrgNode("right", "top")]
    nodes += [OrgNode(f"l{i}", "left") for i in range(3)] + [OrgNode(f"r{i}", "right") for i in range(3)]
    chart = layout(nodes, stack_leaves_from=None)
    assert_no_overlap(chart)
    boxes = boxes_by_key(chart)
    assert max(boxes[f"l{i}"].right for i in range(3)) < min(boxes[f"r{i}"].x for i in range(3))


def test_several_roots_stand_side_by_side():
    chart = layout([OrgNode("a"), OrgNode("b"), OrgNode("b1", "b"), OrgNode("c")], min_width=0)
    boxes = boxes_by_key(chart)
    roots = [box for box in chart.boxes if box.depth == 0]
    assert {box.key for box in roots} == {"a", "b", "c"}
    assert len({box.y for box in roots}) == 1
    # The person with reports comes first; the people standing alone follow.
    assert boxes["b"].x < boxes["a"].x < boxes["c"].x
    assert_no_overlap(chart)


def test_many_roots_wrap_onto_rows_within_the_maximum_width():
    chart = layout([OrgNode(n) for n in range(12)], max_width=1000)
    assert chart.width <= 1000
    assert len({box.y for box in chart.boxes}) > 1
    assert_no_overlap(chart)
    assert_inside(chart)


def test_chart_is_at_least_the_minimum_width_with_people_centred():
    chart = layout([OrgNode("only")], min_width=900)
    assert chart.width == 900
    (box,) = chart.boxes
    assert box.cx == 450


def test_many_reports_without_reports_stack_in_two_columns_under_their_manager():
    chart = layout([OrgNode("boss"), *(OrgNode(n, "boss") for n in range(6))], stack_leaves_from=4)
    boxes = boxes_by_key(chart)
    boss = boxes["boss"]
    reports = [boxes[n] for n in range(6)]
    assert len({box.x for box in reports}) == 2
    assert len({box.y for box in reports}) == 3
    left = [box for box in reports if box.cx < boss.cx]
    right = [box for box in reports if box.cx > boss.cx]
    assert len(left) == len(right) == 3
    assert boss.cx - left[0].right == right[0].x - boss.cx  # the manager is centred over both columns
    assert_no_overlap(chart)
    # Each line runs down from the manager, then across to the near side of the box.
    for edge in chart.edges:
        start, *_, end = edge.points
        assert start.x == boss.cx and start.y == boss.bottom
        assert end.x in {boxes[edge.child].x, boxes[edge.child].right}


def test_edges_join_the_bottom_of_the_manager_to_the_top_of_the_report():
    chart = layout([OrgNode("m"), OrgNode("r", "m")])
    boxes = boxes_by_key(chart)
    (edge,) = chart.edges
    assert (edge.parent, edge.child) == ("m", "r")
    assert (edge.points[0].x, edge.points[0].y) == (boxes["m"].cx, boxes["m"].bottom)
    assert (edge.points[-1].x, edge.points[-1].y) == (boxes["r"].cx, boxes["r"].y)


def test_a_cycle_is_cut_and_everyone_is_still_drawn():
    nodes = [OrgNode("a", "c"), OrgNode("b", "a"), OrgNode("c", "b"), OrgNode("d", "b")]
    chart = layout(nodes)
    boxes = boxes_by_key(chart)
    assert set(boxes) == {"a", "b", "c", "d"}
    assert chart.cut == {"a"}
    assert boxes["a"].parent is None and boxes["a"].depth == 0
    assert [(e.parent, e.child) for e in chart.edges] == [("a", "b"), ("b", "c"), ("b", "d")]
    assert_no_overlap(chart)


def test_a_person_reporting_to_themselves_is_a_root():
    chart = layout([OrgNode("a", "a"), OrgNode("b", "a")])
    boxes = boxes_by_key(chart)
    assert boxes["a"].parent is None
    assert chart.cut == {"a"}
    assert [(e.parent, e.child) for e in chart.edges] == [("a", "b")]


def test_a_manager_outside_the_chart_is_ignored():
    chart = layout([OrgNode("a", "someone at another client")])
    assert chart.boxes[0].parent is None
    assert chart.edges == ()


def test_a_long_chain_does_not_hit_the_recursion_limit():
    chain = [OrgNode(0)] + [OrgNode(n, n - 1) for n in range(1, 3000)]
    chart = layout(chain)
    assert len(chart.boxes) == 3000
    assert max(box.depth for box in chart.boxes) == 2999


def test_descendants_and_cycles():
    parent_of = {"ceo": None, "cfo": "ceo", "accountant": "cfo", "cto": "ceo"}
    assert descendants(parent_of, "cfo") == {"accountant"}
    assert descendants(parent_of, "ceo") == {"cfo", "accountant", "cto"}
    assert creates_cycle(parent_of, "cfo", "accountant")
    assert creates_cycle(parent_of, "cfo", "cfo")
    assert not creates_cycle(parent_of, "cfo", "cto")
    assert not creates_cycle(parent_of, "cfo", None)
    assert descendants({"a": "b", "b": "a"}, "a") == {"b"}
