"""The meeting page: who sees it, what its header, summary and previous-meeting panel show,
and that it costs the same number of queries for 2 rows and for 20."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Contact
from accounts.tests.factories import ContactFactory
from kam.notifications.services import notify
from kam.users.tests.factories import DepartmentFactory
from meetings.models import AgendaTopic, ChecklistItem, Commitment, Meeting
from meetings.tests.factories import (
    AgendaTopicFactory,
    CommitmentFactory,
    MeetingFactory,
    NegotiationTargetFactory,
    add_checklist,
)

pytestmark = pytest.mark.django_db

PAGE_QUERIES = 17  # 15 + the newest briefing pack for its panel + the reminders sent about it


@pytest.fixture
def meeting(account, owner):
    return MeetingFactory(
        account=account,
        title="Annual review 2027",
        kind=Meeting.Kind.ANNUAL,
        objective="Renew the supply contract",
        attendees=[owner],
    )


def url(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


def past(days=0, hours=0):
    return timezone.now() - datetime.timedelta(days=days, hours=hours)


# Who sees it --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user"])
def test_editors_see_the_page_with_its_forms(request, client_for, meeting, persona):
    response = client_for(request.getfixturevalue(persona)).get(url(meeting))
    assert response.status_code == 200
    assert "Annual review 2027" in response.text
    assert reverse("meetings:topic_add", args=[meeting.pk]) in response.text
    assert reverse("meetings:edit", args=[meeting.pk]) in response.text


def test_director_of_the_region_reads_without_forms_or_buttons(client_for, director, meeting):
    AgendaTopicFactory(meeting=meeting, title="Volumes")
    response = client_for(director).get(url(meeting))
    assert response.status_code == 200
    assert "Volumes" in response.text
    assert "Read only" in response.text
    for name in ("meetings:topic_add", "meetings:target_add", "meetings:commitment_add", "meetings:edit"):
        assert reverse(name, args=[meeting.pk]) not in response.text
    # The one form a reader has: preparing the briefing pack (a director prints briefs too).
    main = response.text.split("<main")[1]
    before_pack, _pack, after_pack = main.partition('<section id="briefing-pack"')
    assert '<form method="post"' not in before_pack + after_pack.split("</section>", 1)[1]
    assert reverse("meetings:packs", args=[meeting.pk]) in after_pack


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404(request, client_for, meeting, persona):
    assert client_for(request.getfixturevalue(persona)).get(url(meeting)).status_code == 404


def test_anonymous_is_sent_to_log_in(client_for, meeting):
    response = client_for(None).get(url(meeting))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_post_to_the_page_is_405(client_for, owner, meeting):
    assert client_for(owner).post(url(meeting)).status_code == 405


def test_unknown_meeting_is_404(client_for, owner):
    assert client_for(owner).get(reverse("meetings:detail", args=[999999])).status_code == 404


# What it shows ------------------------------------------------------------------------------


def test_header_shows_account_link_attendees_with_roles_and_time_zone(client_for, owner, meeting):
    owner.time_zone = "Asia/Yekaterinburg"
    owner.save()
    contact = ContactFactory(
        account=meeting.account, first_name="Irina", last_name="Volkova", buying_role=Contact.BuyingRole.CHAMPION
    )
    meeting.client_attendees.set([contact])
    meeting.starts_at = datetime.datetime(2031, 3, 4, 5, 0, tzinfo=datetime.UTC)
    meeting.save()
    html = client_for(owner).get(url(meeting)).text
    assert meeting.account.get_absolute_url() in html
    assert "Irina Volkova" in html and "Champion" in html
    assert "Olga Owner" in html
    assert "Renew the supply contract" in html
    assert "Asia/Yekaterinburg" in html
    assert "10 a.m." in html or "10:00" in html  # 05:00 UTC is 10:00 in Yekaterinburg
    assert reverse("meetings:ics", args=[meeting.pk]) in html
    assert reverse("meetings:cancel", args=[meeting.pk]) in html and "data-confirm" in html


def test_empty_preparation_invites_the_first_topic(client_for, owner, meeting):
    html = client_for(owner).get(url(meeting)).text
    assert "No agenda yet — add the first topic and its strategic goal." in html
    assert "No commitments yet." in html
    assert "Nothing carried over" in html


def test_follow_up_waits_for_the_meeting_time(client_for, owner, meeting):
    html = client_for(owner).get(url(meeting)).text
    assert "The follow-up opens when the meeting starts" in html
    assert reverse("meetings:hold", args=[meeting.pk]) not in html


def test_follow_up_opens_when_the_time_has_come(client_for, owner, meeting):
    meeting.starts_at = past(hours=1)
    meeting.save()
    html = client_for(owner).get(url(meeting)).text
    assert reverse("meetings:hold", args=[meeting.pk]) in html
    assert reverse("meetings:signals", args=[meeting.pk]) in html
    assert reverse("meetings:minutes", args=[meeting.pk]) in html


def test_previous_meeting_panel_shows_unreached_goals_and_open_commitments_overdue_first(client_for, owner, meeting):
    previous = MeetingFactory(
        account=meeting.account, title="Spring talks", status=Meeting.Status.HELD, starts_at=past(60)
    )
    AgendaTopicFactory(meeting=previous, title="Payment terms", outcome=AgendaTopic.Outcome.NOT_ACHIEVED)
    AgendaTopicFactory(meeting=previous, title="Reached already", outcome=AgendaTopic.Outcome.ACHIEVED)
    AgendaTopicFactory(meeting=previous, title="Half way", outcome=AgendaTopic.Outcome.PARTLY)
    today = timezone.localdate()
    CommitmentFactory(meeting=previous, text="Later promise", due_on=today + datetime.timedelta(days=9))
    CommitmentFactory(meeting=previous, text="Late promise", due_on=today - datetime.timedelta(days=2))
    CommitmentFactory(meeting=previous, text="Kept promise", status=Commitment.Status.DONE)
    # A later held meeting with another account is not "previous".
    MeetingFactory(status=Meeting.Status.HELD, starts_at=past(1), title="Other client")
    html = client_for(owner).get(url(meeting)).text
    panel = html.split('id="previous"')[1].split('id="preparation"')[0]
    assert previous.get_absolute_url() in panel and "Spring talks" in panel
    assert "Payment terms" in panel and "Half way" in panel
    assert "Reached already" not in panel
    assert "Kept promise" not in panel
    assert panel.index("Late promise") < panel.index("Later promise")
    assert panel.count(">overdue<") == 1


def test_annual_meeting_shows_readiness_with_a_progress_bar(client_for, owner, meeting):
    add_checklist(meeting, ChecklistItem.Status.READY)
    html = client_for(owner).get(url(meeting)).text
    assert '<progress class="readiness is-complete" max="100" value="100"' in html


def test_regular_meeting_has_no_checklist_nor_readiness(client_for, owner, account):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.REGULAR)
    html = client_for(owner).get(url(meeting)).text
    assert 'id="checklist"' not in html
    assert "<progress" not in html
    assert not ChecklistItem.objects.filter(meeting=meeting).exists()


def test_annual_meeting_without_checklist_gets_its_nine_items_once(client_for, owner, meeting):
    client = client_for(owner)
    client.get(url(meeting))
    client.get(url(meeting))
    assert ChecklistItem.objects.filter(meeting=meeting).count() == 9


def test_director_view_creates_no_checklist(client_for, director, meeting):
    assert client_for(director).get(url(meeting)).status_code == 200
    assert not ChecklistItem.objects.filter(meeting=meeting).exists()


def test_filled_in_page_renders_no_form_fields_until_asked(client_for, owner, meeting):
    """Every add or edit form opens on request: a prepared, held meeting's page has none."""
    meeting.status, meeting.starts_at = Meeting.Status.HELD, past(1)
    meeting.client_questions, meeting.minutes = 3, "Agreed"
    meeting.save()
    add_checklist(meeting, ChecklistItem.Status.READY)
    AgendaTopicFactory(meeting=meeting)
    NegotiationTargetFactory(meeting=meeting)
    CommitmentFactory(meeting=meeting)
    main = client_for(owner).get(url(meeting)).text.split("<main")[1]
    assert "<textarea" not in main and "<select" not in main and 'type="text"' not in main
    for name in ("meetings:topic_add", "meetings:target_add", "meetings:commitment_add"):
        assert reverse(name, args=[meeting.pk]) in main


