"""A plan's actual revenue year to date against its staged targets, and the plan page's section."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from planning.models import SalesPlan, SalesPlanLine
from planning.selectors.plan_actuals import (
    actual_by_product,
    months_elapsed,
    plan_actuals,
    regional_actual_by_group,
    sales_through,
)
from planning.selectors.plans import line_list_for_plan, plan_totals, plan_totals_of_lines
from planning.summary import rebuild_sales_summary
from planning.tests.factories import ProductFactory, ProductGroupFactory, SalesRecordFactory

D = Decimal
APRIL = datetime.datetime(2026, 4, 15, 12, 0, tzinfo=datetime.UTC)  # first month of Q2
JUNE = datetime.datetime(2026, 6, 30, 12, 0, tzinfo=datetime.UTC)  # last month of Q2


@pytest.fixture
def catalogue(db):
    fasteners = ProductGroupFactory(name="Fasteners", code="fasteners", position=1)
    tools = ProductGroupFactory(name="Tools", code="tools", position=2)
    return {
        "fasteners": fasteners,
        "tools": tools,
        "bolt": ProductFactory(code="B1", group=fasteners),
        "nut": ProductFactory(code="N1", group=fasteners),
        "drill": ProductFactory(code="D1", group=tools),
    }


def sale(account, product, month, revenue, year=2026):
    return SalesRecordFactory(account=account, product=product, month=datetime.date(year, month, 1), revenue=D(revenue))


def add_line(plan, target, *, group=None, product=None):
    quarter = D(target) / 4
    return SalesPlanLine.objects.create(
        plan=plan,
        group=group,
        product=product,
        target_revenue=D(target),
        q1_revenue=quarter,
        q2_revenue=quarter,
        q3_revenue=quarter,
        q4_revenue=quarter,
    )


@pytest.fixture
def plan(account, owner, catalogue):
    """2026: Fasteners 1200 (300 a quarter) and the drill alone 2400 (600 a quarter)."""
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    add_line(plan, "2400", product=catalogue["drill"])
    return plan


@pytest.fixture
def sales(account, catalogue, region, other_region):
    c = catalogue
    sale(account, c["bolt"], 1, "100")
    sale(account, c["nut"], 2, "50")
    sale(account, c["bolt"], 4, "150")
    sale(account, c["drill"], 3, "1000")
    sale(account, c["bolt"], 5, "900")  # after April: counted from May on
    # Never in this account's figures: another year, another account.
    sale(account, c["bolt"], 1, "777", year=2025)
    sale(account, c["bolt"], 1, "555", year=2027)
    sale(AccountFactory(region=other_region), c["bolt"], 1, "999")
    return AccountFactory(region=region)


def actuals_of(plan, today):
    lines = line_list_for_plan(plan=plan)
    return plan_actuals(plan=plan, lines=lines, totals=plan_totals(plan=plan), today=today)


def by_name(actuals):
    return {str(line.group or line.product.code): pva for line, pva in actuals.lines}


# Months elapsed: up to the latest month with actuals ---------------------------------------


@pytest.mark.parametrize(
    ("through", "expected"),
    [
        (None, 0),
        (datetime.date(2025, 12, 1), 0),
        (datetime.date(2026, 1, 1), 1),
        (datetime.date(2026, 10, 1), 10),
        (datetime.date(2027, 1, 1), 12),
    ],
    ids=["no sales at all", "data not in the year yet", "January", "October", "data past the year"],
)
def test_months_elapsed_run_to_the_month_the_data_covers(through, expected):
    assert months_elapsed(year=2026, through=through) == expected


def test_the_data_runs_through_the_latest_month_of_any_product_not_after_today(account, catalogue):
    sale(account, catalogue["bolt"], 2, "10")
    sale(AccountFactory(), catalogue["drill"], 3, "10")
    sale(account, catalogue["nut"], 5, "10")  # dated after today: not counted
    assert sales_through(today=datetime.date(2026, 4, 15)) == datetime.date(2026, 3, 1)
    assert sales_through(today=datetime.date(2026, 5, 1)) == datetime.date(2026, 5, 1)


def test_no_sales_at_all_means_no_month(db):
    assert sales_through(today=datetime.date(2026, 4, 15)) is None


def test_a_sale_in_the_current_month_counts_the_current_month(account, owner, catalogue):
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    sale(account, catalogue["bolt"], 1, "100")
    sale(account, catalogue["nut"], 4, "100")
    actuals = actuals_of(plan, datetime.date(2026, 4, 1))
    assert (actuals.months, actuals.through) == (4, datetime.date(2026, 4, 1))


def test_without_sales_this_month_the_months_end_with_last_month(account, owner, catalogue):
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    sale(account, catalogue["bolt"], 3, "300")
    sale(account, catalogue["bolt"], 4, "300")
    # 10 May: May's sales are not imported yet, so May is not a month of zero sales.
    actuals = actuals_of(plan, datetime.date(2026, 5, 10))
    fasteners = by_name(actuals)["Fasteners"]
    assert (actuals.months, actuals.through) == (4, datetime.date(2026, 4, 1))
    assert fasteners.ytd_target == D("400.00")  # 300 + ⅓ × 300, not 300 + ⅔ × 300
    assert fasteners.forecast == D("1800.00")  # 600 / 4 × 12, not 600 / 5 × 12 = 1440


def test_a_month_without_sales_before_the_latest_still_counts(account, owner, catalogue):
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    sale(account, catalogue["bolt"], 1, "100")
    sale(account, catalogue["drill"], 3, "50")  # another product's sale still dates the actuals
    actuals = actuals_of(plan, datetime.date(2026, 6, 20))
    assert (actuals.months, actuals.through) == (3, datetime.date(2026, 3, 1))
    assert by_name(actuals)["Fasteners"].forecast == D("400.00")  # 100 / 3 × 12: February counts as sold nothing


def test_sales_dated_after_today_do_not_count(plan, sales):
    # The fixture has a May sale; on 15 April the actuals run through April.
    actuals = actuals_of(plan, datetime.date(2026, 4, 15))
    assert actuals.through == datetime.date(2026, 4, 1)


def test_an_account_that_bought_nothing_this_year_shows_its_empty_months(account, owner, catalogue, sales):
    # The neighbours have sales through April; this account has none: four months of zero.
    plan = SalesPlan.objects.create(year=2026, account=AccountFactory(region=account.region), author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    actuals = actuals_of(plan, datetime.date(2026, 4, 15))
    assert (actuals.months, actuals.through, actuals.started) == (4, datetime.date(2026, 4, 1), True)
    assert actuals.total.forecast == D("0") and actuals.total.misses is True


def test_a_year_the_data_has_not_reached_has_no_months(account, owner, catalogue):
    sale(account, catalogue["bolt"], 12, "10", year=2025)
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "1200", group=catalogue["fasteners"])
    actuals = actuals_of(plan, datetime.date(2026, 1, 20))
    assert (actuals.months, actuals.through, actuals.started) == (0, None, False)
    assert actuals.total.forecast is None and actuals.total.misses is False


def test_a_regional_plans_months_follow_the_company_data(director, region, other_region, catalogue, sales):
    plan = SalesPlan.objects.create(year=2026, region=region, author=director)
    add_line(plan, "1200", group=catalogue["fasteners"])
    # The other region's June sale shows June is imported: June counts here too, as zero.
    sale(AccountFactory(region=other_region), catalogue["bolt"], 6, "10")
    assert actuals_of(plan, datetime.date(2026, 6, 15)).months == 6


# The figures -------------------------------------------------------------------------------


def test_in_the_first_month_of_a_quarter_a_third_of_it_is_due(plan, sales):
    actuals = actuals_of(plan, datetime.date(2026, 4, 15))
    lines = by_name(actuals)
    assert actuals.months == 4
    # Fasteners: bolt 100 + nut 50 + bolt 150 (May's 900 not yet); due 300 + ⅓ × 300 = 400.
    fasteners = lines["Fasteners"]
    assert fasteners.ytd_actual == D("300.00")
    assert fasteners.ytd_target == D("400.00")
    assert fasteners.ytd_percent == D("75.0")
    assert fasteners.forecast == D("900.00")  # 300 / 4 × 12
    assert fasteners.forecast_gap == D("-300.00")
    assert fasteners.misses is True
    # The drill: 1000 sold; due 600 + 200 = 800; 1000 / 4 × 12 = 3000 ≥ 2400.
    drill = lines["D1"]
    assert (drill.ytd_actual, drill.ytd_target, drill.ytd_percent) == (D("1000.00"), D("800.00"), D("125.0"))
    assert drill.forecast == D("3000.00") and drill.misses is False
    # Total: 3600 (900 a quarter), due 1200, sold 1300, forecast 3900.
    total = actuals.total
    assert (total.target, total.ytd_target, total.ytd_actual) == (D("3600.00"), D("1200.00"), D("1300.00"))
    assert total.ytd_percent == D("108.3")
    assert total.forecast == D("3900.00") and total.misses is False


def test_in_the_last_month_of_a_quarter_the_whole_quarter_is_due(time_machine, account, catalogue, plan, sales):
    time_machine.move_to(JUNE, tick=False)
    sale(account, catalogue["drill"], 6, "100")  # June's sales are in
    actuals = actuals_of(plan, datetime.date(2026, 6, 30))
    fasteners = by_name(actuals)["Fasteners"]
    # 100 + 50 + 150 + 900 = 1200 against 300 + 300 due; 1200 / 6 × 12 = 2400.
    assert actuals.months == 6
    assert (fasteners.ytd_actual, fasteners.ytd_target, fasteners.ytd_percent) == (
        D("1200.00"),
        D("600.00"),
        D("200.0"),
    )
    assert fasteners.forecast == D("2400.00") and fasteners.misses is False


def test_a_product_line_counts_only_that_product(account, owner, catalogue, sales):
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    add_line(plan, "400", product=catalogue["bolt"])
    bolt = by_name(actuals_of(plan, datetime.date(2026, 4, 15)))["B1"]
    assert bolt.ytd_actual == D("250.00")  # January 100 + April 150, not the nut's 50
    assert bolt.forecast == D("750.00")


def test_a_regional_plan_sums_the_regions_accounts(director, region, account, catalogue, sales):
    neighbour = sales
    sale(neighbour, catalogue["nut"], 2, "200")
    sale(AccountFactory(region=region), catalogue["bolt"], 3, "70")
    plan = SalesPlan.objects.create(year=2026, region=region, author=director)
    add_line(plan, "2400", group=catalogue["fasteners"])
    # A region's group lines read the yearly summary, refreshed after every import.
    rebuild_sales_summary()
    actuals = actuals_of(plan, datetime.date(2026, 4, 15))
    fasteners = by_name(actuals)["Fasteners"]
    # The account's 300 + the neighbour's 200 + a third account's 70; not the other region's 999.
    assert fasteners.ytd_actual == D("570.00")
    assert fasteners.ytd_target == D("800.00")  # 600 + ⅓ × 600
    assert fasteners.forecast == D("1710.00")  # 570 / 4 × 12
    assert fasteners.misses is True
    assert actuals.total.ytd_actual == D("570.00")


def test_a_regional_plans_group_lines_match_the_records_and_product_lines_read_them(
    django_assert_num_queries, director, region, account, catalogue, sales
):
    sale(sales, catalogue["nut"], 2, "200")
    sale(sales, catalogue["drill"], 4, "40")
    plan = SalesPlan.objects.create(year=2026, region=region, author=director)
    add_line(plan, "2400", group=catalogue["fasteners"])
    add_line(plan, "1200", product=catalogue["drill"])
    rebuild_sales_summary()
    today = datetime.date(2026, 4, 15)
    # What the summary gives a group is what the region's records of its products add up to.
    records = {}
    for row in actual_by_product(plan=plan, months=4):
        records[row["group_id"]] = records.get(row["group_id"], D(0)) + row["revenue"]
    assert regional_actual_by_group(plan=plan, months=4) == records
    lines, totals = line_list_for_plan(plan=plan), plan_totals(plan=plan)
    # The company's months, the summary's groups, the records of the product lines' products.
    with django_assert_num_queries(3):
        actuals = plan_actuals(plan=plan, lines=lines, totals=totals, today=today)
    figures = by_name(actuals)
    assert figures["Fasteners"].ytd_actual == D("500.00")  # the account's 300 + the neighbour's 200
    assert figures["D1"].ytd_actual == D("1040.00")  # March's 1000 + April's 40
    assert actuals.total.ytd_actual == D("1540.00")


def test_a_past_years_plan_is_compared_with_the_whole_year(account, owner, catalogue, sales):
    plan = SalesPlan.objects.create(year=2025, account=account, author=owner)
    add_line(plan, "1000", group=catalogue["fasteners"])
    sale(account, catalogue["drill"], 12, "10", year=2025)  # December's sales are in
    actuals = actuals_of(plan, datetime.date(2026, 4, 15))
    fasteners = by_name(actuals)["Fasteners"]
    assert actuals.months == 12
    assert (fasteners.ytd_target, fasteners.ytd_actual, fasteners.forecast) == (D("1000.00"), D("777.00"), D("777.00"))
    assert fasteners.misses is True


def test_a_future_plan_has_no_actuals_and_costs_no_query(django_assert_num_queries, account, owner, catalogue, sales):
    plan = SalesPlan.objects.create(year=2027, account=account, author=owner)
    add_line(plan, "1000", group=catalogue["fasteners"])
    lines, totals = line_list_for_plan(plan=plan), plan_totals(plan=plan)
    with django_assert_num_queries(0):
        actuals = plan_actuals(plan=plan, lines=lines, totals=totals, today=datetime.date(2026, 4, 15))
    assert actuals.started is False
    assert actuals.total.ytd_actual == D("0") and actuals.total.forecast is None
    assert by_name(actuals)["Fasteners"].misses is False


def test_the_pages_totals_added_from_the_lines_are_the_summed_ones(django_assert_num_queries, owner, account, plan):
    lines = line_list_for_plan(plan=plan)
    with django_assert_num_queries(0):
        added = plan_totals_of_lines(lines)
    assert added == plan_totals(plan=plan)
    assert added["target_revenue"] == D("3600.00")
    empty = SalesPlan.objects.create(year=2027, account=account, author=owner)
    assert plan_totals_of_lines(line_list_for_plan(plan=empty)) == plan_totals(plan=empty)


def test_actuals_cost_two_queries(django_assert_num_queries, plan, sales):
    lines, totals = line_list_for_plan(plan=plan), plan_totals(plan=plan)
    with django_assert_num_queries(2):
        plan_actuals(plan=plan, lines=lines, totals=totals, today=datetime.date(2026, 4, 15))


# The plan page -----------------------------------------------------------------------------


@pytest.fixture
def april(time_machine):
    time_machine.move_to(APRIL, tick=False)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("team_member", 200), ("director", 200), ("admin_user", 200), ("other_kam", 404)],
)
def test_plan_page_shows_plan_vs_actual_to_whoever_sees_the_plan(
    request, client_for, april, plan, sales, persona, expected
):
    response = client_for(request.getfixturevalue(persona)).get(reverse("planning:plan", args=[plan.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert "Plan vs actual" in response.text
        assert response.context["actuals"].months == 4


def test_plan_page_flags_the_line_that_misses_and_explains_the_rule(client_for, april, owner, plan, sales):
    response = client_for(owner).get(reverse("planning:plan", args=[plan.pk]))
    text = response.text
    assert text.count("Misses the target") == 1  # Fasteners only; the drill and the total are on track
    assert text.count("On track") == 2
    assert 'class="table-danger"' in text
    assert "months elapsed × 12" in text
    assert "Actuals through April 2026" in text
    assert "up to the latest month the imported sales cover, company-wide" in text
    assert "75.0 %" in text and "125.0 %" in text


def test_plan_page_of_a_future_year_says_it_has_no_actuals_yet(client_for, april, account, owner, catalogue):
    plan = SalesPlan.objects.create(year=2027, account=account, author=owner)
    add_line(plan, "1000", group=catalogue["fasteners"])
    response = client_for(owner).get(reverse("planning:plan", args=[plan.pk]))
    assert "No actuals for 2027 yet" in response.text
    assert "Misses the target" not in response.text


def _count_queries(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_plan_page_queries_do_not_grow_with_lines_or_sales(
    client_for, django_assert_max_num_queries, april, account, owner, region
):
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner)
    products = [ProductFactory() for _ in range(20)]
    for product in products[:2]:
        add_line(plan, "1200", product=product)
    sale(account, products[0], 1, "10")
    sale(account, products[1], 2, "10")
    client = client_for(owner)
    url = reverse("planning:plan", args=[plan.pk])
    client.get(url)
    few = _count_queries(client, url, django_assert_max_num_queries)
    for product in products[2:]:
        add_line(plan, "1200", product=product)
    for product in products:
        for month in range(1, 6):
            sale(account, product, month + 2, "10")  # March to July
            sale(AccountFactory(region=region), product, month, "10")
    # 200 more records, the account's (May to July not yet counted) and its neighbours'; 18 more lines.
    many = _count_queries(client, url, django_assert_max_num_queries)
    assert many == few
    assert client.get(url).context["actuals"].total.ytd_actual == D("420.00")  # 20 + 20 × 2 × 10


def test_regional_plan_page_queries_do_not_grow_with_accounts_sales(
    client_for, django_assert_max_num_queries, april, director, region, catalogue
):
    plan = SalesPlan.objects.create(year=2026, region=region, author=director)
    add_line(plan, "1200", group=catalogue["fasteners"])
    add_line(plan, "1200", group=catalogue["tools"])
    sale(AccountFactory(region=region), catalogue["bolt"], 1, "10")
    sale(AccountFactory(region=region), catalogue["drill"], 1, "10")
    client = client_for(director)
    url = reverse("planning:plan", args=[plan.pk])
    client.get(url)
    few = _count_queries(client, url, django_assert_max_num_queries)
    for _ in range(50):
        account = AccountFactory(region=region)
        for month in range(1, 5):
            sale(account, catalogue["bolt" if month % 2 else "drill"], month, "1")
    # 2 + 200 records from 52 accounts.
    rebuild_sales_summary()
    assert _count_queries(client, url, django_assert_max_num_queries) == few
    assert client.get(url).context["actuals"].total.ytd_actual == D("220.00")
