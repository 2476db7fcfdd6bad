"""The profile page: name, role, time zone, and the private calendar feed URL."""

import pytest
from django.urls import reverse

from meetings.models import CalendarFeed

pytestmark = pytest.mark.django_db

URL = reverse("users:profile")
RESET = reverse("users:feed_reset")


@pytest.mark.parametrize("persona", ["owner", "director", "department_member", "admin_user"])
def test_everyone_signed_in_sees_their_own_profile(request, client_for, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert user.get_role_display() in body
    assert user.username in body
    assert "Create feed URL" in body


def test_the_navbar_name_links_to_the_profile(client_for, owner):
    body = client_for(owner).get(URL).content.decode()
    assert f'href="{URL}" aria-current="page">Olga Owner</a>' in body


def test_anonymous_is_sent_to_login(client_for):
    assert client_for(None).get(URL).url.startswith("/login/")
    assert client_for(None).post(RESET).url.startswith("/login/")
    assert not CalendarFeed.objects.exists()


def test_wrong_methods_are_405(client_for, owner):
    c = client_for(owner)
    assert c.put(URL).status_code == 405
    assert c.get(RESET).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_choosing_a_time_zone(client_for, owner):
    c = client_for(owner)
    response = c.post(URL, {"time_zone": "Asia/Yekaterinburg"})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.time_zone == "Asia/Yekaterinburg"
    assert c.get(URL).context["form"]["time_zone"].value() == "Asia/Yekaterinburg"


def test_the_empty_choice_is_the_company_default(client_for, owner, settings):
    owner.time_zone = "Asia/Tokyo"
    owner.save()
    c = client_for(owner)
    assert f"Company default ({settings.TIME_ZONE})" in c.get(URL).content.decode()
    c.post(URL, {"time_zone": ""})
    owner.refresh_from_db()
    assert owner.time_zone == ""


def test_an_unknown_zone_is_refused_with_an_error(client_for, owner):
    response = client_for(owner).post(URL, {"time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    assert "Select a valid choice." in response.content.decode()
    owner.refresh_from_db()
    assert owner.time_zone == ""


def test_creating_and_replacing_the_feed_url(client_for, owner):
    c = client_for(owner)
    assert c.post(RESET).status_code == 302
    first = CalendarFeed.objects.get(user=owner).token
    response = c.get(URL)
    assert response.context["feed_url"] == f"http://testserver{reverse('meetings:feed', args=[first])}"
    assert "Replace URL (the old one stops working)" in response.content.decode()
    c.post(RESET)
    second = CalendarFeed.objects.get(user=owner).token
    assert second != first
    assert CalendarFeed.objects.count() == 1
    assert c.get(URL).context["feed_url"].endswith(f"/meetings/calendar/{second}.ics")


def test_one_users_reset_leaves_anothers_feed_alone(client_for, owner, team_member):
    theirs = CalendarFeed.objects.create(user=team_member)
    client_for(owner).post(RESET)
    assert CalendarFeed.objects.get(user=team_member).token == theirs.token