# Query count --------------------------------------------------------------------------------


def fill(meeting, n):
    department = DepartmentFactory(slug="logistics-qc")
    for i in range(n):
        AgendaTopicFactory(meeting=meeting, title=f"Topic {i}", outcome=AgendaTopic.Outcome.PARTLY)
        NegotiationTargetFactory(meeting=meeting, product_name=f"Product {i}", min_price=100, agreed_price=90)
        CommitmentFactory(meeting=meeting, due_on=timezone.localdate() - datetime.timedelta(days=i))
        CommitmentFactory(meeting=meeting, assignee_department=department)
        ContactFactory(account=meeting.account)
    meeting.client_attendees.set(meeting.account.contacts.all())


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize("persona", ["owner", "team_member", "director"])
def test_query_count_is_the_same_for_2_and_20_rows(
    request, client_for, meeting, django_assert_max_num_queries, rows, persona
):
    meeting.starts_at = past(hours=1)
    meeting.save()
    add_checklist(meeting, ChecklistItem.Status.DRAFT)
    fill(meeting, rows)
    previous = MeetingFactory(account=meeting.account, status=Meeting.Status.HELD, starts_at=past(30))
    fill(previous, rows)
    client = client_for(request.getfixturevalue(persona))
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url(meeting))
    assert response.status_code == 200
    assert response.text.count('class="topic"') == rows


def test_the_reminders_sent_about_the_meeting_show_on_its_page(client_for, owner, director, meeting):
    assert "Reminders sent" not in client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    notify(recipient=owner, kind="checklist_unready", target=meeting, occasion=meeting.starts_at.date())
    text = client_for(director).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Reminders sent" in text
    assert "Checklist not ready" in text
