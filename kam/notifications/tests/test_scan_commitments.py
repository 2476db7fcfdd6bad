"""The reminder scan over commitments: lead time, time zones, overdue once a day,
departments, escalation, people who left, and a cost that ignores far-future commitments."""

import datetime
import logging
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kam.notifications.models import Kind, Notification
from kam.notifications.scan import run_scan
from kam.notifications.tests.helpers import MORNING, TODAY, days, notifications_of, reminders_of
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, RegionFactory, UserFactory
from meetings.models import Commitment
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

VLADIVOSTOK = zoneinfo.ZoneInfo("Asia/Vladivostok")


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, title="Quarterly review")


def commit(meeting, *, due, to=None, department=None, **extra) -> Commitment:
    return CommitmentFactory(
        meeting=meeting, due_on=due, assignee_user=to, assignee_department=department, text="Ship 40 pallets", **extra
    )


# Lead time -------------------------------------------------------------------------------


def test_due_exactly_at_the_lead_time_is_reminded_one_day_more_is_not(frozen, meeting, team_member):
    on_edge = commit(meeting, due=days(3), to=team_member)
    commit(meeting, due=days(4), to=team_member)
    run_scan()
    [reminder] = reminders_of(team_member)
    assert (reminder.kind, reminder.object_id, reminder.occasion) == (Kind.DUE_SOON, on_edge.pk, days(3))


def test_the_users_own_lead_time_counts(frozen, meeting, team_member):
    team_member.reminder_lead_days = 10
    team_member.save()
    commit(meeting, due=days(10), to=team_member)
    commit(meeting, due=days(11), to=team_member)
    run_scan()
    assert [r.occasion for r in reminders_of(team_member)] == [days(10)]


def test_lead_time_zero_reminds_on_the_day(frozen, meeting, team_member):
    team_member.reminder_lead_days = 0
    team_member.save()
    commit(meeting, due=days(1), to=team_member)
    run_scan()
    assert reminders_of(team_member) == []
    commit(meeting, due=TODAY, to=team_member)
    run_scan()
    assert [r.occasion for r in reminders_of(team_member)] == [TODAY]


def test_due_soon_is_sent_once_however_many_scans(frozen, meeting, team_member):
    commit(meeting, due=days(2), to=team_member)
    run_scan()
    run_scan()
    frozen(MORNING + datetime.timedelta(days=1))
    run_scan()
    assert len(reminders_of(team_member)) == 1
    assert len(notifications_of(team_member)) == 1


def test_done_and_cancelled_commitments_are_not_reminded(frozen, meeting, team_member):
    commit(meeting, due=days(1), to=team_member, status=Commitment.Status.DONE)
    commit(meeting, due=days(-3), to=team_member, status=Commitment.Status.CANCELLED)
    run_scan()
    assert reminders_of(team_member) == []


# Time zones ------------------------------------------------------------------------------


