"""The whitespace journey in a real browser: a sales director opens the grid of their region
from the menu, sorts it by revenue, reads where an account buys nothing from us while a
competitor does, opens that account's Sales tab and comes back to the region's grid."""

import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.demo import COMPETITORS
from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import RegionFactory, UserFactory
from planning import demo
from planning.models import CompetitorPresence
from planning.selectors.sales import month_start, months_before
from planning.tests.factories import CompetitorFactory, ProductFactory, ProductGroupFactory, SalesRecordFactory

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a grid of passwords"


@pytest.fixture
def region_with_sales():
    """A director of the Volga region and twelve of its accounts: sales of the demo's product
    groups over the last year (some groups never bought), and competitors here and there.
    Made before the browser starts: the ORM stays out of Playwright's event loop."""
    rng = random.Random(7)  # noqa: S311 — test data
    volga = RegionFactory(name="Volga", code="volga")
    director = UserFactory(username="irina", first_name="Ирина", last_name="Соколова", role=Role.DIRECTOR)
    director.set_password(PASSWORD)
    director.save()
    director.regions.set([volga])
    kams = [UserFactory(role=Role.KAM) for _ in range(3)]
    groups = [ProductGroupFactory(code=code, name=name, position=n) for n, (code, name, _a) in enumerate(demo.GROUPS)]
    products = [ProductFactory(group=group) for group in groups]
    competitors = [CompetitorFactory(name=name) for name in COMPETITORS]
    names = ["Волга Ритейл", "КамАЗ Логистик", "Самара Фуд", "Казань Маркет", "Саратов Агро", "Тольятти Авто",
             "Ульяновск Пак", "Пенза Мебель", "Чебоксары Электро", "Йошкар-Ола Молоко", "Астрахань Рыба",
             "Нижний Ритейл"]  # fmt: skip
    this_month = month_start(timezone.localdate())
    months = [months_before(this_month, n) for n in range(1, 13)]
    accounts = []
    for n, name in enumerate(names):
        account = AccountFactory(name=name, region=volga, owner=kams[n % 3])
        accounts.append(account)
        size = rng.choice([0.3, 1, 1, 2.5])
        bought = rng.sample(range(len(groups)), rng.randint(0 if n == 11 else 1, 6))
        for index in bought:
            for month in months:
                SalesRecordFactory(
                    account=account,
                    product=products[index],
                    month=month,
                    revenue=Decimal(round(rng.uniform(20_000, 120_000) * size)),
                )
        for index in set(range(len(groups))) - set(bought):
            if rng.random() < 0.35:
                CompetitorPresence.objects.create(
                    account=account, competitor=rng.choice(competitors), group=groups[index]
                )
        if rng.random() < 0.25:
            CompetitorPresence.objects.create(account=account, competitor=rng.choice(competitors), group=None)
    return {"director": director, "accounts": accounts}


def test_director_reads_the_regions_whitespace_and_opens_an_account(region_with_sales, live_server, page, log_in):
    log_in("irina", PASSWORD)
    page.get_by_role("link", name="Whitespace").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Volga")
    expect(page.locator(".ws-grid tbody tr")).to_have_count(12)
    expect(page.locator(".ws-summary")).to_contain_text("12 accounts")
    page.shot("whitespace-grid")

    page.get_by_role("link", name="Total").click()
    expect(page.locator(".ws-grid thead th[aria-sort=descending]")).to_contain_text("Total")
    assert "sort=-total" in page.url
    page.shot("whitespace-grid-by-total")

    page.get_by_label("Period").select_option(str(timezone.localdate().year - 1))
    page.get_by_role("button", name="Show").click()
    assert "sort=-total" in page.url and "period=" in page.url

    contested = page.locator(".ws-grid tbody tr", has=page.locator(".ws-contested")).first
    name = contested.locator("th a").inner_text()
    contested.locator("th a").click()
    expect(page.get_by_role("heading", name="Whitespace: where to grow")).to_be_visible()
    account = next(account for account in region_with_sales["accounts"] if account.name == name)
    assert page.url.endswith(reverse("planning:sales", args=[account.pk]))
    page.get_by_role("link", name="See the region's grid").scroll_into_view_if_needed()
    page.shot("whitespace-sales-tab")
    page.get_by_role("link", name="See the region's grid").click()
    expect(page.locator(".ws-grid tbody tr")).to_have_count(12)
    assert page.csp_violations() == []
