"""The jobs measured beside the pages: the search index rebuild, the sales import, the
reminder scan and a briefing pack. Each runs on the benchmark's data and rolls back what it
writes, so every run finds the same state. A feature that adds a job adds a Job to JOBS."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import SearchEntry
from bench.subjects import Subjects
from meetings.models import Commitment


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Subjects], dict]


def _search_index_rebuild(subjects: Subjects) -> dict:
    """`manage.py rebuild_search_index` over the whole dataset, rolled back afterwards."""
    from accounts.search import rebuild_index

    with transaction.atomic():
        started = time.perf_counter()
        written = rebuild_index()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
    return {"seconds": round(seconds, 2), "rows": sum(written.values())}


def _sales_import(subjects: Subjects) -> dict:
    """An ERP export of up to 1,000 accounts × 50 products × the last 20 months (1,000,000 rows
    at full scale, by ERP code) through the import's own apply — parse, validate, COPY,
    merge — as `manage.py import_sales` runs it, rolled back afterwards."""
    import csv
    import tempfile

    from accounts.models import Account
    from planning.imports import run_after_import
    from planning.models import Product
    from planning.services.imports import sales_import_apply

    accounts = Account.objects.exclude(external_code="").order_by("pk")
    codes = list(accounts.values_list("external_code", flat=True)[:1000])
    products = list(Product.objects.order_by("code").values_list("code", flat=True)[:50])
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _ in range(20):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8") as export:
        writer = csv.writer(export)
        writer.writerow(["account", "product_code", "month", "volume", "revenue", "margin"])
        for code in codes:
            for product in products:
                for month_text in months:
                    writer.writerow([code, product, month_text, "12.500", "3125.00", "412.50"])
        export.flush()
        rows = len(codes) * len(products) * len(months)
        with transaction.atomic():
            started = time.perf_counter()
            sales_import = sales_import_apply(by=None, path=Path(export.name), file_name="bench.csv")
            seconds = time.perf_counter() - started
            # What follows the commit (here rolled back): the dashboards' summary refreshed
            # for the accounts and months the file wrote.
            started = time.perf_counter()
            run_after_import(sales_import)
            summary_seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_second": round(rows / seconds) if seconds else None,
        "replaced": sales_import.replaced,
        "summary_refresh_seconds": round(summary_seconds, 2),
    }


def _reminder_scan(subjects: Subjects) -> dict:
    """The reminder scan over the whole dataset (200,000 commitments, the plans' stages, the
    annual meetings and the plans waiting for a decision), as the beat job runs it: the first
    scan, which sends everything due at once, then the next one, which finds it all sent. The
    reminders are rolled back so every run scans the same state."""
    from kam.notifications.scan import run_scan

    with transaction.atomic():
        started = time.perf_counter()
        result = run_scan()
        seconds = time.perf_counter() - started
        # The next scan, 15 minutes later in production: everything due has been reminded, so
        # this is the scan's steady cost.
        started = time.perf_counter()
        again = run_scan()
        steady_seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 2),
        "steady_seconds": round(steady_seconds, 2),
        "commitments": Commitment.objects.count(),
        "due": result.due,
        "new": result.new,
        "new_on_the_next_scan": again.new,
        "skipped": len(result.skipped),
    }


def _pack_render(subjects: Subjects) -> dict:
    """The briefing pack of the dossier account's meeting, as its owner asks for it: the data
    gathered through the pages' selectors, the HTML, the PDF (median of 3); and WeasyPrint
    alone on the same HTML, the floor the pack is measured against."""
    from meetings.packs.content import pack_content
    from meetings.packs.render import html_to_pdf, pack_html

    totals, weasyprint, pages = [], [], 0
    for _ in range(3):
        started = time.perf_counter()
        content = pack_content(user=subjects.users["kam"], meeting_id=subjects.meeting.pk)
        html = pack_html(content)
        _pdf, pages = html_to_pdf(html)
        totals.append(time.perf_counter() - started)
        started = time.perf_counter()
        html_to_pdf(html)
        weasyprint.append(time.perf_counter() - started)
    total, floor = statistics.median(totals), statistics.median(weasyprint)
    return {
        "seconds": round(total, 2),
        "weasyprint_seconds": round(floor, 2),
        "ratio": round(total / floor, 2) if floor else None,
        "pages": pages,
    }


JOBS: list[Job] = [
    Job("search_index_rebuild", _search_index_rebuild),
    Job("sales_import", _sales_import),
    Job("reminder_scan", _reminder_scan),
    Job("pack_render", _pack_render),
]
