"""Writing validated rows: for every (account, month) pair in the file, that pair's existing
records are deleted and the file's rows inserted, inside the caller's transaction.

PostgreSQL: COPY into a temporary staging table, then one DELETE and one INSERT … SELECT.
Other databases (SQLite in development and tests): chunked deletes and bulk_create.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO

from django.db import connection
from django.db.models import Q

from planning.models import SalesRecord

CHUNK = 500  # ids per IN (…): under SQLite's parameter limit
BATCH = 5000
COPY_BUFFER = 1 << 20
# Imports run one at a time: two overlapping ones would each delete, then both insert.
ADVISORY_LOCK = 0x5A1E5


def _pair_filters(pairs: Iterable[tuple[int, object]]) -> list[Q]:
    accounts_by_month: dict = defaultdict(list)
    for account_id, month in pairs:
        accounts_by_month[month].append(account_id)
    filters = []
    for month, account_ids in accounts_by_month.items():
        account_ids.sort()
        for start in range(0, len(account_ids), CHUNK):
            filters.append(Q(month=month, account_id__in=account_ids[start : start + CHUNK]))
    return filters


def count_replaced(pairs: set) -> int:
    """How many existing records the pairs cover. PostgreSQL: one query joining the pairs as
    two arrays; elsewhere one query per month and 500 accounts."""
    if not pairs:
        return 0
    if connection.vendor == "postgresql":
        account_ids, months = zip(*pairs, strict=True)
        table = connection.ops.quote_name(SalesRecord._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {table} AS r"  # noqa: S608
                " JOIN unnest(%s::bigint[], %s::date[]) AS p (account_id, month)"
                " ON r.account_id = p.account_id AND r.month = p.month",
                [list(account_ids), list(months)],
            )
            return cursor.fetchone()[0]
    return sum(SalesRecord.objects.filter(condition).count() for condition in _pair_filters(pairs))


def load(*, staged: TextIO, pairs: set, sales_import_id: int) -> int:
    """Replace the records of `pairs` with the staged rows; returns how many were deleted.
    Must run inside a transaction."""
    staged.seek(0)
    if connection.vendor == "postgresql":
        return _load_postgresql(staged, sales_import_id)
    return _load_in_batches(staged, pairs, sales_import_id)


def _load_postgresql(staged: TextIO, sales_import_id: int) -> int:
    table = connection.ops.quote_name(SalesRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
        cursor.execute(
            "CREATE TEMPORARY TABLE sales_import_staging ("
            " account_id bigint NOT NULL, product_id bigint NOT NULL, month date NOT NULL,"
            " volume numeric(16, 3) NOT NULL, revenue numeric(16, 2) NOT NULL, margin numeric(16, 2) NOT NULL"
            ") ON COMMIT DROP"
        )
        with cursor.cursor.copy(
            "COPY sales_import_staging (account_id, product_id, month, volume, revenue, margin) FROM STDIN"
        ) as copy:
            while block := staged.read(COPY_BUFFER):
                copy.write(block)
        cursor.execute("ANALYZE sales_import_staging")
        cursor.execute(
            f"DELETE FROM {table} AS r USING (SELECT DISTINCT account_id, month FROM sales_import_staging) AS p"  # noqa: S608
            " WHERE r.account_id = p.account_id AND r.month = p.month"
        )
        replaced = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {table} (account_id, product_id, month, volume, revenue, margin, imported_in_id)"  # noqa: S608
            " SELECT account_id, product_id, month, volume, revenue, margin, %s FROM sales_import_staging"
            # In the unique index's order, the index pages fill one after another.
            " ORDER BY account_id, product_id, month",
            [sales_import_id],
        )
        # ON COMMIT DROP alone would leave it for a second import inside the same outer transaction.
        cursor.execute("DROP TABLE sales_import_staging")
    return replaced


def _load_in_batches(staged: TextIO, pairs: set, sales_import_id: int) -> int:
    replaced = 0
    for condition in _pair_filters(pairs):
        replaced += SalesRecord.objects.filter(condition).delete()[0]
    batch: list[SalesRecord] = []
    for line in staged:
        account_id, product_id, month, volume, revenue, margin = line.rstrip("\n").split("\t")
        batch.append(
            SalesRecord(
                account_id=int(account_id),
                product_id=int(product_id),
                month=month,
                volume=volume,
                revenue=revenue,
                margin=margin,
                imported_in_id=sales_import_id,
            )
        )
        if len(batch) >= BATCH:
            SalesRecord.objects.bulk_create(batch)
            batch.clear()
    if batch:
        SalesRecord.objects.bulk_create(batch)
    return replaced
