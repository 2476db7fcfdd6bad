"""Requesting, claiming, finishing and sweeping briefing packs: each pack is made once,
whatever the retries, redeliveries, dead workers, broker outages and repeated beat runs."""

import datetime
import logging
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerDown

from kam.notifications.models import Reminder
from meetings import tasks
from meetings.models import BriefingPack, Meeting
from meetings.packs import services
from meetings.packs.render import RenderedPack
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

Status = BriefingPack.Status
FAKE_PDF = b"%PDF-1.7 a stand-in pack"


@pytest.fixture
def fast_render(monkeypatch):
    """The renderer replaced by a stand-in: these tests are about the pack's life, not its
    pages (test_packs_render.py reads real ones)."""
    calls = []

    def render(content):
        calls.append(content.meeting.pk)
        return RenderedPack(pdf=FAKE_PDF, pages=7, html_seconds=0.1, pdf_seconds=0.2)

    monkeypatch.setattr(services, "render_pack", render)
    return calls


@pytest.fixture
def meeting(account, owner):
    return MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, title="Годовая встреча", attendees=[owner])


def ago(**kwargs) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**kwargs)


# Requesting -------------------------------------------------------------------------------


def test_a_request_queues_a_pack_then_renders_it_after_commit(
    django_capture_on_commit_callbacks, tasks_run_here, fast_render, meeting, owner
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pack = services.pack_request(by=owner, meeting=meeting)
        assert pack.status == Status.QUEUED
    assert len(callbacks) == 1
    pack.refresh_from_db()
    assert pack.status == Status.READY
    assert pack.requested_by == owner and not pack.automatic
    assert (pack.pages, pack.size, pack.attempts) == (7, len(FAKE_PDF), 1)
    assert pack.render_seconds is not None and pack.finished_at is not None
    assert pack.file.name.startswith(f"packs/{timezone.now():%Y/%m}/")
    assert pack.file.name.endswith(".pdf") and "Годовая_встреча" in pack.file.name
    with pack.file.open("rb") as handle:
        assert handle.read() == FAKE_PDF


def test_a_second_request_while_one_is_in_progress_returns_that_one(
    django_capture_on_commit_callbacks, meeting, owner, director
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.pack_request(by=owner, meeting=meeting)
        again = services.pack_request(by=director, meeting=meeting)
    assert again.pk == first.pk
    assert len(callbacks) == 1
    assert BriefingPack.objects.count() == 1


def test_the_database_allows_one_pack_in_progress_per_meeting(meeting, owner):
    from django.db import IntegrityError, transaction

    BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        BriefingPack.objects.create(meeting=meeting, requested_by=owner, status=Status.RENDERING)
    BriefingPack.objects.create(meeting=meeting, requested_by=owner, status=Status.READY)


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_meeting_cannot_request_a_pack(request, meeting, persona):
    with pytest.raises(Http404):
        services.pack_request(by=request.getfixturevalue(persona), meeting=meeting)
    assert not BriefingPack.objects.exists()


def test_a_broker_outage_leaves_the_pack_queued_and_logs_it(django_capture_on_commit_callbacks, caplog, meeting, owner):
    down = mock.patch.object(tasks.render_briefing_pack, "apply_async", side_effect=BrokerDown("connection refused"))
    with down, caplog.at_level(logging.WARNING, logger="kam.tasks"), django_capture_on_commit_callbacks(execute=True):
        pack = services.pack_request(by=owner, meeting=meeting)
    pack.refresh_from_db()
    assert pack.status == Status.QUEUED
    assert "broker unreachable" in caplog.text and "meetings.render_briefing_pack" in caplog.text


def test_retry_makes_a_new_pack_and_keeps_the_failed_one(fast_render, meeting, owner):
    failed = BriefingPack.objects.create(meeting=meeting, requested_by=owner, status=Status.FAILED, error="boom")
    pack = services.pack_retry(by=owner, pack=failed)
    assert pack.pk != failed.pk and pack.status == Status.QUEUED
    failed.refresh_from_db()
    assert failed.status == Status.FAILED and failed.error == "boom"


def test_only_a_failed_pack_is_retried(meeting, owner):
    ready = BriefingPack.objects.create(meeting=meeting, requested_by=owner, status=Status.READY)
    with pytest.raises(ValidationError):
        services.pack_retry(by=owner, pack=ready)


# Claiming and finishing -------------------------------------------------------------------


def test_a_second_run_on_a_ready_pack_does_nothing(fast_render, meeting, owner):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    assert tasks.render_briefing_pack.apply(args=[pack.pk]).get() is True
    pack.refresh_from_db()
    name, finished = pack.file.name, pack.finished_at
    assert tasks.render_briefing_pack.apply(args=[pack.pk]).get() is False
    pack.refresh_from_db()
    assert (pack.status, pack.file.name, pack.finished_at, pack.attempts) == (Status.READY, name, finished, 1)
    assert len(fast_render) == 1


def test_a_pack_rendering_under_another_claim_is_left_alone(fast_render, meeting, owner):
    pack = BriefingPack.objects.create(
        meeting=meeting, requested_by=owner, status=Status.RENDERING, claim="other-run", started_at=ago(seconds=30)
    )
    assert services.pack_render(pack_id=pack.pk, claim="this-run") is False
    pack.refresh_from_db()
    assert pack.status == Status.RENDERING and pack.claim == "other-run"
    assert fast_render == []


def test_a_stale_rendering_pack_is_claimed_again_and_finished_once(fast_render, meeting, owner):
    pack = BriefingPack.objects.create(
        meeting=meeting,
        requested_by=owner,
        status=Status.RENDERING,
        claim="dead-worker",
        started_at=ago(seconds=services.TIME_LIMIT + 5),
        attempts=1,
    )
    assert services.pack_render(pack_id=pack.pk, claim="new-run") is True
    pack.refresh_from_db()
    assert pack.status == Status.READY and pack.claim == "new-run" and pack.attempts == 2


def test_the_same_run_redelivered_takes_its_pack_back_at_once(fast_render, meeting, owner):
    pack = BriefingPack.objects.create(
        meeting=meeting, requested_by=owner, status=Status.RENDERING, claim="run-1", started_at=ago(seconds=3)
    )
    assert services.pack_render(pack_id=pack.pk, claim="run-1") is True
    pack.refresh_from_db()
    assert pack.status == Status.READY


def test_a_run_that_lost_its_pack_meanwhile_removes_the_file_it_wrote(monkeypatch, meeting, owner):
    """Another run finished the pack while this one rendered: this run's file is deleted and
    the pack keeps pointing at the other's."""
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)

    def render_slowly(content):
        BriefingPack.objects.filter(pk=pack.pk).update(status=Status.READY, file="packs/other.pdf", claim="other")
        return RenderedPack(pdf=FAKE_PDF, pages=1, html_seconds=0, pdf_seconds=0)

    monkeypatch.setattr(services, "render_pack", render_slowly)
    assert services.pack_render(pack_id=pack.pk, claim="mine") is False
    pack.refresh_from_db()
    assert pack.file.name == "packs/other.pdf"
    folder = f"packs/{timezone.now():%Y/%m}"
    assert not default_storage.exists(folder) or default_storage.listdir(folder)[1] == []


def test_a_worker_killed_before_finishing_leaves_no_pack_pointing_at_a_file(monkeypatch, meeting, owner):
    """The file is saved before the row names it: dying in between leaves a stray file, never
    a ready pack without its file."""
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    monkeypatch.setattr(
        services, "render_pack", lambda content: RenderedPack(pdf=FAKE_PDF, pages=1, html_seconds=0, pdf_seconds=0)
    )

    class WorkerKilled(BaseException):
        pass

    with mock.patch.object(BriefingPack.objects, "filter", wraps=BriefingPack.objects.filter) as rows:
        real_filter = rows._mock_wraps

        def filter_then_die(*args, **kwargs):
            if kwargs.get("status") == Status.RENDERING and "claim" in kwargs:
                raise WorkerKilled
            return real_filter(*args, **kwargs)

        rows.side_effect = filter_then_die
        with pytest.raises(WorkerKilled):
            services.pack_render(pack_id=pack.pk, claim="doomed")
    pack.refresh_from_db()
    assert pack.status == Status.RENDERING and not pack.file
    # The redelivered run (same claim) finishes it, once.
    assert services.pack_render(pack_id=pack.pk, claim="doomed") is True
    pack.refresh_from_db()
    assert pack.status == Status.READY and pack.file


def test_a_rendering_error_fails_the_pack_with_its_reason(monkeypatch, meeting, owner):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)

    def broken(content):
        raise ValueError("the chart has no data")

    monkeypatch.setattr(services, "render_pack", broken)
    assert tasks.render_briefing_pack.apply(args=[pack.pk]).get() is False
    pack.refresh_from_db()
    assert pack.status == Status.FAILED
    assert "the chart has no data" in pack.error
    assert not pack.file


