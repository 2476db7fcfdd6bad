"""Writes of reminders and notifications.

`notify` and `notify_many` make a reminder reach a person once: the Reminder row, its
Notification and the queued e-mail are made in one transaction, and the Reminder's unique key
(recipient, kind, thing, occasion) decides which are new — an INSERT … ON CONFLICT DO NOTHING
RETURNING, so two scans running at once, a retried task or a worker killed mid-run never
remind anyone twice. Reading which rows are new costs one statement per 500 reminders.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from kam.core.queueing import enqueue_on_commit
from kam.notifications.models import Channel, Kind, Notification, Reminder
from kam.users.models import EmailMode, User

logger = logging.getLogger("kam.reminders")

# Things looked up per query when checking which reminders were already sent.
LOOKUP_BATCH = 5000
BATCH = 500
CHANNEL_FOR_MODE = {EmailMode.EACH: Channel.EMAIL, EmailMode.DIGEST: Channel.DIGEST, EmailMode.NONE: Channel.IN_APP}


@dataclass
class Due:
    """A reminder that is due: whom, of what kind, about which thing, for which occasion."""

    recipient: User
    kind: str
    target: models.Model
    occasion: datetime.date
    params: dict[str, Any] = field(default_factory=dict)

    def key(self, content_type_id: int) -> tuple:
        return (self.recipient.pk, str(self.kind), content_type_id, self.target.pk, self.occasion)


def target_url(target: models.Model) -> str:
    """The path that opens the thing; a plan stage opens its plan at the stage's row."""
    meta = target._meta
    if (meta.app_label, meta.model_name) == ("planning", "planstage"):
        return reverse("planning:account_plan", args=[target.plan_id]) + f"#stage-{target.pk}"
    get_url = getattr(target, "get_absolute_url", None)
    return get_url() if get_url else ""


def _json_safe(params: dict | None) -> dict:
    safe = {}
    for key, value in (params or {}).items():
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif not isinstance(value, (str, int, float, bool, type(None))):
            value = str(value)
        safe[key] = value
    return safe


def _insert_new(rows: list[Reminder]) -> set[tuple]:
    """Insert the reminders that are not there yet; return the keys (and ids) of those that
    were new. A row another transaction is inserting waits for it and is then skipped."""
    meta = Reminder._meta
    names = ["recipient", "kind", "content_type", "object_id", "occasion", "created_at", "channel"]
    fields = [meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    returning = ", ".join(quote(meta.get_field(name).column) for name in ["id", *names[:5]])
    inserted = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(batch))
            values = [f.get_db_prep_save(getattr(row, f.attname), connection) for row in batch for f in fields]
            # Only names from the model's own metadata go into the text; every value is a parameter.
            sql = (
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {placeholders} "  # noqa: S608
                f"ON CONFLICT DO NOTHING RETURNING {returning}"
            )
            cursor.execute(sql, values)
            for pk, recipient_id, kind, content_type_id, object_id, occasion in cursor.fetchall():
                if isinstance(occasion, str):  # SQLite returns dates as text
                    occasion = datetime.date.fromisoformat(occasion)
                inserted[(recipient_id, kind, content_type_id, object_id, occasion)] = pk
    return inserted


def _already_sent(keys: set[tuple]) -> set[tuple]:
    """Which of these reminder keys exist already, read through the (content type, object)
    index a few thousand things at a time. A scan that finds everything already reminded (every
    scan after the first of the day) then writes nothing; the unique constraint still decides
    for the rest, also against a scan running at the same time."""
    by_type: dict[int, set[int]] = defaultdict(set)
    occasions = set()
    for _recipient, _kind, content_type_id, object_id, occasion in keys:
        by_type[content_type_id].add(object_id)
        occasions.add(occasion)
    found = set()
    for content_type_id, ids in by_type.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), LOOKUP_BATCH):
            batch = ordered[start : start + LOOKUP_BATCH]
            # The batch's range of ids rather than the list of them: two parameters instead of
            # thousands to send and parse. Things in the range that were not asked about are
            # read too, and dropped below.
            found.update(
                Reminder.objects.filter(
                    content_type_id=content_type_id,
                    object_id__gte=batch[0],
                    object_id__lte=batch[-1],
                    occasion__in=occasions,
                ).values_list("recipient_id", "kind", "content_type_id", "object_id", "occasion")
            )
    return found & keys


