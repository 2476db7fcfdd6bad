"""Moving a commitment along its life: open → in progress → done, back to in progress when
it was closed too early, or cancelled by whoever may change the account. Each move is one
CommitmentUpdate (who, when, from, to, why) and one versioned save of the commitment."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.core.access import deny_forbidden
from kam.core.locking import ConcurrentEditError, save_versioned
from meetings.models import Commitment, CommitmentUpdate
from meetings.selectors.access import commitment_is_editable, commitment_may_progress

Status = Commitment.Status

# Every move a commitment may make; cancelling is further limited to the account's editors.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.IN_PROGRESS, Status.DONE, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.DONE, Status.CANCELLED),
    Status.DONE: (Status.IN_PROGRESS,),
    Status.CANCELLED: (),
}


def note_required(*, from_status: str, to_status: str) -> bool:
    """Reopening a done commitment and cancelling one must say why."""
    return to_status == Status.CANCELLED or (from_status == Status.DONE and to_status == Status.IN_PROGRESS)


def next_statuses(*, status: str, may_cancel: bool) -> list[str]:
    """Where a commitment in `status` may go, for someone who may (or may not) cancel it."""
    return [to for to in TRANSITIONS.get(status, ()) if may_cancel or to != Status.CANCELLED]


@transaction.atomic
def commitment_progress(
    *, by, commitment: Commitment, to_status: str, note: str, expected_version: int | None
) -> CommitmentUpdate:
    """Move `commitment` to `to_status` and record the step.

    Who may: the account's editors, the assigned person and the members of the assigned
    department (403 otherwise); only the account's editors cancel. A move the table above
    does not allow, or one without the note it needs, raises ValidationError. A commitment
    saved by someone else since `expected_version` raises ConcurrentEditError and nothing is
    written.
    """
    if not commitment_may_progress(user=by, commitment=commitment):
        raise deny_forbidden(by, "progress", f"commitment:{commitment.pk}")
    if to_status == Status.CANCELLED and not commitment_is_editable(user=by, commitment=commitment):
        raise deny_forbidden(by, "cancel", f"commitment:{commitment.pk}")
    if commitment.version != expected_version:
        # Judge the move against what the user saw, not against a colleague's newer status.
        raise ConcurrentEditError(commitment)
    from_status = commitment.status
    if to_status not in TRANSITIONS.get(from_status, ()):
        raise ValidationError(
            _("A commitment that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label if to_status in Status else to_status},
            code="transition",
        )
    note = (note or "").strip()
    if not note and note_required(from_status=from_status, to_status=to_status):
        raise ValidationError(_("Say why: a note is required for this change."), code="note_required")
    commitment.status = to_status
    commitment.done_at = timezone.now() if to_status == Status.DONE else None
    commitment._history_user = by
    save_versioned(commitment, expected_version=expected_version)
    return CommitmentUpdate.objects.create(
        commitment=commitment, by=by, from_status=from_status, to_status=to_status, note=note
    )
