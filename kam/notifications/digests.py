"""The daily digest: for those who chose it, one e-mail a day at 8:00 in their own zone
listing the reminders made since the last one. A DigestSent row per user and local date,
inserted before the e-mail goes, guards "once a day"; the reminders it carries are claimed
(emailed_at) in the same transaction, so none is e-mailed twice."""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kam.notifications import emails
from kam.notifications.models import Channel, DigestSent, Reminder
from kam.users.models import EmailMode, User

logger = logging.getLogger("kam.reminders")

DIGEST_HOUR = 8


def _local(now: datetime.datetime, user: User) -> datetime.datetime:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return now.astimezone(zone)


def digest_send(*, user: User, date: datetime.date, now: datetime.datetime) -> bool:
    """Send the user's digest for `date` unless it went already; True if it was sent now.
    Claimed before sending; a failed send gives the claim back so the next run retries."""
    with transaction.atomic():
        digest, created = DigestSent.objects.get_or_create(user=user, date=date, defaults={"sent_at": now})
        if not created:
            return False
        reminders = list(
            Reminder.objects.filter(recipient=user, channel=Channel.DIGEST, emailed_at__isnull=True)
            .select_for_update(of=("self",), skip_locked=True)
            .select_related("notification")
            .order_by("created_at", "pk")
        )
        if not reminders:
            # Nothing to say: leave the day open for reminders made later today.
            transaction.set_rollback(True)
            return False
        claimed = [reminder.pk for reminder in reminders]
        Reminder.objects.filter(pk__in=claimed).update(emailed_at=now)
    try:
        emails.send_digest(user=user, reminders=reminders, date=date)
    except Exception:
        with transaction.atomic():
            Reminder.objects.filter(pk__in=claimed).update(emailed_at=None)
            digest.delete()
        raise
    logger.info("daily digest sent to %s: %d reminders", user.username, len(reminders))
    return True


def digests_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send the digest of everyone for whom it is 8:00 or later today and who has reminders
    waiting (one query to find them); one failure does not stop the others."""
    now = now or timezone.now()
    waiting = Reminder.objects.filter(recipient=OuterRef("pk"), channel=Channel.DIGEST, emailed_at__isnull=True)
    readers = User.objects.filter(is_active=True, email_mode=EmailMode.DIGEST).exclude(email="").filter(Exists(waiting))
    sent = 0
    for user in readers:
        local = _local(now, user)
        if local.hour < DIGEST_HOUR:
            continue
        try:
            sent += digest_send(user=user, date=local.date(), now=now)
        except Exception:
            logger.exception("daily digest to %s failed; retried at the next run", user.username)
    return sent
