"""The demo's catalogue, competitors and sales (planning/demo.py, loaded by `manage.py seed_demo`)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from accounts.models import Account
from planning import demo
from planning.models import Competitor, CompetitorPresence, CompetitorProduct, Product, ProductGroup, SalesRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    output = seed()
    assert "Demo data loaded" in output
    return output


def customers():
    return Account.objects.exclude(status=Account.Status.PROSPECT)


def test_catalogue_has_groups_products_with_codes_and_units_and_competitors(seeded):
    assert ProductGroup.objects.count() == len(demo.GROUPS)
    assert Product.objects.count() == len(demo.PRODUCTS) >= 25
    assert not Product.objects.filter(Q(code="") | Q(unit="")).exists()
    assert set(Product.objects.values_list("group__code", flat=True)) == {code for code, *_rest in demo.GROUPS}
    assert 4 <= Competitor.objects.count() <= 6
    assert not Competitor.objects.annotate(n=Count("products")).filter(n=0).exists()
    assert CompetitorProduct.objects.count() >= Competitor.objects.count() * 2


def test_every_customer_has_36_months_of_sales_up_to_last_month(seeded):
    months = demo.month_starts(timezone.localdate())
    assert len(months) == 36
    assert months[-1] < timezone.localdate().replace(day=1)
    by_account = customers().annotate(months=Count("sales__month", distinct=True))
    assert by_account.count() >= 30
    assert set(by_account.values_list("months", flat=True)) == {36}
    assert set(SalesRecord.objects.values_list("month", flat=True)) == set(months)
    # Prospects buy nothing from us yet, but their competitors are on record.
    prospects = Account.objects.filter(status=Account.Status.PROSPECT)
    assert prospects.exists()
    assert not SalesRecord.objects.filter(account__in=prospects).exists()
    assert CompetitorPresence.objects.filter(account__in=prospects, group__isnull=True).count() == prospects.count()


def test_some_accounts_grow_and_some_decline_year_on_year(seeded):
    months = demo.month_starts(timezone.localdate())
    yearly = customers().annotate(
        first=Sum("sales__revenue", filter=Q(sales__month__lt=months[12])),
        last=Sum("sales__revenue", filter=Q(sales__month__gte=months[24])),
    )
    growing = [a for a in yearly if a.last > a.first * Decimal("1.3")]
    declining = [a for a in yearly if a.last < a.first * Decimal("0.8")]
    assert len(growing) >= 5
    assert len(declining) >= 5
    assert {a.status for a in declining} <= {Account.Status.AT_RISK, Account.Status.DORMANT, Account.Status.ACTIVE}
    assert all(a.status == Account.Status.ACTIVE for a in growing)


def test_sales_are_seasonal_with_a_january_low(seeded):
    revenue_by_month = dict(
        SalesRecord.objects.values("month__month").annotate(total=Sum("revenue")).values_list("month__month", "total")
    )
    assert revenue_by_month[1] < revenue_by_month[12]
    assert revenue_by_month[1] == min(revenue_by_month.values())


def test_some_accounts_buy_only_a_few_groups_and_competitors_fill_the_gaps(seeded):
    groups = customers().annotate(n=Count("sales__product__group", distinct=True))
    assert groups.filter(n__lte=2).exists()
    assert groups.filter(n__gte=5).exists()
    # A competitor present in a group the account buys nothing of from us: whitespace to win.
    ours = SalesRecord.objects.filter(account=OuterRef("account"), product__group=OuterRef("group"))
    at_customers = CompetitorPresence.objects.filter(account__in=customers(), group__isnull=False)
    assert at_customers.count() >= 15
    assert at_customers.exclude(Exists(ours)).count() >= 10


def test_revenue_volume_and_margin_are_consistent(seeded):
    assert not SalesRecord.objects.filter(Q(volume__lte=0) | Q(revenue__lte=0) | Q(margin__lte=0)).exists()
    assert not SalesRecord.objects.filter(margin__lt=F("revenue") * Decimal("0.079")).exists()
    assert not SalesRecord.objects.filter(margin__gt=F("revenue") * Decimal("0.251")).exists()
    # One product's price per unit stays within its list price, discounts and three years of inflation.
    for _group, code, _name, _unit, price, *_rest in demo.PRODUCTS:
        records = SalesRecord.objects.filter(product__code=code)
        for record in records[:50]:
            unit_price = record.revenue / record.volume
            assert price * 0.85 < unit_price < price * 1.3, (code, unit_price)


def test_customers_can_be_matched_by_an_import(seeded):
    assert not customers().filter(external_code="", tax_id="").exists()
    assert not Account.objects.filter(tax_id="").exists()


def test_the_sales_are_deterministic_and_a_reset_replaces_them(seeded):
    def snapshot():
        return sorted(
            SalesRecord.objects.values_list("account__name", "product__code", "month", "volume", "revenue", "margin")
        )

    first = snapshot()
    presences = sorted(CompetitorPresence.objects.values_list("account__name", "competitor__name", "group__code"))
    output = seed("--reset")
    assert "Removed the previous demo data" in output
    assert snapshot() == first
    assert sorted(CompetitorPresence.objects.values_list("account__name", "competitor__name", "group__code")) == (
        presences
    )
    assert Product.objects.count() == len(demo.PRODUCTS)
    assert f"{len(first)} sales records" in output
