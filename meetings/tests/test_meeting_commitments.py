"""Commitments recorded on the meeting page: added and edited in place, assigned to a person
or a department (never both), overdue by the user's own date."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.models import Commitment, CommitmentUpdate
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account)


@pytest.fixture
def logistics(department_member):
    return department_member.department


def data(**overrides):
    base = {
        "text": "Deliver a trial batch",
        "assignee_user": "",
        "assignee_department": "",
        "due_on": "2031-05-20",
        "quantity": "1400",
        "unit": "kg",
    }
    return {**base, **overrides}


def test_owner_records_a_commitment_for_a_department(client_for, owner, meeting, logistics):
    response = client_for(owner).post(
        reverse("meetings:commitment_add", args=[meeting.pk]), data(assignee_department=logistics.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk]) + "#commitments"
    commitment = Commitment.objects.get()
    assert commitment.account == meeting.account
    assert commitment.created_by == owner
    assert commitment.assignee_department == logistics and commitment.assignee_user is None
    update = CommitmentUpdate.objects.get(commitment=commitment)
    assert (update.from_status, update.to_status, update.by) == ("", "open", owner)
    assert commitment.history.first().history_user == owner


def test_commitment_added_with_htmx_returns_the_section(client_for, team_member, meeting, owner):
    response = client_for(team_member).post(
        reverse("meetings:commitment_add", args=[meeting.pk]), data(assignee_user=owner.pk), headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="commitments"')
    assert "Deliver a trial batch" in response.text and "1400 kg" in response.text


def test_commitment_with_both_a_person_and_a_department_is_an_error(client_for, owner, meeting, logistics):
    response = client_for(owner).post(
        reverse("meetings:commitment_add", args=[meeting.pk]),
        data(assignee_user=owner.pk, assignee_department=logistics.pk),
    )
    assert response.status_code == 200
    assert "Choose a person or a department, not both." in response.text
    assert not Commitment.objects.exists()


def test_commitment_with_nobody_assigned_is_an_error(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:commitment_add", args=[meeting.pk]), data(), headers=HTMX)
    assert "Choose who is to do it: a person or a department." in response.text
    assert not Commitment.objects.exists()


def test_inactive_users_are_not_offered(client_for, owner, meeting):
    gone = UserFactory(username="gone", first_name="Gone", last_name="Away", is_active=False)
    html = client_for(owner).get(reverse("meetings:commitment_add", args=[meeting.pk]), headers=HTMX).text
    form = html.split('id="new-commitment-assignee_user"')[1].split("</select>")[0]
    assert f'value="{owner.pk}"' in form
    assert f'value="{gone.pk}"' not in form
    response = client_for(owner).post(
        reverse("meetings:commitment_add", args=[meeting.pk]), data(assignee_user=gone.pk)
    )
    assert "Select a valid choice" in response.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_commitment_add_is_refused(request, client_for, meeting, owner, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("meetings:commitment_add", args=[meeting.pk]), data(assignee_user=owner.pk)
    )
    assert response.status_code == status
    assert not Commitment.objects.exists()


def test_commitment_add_needs_login_and_answers_put_with_405(client_for, owner, meeting):
    url = reverse("meetings:commitment_add", args=[meeting.pk])
    response = client_for(None).post(url, data())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(None).get(url).status_code == 302
    assert client_for(owner).put(url).status_code == 405


def test_add_commitment_form_opens_only_on_request(client_for, owner, meeting):
    client = client_for(owner)
    add_url = reverse("meetings:commitment_add", args=[meeting.pk])
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert 'id="new-commitment-text"' not in html
    assert f'hx-get="{add_url}" hx-trigger="toggle once" hx-target="#commitments"' in html
    opened = client.get(add_url)
    assert opened.status_code == 200 and "<html" in opened.text
    assert 'id="new-commitment-text"' in opened.text and "Add the commitment" in opened.text


def test_add_commitment_form_opens_in_place_with_htmx(client_for, team_member, meeting):
    response = client_for(team_member).get(reverse("meetings:commitment_add", args=[meeting.pk]), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="commitments"')
    assert 'id="new-commitment-assignee_department"' in response.text
    assert "<html" not in response.text and "hx-swap-oob" not in response.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_add_commitment_form_is_refused(request, client_for, meeting, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(reverse("meetings:commitment_add", args=[meeting.pk]))
    assert response.status_code == status


def test_owner_edits_a_commitment_in_place(client_for, owner, meeting, logistics):
    commitment = CommitmentFactory(meeting=meeting, text="Old text")
    client = client_for(owner)
    form = client.get(reverse("meetings:commitment_edit", args=[commitment.pk]), headers=HTMX)
    assert f'id="commitment-{commitment.pk}-text"' in form.text
    response = client.post(
        reverse("meetings:commitment_edit", args=[commitment.pk]),
        data(text="New text", assignee_department=logistics.pk, version=commitment.version),
        headers=HTMX,
    )
    assert response.status_code == 200 and "New text" in response.text
    commitment.refresh_from_db()
    assert commitment.assignee_department == logistics and commitment.assignee_user is None
    assert commitment.version == 2


def test_stale_commitment_edit_is_a_conflict(client_for, owner, meeting):
    commitment = CommitmentFactory(meeting=meeting)
    Commitment.objects.filter(pk=commitment.pk).update(version=3)
    response = client_for(owner).post(
        reverse("meetings:commitment_edit", args=[commitment.pk]),
        data(text="Mine", assignee_user=owner.pk, version=1),
    )
    assert "while you were editing it" in response.text
    commitment.refresh_from_db()
    assert commitment.text != "Mine"


def test_assigned_department_member_may_not_edit_the_commitment(client_for, department_member, meeting, logistics):
    commitment = CommitmentFactory(meeting=meeting, assignee_department=logistics)
    response = client_for(department_member).get(reverse("meetings:commitment_edit", args=[commitment.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("other_director", 404)])
def test_commitment_edit_is_refused(request, client_for, meeting, persona, status):
    commitment = CommitmentFactory(meeting=meeting)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("meetings:commitment_edit", args=[commitment.pk])).status_code == status


def test_commitment_edit_by_delete_is_405(client_for, owner, meeting):
    commitment = CommitmentFactory(meeting=meeting)
    assert client_for(owner).delete(reverse("meetings:commitment_edit", args=[commitment.pk])).status_code == 405


def test_overdue_follows_the_users_local_date(client_for, owner, meeting):
    """At 01:00 on 11 March in Vladivostok it is still 10 March in UTC: a commitment due on
    10 March is overdue for the user, though not yet by the server's date."""
    owner.time_zone = "Asia/Vladivostok"
    owner.save()
    CommitmentFactory(meeting=meeting, text="Due yesterday locally", due_on=datetime.date(2031, 3, 10))
    CommitmentFactory(meeting=meeting, text="Due today locally", due_on=datetime.date(2031, 3, 11))
    with time_machine.travel(datetime.datetime(2031, 3, 10, 15, 0, tzinfo=datetime.UTC), tick=False):
        html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    section = html.split('id="commitments"')[1]
    rows = section.split("<tr ")
    yesterday = next(row for row in rows if "Due yesterday locally" in row)
    today = next(row for row in rows if "Due today locally" in row)
    assert ">overdue<" in yesterday and ">overdue<" not in today


def test_done_commitment_is_never_overdue(client_for, owner, meeting):
    CommitmentFactory(meeting=meeting, due_on=datetime.date(2020, 1, 1), status=Commitment.Status.DONE)
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert ">overdue<" not in html


def test_departments_are_all_offered(client_for, owner, meeting):
    finance = DepartmentFactory(name="Finance", slug="finance")
    html = client_for(owner).get(reverse("meetings:commitment_add", args=[meeting.pk])).text
    assert f'<option value="{finance.pk}">Finance</option>' in html
