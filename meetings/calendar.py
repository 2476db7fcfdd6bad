"""Meetings as iCalendar (RFC 5545): one event to download, or a user's whole feed for
Outlook or Google Calendar to subscribe to. Times are written in UTC, so every calendar shows
them in its own zone; the UID stays the same for a meeting's whole life and SEQUENCE is the
meeting's version, so a changed or cancelled meeting updates the event already imported."""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import Meeting

PRODID = "-//KAM//Key account meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@kam"


def meeting_event(meeting: Meeting, *, url: str, stamp: datetime.datetime) -> Event:
    """The VEVENT of one meeting (its account must be loaded); `url` is its absolute link."""
    starts = meeting.starts_at.astimezone(datetime.UTC)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + datetime.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", f"{meeting.title} — {meeting.account.name}")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", "\n\n".join(part for part in (meeting.objective, url) if part))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("sequence", meeting.version)
    return event


def calendar_ics(meetings: Iterable[Meeting], *, url_for: Callable[[Meeting], str], name: str = "") -> bytes:
    """A VCALENDAR of these meetings, as bytes to serve as text/calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_for(meeting), stamp=stamp))
    return calendar.to_ical()
