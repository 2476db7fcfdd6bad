"""Commitments agreed at meetings, who sees them, and the updates of their status."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account
from kam.core.locking import VersionedModel
from meetings.models.meetings import MONEY, Meeting


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
