"""Scheduling, changing and cancelling meetings, and what a new meeting's preparation starts
from: the previous held meeting's unreached topics and, for an annual meeting, the checklist
with the previous meeting's results filled in.

The caller has fetched the account or meeting through an editing selector; these services
check the right again, as every write does."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import Account, Contact
from accounts.services.access import require_edit
from kam.core.locking import save_versioned
from meetings.models import AgendaTopic, CalendarFeed, Meeting, new_feed_token
from meetings.selectors.meetings import previous_held_meeting
from meetings.services.checklist import checklist_ensure

# What the schedule form may set; everything else (status, follow-up) has its own service.
SCHEDULE_FIELDS = {"kind", "title", "starts_at", "duration_minutes", "location", "objective"}


def _split(data: dict) -> tuple[dict, list | None, list | None]:
    fields = {name: value for name, value in data.items() if name in SCHEDULE_FIELDS}
    return fields, data.get("attendees"), data.get("client_attendees")


def _check_attendees(meeting: Meeting, attendees: Iterable | None, client_attendees: Iterable | None) -> None:
    """Client attendees are people of the meeting's account; our attendees are active users
    (someone who already attends and has since left may stay). The form offers only such
    people; this holds the line for any other caller."""
    if client_attendees is not None:
        strangers = [c for c in client_attendees if not isinstance(c, Contact) or c.account_id != meeting.account_id]
        if strangers:
            raise ValidationError(
                _("%(name)s does not work at %(account)s.") % {"name": strangers[0], "account": meeting.account},
                code="client_attendee_elsewhere",
            )
    if attendees is not None:
        already = set(meeting.attendees.values_list("pk", flat=True)) if meeting.pk else set()
        inactive = [user for user in attendees if not user.is_active and user.pk not in already]
        if inactive:
            raise ValidationError(
                _("%(name)s can no longer attend meetings: their login is disabled.") % {"name": inactive[0]},
                code="attendee_inactive",
            )


def _set_attendees(meeting: Meeting, attendees: Iterable | None, client_attendees: Iterable | None) -> None:
    # .set() writes (and records in the history) only what changed.
    if attendees is not None:
        meeting.attendees.set(attendees)
    if client_attendees is not None:
        meeting.client_attendees.set(client_attendees)


def _carry_over_topics(*, by, meeting: Meeting, previous: Meeting | None) -> list[AgendaTopic]:
    """The previous held meeting's topics whose goal was not (fully) reached become the new
    meeting's first topics, each linked to the one it carries over."""
    if previous is None:
        return []
    unreached = previous.topics.filter(
        outcome__in=[AgendaTopic.Outcome.PARTLY, AgendaTopic.Outcome.NOT_ACHIEVED]
    ).order_by("position", "pk")
    topics = [
        AgendaTopic(
            meeting=meeting,
            position=position,
            title=topic.title,
            strategic_goal=topic.strategic_goal,
            arguments=topic.arguments,
            objections=topic.objections,
            carried_from=topic,
        )
        for position, topic in enumerate(unreached)
    ]
    if topics:
        bulk_create_with_history(topics, AgendaTopic, default_user=by)
    return topics


def _reindex(meeting: Meeting) -> None:
    # Rows written in bulk send no signals: the meeting's search entry is brought up to date here.
    from meetings.search import index_meeting

    index_meeting(meeting)


@transaction.atomic
def meeting_schedule(*, by, account: Account, data: dict) -> Meeting:
    """Schedule a meeting with `account`; `data` holds the schedule form's fields (never
    `account`), attendees and client attendees as lists. Preparation starts from what is
    known: the previous held meeting's unreached topics are carried over, and an annual
    meeting gets its checklist."""
    require_edit(by=by, account=account)
    fields, attendees, client_attendees = _split(data)
    meeting = Meeting(**fields)
    meeting.account = account
    meeting.created_by = by
    meeting.status = Meeting.Status.PLANNED
    _check_attendees(meeting, attendees, client_attendees)
    meeting._history_user = by
    save_versioned(meeting, expected_version=None)
    _set_attendees(meeting, attendees, client_attendees)
    carried = _carry_over_topics(by=by, meeting=meeting, previous=previous_held_meeting(meeting=meeting))
    if meeting.is_annual:
        checklist_ensure(by=by, meeting=meeting)
    if carried:
        _reindex(meeting)
    return meeting


@transaction.atomic
def meeting_update(*, by, meeting: Meeting, data: dict, expected_version: int | None) -> Meeting:
    """Change a meeting's schedule, attendees or objective. Raises ConcurrentEditError when
    someone saved it since `expected_version`, and nothing is written. A meeting that becomes
    annual gets the checklist items it lacks."""
    require_edit(by=by, account=meeting.account)
    fields, attendees, client_attendees = _split(data)
    for name, value in fields.items():
        setattr(meeting, name, value)
    _check_attendees(meeting, attendees, client_attendees)
    meeting._history_user = by
    save_versioned(meeting, expected_version=expected_version)
    _set_attendees(meeting, attendees, client_attendees)
    if meeting.is_annual:
        checklist_ensure(by=by, meeting=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, by, meeting: Meeting) -> Meeting:
    """Cancel a planned meeting (calendars that subscribed show it as cancelled). A held
    meeting cannot be cancelled; cancelling a cancelled one changes nothing."""
    require_edit(by=by, account=meeting.account)
    if meeting.status == Meeting.Status.CANCELLED:
        return meeting
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("This meeting was held: it can no longer be cancelled."), code="held")
    meeting.status = Meeting.Status.CANCELLED
    meeting._history_user = by
    save_versioned(meeting, expected_version=meeting.version)
    return meeting


@transaction.atomic
def calendar_feed_reset(*, by) -> CalendarFeed:
    """Give the user a calendar feed URL, or a new one: the old URL stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=by)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
