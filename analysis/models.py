"""Scoring the client: criteria with weights, dated assessments, and results per year.

An assessment keeps what was scored as it was scored: each score copies the criterion's name
and weight, and the assessment stores its weighted totals, so changing the criteria later
never rewrites the past.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, ScopedToAccountQuerySet
from kam.core.locking import VersionedModel

SCORE_MIN = 1
SCORE_MAX = 10


class Dimension(models.TextChoices):
    COMPETITIVENESS = "competitiveness", _("Competitiveness")
    SALES_INTEREST = "sales_interest", _("Sales interest")


class Measure(models.TextChoices):
    """The quantitative measures that sales records give; an element linked to one of them
    gets a suggested score (see analysis.suggestions)."""

    ORDERS = "orders", _("orders last 12 months")
    ORDER_VOLUME = "order_volume", _("order volume last 12 months")
    BUYERS = "buyers", _("buyers last 12 months")
    PURCHASE_VOLUME = "purchase_volume", _("purchase volume last 12 months")


class Criterion(models.Model):
    """A criterion of competitiveness or an element of sales interest, with its weight."""

    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("what to look at"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    measure = models.CharField(
        _("suggested from"),
        max_length=20,
        choices=Measure.choices,
        blank=True,
        help_text=_("The sales measure that suggests a score for this element, if any."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["dimension", "position", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.name}"


class AssessmentQuerySet(ScopedToAccountQuerySet):
    pass


class Assessment(models.Model):
    """One dated scoring of an account by a user, with its weighted totals (one decimal)."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    competitiveness = models.DecimalField(_("competitiveness"), max_digits=3, decimal_places=1)
    sales_interest = models.DecimalField(_("sales interest"), max_digits=3, decimal_places=1)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["account", "-assessed_on", "-id"], name="assessment_account_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(competitiveness__gte=SCORE_MIN, competitiveness__lte=SCORE_MAX),
                name="assessment_competitiveness_1_10",
            ),
            models.CheckConstraint(
                condition=Q(sales_interest__gte=SCORE_MIN, sales_interest__lte=SCORE_MAX),
                name="assessment_sales_interest_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.assessed_on:%Y-%m-%d}"


class AssessmentScore(models.Model):
    """One criterion's score in an assessment, with the name and weight it had then."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.SET_NULL, null=True, related_name="scores"
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    suggested_value = models.PositiveSmallIntegerField(_("suggested score"), null=True, blank=True)
    suggestion_reason = models.CharField(_("why this was suggested"), max_length=300, blank=True)

    class Meta:
        ordering = ["dimension", "position", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX), name="assessment_score_value_1_10"
            ),
            models.CheckConstraint(
                condition=Q(suggested_value__isnull=True)
                | Q(suggested_value__gte=SCORE_MIN, suggested_value__lte=SCORE_MAX),
                name="assessment_score_suggested_1_10",
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="assessment_score_weight_positive"),
            models.UniqueConstraint(
                fields=["assessment", "criterion"],
                condition=Q(criterion__isnull=False),
                name="assessment_score_once_per_criterion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"

    @property
    def overrides_suggestion(self) -> bool:
        return self.suggested_value is not None and self.suggested_value != self.value


class AccountResult(VersionedModel):
    """What a year with the client brought: our turnover and profit with it, and the KAM's
    estimate of everything the client bought in our categories (for our market share)."""

    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("year"))
    turnover = models.DecimalField(_("turnover"), max_digits=14, decimal_places=2)
    profit = models.DecimalField(_("profit"), max_digits=14, decimal_places=2, null=True, blank=True)
    client_total_purchases = models.DecimalField(
        _("client's total purchases (estimate)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What the client bought in our categories from everyone, us included."),
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedToAccountQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(fields=["account", "year"], name="account_result_once_per_year"),
            models.CheckConstraint(condition=Q(turnover__gte=0), name="account_result_turnover_not_negative"),
            models.CheckConstraint(
                condition=Q(client_total_purchases__isnull=True) | Q(client_total_purchases__gt=0),
                name="account_result_purchases_positive",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="account_result_year_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.year}"
