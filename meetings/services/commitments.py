"""Recording what was promised at a meeting: a commitment's text, assignee, due date and
quantity. Moving it through its statuses is the commitments queue's service."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services.access import require_edit
from kam.core.locking import save_versioned
from meetings.models import Commitment, CommitmentUpdate, Meeting
from meetings.services.preparation import apply, require_meeting_edit

COMMITMENT_FIELDS = ("text", "assignee_user", "assignee_department", "due_on", "quantity", "unit")


def check_assignee(commitment: Commitment) -> None:
    """A person or a department, exactly one (the form says so; this holds for any caller)."""
    has_user = commitment.assignee_user_id is not None
    has_department = commitment.assignee_department_id is not None
    if has_user == has_department:
        raise ValidationError(_("Assign the commitment to a person or to a department, not both."), code="assignee")


@transaction.atomic
def commitment_create(*, by, meeting: Meeting, data: dict) -> Commitment:
    """Record a commitment of `meeting`: its account comes from the meeting, its history
    starts with an "open" step by `by`."""
    require_meeting_edit(by=by, meeting=meeting)
    commitment = Commitment(meeting=meeting, account_id=meeting.account_id, created_by=by)
    apply(commitment, data, COMMITMENT_FIELDS)
    check_assignee(commitment)
    commitment._history_user = by
    save_versioned(commitment, expected_version=None)
    CommitmentUpdate.objects.create(commitment=commitment, by=by, from_status="", to_status=Commitment.Status.OPEN)
    return commitment


@transaction.atomic
def commitment_update(*, by, commitment: Commitment, data: dict, expected_version: int | None) -> Commitment:
    """Change what was promised, to whom, by when. ConcurrentEditError if someone saved it
    meanwhile (a department moving it to in progress counts)."""
    require_edit(by=by, account=commitment.account)
    apply(commitment, data, COMMITMENT_FIELDS)
    check_assignee(commitment)
    commitment._history_user = by
    save_versioned(commitment, expected_version=expected_version)
    return commitment