def test_midnight_in_vladivostok_is_already_tomorrow_there_but_not_in_moscow(frozen, meeting, team_member, owner):
    team_member.time_zone = "Asia/Vladivostok"
    team_member.reminder_lead_days = 0
    team_member.save()
    owner.reminder_lead_days = 0
    owner.save()
    far_east = commit(meeting, due=days(1), to=team_member)
    moscow = commit(meeting, due=days(1), to=owner)
    # 23:59 in Vladivostok on 1 December: tomorrow's commitment is not due yet for anyone.
    frozen(datetime.datetime(2026, 12, 1, 23, 59, tzinfo=VLADIVOSTOK))
    run_scan()
    assert reminders_of(team_member) == [] and reminders_of(owner) == []
    # 00:00 there: 2 December has begun in Vladivostok (it is 17:00 on the 1st in Moscow).
    frozen(datetime.datetime(2026, 12, 2, 0, 0, tzinfo=VLADIVOSTOK))
    run_scan()
    assert [(r.kind, r.object_id) for r in reminders_of(team_member)] == [(Kind.DUE_SOON, far_east.pk)]
    assert reminders_of(owner) == []
    # Midnight in Moscow: now the Moscow assignee is reminded too.
    frozen(datetime.datetime(2026, 12, 2, 0, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow")))
    run_scan()
    assert [(r.kind, r.object_id) for r in reminders_of(owner)] == [(Kind.DUE_SOON, moscow.pk)]


def test_overdue_starts_at_the_assignees_midnight(frozen, meeting, team_member):
    team_member.time_zone = "Asia/Vladivostok"
    team_member.save()
    commit(meeting, due=TODAY, to=team_member)
    frozen(datetime.datetime(2026, 12, 1, 23, 59, tzinfo=VLADIVOSTOK))
    run_scan()
    assert [r.kind for r in reminders_of(team_member)] == [Kind.DUE_SOON]
    frozen(datetime.datetime(2026, 12, 2, 0, 0, tzinfo=VLADIVOSTOK))
    run_scan()
    overdue = reminders_of(team_member, Kind.OVERDUE)
    assert [r.occasion for r in overdue] == [days(1)]  # the assignee's own date


# Overdue, once a day ---------------------------------------------------------------------


def test_overdue_repeats_once_a_day_until_done(frozen, meeting, team_member):
    late = commit(meeting, due=days(-3), to=team_member)
    run_scan()
    frozen(MORNING + datetime.timedelta(hours=6))
    run_scan()
    assert [r.occasion for r in reminders_of(team_member, Kind.OVERDUE)] == [TODAY]
    frozen(MORNING + datetime.timedelta(days=1))
    run_scan()
    assert [r.occasion for r in reminders_of(team_member, Kind.OVERDUE)] == [TODAY, days(1)]
    Commitment.objects.filter(pk=late.pk).update(status=Commitment.Status.DONE)
    frozen(MORNING + datetime.timedelta(days=2))
    run_scan()
    assert len(reminders_of(team_member, Kind.OVERDUE)) == 2


# Departments -----------------------------------------------------------------------------


def test_a_department_commitment_reminds_every_active_member(frozen, meeting, caplog):
    finance = DepartmentFactory(name="Finance", slug="finance")
    members = [UserFactory(role=Role.DEPARTMENT, department=finance) for _ in range(3)]
    gone = UserFactory(username="retired", role=Role.DEPARTMENT, department=finance, is_active=False)
    commit(meeting, due=days(1), department=finance)
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        run_scan()
    for member in members:
        assert [r.kind for r in reminders_of(member)] == [Kind.DUE_SOON]
    assert reminders_of(gone) == []
    assert "inactive member retired of Finance skipped" in caplog.text


def test_an_emptied_department_hands_the_reminder_to_the_account_owner(frozen, meeting, owner, team_member, caplog):
    legal = DepartmentFactory(name="Legal", slug="legal")
    UserFactory(role=Role.DEPARTMENT, department=legal, is_active=False)
    orphan = commit(meeting, due=days(1), department=legal)
    mine = commit(meeting, due=days(1), to=team_member)
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        result = run_scan()
    assert [r.object_id for r in reminders_of(owner)] == [orphan.pk]
    assert [r.object_id for r in reminders_of(team_member)] == [mine.pk]
    assert "department Legal has no active members; rerouted to the account owner owner" in caplog.text
    assert result.new == 2


# People who left --------------------------------------------------------------------------


def test_a_deactivated_assignee_does_not_stop_the_scan(frozen, meeting, owner, team_member, other_kam, caplog):
    other_kam.is_active = False
    other_kam.save()
    theirs = commit(meeting, due=days(1), to=other_kam)
    mine = commit(meeting, due=days(1), to=team_member)
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        run_scan()
    assert reminders_of(other_kam) == []
    assert [r.object_id for r in reminders_of(team_member)] == [mine.pk]
    assert [r.object_id for r in reminders_of(owner)] == [theirs.pk]
    assert f"commitment {theirs.pk}: assignee otherkam is inactive; rerouted to the account owner owner" in caplog.text


def test_a_deleted_assignee_reroutes_to_the_accounts_current_owner(frozen, meeting, account, other_kam, caplog):
    leaver = UserFactory(username="leaver")
    orphan = commit(meeting, due=days(-1), to=leaver)
    leaver.delete()
    # The account was reassigned meanwhile: the current owner is reminded.
    account.owner = other_kam
    account.save()
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        run_scan()
    assert [(r.kind, r.object_id) for r in reminders_of(other_kam)] == [(Kind.OVERDUE, orphan.pk)]
    assert "its assignee was deleted" in caplog.text


def test_an_inactive_owner_as_well_skips_only_that_reminder(frozen, account, owner, team_member, caplog):
    meeting = MeetingFactory(account=account)
    commit(meeting, due=days(1), to=UserFactory(username="gone", is_active=False))
    mine = commit(meeting, due=days(1), to=team_member)
    owner.is_active = False
    owner.save()
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        run_scan()
    assert [r.object_id for r in reminders_of(team_member)] == [mine.pk]
    assert "nobody reminded" in caplog.text


# Escalation ------------------------------------------------------------------------------


def test_escalated_once_to_the_regions_directors_after_seven_days(frozen, meeting, director, other_director):
    all_regions = UserFactory(username="chief", role=Role.DIRECTOR)
    seven = commit(meeting, due=days(-7), to=UserFactory())
    eight = commit(meeting, due=days(-8), to=UserFactory())
    run_scan()
    assert [(r.kind, r.object_id, r.occasion) for r in reminders_of(director)] == [(Kind.ESCALATED, eight.pk, days(-8))]
    # The region has a director of its own: neither the other region's nor the all-regions one.
    assert reminders_of(other_director) == [] and reminders_of(all_regions) == []
    frozen(MORNING + datetime.timedelta(days=1))
    run_scan()
    escalated = reminders_of(director, Kind.ESCALATED)
    assert sorted(r.object_id for r in escalated) == sorted([seven.pk, eight.pk])
    assert len(escalated) == 2


def test_a_region_without_a_director_escalates_to_the_directors_of_all_regions(frozen, owner, director):
    from accounts.tests.factories import AccountFactory

    lonely = AccountFactory(owner=owner, region=RegionFactory(name="East", code="east"))
    chief = UserFactory(username="chief", role=Role.DIRECTOR)
    late = commit(MeetingFactory(account=lonely), due=days(-10), to=owner)
    run_scan()
    assert [(r.kind, r.object_id) for r in reminders_of(chief)] == [(Kind.ESCALATED, late.pk)]
    assert reminders_of(director) == []


def test_the_notification_links_to_the_commitment_and_says_what_is_due(frozen, meeting, team_member, account):
    late = commit(meeting, due=days(-2), to=team_member)
    run_scan()
    [notification] = notifications_of(team_member)
    assert notification.url == late.get_absolute_url()
    assert notification.params["due"] == days(-2).isoformat()
    assert "Ship 40 pallets" in notification.text
    assert account.name in notification.text
    assert "overdue" in notification.text


# Cost ------------------------------------------------------------------------------------


def _scan_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        run_scan()
    return len(queries.captured_queries)


def test_the_scans_queries_do_not_grow_with_commitments_needing_no_reminder(frozen, meeting, team_member):
    finance = DepartmentFactory(name="Finance", slug="finance")
    UserFactory(role=Role.DEPARTMENT, department=finance)
    commit(meeting, due=days(1), to=team_member)
    commit(meeting, due=days(-9), department=finance)
    for n in range(5):
        commit(meeting, due=days(60 + n), to=team_member)
    run_scan()
    few = _scan_queries()
    for n in range(45):
        commit(meeting, due=days(60 + n), department=finance if n % 2 else None, to=None if n % 2 else team_member)
    assert _scan_queries() == few


def test_many_new_reminders_take_a_handful_of_queries(frozen, meeting, team_member, director):
    for _n in range(60):
        commit(meeting, due=days(-8), to=team_member)
    with CaptureQueriesContext(connection) as queries:
        result = run_scan()
    assert result.new == 120  # overdue to the assignee, escalated to the director
    assert Notification.objects.count() == 120
    assert len(queries.captured_queries) <= 15
