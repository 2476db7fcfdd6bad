"""Background work of reminders: the scan (every 15 minutes), one reminder's e-mail, and the
daily digests (hourly). Each is safe to run twice: see each docstring for why."""

import logging

from celery import shared_task
from django.utils import timezone

from kam.notifications import emails
from kam.notifications.digests import digests_send_due
from kam.notifications.models import Reminder
from kam.notifications.scan import run_scan

logger = logging.getLogger("kam.reminders")


@shared_task(name="notifications.scan_reminders")
def scan_reminders() -> dict:
    """Find the reminders due now and send the new ones. Idempotent: the unique reminder row
    decides what is new, so a retry or a second beat process sends nothing twice."""
    result = run_scan()
    return {"due": result.due, "new": result.new, "skipped": len(result.skipped)}


@shared_task(
    name="notifications.send_reminder_email",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_reminder_email(reminder_id: int) -> str:
    """E-mail one reminder to its recipient, at most once: the reminder is claimed with a
    conditional UPDATE (emailed_at still empty) before sending, so a retried or duplicated
    task finds it claimed and stops. A failed send gives the claim back and retries."""
    reminder = Reminder.objects.select_related("recipient", "notification").filter(pk=reminder_id).first()
    if reminder is None:
        logger.info("reminder %s is gone; no e-mail", reminder_id)
        return "gone"
    recipient = reminder.recipient
    if not recipient.is_active or not recipient.email:
        why = "is inactive" if not recipient.is_active else "has no e-mail address"
        logger.warning("reminder %s not e-mailed: %s %s", reminder_id, recipient.username, why)
        return "skipped"
    claimed = Reminder.objects.filter(pk=reminder_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return "already sent"
    try:
        emails.send_reminder(reminder)
    except Exception:
        Reminder.objects.filter(pk=reminder_id).update(emailed_at=None)
        raise
    return "sent"


@shared_task(name="notifications.send_digests")
def send_digests() -> int:
    """Send the daily digests due now (8:00 in each reader's zone). A DigestSent row per user
    and date makes a second run the same day send nothing."""
    return digests_send_due()
