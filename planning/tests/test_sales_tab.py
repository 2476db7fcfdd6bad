"""The account's Sales tab: who may see it, the figures against hand-computed values, the
empty state, and a query count that does not grow with the records."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from planning.models import SalesRecord
from planning.selectors.sales import change, last_twelve_months, months_before
from planning.tests.factories import ProductFactory, ProductGroupFactory, SalesRecordFactory

TODAY = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def catalogue(db):
    steel = ProductGroupFactory(name="Steel", code="steel", position=1)
    pipes = ProductGroupFactory(name="Pipes", code="pipes", position=2)
    wire = ProductGroupFactory(name="Wire", code="wire", position=3)
    return {
        "steel": steel,
        "pipes": pipes,
        "wire": wire,
        "a": ProductFactory(code="A1", name="Sheet", group=steel),
        "b": ProductFactory(code="B1", name="Coil", group=steel),
        "c": ProductFactory(code="C1", name="Tube", group=pipes),
    }


def record(account, product, month: str, volume, revenue, margin):
    year, number = map(int, month.split("-"))
    return SalesRecordFactory(
        account=account,
        product=product,
        month=datetime.date(year, number, 1),
        volume=Decimal(volume),
        revenue=Decimal(revenue),
        margin=Decimal(margin),
    )


@pytest.fixture
def sales(account, catalogue):
    """Six records of the account over three years, and one of another account's."""
    a, b, c = catalogue["a"], catalogue["b"], catalogue["c"]
    record(account, a, "2024-03", 10, 1000, 100)
    record(account, a, "2025-03", 12, 1500, 150)
    record(account, c, "2025-09", 5, 2000, 400)
    record(account, a, "2026-02", 8, 1200, 120)
    record(account, b, "2026-03", 4, 600, 60)
    record(account, c, "2026-05", 2, 900, 90)
    record(AccountFactory(), a, "2026-05", 100, 99999, 9999)


def url(account):
    return reverse("planning:sales", args=[account.pk])


# Permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "director", "admin_user"])
def test_who_may_see_the_account_sees_its_sales(request, client_for, account, sales, persona):
    response = client_for(request.getfixturevalue(persona)).get(url(account))
    assert response.status_code == 200
    assert "Revenue by month" in response.content.decode()


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404(request, client_for, account, persona):
    assert client_for(request.getfixturevalue(persona)).get(url(account)).status_code == 404


def test_anonymous_is_sent_to_login(client_for, account):
    response = client_for(None).get(url(account))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_post_to_the_tab_is_405(client_for, owner, account):
    assert client_for(owner).post(url(account)).status_code == 405


def test_the_sales_tab_sits_before_history(client_for, owner, account):
    tabs = [tab["key"] for tab in client_for(owner).get(url(account)).context["tabs"]]
    assert tabs.index("sales") < tabs.index("history") == len(tabs) - 1


# Figures -------------------------------------------------------------------------------


def test_year_totals_and_year_over_year_change(client_for, owner, account, sales):
    overview = client_for(owner).get(url(account)).context["overview"]
    assert overview.years == [2024, 2025, 2026]
    assert overview.through_month == 5  # the last month with sales this year
    columns = {column.year: column for column in overview.year_columns}
    assert columns[2024].totals == {"volume": 10, "revenue": 1000, "margin": 100}
    assert columns[2025].totals == {"volume": 17, "revenue": 3500, "margin": 550}
    assert columns[2024].change is None
    assert columns[2025].change == Decimal("250.0")  # 3500 against 1000
    # January–May 2026 (2700) against January–May 2025 (1500)
    assert columns[2026].to_date["revenue"] == 2700
    assert columns[2026].change == Decimal("80.0")


def test_months_are_laid_out_per_year(client_for, owner, account, sales):
    overview = client_for(owner).get(url(account)).context["overview"]
    march = overview.months[2]
    assert [cell["revenue"] if cell else None for cell in march["cells"]] == [1000, 1500, 600]
    assert overview.months[0]["cells"] == [None, None, None]
    assert overview.months_with_sales == 6


