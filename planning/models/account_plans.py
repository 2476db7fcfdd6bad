"""Client development plans and their parts (goals, SWOT, objectives, contacts, budget, stages, opportunities)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import ScopedToAccountQuerySet
from kam.core.locking import VersionedModel
from planning.models.sales_plans import MONEY


class AccountPlan(VersionedModel):
    """A client development plan («план развития клиента») for one account and one year:
    two-sided goals, a SWOT of the client, objectives, the contact plan, budget lines, stages
    with owners and deadlines, and partnership opportunities — each part its own rows."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    account = models.ForeignKey(
        "accounts.Account", verbose_name=_("account"), on_delete=models.CASCADE, related_name="account_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Where the relationship should be by year end."))
    cloned_from = models.ForeignKey(
        "self", verbose_name=_("cloned from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedToAccountQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("client development plan")
        verbose_name_plural = _("client development plans")
        constraints = [
            models.UniqueConstraint(fields=["account", "year"], name="account_plan_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("planning:account_plan", args=[self.pk])


class AccountPlanPart(VersionedModel):
    """What every row of a development plan shares: its place in the list, and a version so
    two people editing the same row never silently overwrite each other."""

    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta(VersionedModel.Meta):
        abstract = True
        ordering = ["position", "pk"]


class StrategicGoal(AccountPlanPart):
    """A strategic goal of one side: the client's own («цели клиента») or ours for this client."""

    class Side(models.TextChoices):
        CLIENT = "client", _("The client's goal")
        OURS = "ours", _("Our goal")

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="goals")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    text = models.TextField(_("goal"))

    class Meta(AccountPlanPart.Meta):
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return self.text[:60]


class SwotItem(AccountPlanPart):
    """One point of the client's SWOT."""

    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        WEAKNESS = "weakness", _("Weakness")
        OPPORTUNITY = "opportunity", _("Opportunity")
        THREAT = "threat", _("Threat")

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="swot")
    quadrant = models.CharField(_("quadrant"), max_length=20, choices=Quadrant.choices)
    text = models.TextField(_("point"))

    class Meta(AccountPlanPart.Meta):
        verbose_name = _("SWOT point")
        verbose_name_plural = _("SWOT points")

    def __str__(self) -> str:
        return self.text[:60]


class PlanObjective(AccountPlanPart):
    """A measurable objective for the year, and whether it was reached."""

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("objective"))
    measure = models.CharField(_("measure of success"), max_length=200, blank=True)
    achieved = models.BooleanField(_("achieved"), default=False)

    class Meta(AccountPlanPart.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.text[:60]


class PlannedContact(AccountPlanPart):
    """The contact plan: whom we mean to meet, around when, and why. Turned into a meeting,
    it keeps the link to it."""

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="contacts")
    contact = models.ForeignKey(
        "accounts.Contact",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_for = models.DateField(_("planned for"))
    purpose = models.TextField(_("purpose"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["planned_for", "pk"]
        verbose_name = _("planned contact")
        verbose_name_plural = _("contact plan")

    def __str__(self) -> str:
        return f"{self.planned_for}: {self.purpose[:40]}"


class BudgetLine(AccountPlanPart):
    """What the plan costs us: planned and spent, money in settings.KAM_CURRENCY."""

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("item"), max_length=200)
    planned = models.DecimalField(_("planned"), **MONEY)
    spent = models.DecimalField(_("spent"), **MONEY)

    class Meta(AccountPlanPart.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(planned__gte=0, spent__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return self.item


class PlanStage(AccountPlanPart):
    """A stage or procedure of the plan with its owner and deadline; reminded like a
    commitment until it is done."""

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="stages")
    # Denormalised from the plan so reminders and dashboards scope stages without a join.
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+", editable=False)
    title = models.CharField(_("stage"), max_length=200)
    procedure = models.TextField(_("procedure"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = ScopedToAccountQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("plan stage")
        verbose_name_plural = _("plan stages")
        indexes = [
            # The reminder scan reads open stages by deadline.
            models.Index(
                fields=["deadline"], condition=models.Q(done_at__isnull=True), name="plan_stage_open_deadline"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.plan_id and not self.account_id:
            self.account_id = self.plan.account_id
        super().save(*args, **kwargs)


class PartnershipOpportunity(AccountPlanPart):
    """A way to grow together beyond selling more: joint projects, co-marketing, a partner of
    the client we could also serve."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PURSUING = "pursuing", _("Pursuing")
        WON = "won", _("Won")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(AccountPlan, on_delete=models.CASCADE, related_name="opportunities")
    title = models.CharField(_("opportunity"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partner = models.ForeignKey(
        "accounts.BusinessPartner",
        verbose_name=_("with the client's partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    value = models.DecimalField(_("estimated value"), max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA)

    class Meta(AccountPlanPart.Meta):
        verbose_name = _("partnership opportunity")
        verbose_name_plural = _("partnership opportunities")

    def __str__(self) -> str:
        return self.title
