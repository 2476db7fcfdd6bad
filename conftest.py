"""Personas and service checks shared by every app's tests.

Tests that need PostgreSQL, Redis or the browser skip locally (with the reason) when those
are not reachable; under CI (CI=true) any skipped test fails the run.
"""

import os
import shutil
import socket
import subprocess
import sys
import uuid
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.db import connection

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, RegionFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# Each test session (each xdist process too) sends its tasks to a queue of its own, read only
# by its own workers: two runs on one Redis would otherwise take, or purge, each other's.
TASK_QUEUE = f"kam-test-{uuid.uuid4().hex[:12]}"
CHROMIUM = os.environ.get("KAM_CHROMIUM", "/usr/bin/chromium")


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped:
        reporter.write_line(f"CI: {skipped} test(s) skipped; under CI every service must be reachable.", red=True)
        session.exitstatus = 1


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres():
    if not settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.fixture
def require_redis():
    if not settings.REDIS_URL or not _reachable(settings.REDIS_URL, 6379):
        pytest.skip("needs Redis: set REDIS_URL=redis://… to a running server")


@pytest.fixture
def tasks_run_here():
    """Queued tasks run at once in the test's own process, even with a broker configured (CI
    sets REDIS_URL): for tests that follow work through its task. Tests of the real path run a
    `worker`."""
    from kam.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(scope="session", autouse=True)
def _own_task_queue():
    from kam.celery import app

    app.conf.task_default_queue = TASK_QUEUE
    yield


@pytest.fixture
def worker(require_redis, tmp_path, settings):
    """A Celery worker process with the tests' settings: the same broker, the same (test)
    database and the same media folder, so it sees the rows a `transaction=True` test commits
    and writes files the test can read. Yields (process, log path)."""
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kam.settings",
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": TASK_QUEUE,
        "PYTHONUNBUFFERED": "1",
    }
    database = connection.settings_dict
    if database["ENGINE"].endswith("postgresql"):
        # The test database pytest-django made (once a test used the database), not the one
        # DATABASE_URL names.
        user = quote(database.get("USER") or "postgres")
        password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
        host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
        env["DATABASE_URL"] = f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"
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
        TASK_QUEUE,
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    # Tasks earlier tests of this session left on its queue (their rows long rolled back) are
    # dropped first, so the worker starts on this test's work only.
    from kam.celery import app

    app.control.purge()
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


@pytest.fixture(scope="session")
def chromium_path():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _test_settings(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing with production strength costs a third of a second per user created.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Personas -------------------------------------------------------------------------------


@pytest.fixture
def region(db):
    return RegionFactory(name="North", code="north")


@pytest.fixture
def other_region(db):
    return RegionFactory(name="South", code="south")


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", first_name="Olga", last_name="Owner", role=Role.KAM)


@pytest.fixture
def team_member(db):
    return UserFactory(username="teammate", first_name="Timur", last_name="Team", role=Role.KAM)


@pytest.fixture
def other_kam(db):
    return UserFactory(username="otherkam", first_name="Oleg", last_name="Other", role=Role.KAM)


@pytest.fixture
def director(db, region):
    return UserFactory(username="director", role=Role.DIRECTOR, regions=[region])


@pytest.fixture
def other_director(db, other_region):
    return UserFactory(username="director2", role=Role.DIRECTOR, regions=[other_region])


@pytest.fixture
def department_member(db):
    logistics = DepartmentFactory(name="Logistics", slug="logistics")
    return UserFactory(username="logistics", role=Role.DEPARTMENT, department=logistics)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def account(db, owner, team_member, region):
    return AccountFactory(name="Северсталь Логистик", owner=owner, team=[team_member], region=region)


@pytest.fixture
def client_for(client):
    """A test client logged in as the given persona (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
