from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_is_public_and_reports_the_database(client_for):
    response = client_for(None).get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get(reverse("healthz"))["Cache-Control"]


def test_healthz_without_redis_checks_only_the_database(client, settings):
    settings.REDIS_URL = None
    assert "redis" not in client.get(reverse("healthz")).json()


@pytest.mark.redis
def test_healthz_reports_redis_when_configured(client, require_redis):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["redis"] == "ok"


def test_healthz_answers_503_when_the_database_fails(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "error: OperationalError"


def test_healthz_refuses_post_with_405(client):
    assert client.post(reverse("healthz")).status_code == 405
