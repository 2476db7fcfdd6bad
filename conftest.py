"""Personas and service checks shared by every app's tests.

Tests that need PostgreSQL, Redis or the browser skip locally (with the reason) when those
are not reachable; under CI (CI=true) any skipped test fails the run.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, RegionFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
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
