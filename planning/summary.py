"""The monthly sales summary (planning.models.SalesSummary): the sales records summed per
account, product group and month, so dashboards read tens of thousands of rows instead of
millions.

It is derived data, written only here: `rebuild_sales_summary()` replaces all of it (nightly,
by the Celery task planning.refresh_sales_summary, and at the end of the demo seeding);
`refresh_sales_summary(account_ids=…, months=…)` replaces the part an import touched (the
after-import hook registered in planning.apps). Each is one DELETE and one
INSERT … SELECT … GROUP BY in one transaction, so a reader sees the old rows or the new ones,
never a half-written table; no row passes through Python.
"""

import datetime
import logging
import time
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from planning.models import SalesImport, SalesRecord, SalesSummary, SalesSummaryRefresh

logger = logging.getLogger("kam.planning")

COLUMNS = ("account_id", "group_id", "month", "volume", "revenue", "margin")


def _insert_from_records(records: QuerySet[SalesRecord]) -> int:
    """INSERT INTO the summary the records' sums per (account, group, month); returns the
    number of rows written. The SELECT is the ORM's own SQL, so the filters are parameters
    and it runs the same on PostgreSQL and SQLite."""
    grouped = (
        records.order_by()
        .values("account_id", "product__group_id", "month")
        .annotate(sum_volume=Sum("volume"), sum_revenue=Sum("revenue"), sum_margin=Sum("margin"))
        .values_list("account_id", "product__group_id", "month", "sum_volume", "sum_revenue", "sum_margin")
    )
    try:
        select_sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # no account or no month asked for: nothing to write
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(SalesSummary._meta.db_table)} ({columns}) {select_sql}", params)  # noqa: S608
        return max(cursor.rowcount, 0)


def _record_refresh(*, full: bool, rows: int, started: float) -> SalesSummaryRefresh:
    return SalesSummaryRefresh.objects.create(
        refreshed_at=timezone.now(), full=full, rows=rows, seconds=round(time.perf_counter() - started, 3)
    )


@transaction.atomic
def rebuild_sales_summary() -> SalesSummaryRefresh:
    """Replace the whole summary with the sums of every sales record, and note when. Needs no
    arguments, so the nightly task, the demo seeding and the benchmark generator call it
    alike. Idempotent: running it twice leaves the same rows."""
    started = time.perf_counter()
    SalesSummary.objects.all().delete()  # one DELETE: nothing refers to the summary
    rows = _insert_from_records(SalesRecord.objects.all())
    if connection.vendor == "postgresql":
        # Fresh planner statistics for the new rows: without them PostgreSQL guesses a
        # thousand rows where a year holds a hundred thousand and plans the dashboards'
        # sums for that (autovacuum may be off, or not get there before the next reader).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(SalesSummary._meta.db_table)}")
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
    if account_ids is not None:
        if not isinstance(account_ids, QuerySet):
            account_ids = list(account_ids)
        summary = summary.filter(account_id__in=account_ids)
        records = records.filter(account_id__in=account_ids)
    if months is not None:
        months = sorted(set(months))
        summary = summary.filter(month__in=months)
        records = records.filter(month__in=months)
    summary.delete()
    rows = _insert_from_records(records)
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