def test_running_out_of_time_fails_the_pack_saying_so(monkeypatch, meeting, owner):
    from celery.exceptions import SoftTimeLimitExceeded

    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)

    def endless(content):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(services, "render_pack", endless)
    assert tasks.render_briefing_pack.apply(args=[pack.pk]).get() is False
    pack.refresh_from_db()
    assert pack.status == Status.FAILED
    assert f"longer than {services.SOFT_TIME_LIMIT} seconds" in pack.error


def test_the_pack_is_made_in_the_language_it_was_asked_in(monkeypatch, meeting, owner):
    seen = []

    def render(content):
        seen.append((translation.get_language(), str(Meeting.Kind.ANNUAL.label)))
        return RenderedPack(pdf=FAKE_PDF, pages=1, html_seconds=0, pdf_seconds=0)

    monkeypatch.setattr(services, "render_pack", render)
    with translation.override("ru"):
        pack = services.pack_request(by=owner, meeting=meeting)
    assert pack.language == "ru"
    services.pack_render(pack_id=pack.pk, claim="run")
    assert seen == [("ru", "Годовая")]


def test_a_requester_who_lost_access_gets_a_failed_pack_saying_why(fast_render, meeting, other_kam):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=other_kam)
    assert services.pack_render(pack_id=pack.pk, claim="run") is False
    pack.refresh_from_db()
    assert pack.status == Status.FAILED and "may no longer see this meeting" in pack.error
    assert fast_render == []


