"""The planning journey in a real browser: an account manager imports last year's and this
year's actual sales from an ERP export, starts this year's sales plan for the client from the
baseline on the account's Sales tab, raises a line's target and stages it by quarter (the
quarters that do not add up are refused once), submits it; the director of the region
approves it with a comment and sees plan vs actual on the plan page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import RegionFactory, UserFactory
from planning.tests.factories import ProductFactory, ProductGroupFactory

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KAM_PASSWORD = "a stretch film password"
DIRECTOR_PASSWORD = "the region's own password"
METHOD = "Move the client to machine film with a pilot line in Q1"
APPROVAL = "Approved: report on the film pilot in April."


def money(amount: Decimal, places: int = 2) -> str:
    """An amount as the pages show it in English: 1,250,000.00 (or without decimals)."""
    return f"{amount:,.{places}f}"


def erp_rows(today: datetime.date) -> list[tuple[str, str, str, Decimal, Decimal, Decimal]]:
    """Last year's twelve months and this year's up to the current one, for two products:
    film grows month by month, boxes are flat; this year sells 10 % more film."""
    rows = []
    for year in (today.year - 1, today.year):
        for month in range(1, 13 if year < today.year else today.month + 1):
            film = Decimal(400 + 10 * month)
            if year == today.year:
                film = film * Decimal("1.1")
            for code, volume, price in (("SF-17-500M", film, Decimal(200)), ("CB-0201-M", Decimal(2000), Decimal(48))):
                revenue = (volume * price).quantize(Decimal("0.01"))
                margin = (revenue * Decimal("0.15")).quantize(Decimal("0.01"))
                rows.append(("KA-7001", code, f"{year}-{month:02d}", volume, revenue, margin))
    return rows


@pytest.fixture
def client_and_catalogue():
    """A KAM's client in the Volga region, its director, and the two products the export
    names. Made before the browser starts: the ORM stays out of Playwright's event loop."""
    region = RegionFactory(name="Volga", code="volga")
    kam = UserFactory(username="anna", first_name="Анна", last_name="Кузнецова", role=Role.KAM)
    kam.set_password(KAM_PASSWORD)
    kam.save()
    director = UserFactory(username="elena", first_name="Елена", last_name="Морозова", role=Role.DIRECTOR)
    director.set_password(DIRECTOR_PASSWORD)
    director.save()
    director.regions.set([region])
    account = AccountFactory(name="Волга Ритейл", owner=kam, region=region, external_code="KA-7001")
    film = ProductGroupFactory(name="Stretch film", code="stretch-film", position=1)
    boxes = ProductGroupFactory(name="Corrugated boxes", code="corrugated-boxes", position=2)
    ProductFactory(code="SF-17-500M", name="Machine stretch film 17 µm", group=film, unit="kg")
    ProductFactory(code="CB-0201-M", name="Box FEFCO 0201", group=boxes, unit="pcs")
    return account


