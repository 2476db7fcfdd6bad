"""Our sales geography (regions), catalogue (product groups, products), competitors, and the
actual sales imported from the ERP."""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import ScopedToAccountQuerySet
from kam.core.locking import VersionedModel


class Region(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class ProductGroup(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    # The code the ERP uses, which imported sales refer to.
    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(
        ProductGroup, verbose_name=_("product group"), on_delete=models.PROTECT, related_name="products"
    )
    unit = models.CharField(_("unit"), max_length=20, default="pcs")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group__position", "group__name", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Competitor(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")

    def __str__(self) -> str:
        return self.name


class CompetitorProduct(models.Model):
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(
        ProductGroup, verbose_name=_("product group"), on_delete=models.PROTECT, related_name="competitor_products"
    )

    class Meta:
        ordering = ["competitor", "name"]
        verbose_name = _("competitor's product")
        verbose_name_plural = _("competitors' products")
        constraints = [models.UniqueConstraint(fields=["competitor", "name"], name="competitor_product_unique")]

    def __str__(self) -> str:
        return f"{self.competitor}: {self.name}"


class CompetitorPresence(models.Model):
    """A competitor known to supply the account, in one product group (or in general)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="competitors")
    competitor = models.ForeignKey(Competitor, verbose_name=_("competitor"), on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(
        ProductGroup, verbose_name=_("product group"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedToAccountQuerySet.as_manager()

    class Meta:
        ordering = ["competitor__name"]
        verbose_name = _("competitor at the account")
        verbose_name_plural = _("competitors at the account")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "competitor", "group"],
                condition=models.Q(group__isnull=False),
                name="competitor_presence_per_group",
            ),
            models.UniqueConstraint(
                fields=["account", "competitor"],
                condition=models.Q(group__isnull=True),
                name="competitor_presence_in_general",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competitor} @ {self.account_id}"


class SalesImport(models.Model):
    """One applied import of actual sales: who loaded which file, and what it replaced."""

    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    replaced = models.PositiveIntegerField(_("records replaced"), default=0)
    first_month = models.DateField(_("first month"), null=True)
    last_month = models.DateField(_("last month"), null=True)
    volume = models.DecimalField(_("volume"), max_digits=20, decimal_places=3, default=0)
    revenue = models.DecimalField(_("revenue"), max_digits=20, decimal_places=2, default=0)
    seconds = models.FloatField(_("seconds"), default=0)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("sales import")
        verbose_name_plural = _("sales imports")

    def __str__(self) -> str:
        return self.file_name


class SalesRecord(models.Model):
    """Actual sales of one product to one account in one month (`month` is its first day),
    as the ERP exported them. Money in settings.KAM_CURRENCY."""

    # No index of their own: the unique (account, product, month) and the (product, month)
    # index lead with them, and every extra index slows a million-row import.
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="sales", db_index=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="sales", db_index=False)
    month = models.DateField(_("month"))
    volume = models.DecimalField(_("volume"), max_digits=16, decimal_places=3)
    revenue = models.DecimalField(_("revenue"), max_digits=16, decimal_places=2)
    margin = models.DecimalField(_("margin"), max_digits=16, decimal_places=2)
    imported_in = models.ForeignKey(SalesImport, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedToAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("sales record")
        verbose_name_plural = _("sales records")
        constraints = [
            models.UniqueConstraint(fields=["account", "product", "month"], name="sales_record_one_per_month"),
        ]
        indexes = [models.Index(fields=["account", "month"]), models.Index(fields=["product", "month"])]

    def __str__(self) -> str:
        return f"{self.account_id} {self.product_id} {self.month:%Y-%m}"


class SalesSummary(models.Model):
    """The sales records summed per account, product group and month: what dashboards read
    instead of two million records (see planning.summary, which alone writes it). Derived
    data: rebuilt nightly and refreshed for the accounts and months an import touched."""

    # No single-column indexes: the unique (account, group, month) leads with the account, and
    # (month, account) serves the dashboards' "these months of these accounts".
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+", db_index=False)
    group = models.ForeignKey(ProductGroup, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(_("month"))
    volume = models.DecimalField(_("volume"), max_digits=20, decimal_places=3)
    revenue = models.DecimalField(_("revenue"), max_digits=20, decimal_places=2)
    margin = models.DecimalField(_("margin"), max_digits=20, decimal_places=2)

    class Meta:
        verbose_name = _("monthly sales summary")
        verbose_name_plural = _("monthly sales summaries")
        constraints = [
            models.UniqueConstraint(fields=["account", "group", "month"], name="sales_summary_one_per_month"),
        ]
        indexes = [models.Index(fields=["month", "account"], name="sales_summary_month_account")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.group_id} {self.month:%Y-%m}"


MONTHS = range(1, 13)


def revenue_to(month: int) -> str:
    """The name of SalesYearSummary's running total of revenue from January through `month`."""
    return f"revenue_to_{month:02}"


def margin_to(month: int) -> str:
    return f"margin_to_{month:02}"


class SalesYearSummary(models.Model):
    """An account's sales of a product group over one calendar year as running totals:
    `revenue_to_03` is the revenue of January to March. A year to date is then one column and
    a quarter the difference of two, so the company-wide dashboard reads one row per account,
    group and year (about 30,000 at the benchmark's scale) instead of one per month. Derived
    from the monthly summary by planning.summary, in the same transaction."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+", db_index=False)
    group = models.ForeignKey(ProductGroup, on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("yearly sales summary")
        verbose_name_plural = _("yearly sales summaries")
        constraints = [
            models.UniqueConstraint(fields=["account", "group", "year"], name="sales_year_summary_one_per_year"),
        ]
        indexes = [models.Index(fields=["year", "account"], name="sales_year_summary_year_acct")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.group_id} {self.year}"


# Twelve running totals each of revenue and margin, added in a loop rather than written out
# twenty-four times; they are ordinary fields to migrations and queries.
for _month in MONTHS:
    for _name, _label in ((revenue_to(_month), _("revenue to month {}")), (margin_to(_month), _("margin to month {}"))):
        SalesYearSummary.add_to_class(
            _name, models.DecimalField(format_lazy(_label, _month), max_digits=20, decimal_places=2, default=0)
        )


class SalesSummaryRefresh(models.Model):
    """When the summary was last brought up to date, and how: the dashboard says how fresh
    its figures are from the latest row."""

    refreshed_at = models.DateTimeField(_("refreshed at"), db_index=True)
    full = models.BooleanField(_("full rebuild"), default=True)
    rows = models.PositiveIntegerField(_("rows written"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)

    class Meta:
        ordering = ["-refreshed_at"]
        get_latest_by = "refreshed_at"
        verbose_name = _("sales summary refresh")
        verbose_name_plural = _("sales summary refreshes")

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"


class SalesPlan(VersionedModel):
    """A year's sales plan: a KAM's plan for one key account, or a director's plan for a region
    (exactly one of the two). Lines carry the targets; transitions record the approval."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    year = models.PositiveSmallIntegerField(_("year"))
    account = models.ForeignKey(
        "accounts.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sales_plans",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="sales_plans"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("sales plan")
        verbose_name_plural = _("sales plans")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(account__isnull=False, region__isnull=True)
                    | models.Q(account__isnull=True, region__isnull=False)
                ),
                name="sales_plan_account_or_region",
            ),
            models.UniqueConstraint(
                fields=["account", "year"], condition=models.Q(account__isnull=False), name="sales_plan_one_per_account"
            ),
            models.UniqueConstraint(
                fields=["region", "year"], condition=models.Q(region__isnull=False), name="sales_plan_one_per_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account or self.region} {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("planning:plan", args=[self.pk])

    @property
    def is_regional(self) -> bool:
        return self.region_id is not None


MONEY = {"max_digits": 16, "decimal_places": 2, "default": 0}
VOLUME = {"max_digits": 16, "decimal_places": 3, "default": 0}


class SalesPlanLine(VersionedModel):
    """One product group or one product of a plan: last year's actual (the baseline, computed
    from the sales records when the line is made), the target, its quarters and the method."""

    plan = models.ForeignKey(SalesPlan, on_delete=models.CASCADE, related_name="lines")
    group = models.ForeignKey(
        ProductGroup, verbose_name=_("product group"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    baseline_volume = models.DecimalField(_("baseline volume"), **VOLUME)
    baseline_revenue = models.DecimalField(_("baseline revenue"), **MONEY)
    target_volume = models.DecimalField(_("target volume"), **VOLUME)
    target_revenue = models.DecimalField(_("target revenue"), **MONEY)
    q1_revenue = models.DecimalField(_("Q1 revenue"), **MONEY)
    q2_revenue = models.DecimalField(_("Q2 revenue"), **MONEY)
    q3_revenue = models.DecimalField(_("Q3 revenue"), **MONEY)
    q4_revenue = models.DecimalField(_("Q4 revenue"), **MONEY)
    method = models.TextField(_("method"), blank=True, help_text=_("The actions that make the target reachable."))

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["group__position", "group__name", "product__code", "pk"]
        verbose_name = _("sales plan line")
        verbose_name_plural = _("sales plan lines")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(group__isnull=False, product__isnull=True)
                    | models.Q(group__isnull=True, product__isnull=False)
                ),
                name="sales_plan_line_group_or_product",
            ),
            models.UniqueConstraint(
                fields=["plan", "group"], condition=models.Q(group__isnull=False), name="sales_plan_line_one_per_group"
            ),
            models.UniqueConstraint(
                fields=["plan", "product"],
                condition=models.Q(product__isnull=False),
                name="sales_plan_line_one_per_product",
            ),
        ]

    def __str__(self) -> str:
        return str(self.group or self.product)

    @property
    def quarters_total(self):
        return self.q1_revenue + self.q2_revenue + self.q3_revenue + self.q4_revenue


class PlanTransition(models.Model):
    """One step of a plan's approval: who moved it from which status to which, when, and why.
    It is also the in-app notice to the author, which a notifications feature reads."""

    plan = models.ForeignKey(SalesPlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=20, choices=SalesPlan.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=SalesPlan.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("plan transition")
        verbose_name_plural = _("plan transitions")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} → {self.to_status}"


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
