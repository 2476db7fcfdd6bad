"""The reminder scan's other sources: development plan stages, annual meetings whose
checklist is not ready, and sales plans waiting for a director."""

import datetime
import logging

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from kam.notifications.models import Kind
from kam.notifications.scan import run_scan
from kam.notifications.tests.helpers import MORNING, TODAY, days, notifications_of, reminders_of
from kam.users.models import Role
from kam.users.tests.factories import RegionFactory, UserFactory
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import MeetingFactory, add_checklist
from planning.models import PlanTransition, SalesPlan
from planning.tests.factories import AccountPlanFactory, PlanStageFactory

pytestmark = pytest.mark.django_db


# Development plan stages -----------------------------------------------------------------


@pytest.fixture
def plan(account):
    return AccountPlanFactory(account=account)


def test_a_stage_due_within_lead_time_reminds_its_owner(frozen, plan, team_member):
    stage = PlanStageFactory(plan=plan, owner=team_member, deadline=days(3), title="Pilot delivery")
    PlanStageFactory(plan=plan, owner=team_member, deadline=days(4))
    run_scan()
    [reminder] = reminders_of(team_member)
    assert (reminder.kind, reminder.object_id, reminder.occasion) == (Kind.DUE_SOON, stage.pk, days(3))
    [notification] = notifications_of(team_member)
    assert notification.url == reverse("planning:account_plan", args=[plan.pk]) + f"#stage-{stage.pk}"
    assert notification.text.startswith("Plan stage “Pilot delivery”")


def test_an_overdue_stage_is_reminded_daily_until_done(frozen, plan, team_member):
    stage = PlanStageFactory(plan=plan, owner=team_member, deadline=days(-1))
    run_scan()
    run_scan()
    frozen(MORNING + datetime.timedelta(days=1))
    run_scan()
    assert [r.occasion for r in reminders_of(team_member, Kind.OVERDUE)] == [TODAY, days(1)]
    stage.done_at = MORNING
    stage.save()
    frozen(MORNING + datetime.timedelta(days=2))
    run_scan()
    assert len(reminders_of(team_member)) == 2


def test_a_stage_without_an_active_owner_goes_to_the_account_owner(frozen, plan, owner, caplog):
    stage = PlanStageFactory(plan=plan, owner=UserFactory(username="left", is_active=False), deadline=days(1))
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        run_scan()
    assert [r.object_id for r in reminders_of(owner)] == [stage.pk]
    assert f"plan stage {stage.pk}: owner left is inactive; rerouted to the account owner owner" in caplog.text


# Annual meetings -------------------------------------------------------------------------


def annual(account, *, in_days: int, **extra) -> Meeting:
    return MeetingFactory(
        account=account,
        kind=Meeting.Kind.ANNUAL,
        title="Annual review",
        starts_at=MORNING + datetime.timedelta(days=in_days, hours=2),
        **extra,
    )


def test_an_unready_annual_meeting_within_14_days_reminds_owner_and_attendees(frozen, account, owner, team_member):
    meeting = annual(account, in_days=14, attendees=[team_member])
    items = add_checklist(meeting, ChecklistItem.Status.READY)
    ChecklistItem.objects.filter(pk=items[0].pk).update(status=ChecklistItem.Status.DRAFT)
    run_scan()
    for person in (owner, team_member):
        [reminder] = reminders_of(person)
        assert (reminder.kind, reminder.object_id, reminder.occasion) == (Kind.CHECKLIST_UNREADY, meeting.pk, days(14))
    [notification] = notifications_of(owner)
    assert notification.params["readiness"] == 94
    assert "94 % prepared" in notification.text
    run_scan()
    assert len(reminders_of(owner)) == 1


def test_ready_far_regular_or_cancelled_meetings_are_not_reminded(frozen, account, owner):
    add_checklist(annual(account, in_days=5), ChecklistItem.Status.READY)
    annual(account, in_days=16)
    annual(account, in_days=3, status=Meeting.Status.CANCELLED)
    MeetingFactory(account=account, starts_at=MORNING + datetime.timedelta(days=3))
    run_scan()
    assert reminders_of(owner) == []


def test_an_annual_meeting_with_no_checklist_at_all_is_unready(frozen, account, owner):
    meeting = annual(account, in_days=2)
    run_scan()
    assert [r.object_id for r in reminders_of(owner, Kind.CHECKLIST_UNREADY)] == [meeting.pk]


