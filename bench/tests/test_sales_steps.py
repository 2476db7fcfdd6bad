"""The benchmark's catalogue and sales records (bench.sales_steps) at a tiny scale: the sizes
follow the scale, and the data keeps the rules of planning.models. Figures are never
asserted."""

from decimal import Decimal

import pytest
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from accounts.models import Account
from bench.generate import ensure_dataset
from bench.sales_steps import PRODUCTS_BY_TIER, VARIANTS
from planning import demo
from planning.models import (
    Competitor,
    CompetitorPresence,
    CompetitorProduct,
    Product,
    ProductGroup,
    SalesRecord,
    SalesSummary,
)

TINY = 0.01


@pytest.fixture
def dataset(require_postgres, db):
    return ensure_dataset(scale=TINY, log=lambda _line: None)


def test_catalogue_is_the_demo_groups_with_variants_of_each_product(dataset):
    assert ProductGroup.objects.count() == len(demo.GROUPS)
    assert Product.objects.count() == len(demo.PRODUCTS) * len(VARIANTS)
    assert Product.objects.values("code").distinct().count() == Product.objects.count()
    assert Competitor.objects.count() >= 10
    assert not Competitor.objects.annotate(n=Count("products")).filter(n=0).exists()
    assert CompetitorProduct.objects.exists()
    assert CompetitorPresence.objects.exists()
    assert not CompetitorPresence.objects.filter(recorded_by__isnull=True).exists()
    assert dataset.counts["planning.Product"] == Product.objects.count()


def test_sales_count_follows_the_scale_and_the_dataset_counts_it(dataset):
    customers = Account.objects.exclude(status=Account.Status.PROSPECT)
    records = SalesRecord.objects.count()
    fewest = min(low for low, _high in PRODUCTS_BY_TIER.values())
    most = max(high for _low, high in PRODUCTS_BY_TIER.values())
    # Sparse: fewer than every chosen product every month, but far more than none.
    assert customers.count() * fewest * 36 * 0.4 <= records <= customers.count() * most * 36
    assert dataset.counts["planning.SalesRecord"] == records
    assert "sales" in dataset.steps


def test_sales_cover_three_years_up_to_last_month_and_prospects_buy_nothing(dataset):
    months = demo.month_starts(timezone.localdate())
    span = SalesRecord.objects.aggregate(first=Min("month"), last=Max("month"))
    assert span == {"first": months[0], "last": months[-1]}
    assert not SalesRecord.objects.filter(account__status=Account.Status.PROSPECT).exists()
    assert not SalesRecord.objects.exclude(month__day=1).exists()


def test_sales_amounts_are_positive_and_margins_within_8_to_25_percent(dataset):
    records = SalesRecord.objects.all()
    assert not records.filter(Q(volume__lte=0) | Q(revenue__lte=0) | Q(margin__lte=0)).exists()
    assert not records.filter(margin__lt=F("revenue") * Decimal("0.079")).exists()
    assert not records.filter(margin__gt=F("revenue") * Decimal("0.251")).exists()
    assert records.filter(imported_in__isnull=True).count() == records.count()


def test_the_summary_is_the_records_grouped_by_account_group_and_month(dataset):
    grouped = (
        SalesRecord.objects.values("account_id", "product__group_id", "month")
        .annotate(revenue=Sum("revenue"), margin=Sum("margin"))
        .order_by()
    )
    direct = {(r["account_id"], r["product__group_id"], r["month"]): (r["revenue"], r["margin"]) for r in grouped}
    summary = {(s.account_id, s.group_id, s.month): (s.revenue, s.margin) for s in SalesSummary.objects.all()}
    assert summary == direct
    assert dataset.counts["planning.SalesSummary"] == len(summary) > 0
    assert "sales_summary" in dataset.steps
