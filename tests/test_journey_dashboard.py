"""The dashboard journey in a real browser: a sales director of two regions opens the
dashboard from the menu, narrows it to one region, follows that region's plan-vs-actual bar
to the regional plan, comes back and finds the dashboard still filtered."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import RegionFactory, UserFactory
from planning.models import SalesPlan, SalesPlanLine, SalesRecord
from planning.summary import rebuild_sales_summary
from planning.tests.factories import ProductFactory, ProductGroupFactory

expect = pytest.importorskip("playwright.sync_api").expect
pypdf = pytest.importorskip("pypdf")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a dashboard of passwords"


@pytest.fixture
def two_regions():
    """A director of Volga and Ural, three accounts in each with this year's and last year's
    sales, account plans, and a regional plan for Volga. Made before the browser starts."""
    volga = RegionFactory(name="Volga", code="volga")
    ural = RegionFactory(name="Ural", code="ural")
    director = UserFactory(username="irina", first_name="Ирина", last_name="Соколова", role=Role.DIRECTOR)
    director.set_password(PASSWORD)
    director.save()
    director.regions.set([volga, ural])
    kam = UserFactory(username="kam-volga", first_name="Pavel", last_name="Orlov", role=Role.KAM)
    film = ProductGroupFactory(code="film", name="Stretch film", position=0)
    boxes = ProductGroupFactory(code="boxes", name="Corrugated boxes", position=1)
    products = [ProductFactory(group=film), ProductFactory(group=boxes)]
    today = timezone.localdate()
    this_year = [datetime.date(today.year, n, 1) for n in range(1, today.month)] or [datetime.date(today.year, 1, 1)]
    last_year = [datetime.date(today.year - 1, n, 1) for n in range(1, 13)]
    for region, size in ((volga, 3), (ural, 1)):
        for n in range(3):
            account = AccountFactory(name=f"{region.name} client {n + 1}", region=region, owner=kam)
            for index, product in enumerate(products):
                for month in last_year + this_year:
                    SalesRecord.objects.create(
                        account=account,
                        product=product,
                        month=month,
                        volume=1,
                        revenue=Decimal(10_000 * size * (index + 1) * (n + 1)),
                        margin=Decimal(1_000 * size),
                    )
            plan = SalesPlan.objects.create(account=account, year=today.year, author=kam, status="approved")
            for index, group in enumerate((film, boxes)):
                target = Decimal(130_000 * size * (index + 1) * (n + 1))
                SalesPlanLine.objects.create(
                    plan=plan,
                    group=group,
                    target_revenue=target,
                    q1_revenue=target / 4,
                    q2_revenue=target / 4,
                    q3_revenue=target / 4,
                    q4_revenue=target / 4,
                )
    regional = SalesPlan.objects.create(region=volga, year=today.year, author=director, status="draft")
    rebuild_sales_summary()
    return {"volga": volga, "regional_plan": regional}


def test_director_filters_follows_a_bar_to_the_plan_and_comes_back_filtered(two_regions, live_server, page, log_in):
    log_in("irina", PASSWORD)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sales dashboard")
    # Every region's bar links to its plans: Volga's to its regional plan, Ural's to the list.
    expect(page.locator("#plan-region .chart-bars > a")).to_have_count(2)
    expect(page.locator(".dash-kpi").first).to_contain_text("Turnover year to date")
    page.shot("dashboard-all-regions")

    volga = two_regions["volga"]
    page.get_by_label("Region", exact=True).select_option(str(volga.pk))
    page.get_by_role("button", name="Show").click()
    assert f"region={volga.pk}" in page.url
    expect(page.locator("#plan-region .chart-bars > a")).to_have_count(1)
    expect(page.locator(".ws-grid tbody tr")).to_have_count(3)
    page.shot("dashboard-volga")

    page.locator("#plan-region a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Volga")
    assert page.url.endswith(reverse("planning:plan", args=[two_regions["regional_plan"].pk]))

    page.go_back()
    assert f"region={volga.pk}" in page.url
    expect(page.get_by_label("Region", exact=True)).to_have_value(str(volga.pk))
    expect(page.locator("#plan-region .chart-bars text").first).to_contain_text("Volga")
    assert page.csp_violations() == []


def test_dashboard_prints_on_a4_landscape(two_regions, live_server, page, log_in):
    log_in("irina", PASSWORD)
    page.goto(live_server.url + reverse("analysis:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sales dashboard")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    # A4 is 595 × 842 points: landscape is the wide way round, on every sheet.
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert all(sheet.mediabox.width > sheet.mediabox.height for sheet in pdf.pages)


def test_other_pages_still_print_portrait(two_regions, live_server, page, log_in):
    log_in("irina", PASSWORD)
    page.goto(live_server.url + reverse("accounts:list"))
    box = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages[0].mediabox
    assert float(box.width) < float(box.height)
