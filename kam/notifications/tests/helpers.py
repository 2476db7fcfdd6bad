"""Moments and look-ups shared by the reminder tests."""

import datetime
import zoneinfo

from kam.notifications.models import Notification, Reminder

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
# Tuesday 1 December 2026, 09:00 in Moscow (the company's zone).
MORNING = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=MOSCOW)
TODAY = MORNING.date()


def days(n: int) -> datetime.date:
    """A date n days from TODAY (negative: in the past)."""
    return TODAY + datetime.timedelta(days=n)


def reminders_of(user, kind=None) -> list[Reminder]:
    rows = Reminder.objects.filter(recipient=user)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("created_at", "pk"))


def notifications_of(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("created_at", "pk"))
