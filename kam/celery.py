"""The Celery app. Tasks live in each app's tasks.py; every periodic schedule is declared
here, in one place, each with a comment saying when it runs."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")

app = Celery("kam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work (Celery beat). Reminders and summaries join this table as they land.
app.conf.beat_schedule = {}


@app.task(name="kam.ping")
def ping() -> str:
    """Answers "pong": lets health checks and tests see a worker consume from the broker."""
    return "pong"
