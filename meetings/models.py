"""Client meetings: their preparation (agenda, negotiation targets and limits, the annual
checklist) and their follow-up (outcomes, interest signals, minutes, commitments)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In
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


class AnyOf(In):
    """`pk = ANY(ARRAY(subquery))` on PostgreSQL, `IN (subquery)` elsewhere. The array is
    computed once, first, and its rows are then read by primary key whatever else the query
    filters on; with IN the planner may instead join the subquery against every row the other
    filters match (for a regional director's open commitments: every open commitment of the
    company, 4,500 pages, to keep a thousand)."""

    lookup_name = "any_of"

    def get_rhs_op(self, connection, rhs):
        if connection.vendor == "postgresql" and not self.rhs_is_direct_value():
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


class CommitmentQuerySet(models.QuerySet):
    def visible_to(self, user, *, within: Q | None = None) -> "CommitmentQuerySet":
        """Whoever sees the account sees its commitments; the person or the department a
        commitment is assigned to sees it too (and, for a department member, nothing else).

        `within` (open ones, the user's own, a status the queue asks for) narrows the scope's
        own lookups: a list then gathers the few ids it may show, not every commitment of the
        user's accounts, and reads them by primary key (AnyOf). Without it, one commitment
        looked up by pk stays cheap: the planner pushes the pk into both lookups."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        within = within if within is not None else Q()
        if user.is_admin or (user.is_director and not user.region_ids):
            return self.filter(within)
        mine = Q(assignee_user=user)
        if user.department_id:
            mine |= Q(assignee_department_id=user.department_id)
        if user.is_department_member:
            return self.filter(mine & within)
        # A UNION of two indexed lookups (by account, by assignee) rather than an OR, which made
        # PostgreSQL test every open commitment of the company against the user's accounts.
        base = Commitment.objects.order_by().filter(within)
        on_accounts = base.filter(account__in=Account.objects.visible_to(user).values("pk")).values("pk")
        ids = on_accounts.union(base.filter(mine).values("pk"))
        if not within:
            return self.filter(pk__in=ids)
        return self.filter(AnyOf(F("pk"), ids.query))

    def open(self) -> "CommitmentQuerySet":
        return self.filter(status__in=Commitment.ACTIVE)


class Commitment(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="commitments"
    )
    # The meeting's account, kept here so queues and dashboards filter without a join.
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="commitments", editable=False)
    text = models.TextField(_("what was agreed"))
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    assignee_department = models.ForeignKey(
        "users.Department",
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    due_on = models.DateField(_("due date"))
    quantity = models.DecimalField(_("agreed quantity or volume"), **MONEY)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            # The department queue, the reminder scan and "my day": open ones by due date.
            models.Index(
                fields=["assignee_department", "due_on"],
                condition=Q(status__in=["open", "in_progress"]),
                name="commitment_dept_open_due",
            ),
            models.Index(
                fields=["assignee_user", "due_on"],
                condition=Q(status__in=["open", "in_progress"]),
                name="commitment_user_open_due",
            ),
            models.Index(fields=["account", "due_on"], name="commitment_account_due"),
            # An account's overdue commitments (the dashboard's at-risk rule, for every account
            # in view): the open ones past their date, not every past one. With the department,
            # the dashboard counts a region's open commitments per department from it alone.
            models.Index(
                fields=["account", "due_on"],
                include=["assignee_department"],
                condition=Q(status__in=["open", "in_progress"]),
                name="commitment_account_open_due",
            ),
            # The dashboard's on-time rate: the done ones due in the last 90 days, per
            # department, read from the index alone.
            models.Index(
                fields=["due_on"],
                include=["account", "assignee_department", "done_at"],
                condition=Q(status="done"),
                name="commitment_done_due",
            ),
            models.Index(
                fields=["due_on"], condition=Q(status__in=["open", "in_progress"]), name="commitment_open_due"
            ),
        ]
        constraints = [
            # A person or a department, not both; neither only once the assignee was deleted.
            models.CheckConstraint(
                condition=Q(assignee_user__isnull=True) | Q(assignee_department__isnull=True),
                name="commitment_one_assignee",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:commitment", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def assignee(self):
        return self.assignee_user or self.assignee_department


class CommitmentUpdate(models.Model):
    """A step in a commitment's life: who moved it to which status, when, and why."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Commitment.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Commitment.Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        indexes = [models.Index(fields=["commitment", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private calendar subscription URL. Whoever holds the token reads the user's
    meeting times and titles, so it can be replaced at any time, which revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


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
