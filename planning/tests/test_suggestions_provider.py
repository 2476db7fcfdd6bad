"""The sales measures planning gives the suggested scores: per visible account over the last
12 months, from the sales records, in one grouped query."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Account
from accounts.tests.factories import AccountFactory
from analysis import suggestions
from planning.suggestions import SalesRecordMeasures
from planning.tests.factories import ProductFactory, SalesRecordFactory

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def provider():
    """The planning provider, whatever another test left installed."""
    before = suggestions.installed_provider()
    suggestions.install_provider(SalesRecordMeasures())
    yield
    suggestions.install_provider(before)


def sale(account, product, month: datetime.date, volume, revenue):
    SalesRecordFactory(
        account=account, product=product, month=month, volume=Decimal(volume), revenue=Decimal(revenue), margin=0
    )


def test_ready_installs_the_sales_record_provider():
    from django.apps import apps

    before = suggestions.installed_provider()
    suggestions.install_provider(None)
    try:
        apps.get_app_config("planning").ready()
        assert isinstance(suggestions.installed_provider(), SalesRecordMeasures)
    finally:
        suggestions.install_provider(before)


def test_measures_match_hand_computed_values(account, django_assert_num_queries):
    a, b = ProductFactory(), ProductFactory()
    sale(account, a, datetime.date(2026, 5, 1), 2, 100)
    sale(account, b, datetime.date(2026, 5, 1), 3, 50)
    sale(account, a, datetime.date(2025, 7, 1), 5, 200)
    sale(account, a, datetime.date(2025, 6, 1), 99, 9999)  # 13 months ago: outside
    quiet = AccountFactory()
    sale(quiet, a, datetime.date(2024, 1, 1), 1, 1)  # nothing in the last 12 months
    with django_assert_num_queries(1):
        measures = SalesRecordMeasures().measures(accounts=Account.objects.all(), today=TODAY)
    assert measures == {
        account.pk: {"orders": 2, "order_volume": Decimal(10), "buyers": 2, "purchase_volume": Decimal(350)}
    }


def test_measures_only_cover_the_accounts_given(account):
    other = AccountFactory()
    product = ProductFactory()
    sale(account, product, datetime.date(2026, 1, 1), 1, 10)
    sale(other, product, datetime.date(2026, 1, 1), 1, 10)
    measures = SalesRecordMeasures().measures(accounts=Account.objects.filter(pk=account.pk), today=TODAY)
    assert set(measures) == {account.pk}


def test_assessment_form_suggests_once_sales_exist(client_for, owner, account, region, provider):
    url = reverse("analysis:assessment_create", args=[account.pk])
    assert "orders last 12 months:" not in client_for(owner).get(url).content.decode()
    product = ProductFactory()
    smaller = AccountFactory(owner=owner, region=region)
    for month in (1, 2, 3):
        sale(account, product, datetime.date(2026, month, 1), 10, 1000)
    sale(smaller, product, datetime.date(2026, 1, 1), 1, 10)
    html = client_for(owner).get(url).content.decode()
    # Two accounts: 3 orders is above 1 → (1 + 0.5) / 2 = 75th percentile → 8
    assert "orders last 12 months: 3, 75th percentile → 8" in html
