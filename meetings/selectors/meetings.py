"""Reads of meetings for lists and for preparation, scoped to the user asking."""

from meetings.models import Meeting


def previous_held_meeting(*, meeting: Meeting) -> Meeting | None:
    """The last meeting with the same account held before this one starts: what a new
    meeting's preparation starts from. One query."""
    return (
        Meeting.objects.filter(
            account_id=meeting.account_id, status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at
        )
        .exclude(pk=meeting.pk)
        .order_by("-starts_at", "-pk")
        .first()
    )
