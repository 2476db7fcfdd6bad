"""Competitors at the account: editors add and remove them on the Sales tab, in place with
htmx or with a full page; readers see them; everyone else gets 404."""

import pytest
from django.urls import reverse

from planning.models import CompetitorPresence
from planning.services.competitors import competitor_presence_add
from planning.tests.factories import CompetitorFactory, ProductGroupFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def rival(db):
    return CompetitorFactory(name="Rival Steel")


@pytest.fixture
def steel(db):
    return ProductGroupFactory(name="Steel", code="steel")


@pytest.fixture
def presence(account, rival, steel):
    return CompetitorPresence.objects.create(account=account, competitor=rival, group=steel, notes="Cheaper by 5 %")


def add_url(account):
    return reverse("planning:competitor_add", args=[account.pk])


def remove_url(presence):
    return reverse("planning:competitor_remove", args=[presence.pk])


# Adding --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user"])
def test_editors_add_a_competitor_in_a_group(request, client_for, account, rival, steel, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(add_url(account), {"competitor": rival.pk, "group": steel.pk, "notes": "Tenders"})
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("planning:sales", args=[account.pk]) + "#competitors")
    presence = CompetitorPresence.objects.get(account=account)
    assert (presence.competitor, presence.group, presence.notes, presence.recorded_by) == (
        rival,
        steel,
        "Tenders",
        user,
    )


def test_an_empty_group_means_in_general(client_for, owner, account, rival):
    client_for(owner).post(add_url(account), {"competitor": rival.pk, "group": "", "notes": ""})
    assert CompetitorPresence.objects.get(account=account).group is None


def test_htmx_add_returns_the_redrawn_section(client_for, owner, account, rival, steel):
    response = client_for(owner).post(add_url(account), {"competitor": rival.pk, "group": steel.pk}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="competitors">')
    assert "<html" not in html
    assert "Rival Steel" in html


def test_missing_competitor_is_a_form_error(client_for, owner, account, steel):
    response = client_for(owner).post(add_url(account), {"competitor": "", "group": steel.pk})
    assert response.status_code == 200
    assert response.context["competitor_form"].errors["competitor"]
    assert not CompetitorPresence.objects.exists()


def test_the_same_competitor_twice_in_a_group_is_refused(client_for, owner, account, presence, rival, steel):
    response = client_for(owner).post(add_url(account), {"competitor": rival.pk, "group": steel.pk}, headers=HTMX)
    assert response.status_code == 200
    assert "already recorded at this client in Steel" in response.content.decode()
    assert CompetitorPresence.objects.count() == 1


def test_the_same_competitor_twice_in_general_is_refused(owner, account, rival):
    from django.core.exceptions import ValidationError

    competitor_presence_add(by=owner, account=account, competitor=rival, group=None)
    with pytest.raises(ValidationError):
        competitor_presence_add(by=owner, account=account, competitor=rival, group=None)
    assert CompetitorPresence.objects.count() == 1


def test_director_may_not_add(client_for, director, account, rival):
    assert client_for(director).post(add_url(account), {"competitor": rival.pk}).status_code == 403
    assert not CompetitorPresence.objects.exists()


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404_on_add(request, client_for, account, rival, persona):
    response = client_for(request.getfixturevalue(persona)).post(add_url(account), {"competitor": rival.pk})
    assert response.status_code == 404
    assert not CompetitorPresence.objects.exists()


def test_anonymous_add_is_sent_to_login(client_for, account, rival):
    response = client_for(None).post(add_url(account), {"competitor": rival.pk})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_get_on_add_is_405(client_for, owner, account):
    assert client_for(owner).get(add_url(account)).status_code == 405


# Reading and removing ------------------------------------------------------------------


def test_director_reads_the_competitors_without_the_form(client_for, director, account, presence):
    html = client_for(director).get(reverse("planning:sales", args=[account.pk])).content.decode()
    assert "Rival Steel" in html and "Cheaper by 5 %" in html
    assert add_url(account) not in html
    assert remove_url(presence) not in html


def test_owner_sees_the_form_and_the_remove_button(client_for, owner, account, presence):
    html = client_for(owner).get(reverse("planning:sales", args=[account.pk])).content.decode()
    assert add_url(account) in html
    assert remove_url(presence) in html


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_editors_remove_a_competitor(request, client_for, account, presence, persona):
    response = client_for(request.getfixturevalue(persona)).post(remove_url(presence))
    assert response.status_code == 302
    assert not CompetitorPresence.objects.exists()


def test_htmx_remove_returns_the_redrawn_section(client_for, owner, account, presence):
    response = client_for(owner).post(remove_url(presence), headers=HTMX)
    assert response.status_code == 200
    assert "No competitors recorded at this client yet." in response.content.decode()
    assert not CompetitorPresence.objects.exists()


def test_director_may_not_remove(client_for, director, presence):
    assert client_for(director).post(remove_url(presence)).status_code == 403
    assert CompetitorPresence.objects.exists()


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404_on_remove(request, client_for, presence, persona):
    assert client_for(request.getfixturevalue(persona)).post(remove_url(presence)).status_code == 404
    assert CompetitorPresence.objects.exists()


def test_anonymous_remove_is_sent_to_login(client_for, presence):
    response = client_for(None).post(remove_url(presence))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert CompetitorPresence.objects.exists()


def test_get_on_remove_is_405(client_for, owner, presence):
    assert client_for(owner).get(remove_url(presence)).status_code == 405


def test_service_refuses_a_reader(director, account, rival):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        competitor_presence_add(by=director, account=account, competitor=rival, group=None)
