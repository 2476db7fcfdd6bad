"""The service that moves a commitment along: who may, which moves, what it records."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.core.locking import ConcurrentEditError
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.models import Commitment, CommitmentUpdate
from meetings.services.progress import commitment_progress, next_statuses
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

Status = Commitment.Status
OPEN, IN_PROGRESS, DONE, CANCELLED = Status.OPEN, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED


@pytest.fixture
def commitment(account, department_member):
    return CommitmentFactory(meeting=MeetingFactory(account=account), assignee_department=department_member.department)


def move(commitment, by, to_status, note="because"):
    commitment.refresh_from_db()
    return commitment_progress(
        by=by, commitment=commitment, to_status=to_status, note=note, expected_version=commitment.version
    )


def put(commitment, status):
    Commitment.objects.filter(pk=commitment.pk).update(status=status)
    commitment.refresh_from_db()


# (from, to, allowed for the account's owner)
TRANSITIONS = [
    (OPEN, IN_PROGRESS, True),
    (OPEN, DONE, True),
    (OPEN, CANCELLED, True),
    (OPEN, OPEN, False),
    (IN_PROGRESS, DONE, True),
    (IN_PROGRESS, CANCELLED, True),
    (IN_PROGRESS, OPEN, False),
    (IN_PROGRESS, IN_PROGRESS, False),
    (DONE, IN_PROGRESS, True),
    (DONE, OPEN, False),
    (DONE, CANCELLED, False),
    (DONE, DONE, False),
    (CANCELLED, OPEN, False),
    (CANCELLED, IN_PROGRESS, False),
    (CANCELLED, DONE, False),
]


@pytest.mark.parametrize(("from_status", "to_status", "allowed"), TRANSITIONS)
def test_transitions_table(commitment, owner, from_status, to_status, allowed):
    put(commitment, from_status)
    if allowed:
        move(commitment, owner, to_status)
        commitment.refresh_from_db()
        assert commitment.status == to_status
    else:
        with pytest.raises(ValidationError) as refused:
            move(commitment, owner, to_status)
        assert refused.value.code == "transition"
        commitment.refresh_from_db()
        assert commitment.status == from_status
        assert not commitment.updates.exists()


def test_next_statuses_offer_cancel_only_to_who_may_cancel():
    assert next_statuses(status=OPEN, may_cancel=True) == [IN_PROGRESS, DONE, CANCELLED]
    assert next_statuses(status=OPEN, may_cancel=False) == [IN_PROGRESS, DONE]
    assert next_statuses(status=DONE, may_cancel=False) == [IN_PROGRESS]
    assert next_statuses(status=CANCELLED, may_cancel=True) == []


def test_move_records_an_update_with_who_from_to_and_note(commitment, department_member):
    update = move(commitment, department_member, IN_PROGRESS, note="Truck booked for Monday")
    assert isinstance(update, CommitmentUpdate)
    assert (update.by, update.from_status, update.to_status, update.note) == (
        department_member,
        OPEN,
        IN_PROGRESS,
        "Truck booked for Monday",
    )
    commitment.refresh_from_db()
    assert commitment.version == 2


def test_move_is_in_history_by_the_mover(commitment, department_member):
    move(commitment, department_member, DONE)
    last = commitment.history.first()
    assert last.status == DONE
    assert last.history_user == department_member


def test_done_sets_done_at_and_reopen_clears_it(commitment, department_member):
    move(commitment, department_member, DONE)
    commitment.refresh_from_db()
    assert commitment.done_at is not None
    move(commitment, department_member, IN_PROGRESS, note="The client counted 2 pallets short")
    commitment.refresh_from_db()
    assert commitment.done_at is None
    assert commitment.status == IN_PROGRESS


@pytest.mark.parametrize(("from_status", "to_status"), [(DONE, IN_PROGRESS), (OPEN, CANCELLED)])
def test_reopen_and_cancel_need_a_note(commitment, owner, from_status, to_status):
    put(commitment, from_status)
    with pytest.raises(ValidationError) as refused:
        move(commitment, owner, to_status, note="   ")
    assert refused.value.code == "note_required"
    commitment.refresh_from_db()
    assert commitment.status == from_status


def test_start_and_done_need_no_note(commitment, department_member):
    move(commitment, department_member, IN_PROGRESS, note="")
    move(commitment, department_member, DONE, note="")
    commitment.refresh_from_db()
    assert commitment.status == DONE
    assert list(commitment.updates.values_list("note", flat=True)) == ["", ""]


def test_department_member_may_not_cancel(commitment, department_member):
    with pytest.raises(PermissionDenied):
        move(commitment, department_member, CANCELLED)
    commitment.refresh_from_db()
    assert commitment.status == OPEN


def test_assigned_person_may_progress_but_not_cancel(account, other_kam):
    commitment = CommitmentFactory(meeting=MeetingFactory(account=account), assignee_user=other_kam)
    move(commitment, other_kam, IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        move(commitment, other_kam, CANCELLED)
    commitment.refresh_from_db()
    assert commitment.status == IN_PROGRESS


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user"])
def test_account_editors_may_cancel(request, commitment, persona):
    move(commitment, request.getfixturevalue(persona), CANCELLED, note="The client withdrew the order")
    commitment.refresh_from_db()
    assert commitment.status == CANCELLED
    assert commitment.done_at is None


@pytest.mark.parametrize("persona", ["director", "other_kam", "other_director"])
def test_who_neither_changes_the_account_nor_is_assigned_may_not_progress(request, commitment, persona):
    with pytest.raises(PermissionDenied):
        move(commitment, request.getfixturevalue(persona), IN_PROGRESS)
    assert not commitment.updates.exists()


def test_member_of_another_department_may_not_progress(commitment):
    finance = UserFactory(role=Role.DEPARTMENT, department=DepartmentFactory(name="Finance", slug="finance"))
    with pytest.raises(PermissionDenied):
        move(commitment, finance, DONE)


def test_stale_version_raises_conflict_and_writes_nothing(commitment, owner, department_member):
    stale = commitment.version
    move(commitment, department_member, IN_PROGRESS)
    commitment.refresh_from_db()
    with pytest.raises(ConcurrentEditError) as conflict:
        commitment_progress(by=owner, commitment=commitment, to_status=DONE, note="", expected_version=stale)
    assert conflict.value.current.status == IN_PROGRESS
    commitment.refresh_from_db()
    assert commitment.status == IN_PROGRESS
    assert commitment.updates.count() == 1
