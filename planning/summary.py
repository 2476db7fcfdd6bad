"""The sales summaries: the monthly one (planning.models.SalesSummary), the sales records
summed per account, product group and month, and the yearly one derived from it
(SalesYearSummary: running totals per account, group and year), so the dashboard reads tens of
thousands of rows instead of millions.

It is derived data, written only here: `rebuild_sales_summary()` replaces all of it (nightly,
by the Celery task planning.refresh_sales_summary, and at the end of the demo seeding);
`refresh_sales_summary(account_ids=…, months=…)` replaces the part an import touched (the
after-import hook registered in planning.apps). Each is one DELETE and one
INSERT … SELECT … GROUP BY per summary in one transaction, so a reader sees the old rows or
the new ones, never a half-written table; no row passes through Python.
"""

import datetime
import logging
import time
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from planning.models import (
    MONTHS,
    SalesImport,
    SalesRecord,
    SalesSummary,
    SalesSummaryRefresh,
    SalesYearSummary,
    margin_to,
    revenue_to,
)

logger = logging.getLogger("kam.planning")

COLUMNS = ("account_id", "group_id", "month", "volume", "revenue", "margin")


def _insert(model, grouped: QuerySet, columns: Iterable[str]) -> int:
    """INSERT INTO `model`'s table the rows of `grouped` (a values_list in the order of
    `columns`); returns the number of rows written. The SELECT is the ORM's own SQL, so the
    filters are parameters and it runs the same on PostgreSQL and SQLite."""
    try:
        select_sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # no account or no month asked for: nothing to write
        return 0
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {select_sql}", params)  # noqa: S608
        return max(cursor.rowcount, 0)


def _insert_from_records(records: QuerySet[SalesRecord]) -> int:
    """INSERT INTO the monthly summary the records' sums per (account, group, month)."""
    grouped = (
        records.order_by()
        .values("account_id", "product__group_id", "month")
        .annotate(sum_volume=Sum("volume"), sum_revenue=Sum("revenue"), sum_margin=Sum("margin"))
        .values_list("account_id", "product__group_id", "month", "sum_volume", "sum_revenue", "sum_margin")
    )
    return _insert(SalesSummary, grouped, COLUMNS)


YEAR_COLUMNS = ("account_id", "group_id", "year", *(name for m in MONTHS for name in (revenue_to(m), margin_to(m))))


def _insert_years_from_months(months: QuerySet[SalesSummary]) -> int:
    """INSERT INTO the yearly summary the running totals of these monthly rows per (account,
    group, year): the sum of the months up to each month of the year."""

    def through(column: str, month: int):
        return Coalesce(Sum(column, filter=Q(month__month__lte=month)), Value(0), output_field=DecimalField())

    totals = {}
    for month in MONTHS:
        totals[revenue_to(month)] = through("revenue", month)
        totals[margin_to(month)] = through("margin", month)
    grouped = (
        months.order_by()
        .values("account_id", "group_id", year=ExtractYear("month"))
        .annotate(**{f"sum_{name}": total for name, total in totals.items()})
        .values_list("account_id", "group_id", "year", *(f"sum_{name}" for name in totals))
    )
    return _insert(SalesYearSummary, grouped, YEAR_COLUMNS)


def _analyze(*models) -> None:
    """Fresh planner statistics for rewritten tables (PostgreSQL): without them PostgreSQL
    guesses a thousand rows where a year holds a hundred thousand and plans the dashboards'
    sums for that (autovacuum may be off, or not get there before the next reader)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _record_refresh(*, full: bool, rows: int, started: float) -> SalesSummaryRefresh:
    return SalesSummaryRefresh.objects.create(
        refreshed_at=timezone.now(), full=full, rows=rows, seconds=round(time.perf_counter() - started, 3)
    )


@transaction.atomic
def rebuild_sales_summary() -> SalesSummaryRefresh:
    """Replace both summaries with the sums of every sales record, and note when. Needs no
    arguments, so the nightly task, the demo seeding and the benchmark generator call it
    alike. Idempotent: running it twice leaves the same rows. The rows noted are the monthly
    summary's."""
    started = time.perf_counter()
    # One DELETE each: nothing refers to the summaries.
    SalesSummary.objects.all().delete()
    SalesYearSummary.objects.all().delete()
    rows = _insert_from_records(SalesRecord.objects.all())
    _analyze(SalesSummary)
    _insert_years_from_months(SalesSummary.objects.all())
    _analyze(SalesYearSummary)
    refresh = _record_refresh(full=True, rows=rows, started=started)
    logger.info("sales summary rebuilt: %s rows in %.2f s", rows, refresh.seconds)
    return refresh


@transaction.atomic
def refresh_sales_summary(
    *, account_ids: Iterable[int] | QuerySet | None = None, months: Iterable[datetime.date] | None = None
) -> SalesSummaryRefresh:
    """Recompute the summary rows of these accounts in these months (first days of months)
    from the sales records; None for either means all of them, both None is a rebuild.
    `account_ids` may be a queryset of ids, which stays a subquery. Idempotent."""
    if account_ids is None and months is None:
        return rebuild_sales_summary()
    started = time.perf_counter()
    summary = SalesSummary.objects.all()
    records = SalesRecord.objects.all()
    years = SalesYearSummary.objects.all()
    if account_ids is not None:
        if not isinstance(account_ids, QuerySet):
            account_ids = list(account_ids)
        summary = summary.filter(account_id__in=account_ids)
        records = records.filter(account_id__in=account_ids)
        years = years.filter(account_id__in=account_ids)
    # The yearly rows of these accounts are recomputed over every year the months touch:
    # a month's change moves the running totals of the months after it.
    year_months = summary
    if months is not None:
        months = sorted(set(months))
        summary = summary.filter(month__in=months)
        records = records.filter(month__in=months)
        touched = sorted({month.year for month in months})
        years = years.filter(year__in=touched)
        year_months = year_months.filter(month__year__in=touched)
    summary.delete()
    rows = _insert_from_records(records)
    years.delete()
    _insert_years_from_months(year_months)
    return _record_refresh(full=False, rows=rows, started=started)


def _month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def refresh_after_import(sales_import: SalesImport) -> SalesSummaryRefresh | None:
    """The after-import hook: an import replaced the records of each (account, month) in its
    file, so refresh the accounts it wrote to over the months it spans."""
    if sales_import.first_month is None or sales_import.last_month is None:
        return None
    accounts = SalesRecord.objects.filter(imported_in=sales_import).order_by().values("account_id").distinct()
    return refresh_sales_summary(
        account_ids=accounts, months=_month_range(sales_import.first_month, sales_import.last_month)
    )


def latest_refresh() -> SalesSummaryRefresh | None:
    """When the summary was last brought up to date (one query on an indexed column)."""
    return SalesSummaryRefresh.objects.order_by("-refreshed_at").first()
