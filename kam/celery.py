"""The Celery app. Tasks live in each app's tasks.py; every periodic schedule is declared
here, in one place, each with a comment saying when it runs."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")

app = Celery("kam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work (Celery beat): the one place every schedule is declared. Run exactly one beat
# process; each job is also safe to run twice (it claims its work or is guarded by a unique row).
app.conf.beat_schedule = {
    # Every 15 minutes: deadlines coming up and overdue, unready annual meetings, plans waiting
    # for a director. Each reminder reaches each person once (see kam.notifications).
    "reminder-scan": {"task": "notifications.scan_reminders", "schedule": crontab(minute="*/15")},
    # Every hour on the hour: the daily digest of those whose local time is now 8 in the morning.
    "daily-digest": {"task": "notifications.send_digests", "schedule": crontab(minute=0)},
    # Every day at 05:30 (company time): briefing packs for annual meetings a week away.
    "annual-meeting-packs": {"task": "meetings.prepare_annual_packs", "schedule": crontab(hour=5, minute=30)},
    # Every 5 minutes: packs queued while the broker was unreachable, or left by a lost worker.
    "pack-sweeper": {"task": "meetings.requeue_stale_packs", "schedule": crontab(minute="*/5")},
    # Every day at 03:00 (company time): rebuild the monthly sales summary the dashboards read,
    # after the night's ERP imports (each import also refreshes its own accounts and months).
    "sales-summary": {"task": "planning.refresh_sales_summary", "schedule": crontab(hour=3, minute=0)},
}


@app.task(name="kam.ping")
def ping() -> str:
    """Answers "pong": lets health checks and tests see a worker consume from the broker."""
    return "pong"
