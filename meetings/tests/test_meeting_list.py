"""The meeting list: who sees which meetings, their order, filters, sorting, readiness."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory, add_checklist

pytestmark = pytest.mark.django_db

URL = reverse("meetings:list")
DAY = datetime.timedelta(days=1)


def titles(response) -> list[str]:
    return [meeting.title for meeting in response.context["page"].object_list]


@pytest.fixture
def other_account(other_kam, other_region):
    return AccountFactory(name="Other client", owner=other_kam, region=other_region)


@pytest.fixture
def meetings(account, other_account):
    now = timezone.now()
    return {
        "soon": MeetingFactory(account=account, title="Soon", starts_at=now + 2 * DAY),
        "later": MeetingFactory(account=account, title="Later", starts_at=now + 20 * DAY),
        "recent": MeetingFactory(account=account, title="Recent", starts_at=now - 2 * DAY, status=Meeting.Status.HELD),
        "old": MeetingFactory(account=account, title="Old", starts_at=now - 40 * DAY, status=Meeting.Status.HELD),
        "theirs": MeetingFactory(account=other_account, title="Theirs", starts_at=now + DAY),
    }


# Who sees what --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "director"])
def test_who_sees_the_account_sees_its_meetings_and_no_others(request, client_for, meetings, persona):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert set(titles(response)) == {"Soon", "Later", "Recent", "Old"}


def test_admin_sees_every_meeting(client_for, admin_user, meetings):
    assert len(titles(client_for(admin_user).get(URL))) == 5


def test_other_kam_sees_only_their_own(client_for, other_kam, meetings):
    assert titles(client_for(other_kam).get(URL)) == ["Theirs"]


def test_other_director_sees_only_their_regions(client_for, other_director, meetings):
    assert titles(client_for(other_director).get(URL)) == ["Theirs"]


def test_department_member_gets_404(client_for, department_member, meetings):
    assert client_for(department_member).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_post_is_405(client_for, owner):
    assert client_for(owner).post(URL).status_code == 405


# Order, sorting, filters ----------------------------------------------------------------------


def test_upcoming_come_first_soonest_first_then_past_latest_first(client_for, owner, meetings):
    assert titles(client_for(owner).get(URL)) == ["Soon", "Later", "Recent", "Old"]


def test_sorting_by_a_column(client_for, owner, meetings):
    c = client_for(owner)
    assert titles(c.get(URL, {"sort": "title"})) == ["Later", "Old", "Recent", "Soon"]
    assert titles(c.get(URL, {"sort": "-when"})) == ["Later", "Soon", "Recent", "Old"]


def test_filter_by_kind_and_status(client_for, owner, account, meetings):
    MeetingFactory(account=account, title="Annual", kind=Meeting.Kind.ANNUAL)
    c = client_for(owner)
    assert titles(c.get(URL, {"kind": "annual"})) == ["Annual"]
    assert titles(c.get(URL, {"status": "held"})) == ["Recent", "Old"]


def test_filter_by_account_accepts_only_visible_accounts(client_for, owner, account, other_account, meetings):
    other_mine = AccountFactory(name="Second client", owner=owner)
    MeetingFactory(account=other_mine, title="Second")
    c = client_for(owner)
    assert titles(c.get(URL, {"account": other_mine.pk})) == ["Second"]
    response = c.get(URL, {"account": other_account.pk})
    assert "account" in response.context["filter"].form.errors
    assert "Theirs" not in titles(response)
    assert "Other client" not in response.content.decode()


def test_date_range_is_in_the_users_time_zone(client_for, owner, account):
    owner.time_zone = "Asia/Vladivostok"  # UTC+10
    owner.save()
    # 23:30 UTC on 9 March is 09:30 on 10 March in Vladivostok.
    MeetingFactory(account=account, title="Tenth", starts_at=datetime.datetime(2031, 3, 9, 23, 30, tzinfo=datetime.UTC))
    MeetingFactory(account=account, title="Ninth", starts_at=datetime.datetime(2031, 3, 9, 12, 0, tzinfo=datetime.UTC))
    c = client_for(owner)
    assert titles(c.get(URL, {"date_from": "2031-03-10", "date_to": "2031-03-10"})) == ["Tenth"]
    assert titles(c.get(URL, {"date_to": "2031-03-09"})) == ["Ninth"]


def test_mine_keeps_meetings_the_kam_attends_or_whose_account_they_own(client_for, team_member, account, meetings):
    meetings["soon"].attendees.set([team_member])
    c = client_for(team_member)
    assert len(titles(c.get(URL))) == 4
    assert titles(c.get(URL, {"mine": "on"})) == ["Soon"]


def test_directors_have_no_mine_filter(client_for, director, meetings):
    assert "mine" not in client_for(director).get(URL).context["filter"].form.fields


def test_htmx_gets_the_results_only(client_for, owner, meetings):
    response = client_for(owner).get(URL, {"kind": "regular"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="meeting-results">')
    assert "<html" not in body
    assert "Soon" in body


# What a row shows ---------------------------------------------------------------------------------


def test_annual_meetings_show_their_readiness(client_for, owner, account):
    annual = MeetingFactory(account=account, title="Annual", kind=Meeting.Kind.ANNUAL)
    items = add_checklist(annual, status=ChecklistItem.Status.DRAFT)
    ChecklistItem.objects.filter(pk__in=[i.pk for i in items[:3]]).update(status=ChecklistItem.Status.READY)
    MeetingFactory(account=account, title="Regular")
    response = client_for(owner).get(URL)
    rows = {m.title: m for m in response.context["page"].object_list}
    assert rows["Annual"].readiness == 66  # 3 ready (6) + 6 drafts (6) of 18 points
    assert rows["Regular"].readiness is None
    assert 'value="66"' in response.content.decode()


def test_open_and_overdue_commitments_are_counted_per_meeting(client_for, owner, account, meetings):
    today = timezone.localdate()
    CommitmentFactory(meeting=meetings["recent"], due_on=today - DAY)
    CommitmentFactory(meeting=meetings["recent"], due_on=today + DAY)
    CommitmentFactory(meeting=meetings["recent"], due_on=today - DAY, status="done")
    rows = {m.title: m for m in client_for(owner).get(URL).context["page"].object_list}
    assert (rows["Recent"].open_commitments, rows["Recent"].overdue_commitments) == (2, 1)
    assert rows["Old"].open_commitments == 0


def test_times_are_shown_in_the_users_zone(client_for, owner, account):
    owner.time_zone = "Asia/Tokyo"
    owner.save()
    MeetingFactory(account=account, starts_at=datetime.datetime(2031, 6, 1, 23, 15, tzinfo=datetime.UTC))
    body = client_for(owner).get(URL).content.decode()
    assert "Mon 2 Jun 2031" in body
    assert "08:15" in body


def test_empty_list_invites_a_kam_to_schedule(client_for, owner, account):
    body = client_for(owner).get(URL).content.decode()
    assert "No meetings yet." in body
    assert reverse("meetings:schedule") in body


def test_no_match_offers_to_clear_the_filters(client_for, owner, meetings):
    body = client_for(owner).get(URL, {"kind": "presentation"}).content.decode()
    assert "No meeting matches these filters." in body


def test_director_sees_no_schedule_button(client_for, director, meetings):
    assert reverse("meetings:schedule") not in client_for(director).get(URL).content.decode()


# Query count ------------------------------------------------------------------------------------


def _make(account, n):
    now = timezone.now()
    for i in range(n):
        meeting = MeetingFactory(
            account=account,
            kind=Meeting.Kind.ANNUAL if i % 2 else Meeting.Kind.REGULAR,
            starts_at=now + i * DAY - 5 * DAY,
        )
        if i % 2:
            add_checklist(meeting, status=ChecklistItem.Status.DRAFT)
        CommitmentFactory(meeting=meeting, due_on=timezone.localdate() - DAY)


@pytest.mark.parametrize("persona", ["owner", "director"])
@pytest.mark.parametrize("rows", [2, 20])
def test_query_count_does_not_grow_with_the_rows(
    request, client_for, account, django_assert_max_num_queries, persona, rows
):
    _make(account, rows)
    c = client_for(request.getfixturevalue(persona))
    # A page that spans upcoming and past meetings reads each half with its own query.
    with django_assert_max_num_queries(9):
        response = c.get(URL, {"kind": "", "sort": ""})
    assert len(response.context["page"].object_list) == rows


def test_pages_run_on_from_upcoming_into_past_meetings(client_for, owner, account):
    now = timezone.now()
    upcoming = [MeetingFactory(account=account, starts_at=now + DAY * n, title=f"Soon {n}") for n in range(1, 4)]
    past = [MeetingFactory(account=account, starts_at=now - DAY * n, title=f"Ago {n}") for n in range(1, 30)]
    c = client_for(owner)
    first = [m.title for m in c.get(URL).context["page"].object_list]
    second = [m.title for m in c.get(URL, {"page": 2}).context["page"].object_list]
    assert first[:3] == [m.title for m in upcoming]
    assert first[3:] == [m.title for m in past[:22]]
    assert second == [m.title for m in past[22:]]
