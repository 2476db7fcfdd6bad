"""Department members see their own commitments and nothing else; overdue is judged by the
user's own calendar."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.models import Commitment
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("meetings:commitments")
VLADIVOSTOK = zoneinfo.ZoneInfo("Asia/Vladivostok")


@pytest.fixture
def finance():
    return DepartmentFactory(name="Finance", slug="finance")


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account)


@pytest.fixture
def finance_commitment(meeting, finance):
    return CommitmentFactory(meeting=meeting, assignee_department=finance, text="Issue the credit note")


@pytest.fixture
def logistics_commitment(meeting, department_member):
    return CommitmentFactory(meeting=meeting, assignee_department=department_member.department, text="Ship samples")


def test_logistics_never_sees_finance_in_the_queue(
    client_for, department_member, finance_commitment, logistics_commitment
):
    client = client_for(department_member)
    for params in ({}, {"status": "all"}, {"assignee": ""}, {"department": finance_commitment.assignee_department_id}):
        texts = [c.text for c in client.get(QUEUE, params).context["page"].object_list]
        assert "Issue the credit note" not in texts, params
    assert [c.text for c in client.get(QUEUE).context["page"].object_list] == ["Ship samples"]


def test_logistics_gets_404_on_finance_commitment(client_for, department_member, finance_commitment):
    response = client_for(department_member).get(reverse("meetings:commitment", args=[finance_commitment.pk]))
    assert response.status_code == 404


def test_logistics_cannot_progress_finance_commitment(client_for, department_member, finance_commitment):
    response = client_for(department_member).post(
        reverse("meetings:commitment_progress", args=[finance_commitment.pk]),
        {"to_status": "done", "version": finance_commitment.version},
    )
    assert response.status_code == 404
    finance_commitment.refresh_from_db()
    assert finance_commitment.status == Commitment.Status.OPEN


def test_finance_member_sees_finance_not_logistics(client_for, finance, finance_commitment, logistics_commitment):
    member = UserFactory(username="finance", role=Role.DEPARTMENT, department=finance)
    texts = [c.text for c in client_for(member).get(QUEUE, {"status": "all"}).context["page"].object_list]
    assert texts == ["Issue the credit note"]


def test_department_member_gets_404_on_the_account(client_for, department_member, account, logistics_commitment):
    assert client_for(department_member).get(reverse("accounts:detail", args=[account.pk])).status_code == 404


def test_department_member_cannot_open_the_meeting(client_for, department_member, meeting, logistics_commitment):
    response = client_for(department_member).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code != 200
    assert response.status_code in (403, 404)


def test_department_member_lands_on_the_queue(client_for, department_member):
    response = client_for(department_member).get("/")
    assert response.status_code == 302
    assert response.url == QUEUE


# Overdue by the user's own calendar -------------------------------------------------------


@pytest.fixture
def far_east_member(department_member):
    department_member.time_zone = "Asia/Vladivostok"
    department_member.save(update_fields=["time_zone"])
    return department_member


@pytest.fixture
def moscow_member(department_member):
    return UserFactory(username="logistics-msk", role=Role.DEPARTMENT, department=department_member.department)


def overdue_texts(client) -> list[str]:
    return [c.text for c in client.get(QUEUE, {"status": "overdue"}).context["page"].object_list]


def test_due_yesterday_in_vladivostok_is_overdue_there_while_still_due_today_in_moscow(
    client_for, meeting, far_east_member, moscow_member
):
    commitment = CommitmentFactory(
        meeting=meeting,
        assignee_department=far_east_member.department,
        due_on=datetime.date(2026, 3, 9),
        text="Ship samples",
    )
    # 00:30 on 10 March in Vladivostok is 17:30 on 9 March in Moscow.
    with time_machine.travel(datetime.datetime(2026, 3, 10, 0, 30, tzinfo=VLADIVOSTOK), tick=False):
        assert overdue_texts(client_for(far_east_member)) == ["Ship samples"]
        detail = client_for(far_east_member).get(reverse("meetings:commitment", args=[commitment.pk]))
        assert detail.context["is_overdue"] is True
        assert overdue_texts(client_for(moscow_member)) == []
        assert [c.is_overdue for c in client_for(moscow_member).get(QUEUE).context["page"].object_list] == [False]


def test_a_minute_before_midnight_in_vladivostok_it_is_not_yet_overdue(client_for, meeting, far_east_member):
    CommitmentFactory(meeting=meeting, assignee_department=far_east_member.department, due_on=datetime.date(2026, 3, 9))
    with time_machine.travel(datetime.datetime(2026, 3, 9, 23, 59, tzinfo=VLADIVOSTOK), tick=False):
        assert overdue_texts(client_for(far_east_member)) == []
    with time_machine.travel(datetime.datetime(2026, 3, 10, 0, 0, tzinfo=VLADIVOSTOK), tick=False):
        assert len(overdue_texts(client_for(far_east_member))) == 1


def test_done_commitments_are_never_overdue(client_for, meeting, department_member):
    CommitmentFactory(
        meeting=meeting,
        assignee_department=department_member.department,
        due_on=datetime.date(2026, 3, 1),
        status=Commitment.Status.DONE,
    )
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=VLADIVOSTOK), tick=False):
        response = client_for(department_member).get(QUEUE, {"status": "all"})
    assert [c.is_overdue for c in response.context["page"].object_list] == [False]