def test_the_render_task_has_time_limits_and_retries_database_errors():
    from django.db import OperationalError

    task = tasks.render_briefing_pack
    assert task.soft_time_limit == services.SOFT_TIME_LIMIT < task.time_limit == services.TIME_LIMIT
    assert OperationalError in task.autoretry_for
    assert task.retry_backoff and task.max_retries


# The sweeper ------------------------------------------------------------------------------


@pytest.fixture
def queued_tasks(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.render_briefing_pack, "apply_async", lambda args, kwargs: sent.append(args[0]))
    return sent


def test_the_sweeper_requeues_packs_left_queued_or_left_by_a_dead_worker(queued_tasks, account, owner):
    meetings = MeetingFactory.create_batch(5, account=account)
    fresh = BriefingPack.objects.create(meeting=meetings[0], requested_by=owner)
    old = BriefingPack.objects.create(meeting=meetings[1], requested_by=owner)
    working = BriefingPack.objects.create(
        meeting=meetings[2], requested_by=owner, status=Status.RENDERING, started_at=ago(seconds=20), attempts=1
    )
    dead = BriefingPack.objects.create(
        meeting=meetings[3], requested_by=owner, status=Status.RENDERING, started_at=ago(minutes=10), attempts=1
    )
    hopeless = BriefingPack.objects.create(
        meeting=meetings[4],
        requested_by=owner,
        status=Status.RENDERING,
        started_at=ago(minutes=10),
        attempts=services.MAX_ATTEMPTS,
    )
    BriefingPack.objects.filter(pk__in=[old.pk, working.pk, dead.pk, hopeless.pk]).update(created_at=ago(minutes=20))

    result = services.packs_requeue_stale()

    assert sorted(queued_tasks) == sorted([old.pk, dead.pk])
    assert result == {"stale": 2, "queued": 2, "failed": 1}
    hopeless.refresh_from_db()
    assert hopeless.status == Status.FAILED and "3 attempts" in hopeless.error
    for pack in (fresh, working):
        pack.refresh_from_db()
        assert pack.in_progress


def test_the_sweeper_with_the_broker_still_down_keeps_the_packs_for_next_time(account, owner, caplog):
    pack = BriefingPack.objects.create(meeting=MeetingFactory(account=account), requested_by=owner)
    BriefingPack.objects.filter(pk=pack.pk).update(created_at=ago(minutes=6))
    with mock.patch.object(tasks.render_briefing_pack, "apply_async", side_effect=BrokerDown("down")):
        assert tasks.requeue_stale_packs.apply().get() == {"stale": 1, "queued": 0, "failed": 0}
    pack.refresh_from_db()
    assert pack.status == Status.QUEUED


# The annual job ---------------------------------------------------------------------------


def test_annual_meetings_a_week_away_get_one_automatic_pack(
    django_capture_on_commit_callbacks, tasks_run_here, fast_render, account, owner, team_member
):
    soon = MeetingFactory(
        account=account, kind=Meeting.Kind.ANNUAL, starts_at=timezone.now() + datetime.timedelta(days=6, hours=20)
    )
    soon.created_by = team_member
    soon.save()
    later = MeetingFactory(
        account=account, kind=Meeting.Kind.ANNUAL, starts_at=timezone.now() + datetime.timedelta(days=8)
    )
    regular = MeetingFactory(account=account, kind=Meeting.Kind.REGULAR)
    cancelled = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, status=Meeting.Status.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.prepare_annual_packs.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.prepare_annual_packs.apply().get() == 0  # once per meeting

    pack = BriefingPack.objects.get()
    assert pack.meeting == soon and pack.automatic and pack.requested_by == team_member
    assert pack.status == Status.READY
    for meeting in (later, regular, cancelled):
        assert not meeting.packs.exists()
    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.kind, reminder.object_id) == (team_member, "pack_ready", pack.pk)
    assert reminder.occasion == timezone.localtime(soon.starts_at).date()


def test_a_user_pack_already_in_progress_is_left_to_finish(queued_tasks, account, owner):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL)
    BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    assert services.packs_prepare_annual() == []
    assert BriefingPack.objects.count() == 1


def test_a_pack_asked_for_by_hand_sends_no_reminder(fast_render, meeting, owner):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    services.pack_render(pack_id=pack.pk, claim="run")
    assert not Reminder.objects.exists()
