"""The reminder e-mail and the daily digest: subject, plain text and HTML from templates,
with absolute links built from settings.KAM_BASE_URL (a worker has no request to ask)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from kam.notifications.models import Notification, Reminder
from kam.users.models import User


def absolute(url: str) -> str:
    return settings.KAM_BASE_URL.rstrip("/") + url if url else settings.KAM_BASE_URL


def _item(notification: Notification | None) -> dict:
    if notification is None:
        return {"text": "", "link": absolute("")}
    return {"text": notification.text, "link": absolute(notification.url), "kind": notification.get_kind_display()}


def _send(*, to: User, template: str, context: dict) -> None:
    context = {
        **context,
        "recipient": to,
        "profile_link": absolute(reverse("users:profile")),
        "list_link": absolute(reverse("notifications:list")),
    }
    subject = " ".join(render_to_string(f"notifications/email/{template}_subject.txt", context).split())
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to.email])
    message.attach_alternative(html, "text/html")
    message.send()


def send_reminder(reminder: Reminder) -> None:
    """One reminder, by e-mail, to its recipient."""
    notification = getattr(reminder, "notification", None)
    _send(to=reminder.recipient, template="reminder", context={"item": _item(notification)})


def send_digest(*, user: User, reminders: list[Reminder], date) -> None:
    """One e-mail listing the day's reminders."""
    items = [_item(getattr(reminder, "notification", None)) for reminder in reminders]
    _send(to=user, template="digest", context={"items": items, "date": date})
