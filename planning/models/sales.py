"""The actual sales imported from the ERP, and their monthly and yearly summaries."""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import ScopedToAccountQuerySet
from planning.models.catalogue import Product, ProductGroup


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
