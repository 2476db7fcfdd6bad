import pytest
from django.urls import reverse

from accounts.models import Account
from accounts.tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_owner_sees_their_accounts_only(client_for, owner, account, other_kam):
    AccountFactory(name="Someone else's", owner=other_kam)
    response = client_for(owner).get(reverse("accounts:list"))
    assert response.status_code == 200
    names = [a.name for a in response.context["page"].object_list]
    assert names == [account.name]


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(reverse("accounts:list"))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_other_kam_gets_404_on_dossier(client_for, other_kam, account):
    assert client_for(other_kam).get(reverse("accounts:detail", args=[account.pk])).status_code == 404


def test_director_reads_but_cannot_edit(client_for, director, account):
    c = client_for(director)
    assert c.get(reverse("accounts:detail", args=[account.pk])).status_code == 200
    assert c.get(reverse("accounts:edit", args=[account.pk])).status_code == 403


def test_concurrent_edit_shows_conflict_and_keeps_input(client_for, owner, team_member, account):
    url = reverse("accounts:edit", args=[account.pk])
    form = client_for(owner).get(url).context["form"]
    base = {k: v for k, v in form.initial.items() if v is not None and k != "team"}
    base.update(industry=account.industry_id, region=account.region_id, version=account.version)
    # The team member saves first.
    client_for(team_member).post(url, {**base, "phone": "+7 495 000-00-01"})
    response = client_for(owner).post(url, {**base, "phone": "+7 812 111-11-11"})
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode()
    assert response.context["form"]["phone"].value() == "+7 812 111-11-11"
    account.refresh_from_db()
    assert account.phone == "+7 495 000-00-01"


def test_list_query_count_is_constant(client_for, owner, django_assert_max_num_queries):
    for _ in range(3):
        ContactFactory(account=AccountFactory(owner=owner))
    c = client_for(owner)
    with django_assert_max_num_queries(8):
        c.get(reverse("accounts:list"))
    for _ in range(20):
        ContactFactory(account=AccountFactory(owner=owner))
    with django_assert_max_num_queries(8):
        c.get(reverse("accounts:list"))
    assert Account.objects.count() == 23
