"""The account's Meetings tab: its meetings with readiness and status, and its open and
overdue commitments."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.tabs import DOSSIER_TABS
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory, add_checklist

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def tab_url(account):
    return reverse("meetings:account_tab", args=[account.pk])


@pytest.fixture
def meetings(account):
    now = timezone.now()
    annual = MeetingFactory(account=account, title="Annual review", kind=Meeting.Kind.ANNUAL, starts_at=now + 10 * DAY)
    add_checklist(annual, status=ChecklistItem.Status.READY)
    return {
        "annual": annual,
        "soon": MeetingFactory(account=account, title="Site visit", starts_at=now + 2 * DAY),
        "past": MeetingFactory(account=account, title="Kick-off", starts_at=now - 30 * DAY, status=Meeting.Status.HELD),
        "cancelled": MeetingFactory(
            account=account, title="Dropped", starts_at=now - 5 * DAY, status=Meeting.Status.CANCELLED
        ),
    }


def test_the_tab_sits_before_history():
    keys = [tab.key for tab in DOSSIER_TABS]
    assert keys.count("meetings") == 1
    assert keys.index("dossier") < keys.index("meetings") < keys.index("history")


@pytest.mark.parametrize("persona", ["owner", "team_member", "director", "admin_user"])
def test_who_sees_the_account_sees_its_meetings(request, client_for, account, meetings, persona):
    response = client_for(request.getfixturevalue(persona)).get(tab_url(account))
    assert response.status_code == 200
    assert [m.title for m in response.context["upcoming"]] == ["Site visit", "Annual review"]
    assert [m.title for m in response.context["past"]] == ["Dropped", "Kick-off"]
    assert response.context["active_tab"] == "meetings"
    body = response.content.decode()
    assert "100%" in body
    assert "Cancelled" in body


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404(request, client_for, account, meetings, persona):
    assert client_for(request.getfixturevalue(persona)).get(tab_url(account)).status_code == 404


def test_anonymous_is_sent_to_login(client_for, account):
    assert client_for(None).get(tab_url(account)).url.startswith("/login/")


def test_post_is_405(client_for, owner, account):
    assert client_for(owner).post(tab_url(account)).status_code == 405


def test_editors_get_the_schedule_button_directors_do_not(client_for, owner, director, account):
    link = f"{reverse('meetings:schedule')}?account={account.pk}"
    assert link in client_for(owner).get(tab_url(account)).content.decode()
    assert link not in client_for(director).get(tab_url(account)).content.decode()


def test_an_account_without_meetings_invites_to_schedule_one(client_for, owner, account):
    body = client_for(owner).get(tab_url(account)).content.decode()
    assert "No meeting planned with this client." in body
    assert "Nothing promised to this client is waiting to be done." in body


def test_open_commitments_overdue_first_and_flagged_done_ones_hidden(client_for, owner, account, meetings):
    today = timezone.localdate()
    CommitmentFactory(meeting=meetings["past"], text="Later one", due_on=today + 5 * DAY)
    CommitmentFactory(meeting=meetings["past"], text="Late one", due_on=today - 3 * DAY, status="in_progress")
    CommitmentFactory(meeting=meetings["past"], text="Finished", due_on=today - 9 * DAY, status="done")
    response = client_for(owner).get(tab_url(account))
    rows = response.context["commitments"]
    assert [(c.text, c.overdue) for c in rows] == [("Late one", True), ("Later one", False)]
    assert response.context["overdue_count"] == 1
    assert "Finished" not in response.content.decode()
    assert "1 overdue" in response.content.decode()


def test_overdue_is_judged_by_the_users_own_date(client_for, owner, account, meetings):
    owner.time_zone = "Asia/Vladivostok"  # UTC+10
    owner.save()
    CommitmentFactory(meeting=meetings["past"], text="Due on the 10th", due_on=datetime.date(2031, 3, 10))
    vladivostok = zoneinfo.ZoneInfo("Asia/Vladivostok")
    # 23:59 on the 10th in Vladivostok: still due today, not overdue.
    with time_machine.travel(datetime.datetime(2031, 3, 10, 23, 59, tzinfo=vladivostok), tick=False):
        rows = client_for(owner).get(tab_url(account)).context["commitments"]
        assert [row.overdue for row in rows] == [False]
    # 00:00 on the 11th there (still the 10th in Moscow and in UTC): overdue.
    with time_machine.travel(datetime.datetime(2031, 3, 11, 0, 0, tzinfo=vladivostok), tick=False):
        rows = client_for(owner).get(tab_url(account)).context["commitments"]
        assert [row.overdue for row in rows] == [True]


def test_only_the_latest_past_meetings_are_listed_with_a_link_to_all(client_for, owner, account):
    now = timezone.now()
    for i in range(22):
        MeetingFactory(account=account, title=f"Past {i:02d}", starts_at=now - (i + 1) * DAY)
    response = client_for(owner).get(tab_url(account))
    assert len(response.context["past"]) == 20
    assert response.context["past"][0].title == "Past 00"
    assert f"{reverse('meetings:list')}?account={account.pk}" in response.content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_query_count_does_not_grow_with_the_rows(client_for, director, account, django_assert_max_num_queries, rows):
    now, today = timezone.now(), timezone.localdate()
    for i in range(rows):
        meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, starts_at=now + (i - rows // 2) * DAY)
        add_checklist(meeting, status=ChecklistItem.Status.DRAFT)
        CommitmentFactory(meeting=meeting, due_on=today - DAY)
    c = client_for(director)
    with django_assert_max_num_queries(9):
        response = c.get(tab_url(account))
    assert len(response.context["upcoming"]) + len(response.context["past"]) == rows
    assert len(response.context["commitments"]) == rows
