"""The meetings journey in a real browser: an account manager prepares an annual meeting from
nothing to 100 % ready with the in-place forms, holds it, records an agreed price below the
lowest price and sees the breach flagged, promises logistics a delivery; then a logistics
member finds it in their queue and closes it with a note."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory, add_checklist

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KAM_PASSWORD = "an annual meeting password"
LOGISTICS_PASSWORD = "a pallet of passwords"
PROMISE = "Deliver the first 20 pallets to the Kazan warehouse"
BREACH_RED = "rgb(176, 42, 55)"  # .breach in static/css/meetings.css


@pytest.fixture
def annual_meeting():
    """An annual meeting that started half an hour ago, still planned, its nine checklist
    items missing; a logistics member to close what it promises, and a finance commitment
    of another account that logistics must never see. Made before the browser starts: the
    ORM stays out of Playwright's event loop."""
    kam = UserFactory(username="marina", first_name="Марина", last_name="Кузнецова", role=Role.KAM)
    kam.set_password(KAM_PASSWORD)
    kam.save()
    account = AccountFactory(name="Волга Ритейл", owner=kam)
    meeting = MeetingFactory(
        account=account,
        kind=Meeting.Kind.ANNUAL,
        title="Annual review 2026",
        starts_at=timezone.now() - datetime.timedelta(minutes=30),
        duration_minutes=90,
    )
    add_checklist(meeting)

    logistics = DepartmentFactory(name="Logistics", slug="logistics")
    member = UserFactory(username="logistics", role=Role.DEPARTMENT, department=logistics)
    member.set_password(LOGISTICS_PASSWORD)
    member.save()
    finance = DepartmentFactory(name="Finance", slug="finance")
    CommitmentFactory(text="Reconcile the bonus payments", assignee_department=finance, assignee_user=None)
    return meeting


def readiness(page):
    return page.locator("#summary .readiness-value")


