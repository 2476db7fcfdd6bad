"""Our sales geography (regions), catalogue (product groups, products), competitors and where they supply an account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import ScopedToAccountQuerySet


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
