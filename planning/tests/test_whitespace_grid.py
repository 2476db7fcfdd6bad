"""The regional whitespace grid: figures against hand-computed values, competitors in empty
cells only, totals and coverage, who sees which accounts, pagination and sorting, and a query
count that does not grow with the accounts or the records."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory, IndustryFactory
from kam.users.models import Role
from kam.users.tests.factories import UserFactory
from planning.models import CompetitorPresence
from planning.selectors.whitespace import (
    _shade,
    grid_accounts_for_user,
    grid_period,
    latest_complete_sales_month,
    whitespace_grid,
)
from planning.tests.factories import CompetitorFactory, ProductFactory, ProductGroupFactory, SalesRecordFactory

TODAY = datetime.date(2026, 6, 15)
URL = reverse("planning:whitespace")


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def groups(db):
    return {
        "steel": ProductGroupFactory(name="Steel", code="steel", position=1),
        "pipes": ProductGroupFactory(name="Pipes", code="pipes", position=2),
        "wire": ProductGroupFactory(name="Wire", code="wire", position=3),
    }


def sale(account, group, month: str, revenue, product=None):
    year, number = map(int, month.split("-"))
    return SalesRecordFactory(
        account=account,
        product=product or ProductFactory(group=group),
        month=datetime.date(year, number, 1),
        revenue=Decimal(revenue),
    )


@pytest.fixture
def second(region, other_kam):
    """Another account of the region, owned by another manager."""
    return AccountFactory(name="Балтийская Тара", owner=other_kam, region=region)


@pytest.fixture
def sales(account, second, groups):
    """The latest complete month with sales is May 2026, so the last 12 months are
    June 2025 – May 2026. In them: the account bought Steel for 1,000 + 500; `second` bought
    Pipes for 300. Outside: May 2025 and June 2026 (still being invoiced)."""
    steel, pipes, wire = groups["steel"], groups["pipes"], groups["wire"]
    sale(account, steel, "2026-05", 1000)
    sale(account, steel, "2025-07", 500)
    sale(account, pipes, "2025-05", 900)  # 13 months before June: outside
    sale(account, wire, "2026-06", 777)  # the current month: not complete, outside
    sale(second, pipes, "2026-01", 300)
    sale(second, steel, "2025-05", 50)  # outside
    CompetitorPresence.objects.create(account=account, competitor=CompetitorFactory(name="Rival Pipes"), group=pipes)
    CompetitorPresence.objects.create(account=account, competitor=CompetitorFactory(name="Steel Co"), group=steel)
    CompetitorPresence.objects.create(account=account, competitor=CompetitorFactory(name="Everywhere Ltd"), group=None)


def grid_for(user, choice="12m", **filters):
    period = grid_period(choice=choice, today=TODAY)
    accounts = grid_accounts_for_user(user=user, period=period, **filters)
    return whitespace_grid(accounts=accounts, period=period)


def rows_by_name(grid):
    return {row.account.name: row for row in grid.rows}


# The period ----------------------------------------------------------------------------


def test_last_12_months_end_with_the_latest_complete_month_with_sales(sales):
    assert latest_complete_sales_month(today=TODAY) == datetime.date(2026, 5, 1)
    period = grid_period(choice="12m", today=TODAY)
    assert (period.first, period.last, period.months) == (datetime.date(2025, 6, 1), datetime.date(2026, 5, 1), 12)


def test_without_any_sales_the_12_months_end_last_month(db):
    period = grid_period(choice="12m", today=TODAY)
    assert (period.first, period.last, period.latest) == (datetime.date(2025, 6, 1), datetime.date(2026, 5, 1), None)


def test_a_past_year_is_january_to_december_and_this_year_runs_to_the_latest_month(sales):
    past = grid_period(choice="2025", today=TODAY)
    assert (past.first, past.last) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 1))
    current = grid_period(choice="2026", today=TODAY)
    assert (current.first, current.last) == (datetime.date(2026, 1, 1), datetime.date(2026, 5, 1))


# Figures -------------------------------------------------------------------------------


def test_cells_totals_and_coverage_against_hand_computed_values(director, account, second, sales, groups):
    grid = grid_for(director)
    assert [group.name for group in grid.groups] == ["Steel", "Pipes", "Wire"]
    first, other = rows_by_name(grid)[account.name], rows_by_name(grid)[second.name]
    assert [cell.revenue for cell in first.cells] == [Decimal(1500), None, None]
    assert [cell.revenue for cell in other.cells] == [None, Decimal(300), None]
    assert (first.total, first.coverage) == (Decimal(1500), 1)
    assert (other.total, other.coverage) == (Decimal(300), 1)
    assert grid.column_totals == [Decimal(1500), Decimal(300), None]
    assert grid.total == Decimal(1800)
    assert grid.cells == {(account.pk, groups["steel"].pk): Decimal(1500), (second.pk, groups["pipes"].pk): 300}


def test_a_year_sums_that_years_months_only(director, account, second, sales):
    rows = rows_by_name(grid_for(director, choice="2025"))
    assert [cell.revenue for cell in rows[account.name].cells] == [Decimal(500), Decimal(900), None]
    assert [cell.revenue for cell in rows[second.name].cells] == [Decimal(50), None, None]
    rows = rows_by_name(grid_for(director, choice="2026"))
    assert [cell.revenue for cell in rows[account.name].cells] == [Decimal(1000), None, None]  # June not counted


def test_competitors_show_in_empty_cells_only_with_general_presence(director, account, second, sales):
    grid = grid_for(director)
    steel, pipes, wire = rows_by_name(grid)[account.name].cells
    assert steel.buys and steel.competitors == []  # Steel Co is there, but the account buys steel from us
    assert pipes.competitors == ["Everywhere Ltd", "Rival Pipes"]
    assert wire.competitors == ["Everywhere Ltd"]
    assert all(cell.competitors == [] for cell in rows_by_name(grid)[second.name].cells)
    assert grid.open_with_competitor == 2
    assert grid.open_cells == 4


def test_shades_are_steps_of_the_groups_highest_cell(db):
    highest = Decimal(1500)
    assert [_shade(Decimal(value), highest) for value in (1, 300, 301, 900, 1500)] == [1, 1, 2, 3, 5]
    assert _shade(None, highest) == 0
    assert _shade(Decimal(-20), highest) == 0


def test_limit_gives_a_small_grid_for_a_dashboard(director, account, second, sales):
    period = grid_period(choice="12m", today=TODAY)
    accounts = grid_accounts_for_user(user=director, period=period, sort="-total")
    grid = whitespace_grid(accounts=accounts, period=period, limit=1)
    assert [a.name for a in grid.accounts] == [account.name]
    assert grid.total == Decimal(1500)


# The page ------------------------------------------------------------------------------


def test_page_shows_the_grid_with_period_totals_and_links(client_for, director, account, second, sales):
    response = client_for(director).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "June 2025 – May 2026" in html
    assert reverse("planning:sales", args=[account.pk]) in html
    assert "1,500" in html and "1,800" in html
    assert "1 of 3 groups" in html
    assert "Rival Pipes" in html and "Everywhere Ltd" in html
    assert "Steel Co" not in html  # present only where the account buys from us
    assert "<strong>2</strong> empty cells with a competitor present" in html
    assert 'class="text-end text-nowrap ws-cell ws-shade-5"' in html
    assert 'style="' not in html


def test_director_defaults_to_their_first_region(client_for, director, account, sales, other_region):
    director.regions.add(other_region)  # North and South: North comes first
    outsider = AccountFactory(name="Южный Завод", region=other_region)
    response = client_for(director).get(URL)
    assert response.context["region"].name == "North"
    assert [row.account.name for row in response.context["grid"].rows] == ["Балтийская Тара", account.name]
    south = client_for(director).get(URL, {"region": other_region.pk})
    assert [row.account.name for row in south.context["grid"].rows] == [outsider.name]
    both = client_for(director).get(URL, {"region": ""})
    assert both.context["page"].paginator.count == 3


@pytest.mark.parametrize(
    ("persona", "names"),
    [
        ("owner", ["Северсталь Логистик"]),
        ("team_member", ["Северсталь Логистик"]),
        ("other_kam", ["Балтийская Тара"]),
        ("director", ["Балтийская Тара", "Северсталь Логистик"]),
        ("admin_user", ["Балтийская Тара", "Северсталь Логистик"]),
    ],
)
def test_each_persona_sees_the_accounts_visible_to_them(request, client_for, sales, persona, names):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert sorted(row.account.name for row in response.context["grid"].rows) == names


def test_kam_grid_is_not_limited_to_one_region(client_for, owner, account, other_region, groups):
    elsewhere = AccountFactory(name="Южный Завод", owner=owner, region=other_region)
    response = client_for(owner).get(URL)
    assert {row.account.name for row in response.context["grid"].rows} == {account.name, elsewhere.name}
    assert client_for(owner).get(URL, {"region": other_region.pk}).context["page"].paginator.count == 1


def test_director_of_another_region_gets_404_for_this_region(client_for, other_director, region, account):
    assert client_for(other_director).get(URL, {"region": region.pk}).status_code == 404


def test_director_of_another_region_sees_only_their_own_region(client_for, other_director, account, sales):
    response = client_for(other_director).get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "No key accounts to show in South." in response.content.decode()


def test_kam_asking_for_a_region_without_their_accounts_gets_404(client_for, owner, account, other_region):
    assert client_for(owner).get(URL, {"region": other_region.pk}).status_code == 404


def test_unknown_region_gets_404(client_for, director, account):
    assert client_for(director).get(URL, {"region": "nope"}).status_code == 404


def test_department_member_gets_404(client_for, department_member, account):
    assert client_for(department_member).get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in(db, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_post_is_not_allowed(client_for, director):
    assert client_for(director).post(URL).status_code == 405


def test_invalid_filters_show_their_errors_and_the_rest_still_applies(client_for, director, account, sales):
    response = client_for(director).get(URL, {"period": "1999", "sort": "sideways"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice. 1999 is not one of the available choices." in html
    assert "sideways is not one of the available choices" in html
    assert response.context["grid"].period.choice == "12m"


def test_filters_by_owner_and_industry(client_for, director, account, second, other_kam, sales):
    response = client_for(director).get(URL, {"owner": other_kam.pk})
    assert [row.account.name for row in response.context["grid"].rows] == [second.name]
    retail = IndustryFactory(name="Steel trading")
    response = client_for(director).get(URL, {"industry": retail.pk})
    assert response.context["page"].paginator.count == 0
    assert "No account matches these filters." in response.content.decode()


def test_kam_has_no_owner_filter(client_for, owner, account):
    response = client_for(owner).get(URL)
    assert "owner" not in response.context["form"].fields


def test_no_sales_in_the_period_says_so(client_for, director, account, groups):
    html = client_for(director).get(URL).content.decode()
    assert "These accounts bought nothing from us in the period." in html
    assert "No sales have been recorded yet." in html


def test_no_accounts_at_all_says_so(client_for, owner, groups):
    html = client_for(owner).get(URL).content.decode()
    assert "No key accounts to show." in html


def test_sales_tab_links_to_the_regions_grid(client_for, owner, account, sales):
    html = client_for(owner).get(reverse("planning:sales", args=[account.pk])).content.decode()
    assert f'{URL}?region={account.region_id}"' in html
    assert "See the region" in html


def test_nav_shows_whitespace_to_kams_not_to_departments(client_for, owner, department_member, account):
    assert f'href="{URL}"' in client_for(owner).get(URL).content.decode()
    commitments = client_for(department_member).get(reverse("meetings:commitments")).content.decode()
    assert f'href="{URL}"' not in commitments


# Sorting and pages ---------------------------------------------------------------------


def test_sort_by_total_and_coverage_spans_every_account(client_for, director, region, groups):
    small = AccountFactory(name="A small", region=region)
    wide = AccountFactory(name="B wide", region=region)
    big = AccountFactory(name="C big", region=region)
    sale(small, groups["steel"], "2026-01", 10)
    sale(wide, groups["steel"], "2026-01", 20)
    sale(wide, groups["pipes"], "2026-01", 20)
    sale(big, groups["wire"], "2026-01", 1000)
    names = lambda sort: [r.account.name for r in client_for(director).get(URL, {"sort": sort}).context["grid"].rows]  # noqa: E731
    assert names("-total") == ["C big", "B wide", "A small"]
    assert names("total") == ["A small", "B wide", "C big"]
    assert names("-coverage") == ["B wide", "C big", "A small"]  # ties: the larger total first
    assert names("-name") == ["C big", "B wide", "A small"]


def test_fifty_accounts_a_page_and_the_sums_are_the_pages_own(client_for, director, region, groups):
    accounts = [AccountFactory(name=f"Client {n:03d}", region=region) for n in range(55)]
    sale(accounts[0], groups["steel"], "2026-01", 100)
    sale(accounts[54], groups["pipes"], "2026-01", 7)
    first = client_for(director).get(URL)
    assert len(first.context["grid"].rows) == 50
    assert first.context["grid"].total == Decimal(100)
    assert "1–50 of 55" in first.content.decode()
    second_page = client_for(director).get(URL, {"page": 2})
    assert [row.account.name for row in second_page.context["grid"].rows][-1] == "Client 054"
    assert second_page.context["grid"].total == Decimal(7)


# Query count ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("sort", ["name", "-total"])
def test_query_count_is_the_same_for_2_and_20_accounts(
    client_for, director, region, groups, count, sort, django_assert_num_queries
):
    products = [ProductFactory(group=group) for group in groups.values() for _ in range(2)]
    for n in range(count):
        account = AccountFactory(region=region, owner=UserFactory(role=Role.KAM))
        for product in products[: 2 + n % 5]:
            for month in ("2025-09", "2025-12", "2026-03"):
                sale(account, None, month, 10 + n, product=product)
        CompetitorPresence.objects.create(account=account, competitor=CompetitorFactory(), group=groups["wire"])
    client = client_for(director)
    # User, the director's regions, region/owner/industry choices, the period, the page's
    # count and rows, the groups, the grouped sum, the competitors; the session's save (2).
    with django_assert_num_queries(14):
        response = client.get(URL, {"sort": sort})
    assert len(response.context["grid"].rows) == count


def test_selector_runs_three_queries_for_a_given_page(director, account, second, sales, django_assert_num_queries):
    period = grid_period(choice="12m", today=TODAY)
    accounts = list(grid_accounts_for_user(user=director, period=period))
    with django_assert_num_queries(3):
        grid = whitespace_grid(accounts=accounts, period=period)
        assert grid.open_with_competitor == 2
