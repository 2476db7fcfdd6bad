"""Scheduling, changing and cancelling a meeting; what its preparation starts from."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory, ContactFactory
from kam.core import access
from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.models import AgendaTopic, ChecklistItem, Meeting
from meetings.services.meetings import meeting_schedule, meeting_update
from meetings.tests.factories import (
    AgendaTopicFactory,
    CommitmentFactory,
    MeetingFactory,
    NegotiationTargetFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def schedule_url(account=None):
    url = reverse("meetings:schedule")
    return f"{url}?account={account.pk}" if account else url


def edit_url(meeting):
    return reverse("meetings:edit", args=[meeting.pk])


def cancel_url(meeting):
    return reverse("meetings:cancel", args=[meeting.pk])


def form_data(**overrides):
    data = {
        "kind": Meeting.Kind.REGULAR,
        "title": "Quarterly review",
        "date": "2031-03-10",
        "time": "10:00",
        "duration_minutes": "90",
        "location": "Client's office, room 4",
        "attendees": [],
        "client_attendees": [],
        "objective": "Agree the volumes for the second quarter.",
    }
    data.update(overrides)
    return data


def edit_data(meeting, **overrides):
    local = timezone.localtime(meeting.starts_at)
    data = form_data(
        kind=meeting.kind,
        title=meeting.title,
        date=local.date().isoformat(),
        time=local.strftime("%H:%M"),
        duration_minutes=str(meeting.duration_minutes),
        location=meeting.location,
        objective=meeting.objective,
        attendees=[u.pk for u in meeting.attendees.all()],
        client_attendees=[c.pk for c in meeting.client_attendees.all()],
        version=meeting.version,
    )
    data.update(overrides)
    return data


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, title="Price talks", starts_at=timezone.now() + datetime.timedelta(days=3))


@pytest.fixture
def held(account):
    """A held meeting a month ago: one topic reached, one partly, one not; a target with
    agreed values; one open and one done commitment."""
    held = MeetingFactory(
        account=account,
        title="Spring review",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    AgendaTopicFactory(meeting=held, position=0, title="Volumes", outcome=AgendaTopic.Outcome.ACHIEVED)
    AgendaTopicFactory(
        meeting=held,
        position=1,
        title="Payment terms",
        strategic_goal="60 days",
        outcome=AgendaTopic.Outcome.PARTLY,
        outcome_notes="45 days offered",
    )
    AgendaTopicFactory(meeting=held, position=2, title="Exclusivity", outcome=AgendaTopic.Outcome.NOT_ACHIEVED)
    NegotiationTargetFactory(meeting=held, product_name="Stretch film", agreed_price="95.50", agreed_volume="120")
    logistics = DepartmentFactory(name="Logistics", slug="logistics")
    CommitmentFactory(meeting=held, text="Ship the sample batch", assignee_user=None, assignee_department=logistics)
    CommitmentFactory(meeting=held, text="Send the price list", status="done")
    return held


# Who may schedule ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user"])
def test_editors_get_the_schedule_form_for_the_account(request, client_for, account, persona):
    response = client_for(request.getfixturevalue(persona)).get(schedule_url(account))
    assert response.status_code == 200
    assert response.context["form"].account == account
    assert account.name in response.content.decode()


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404_and_nothing_is_scheduled(request, client_for, account, persona):
    c = client_for(request.getfixturevalue(persona))
    with mock.patch.object(access.logger, "warning") as warning:
        assert c.get(schedule_url(account)).status_code == 404
        assert c.post(schedule_url(account), form_data()).status_code == 404
    assert warning.called
    assert not Meeting.objects.exists()


def test_director_reads_the_account_but_gets_403_on_scheduling(client_for, director, account):
    c = client_for(director)
    assert c.get(schedule_url(account)).status_code == 403
    assert c.post(schedule_url(account), form_data()).status_code == 403
    assert c.get(schedule_url()).status_code == 403
    assert not Meeting.objects.exists()


def test_department_member_cannot_open_the_account_chooser(client_for, department_member):
    assert client_for(department_member).get(schedule_url()).status_code == 404


def test_anonymous_is_sent_to_login(client_for, account):
    response = client_for(None).get(schedule_url(account))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_wrong_method_is_405(client_for, owner, account):
    assert client_for(owner).put(schedule_url(account)).status_code == 405


def test_an_account_id_that_is_not_a_number_is_404(client_for, owner):
    assert client_for(owner).get(reverse("meetings:schedule") + "?account=abc").status_code == 404


def test_without_an_account_the_kam_chooses_among_the_accounts_they_may_change(client_for, owner, account):
    AccountFactory(name="Someone else's client")
    response = client_for(owner).get(schedule_url())
    assert response.status_code == 200
    assert list(response.context["chooser"].fields["account"].queryset) == [account]
    assert "Someone else&#x27;s client" not in response.content.decode()


def test_a_kam_without_accounts_is_told_so(client_for, other_kam):
    response = client_for(other_kam).get(schedule_url())
    assert response.status_code == 200
    assert "You have no account to schedule a meeting with." in response.content.decode()


# Scheduling --------------------------------------------------------------------------------


def test_scheduling_saves_the_meeting_in_the_users_time_zone_and_opens_it(client_for, owner, team_member, account):
    owner.time_zone = "Asia/Yekaterinburg"  # UTC+5
    owner.save()
    contact = ContactFactory(account=account, first_name="Irina", last_name="Volkova")
    response = client_for(owner).post(
        schedule_url(account), form_data(attendees=[owner.pk, team_member.pk], client_attendees=[contact.pk])
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.starts_at == datetime.datetime(2031, 3, 10, 5, 0, tzinfo=UTC)
    assert (meeting.account, meeting.created_by, meeting.status) == (account, owner, Meeting.Status.PLANNED)
    assert meeting.duration_minutes == 90
    assert set(meeting.attendees.all()) == {owner, team_member}
    assert list(meeting.client_attendees.all()) == [contact]
    assert meeting.history.first().history_user == owner


def test_the_form_shows_the_stored_time_in_the_users_zone(client_for, owner, account):
    owner.time_zone = "America/New_York"
    owner.save()
    meeting = MeetingFactory(account=account, starts_at=datetime.datetime(2031, 7, 1, 14, 30, tzinfo=UTC))
    form = client_for(owner).get(edit_url(meeting)).context["form"]
    assert form["date"].value() == datetime.date(2031, 7, 1)
    assert form["time"].value() == datetime.time(10, 30)


def test_form_errors_are_shown_and_nothing_is_saved(client_for, owner, account):
    response = client_for(owner).post(schedule_url(account), form_data(title="", duration_minutes="3", date=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "duration_minutes", "date"}
    assert "This field is required." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_client_attendee_from_another_account_is_refused(client_for, owner, account):
    stranger = ContactFactory(account=AccountFactory())
    response = client_for(owner).post(schedule_url(account), form_data(client_attendees=[stranger.pk]))
    assert response.status_code == 200
    assert "client_attendees" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_an_inactive_colleague_is_not_offered_as_attendee(client_for, owner, account):
    gone = UserFactory(username="gone", is_active=False)
    response = client_for(owner).post(schedule_url(account), form_data(attendees=[gone.pk]))
    assert "attendees" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_the_new_form_invites_the_people_of_the_previous_meeting(client_for, owner, team_member, account):
    contact = ContactFactory(account=account)
    MeetingFactory(
        account=account,
        starts_at=timezone.now() - datetime.timedelta(days=60),
        attendees=[owner],
        client_attendees=[],
    )
    MeetingFactory(
        account=account,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        attendees=[owner, team_member],
        client_attendees=[contact],
    )
    response = client_for(owner).get(schedule_url(account))
    initial = response.context["form"].initial
    assert sorted(initial["attendees"]) == sorted([owner.pk, team_member.pk])
    assert initial["client_attendees"] == [contact.pk]


def test_the_client_attendee_choices_are_the_accounts_contacts_only(client_for, owner, account):
    mine = ContactFactory(account=account)
    ContactFactory(account=AccountFactory())
    form = client_for(owner).get(schedule_url(account)).context["form"]
    assert list(form.fields["client_attendees"].queryset) == [mine]


# Preparation starts from what is known --------------------------------------------------------


def test_unreached_topics_of_the_previous_held_meeting_are_carried_over(owner, account, held):
    meeting = meeting_schedule(by=owner, account=account, data=form_data_for_service())
    topics = list(meeting.topics.order_by("position"))
    assert [t.title for t in topics] == ["Payment terms", "Exclusivity"]
    assert topics[0].carried_from == held.topics.get(title="Payment terms")
    assert topics[0].strategic_goal == "60 days"
    assert topics[0].outcome == ""
    assert not meeting.checklist.exists()


def test_an_annual_meeting_gets_nine_checklist_items_with_the_previous_results_filled_in(owner, account, held):
    meeting = meeting_schedule(by=owner, account=account, data=form_data_for_service(kind=Meeting.Kind.ANNUAL))
    items = {item.item: item for item in meeting.checklist.all()}
    assert set(items) == set(ChecklistItem.Item.values)
    previous = items[ChecklistItem.Item.PREVIOUS_RESULTS]
    assert previous.status == ChecklistItem.Status.DRAFT
    for expected in (
        "Spring review",
        "Volumes: Achieved.",
        "Payment terms: Partly achieved. 45 days offered",
        "Exclusivity: Not achieved.",
        "Stretch film: volume 120",
        "price 95.50",
        "Ship the sample batch — Logistics",
    ):
        assert expected in previous.content
    assert "Send the price list" not in previous.content  # done, not open
    others = [item for key, item in items.items() if key != ChecklistItem.Item.PREVIOUS_RESULTS]
    assert all(item.status == ChecklistItem.Status.MISSING and not item.content for item in others)


def test_without_a_previous_held_meeting_the_previous_results_item_says_so(owner, account):
    MeetingFactory(account=account, starts_at=timezone.now() - datetime.timedelta(days=5))  # planned, never held
    meeting = meeting_schedule(by=owner, account=account, data=form_data_for_service(kind=Meeting.Kind.ANNUAL))
    item = meeting.checklist.get(item=ChecklistItem.Item.PREVIOUS_RESULTS)
    assert item.status == ChecklistItem.Status.MISSING
    assert "No earlier meeting with this account has been held" in item.content
    assert not meeting.topics.exists()


def test_a_meeting_changed_to_annual_gets_its_checklist_once(client_for, owner, account, meeting):
    c = client_for(owner)
    response = c.post(edit_url(meeting), edit_data(meeting, kind=Meeting.Kind.ANNUAL))
    assert response.status_code == 302
    assert meeting.checklist.count() == 9
    item = meeting.checklist.get(item=ChecklistItem.Item.FINANCIAL_REPORT)
    item.status, item.content = ChecklistItem.Status.READY, "Turnover up 12 %"
    item.save()
    meeting.refresh_from_db()
    response = c.post(edit_url(meeting), edit_data(meeting, title="Annual review 2031"))
    assert response.status_code == 302
    assert meeting.checklist.count() == 9
    item.refresh_from_db()
    assert (item.status, item.content) == (ChecklistItem.Status.READY, "Turnover up 12 %")


def test_the_service_refuses_a_director(director, account):
    with pytest.raises(PermissionDenied):
        meeting_schedule(by=director, account=account, data=form_data_for_service())
    assert not Meeting.objects.exists()


def test_the_service_refuses_a_contact_of_another_account(owner, account):
    stranger = ContactFactory(account=AccountFactory())
    with pytest.raises(ValidationError):
        meeting_schedule(by=owner, account=account, data=form_data_for_service(client_attendees=[stranger]))
    assert not Meeting.objects.exists()


def test_the_service_refuses_an_inactive_attendee_but_keeps_one_already_attending(owner, account, meeting):
    gone = UserFactory(username="gone", is_active=False)
    with pytest.raises(ValidationError):
        meeting_schedule(by=owner, account=account, data=form_data_for_service(attendees=[gone]))
    meeting.attendees.set([gone])
    meeting_update(by=owner, meeting=meeting, data={"title": "Still fine", "attendees": [gone]}, expected_version=1)
    assert list(meeting.attendees.all()) == [gone]


def form_data_for_service(**overrides):
    data = {
        "kind": Meeting.Kind.REGULAR,
        "title": "Next review",
        "starts_at": timezone.now() + datetime.timedelta(days=10),
        "duration_minutes": 60,
        "location": "",
        "objective": "",
        "attendees": [],
        "client_attendees": [],
    }
    data.update(overrides)
    return data


# Editing ----------------------------------------------------------------------------------


def test_owner_changes_the_schedule(client_for, owner, account, meeting):
    response = client_for(owner).post(
        edit_url(meeting), edit_data(meeting, title="Price talks, round 2", date="2031-05-05", time="09:15")
    )
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.title == "Price talks, round 2"
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2031-05-05 09:15"
    assert meeting.version == 2
    assert meeting.history.first().history_user == owner


def test_a_concurrent_change_is_reported_and_nothing_is_overwritten(client_for, owner, team_member, account, meeting):
    stale = edit_data(meeting, title="Mine")
    meeting_update(
        by=team_member,
        meeting=meeting,
        data={"title": "Theirs", "starts_at": datetime.datetime(2031, 1, 2, 8, 0, tzinfo=UTC)},
        expected_version=1,
    )
    response = client_for(owner).post(edit_url(meeting), stale)
    assert response.status_code == 200
    labels = [label for label, _theirs in response.context["form"].conflicts]
    assert "title" in [str(label).lower() for label in labels]
    assert "When" in labels
    meeting.refresh_from_db()
    assert meeting.title == "Theirs"


@pytest.mark.parametrize("persona", ["team_member", "admin_user"])
def test_team_and_admin_may_edit(request, client_for, account, meeting, persona):
    response = client_for(request.getfixturevalue(persona)).post(edit_url(meeting), edit_data(meeting, title="New"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "New"


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_meeting_gets_404_on_edit_and_cancel(request, client_for, meeting, persona):
    c = client_for(request.getfixturevalue(persona))
    assert c.get(edit_url(meeting)).status_code == 404
    assert c.post(edit_url(meeting), edit_data(meeting, title="Hacked")).status_code == 404
    assert c.post(cancel_url(meeting)).status_code == 404
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("Price talks", Meeting.Status.PLANNED)


def test_director_gets_403_on_edit_and_cancel(client_for, director, meeting):
    c = client_for(director)
    assert c.get(edit_url(meeting)).status_code == 403
    assert c.post(edit_url(meeting), edit_data(meeting, title="Hacked")).status_code == 403
    assert c.post(cancel_url(meeting)).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("Price talks", Meeting.Status.PLANNED)


def test_anonymous_is_sent_to_login_from_edit_and_cancel(client_for, meeting):
    c = client_for(None)
    assert c.get(edit_url(meeting)).url.startswith("/login/")
    assert c.post(cancel_url(meeting)).url.startswith("/login/")


def test_edit_form_errors_are_shown(client_for, owner, meeting):
    response = client_for(owner).post(edit_url(meeting), edit_data(meeting, time="25:99"))
    assert response.status_code == 200
    assert "time" in response.context["form"].errors
    assert "Enter a valid time." in response.content.decode()


def test_edit_wrong_method_is_405(client_for, owner, meeting):
    assert client_for(owner).delete(edit_url(meeting)).status_code == 405


# Cancelling -------------------------------------------------------------------------------


def test_owner_cancels_a_planned_meeting(client_for, owner, meeting):
    response = client_for(owner).post(cancel_url(meeting))
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.version == 2
    assert meeting.history.first().history_user == owner


def test_a_held_meeting_cannot_be_cancelled(client_for, owner, held):
    response = client_for(owner).post(cancel_url(held), follow=False)
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Meeting.Status.HELD
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["This meeting was held: it can no longer be cancelled."]


def test_cancel_by_get_is_405(client_for, owner, meeting):
    assert client_for(owner).get(cancel_url(meeting)).status_code == 405
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
