"""Yearly sales plans: their lines (targets) and their approval transitions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kam.core.locking import VersionedModel
from planning.models.catalogue import Product, ProductGroup, Region


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
