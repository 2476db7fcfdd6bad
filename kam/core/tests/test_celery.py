"""A real Celery worker consumes from the real Redis broker (runs under CI; skips locally
without REDIS_URL). The `worker` fixture is in the root conftest.py."""

import time

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings

pytestmark = pytest.mark.redis


def test_worker_answers_ping_through_redis(worker):
    from kam.celery import app

    process, log_path = worker
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "with REDIS_URL set, tasks must go through the broker"
    assert app.conf.broker_url == settings.REDIS_URL
    result = app.send_task("kam.ping")
    deadline = time.monotonic() + 60
    answer = None
    while answer is None:
        try:
            answer = result.get(timeout=2)
        except CeleryTimeoutError:
            # A worker that died (bad settings, no broker) fails the test now, not in a minute.
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"no answer from the worker (exit code {process.poll()}):\n{log_path.read_text()}")
    assert answer == "pong"
    assert "kam.ping" in log_path.read_text()
    # Through this session's own queue, which no other test run on the same Redis reads.
    queue = app.amqp.router.route({}, "kam.ping")["queue"].name
    assert queue.startswith("kam-test-")
    assert queue in log_path.read_text()
