"""A real Celery worker consumes from the real Redis broker (runs under CI; skips locally
without REDIS_URL)."""

import os
import subprocess
import sys
import time

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings

pytestmark = pytest.mark.redis


@pytest.fixture
def worker(require_redis, tmp_path):
    """A worker process with the tests' settings: same broker, same database."""
    log_path = tmp_path / "worker.log"
    # DATABASE_URL comes along with the rest of the tests' environment.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kam.settings",
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "kam",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        "celery",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    try:
        yield process, log_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
