"""Meetings with their agenda topics, negotiation targets and annual checklist items."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Account, ScopedToAccountQuerySet
from kam.core.locking import VersionedModel

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}
PERCENT = {"max_digits": 5, "decimal_places": 2, "null": True, "blank": True}


class Meeting(VersionedModel):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        ANNUAL = "annual", _("Annual")
        NEGOTIATION = "negotiation", _("Negotiation")
        PRESENTATION = "presentation", _("Presentation")

    class Status(models.TextChoices):
        # In context: Russian gives a meeting's status and a commitment's different endings.
        PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
        HELD = "held", pgettext_lazy("meeting status", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")

    # Interest signals: each answer's points make the engagement score (meetings.engagement).
    class Tone(models.TextChoices):
        COLD = "cold", _("Cold or irritated")
        NEUTRAL = "neutral", _("Neutral, businesslike")
        WARM = "warm", _("Warm, interested")

    class Expression(models.TextChoices):
        CLOSED = "closed", _("Closed, distracted")
        NEUTRAL = "neutral", pgettext_lazy("facial expression", "Neutral")
        OPEN = "open", _("Open, attentive")

    class Signs(models.TextChoices):
        NEGATIVE = "negative", _("Negative (checking the time, arms crossed…)")
        NONE = "none", _("None noticed")
        POSITIVE = "positive", _("Positive (leaning in, nodding, asking for material…)")

    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("when"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    location = models.CharField(_("where or channel"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("our attendees"), blank=True, related_name="meetings"
    )
    client_attendees = models.ManyToManyField(
        "accounts.Contact", verbose_name=_("client attendees"), blank=True, related_name="meetings"
    )
    objective = models.TextField(_("objective"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    # Follow-up.
    minutes = models.TextField(_("minutes"), blank=True)
    client_questions = models.PositiveSmallIntegerField(_("number of client questions"), null=True, blank=True)
    tone = models.CharField(_("tone of voice"), max_length=10, choices=Tone.choices, blank=True)
    expression = models.CharField(_("facial expression"), max_length=10, choices=Expression.choices, blank=True)
    took_notes = models.BooleanField(_("the client took notes"), null=True, blank=True)
    other_signs = models.CharField(_("other non-verbal signs"), max_length=10, choices=Signs.choices, blank=True)
    signals_notes = models.TextField(_("notes on the signals"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"], m2m_fields=[attendees, client_attendees])
    objects = ScopedToAccountQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["account", "starts_at"]),
            models.Index(fields=["starts_at"]),
            models.Index(fields=["kind", "starts_at"]),
            # The dashboard's KAM activity: a year's held meetings with their accounts, read from
            # the index alone (the id joins them to their attendees).
            models.Index(
                fields=["starts_at"], include=["id", "account"], condition=Q(status="held"), name="meeting_held_starts"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="meeting_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_annual(self) -> bool:
        return self.kind == self.Kind.ANNUAL

    @property
    def has_signals(self) -> bool:
        return self.client_questions is not None


class AgendaTopic(VersionedModel):
    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="topics")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("topic"), max_length=200)
    strategic_goal = models.TextField(_("strategic goal"), blank=True)
    arguments = models.TextField(_("our arguments"), blank=True)
    objections = models.TextField(_("expected objections and our answers"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(_("notes on the outcome"), blank=True)
    # The topic of an earlier meeting this one carries over (its goal was not reached).
    carried_from = models.ForeignKey(
        "self", verbose_name=_("carried over from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda topic")
        verbose_name_plural = _("agenda topics")

    def __str__(self) -> str:
        return self.title

    @property
    def goal_unreached(self) -> bool:
        return self.outcome in (self.Outcome.PARTLY, self.Outcome.NOT_ACHIEVED)


class NegotiationTarget(VersionedModel):
    """What we aim for on one product (or overall, with no product), the limits we may not
    cross, and after the meeting what was agreed. `product_name` is free text until the
    catalogue exists; a product foreign key will be added beside it and filled from it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="targets")
    product_name = models.CharField(_("product"), max_length=200, blank=True, help_text=_("Empty: the whole deal."))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    planned_volume = models.DecimalField(_("planned volume"), **MONEY)
    target_price = models.DecimalField(_("target price"), **MONEY)
    target_discount = models.DecimalField(_("discount, %"), **PERCENT)
    terms = models.TextField(_("terms"), blank=True)
    # The limits we may not cross («предельно допустимые показатели»).
    min_price = models.DecimalField(_("lowest price"), **MONEY)
    max_discount = models.DecimalField(_("largest discount, %"), **PERCENT)
    min_volume = models.DecimalField(_("smallest volume"), **MONEY)
    # What was agreed.
    agreed_volume = models.DecimalField(_("agreed volume"), **MONEY)
    agreed_price = models.DecimalField(_("agreed price"), **MONEY)
    agreed_discount = models.DecimalField(_("agreed discount, %"), **PERCENT)
    agreed_terms = models.TextField(_("agreed terms"), blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "product_name", "pk"]
        verbose_name = _("negotiation target")
        verbose_name_plural = _("negotiation targets")
        constraints = [
            # A target beyond its own limit is a contradiction; a limit without a target is fine.
            models.CheckConstraint(
                condition=Q(target_price__isnull=True)
                | Q(min_price__isnull=True)
                | Q(target_price__gte=F("min_price")),
                name="target_price_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(target_discount__isnull=True)
                | Q(max_discount__isnull=True)
                | Q(target_discount__lte=F("max_discount")),
                name="target_discount_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(planned_volume__isnull=True)
                | Q(min_volume__isnull=True)
                | Q(planned_volume__gte=F("min_volume")),
                name="target_volume_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(target_discount__isnull=True) | Q(target_discount__gte=0, target_discount__lte=100),
                name="target_discount_percent",
            ),
            models.CheckConstraint(
                condition=Q(max_discount__isnull=True) | Q(max_discount__gte=0, max_discount__lte=100),
                name="max_discount_percent",
            ),
            models.CheckConstraint(
                condition=Q(agreed_discount__isnull=True) | Q(agreed_discount__gte=0, agreed_discount__lte=100),
                name="agreed_discount_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.product_name or str(_("Whole deal"))


class ChecklistItem(VersionedModel):
    """One of the nine items of the annual meeting's preparation (the seed's checklist)."""

    class Item(models.TextChoices):
        FINANCIAL_REPORT = "financial_report", _("Financial report of the cooperation")
        PREVIOUS_RESULTS = "previous_results", _("Results of the previous meeting")
        WORK_PLAN = "work_plan", _("The actual work plan and the client's expectations")
        OUR_EXPECTATIONS = "our_expectations", _("Our expectations")
        PROPOSAL_ARGUMENTS = "proposal_arguments", _("Arguments for our proposal")
        LIMITS = "limits", _("Negotiation limits")
        TERMS_ARGUMENTS = "terms_arguments", _("Arguments for specific prices, terms and volumes")
        DECISION_TOOLS = "decision_tools", _("Decision-making tools")
        DRAFT_PROPOSAL = "draft_proposal", _("A draft of the proposal")

    class Status(models.TextChoices):
        MISSING = "missing", _("Missing")
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checklist")
    item = models.CharField(_("item"), max_length=30, choices=Item.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MISSING)
    content = models.TextField(_("content"), blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["meeting", "item"], name="checklist_item_once_per_meeting")]

    def __str__(self) -> str:
        return self.get_item_display()

    @property
    def order(self) -> int:
        return list(self.Item.values).index(self.item)
