"""The development plan in a real browser: a filled plan reads well, a goal is added and a
stage marked done in place (htmx), and a planned contact becomes a meeting in one click."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory, BusinessPartnerFactory, ContactFactory
from kam.users.models import Role
from kam.users.tests.factories import UserFactory
from planning.models import AccountPlan
from planning.tests.factories import (
    AccountPlanFactory,
    BudgetLineFactory,
    PartnershipOpportunityFactory,
    PlannedContactFactory,
    PlanObjectiveFactory,
    PlanStageFactory,
    StrategicGoalFactory,
    SwotItemFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long development password"


@pytest.fixture
def plan():
    """A plan as the demo would show it, made before the browser starts."""
    kam = UserFactory(username="irina", first_name="Ирина", last_name="Соколова", role=Role.KAM)
    kam.set_password(PASSWORD)
    kam.save()
    colleague = UserFactory(first_name="Павел", last_name="Логинов", role=Role.KAM)
    account = AccountFactory(name="Волга Ритейл", owner=kam, team=[colleague])
    buyer = ContactFactory(account=account, first_name="Марина", last_name="Кузнецова", position="Category manager")
    director = ContactFactory(account=account, first_name="Олег", last_name="Смирнов", position="Logistics director")
    partner = BusinessPartnerFactory(account=account, name="ТрансЛогистик")
    year = timezone.localdate().year
    plan = AccountPlanFactory(
        account=account,
        year=year,
        status=AccountPlan.Status.ACTIVE,
        summary="Become the client's first supplier of fasteners and packaging in the Volga region by December.",
    )
    for side, text in [
        ("client", "Open 12 new stores in the Volga region"),
        ("client", "Cut out-of-stock on the shelf below 3 %"),
        ("ours", "Grow our share of the client's purchases from 18 % to 30 %"),
        ("ours", "Listing of the premium range in all stores"),
    ]:
        StrategicGoalFactory(plan=plan, side=side, text=text)
    for quadrant, text in [
        ("strength", "Strong brand in the region"),
        ("strength", "Own distribution centre in Samara"),
        ("weakness", "Slow approval of new suppliers (3 months)"),
        ("opportunity", "Federal chain leaving the region"),
        ("threat", "An importer undercuts prices by 8 %"),
    ]:
        SwotItemFactory(plan=plan, quadrant=quadrant, text=text)
    PlanObjectiveFactory(plan=plan, text="Premium range listed in 40 stores", measure="Signed listing", achieved=True)
    PlanObjectiveFactory(plan=plan, text="Deliveries on time above 97 %", measure="Monthly OTIF report")
    PlannedContactFactory(
        plan=plan, contact=buyer, planned_for=datetime.date(year, 12, 3), purpose="Present the premium range"
    )
    PlannedContactFactory(
        plan=plan, contact=director, planned_for=datetime.date(year, 12, 15), purpose="Agree the delivery windows"
    )
    BudgetLineFactory(plan=plan, item="Samples and tastings", planned=Decimal("120000"), spent=Decimal("45000"))
    BudgetLineFactory(plan=plan, item="Listing fees", planned=Decimal("300000"), spent=Decimal("340000"))
    BudgetLineFactory(plan=plan, item="Joint promo in stores", planned=Decimal("250000"), spent=Decimal("0"))
    PlanStageFactory(
        plan=plan,
        title="Supplier audit",
        procedure="Documents to the quality department",
        owner=kam,
        deadline=datetime.date(year, 2, 28),
        done_at=timezone.now(),
    )
    PlanStageFactory(
        plan=plan, title="Pilot delivery to 5 stores", owner=colleague, deadline=datetime.date(year, 4, 30)
    )
    PlanStageFactory(plan=plan, title="Roll-out to all stores", owner=kam, deadline=datetime.date(year, 12, 20))
    PartnershipOpportunityFactory(
        plan=plan,
        title="Shared deliveries with the client's carrier",
        description="One truck for both our goods and theirs.",
        partner=partner,
        value=Decimal("900000"),
        status="pursuing",
    )
    PartnershipOpportunityFactory(plan=plan, title="Co-branded packaging", partner=None, value=Decimal("400000"))
    return plan


def test_kam_works_on_the_plan(live_server, plan, page, log_in):
    log_in("irina", PASSWORD)
    page.goto(live_server.url + reverse("planning:account_plan", args=[plan.pk]))
    assert page.get_by_role("heading", name="Волга Ритейл").first.is_visible()
    assert page.get_by_text("1 of 3 stages done").is_visible()
    page.shot("development-plan")

    page.get_by_role("link", name="Add our goal").click()
    page.locator("#goals textarea[name=text]").fill("Be the category captain for fasteners")
    page.locator("#goals").get_by_role("button", name="Add the goal").click()
    page.locator("#goals").get_by_text("Be the category captain for fasteners").wait_for()

    page.locator("#stages").get_by_role("button", name="Mark done").first.click()
    page.get_by_text("2 of 3 stages done").wait_for()
    page.shot("development-plan-after-edits")

    page.locator("#budget").get_by_role("link", name="Edit").first.click()
    page.locator("#budget input[name=spent]").wait_for()
    page.shot("development-plan-editing-budget")
    page.locator("#budget").get_by_role("link", name="Cancel").click()

    page.locator("#contacts").get_by_role("button", name="Schedule meeting").first.click()
    page.wait_for_url("**/meetings/**")
    assert page.get_by_role("heading", name="Present the premium range").is_visible()
    assert not page.csp_violations(), page.csp_errors


@pytest.fixture
def account_without_plan():
    kam = UserFactory(username="pavel", first_name="Павел", last_name="Орлов", role=Role.KAM)
    kam.set_password(PASSWORD)
    kam.save()
    return AccountFactory(name="Кама Фуд", owner=kam)


def test_kam_starts_a_plan_and_prints_it(live_server, account_without_plan, page, log_in):
    log_in("pavel", PASSWORD)
    page.goto(live_server.url + reverse("planning:account_plan_create", args=[account_without_plan.pk]))
    page.fill("textarea[name=summary]", "Win the dairy category")
    page.shot("development-plan-create")
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_url("**/planning/development/**")
    assert page.get_by_text("No SWOT yet").is_visible()
    page.shot("development-plan-empty")
    page.get_by_role("link", name="Add a budget line").click()
    page.locator("#budget input[name=item]").fill("Samples")
    page.locator("#budget input[name=planned]").fill("-1")
    page.locator("#budget").get_by_role("button", name="Add the line").click()
    page.locator("#budget .invalid-feedback").first.wait_for()
    page.shot("development-plan-form-error")
    page.emulate_media(media="print")
    page.shot("development-plan-print")
    assert not page.csp_violations(), page.csp_errors
