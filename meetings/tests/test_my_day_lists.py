""" "My day": the plans to write or rework, the plan stages due, the accounts with no contact
for 60 days, the unread notifications, and the page's query count."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import Account
from accounts.tests.factories import AccountFactory, DossierEntryFactory
from kam.notifications.models import Notification
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory, add_checklist
from planning.models import AccountPlan, PlanTransition, SalesPlan
from planning.tests.factories import AccountPlanFactory, PlanStageFactory, SalesRecordFactory

pytestmark = pytest.mark.django_db

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
NOW = datetime.datetime(2026, 10, 6, 9, 0, tzinfo=MOSCOW)  # a Tuesday in the planning season
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def names(rows) -> list[str]:
    return [row.name for row in rows]


def sold(account, month=datetime.date(2025, 6, 1)):
    return SalesRecordFactory(account=account, month=month, revenue=Decimal("1000.00"))


def plan(account, *, year=2027, status=SalesPlan.Status.DRAFT, author=None):
    return SalesPlan.objects.create(year=year, account=account, author=author or account.owner, status=status)


# Sales plans -------------------------------------------------------------------------------


def test_returned_plan_shows_the_directors_last_comment_before_drafts(client_for, owner, director, account):
    draft = plan(AccountFactory(owner=owner, name="Draft Co"))
    returned = plan(account, status=SalesPlan.Status.RETURNED)
    PlanTransition.objects.create(
        plan=returned, from_status="submitted", to_status="returned", by=director, comment="Too low"
    )
    PlanTransition.objects.create(plan=returned, from_status="returned", to_status="submitted", by=owner)
    PlanTransition.objects.create(
        plan=returned, from_status="submitted", to_status="returned", by=director, comment="Add the Q3 launch"
    )
    plan(AccountFactory(owner=owner), status=SalesPlan.Status.SUBMITTED)
    plan(AccountFactory(owner=owner), status=SalesPlan.Status.APPROVED)
    response = client_for(owner).get("/")
    assert [p.pk for p in response.context["plans"]] == [returned.pk, draft.pk]
    assert response.context["plan_count"] == 2
    assert response.context["plans"][0].returned_comment == "Add the Q3 launch"
    html = response.content.decode()
    assert "Add the Q3 launch" in html
    assert "Too low" not in html
    assert director.get_full_name() in html
    assert returned.get_absolute_url() in html


def test_team_member_sees_the_accounts_plans_other_kam_does_not(client_for, team_member, other_kam, account):
    plan(account, status=SalesPlan.Status.RETURNED)
    assert len(client_for(team_member).get("/").context["plans"]) == 1
    assert client_for(other_kam).get("/").context["plans"] == []


def test_director_sees_their_own_regional_draft(client_for, director, region):
    regional = SalesPlan.objects.create(year=2027, region=region, author=director)
    assert [p.pk for p in client_for(director).get("/my-day/").context["plans"]] == [regional.pk]


def test_accounts_without_next_years_plan_are_listed_from_october(client_for, owner, account):
    sold(account)
    with_plan = AccountFactory(owner=owner, name="Already planned")
    sold(with_plan)
    plan(with_plan, status=SalesPlan.Status.APPROVED)
    never_bought = AccountFactory(owner=owner, name="Never bought")
    sold(AccountFactory(owner=owner, name="Bought two years ago"), month=datetime.date(2024, 12, 1))
    this_year = AccountFactory(owner=owner, name="Bought this year")
    sold(this_year, month=datetime.date(2026, 4, 1))
    response = client_for(owner).get("/")
    assert names(response.context["plans_to_write"]) == ["Bought this year", account.name]
    assert response.context["plans_to_write_count"] == 2
    assert response.context["plan_year"] == 2027
    html = response.content.decode()
    assert f"{reverse('planning:plan_create')}?account={account.pk}" in html
    assert f"?account={never_bought.pk}" not in html


def test_no_plans_to_write_before_october(client_for, owner, account):
    sold(account)
    with time_machine.travel(datetime.datetime(2026, 9, 30, 23, 59, tzinfo=MOSCOW), tick=False):
        response = client_for(owner).get("/")
    assert response.context["plans_to_write"] == []
    assert response.context["plan_year"] is None
    assert "Next year's sales plans are written from October" in response.content.decode()
    with time_machine.travel(datetime.datetime(2026, 10, 1, 0, 0, tzinfo=MOSCOW), tick=False):
        assert names(client_for(owner).get("/").context["plans_to_write"]) == [account.name]


def test_plans_to_write_are_only_the_kams_own_accounts(client_for, team_member, other_kam, director, account):
    sold(account)
    assert names(client_for(team_member).get("/").context["plans_to_write"]) == [account.name]
    assert client_for(other_kam).get("/").context["plans_to_write"] == []
    # A director reads the region's accounts but writes no account's plan.
    assert client_for(director).get("/my-day/").context["plans_to_write"] == []


# Development plan stages -------------------------------------------------------------------


def test_my_stages_due_this_week_or_overdue(client_for, owner, team_member, account):
    development = AccountPlanFactory(account=account, author=owner)
    PlanStageFactory(plan=development, title="late", deadline=days(-1))
    PlanStageFactory(plan=development, title="today", deadline=days(0))
    PlanStageFactory(plan=development, title="sixth day", deadline=days(6))
    PlanStageFactory(plan=development, title="next week", deadline=days(7))
    PlanStageFactory(plan=development, title="done", deadline=days(-3), done_at=NOW)
    PlanStageFactory(plan=development, title="the team's", deadline=days(1), owner=team_member)
    closed = AccountPlanFactory(account=account, author=owner, year=2025, status=AccountPlan.Status.CLOSED)
    PlanStageFactory(plan=closed, title="on a closed plan", deadline=days(-1))
    response = client_for(owner).get("/")
    stages = response.context["stages"]
    assert [s.title for s in stages] == ["late", "today", "sixth day"]
    assert [s.is_overdue for s in stages] == [True, False, False]
    assert response.context["stage_count"] == 3
    assert f"{development.get_absolute_url()}#stages" in response.content.decode()
    assert [s.title for s in client_for(team_member).get("/").context["stages"]] == ["the team's"]


def test_a_stage_on_an_account_i_no_longer_see_does_not_show(client_for, owner, other_kam):
    hidden = AccountPlanFactory(account=AccountFactory(owner=other_kam))
    PlanStageFactory(plan=hidden, owner=owner, deadline=days(1))
    assert client_for(owner).get("/").context["stages"] == []


def test_plans_empty_state(client_for, owner):
    html = client_for(owner).get("/").content.decode()
    assert "No plan is waiting on you." in html
    assert "Every account you sell to has its plan for 2027." in html


# Accounts with no contact for 60 days --------------------------------------------------------


def test_sixty_days_is_recent_sixty_one_is_quiet(client_for, owner):
    recent = AccountFactory(owner=owner, name="Entry 60 days ago")
    DossierEntryFactory(account=recent, occurred_on=days(-60))
    quiet = AccountFactory(owner=owner, name="Entry 61 days ago")
    DossierEntryFactory(account=quiet, occurred_on=days(-61))
    response = client_for(owner).get("/")
    assert names(response.context["quiet_accounts"]) == ["Entry 61 days ago"]
    assert response.context["quiet_accounts"][0].last_contact == days(-61)


def test_a_held_meeting_counts_by_the_users_local_date(client_for, owner):
    # 61 days ago at 23:30 in Moscow is 60 days ago in Vladivostok.
    late_evening = datetime.datetime.combine(days(-61), datetime.time(23, 30), tzinfo=MOSCOW)
    account = AccountFactory(owner=owner, name="Met late in the evening")
    MeetingFactory(account=account, starts_at=late_evening, status=Meeting.Status.HELD)
    assert names(client_for(owner).get("/").context["quiet_accounts"]) == [account.name]
    owner.time_zone = "Asia/Vladivostok"
    owner.save(update_fields=["time_zone"])
    assert client_for(owner).get("/").context["quiet_accounts"] == []


def test_only_held_meetings_and_dossier_entries_count(client_for, owner):
    planned = AccountFactory(owner=owner, name="Only planned")
    MeetingFactory(account=planned, starts_at=NOW - datetime.timedelta(days=5))
    cancelled = AccountFactory(owner=owner, name="Only cancelled")
    MeetingFactory(account=cancelled, starts_at=NOW - datetime.timedelta(days=5), status=Meeting.Status.CANCELLED)
    held = AccountFactory(owner=owner, name="Held")
    MeetingFactory(account=held, starts_at=NOW - datetime.timedelta(days=5), status=Meeting.Status.HELD)
    old_meeting = AccountFactory(owner=owner, name="Old meeting, new entry")
    MeetingFactory(account=old_meeting, starts_at=NOW - datetime.timedelta(days=200), status=Meeting.Status.HELD)
    DossierEntryFactory(account=old_meeting, occurred_on=days(-3))
    AccountFactory(owner=owner, name="Lost", status=Account.Status.LOST)
    response = client_for(owner).get("/")
    assert names(response.context["quiet_accounts"]) == ["Only cancelled", "Only planned"]
    assert all(a.last_contact is None for a in response.context["quiet_accounts"])
    assert "never contacted" in response.content.decode()


def test_oldest_contact_first_and_never_before_all(client_for, owner):
    for name, ago in (("Two months", 62), ("Half a year", 180), ("A year", 365)):
        DossierEntryFactory(account=AccountFactory(owner=owner, name=name), occurred_on=days(-ago))
    AccountFactory(owner=owner, name="Never")
    assert names(client_for(owner).get("/").context["quiet_accounts"]) == [
        "Never",
        "A year",
        "Half a year",
        "Two months",
    ]


def test_quiet_list_is_cut_with_a_count_and_a_link_to_all(client_for, owner):
    for n in range(10):
        AccountFactory(owner=owner, name=f"Quiet {n:02d}")
    client = client_for(owner)
    response = client.get("/")
    assert len(response.context["quiet_accounts"]) == 8
    assert response.context["quiet_count"] == 10
    assert 'href="?quiet=all#quiet"' in response.content.decode()
    assert len(client.get("/?quiet=all").context["quiet_accounts"]) == 10


def test_quiet_accounts_are_my_own_and_my_teams_only(client_for, owner, team_member, other_kam, director, account):
    AccountFactory(owner=other_kam, name="Someone else's")
    assert names(client_for(owner).get("/").context["quiet_accounts"]) == [account.name]
    assert names(client_for(team_member).get("/").context["quiet_accounts"]) == [account.name]
    assert names(client_for(other_kam).get("/").context["quiet_accounts"]) == ["Someone else's"]
    # A director sees the region's accounts elsewhere; none is theirs.
    assert client_for(director).get("/my-day/").context["quiet_accounts"] == []


# Notifications -------------------------------------------------------------------------------


def notify(user, n: int, *, read: bool = False, account=None):
    account_type = ContentType.objects.get_for_model(Account)
    for i in range(n):
        Notification.objects.create(
            recipient=user,
            kind=Notification.Kind.DUE_SOON,
            content_type=account_type,
            object_id=1,
            url="/",
            params={"title": f"Sample {i}", "account": "ACME", "due": "2026-10-08"},
            created_at=NOW - datetime.timedelta(minutes=n - i),
            read_at=NOW if read else None,
        )


def test_unread_count_and_the_latest_five(client_for, owner, other_kam):
    notify(owner, 7)
    notify(owner, 2, read=True)
    notify(other_kam, 3)
    response = client_for(owner).get("/")
    assert response.context["unread"] == 7
    latest = response.context["notifications"]
    assert [n.params["title"] for n in latest] == ["Sample 6", "Sample 5", "Sample 4", "Sample 3", "Sample 2"]
    html = response.content.decode()
    assert reverse("notifications:open", args=[latest[0].pk]) in html
    assert "Commitment “Sample 6” (ACME) is due on" in html


def test_no_unread_notifications(client_for, owner):
    notify(owner, 2, read=True)
    response = client_for(owner).get("/")
    assert response.context["unread"] == 0
    assert "You have read everything." in response.content.decode()


# Query count ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "director", "admin_user"])
def test_query_count_is_the_same_for_2_and_20_of_each(
    request, client_for, owner, team_member, region, director, persona, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(persona))

    def add(n):
        for i in range(n):
            account = AccountFactory(owner=owner, team=[team_member], region=region)
            sold(account)
            meeting = MeetingFactory(
                account=account,
                kind=Meeting.Kind.ANNUAL,
                starts_at=NOW + datetime.timedelta(days=i % 7, hours=i % 10),
                attendees=[owner, team_member],
            )
            add_checklist(meeting, status=ChecklistItem.Status.DRAFT)
            CommitmentFactory(meeting=meeting, due_on=days(i % 5 - 2))
            CommitmentFactory(meeting=meeting, due_on=days(i % 5 - 2), assignee_user=request.getfixturevalue(persona))
            returned = plan(account, status=SalesPlan.Status.RETURNED, year=2026)
            PlanTransition.objects.create(
                plan=returned, from_status="submitted", to_status="returned", by=director, comment="More"
            )
            development = AccountPlanFactory(account=account, author=owner)
            PlanStageFactory(plan=development, deadline=days(i % 5 - 2), owner=request.getfixturevalue(persona))
            DossierEntryFactory(account=account, occurred_on=days(-70 - i))
            notify(request.getfixturevalue(persona), 1)

    add(2)
    with django_assert_max_num_queries(20) as few:
        response = client.get("/my-day/")
    assert response.status_code == 200
    assert response.context["unread"] == 2
    add(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/my-day/")
    assert response.context["unread"] == 20
    if persona != "admin_user":  # an administrator attends none of them
        assert response.context["meeting_counts"]["week"] == 20
    if persona in ("owner", "team_member"):
        assert response.context["quiet_count"] == 20
        assert response.context["plans_to_write_count"] == 20
        assert response.context["plan_count"] == 20
        assert response.context["commitment_counts"]["waiting"] > 0
    assert response.context["stage_count"] == 20
    print(f"{persona}: {len(few.captured_queries)} queries")


def test_director_has_no_quiet_accounts_section_and_a_plans_hint_of_their_own(client_for, director, account):
    html = client_for(director).get("/my-day/").content.decode()
    assert 'id="quiet-title"' not in html
    assert "Your regional plans show here while they are drafts or returned" in html
