"""Meetings as iCalendar: one meeting's .ics download and each user's private feed, parsed
back with icalendar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.tests.factories import AccountFactory
from meetings.models import CalendarFeed, Meeting
from meetings.services.meetings import meeting_update
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DAY = datetime.timedelta(days=1)


def ics_url(meeting):
    return reverse("meetings:ics", args=[meeting.pk])


def feed_url(token):
    return reverse("meetings:feed", args=[token])


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def meeting(account):
    return MeetingFactory(
        account=account,
        title="Annual review",
        starts_at=datetime.datetime(2031, 3, 10, 7, 30, tzinfo=UTC),
        duration_minutes=90,
        location="Cherepovets, main office",
        objective="Agree next year's volumes.",
    )


# One meeting ---------------------------------------------------------------------------------


def test_the_ics_file_describes_the_meeting_in_utc(client_for, owner, meeting):
    owner.time_zone = "Asia/Tokyo"  # the file does not depend on the viewer's zone
    owner.save()
    response = client_for(owner).get(ics_url(meeting))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    [event] = events(response)
    assert event.decoded("dtstart") == datetime.datetime(2031, 3, 10, 7, 30, tzinfo=UTC)
    assert event.decoded("dtend") == datetime.datetime(2031, 3, 10, 9, 0, tzinfo=UTC)
    assert b"DTSTART:20310310T073000Z" in response.content
    assert str(event["summary"]) == "Annual review — Северсталь Логистик"
    assert str(event["location"]) == "Cherepovets, main office"
    description = str(event["description"])
    assert "Agree next year's volumes." in description
    assert f"http://testserver{reverse('meetings:detail', args=[meeting.pk])}" in description
    assert str(event["status"]) == "CONFIRMED"
    assert event["sequence"] == 1


def test_the_uid_stays_and_the_sequence_follows_the_version(client_for, owner, meeting):
    c = client_for(owner)
    [before] = events(c.get(ics_url(meeting)))
    meeting_update(by=owner, meeting=meeting, data={"title": "Moved"}, expected_version=1)
    [after] = events(c.get(ics_url(meeting)))
    assert str(before["uid"]) == str(after["uid"]) == f"meeting-{meeting.pk}@kam"
    assert (before["sequence"], after["sequence"]) == (1, 2)
    assert str(after["summary"]).startswith("Moved — ")


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client_for, owner, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    [event] = events(client_for(owner).get(ics_url(meeting)))
    assert str(event["status"]) == "CANCELLED"


@pytest.mark.parametrize("persona", ["team_member", "director", "admin_user"])
def test_whoever_sees_the_meeting_downloads_it(request, client_for, meeting, persona):
    assert client_for(request.getfixturevalue(persona)).get(ics_url(meeting)).status_code == 200


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_meeting_gets_404(request, client_for, meeting, persona):
    assert client_for(request.getfixturevalue(persona)).get(ics_url(meeting)).status_code == 404


def test_anonymous_is_sent_to_login(client_for, meeting):
    assert client_for(None).get(ics_url(meeting)).url.startswith("/login/")


def test_post_is_405(client_for, owner, meeting):
    assert client_for(owner).post(ics_url(meeting)).status_code == 405


# The feed -----------------------------------------------------------------------------------


@pytest.fixture
def feed(team_member):
    return CalendarFeed.objects.create(user=team_member)


def test_the_feed_serves_the_meetings_the_user_attends_or_owns_without_a_session(
    client_for, owner, team_member, account, feed
):
    now = timezone.now()
    MeetingFactory(account=account, title="Attended", starts_at=now + 3 * DAY, attendees=[team_member])
    MeetingFactory(account=account, title="Not attending", starts_at=now + 4 * DAY, attendees=[owner])
    own = AccountFactory(owner=team_member, name="Own client")
    MeetingFactory(account=own, title="Own account", starts_at=now - 10 * DAY)
    MeetingFactory(
        account=account,
        title="Called off",
        starts_at=now + 5 * DAY,
        attendees=[team_member],
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(account=account, title="Too old", starts_at=now - 91 * DAY, attendees=[team_member])
    MeetingFactory(account=account, title="Too far", starts_at=now + 366 * DAY, attendees=[team_member])
    response = client_for(None).get(feed_url(feed.token))
    assert response.status_code == 200
    found = {str(e["summary"]).split(" — ")[0]: str(e["status"]) for e in events(response)}
    assert found == {"Attended": "CONFIRMED", "Own account": "CONFIRMED", "Called off": "CANCELLED"}


def test_the_feed_keeps_out_meetings_the_user_may_not_see(client_for, team_member, feed):
    # Invited to a meeting of an account they are not in the team of: not theirs to see.
    stranger = AccountFactory(name="Not mine")
    MeetingFactory(account=stranger, title="Elsewhere", starts_at=timezone.now() + DAY, attendees=[team_member])
    assert events(client_for(None).get(feed_url(feed.token))) == []


def test_a_meeting_lasts_its_duration_in_the_feed(client_for, account, team_member, feed):
    MeetingFactory(
        account=account,
        starts_at=timezone.now().replace(microsecond=0) + DAY,
        duration_minutes=45,
        attendees=[team_member],
    )
    [event] = events(client_for(None).get(feed_url(feed.token)))
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=45)
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(0)


def test_an_unknown_token_is_404(client_for, feed):
    assert client_for(None).get(feed_url("not-a-token")).status_code == 404


def test_an_inactive_users_feed_is_404(client_for, team_member, feed):
    team_member.is_active = False
    team_member.save()
    assert client_for(None).get(feed_url(feed.token)).status_code == 404


def test_a_replaced_token_stops_working(client_for, team_member, feed):
    old = feed.token
    c = client_for(team_member)
    assert c.post(reverse("users:feed_reset")).status_code == 302
    new = CalendarFeed.objects.get(user=team_member).token
    assert new != old
    anonymous = client_for(None)
    assert anonymous.get(feed_url(old)).status_code == 404
    assert anonymous.get(feed_url(new)).status_code == 200


def test_the_feed_refuses_post(client_for, feed):
    assert client_for(None).post(feed_url(feed.token)).status_code == 405


@pytest.mark.parametrize("rows", [2, 20])
def test_feed_query_count_does_not_grow_with_the_rows(
    client_for, account, team_member, feed, django_assert_max_num_queries, rows
):
    for i in range(rows):
        MeetingFactory(account=account, starts_at=timezone.now() + i * DAY, attendees=[team_member])
    c = client_for(None)
    with django_assert_max_num_queries(3):
        response = c.get(feed_url(feed.token))
    assert len(events(response)) == rows
