"""Reminders (who was reminded of what, once) and the in-app notifications they show as.

A Reminder row is the guard that makes a reminder reach a person once: its unique key is
(recipient, kind, thing, occasion), and it is inserted in the same transaction that creates
the notification and queues the e-mail. A Notification is what the bell lists; its sentence
is rendered when read, in the reader's language, from its kind and a few stored values.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.notifications.sentences import sentence


class Kind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Escalated")
    CHECKLIST_UNREADY = "checklist_unready", _("Checklist not ready")
    APPROVAL_WAITING = "approval_waiting", _("Waiting for approval")
    PACK_READY = "pack_ready", _("Briefing pack ready")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the application")
    EMAIL = "email", _("E-mail")
    DIGEST = "digest", _("Daily digest")


class Reminder(models.Model):
    """One person reminded once of one thing for one occasion: the due date (due soon,
    escalated, checklist, approval, pack) or, for overdue, the recipient's local date, which
    makes an overdue reminder repeat at most once a day."""

    Kind = Kind
    Channel = Channel

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    occasion = models.DateField(_("occasion"))
    created_at = models.DateTimeField(_("reminded at"), default=timezone.now)
    # What the recipient's preference chose when it was made (in-app is always there too).
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_APP)
    # Set when the e-mail (or the digest carrying it) is claimed for sending: never sent twice.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "occasion"], name="reminder_once"
            ),
        ]
        indexes = [
            # A thing's reminder history.
            models.Index(fields=["content_type", "object_id", "-created_at"], name="reminder_target_history"),
            # The daily digest: what is still waiting for each digest reader.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(channel="digest", emailed_at__isnull=True),
                name="reminder_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.content_type_id}:{self.object_id} {self.occasion}"


class Notification(models.Model):
    """What the bell lists: a sentence about a thing, with a link to it, read or not."""

    Kind = Kind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notification"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The path of the thing, computed once when the notification is made.
    url = models.CharField(_("link"), max_length=300, blank=True)
    # The few values the sentence needs (title, due date, account …), JSON-safe.
    params = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The sentence in the active language."""
        return sentence(self.kind, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DigestSent(models.Model):
    """The daily digest went to this user for this local date: at most one a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("daily digest sent")
        verbose_name_plural = _("daily digests sent")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date}"
