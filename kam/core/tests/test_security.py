"""Deployment checks, Content-Security-Policy, login lockout, session lifetime, passwords."""

import os
import re
import secrets
import subprocess
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.tests.factories import BusinessPartnerFactory, ContactFactory, DossierEntryFactory

BASE_DIR = Path(__file__).resolve().parents[3]
SETTINGS_READS = re.compile(r'env_(?:str|bool|int|list)\(\s*"([A-Z][A-Z0-9_]*)"')


# manage.py check --deploy -------------------------------------------------------------------


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """manage.py in a subprocess with only the given settings variables (none inherited)."""
    read = set(SETTINGS_READS.findall((BASE_DIR / "kam" / "settings.py").read_text()))
    clean = {name: value for name, value in os.environ.items() if name not in read and name != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "kam.example.com",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_secret_key_fails_loudly(tmp_path):
    result = run_manage(
        "check",
        env={
            "DJANGO_ENV": "production",
            "ALLOWED_HOSTS": "kam.example.com",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# Content-Security-Policy --------------------------------------------------------------------


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


SKIPPED_LINKS = ("logout", "delete", "export", "/static/", "/media/", "attachments/")


def crawl(client, start: list[str], limit: int) -> dict[str, object]:
    """Every page reachable from `start` by links and redirects (same site, GET only, one
    visit per path whatever its query string), up to `limit` pages."""
    seen: dict[str, object] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        links = []
        if response.status_code in (301, 302, 303, 307, 308):
            links.append(response["Location"])
        elif "text/html" in response.get("Content-Type", ""):
            parser = LinkParser()
            parser.feed(response.content.decode())
            links.extend(parser.links)
        for href in links:
            parts = urlsplit(urljoin(url, href))
            if parts.scheme or parts.netloc or any(part in parts.path for part in SKIPPED_LINKS):
                continue
            if parts.path not in seen and parts.path not in queue:
                queue.append(parts.path)
    return seen


def assert_strict_csp(url: str, response) -> None:
    header = response.get("Content-Security-Policy")
    assert header, f"{url} ({response.status_code}) has no Content-Security-Policy header"
    directives = {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}
    assert "'self'" in directives.get("script-src", []), f"{url}: script-src is not 'self': {header}"
    assert "'unsafe-inline'" not in header, f"{url}: CSP allows inline code: {header}"
    assert "'unsafe-eval'" not in header, f"{url}: CSP allows eval: {header}"


@pytest.mark.django_db
def test_every_html_page_carries_a_strict_csp(client_for, owner, account, department_member, admin_user, director):
    ContactFactory(account=account, first_name="Ирина", last_name="Соколова")
    BusinessPartnerFactory(account=account)
    DossierEntryFactory(account=account)
    pages: dict[str, object] = {}
    pages.update(crawl(client_for(None), [reverse("login"), "/no-such-page/"], limit=5))
    pages.update(crawl(client_for(owner), ["/", f"/search/?q={account.name}", "/accounts/999999/"], limit=60))
    pages.update(crawl(client_for(director), ["/"], limit=20))
    pages.update(crawl(client_for(department_member), ["/"], limit=10))
    pages.update(crawl(client_for(admin_user), [reverse("admin:index")], limit=25))
    html = {url: r for url, r in pages.items() if "text/html" in r.get("Content-Type", "")}
    assert any(r.status_code == 200 for r in html.values())
    assert len(html) >= 5, sorted(html)
    for url, response in html.items():
        assert_strict_csp(url, response)


def template_files() -> list[Path]:
    roots = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates"), *BASE_DIR.glob("*/*/templates")]
    return sorted(
        path
        for root in roots
        if ".venv" not in root.parts and "node_modules" not in root.parts
        for path in root.rglob("*.html")
    )


INLINE_CODE = [
    ("inline <script> with content", re.compile(r"<script\b[^>]*>(?!\s*</script)", re.IGNORECASE)),
    ("<style> element", re.compile(r"<style\b", re.IGNORECASE)),
    ("style= attribute", re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.IGNORECASE)),
    ("inline event handler", re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE)),
    ("javascript: URL", re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)),
]


def test_templates_have_no_inline_script_or_style():
    files = template_files()
    assert files, "no templates found"
    offenders = []
    for path in files:
        text = path.read_text()
        for what, pattern in INLINE_CODE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(BASE_DIR)}:{line}: {what}")
    assert not offenders, "The CSP blocks inline code; move it to static/:\n" + "\n".join(offenders)


# django-axes --------------------------------------------------------------------------------

PASSWORD = "correct horse battery"  # the factories' password


def log_in(client, username: str, password: str, address: str):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_failed_logins_lock_that_username_from_that_address_only(client, settings, owner, other_kam):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, owner.username, "wrong password", "10.0.0.1")

    locked = log_in(client, owner.username, PASSWORD, "10.0.0.1")
    assert locked.status_code == 429
    assert not is_logged_in(client)
    assert "Too many failed logins" in locked.content.decode()
    assert_strict_csp("lockout page", locked)

    # Another user behind the same address (one office, one proxy) still logs in.
    response = log_in(client, other_kam.username, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert is_logged_in(client)

    # The same user from elsewhere still logs in.
    response = log_in(client, owner.username, PASSWORD, "10.0.0.2")
    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_do_not_lock(client, settings, owner):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, owner.username, "wrong password", "10.0.0.3").status_code == 200
    assert log_in(client, owner.username, PASSWORD, "10.0.0.3").status_code == 302


# Session lifetime ---------------------------------------------------------------------------

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def expired(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_idle_session_ends_and_sends_to_login(client_for, owner, settings):
    url = reverse("accounts:list")
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(owner)
        assert client.get(url).status_code == 200
        traveller.shift(settings.KAM_SESSION_IDLE_SECONDS - 60)
        assert client.get(url).status_code == 200
        traveller.shift(settings.KAM_SESSION_IDLE_SECONDS + 1)
        response = client.get(url)
        assert expired(response)
        assert not is_logged_in(client)
        assert "session has expired" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_session_ends_after_its_absolute_lifetime_despite_activity(client_for, owner, settings):
    url = reverse("accounts:list")
    step = settings.KAM_SESSION_IDLE_SECONDS // 2
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(owner)
        assert client.get(url).status_code == 200
        elapsed = 0
        while elapsed + step <= settings.KAM_SESSION_MAX_SECONDS:
            traveller.shift(step)
            elapsed += step
            assert client.get(url).status_code == 200, f"logged out after {elapsed} s of activity"
        traveller.shift(settings.KAM_SESSION_MAX_SECONDS - elapsed + 1)
        assert expired(client.get(url))
        assert not is_logged_in(client)


# Passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["demo", "demo1234", "1234567890", "qwertyuiop", "password123"])
def test_weak_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_password_like_the_username_is_rejected(owner):
    with pytest.raises(ValidationError):
        validate_password(owner.email, user=owner)


def test_a_long_passphrase_is_accepted():
    validate_password("correct horse battery staple")
