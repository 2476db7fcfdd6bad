"""notify(), the reminder e-mail (both parts, absolute link, at most once) and the daily
digest (one e-mail with the day's reminders, once a day, at 8:00 in the reader's zone)."""

import datetime
import logging
import zoneinfo

import pytest

from kam.notifications.digests import digests_send_due
from kam.notifications.models import Channel, DigestSent, Kind, Reminder
from kam.notifications.services import notify
from kam.notifications.tasks import scan_reminders, send_digests, send_reminder_email
from kam.notifications.tests.helpers import MORNING, TODAY, days, notifications_of, reminders_of
from kam.users.models import EmailMode
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(account, team_member):
    meeting = MeetingFactory(account=account)
    return CommitmentFactory(meeting=meeting, assignee_user=team_member, due_on=days(2), text="Ship 40 pallets")


@pytest.fixture
def base_url(settings):
    settings.KAM_BASE_URL = "https://kam.example.com"
    return settings.KAM_BASE_URL


# notify ----------------------------------------------------------------------------------


def test_notify_reminds_once_and_says_none_the_second_time(frozen, commitment, team_member):
    first = notify(
        recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2), params={"title": "x"}
    )
    again = notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    assert isinstance(first, Reminder) and first.pk
    assert again is None
    assert len(notifications_of(team_member)) == 1
    assert notifications_of(team_member)[0].reminder_id == first.pk


def test_a_new_occasion_is_a_new_reminder(frozen, commitment, team_member):
    assert notify(recipient=team_member, kind=Kind.OVERDUE, target=commitment, occasion=TODAY)
    assert notify(recipient=team_member, kind=Kind.OVERDUE, target=commitment, occasion=days(1))


def test_notify_for_a_briefing_pack_style_caller(frozen, account, owner):
    # Any model with get_absolute_url works as the target; params may hold dates.
    meeting = MeetingFactory(account=account, title="Annual review")
    reminder = notify(
        recipient=owner, kind="pack_ready", target=meeting, occasion=TODAY, params={"title": meeting.title, "on": TODAY}
    )
    [notification] = notifications_of(owner)
    assert reminder.kind == Kind.PACK_READY
    assert notification.url == meeting.get_absolute_url()
    assert notification.params == {"title": "Annual review", "on": TODAY.isoformat()}
    assert notification.text == "The briefing pack for “Annual review” is ready."


def test_an_inactive_recipient_is_not_reminded(frozen, commitment, team_member):
    team_member.is_active = False
    team_member.save()
    assert notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2)) is None
    assert reminders_of(team_member) == []


def test_an_unknown_kind_is_refused(commitment, team_member):
    with pytest.raises(ValueError, match="unknown reminder kind"):
        notify(recipient=team_member, kind="gossip", target=commitment, occasion=TODAY)


@pytest.mark.parametrize(
    ("mode", "channel", "queued"),
    [(EmailMode.EACH, Channel.EMAIL, 1), (EmailMode.DIGEST, Channel.DIGEST, 0), (EmailMode.NONE, Channel.IN_APP, 0)],
)
def test_the_users_email_mode_decides_the_channel(
    frozen, commitment, team_member, django_capture_on_commit_callbacks, mode, channel, queued
):
    team_member.email_mode = mode
    team_member.save()
    with django_capture_on_commit_callbacks() as callbacks:
        reminder = notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    assert reminder.channel == channel
    assert len(callbacks) == queued


# The reminder e-mail ---------------------------------------------------------------------