def test_kam_imports_sales_plans_the_year_and_the_director_approves_it(
    live_server, client_and_catalogue, page, log_in, tmp_path
):
    account = client_and_catalogue
    today = timezone.localdate()
    rows = erp_rows(today)
    export = tmp_path / "erp-sales.csv"
    export.write_text(
        "account;product;month;volume;revenue;margin\n"
        + "".join(f"{a};{p};{m};{v};{r};{g}\n".replace(".", ",") for a, p, m, v, r, g in rows),
        encoding="utf-8",
    )

    # 1. The KAM checks the export on the import page: the preview counts rows and sums them.
    log_in("anna", KAM_PASSWORD)
    page.goto(live_server.url + reverse("planning:import"))
    page.set_input_files("input[type=file]", str(export))
    page.get_by_role("button", name="Check the file").click()
    preview = page.locator("section[aria-labelledby=preview-title]")
    expect(preview.locator("#preview-title")).to_have_text("Preview of erp-sales.csv")
    expect(preview.locator("dt:has-text('Rows') + dd")).to_have_text(str(len(rows)))
    expect(preview.locator("dt:has-text('Accounts') + dd")).to_have_text("1")
    revenue = sum((row[4] for row in rows), Decimal(0))
    expect(preview.locator("dt:has-text('Revenue') + dd")).to_have_text(f"{money(revenue)} RUB")
    page.shot("planning-1-preview")
    preview.get_by_role("button", name=f"Apply {len(rows)} rows").click()
    expect(page.locator(".alert-success")).to_contain_text(f"erp-sales.csv imported: {len(rows)} rows")
    expect(page.locator("section[aria-labelledby=recent-title] tbody tr")).to_have_count(1)

    # 2. On the account's Sales tab, a new plan for this year starts from last year's actuals.
    page.goto(live_server.url + account.get_absolute_url())
    page.locator("main").get_by_role("link", name="Sales", exact=True).click()
    page.wait_for_url(f"**{reverse('planning:sales', args=[account.pk])}")
    this_year = sum((r[4] for r in rows if r[2] >= str(today.year)), Decimal(0))
    expect(page.locator("main")).to_contain_text(f"{money(this_year, 0)} RUB")
    page.shot("planning-2-sales-tab")
    page.get_by_role("link", name="New sales plan").click()
    expect(page.locator("select[name=account]")).to_have_value(str(account.pk))
    page.fill("input[name=year]", str(today.year))
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_url("**/planning/plans/*/")
    expect(page.locator("h1")).to_contain_text(f"Sales plan {today.year}: Волга Ритейл")
    expect(page.locator("h1 + .badge")).to_have_text("Draft")
    plan_url = page.url
    film_baseline = sum((r[4] for r in rows if r[1] == "SF-17-500M" and r[2] < str(today.year)), Decimal(0))
    film_row = page.locator("table.plan-lines tbody tr", has_text="Stretch film")
    # Target = baseline (growth 0 %) until the KAM changes it.
    expect(film_row.locator("td").nth(2)).to_have_text(money(film_baseline, 0))
    expect(film_row.locator("td").nth(4)).to_have_text(money(film_baseline, 0))
    expect(film_row.locator("td").nth(5)).to_have_text("0.0 %")
    expect(page.locator("table.plan-lines tbody tr")).to_have_count(2)
    page.shot("planning-3-new-plan")

    # 3. The film line: a higher target and its quarters; a sum that misses is refused once.
    film_row.get_by_role("link", name="Edit").click()
    page.wait_for_url("**/planning/plans/lines/*/")
    page.fill("input[name=target_volume]", "6200")
    page.fill("input[name=target_revenue]", "1250000")
    for name in ("q1_revenue", "q2_revenue", "q3_revenue", "q4_revenue"):
        page.fill(f"input[name={name}]", "300000")
    page.fill("textarea[name=method]", METHOD)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text(
        "The quarters add up to 1,200,000.00, not to the target revenue 1,250,000.00."
    )
    page.shot("planning-4-quarters-refused")
    page.fill("input[name=q4_revenue]", "350000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(plan_url)
    film_row = page.locator("table.plan-lines tbody tr", has_text="Stretch film")
    expect(film_row.locator("td").nth(4)).to_have_text("1,250,000")
    expect(film_row.locator("td").nth(9)).to_have_text("350,000")
    expect(film_row).to_contain_text(METHOD)
    growth = ((Decimal(1250000) - film_baseline) * 100 / film_baseline).quantize(Decimal("0.1"))
    expect(film_row.locator("td").nth(5)).to_have_text(f"{growth:.1f} %")

    # 4. Submitted: the lines can no longer be edited.
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("h1 + .badge")).to_have_text("Submitted")
    expect(page.locator("main")).to_contain_text("The plan awaits approval by a director of the region.")
    expect(page.locator("table.plan-lines").get_by_role("link", name="Edit")).to_have_count(0)
    page.shot("planning-5-submitted")

    # 5. The director of the region opens it from the plan list and approves it with a comment.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login/**")
    log_in("elena", DIRECTOR_PASSWORD)
    page.goto(live_server.url + reverse("planning:plans"))
    page.locator("main").get_by_role("link", name="Волга Ритейл").click()
    page.wait_for_url("**/planning/plans/*/")
    expect(page.locator("h1 + .badge")).to_have_text("Submitted")
    page.fill("textarea[name=comment]", APPROVAL)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("h1 + .badge")).to_have_text("Approved")
    expect(page.locator("main")).to_contain_text("The plan is approved and can no longer be changed.")
    history = page.locator("section[aria-labelledby=timeline-title] li")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("Submitted · Анна Кузнецова")
    expect(history.nth(1)).to_contain_text("Approved · Елена Морозова")
    expect(history.nth(1)).to_contain_text(APPROVAL)
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)

    # 6. Plan vs actual: this year's imported months against the staged quarters.
    through = datetime.date(today.year, today.month, 1)
    expect(page.locator(".actuals-through")).to_have_text(f"Actuals through {through:%B %Y}")
    actual_film = sum((r[4] for r in rows if r[1] == "SF-17-500M" and r[2] >= str(today.year)), Decimal(0))
    actual_row = page.locator("table.plan-actuals tbody tr", has_text="Stretch film")
    expect(actual_row.locator("td").nth(1)).to_have_text("1,250,000")
    expect(actual_row.locator("td").nth(3)).to_have_text(money(actual_film, 0))
    expect(page.locator("table.plan-actuals tfoot")).to_contain_text("Total")
    page.shot("planning-6-approved-plan-vs-actual")

    assert not page.csp_violations(), page.csp_errors
