"""Meetings in the dossier search: found by their minutes and agenda, only by those who may
see them, and kept current as meetings and topics change."""

import pytest
from django.urls import reverse

from accounts.models import SearchEntry
from accounts.search import rebuild_index
from meetings.models import Meeting
from meetings.tests.factories import AgendaTopicFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def hits(client, query) -> list[tuple[str, str]]:
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    page = response.context.get("page")
    return [(hit.kind, hit.url) for hit in page.object_list] if page else []


@pytest.fixture
def meeting(account):
    return MeetingFactory(
        account=account, title="Spring review", minutes="The client asked about hydraulics for the new line."
    )


def test_a_kam_finds_their_meeting_by_a_word_of_its_minutes(client_for, owner, meeting):
    assert hits(client_for(owner), "hydraulics") == [
        (SearchEntry.Kind.MEETING, reverse("meetings:detail", args=[meeting.pk]))
    ]


def test_another_kam_does_not_find_it(client_for, other_kam, meeting):
    assert hits(client_for(other_kam), "hydraulics") == []


def test_a_director_of_the_region_finds_it(client_for, director, meeting):
    assert len(hits(client_for(director), "hydraulics")) == 1


def test_agenda_topics_are_searchable_and_follow_their_changes(client_for, owner, meeting):
    c = client_for(owner)
    topic = AgendaTopicFactory(meeting=meeting, title="Warehouse", strategic_goal="Win the zeppelin contract")
    assert len(hits(c, "zeppelin")) == 1
    topic.outcome_notes = "They chose a dirigible instead"
    topic.save()
    assert len(hits(c, "dirigible")) == 1
    topic.delete()
    assert hits(c, "zeppelin") == []


def test_a_changed_meeting_is_found_by_its_new_words_only(client_for, owner, meeting):
    meeting.minutes = "Only pneumatics now."
    meeting.save()
    c = client_for(owner)
    assert hits(c, "hydraulics") == []
    assert len(hits(c, "pneumatics")) == 1


def test_a_deleted_meeting_leaves_the_index(meeting):
    AgendaTopicFactory(meeting=meeting)
    meeting.delete()
    assert not SearchEntry.objects.filter(kind=SearchEntry.Kind.MEETING).exists()


def test_the_rebuild_writes_meetings_with_their_topics(client_for, owner, meeting):
    AgendaTopicFactory(meeting=meeting, title="Sprockets")
    SearchEntry.objects.all().delete()
    written = rebuild_index()
    assert written[SearchEntry.Kind.MEETING] == Meeting.objects.count() == 1
    assert len(hits(client_for(owner), "sprockets")) == 1
