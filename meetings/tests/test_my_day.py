""" "My day" at / (and /my-day/): the week's meetings with readiness, and the commitments the
user owes or waits on, overdue first. Plans, quiet accounts, notifications and the query
count are in test_my_day_lists.py; where each role lands in kam/core/tests/test_landing.py."""

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


MY_DAY = "/my-day/"


def test_my_day_has_its_own_address():
    assert reverse("meetings:my_day") == MY_DAY


@pytest.mark.parametrize("path", ["/", MY_DAY])
def test_department_member_is_sent_to_the_queue(client_for, department_member, path):
    response = client_for(department_member).get(path)
    assert response.status_code == 302
    assert response.url == reverse("meetings:commitments")


@pytest.mark.parametrize("path", ["/", MY_DAY])
def test_anonymous_is_sent_to_login(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("path", ["/", MY_DAY])
def test_post_is_not_allowed(client_for, owner, path):
    assert client_for(owner).post(path).status_code == 405


def test_owner_gets_the_same_day_at_both_addresses(client_for, owner, account):
    MeetingFactory(account=account, title="This morning", starts_at=at(0, 8))
    client = client_for(owner)
    for path in ("/", MY_DAY):
        response = client.get(path)
        assert response.status_code == 200
        assert titles(response.context["today_meetings"]) == ["This morning"]


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


def test_a_busy_week_is_cut_but_counted_in_full(client_for, owner, account):
    for minute in range(31):
        starts_at = at(0, 9) + datetime.timedelta(minutes=minute)
        MeetingFactory(account=account, title=f"Today {minute:02}", starts_at=starts_at)
    MeetingFactory(account=account, title="Tomorrow", starts_at=at(1))
    response = client_for(owner).get(MY_DAY)
    assert titles(response.context["today_meetings"]) == [f"Today {minute:02}" for minute in range(30)]
    assert response.context["later_meetings"] == []
    # The counts go beyond the thirty shown: today's 31st and tomorrow's are counted too.
    assert response.context["meeting_counts"] == {"today": 31, "week": 32}
    assert response.context["meetings_cut"]


def test_a_planned_meeting_links_to_its_preparation(client_for, owner, account):
    planned = MeetingFactory(account=account, title="Planned", starts_at=at(1))
    annual = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, title="Annual", starts_at=at(2))
    html = client_for(owner).get("/").content.decode()
    assert f'href="{reverse("meetings:detail", args=[planned.pk])}#preparation"' in html
    assert f'href="{reverse("meetings:detail", args=[annual.pk])}#checklist"' in html


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
    assert titles(client_for(director).get(MY_DAY).context["later_meetings"]) == ["North meeting"]
    assert client_for(other_director).get(MY_DAY).context["later_meetings"] == []


def test_other_kam_sees_nothing_of_the_account(client_for, other_kam, account):
    MeetingFactory(account=account, starts_at=at(0, 15))
    CommitmentFactory(meeting=MeetingFactory(account=account), due_on=due(-1))
    response = client_for(other_kam).get("/")
    assert response.context["today_meetings"] == []
    assert response.context["my_commitments"] == []
    assert response.context["waiting_commitments"] == []
    html = response.content.decode()
    assert "No meetings today." in html
    assert "Nothing overdue. Good day to plan next year?" in html
    assert "Nobody is late on your accounts." in html
    assert account.name not in html


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


# Commitments: what I owe, and what I wait on --------------------------------------------------


def test_my_commitments_are_those_assigned_to_me_overdue_first(client_for, owner, other_kam, account):
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    elsewhere = MeetingFactory(account=AccountFactory(owner=other_kam), starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="mine next month", due_on=due(30), assignee_user=owner)
    CommitmentFactory(meeting=meeting, text="mine late", due_on=due(-2), assignee_user=owner)
    CommitmentFactory(meeting=meeting, text="mine done", due_on=due(-5), assignee_user=owner, status="done")
    CommitmentFactory(meeting=elsewhere, text="asked of me", due_on=due(1), assignee_user=owner)
    CommitmentFactory(meeting=elsewhere, text="not mine", due_on=due(1))
    response = client_for(owner).get("/")
    assert texts(response.context["my_commitments"]) == ["mine late", "asked of me", "mine next month"]
    counts = response.context["commitment_counts"]
    assert (counts["mine"], counts["mine_overdue"]) == (3, 1)
    html = response.content.decode()
    assert reverse("accounts:detail", args=[account.pk]) in html
    # Asked of me on an account I may not open: the name shows, not the link.
    assert reverse("accounts:detail", args=[elsewhere.account_id]) not in html
    assert "not mine" not in html


