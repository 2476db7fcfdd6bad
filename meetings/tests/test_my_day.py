""" "My day" at /: the week's meetings with readiness, and the commitments that concern the
user, overdue first."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from meetings.models import ChecklistItem, Commitment, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory, add_checklist

pytestmark = pytest.mark.django_db

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=MOSCOW)  # a Tuesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(days: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(TODAY + datetime.timedelta(days=days), datetime.time(hour), tzinfo=MOSCOW)


def due(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def titles(meetings) -> list[str]:
    return [m.title for m in meetings]


def texts(commitments) -> list[str]:
    return [c.text for c in commitments]


def test_department_member_is_sent_to_the_queue(client_for, department_member):
    response = client_for(department_member).get("/")
    assert response.status_code == 302
    assert response.url == reverse("meetings:commitments")


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_is_not_allowed(client_for, owner):
    assert client_for(owner).post("/").status_code == 405


def test_owner_sees_today_and_the_week_in_time_order(client_for, owner, account):
    MeetingFactory(account=account, title="Later today", starts_at=at(0, 15))
    MeetingFactory(account=account, title="This morning", starts_at=at(0, 8))
    MeetingFactory(account=account, title="Thursday", starts_at=at(2))
    MeetingFactory(account=account, title="Next Monday", starts_at=at(6))
    MeetingFactory(account=account, title="Too far", starts_at=at(7))
    MeetingFactory(account=account, title="Yesterday", starts_at=at(-1))
    MeetingFactory(account=account, title="Called off", starts_at=at(1), status=Meeting.Status.CANCELLED)
    response = client_for(owner).get("/")
    assert response.status_code == 200
    assert titles(response.context["today_meetings"]) == ["This morning", "Later today"]
    assert titles(response.context["later_meetings"]) == ["Thursday", "Next Monday"]
    assert response.context["meeting_counts"] == {"today": 2, "week": 4}


def test_today_is_the_users_today(client_for, owner, account):
    owner.time_zone = "Asia/Vladivostok"  # 16:00 there while it is 09:00 in Moscow
    owner.save(update_fields=["time_zone"])
    MeetingFactory(account=account, title="Vladivostok tomorrow 01:00", starts_at=at(0, 18))
    response = client_for(owner).get("/")
    assert titles(response.context["today_meetings"]) == []
    assert titles(response.context["later_meetings"]) == ["Vladivostok tomorrow 01:00"]


def test_kam_sees_meetings_they_attend_or_own_only(client_for, team_member, owner, account):
    MeetingFactory(account=account, title="Attending", starts_at=at(1), attendees=[team_member])
    MeetingFactory(account=account, title="Owner alone", starts_at=at(1, 12), attendees=[owner])
    response = client_for(team_member).get("/")
    assert titles(response.context["later_meetings"]) == ["Attending"]


def test_attending_a_meeting_of_an_account_one_cannot_see_does_not_show_it(client_for, owner, other_kam):
    hidden = AccountFactory(owner=other_kam)
    MeetingFactory(account=hidden, title="Not ours", starts_at=at(1), attendees=[owner])
    assert client_for(owner).get("/").context["later_meetings"] == []


def test_director_sees_the_weeks_meetings_of_their_regions(client_for, director, other_director, account):
    MeetingFactory(account=account, title="North meeting", starts_at=at(3))
    assert titles(client_for(director).get("/").context["later_meetings"]) == ["North meeting"]
    assert client_for(other_director).get("/").context["later_meetings"] == []


def test_other_kam_sees_nothing_of_the_account(client_for, other_kam, account):
    MeetingFactory(account=account, starts_at=at(0, 15))
    CommitmentFactory(meeting=MeetingFactory(account=account), due_on=due(-1))
    response = client_for(other_kam).get("/")
    assert response.context["today_meetings"] == []
    assert response.context["commitments"] == []
    html = response.content.decode()
    assert "No meetings today." in html
    assert "Nothing open that concerns you." in html


def test_annual_meetings_show_readiness(client_for, owner, account):
    annual = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, title="Annual", starts_at=at(4))
    add_checklist(annual, status=ChecklistItem.Status.READY)
    ChecklistItem.objects.filter(meeting=annual, item=ChecklistItem.Item.DRAFT_PROPOSAL).update(
        status=ChecklistItem.Status.DRAFT
    )
    MeetingFactory(account=account, title="Regular", starts_at=at(5))
    response = client_for(owner).get("/")
    readiness = {m.title: m.readiness for m in response.context["later_meetings"]}
    assert readiness == {"Annual": 94, "Regular": None}  # 17 of 18 points
    assert "94 % ready" in response.content.decode()


def test_commitments_that_concern_a_kam_overdue_first(client_for, owner, other_kam, account):
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    elsewhere = MeetingFactory(account=AccountFactory(owner=other_kam), starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="due soon", due_on=due(2))
    CommitmentFactory(meeting=meeting, text="late", due_on=due(-2))
    CommitmentFactory(meeting=meeting, text="done", due_on=due(-5), status=Commitment.Status.DONE)
    CommitmentFactory(meeting=elsewhere, text="asked of me", due_on=due(1), assignee_user=owner)
    CommitmentFactory(meeting=elsewhere, text="not mine", due_on=due(1))
    response = client_for(owner).get("/")
    assert texts(response.context["commitments"]) == ["late", "asked of me", "due soon"]
    assert response.context["commitment_counts"] == {"open": 3, "overdue": 1}
    html = response.content.decode()
    assert reverse("accounts:detail", args=[account.pk]) in html
    assert reverse("accounts:detail", args=[elsewhere.account_id]) not in html


def test_team_member_sees_the_accounts_commitments(client_for, team_member, account):
    CommitmentFactory(meeting=MeetingFactory(account=account), text="ours", due_on=due(3))
    assert texts(client_for(team_member).get("/").context["commitments"]) == ["ours"]


def test_director_sees_assigned_and_overdue_of_their_regions(client_for, director, other_director, account):
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="late in the north", due_on=due(-1))
    CommitmentFactory(meeting=meeting, text="on time in the north", due_on=due(4))
    CommitmentFactory(meeting=meeting, text="asked of the director", due_on=due(5), assignee_user=director)
    assert texts(client_for(director).get("/").context["commitments"]) == [
        "late in the north",
        "asked of the director",
    ]
    assert client_for(other_director).get("/").context["commitments"] == []


def test_admin_gets_my_day(client_for, admin_user):
    response = client_for(admin_user).get("/")
    assert response.status_code == 200
    assert response.context["commitment_counts"] == {"open": 0, "overdue": 0}


@pytest.mark.parametrize("persona", ["owner", "director"])
def test_query_count_is_constant(request, client_for, account, owner, persona, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(persona))

    def add(n):
        for i in range(n):
            meeting = MeetingFactory(
                account=account, kind=Meeting.Kind.ANNUAL, starts_at=at(i % 7, 8 + i % 10), attendees=[owner]
            )
            add_checklist(meeting, status=ChecklistItem.Status.DRAFT)
            CommitmentFactory(meeting=meeting, due_on=due(i % 5 - 2))

    add(2)
    with django_assert_max_num_queries(12) as few:
        response = client.get("/")
    assert len(response.context["commitments"]) >= 1
    add(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")
    assert response.context["meeting_counts"]["week"] == 20
