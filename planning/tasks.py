"""Background work of the planning app (the schedule is in kam/celery.py)."""

from celery import shared_task

from planning.summary import rebuild_sales_summary


@shared_task(name="planning.refresh_sales_summary", soft_time_limit=15 * 60, time_limit=20 * 60)
def refresh_sales_summary() -> int:
    """Nightly: rebuild the monthly sales summary from every sales record, returning the rows
    written. Idempotent: one transaction replaces the whole table, so a second run (or two
    beat processes) leaves the same rows."""
    return rebuild_sales_summary().rows
