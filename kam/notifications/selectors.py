"""Reads of notifications (always the user's own) and of a thing's reminder history (for
pages that already checked the user may see the thing)."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from kam.core.access import deny_not_found
from kam.notifications.models import Notification, Reminder

HISTORY_LIMIT = 100


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    """The user's own notifications, newest first: one query per page of them."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_unread_count(*, user) -> int:
    """How many of the user's notifications are unread: one indexed count."""
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()


def notification_get_for_user(*, user, pk: int) -> Notification:
    """One of the user's own notifications, or 404 (someone else's is not revealed)."""
    notification = notification_list_for_user(user=user).filter(pk=pk).first()
    if notification is None:
        raise deny_not_found(user, "view", f"notification:{pk}")
    return notification


def reminder_history_for(*, target: models.Model) -> list[Reminder]:
    """Who was reminded of this thing, when, of what and by which channel, newest first (at
    most 100 rows): one query. The caller has checked the user may see the thing."""
    content_type = ContentType.objects.get_for_model(target)
    return list(
        Reminder.objects.filter(content_type=content_type, object_id=target.pk)
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:HISTORY_LIMIT]
    )


def reminder_history_by_target(*, model: type[models.Model], ids) -> dict[int, list[Reminder]]:
    """The reminder histories of many things of one model at once (a plan's stages): one
    query whatever their number; {object id: rows newest first}."""
    content_type = ContentType.objects.get_for_model(model)
    histories: dict[int, list[Reminder]] = defaultdict(list)
    rows = (
        Reminder.objects.filter(content_type=content_type, object_id__in=list(ids))
        .select_related("recipient")
        .order_by("-created_at", "-pk")
    )
    for row in rows:
        histories[row.object_id].append(row)
    return dict(histories)