def test_a_rescheduled_meeting_is_reminded_again_for_its_new_date(frozen, account, owner):
    meeting = annual(account, in_days=10)
    run_scan()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at + datetime.timedelta(days=2))
    run_scan()
    assert [r.occasion for r in reminders_of(owner)] == [days(10), days(12)]


# Sales plans waiting for a decision ------------------------------------------------------


def submitted(*, author, days_ago: float, account=None, region=None) -> SalesPlan:
    plan = SalesPlan.objects.create(
        year=2027, account=account, region=region, author=author, status=SalesPlan.Status.SUBMITTED
    )
    step = PlanTransition.objects.create(
        plan=plan, from_status=SalesPlan.Status.DRAFT, to_status=SalesPlan.Status.SUBMITTED, by=author
    )
    PlanTransition.objects.filter(pk=step.pk).update(at=MORNING - datetime.timedelta(days=days_ago))
    return plan


def test_a_plan_waiting_more_than_two_days_reminds_the_regions_directors(
    frozen, account, owner, director, other_director
):
    chief = UserFactory(username="chief", role=Role.DIRECTOR)
    waiting = submitted(author=owner, account=account, days_ago=2.1)
    submitted(author=owner, account=AccountFactory(owner=owner, region=account.region), days_ago=1.9)
    run_scan()
    [reminder] = reminders_of(director)
    since = (MORNING - datetime.timedelta(days=2.1)).date()
    assert (reminder.kind, reminder.object_id, reminder.occasion) == (Kind.APPROVAL_WAITING, waiting.pk, since)
    assert reminders_of(other_director) == [] and reminders_of(chief) == [] and reminders_of(owner) == []
    assert "Olga Owner" in notifications_of(director)[0].text
    run_scan()
    assert len(reminders_of(director)) == 1


def test_a_resubmitted_plan_is_reminded_again(frozen, account, owner, director):
    plan = submitted(author=owner, account=account, days_ago=10)
    run_scan()
    again = PlanTransition.objects.create(
        plan=plan, from_status=SalesPlan.Status.RETURNED, to_status=SalesPlan.Status.SUBMITTED, by=owner
    )
    PlanTransition.objects.filter(pk=again.pk).update(at=MORNING - datetime.timedelta(days=3))
    run_scan()
    assert len(reminders_of(director, Kind.APPROVAL_WAITING)) == 2


def test_a_regional_plan_goes_to_the_other_directors_never_its_author(frozen, region, director):
    chief = UserFactory(username="chief", role=Role.DIRECTOR)
    second = UserFactory(username="second", role=Role.DIRECTOR, regions=[region])
    plan = submitted(author=director, region=region, days_ago=3)
    run_scan()
    assert reminders_of(director) == [] and reminders_of(chief) == []
    assert [r.object_id for r in reminders_of(second)] == [plan.pk]


def test_a_region_without_its_own_director_goes_to_the_directors_of_all_regions(frozen, owner, director):
    east = RegionFactory(name="East", code="east")
    chief = UserFactory(username="chief", role=Role.DIRECTOR)
    plan = submitted(author=owner, account=AccountFactory(owner=owner, region=east), days_ago=3)
    run_scan()
    assert [r.object_id for r in reminders_of(chief)] == [plan.pk]
    assert reminders_of(director) == []


def test_approved_plans_are_not_reminded(frozen, account, owner, director):
    plan = submitted(author=owner, account=account, days_ago=5)
    SalesPlan.objects.filter(pk=plan.pk).update(status=SalesPlan.Status.APPROVED)
    run_scan()
    assert reminders_of(director) == []


def test_a_plans_stages_histories_come_in_one_query(frozen, plan, team_member, django_assert_num_queries):
    from kam.notifications.selectors import reminder_history_by_target
    from planning.models import PlanStage

    stages = [PlanStageFactory(plan=plan, owner=team_member, deadline=days(n)) for n in (-1, 1, 20)]
    run_scan()
    reminder_history_by_target(model=PlanStage, ids=[])  # the content type is cached after its first use
    with django_assert_num_queries(1):
        histories = reminder_history_by_target(model=PlanStage, ids=[stage.pk for stage in stages])
    assert [r.kind for r in histories[stages[0].pk]] == [Kind.OVERDUE]
    assert [r.kind for r in histories[stages[1].pk]] == [Kind.DUE_SOON]
    assert stages[2].pk not in histories
