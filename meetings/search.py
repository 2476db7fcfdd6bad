"""Meetings in the dossier search: a meeting is found by its title, objective, minutes and
its agenda (topic titles, strategic goals, notes on the outcomes), and links to its page.
Registered with accounts.search from MeetingsConfig.ready(); meetings.signals keeps the rows
current."""

from django.urls import reverse

from accounts.models import SearchEntry
from accounts.search import Document, Indexed, index_object, register
from meetings.models import Meeting

# NUL is refused by PostgreSQL; \x02 and \x03 are the search highlight markers.
_UNINDEXABLE = str.maketrans("", "", "\x00\x02\x03")


def meeting_document(meeting: Meeting) -> Document:
    """One query for the topics (none when they were prefetched, as the rebuild does)."""
    parts = [meeting.objective, meeting.minutes]
    for topic in meeting.topics.all():
        parts += [topic.title, topic.strategic_goal, topic.outcome_notes]
    return Document(
        account_id=meeting.account_id,
        title=meeting.title,
        body="\n".join(part for part in parts if part).translate(_UNINDEXABLE),
        url=reverse("meetings:detail", args=[meeting.pk]),
    )


def index_meeting(meeting: Meeting) -> None:
    """Write the meeting's search row (its topics read afresh)."""
    index_object(meeting)


def register_meetings() -> None:
    register(
        Meeting,
        Indexed(SearchEntry.Kind.MEETING, meeting_document, lambda: Meeting.objects.prefetch_related("topics")),
    )
