"""Whitespace on the Sales tab: every product group, what the account bought there over the
last 12 months, and the competitors known to be present."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from planning.models import CompetitorPresence
from planning.selectors.whitespace import competitor_presence_list_for_account, whitespace_for_account
from planning.tests.factories import CompetitorFactory, ProductFactory, ProductGroupFactory, SalesRecordFactory

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def groups(db):
    return [
        ProductGroupFactory(name="Steel", code="steel", position=1),
        ProductGroupFactory(name="Pipes", code="pipes", position=2),
        ProductGroupFactory(name="Wire", code="wire", position=3),
    ]


def sale(account, group, month: datetime.date, volume, revenue):
    SalesRecordFactory(
        account=account,
        product=ProductFactory(group=group),
        month=month,
        volume=Decimal(volume),
        revenue=Decimal(revenue),
        margin=Decimal(0),
    )


def whitespace(account):
    presences = list(competitor_presence_list_for_account(account=account))
    return whitespace_for_account(account=account, today=TODAY, presences=presences)


def test_groups_bought_and_not_bought_in_the_last_12_months(account, groups):
    steel, pipes, wire = groups
    sale(account, steel, datetime.date(2026, 6, 1), 3, 300)
    sale(account, steel, datetime.date(2025, 7, 1), 2, 200)
    sale(account, pipes, datetime.date(2025, 6, 1), 9, 900)  # 13 months ago: outside
    rows = {row["group"].name: row for row in whitespace(account)["rows"]}
    assert list(rows) == ["Steel", "Pipes", "Wire"]
    assert (rows["Steel"]["volume"], rows["Steel"]["revenue"], rows["Steel"]["buys"]) == (5, 500, True)
    assert (rows["Pipes"]["revenue"], rows["Pipes"]["buys"]) == (None, False)
    assert rows["Wire"]["buys"] is False
    assert whitespace(account)["open_groups"] == 2


def test_competitors_are_listed_in_their_group_or_in_general(account, groups):
    steel, pipes, _wire = groups
    rival, other = CompetitorFactory(name="Rival Steel"), CompetitorFactory(name="Other Corp")
    CompetitorPresence.objects.create(account=account, competitor=rival, group=pipes)
    CompetitorPresence.objects.create(account=account, competitor=other, group=None)
    result = whitespace(account)
    rows = {row["group"].name: row for row in result["rows"]}
    assert [p.competitor.name for p in rows["Pipes"]["competitors"]] == ["Rival Steel"]
    assert rows["Steel"]["competitors"] == []
    assert [p.competitor.name for p in result["in_general"]] == ["Other Corp"]


def test_another_accounts_sales_do_not_count(account, groups):
    from accounts.tests.factories import AccountFactory

    sale(AccountFactory(), groups[0], datetime.date(2026, 5, 1), 1, 100)
    assert all(not row["buys"] for row in whitespace(account)["rows"])


def test_tab_shows_the_whitespace_with_the_competitors(client_for, director, account, groups):
    sale(account, groups[0], datetime.date(2026, 5, 1), 4, 1234)
    CompetitorPresence.objects.create(
        account=account, competitor=CompetitorFactory(name="Rival Steel"), group=groups[1]
    )
    html = client_for(director).get(reverse("planning:sales", args=[account.pk])).content.decode()
    assert "Whitespace: where to grow" in html
    assert "buys nothing from us" in html
    assert "Rival Steel" in html
    assert "2 groups where it buys nothing from us" in html


@pytest.mark.parametrize("groups_count", [2, 20])
def test_whitespace_query_count_is_fixed(account, groups_count, django_assert_num_queries):
    made = [ProductGroupFactory() for _ in range(groups_count)]
    for group in made:
        sale(account, group, datetime.date(2026, 5, 1), 1, 10)
        CompetitorPresence.objects.create(account=account, competitor=CompetitorFactory(), group=group)
    with django_assert_num_queries(2):
        result = whitespace(account)
    assert len(result["rows"]) == groups_count


def test_the_sales_tabs_sums_give_the_same_whitespace(account, groups):
    from planning.selectors.sales import sales_overview_for_account

    steel, pipes, _wire = groups
    sale(account, steel, datetime.date(2026, 6, 1), 3, 300)
    sale(account, steel, datetime.date(2025, 7, 1), 2, 200)
    sale(account, steel, datetime.date(2026, 9, 1), 7, 700)  # after this month: outside
    sale(account, pipes, datetime.date(2025, 6, 1), 9, 900)  # 13 months ago: outside
    sale(account, pipes, datetime.date(2026, 1, 1), 0, 0)  # bought, for nothing
    presences = list(competitor_presence_list_for_account(account=account))
    overview = sales_overview_for_account(account=account, today=TODAY)
    summed = whitespace_for_account(account=account, today=TODAY, presences=presences, bought=overview.last_twelve)
    assert summed == whitespace(account)
    rows = {row["group"].name: row for row in summed["rows"]}
    assert (rows["Steel"]["volume"], rows["Steel"]["revenue"]) == (5, 500)
    assert (rows["Pipes"]["revenue"], rows["Pipes"]["buys"]) == (0, True)
    assert rows["Wire"]["buys"] is False
