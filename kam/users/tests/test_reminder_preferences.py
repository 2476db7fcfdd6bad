"""The profile's reminder section: lead time (0–30 days) and e-mail mode."""

import pytest
from django.urls import reverse

from kam.users.models import EmailMode

pytestmark = pytest.mark.django_db

URL = reverse("users:reminders")
PROFILE = reverse("users:profile")


def test_the_profile_shows_the_reminder_settings(client_for, owner):
    html = client_for(owner).get(PROFILE).content.decode()
    assert "Your reminders" in html
    assert f'action="{URL}"' in html
    assert "One daily digest at 8:00" in html


@pytest.mark.parametrize("persona", ["owner", "director", "department_member"])
def test_each_user_chooses_their_own(request, client_for, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(URL, {"reminder_lead_days": "7", "email_mode": EmailMode.DIGEST})
    assert response.status_code == 302 and response.url == PROFILE
    user.refresh_from_db()
    assert (user.reminder_lead_days, user.email_mode) == (7, EmailMode.DIGEST)


def test_the_defaults_are_three_days_and_an_email_each(owner):
    assert (owner.reminder_lead_days, owner.email_mode) == (3, EmailMode.EACH)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"reminder_lead_days": "31", "email_mode": "each"}, "less than or equal to 30"),
        ({"reminder_lead_days": "-1", "email_mode": "each"}, "greater than or equal to 0"),
        ({"reminder_lead_days": "", "email_mode": "each"}, "This field is required"),
        ({"reminder_lead_days": "3", "email_mode": "carrier pigeon"}, "Select a valid choice"),
    ],
)
def test_errors_are_shown_and_nothing_changes(client_for, owner, data, error):
    response = client_for(owner).post(URL, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    owner.refresh_from_db()
    assert (owner.reminder_lead_days, owner.email_mode) == (3, EmailMode.EACH)


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).post(URL, {"reminder_lead_days": "7", "email_mode": "none"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_get_is_not_allowed(client_for, owner):
    assert client_for(owner).get(URL).status_code == 405
