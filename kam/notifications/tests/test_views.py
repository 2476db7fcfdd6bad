"""The bell (its count by htmx, never on every page), the notification list, following a
notification, marking one or all read; and the reminder history on the pages that show it."""

import datetime

import pytest
from django.urls import reverse

from kam.notifications.models import Kind, Notification, Reminder
from kam.notifications.services import notify
from kam.notifications.tests.helpers import days
from meetings.tests.factories import CommitmentFactory, MeetingFactory
from planning.services import plans as plan_services

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
BELL = reverse("notifications:bell")
READ_ALL = reverse("notifications:read_all")


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account)


def remind(user, meeting, n: int = 1) -> list[Notification]:
    for _ in range(n):
        commitment = CommitmentFactory(meeting=meeting, assignee_user=user, due_on=days(2), text="Ship 40 pallets")
        params = {"title": commitment.text, "account": meeting.account.name, "due": days(2)}
        notify(recipient=user, kind=Kind.DUE_SOON, target=commitment, occasion=days(2), params=params)
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


# The bell --------------------------------------------------------------------------------


def test_the_bell_is_a_link_that_loads_its_count_with_htmx(client_for, owner):
    html = client_for(owner).get(reverse("users:profile")).content.decode()
    assert f'href="{LIST}" hx-get="{BELL}" hx-trigger="load, every 60s"' in html
    assert """hx-headers='{"X-KAM-Passive": "1"}'""" in html


def test_the_bell_counts_only_the_users_unread_notifications(client_for, owner, team_member, meeting):
    remind(team_member, meeting, 3)
    mine = remind(owner, meeting, 2)
    mine[0].read_at = mine[0].created_at
    mine[0].save()
    response = client_for(owner).get(BELL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert '<span class="badge rounded-pill text-bg-danger bell-count">1</span>' in response.content.decode()
    assert "1 unread notification" in response.content.decode()


def test_the_bell_without_anything_unread_shows_no_badge(client_for, owner):
    assert "bell-count" not in client_for(owner).get(BELL).content.decode()


def test_a_signed_out_bell_answers_204_so_htmx_swaps_nothing(client_for):
    response = client_for(None).get(BELL, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response.content == b""


def test_the_bells_polling_does_not_keep_an_idle_session_alive(client_for, owner, settings, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    client = client_for(owner)
    assert client.get(LIST).status_code == 200
    idle = settings.KAM_SESSION_IDLE_SECONDS
    for _minute in range(idle // 60 - 1):
        time_machine.shift(60)
        assert client.get(BELL, HTTP_X_KAM_PASSIVE="1").status_code == 200
    time_machine.shift(120)
    response = client.get(BELL, HTTP_X_KAM_PASSIVE="1")
    assert response.status_code == 204  # expired: nothing swapped into the navigation bar
    response = client.get(LIST)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_bell_costs_one_count(client_for, owner, meeting, django_assert_max_num_queries):
    remind(owner, meeting, 3)
    client = client_for(owner)
    client.get(BELL)  # the first request after logging in also saves the session
    with django_assert_max_num_queries(2):  # the user (the session is cached), the count
        client.get(BELL)


# The list --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "director", "department_member", "admin_user"])
def test_everyone_signed_in_sees_their_own_list(request, client_for, persona, team_member, meeting):
    remind(team_member, meeting)
    response = client_for(request.getfixturevalue(persona)).get(LIST)
    assert response.status_code == 200
    assert "No notifications yet." in response.content.decode()


def test_the_list_shows_the_sentence_and_a_link_to_follow_it(client_for, team_member, meeting, account):
    [notification] = remind(team_member, meeting)
    html = client_for(team_member).get(LIST).content.decode()
    assert "Commitment “Ship 40 pallets” (Северсталь Логистик) is due on" in html
    assert reverse("notifications:open", args=[notification.pk]) in html
    assert "1 unread" in html and "Mark all as read" in html


def test_anonymous_is_sent_to_login(client_for):
    for url in (LIST, READ_ALL, reverse("notifications:open", args=[1]), reverse("notifications:read", args=[1])):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_wrong_methods_are_405(client_for, owner, meeting):
    [notification] = remind(owner, meeting)
    client = client_for(owner)
    assert client.post(LIST).status_code == 405
    assert client.post(BELL).status_code == 405
    assert client.get(READ_ALL).status_code == 405
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 405


def test_list_queries_do_not_grow_with_notifications(client_for, owner, meeting, django_assert_max_num_queries):
    remind(owner, meeting, 2)
    client = client_for(owner)
    client.get(LIST)
    with django_assert_max_num_queries(8) as few:
        client.get(LIST)
    remind(owner, meeting, 18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 20


# Following and marking read ---------------------------------------------------------------


def test_following_a_notification_marks_it_read_and_opens_the_thing(client_for, owner, meeting):
    [notification] = remind(owner, meeting)
    response = client_for(owner).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_one_read(client_for, owner, meeting):
    first, second = remind(owner, meeting, 2)
    response = client_for(owner).post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302 and response.url == LIST
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_marking_one_read_with_htmx_redraws_its_row(client_for, owner, meeting):
    [notification] = remind(owner, meeting)
    response = client_for(owner).post(reverse("notifications:read", args=[notification.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.strip().startswith('<li class="list-group-item')
    assert f'id="notification-{notification.pk}"' in html and "Mark as read" not in html


def test_another_users_notification_is_404(client_for, owner, team_member, meeting):
    [theirs] = remind(team_member, meeting)
    client = client_for(owner)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read_touches_only_the_users_own(client_for, owner, team_member, meeting):
    remind(owner, meeting, 3)
    remind(team_member, meeting, 2)
    response = client_for(owner).post(READ_ALL, follow=True)
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=team_member, read_at__isnull=True).count() == 2


# Reminder history on the thing's page ----------------------------------------------------


def test_the_commitment_page_shows_who_was_reminded_when_and_how(client_for, owner, team_member, meeting):
    commitment = CommitmentFactory(meeting=meeting, assignee_user=team_member, due_on=days(2))
    notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    html = client_for(owner).get(commitment.get_absolute_url()).content.decode()
    assert "Reminders sent" in html
    assert "Timur Team" in html and "Due soon" in html
    assert "In the application, e-mail not sent (yet)" in html


def test_the_commitment_page_without_reminders_says_so(client_for, owner, meeting):
    commitment = CommitmentFactory(meeting=meeting, due_on=days(20))
    html = client_for(owner).get(commitment.get_absolute_url()).content.decode()
    assert "Nobody has been reminded of it yet" in html


def test_the_sales_plan_page_shows_its_reminders(client_for, owner, director, account):
    plan = plan_services.plan_create(by=owner, year=2027, account=account)
    reminder = notify(recipient=director, kind=Kind.APPROVAL_WAITING, target=plan, occasion=days(-3))
    Reminder.objects.filter(pk=reminder.pk).update(emailed_at=reminder.created_at)
    html = client_for(owner).get(plan.get_absolute_url()).content.decode()
    assert "Reminders sent" in html and "Waiting for approval" in html
    assert "In the application, by e-mail" in html