@transaction.atomic
def notify_many(dues: Iterable[Due]) -> list[Reminder]:
    """Remind each person of each thing once: insert the reminders that are new, their in-app
    notifications, and queue an e-mail for those who want one per reminder (after commit).
    Returns the new reminders; those already sent, or for inactive people, are left out.
    A fixed number of statements per 500 reminders, whatever their number."""
    now = timezone.now()
    active = []
    content_types: dict[type, ContentType] = {}
    for due in dues:
        if not due.recipient.is_active:
            logger.info("reminder skipped: %s is inactive (%s of %s)", due.recipient.username, due.kind, due.target)
            continue
        model = type(due.target)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        content_type = content_types[model]
        active.append((due, content_type, due.key(content_type.pk)))
    sent = _already_sent({key for _due, _content_type, key in active})
    candidates: dict[tuple, tuple[Due, Reminder]] = {}
    for due, content_type, key in active:
        if key in candidates or key in sent:
            continue
        channel = CHANNEL_FOR_MODE.get(due.recipient.email_mode, Channel.IN_APP)
        candidates[key] = (
            due,
            Reminder(
                recipient=due.recipient,
                kind=due.kind,
                content_type=content_type,
                object_id=due.target.pk,
                occasion=due.occasion,
                created_at=now,
                channel=channel,
            ),
        )
    if not candidates:
        return []
    # Always the same order, so two scans inserting the same rows queue behind each other
    # instead of deadlocking.
    ordered = [candidates[key] for key in sorted(candidates, key=lambda k: (k[0], k[1], k[2], k[3], k[4]))]
    inserted = _insert_new([reminder for _due, reminder in ordered])
    new: list[Reminder] = []
    notifications: list[Notification] = []
    for due, reminder in ordered:
        pk = inserted.get(due.key(reminder.content_type_id))
        if pk is None:
            continue
        reminder.pk = reminder.id = pk
        reminder._state.adding = False
        reminder._state.db = "default"
        new.append(reminder)
        notifications.append(
            Notification(
                recipient=due.recipient,
                reminder=reminder,
                kind=due.kind,
                content_type_id=reminder.content_type_id,
                object_id=reminder.object_id,
                url=target_url(due.target),
                params=_json_safe(due.params if "title" in due.params else {"title": str(due.target), **due.params}),
                created_at=now,
            )
        )
    Notification.objects.bulk_create(notifications, batch_size=BATCH)
    if new:
        from kam.notifications.tasks import send_reminder_email

        for reminder in new:
            if reminder.channel == Channel.EMAIL:
                enqueue_on_commit(send_reminder_email, reminder.pk)
    return new


def notify(
    *, recipient: User, kind: str, target: models.Model, occasion: datetime.date, params: dict | None = None
) -> Reminder | None:
    """Remind one person of one thing for one occasion: the reminder, or None when they were
    already reminded of it (or are inactive). Safe to call again and from several processes."""
    if kind not in Kind.values:
        raise ValueError(f"unknown reminder kind: {kind}")
    new = notify_many([Due(recipient=recipient, kind=kind, target=target, occasion=occasion, params=params or {})])
    return new[0] if new else None


def notification_mark_read(*, by: User, notification: Notification) -> None:
    """Mark one of the user's own notifications read (the selector made sure it is theirs)."""
    if notification.recipient_id != by.pk:
        raise ValueError("a notification is marked read by its recipient only")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def notifications_mark_all_read(*, by: User) -> int:
    """Mark every unread notification of the user read; how many were."""
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
