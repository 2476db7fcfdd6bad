"""Briefing packs: the printed PDF briefs of meetings, rendered in the background."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models.meetings import Meeting


class BriefingPackQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BriefingPackQuerySet":
        """Whoever sees the meeting sees its packs (and nobody else)."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))

    def in_progress(self) -> "BriefingPackQuerySet":
        return self.filter(status__in=BriefingPack.IN_PROGRESS)


class BriefingPack(models.Model):
    """The printed brief of a meeting: a PDF rendered in the background (meetings.packs).

    A pack is queued, claimed by one worker (rendering), then ready with its file, or failed
    with the reason. Its file is written before the row points at it, so a pack never names a
    half-written file."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("briefing pack status", "Queued")
        RENDERING = "rendering", pgettext_lazy("briefing pack status", "Rendering")
        READY = "ready", pgettext_lazy("briefing pack status", "Ready")
        FAILED = "failed", pgettext_lazy("briefing pack status", "Failed")

    IN_PROGRESS = (Status.QUEUED, Status.RENDERING)

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="packs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    automatic = models.BooleanField(_("prepared automatically"), default=False)
    # The requester's language when they asked: the pack is rendered in it, far from any request.
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("why it failed"), blank=True)
    file = models.FileField(_("file"), upload_to="packs/%Y/%m/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    render_seconds = models.FloatField(_("render time, seconds"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The id of the task run that holds the pack while rendering: the same run, retried or
    # redelivered after its worker died, may take it back at once; any other must wait until
    # the claim is older than the render time limit.
    claim = models.CharField(max_length=64, blank=True, editable=False)

    objects = BriefingPackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("briefing pack")
        verbose_name_plural = _("briefing packs")
        indexes = [
            models.Index(fields=["meeting", "-created_at"], name="briefing_pack_meeting_latest"),
            # The sweeper: packs still queued or rendering, by age.
            models.Index(
                fields=["status", "created_at"],
                condition=Q(status__in=["queued", "rendering"]),
                name="briefing_pack_in_progress",
            ),
        ]
        constraints = [
            # A second request while one is being made shows that one instead of another.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status__in=["queued", "rendering"]),
                name="briefing_pack_one_in_progress",
            ),
            # The beat job prepares one pack per annual meeting, however often it runs.
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(automatic=True), name="briefing_pack_automatic_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:packs", args=[self.meeting_id])

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)