def test_the_email_has_text_and_html_parts_and_an_absolute_link(
    frozen, commitment, team_member, base_url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay()
    [message] = mailoutbox
    link = base_url + commitment.get_absolute_url()
    assert message.to == [team_member.email]
    assert "Due soon" in message.subject
    assert "Ship 40 pallets" in message.body and link in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html and "Ship 40 pallets" in html
    assert base_url + "/profile/" in message.body
    assert Reminder.objects.get().emailed_at == MORNING


def test_a_retried_scan_and_a_retried_email_task_send_once(
    frozen, commitment, team_member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay()
        scan_reminders.delay()
    reminder = Reminder.objects.get()
    assert send_reminder_email(reminder.pk) == "already sent"
    send_reminder_email.delay(reminder.pk)
    assert len(mailoutbox) == 1
    assert len(notifications_of(team_member)) == 1


def test_a_failed_send_gives_the_claim_back(frozen, commitment, team_member, mailoutbox, monkeypatch):
    notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    reminder = Reminder.objects.get()

    def refuse(*args, **kwargs):
        raise OSError("SMTP server down")

    monkeypatch.setattr("kam.notifications.emails.EmailMultiAlternatives.send", refuse)
    with pytest.raises(OSError, match="SMTP server down"):
        send_reminder_email.run(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.emailed_at is None
    monkeypatch.undo()
    assert send_reminder_email(reminder.pk) == "sent"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("change", [{"is_active": False}, {"email": ""}])
def test_no_email_to_an_inactive_user_or_one_without_an_address(
    frozen, commitment, team_member, mailoutbox, caplog, change
):
    notify(recipient=team_member, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    for name, value in change.items():
        setattr(team_member, name, value)
    team_member.save()
    with caplog.at_level(logging.INFO, logger="kam.reminders"):
        assert send_reminder_email(Reminder.objects.get().pk) == "skipped"
    assert mailoutbox == []
    assert "not e-mailed" in caplog.text


def test_in_app_only_users_get_no_email(
    frozen, commitment, team_member, mailoutbox, django_capture_on_commit_callbacks
):
    team_member.email_mode = EmailMode.NONE
    team_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay()
    assert mailoutbox == []
    assert len(notifications_of(team_member)) == 1


# The daily digest ------------------------------------------------------------------------


@pytest.fixture
def digest_reader(team_member):
    team_member.email_mode = EmailMode.DIGEST
    team_member.save()
    return team_member


def test_one_digest_lists_the_days_reminders_once(
    frozen, account, digest_reader, base_url, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(account=account)
    first = CommitmentFactory(meeting=meeting, assignee_user=digest_reader, due_on=days(1), text="Sign the contract")
    second = CommitmentFactory(meeting=meeting, assignee_user=digest_reader, due_on=days(-2), text="Send the samples")
    frozen(MORNING.replace(hour=7))
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay()
    assert mailoutbox == []  # no e-mail per reminder for a digest reader
    assert send_digests.delay().get() == 0  # 07:00: not yet
    frozen(MORNING.replace(hour=8))
    assert send_digests.delay().get() == 1
    assert send_digests.delay().get() == 0
    [message] = mailoutbox
    assert message.subject == "KAM: 2 reminders for 1 Dec 2026"
    assert "Sign the contract" in message.body and "Send the samples" in message.body
    assert base_url + first.get_absolute_url() in message.body
    [(html, _mimetype)] = message.alternatives
    assert f'href="{base_url}{second.get_absolute_url()}"' in html
    assert DigestSent.objects.get(user=digest_reader).date == TODAY
    assert all(r.emailed_at for r in reminders_of(digest_reader))


def test_the_digest_goes_at_eight_in_the_readers_own_zone(frozen, commitment, digest_reader, mailoutbox):
    digest_reader.time_zone = "Asia/Vladivostok"
    digest_reader.save()
    notify(recipient=digest_reader, kind=Kind.DUE_SOON, target=commitment, occasion=days(2))
    vladivostok = zoneinfo.ZoneInfo("Asia/Vladivostok")
    frozen(datetime.datetime(2026, 12, 2, 7, 59, tzinfo=vladivostok))
    assert digests_send_due() == 0
    frozen(datetime.datetime(2026, 12, 2, 8, 0, tzinfo=vladivostok))  # 01:00 in Moscow
    assert digests_send_due() == 1
    assert DigestSent.objects.get().date == datetime.date(2026, 12, 2)


def test_next_days_reminders_go_in_the_next_days_digest(frozen, account, digest_reader, mailoutbox):
    meeting = MeetingFactory(account=account)
    first = CommitmentFactory(meeting=meeting, assignee_user=digest_reader, due_on=days(1))
    notify(recipient=digest_reader, kind=Kind.DUE_SOON, target=first, occasion=days(1))
    assert digests_send_due() == 1
    later = CommitmentFactory(meeting=meeting, assignee_user=digest_reader, due_on=days(3))
    notify(recipient=digest_reader, kind=Kind.DUE_SOON, target=later, occasion=days(3))
    frozen(MORNING + datetime.timedelta(hours=3))
    assert digests_send_due() == 0  # one a day
    frozen(MORNING + datetime.timedelta(days=1))
    assert digests_send_due() == 1
    assert len(mailoutbox) == 2
    assert later.text in mailoutbox[1].body and first.text not in mailoutbox[1].body


def test_nobody_with_nothing_waiting_gets_a_digest(frozen, digest_reader, mailoutbox):
    assert digests_send_due() == 0
    assert mailoutbox == [] and not DigestSent.objects.exists()


def test_a_pack_ready_sentence_names_the_account_and_day_when_given(frozen, account, owner):
    meeting = MeetingFactory(account=account, title="Annual review")
    params = {"title": meeting.title, "account": account.name, "due": days(5).isoformat()}
    notify(recipient=owner, kind=Kind.PACK_READY, target=meeting, occasion=days(5), params=params)
    [notification] = notifications_of(owner)
    assert notification.text == "The briefing pack for “Annual review” with Северсталь Логистик on 6 Dec 2026 is ready."
