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


def test_dossier_overview_query_count_is_constant(client_for, owner, account, django_assert_max_num_queries):
    from accounts.tests.factories import DossierEntryFactory

    client = client_for(owner)
    url = reverse("accounts:detail", args=[account.pk])
    for _ in range(2):
        ContactFactory(account=account)
        DossierEntryFactory(account=account)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for _ in range(20):
        ContactFactory(account=account)
        DossierEntryFactory(account=account)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["contact_count"] == 22


def _account_post(account_or_none, **overrides):
    data = {
        "name": "Уральский Трубный",
        "legal_name": "АО «Уральский Трубный»",
        "tax_id": "6601234567",
        "status": "active",
        "tier": "A",
    }
    data.update(overrides)
    return data


def test_kam_creates_an_account_they_own_even_if_post_names_another_owner(client_for, owner, other_kam, region):
    from accounts.tests.factories import IndustryFactory

    industry = IndustryFactory(name="Manufacturing")
    data = _account_post(None, industry=industry.pk, region=region.pk, owner=other_kam.pk)
    response = client_for(owner).post(reverse("accounts:create"), data)
    assert response.status_code == 302
    created = Account.objects.get(tax_id="6601234567")
    assert created.owner == owner
    assert created.history.first().history_user == owner


def test_admin_may_assign_the_owner(client_for, admin_user, other_kam, region):
    from accounts.tests.factories import IndustryFactory

    industry = IndustryFactory(name="Retail")
    data = _account_post(None, industry=industry.pk, region=region.pk, owner=other_kam.pk)
    assert client_for(admin_user).post(reverse("accounts:create"), data).status_code == 302
    assert Account.objects.get(tax_id="6601234567").owner == other_kam


def test_create_form_shows_field_errors_and_keeps_input(client_for, owner, region):
    response = client_for(owner).post(reverse("accounts:create"), _account_post(None, region=region.pk))
    assert response.status_code == 200
    assert "industry" in response.context["form"].errors
    assert "Уральский Трубный" in response.content.decode()
    assert not Account.objects.exists()


def test_duplicate_tax_id_is_a_field_error(client_for, owner, account, region):
    account.tax_id = "7700000001"
    account.save()
    data = _account_post(None, industry=account.industry_id, region=region.pk, tax_id="7700000001")
    response = client_for(owner).post(reverse("accounts:create"), data)
    assert response.status_code == 200
    assert "tax_id" in response.context["form"].errors


def test_director_filters_by_owner(client_for, director, owner, other_kam, region, account):
    AccountFactory(name="Other's in region", owner=other_kam, region=region)
    response = client_for(director).get(reverse("accounts:list"), {"owner": owner.pk})
    assert [a.name for a in response.context["page"].object_list] == [account.name]


def test_list_sorts_by_a_column_both_ways(client_for, owner):
    for name in ["Beta", "Alpha", "Gamma"]:
        AccountFactory(name=name, owner=owner)
    client = client_for(owner)
    ascending = client.get(reverse("accounts:list"), {"sort": "name"}).context["page"].object_list
    descending = client.get(reverse("accounts:list"), {"sort": "-name"}).context["page"].object_list
    assert [a.name for a in ascending] == ["Alpha", "Beta", "Gamma"]
    assert [a.name for a in descending] == ["Gamma", "Beta", "Alpha"]


def test_list_paginates(client_for, owner):
    for n in range(30):
        AccountFactory(name=f"Client {n:02d}", owner=owner)
    response = client_for(owner).get(reverse("accounts:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 5


def test_sort_and_page_links_carry_the_filters(client_for, owner):
    for n in range(30):
        AccountFactory(name=f"Client {n:02d}", owner=owner, status="active")
    html = client_for(owner).get(reverse("accounts:list"), {"status": "active", "sort": "name"}).content.decode()
    assert 'href="?status=active&amp;sort=-name"' in html
    assert 'href="?status=active&amp;sort=name&amp;page=2"' in html


def test_htmx_filter_request_gets_only_the_results(client_for, owner, account):
    AccountFactory(name="Dormant one", owner=owner, status="dormant")
    response = client_for(owner).get(reverse("accounts:list"), {"status": "dormant"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="account-results">')
    assert "Dormant one" in html
    assert account.name not in html
    assert "<nav" not in html.split('<nav aria-label="Pages"')[0]


def test_denied_access_is_logged_with_user_and_target(client_for, other_kam, account, caplog):
    with caplog.at_level("WARNING", logger="kam.access"):
        client_for(other_kam).get(reverse("accounts:detail", args=[account.pk]))
    [record] = [r for r in caplog.records if r.name == "kam.access"]
    message = record.getMessage()
    assert f"user={other_kam.pk}" in message
    assert f"target=account:{account.pk}" in message
    assert "at=" in message


def test_director_sees_the_manager_filter_with_the_chosen_one_selected(client_for, director, owner, account):
    html = client_for(director).get(reverse("accounts:list"), {"owner": owner.pk}).content.decode()
    assert f'<option value="{owner.pk}" selected>{owner}</option>' in html


def test_kam_has_no_manager_filter(client_for, owner, account):
    assert 'name="owner"' not in client_for(owner).get(reverse("accounts:list")).content.decode()
