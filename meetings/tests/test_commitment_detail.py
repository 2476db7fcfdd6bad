"""/commitments/<pk>/: a commitment's page, its timeline and its progress form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Commitment, CommitmentUpdate
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

Status = Commitment.Status


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, title="Quarterly review")


@pytest.fixture
def commitment(meeting, department_member):
    return CommitmentFactory(
        meeting=meeting,
        assignee_department=department_member.department,
        text="Deliver 40 pallets to the Tver warehouse",
        quantity=40,
        unit="pallets",
    )


def url(commitment) -> str:
    return reverse("meetings:commitment", args=[commitment.pk])


def progress_url(commitment) -> str:
    return reverse("meetings:commitment_progress", args=[commitment.pk])


# Who sees it -----------------------------------------------------------------------------

VISIBLE = ["owner", "team_member", "admin_user", "director", "department_member"]
HIDDEN = ["other_kam", "other_director"]


@pytest.mark.parametrize("persona", VISIBLE)
def test_visible_to_account_readers_and_the_assigned_department(request, client_for, commitment, persona):
    response = client_for(request.getfixturevalue(persona)).get(url(commitment))
    assert response.status_code == 200
    assert "Deliver 40 pallets to the Tver warehouse" in response.content.decode()


@pytest.mark.parametrize("persona", HIDDEN)
def test_hidden_from_others_with_404(request, client_for, commitment, persona):
    assert client_for(request.getfixturevalue(persona)).get(url(commitment)).status_code == 404


def test_assigned_kam_without_the_account_sees_it(client_for, meeting, other_kam):
    commitment = CommitmentFactory(meeting=meeting, assignee_user=other_kam)
    response = client_for(other_kam).get(url(commitment))
    assert response.status_code == 200
    assert response.context["account_visible"] is False
    assert response.context["form"] is not None


def test_anonymous_is_sent_to_login(client_for, commitment):
    response = client_for(None).get(url(commitment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_to_the_page_is_not_allowed(client_for, owner, commitment):
    assert client_for(owner).post(url(commitment)).status_code == 405


def test_get_on_progress_is_not_allowed(client_for, owner, commitment):
    assert client_for(owner).get(progress_url(commitment)).status_code == 405


# What it shows ---------------------------------------------------------------------------


def test_owner_sees_links_to_account_and_meeting(client_for, owner, commitment, account, meeting):
    html = client_for(owner).get(url(commitment)).content.decode()
    assert reverse("accounts:detail", args=[account.pk]) in html
    assert reverse("meetings:detail", args=[meeting.pk]) in html
    assert "Quarterly review" in html
    assert "40 pallets" in html


def test_department_member_sees_names_and_dates_but_no_links(client_for, department_member, commitment, account):
    html = client_for(department_member).get(url(commitment)).content.decode()
    assert account.name in html
    assert "40 pallets" in html
    assert reverse("accounts:detail", args=[account.pk]) not in html
    assert reverse("meetings:detail", args=[commitment.meeting_id]) not in html
    assert "Quarterly review" not in html
    assert reverse("meetings:commitment_edit", args=[commitment.pk]) not in html


def test_overdue_is_marked(client_for, owner, meeting):
    late = CommitmentFactory(meeting=meeting, due_on=timezone.localdate() - datetime.timedelta(days=1))
    response = client_for(owner).get(url(late))
    assert response.context["is_overdue"] is True
    assert "Overdue" in response.content.decode()


def test_timeline_shows_who_when_from_to_and_note(client_for, owner, department_member, commitment):
    CommitmentUpdate.objects.create(
        commitment=commitment,
        by=department_member,
        from_status=Status.OPEN,
        to_status=Status.IN_PROGRESS,
        note="Truck booked",
    )
    response = client_for(owner).get(url(commitment))
    html = response.content.decode()
    assert "Truck booked" in html
    assert "Open → <strong>In progress</strong>" in html
    assert str(department_member) in html


def test_empty_timeline_says_so(client_for, owner, commitment):
    assert "No progress recorded yet" in client_for(owner).get(url(commitment)).content.decode()


# The progress form -----------------------------------------------------------------------


def test_department_member_is_offered_start_and_done_not_cancel(client_for, department_member, commitment):
    form = client_for(department_member).get(url(commitment)).context["form"]
    assert [value for value, _label in form.moves] == [Status.IN_PROGRESS, Status.DONE]


def test_owner_is_offered_cancel_too(client_for, owner, commitment):
    form = client_for(owner).get(url(commitment)).context["form"]
    assert [value for value, _label in form.moves] == [Status.IN_PROGRESS, Status.DONE, Status.CANCELLED]


def test_director_reads_without_a_form(client_for, director, commitment):
    response = client_for(director).get(url(commitment))
    assert response.context["form"] is None
    assert "Move it along" not in response.content.decode()


def test_director_may_not_progress(client_for, director, commitment):
    response = client_for(director).post(progress_url(commitment), {"to_status": "done", "version": 1})
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == Status.OPEN


@pytest.mark.parametrize("persona", HIDDEN)
def test_progress_by_who_cannot_see_it_is_404(request, client_for, commitment, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        progress_url(commitment), {"to_status": "done", "version": 1}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user", "department_member"])
def test_progress_from_the_page_returns_to_it(request, client_for, commitment, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        progress_url(commitment), {"to_status": "done", "note": "Delivered", "version": commitment.version}
    )
    assert response.status_code == 302
    assert response.url == url(commitment)
    commitment.refresh_from_db()
    assert commitment.status == Status.DONE


def test_progress_anonymous_is_sent_to_login(client_for, commitment):
    response = client_for(None).post(progress_url(commitment), {"to_status": "done", "version": 1})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_done_shows_reopen_and_reopen_needs_a_note(client_for, owner, commitment):
    client = client_for(owner)
    client.post(progress_url(commitment), {"to_status": "done", "version": 1})
    form = client.get(url(commitment)).context["form"]
    assert form.moves == [(Status.IN_PROGRESS, "Reopen")]
    response = client.post(progress_url(commitment), {"to_status": "in_progress", "note": "", "version": 2})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert "a note is required" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == Status.DONE


def test_department_member_posting_cancel_is_refused(client_for, department_member, commitment):
    response = client_for(department_member).post(
        progress_url(commitment), {"to_status": "cancelled", "note": "Not ours", "version": 1}
    )
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == Status.OPEN


def test_a_move_the_table_refuses_is_shown_as_an_error(client_for, owner, commitment):
    response = client_for(owner).post(progress_url(commitment), {"to_status": "open", "version": 1})
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()


def test_unknown_status_is_a_form_error(client_for, owner, commitment):
    response = client_for(owner).post(progress_url(commitment), {"to_status": "lost", "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["to_status"]


def test_stale_version_shows_a_conflict(client_for, owner, department_member, commitment):
    client_for(department_member).post(progress_url(commitment), {"to_status": "in_progress", "version": 1})
    response = client_for(owner).post(
        progress_url(commitment), {"to_status": "done", "note": "All delivered", "version": 1}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "while you were editing" in html
    assert "Saved by someone else meanwhile" in html
    assert ("Status", "In progress") in response.context["form"].conflicts
    assert "All delivered" in html  # the note typed stays in the form
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS
    assert commitment.updates.count() == 1


def test_query_count_is_constant_as_the_timeline_grows(client_for, owner, commitment, django_assert_max_num_queries):
    client = client_for(owner)

    def add(n):
        for _ in range(n):
            CommitmentUpdate.objects.create(
                commitment=commitment, by=owner, from_status=Status.OPEN, to_status=Status.IN_PROGRESS
            )

    add(2)
    with django_assert_max_num_queries(12) as few:
        client.get(url(commitment))
    add(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(commitment))
    assert len(response.context["updates"]) == 20
