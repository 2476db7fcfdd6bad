"""/commitments/: the queue of what the user may see, filtered, sorted, moved in place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.users.tests.factories import DepartmentFactory
from meetings.models import Commitment
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

URL = reverse("meetings:commitments")
Status = Commitment.Status


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def logistics(department_member):
    return department_member.department


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, title="Annual review 2027")


def shown(response) -> list[Commitment]:
    return list(response.context["page"].object_list)


def texts(response) -> list[str]:
    return [c.text for c in shown(response)]


def progress_url(commitment) -> str:
    return reverse("meetings:commitment_progress", args=[commitment.pk])


# Who sees what ---------------------------------------------------------------------------


def test_department_member_sees_exactly_their_department_and_own(client_for, meeting, logistics, department_member):
    CommitmentFactory(meeting=meeting, assignee_department=logistics, text="Ship samples")
    CommitmentFactory(meeting=meeting, assignee_user=department_member, text="Call the warehouse")
    CommitmentFactory(meeting=meeting, assignee_department=DepartmentFactory(slug="finance"), text="Issue invoice")
    CommitmentFactory(meeting=meeting, text="Someone else's task")
    response = client_for(department_member).get(URL)
    assert response.status_code == 200
    assert sorted(texts(response)) == ["Call the warehouse", "Ship samples"]


def test_kam_sees_their_accounts_and_assigned_to_them(client_for, meeting, owner, other_kam):
    elsewhere = MeetingFactory(account=AccountFactory(owner=other_kam))
    CommitmentFactory(meeting=meeting, text="On my account")
    CommitmentFactory(meeting=elsewhere, assignee_user=owner, text="Asked of me")
    CommitmentFactory(meeting=elsewhere, text="Not mine")
    assert sorted(texts(client_for(owner).get(URL))) == ["Asked of me", "On my account"]


def test_team_member_sees_the_accounts_commitments(client_for, meeting, team_member):
    CommitmentFactory(meeting=meeting, text="On our account")
    assert texts(client_for(team_member).get(URL)) == ["On our account"]


def test_other_kam_sees_none_of_the_accounts_commitments(client_for, meeting, other_kam):
    CommitmentFactory(meeting=meeting)
    response = client_for(other_kam).get(URL)
    assert response.status_code == 200
    assert texts(response) == []
    assert "No open commitments." in response.content.decode()


def test_directors_see_their_regions_only(client_for, meeting, director, other_director):
    CommitmentFactory(meeting=meeting, text="North")
    assert texts(client_for(director).get(URL)) == ["North"]
    assert texts(client_for(other_director).get(URL)) == []


def test_admin_sees_everything(client_for, meeting, admin_user, other_kam):
    CommitmentFactory(meeting=meeting, text="A")
    CommitmentFactory(meeting=MeetingFactory(account=AccountFactory(owner=other_kam)), text="B")
    assert sorted(texts(client_for(admin_user).get(URL))) == ["A", "B"]


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_is_not_allowed(client_for, owner):
    assert client_for(owner).post(URL).status_code == 405


def test_department_member_sees_account_name_but_no_account_or_meeting_link(
    client_for, meeting, logistics, department_member, account
):
    CommitmentFactory(meeting=meeting, assignee_department=logistics, quantity=12, unit="pallets")
    html = client_for(department_member).get(URL).content.decode()
    assert account.name in html
    assert "12 pallets" in html
    assert reverse("accounts:detail", args=[account.pk]) not in html
    assert reverse("meetings:detail", args=[meeting.pk]) not in html
    assert "Annual review 2027" not in html  # the meeting's title is the account's business
    # Its date is what they need, in the company's time zone as pages show it.
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y") in html


def test_owner_gets_links_to_the_account_and_the_meeting(client_for, meeting, owner, account):
    CommitmentFactory(meeting=meeting)
    html = client_for(owner).get(URL).content.decode()
    assert reverse("accounts:detail", args=[account.pk]) in html
    assert reverse("meetings:detail", args=[meeting.pk]) in html


def test_kam_assigned_on_an_account_they_cannot_see_gets_no_link(client_for, other_kam, owner):
    hidden = AccountFactory(owner=other_kam, name="Hidden Client")
    CommitmentFactory(meeting=MeetingFactory(account=hidden), assignee_user=owner)
    html = client_for(owner).get(URL).content.decode()
    assert "Hidden Client" in html
    assert reverse("accounts:detail", args=[hidden.pk]) not in html


# Filters and sorting ---------------------------------------------------------------------


def test_default_shows_active_overdue_first_then_by_due_date(client_for, meeting, owner):
    CommitmentFactory(meeting=meeting, text="later", due_on=days(10))
    CommitmentFactory(meeting=meeting, text="soon", due_on=days(1))
    CommitmentFactory(meeting=meeting, text="late", due_on=days(-3))
    CommitmentFactory(meeting=meeting, text="started", due_on=days(2), status=Status.IN_PROGRESS)
    CommitmentFactory(meeting=meeting, text="closed", due_on=days(-9), status=Status.DONE)
    CommitmentFactory(meeting=meeting, text="dropped", due_on=days(-8), status=Status.CANCELLED)
    response = client_for(owner).get(URL)
    assert texts(response) == ["late", "soon", "started", "later"]
    assert [c.is_overdue for c in shown(response)] == [True, False, False, False]
    assert "table-danger" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", ["late"]),
        ("open", ["late", "soon"]),
        ("in_progress", ["started"]),
        ("done", ["closed"]),
        ("cancelled", ["dropped"]),
        ("all", ["late", "closed", "soon", "started", "dropped"]),
    ],
)
def test_status_filter(client_for, meeting, owner, status, expected):
    CommitmentFactory(meeting=meeting, text="late", due_on=days(-3))
    CommitmentFactory(meeting=meeting, text="soon", due_on=days(1))
    CommitmentFactory(meeting=meeting, text="started", due_on=days(2), status=Status.IN_PROGRESS)
    CommitmentFactory(meeting=meeting, text="closed", due_on=days(-9), status=Status.DONE)
    CommitmentFactory(meeting=meeting, text="dropped", due_on=days(9), status=Status.CANCELLED)
    response = client_for(owner).get(URL, {"status": status, "sort": "due"})
    assert texts(response) == expected


def test_assignee_filter_me_and_my_department(client_for, meeting, logistics, department_member):
    CommitmentFactory(meeting=meeting, assignee_department=logistics, text="department's")
    CommitmentFactory(meeting=meeting, assignee_user=department_member, text="mine")
    client = client_for(department_member)
    assert texts(client.get(URL, {"assignee": "me"})) == ["mine"]
    assert texts(client.get(URL, {"assignee": "department"})) == ["department's"]
    assert sorted(texts(client.get(URL, {"assignee": ""}))) == ["department's", "mine"]


def test_kam_is_not_offered_my_department(client_for, owner):
    form = client_for(owner).get(URL).context["filter"].form
    assert [value for value, _label in form.fields["assignee"].choices] == ["", "me"]


def test_department_and_account_filters(client_for, meeting, owner, logistics):
    finance = DepartmentFactory(name="Finance", slug="finance")
    other_account = AccountFactory(owner=owner, name="Второй клиент")
    CommitmentFactory(meeting=meeting, assignee_department=logistics, text="ship")
    CommitmentFactory(meeting=meeting, assignee_department=finance, text="invoice")
    CommitmentFactory(meeting=MeetingFactory(account=other_account), assignee_department=finance, text="refund")
    client = client_for(owner)
    assert texts(client.get(URL, {"department": logistics.pk})) == ["ship"]
    assert sorted(texts(client.get(URL, {"account": other_account.pk}))) == ["refund"]
    assert texts(client.get(URL, {"account": other_account.pk, "department": logistics.pk})) == []


def test_account_filter_rejects_an_account_the_user_may_not_see(client_for, meeting, owner, other_kam):
    hidden = AccountFactory(owner=other_kam)
    CommitmentFactory(meeting=meeting, text="mine")
    response = client_for(owner).get(URL, {"account": hidden.pk})
    assert response.context["filter"].form.errors["account"]
    assert str(hidden.pk) not in [str(pk) for pk, _name in response.context["account_choices"]]


def test_department_member_has_no_account_or_department_filter(client_for, department_member):
    response = client_for(department_member).get(URL)
    assert set(response.context["filter"].form.fields) == {"status", "assignee", "due_from", "due_to", "sort"}
    html = response.content.decode()
    assert 'name="account"' not in html
    assert 'name="department"' not in html


def test_due_date_range(client_for, meeting, owner):
    CommitmentFactory(meeting=meeting, text="a", due_on=days(1))
    CommitmentFactory(meeting=meeting, text="b", due_on=days(5))
    CommitmentFactory(meeting=meeting, text="c", due_on=days(9))
    response = client_for(owner).get(URL, {"due_from": days(2).isoformat(), "due_to": days(9).isoformat()})
    assert texts(response) == ["b", "c"]


def test_bad_date_is_shown_as_a_form_error(client_for, owner):
    response = client_for(owner).get(URL, {"due_from": "31.31.2026"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["due_from"]
    assert "is-invalid" in response.content.decode()


def test_sort_by_account_and_by_status(client_for, owner):
    b = MeetingFactory(account=AccountFactory(owner=owner, name="Beta"))
    a = MeetingFactory(account=AccountFactory(owner=owner, name="Alpha"))
    CommitmentFactory(meeting=b, text="beta open", due_on=days(1))
    CommitmentFactory(meeting=a, text="alpha started", due_on=days(3), status=Status.IN_PROGRESS)
    client = client_for(owner)
    assert texts(client.get(URL, {"sort": "account"})) == ["alpha started", "beta open"]
    assert texts(client.get(URL, {"sort": "-account"})) == ["beta open", "alpha started"]
    assert texts(client.get(URL, {"sort": "status"})) == ["beta open", "alpha started"]
    assert texts(client.get(URL, {"sort": "-status"})) == ["alpha started", "beta open"]
    assert texts(client.get(URL, {"sort": "-due"})) == ["alpha started", "beta open"]


def test_pages_of_25(client_for, meeting, owner):
    for n in range(27):
        CommitmentFactory(meeting=meeting, due_on=days(n))
    client = client_for(owner)
    assert len(shown(client.get(URL))) == 25
    assert len(shown(client.get(URL, {"page": 2}))) == 2


def test_the_second_page_goes_on_where_the_first_stops(client_for, meeting, owner):
    for n in range(27):
        CommitmentFactory(meeting=meeting, text=f"c{n:02}", due_on=days(n - 5))
    client = client_for(owner)
    pages = texts(client.get(URL)) + texts(client.get(URL, {"page": 2}))
    assert pages == [f"c{n:02}" for n in range(27)]
    assert texts(client.get(URL, {"page": 2, "sort": "-due"})) == ["c01", "c00"]


def test_htmx_filtering_returns_only_the_results(client_for, meeting, owner):
    CommitmentFactory(meeting=meeting, text="Ship the samples")
    response = client_for(owner).get(URL, {"status": "open"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="commitment-results">')
    assert "Ship the samples" in html
    assert "<nav" not in html


# Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["department_member", "owner", "director", "admin_user"])
def test_query_count_is_constant(request, client_for, meeting, logistics, persona, django_assert_max_num_queries):
    user = request.getfixturevalue(persona)
    client = client_for(user)

    def add(n):
        for i in range(n):
            CommitmentFactory(meeting=meeting, assignee_department=logistics, due_on=days(i - 1))

    add(2)
    with django_assert_max_num_queries(10) as few:
        assert len(shown(client.get(URL))) == 2
    add(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(shown(client.get(URL))) == 20


# Moving a row in place -------------------------------------------------------------------


def test_row_start_with_htmx_returns_the_redrawn_row(client_for, meeting, logistics, department_member):
    commitment = CommitmentFactory(meeting=meeting, assignee_department=logistics)
    response = client_for(department_member).post(
        progress_url(commitment),
        {"to_status": "in_progress", "note": "On it", "version": commitment.version, "next": URL},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="commitment-{commitment.pk}"')
    assert "In progress" in html
    assert 'value="in_progress"' not in html  # started: only "Mark done" remains
    assert 'value="done"' in html
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS
    assert commitment.updates.get().note == "On it"


def test_row_done_without_javascript_returns_to_the_filtered_queue(client_for, meeting, logistics, department_member):
    commitment = CommitmentFactory(meeting=meeting, assignee_department=logistics)
    back = f"{URL}?status=overdue&sort=-due"
    response = client_for(department_member).post(
        progress_url(commitment), {"to_status": "done", "note": "", "version": commitment.version, "next": back}
    )
    assert response.status_code == 302
    assert response.url == back
    commitment.refresh_from_db()
    assert commitment.status == Status.DONE


def test_row_redirect_ignores_a_foreign_next(client_for, meeting, logistics, department_member):
    commitment = CommitmentFactory(meeting=meeting, assignee_department=logistics)
    response = client_for(department_member).post(
        progress_url(commitment),
        {"to_status": "done", "version": commitment.version, "next": "https://evil.example/"},
    )
    assert response.url == commitment.get_absolute_url()


def test_rows_carry_the_filters_back(client_for, meeting, logistics, department_member):
    CommitmentFactory(meeting=meeting, assignee_department=logistics)
    html = client_for(department_member).get(URL, {"status": "open", "sort": "account"}).content.decode()
    assert 'name="next" value="/commitments/?status=open&amp;sort=account"' in html


def test_stale_row_shows_the_conflict_in_place(client_for, meeting, logistics, department_member, owner):
    commitment = CommitmentFactory(meeting=meeting, assignee_department=logistics)
    stale = commitment.version
    client_for(owner).post(progress_url(commitment), {"to_status": "in_progress", "version": stale})
    response = client_for(department_member).post(
        progress_url(commitment),
        {"to_status": "in_progress", "version": stale, "note": "me too"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "while you were editing" in html
    assert 'value="me too"' in html
    assert f'name="version" value="{stale + 1}"' in html
    assert commitment.updates.count() == 1


def test_director_rows_have_no_actions(client_for, meeting, director):
    CommitmentFactory(meeting=meeting)
    html = client_for(director).get(URL).content.decode()
    assert "Mark done" not in html


def test_department_member_rows_have_start_and_done(client_for, meeting, logistics, department_member):
    CommitmentFactory(meeting=meeting, assignee_department=logistics)
    html = client_for(department_member).get(URL).content.decode()
    assert 'value="in_progress"' in html
    assert "Mark done" in html
