"""Writes to a meeting's follow-up: marking it held, the outcome of each topic, the values
agreed against each target, the interest signals and the minutes. Each checks the right to
change the meeting and that its follow-up is open (its time has come, or it was held)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaTopic, Meeting, NegotiationTarget
from meetings.selectors.meeting_page import followup_is_open
from meetings.services.preparation import apply, require_meeting_edit, save_by

OUTCOME_FIELDS = ("outcome", "outcome_notes")
AGREED_FIELDS = ("agreed_volume", "agreed_price", "agreed_discount", "agreed_terms")
SIGNAL_FIELDS = ("client_questions", "tone", "expression", "took_notes", "other_signs", "signals_notes")
MINUTES_FIELDS = ("minutes",)


def require_followup(*, by, meeting: Meeting) -> None:
    require_meeting_edit(by=by, meeting=meeting)
    if not followup_is_open(meeting):
        raise ValidationError(_("The follow-up opens when the meeting's time has come."), code="not_yet")


@transaction.atomic
def meeting_hold(*, by, meeting: Meeting) -> Meeting:
    """Mark a planned meeting held, once its time has come. Holding a held meeting again
    changes nothing; a cancelled one cannot be held."""
    require_meeting_edit(by=by, meeting=meeting)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.status == Meeting.Status.HELD:
        return current
    if current.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be marked held."), code="cancelled")
    if current.starts_at > timezone.now():
        raise ValidationError(_("The meeting has not started yet."), code="not_yet")
    current.status = Meeting.Status.HELD
    save_by(current, by=by, expected_version=current.version)
    meeting.status, meeting.version = current.status, current.version
    return current


@transaction.atomic
def topic_outcome_update(*, by, topic: AgendaTopic, data: dict, expected_version: int | None) -> AgendaTopic:
    """Whether the topic's strategic goal was reached, and notes on how it went."""
    require_followup(by=by, meeting=topic.meeting)
    apply(topic, data, OUTCOME_FIELDS)
    save_by(topic, by=by, expected_version=expected_version)
    return topic


@transaction.atomic
def target_agreed_update(
    *, by, target: NegotiationTarget, data: dict, expected_version: int | None
) -> NegotiationTarget:
    """What was agreed on the target. A value beyond a limit is recorded as agreed (it is
    what happened) and flagged wherever the target shows (meetings.limits)."""
    require_followup(by=by, meeting=target.meeting)
    apply(target, data, AGREED_FIELDS)
    save_by(target, by=by, expected_version=expected_version)
    return target


@transaction.atomic
def signals_update(*, by, meeting: Meeting, data: dict, expected_version: int | None) -> Meeting:
    """The interest signals; the engagement score is computed from them when shown."""
    require_followup(by=by, meeting=meeting)
    apply(meeting, data, SIGNAL_FIELDS)
    save_by(meeting, by=by, expected_version=expected_version)
    return meeting


@transaction.atomic
def minutes_update(*, by, meeting: Meeting, data: dict, expected_version: int | None) -> Meeting:
    require_followup(by=by, meeting=meeting)
    apply(meeting, data, MINUTES_FIELDS)
    save_by(meeting, by=by, expected_version=expected_version)
    return meeting
