"""A real Celery worker, consuming from Redis, makes the pack a user asked for (runs under CI;
skips locally without REDIS_URL and PostgreSQL — and under CI a skip fails the run)."""

import io
import time

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import BriefingPack
from meetings.tests.packs_data import AGENDA_GOAL, briefed_meeting

pytestmark = pytest.mark.redis


@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_requested_pack_ready(require_postgres, worker, client_for, account, owner):
    process, log_path = worker
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "with REDIS_URL set, tasks must go through the broker"
    meeting = briefed_meeting(account, owner, contacts=3, topics=2, targets=1, commitments=1)

    response = client_for(owner).post(reverse("meetings:packs", args=[meeting.pk]), {"from": "meeting"})
    assert response.status_code == 302

    pack = BriefingPack.objects.get(meeting=meeting)
    deadline = time.monotonic() + 120
    while pack.in_progress:
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"pack still {pack.status} (worker exit code {process.poll()}):\n{log_path.read_text()}")
        time.sleep(0.5)
        pack.refresh_from_db()

    assert pack.status == BriefingPack.Status.READY, pack.error
    assert pack.attempts == 1 and pack.pages >= 5
    with pack.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Северсталь Логистик" in text and AGENDA_GOAL in " ".join(text.split())
    assert "meetings.render_briefing_pack" in log_path.read_text()
