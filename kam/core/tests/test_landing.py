"""Where each role lands on "/" (DESIGN §3): account managers and administrators on my day,
directors on their dashboard, department members on their commitments queue."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["owner", "team_member", "other_kam", "admin_user"])
def test_account_managers_and_administrators_land_on_my_day(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "meetings/my_day.html"


@pytest.mark.parametrize("persona", ["director", "other_director"])
def test_director_lands_on_the_dashboard(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert response.status_code == 302
    assert response.url.endswith("/dashboard/")
    assert response.url == reverse("analysis:dashboard")


def test_director_still_has_my_day(client_for, director):
    response = client_for(director).get(reverse("meetings:my_day"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "meetings/my_day.html"


def test_department_member_lands_on_the_queue(client_for, department_member):
    response = client_for(department_member).get("/")
    assert response.status_code == 302
    assert response.url == reverse("meetings:commitments")


def test_anonymous_is_sent_to_log_in(client_for):
    response = client_for(None).get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logging_in_as_a_director_ends_on_the_dashboard(client, director):
    director.set_password("s3cret-pass")
    director.save()
    response = client.post(reverse("login"), {"username": director.username, "password": "s3cret-pass"})
    assert response.url == reverse("home")
    assert client.get(response.url).url == reverse("analysis:dashboard")