def test_annual_meeting_prepared_held_breached_and_closed_by_logistics(live_server, annual_meeting, page, log_in):
    meeting = annual_meeting

    # 1. The account manager opens the meeting from the account's Meetings tab (it is also on
    #    "my day", except in the half hour after midnight): nothing is prepared.
    log_in("marina", KAM_PASSWORD)
    page.goto(live_server.url + meeting.account.get_absolute_url())
    page.locator("main").get_by_role("link", name="Meetings", exact=True).click()
    page.wait_for_url(f"**{reverse('meetings:account_tab', args=[meeting.account_id])}")
    page.locator("main").get_by_role("link", name="Annual review 2026").click()
    page.wait_for_url(f"**{reverse('meetings:detail', args=[meeting.pk])}")
    expect(readiness(page)).to_have_text("0 %")
    expect(page.locator("#checklist .checklist-item")).to_have_count(9)
    page.shot("meetings-1-empty")

    # 2a. An agenda topic with its strategic goal (the add form is open on an empty agenda).
    topics = page.locator("#topics")
    topics.locator("#new-topic-title").fill("Volumes for 2026")
    topics.locator("#new-topic-strategic_goal").fill("Agree 1 200 t of stretch film for next year")
    topics.get_by_role("button", name="Add the topic").click()
    expect(page.locator("#topics .topic-title")).to_have_text("Volumes for 2026")
    expect(page.locator("#topics .topic-goal")).to_contain_text("Agree 1 200 t of stretch film")

    # 2b. A negotiation target; a target price below its own limit is refused first.
    page.locator("#targets summary").click()
    targets = page.locator("#targets")
    targets.locator("#new-target-product_name").fill("Stretch film 23 µm")
    targets.locator("#new-target-unit").fill("t")
    targets.locator("#new-target-planned_volume").fill("1200")
    targets.locator("#new-target-target_price").fill("95")
    targets.locator("#new-target-min_price").fill("100")
    targets.get_by_role("button", name="Add the target").click()
    expect(page.locator("#targets")).to_contain_text("The target price is below the lowest price (100")
    page.locator("#targets #new-target-target_price").fill("110")
    page.locator("#targets").get_by_role("button", name="Add the target").click()
    target_row = page.locator("#targets tbody tr", has_text="Stretch film 23 µm")
    expect(target_row).to_contain_text("110")
    expect(target_row.locator(".figure-limit")).to_have_text("≥ 100")  # the only limit set

    # 2c. Each of the nine checklist items, in place: Fill in, mark ready, write, Save.
    for done, item in enumerate(ChecklistItem.Item, start=1):
        row = page.locator(f"#check-{item.value}")
        row.get_by_role("link", name="Fill in").click()
        form = row.locator("form")
        form.locator("input[name=status][value=ready]").check()
        form.locator("textarea[name=content]").fill(f"{item.label}: prepared for the annual review.")
        form.get_by_role("button", name="Save").click()
        expect(row.locator(".checklist-status")).to_have_text("Ready")
        expect(row.locator("form")).to_have_count(0)
        expect(readiness(page)).to_have_text(f"{done * 100 // 9} %")
    expect(readiness(page)).to_have_text("100 %")
    expect(page.locator("#checklist-title")).to_contain_text("100 % ready")
    page.shot("meetings-2-ready")

    # 3. Held; the agreed price is 7.50 below the lowest price of 100: flagged red with the size.
    page.get_by_role("button", name="Mark as held").click()
    expect(page.locator("h1 .badge")).to_have_text("Held")
    page.locator("#agreed tbody tr", has_text="Stretch film 23 µm").get_by_role("link", name="Record").click()
    agreed_form = page.locator("#agreed form")
    agreed_form.locator("input[name=agreed_price]").fill("92.5")
    agreed_form.locator("input[name=agreed_volume]").fill("1200")
    agreed_form.get_by_role("button", name="Save").click()
    expect(page.locator("#agreed form")).to_have_count(0)
    flag = page.locator("#agreed .breach")
    expect(flag).to_have_text("⚠ price below the lowest price (100) by 7.50")
    expect(flag).to_have_css("color", BREACH_RED)
    expect(page.locator("#agreed .figure-agreed.is-breach")).to_have_text("agreed 92.50")
    # The same flag on the preparation's target and in the summary, swapped out of band.
    expect(page.locator("#targets .breach")).to_have_text("⚠ price below the lowest price (100) by 7.50")
    expect(page.locator("#summary")).to_contain_text("1 limit crossed")
    page.shot("meetings-3-breach")

    # 4. What was promised: logistics delivers by a date.
    due = timezone.localdate() + datetime.timedelta(days=7)
    page.locator("#commitments summary").click()
    commitments = page.locator("#commitments")
    commitments.locator("#new-commitment-text").fill(PROMISE)
    commitments.locator("#new-commitment-assignee_department").select_option(label="Logistics")
    commitments.locator("#new-commitment-due_on").fill(due.isoformat())
    commitments.locator("#new-commitment-quantity").fill("20")
    commitments.locator("#new-commitment-unit").fill("pallets")
    commitments.get_by_role("button", name="Add the commitment").click()
    promise_row = page.locator("#commitments tbody tr", has_text=PROMISE)
    expect(promise_row).to_contain_text("Logistics")
    expect(promise_row).to_contain_text(due.strftime("%d/%m/%Y"))
    expect(promise_row.locator(".badge", has_text="Open")).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("1 open")
    page.shot("meetings-4-commitment")

    # 5. Logistics lands on its queue, sees the promise (the account named, not linked), closes it.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login/**")
    log_in("logistics", LOGISTICS_PASSWORD)
    assert page.url.endswith(reverse("meetings:commitments"))
    queue_row = page.locator("tr", has_text=PROMISE)
    expect(queue_row).to_contain_text("Волга Ритейл")
    expect(queue_row).to_contain_text("20 pallets")
    assert queue_row.get_by_role("link", name="Волга Ритейл").count() == 0
    assert queue_row.get_by_role("link", name="Annual review 2026").count() == 0
    expect(page.locator("main")).not_to_contain_text("Reconcile the bonus payments")
    page.shot("meetings-5-queue")

    queue_row.locator("input[name=note]").fill("Delivered on pallets, waybill 4471")
    queue_row.get_by_role("button", name="Mark done").click()
    expect(queue_row.get_by_role("status")).to_have_text("Saved.")
    expect(queue_row.locator(".badge", has_text="Done")).to_be_visible()
    expect(queue_row.get_by_role("button", name="Mark done")).to_have_count(0)
    page.shot("meetings-6-done")

    queue_row.get_by_role("link", name=PROMISE).click()
    page.wait_for_url("**/commitments/*/")
    expect(page.locator("h1 .badge")).to_have_text("Done")
    expect(page.locator(".timeline-entry")).to_have_count(2)  # recorded, then done
    step = page.locator(".timeline-entry").first  # newest first
    expect(step).to_contain_text("Open → Done")
    expect(step.locator(".entry-text")).to_have_text("Delivered on pallets, waybill 4471")
    expect(page.locator("main").get_by_role("link", name="Волга Ритейл")).to_have_count(0)

    assert not page.csp_violations(), page.csp_errors


def test_minutes_typed_but_not_saved_survive_saving_the_signals(live_server, annual_meeting, page, log_in):
    meeting = annual_meeting
    log_in("marina", KAM_PASSWORD)
    page.goto(live_server.url + reverse("meetings:detail", args=[meeting.pk]))
    page.get_by_role("button", name="Mark as held").click()
    minutes = page.locator("#minutes textarea[name=minutes]")
    minutes.fill("Volumes agreed; prices to be confirmed in writing.")
    page.locator("#signals input[name=client_questions]").fill("4")
    page.get_by_role("button", name="Save the signals").click()
    expect(page.locator("#signals .score")).to_have_text("2")

    # The minutes are still as typed, and save without a conflict.
    expect(minutes).to_have_value("Volumes agreed; prices to be confirmed in writing.")
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.locator("#minutes .minutes-text")).to_contain_text("Volumes agreed")
    assert not page.csp_violations(), page.csp_violations()
