"""The sales summaries the dashboard reads: a rebuild equals a direct aggregate of the
records (per month, and as running totals per year), a refresh replaces only what it is asked
to, an import refreshes what it touched, and the nightly task runs."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.tests.factories import AccountFactory
from analysis.tests.dashboard_data import catalogue, month, sale
from kam.celery import app
from planning.models import MONTHS, SalesRecord, SalesSummary, SalesSummaryRefresh, SalesYearSummary, revenue_to
from planning.selectors.sales_years import total_between
from planning.services.imports import sales_import_apply
from planning.summary import latest_refresh, rebuild_sales_summary, refresh_sales_summary
from planning.tasks import refresh_sales_summary as refresh_task

pytestmark = pytest.mark.django_db


def summary() -> dict:
    return {
        (row.account_id, row.group_id, row.month): (row.volume, row.revenue, row.margin)
        for row in SalesSummary.objects.all()
    }


def direct() -> dict:
    rows = (
        SalesRecord.objects.values("account_id", "product__group_id", "month")
        .annotate(v=Sum("volume"), r=Sum("revenue"), m=Sum("margin"))
        .order_by()
    )
    return {(r["account_id"], r["product__group_id"], r["month"]): (r["v"], r["r"], r["m"]) for r in rows}


def years() -> dict:
    """The yearly summary as {(account, group, year): [revenue to January, … to December]}."""
    return {
        (row.account_id, row.group_id, row.year): [getattr(row, revenue_to(m)) for m in MONTHS]
        for row in SalesYearSummary.objects.all()
    }


def direct_years() -> dict:
    """The running totals of the records, summed in Python."""
    totals: dict = {}
    for record in SalesRecord.objects.select_related("product"):
        key = (record.account_id, record.product.group_id, record.month.year)
        running = totals.setdefault(key, [Decimal(0)] * 12)
        for index in range(record.month.month - 1, 12):
            running[index] += record.revenue
    return totals


@pytest.fixture
def cat(db):
    return catalogue()


def test_rebuild_equals_a_direct_aggregate_of_the_records(account, cat):
    other = AccountFactory()
    second_film = cat["p_film"].__class__.objects.create(code="F2", name="Film 2", group=cat["film"])
    for number in (1, 2, 3):
        sale(account, cat["p_film"], month(2026, number), 100, 10)
        sale(account, second_film, month(2026, number), 50, 5)
        sale(other, cat["p_boxes"], month(2026, number), 70, 7)
    refresh = rebuild_sales_summary()
    assert summary() == direct()
    assert len(summary()) == 6  # two accounts' groups per month, the two film products summed
    assert summary()[(account.pk, cat["film"].pk, month(2026, 1))][1] == Decimal("150.00")
    assert refresh.full and refresh.rows == 6
    assert latest_refresh() == refresh


def test_rebuild_twice_leaves_the_same_rows(account, cat):
    sale(account, cat["p_film"], month(2026, 1), 100, 10)
    rebuild_sales_summary()
    rebuild_sales_summary()
    assert summary() == direct()
    assert SalesSummaryRefresh.objects.count() == 2


def test_rebuild_drops_rows_whose_records_are_gone(account, cat):
    record = sale(account, cat["p_film"], month(2026, 1), 100, 10)
    rebuild_sales_summary()
    record.delete()
    rebuild_sales_summary()
    assert summary() == {}


def test_refresh_replaces_only_the_accounts_and_months_asked_for(account, cat):
    other = AccountFactory()
    sale(account, cat["p_film"], month(2026, 1), 100, 10)
    sale(account, cat["p_film"], month(2026, 2), 100, 10)
    sale(other, cat["p_film"], month(2026, 1), 100, 10)
    rebuild_sales_summary()
    SalesRecord.objects.update(revenue=Decimal(999))
    refresh = refresh_sales_summary(account_ids=[account.pk], months=[month(2026, 1)])
    rows = summary()
    assert rows[(account.pk, cat["film"].pk, month(2026, 1))][1] == Decimal(999)
    assert rows[(account.pk, cat["film"].pk, month(2026, 2))][1] == Decimal(100)  # another month
    assert rows[(other.pk, cat["film"].pk, month(2026, 1))][1] == Decimal(100)  # another account
    assert not refresh.full


def test_an_applied_import_refreshes_the_summary(tmp_path, owner, account, cat, django_capture_on_commit_callbacks):
    account.external_code = "ERP-1"
    account.save()
    sale(account, cat["p_film"], month(2026, 2), 100, 10)  # a month the file does not touch
    rebuild_sales_summary()
    path = tmp_path / "sales.csv"
    path.write_text(
        "account,product,month,volume,revenue,margin\n"
        f"ERP-1,{cat['p_film'].code},2026-01,1,500,50\nERP-1,{cat['p_boxes'].code},2026-01,2,300,30\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sales_import_apply(by=owner, path=path, file_name="sales.csv")
    assert summary() == direct()
    assert summary()[(account.pk, cat["boxes"].pk, month(2026, 1))][1] == Decimal(300)
    assert not latest_refresh().full


def test_the_nightly_task_rebuilds_the_summary(tasks_run_here, account, cat):
    sale(account, cat["p_film"], month(2026, 1), 100, 10)
    assert refresh_task.delay().get() == 1
    assert summary() == direct()


def test_the_task_is_scheduled_every_night():
    entry = next(e for e in app.conf.beat_schedule.values() if e["task"] == "planning.refresh_sales_summary")
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {0}


def test_freshness_is_the_latest_refresh(db, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 27, 0, 0, tzinfo=datetime.UTC), tick=False)
    rebuild_sales_summary()
    time_machine.move_to(datetime.datetime(2026, 11, 27, 1, 0, tzinfo=datetime.UTC), tick=False)
    refresh_sales_summary(account_ids=[], months=[])
    assert latest_refresh().refreshed_at == datetime.datetime(2026, 11, 27, 1, 0, tzinfo=datetime.UTC)


def test_the_yearly_summary_holds_running_totals_per_year(account, cat):
    other = AccountFactory()
    sale(account, cat["p_film"], month(2025, 12), 40, 4)
    for number, revenue in ((1, 100), (3, 30), (7, 7)):
        sale(account, cat["p_film"], month(2026, number), revenue, revenue / 10)
    sale(other, cat["p_boxes"], month(2026, 2), 70, 7)
    rebuild_sales_summary()
    assert years() == direct_years()
    film_2026 = years()[(account.pk, cat["film"].pk, 2026)]
    assert film_2026[0] == Decimal(100)  # January
    assert film_2026[1] == Decimal(100)  # February: no sales, the total stays
    assert film_2026[2] == Decimal(130)
    assert film_2026[11] == Decimal(137)  # the year
    assert years()[(account.pk, cat["film"].pk, 2025)][11] == Decimal(40)  # December of another year
    row = SalesYearSummary.objects.get(account=account, group=cat["film"], year=2026)
    assert (row.margin_to_01, row.margin_to_12) == (Decimal(10), Decimal("13.70"))


def test_a_refresh_moves_the_running_totals_after_the_month(account, cat):
    other = AccountFactory()
    sale(account, cat["p_film"], month(2025, 6), 10, 1)
    first = sale(account, cat["p_film"], month(2026, 1), 100, 10)
    sale(account, cat["p_film"], month(2026, 5), 50, 5)
    sale(other, cat["p_film"], month(2026, 1), 100, 10)
    rebuild_sales_summary()
    first.revenue = Decimal(300)
    first.save()
    SalesRecord.objects.filter(account=other).update(revenue=Decimal(999))  # not refreshed
    refresh_sales_summary(account_ids=[account.pk], months=[month(2026, 1)])
    film = years()
    assert film[(account.pk, cat["film"].pk, 2026)][0] == Decimal(300)
    assert film[(account.pk, cat["film"].pk, 2026)][4] == Decimal(350)  # May's total moved too
    assert film[(account.pk, cat["film"].pk, 2025)][11] == Decimal(10)  # another year, kept
    assert film[(other.pk, cat["film"].pk, 2026)][0] == Decimal(100)  # another account, kept


def test_an_import_keeps_the_yearly_summary_in_step(tmp_path, owner, account, cat, django_capture_on_commit_callbacks):
    account.external_code = "ERP-1"
    account.save()
    sale(account, cat["p_film"], month(2026, 3), 100, 10)
    rebuild_sales_summary()
    path = tmp_path / "sales.csv"
    path.write_text(f"account,product,month,volume,revenue,margin\nERP-1,{cat['p_film'].code},2026-01,1,500,50\n")
    with django_capture_on_commit_callbacks(execute=True):
        sales_import_apply(by=owner, path=path, file_name="sales.csv")
    assert years() == direct_years()
    assert years()[(account.pk, cat["film"].pk, 2026)][2] == Decimal(600)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ((2026, 1), (2026, 3), 1 + 2 + 3),  # from January: one column
        ((2026, 2), (2026, 4), 2 + 3 + 4),  # within a year: the difference of two
        ((2025, 11), (2026, 2), 1100 + 1200 + 1 + 2),  # across New Year
        ((2025, 1), (2025, 12), sum(range(100, 1300, 100))),  # a whole year
        ((2026, 5), (2026, 4), 0),  # an empty run
    ],
)
def test_total_between_sums_any_run_of_months(account, cat, first, last, expected):
    for number in MONTHS:
        sale(account, cat["p_film"], month(2025, number), number * 100, 0)
        sale(account, cat["p_film"], month(2026, number), number, 0)
    rebuild_sales_summary()
    total = SalesYearSummary.objects.aggregate(
        total=total_between("revenue", datetime.date(*first, 1), datetime.date(*last, 1))
    )["total"]
    assert total == Decimal(expected)