def test_product_group_totals_and_change(client_for, owner, account, sales):
    groups = {g["name"]: g for g in client_for(owner).get(url(account)).context["overview"].groups}
    assert list(groups) == ["Steel", "Pipes"]  # catalogue order; Wire was never bought
    steel, pipes = groups["Steel"], groups["Pipes"]
    assert [y["revenue"] for y in steel["years"]] == [1000, 1500, 1800]
    assert steel["last_year_change"] == Decimal("50.0")
    assert (steel["previous_to_date"], steel["to_date"], steel["change"]) == (1500, 1800, Decimal("20.0"))
    assert [y["volume"] for y in pipes["years"]] == [0, 5, 2]
    assert pipes["change"] is None  # nothing in January–May 2025 to compare with


def test_top_products_of_the_last_12_months(client_for, owner, account, sales):
    top = client_for(owner).get(url(account)).context["overview"].top_products
    assert [(p["product__code"], p["revenue"], p["volume"], p["months"]) for p in top] == [
        ("C1", 2900, 7, 2),
        ("A1", 1200, 8, 1),  # March 2025 is older than 12 months
        ("B1", 600, 4, 1),
    ]


def test_page_shows_amounts_with_the_currency_and_the_charts(client_for, owner, account, sales, settings):
    html = client_for(owner).get(url(account)).content.decode()
    assert "Revenue, RUB" in html
    assert 'id="sales-by-month"' in html
    assert 'id="sales-by-group"' in html
    assert "99999" not in html.replace("\u00a0", "").replace(",", "")  # another account's sale


def test_empty_account_shows_how_to_import(client_for, owner, account):
    response = client_for(owner).get(url(account))
    html = response.content.decode()
    assert response.context["overview"].empty
    assert "No sales recorded for this client yet." in html
    assert "/planning/import/" in html
    assert 'id="sales-by-month"' not in html


def test_change_is_none_without_a_previous_value():
    assert change(Decimal(5), Decimal(0)) is None
    assert change(Decimal(50), Decimal(200)) == Decimal("-75.0")


def test_last_twelve_months_runs_to_this_month():
    assert last_twelve_months(datetime.date(2026, 1, 31)) == (datetime.date(2025, 2, 1), datetime.date(2026, 1, 1))
    assert months_before(datetime.date(2026, 3, 1), 14) == datetime.date(2025, 1, 1)


# Query counts --------------------------------------------------------------------------


def _many_records(account, catalogue, count: int) -> None:
    products = [ProductFactory(group=catalogue["steel"]) for _ in range(count // 20 or 1)]
    rows = []
    for index in range(count):
        month = months_before(datetime.date(2026, 6, 1), index % 30)
        rows.append(
            SalesRecord(
                account=account,
                product=products[index // 30 % len(products)],
                month=month,
                volume=Decimal(1),
                revenue=Decimal(100),
                margin=Decimal(10),
            )
        )
    SalesRecord.objects.bulk_create(rows, ignore_conflicts=True)


@pytest.mark.parametrize("count", [2, 200])
def test_query_count_does_not_grow_with_records(
    client_for, owner, account, catalogue, count, django_assert_max_num_queries
):
    _many_records(account, catalogue, count)
    client = client_for(owner)
    client.get(url(account))  # warm the session and the user
    # The user, the account, the sums per group and month, the top products, the competitors,
    # the catalogue's groups (the whitespace) and the form's two choice lists.
    with django_assert_max_num_queries(8):
        response = client.get(url(account))
    assert response.context["overview"].months_with_sales == min(count, 30)


@pytest.mark.parametrize(("persona", "offered"), [("owner", True), ("team_member", True), ("director", False)])
def test_editors_may_start_a_sales_plan_from_the_tab(request, client_for, account, persona, offered):
    response = client_for(request.getfixturevalue(persona)).get(reverse("planning:sales", args=[account.pk]))
    link = f"{reverse('planning:plan_create')}?account={account.pk}"
    assert (link in response.text) is offered