def test_waiting_on_others_is_my_accounts_due_this_week_or_overdue(client_for, owner, department_member, account):
    department = department_member.department
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="logistics late", due_on=due(-3), assignee_department=department)
    CommitmentFactory(meeting=meeting, text="colleague today", due_on=due(0))
    CommitmentFactory(meeting=meeting, text="last day of the week", due_on=due(6))
    CommitmentFactory(meeting=meeting, text="next week", due_on=due(7))
    CommitmentFactory(meeting=meeting, text="cancelled", due_on=due(-1), status=Commitment.Status.CANCELLED)
    CommitmentFactory(meeting=meeting, text="my own", due_on=due(1), assignee_user=owner)
    response = client_for(owner).get("/")
    assert texts(response.context["waiting_commitments"]) == [
        "logistics late",
        "colleague today",
        "last day of the week",
    ]
    assert texts(response.context["my_commitments"]) == ["my own"]
    counts = response.context["commitment_counts"]
    assert (counts["waiting"], counts["waiting_overdue"]) == (3, 1)
    html = response.content.decode()
    assert department.name in html
    assert reverse("meetings:detail", args=[meeting.pk]) in html


def test_long_lists_show_the_first_25_and_count_them_all(client_for, owner, account):
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    for n in range(27):
        CommitmentFactory(meeting=meeting, text=f"mine {n:02}", due_on=due(n - 2), assignee_user=owner)
        CommitmentFactory(meeting=meeting, text=f"theirs {n:02}", due_on=due(n - 23))
    response = client_for(owner).get(MY_DAY)
    assert texts(response.context["my_commitments"]) == [f"mine {n:02}" for n in range(25)]
    assert texts(response.context["waiting_commitments"]) == [f"theirs {n:02}" for n in range(25)]
    counts = response.context["commitment_counts"]
    assert counts == {"mine": 27, "mine_overdue": 2, "waiting": 27, "waiting_overdue": 23}
    assert "See all 27 in the queue" in response.content.decode()


def test_the_week_ends_at_the_users_local_midnight(client_for, owner, account):
    owner.time_zone = "Asia/Vladivostok"
    owner.save(update_fields=["time_zone"])
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="due Monday 9", due_on=due(-1))
    CommitmentFactory(meeting=meeting, text="due Monday 16", due_on=due(6))
    CommitmentFactory(meeting=meeting, text="due Tuesday 17", due_on=due(7))
    vladivostok = zoneinfo.ZoneInfo("Asia/Vladivostok")
    # 23:59 on Tuesday 10 March there: the week runs to Monday 16.
    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 59, tzinfo=vladivostok), tick=False):
        response = client_for(owner).get("/")
    assert texts(response.context["waiting_commitments"]) == ["due Monday 9", "due Monday 16"]
    # Midnight there (still 17:00 on the 10th in Moscow): Tuesday 17 joins the week.
    with time_machine.travel(datetime.datetime(2026, 3, 11, 0, 0, tzinfo=vladivostok), tick=False):
        response = client_for(owner).get("/")
    assert texts(response.context["waiting_commitments"]) == ["due Monday 9", "due Monday 16", "due Tuesday 17"]
    assert response.context["commitment_counts"]["waiting_overdue"] == 1


def test_team_member_waits_on_the_accounts_commitments(client_for, team_member, account):
    CommitmentFactory(meeting=MeetingFactory(account=account), text="ours", due_on=due(3))
    assert texts(client_for(team_member).get("/").context["waiting_commitments"]) == ["ours"]


def test_director_waits_on_the_overdue_of_their_regions(client_for, director, other_director, account):
    meeting = MeetingFactory(account=account, starts_at=at(-10))
    CommitmentFactory(meeting=meeting, text="late in the north", due_on=due(-1))
    CommitmentFactory(meeting=meeting, text="on time in the north", due_on=due(4))
    CommitmentFactory(meeting=meeting, text="asked of the director", due_on=due(5), assignee_user=director)
    response = client_for(director).get(MY_DAY)
    assert texts(response.context["waiting_commitments"]) == ["late in the north"]
    assert texts(response.context["my_commitments"]) == ["asked of the director"]
    other = client_for(other_director).get(MY_DAY)
    assert other.context["waiting_commitments"] == []
    assert other.context["my_commitments"] == []


def test_admin_gets_my_day(client_for, admin_user):
    response = client_for(admin_user).get("/")
    assert response.status_code == 200
    assert response.context["commitment_counts"] == {"mine": 0, "mine_overdue": 0, "waiting": 0, "waiting_overdue": 0}
    assert client_for(admin_user).get(MY_DAY).status_code == 200


def test_nothing_owed_but_others_late_is_not_called_a_quiet_day(client_for, owner, account):
    CommitmentFactory(meeting=MeetingFactory(account=account), text="late colleague", due_on=due(-1))
    html = client_for(owner).get("/").content.decode()
    assert "Nothing you owe anyone." in html
    assert "Nothing overdue" not in html
