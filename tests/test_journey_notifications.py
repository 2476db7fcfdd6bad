"""Reminders in a real browser: the bell loads its count with htmx, the list opens, one
notification is marked read in place, the commitment shows its reminder history, and the
profile's reminder settings save."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.notifications.scan import run_scan
from kam.users.models import Role
from kam.users.tests.factories import UserFactory
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long reminders password"


@pytest.fixture
def kam():
    """A KAM with commitments due and overdue, reminded by a scan, before the browser starts."""
    user = UserFactory(username="irina", first_name="Ирина", last_name="Соколова", role=Role.KAM)
    user.set_password(PASSWORD)
    user.save()
    account = AccountFactory(name="Волга Ритейл", owner=user)
    meeting = MeetingFactory(account=account, title="Quarterly review")
    today = timezone.localdate()
    for text, due in [
        ("Send the signed supply contract", today + datetime.timedelta(days=2)),
        ("Deliver 40 pallets to the Samara warehouse", today - datetime.timedelta(days=3)),
        ("Agree the promo calendar for Q1", today + datetime.timedelta(days=1)),
    ]:
        CommitmentFactory(meeting=meeting, assignee_user=user, text=text, due_on=due)
    run_scan()
    return user


def test_kam_reads_reminders(live_server, kam, page, log_in):
    log_in("irina", PASSWORD)
    page.goto(live_server.url + reverse("users:profile"))
    bell = page.locator("a.bell")
    bell.locator(".bell-count").wait_for()
    assert bell.locator(".bell-count").inner_text() == "3"
    page.shot("notifications-bell")
    bell.click()
    page.wait_for_url("**/notifications/")
    page.shot("notifications-list")
    first = page.locator(".notification").first
    first.get_by_role("button", name="Mark as read").click()
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator(".notification.is-unread")).to_have_count(2)
    page.locator(".notification-text").first.click()
    page.wait_for_url("**/commitments/**")
    page.shot("notifications-commitment-history")
    assert page.get_by_text("Reminders sent").is_visible()
    page.goto(live_server.url + reverse("users:profile"))
    page.fill("input[name=reminder_lead_days]", "45")
    page.locator("#reminders button[type=submit]").click()
    page.shot("notifications-profile-error")
    assert page.get_by_text("less than or equal to 30").is_visible()
    page.fill("input[name=reminder_lead_days]", "5")
    page.check("input[name=email_mode][value=digest]")
    page.locator("#reminders button[type=submit]").click()
    page.get_by_text("Your reminder settings are saved.").wait_for()
    page.shot("notifications-profile")
    assert not page.csp_violations(), page.csp_errors
