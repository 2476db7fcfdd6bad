"""kam/settings.py read under a given environment: each test loads a fresh copy of the module
with only the variables it names, so the running test settings are not touched."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Engine

BASE_DIR = Path(settings.BASE_DIR)
SETTINGS_FILE = BASE_DIR / "kam" / "settings.py"
READS = re.compile(r'env_(?:str|bool|int|list)\(\s*"([A-Z][A-Z0-9_]*)"')
# Read by docker-compose.yml (and gunicorn), not by Django.
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "WEB_CONCURRENCY", "CELERY_CONCURRENCY", "KAM_HTTP_PORT"}
A_KEY = "k" * 50


def variables_read_by_settings() -> set[str]:
    return set(READS.findall(SETTINGS_FILE.read_text()))


def load_settings(monkeypatch, **env: str):
    for name in variables_read_by_settings():
        monkeypatch.delenv(name, raising=False)
    # A key of our own, so loading never writes .secret_key into the checkout.
    monkeypatch.setenv("SECRET_KEY", A_KEY)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("kam_settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settings_reads_the_environment_through_its_helpers():
    assert {"DJANGO_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= variables_read_by_settings()


def test_database_url_selects_postgresql(monkeypatch):
    module = load_settings(monkeypatch, DATABASE_URL="postgres://kam:s3cret@db.internal:5433/kam_prod")
    database = module.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("kam_prod", "kam", "s3cret")
    assert (database["HOST"], database["PORT"]) == ("db.internal", 5433)
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert module.IS_POSTGRES is True


def test_connection_age_comes_from_the_environment(monkeypatch):
    module = load_settings(monkeypatch, DATABASE_URL="postgres://kam@db/kam", DB_CONN_MAX_AGE="0")
    assert module.DATABASES["default"]["CONN_MAX_AGE"] == 0


def test_without_database_url_the_embedded_sqlite_is_used(monkeypatch):
    module = load_settings(monkeypatch)
    database = module.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == BASE_DIR / "db.sqlite3"
    assert module.IS_POSTGRES is False


def test_without_redis_tasks_run_eagerly_in_process(monkeypatch):
    module = load_settings(monkeypatch)
    assert module.REDIS_URL is None
    assert module.CELERY_TASK_ALWAYS_EAGER is True
    assert module.CELERY_BROKER_URL == "memory://"
    assert module.CELERY_RESULT_BACKEND is None
    assert module.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_with_redis_tasks_go_through_the_broker(monkeypatch):
    module = load_settings(monkeypatch, REDIS_URL="redis://cache.internal:6379/2")
    assert module.CELERY_TASK_ALWAYS_EAGER is False
    assert module.CELERY_BROKER_URL == module.CELERY_RESULT_BACKEND == "redis://cache.internal:6379/2"
    assert module.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert module.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/2"


def test_development_defaults(monkeypatch):
    module = load_settings(monkeypatch)
    assert module.DEBUG is True
    assert "localhost" in module.ALLOWED_HOSTS
    assert module.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend")


def test_production_turns_on_every_safety(monkeypatch):
    module = load_settings(monkeypatch, DJANGO_ENV="production", ALLOWED_HOSTS="kam.example.com, www.kam.example.com")
    assert module.DEBUG is False
    assert module.ALLOWED_HOSTS == ["kam.example.com", "www.kam.example.com"]
    assert module.SECURE_SSL_REDIRECT is True
    assert module.SESSION_COOKIE_SECURE is True
    assert module.CSRF_COOKIE_SECURE is True
    assert module.SECURE_HSTS_SECONDS >= 31536000
    assert module.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert module.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert module.MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_compiles_each_template_once_per_process(monkeypatch):
    """Without a cached loader every page would read and parse base.html and each of its
    includes again: Django caches them as long as TEMPLATES does not name loaders of its own."""
    module = load_settings(monkeypatch, DJANGO_ENV="production", ALLOWED_HOSTS="kam.example.com")
    backend = module.TEMPLATES[0]
    engine = Engine(dirs=backend["DIRS"], app_dirs=backend["APP_DIRS"], debug=module.DEBUG, **backend["OPTIONS"])
    assert engine.loaders[0][0] == "django.template.loaders.cached.Loader"


def test_production_without_secret_key_fails(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, DJANGO_ENV="production", ALLOWED_HOSTS="kam.example.com", SECRET_KEY=None)


def test_production_without_allowed_hosts_fails(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_settings(monkeypatch, DJANGO_ENV="production")


def test_session_and_lockout_limits_come_from_the_environment(monkeypatch):
    module = load_settings(
        monkeypatch, KAM_SESSION_IDLE_MINUTES="15", KAM_SESSION_MAX_HOURS="8", AXES_FAILURE_LIMIT="3"
    )
    assert module.KAM_SESSION_IDLE_SECONDS == 15 * 60
    assert module.KAM_SESSION_MAX_SECONDS == module.SESSION_COOKIE_AGE == 8 * 3600
    assert module.AXES_FAILURE_LIMIT == 3


def env_example_names() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def test_env_example_lists_every_variable_settings_reads():
    missing = variables_read_by_settings() - env_example_names()
    assert not missing, f".env.example does not list: {sorted(missing)}"


def test_env_example_lists_nothing_stale():
    unknown = env_example_names() - variables_read_by_settings() - COMPOSE_ONLY
    assert not unknown, f".env.example lists variables nobody reads: {sorted(unknown)}"


def test_compose_passes_only_variables_that_are_read():
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    for name in ("DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"):
        assert re.search(rf"^\s+{name}:", compose, re.MULTILINE), f"docker-compose.yml does not set {name}"
    assert re.search(r"^\s+DJANGO_ENV: production$", compose, re.MULTILINE)
    postgres_own = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}
    keys = set(re.findall(r"^\s{4,}([A-Z][A-Z0-9_]*):", compose, re.MULTILINE))
    unknown = keys - variables_read_by_settings() - COMPOSE_ONLY - postgres_own
    assert not unknown, f"docker-compose.yml sets variables nobody reads: {sorted(unknown)}"
    for name in COMPOSE_ONLY:
        assert "${" + name in compose, f"{name} is documented in .env.example but docker-compose.yml ignores it"
