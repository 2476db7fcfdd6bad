"""With Redis unreachable the web keeps serving: the cache reads as empty, sessions fall back to
the database, and the health check says "degraded" without taking the web out of service."""

import pytest
from django.urls import reverse

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = UNREACHABLE
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_login_and_pages_work_while_redis_is_down(redis_down, client, owner, account):
    owner.set_password("a long password 1")
    owner.save()
    response = client.post(reverse("login"), {"username": owner.username, "password": "a long password 1"})
    assert response.status_code == 302
    response = client.get(reverse("accounts:list"))
    assert response.status_code == 200
    assert account.name in response.content.decode()


@pytest.mark.django_db
def test_health_check_reports_degraded_but_stays_in_service(redis_down, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "error: no answer"}
