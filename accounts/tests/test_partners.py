import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import BusinessPartner
from accounts.services.partners import partner_create
from accounts.tests.factories import AccountFactory, BusinessPartnerFactory
from accounts.tests.personas import CHANGE, SEE

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(account):
    return BusinessPartnerFactory(
        account=account,
        name="ТрансЛогистик",
        kind=BusinessPartner.Kind.LOGISTICS,
        website="https://translog.example",
        notes="Runs their Moscow–Kazan lane.\nContract renewal in June.",
    )


def partner_data(**overrides) -> dict:
    data = {"name": "Uralsteel", "kind": "supplier", "website": "", "notes": "Sheet steel, 60% of their volume."}
    data.update(overrides)
    return data


def urls(account, partner) -> dict[str, str]:
    return {
        "tab": reverse("accounts:partners", args=[account.pk]),
        "create": reverse("accounts:partner_create", args=[account.pk]),
        "edit": reverse("accounts:partner_edit", args=[partner.pk]),
        "delete": reverse("accounts:partner_delete", args=[partner.pk]),
    }


REFUSED = [(persona, status) for persona, status in CHANGE if status != 200]


@pytest.mark.parametrize(("persona", "status"), SEE)
def test_tab_is_for_who_may_see_the_account(request, client_for, account, partner, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(urls(account, partner)["tab"]).status_code == status


@pytest.mark.parametrize(("persona", "status"), CHANGE)
@pytest.mark.parametrize("page", ["create", "edit"])
def test_forms_are_for_who_may_edit_the_account(request, client_for, account, partner, persona, status, page):
    assert client_for(request.getfixturevalue(persona)).get(urls(account, partner)[page]).status_code == status


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_cannot_create(request, client_for, account, partner, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account, partner)["create"], partner_data())
    assert response.status_code == status
    assert BusinessPartner.objects.count() == 1


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_cannot_change(request, client_for, account, partner, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(
        urls(account, partner)["edit"], partner_data(version=partner.version)
    )
    assert response.status_code == status
    partner.refresh_from_db()
    assert partner.name == "ТрансЛогистик"


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_cannot_delete(request, client_for, account, partner, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account, partner)["delete"])
    assert response.status_code == status
    assert BusinessPartner.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize("page", ["tab", "create", "edit", "delete"])
def test_anonymous_is_sent_to_login(client_for, account, partner, page):
    response = client_for(None).get(urls(account, partner)[page])
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize(("page", "method"), [("tab", "post"), ("delete", "get"), ("create", "put"), ("edit", "patch")])
def test_wrong_method_is_405(client_for, owner, account, partner, page, method):
    assert getattr(client_for(owner), method)(urls(account, partner)[page]).status_code == 405


def test_owner_adds_a_partner(client_for, owner, account):
    response = client_for(owner).post(reverse("accounts:partner_create", args=[account.pk]), partner_data())
    assert response.status_code == 302
    assert response.url == reverse("accounts:partners", args=[account.pk])
    partner = BusinessPartner.objects.get()
    assert (partner.account, partner.name, partner.kind) == (account, "Uralsteel", "supplier")
    assert partner.history.get().history_user == owner


def test_account_comes_from_the_url_not_the_post(client_for, owner, other_kam, account):
    elsewhere = AccountFactory(owner=other_kam)
    client_for(owner).post(reverse("accounts:partner_create", args=[account.pk]), partner_data(account=elsewhere.pk))
    assert BusinessPartner.objects.get().account == account


def test_create_link_can_preselect_a_kind(client_for, owner, account):
    response = client_for(owner).get(reverse("accounts:partner_create", args=[account.pk]) + "?kind=customer")
    assert response.context["form"]["kind"].value() == "customer"


def test_form_errors_are_shown(client_for, owner, account):
    response = client_for(owner).post(
        reverse("accounts:partner_create", args=[account.pk]), partner_data(name="  ", kind="pirate", website="nope")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "kind", "website"}
    assert "is-invalid" in response.content.decode()
    assert not BusinessPartner.objects.exists()


def test_team_member_edits_and_history_records_them(client_for, team_member, account, partner):
    response = client_for(team_member).post(
        reverse("accounts:partner_edit", args=[partner.pk]),
        partner_data(name="ТрансЛогистик Групп", kind="logistics", version=partner.version),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "ТрансЛогистик Групп"
    assert partner.version == 2
    assert partner.history.first().history_user == team_member


def test_concurrent_edit_keeps_input_and_reports_conflict(client_for, owner, team_member, partner):
    url = reverse("accounts:partner_edit", args=[partner.pk])
    version = client_for(owner).get(url).context["form"]["version"].value()
    client_for(team_member).post(url, partner_data(kind="logistics", notes="Their notes", version=version))
    response = client_for(owner).post(url, partner_data(kind="logistics", notes="My notes", version=version))
    assert response.status_code == 200
    html = response.content.decode()
    assert "while you were editing" in html
    assert "Their notes" in html
    form = response.context["form"]
    assert form["notes"].value() == "My notes"
    assert ("Notes", "Their notes") in form.conflicts
    partner.refresh_from_db()
    assert partner.notes == "Their notes"


def test_delete_removes_partner_and_history_keeps_who(client_for, team_member, account, partner):
    response = client_for(team_member).post(reverse("accounts:partner_delete", args=[partner.pk]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:partners", args=[account.pk])
    assert not BusinessPartner.objects.exists()
    assert BusinessPartner.history.get(id=partner.pk, history_type="-").history_user == team_member


def test_service_refuses_a_director(director, account):
    with pytest.raises(PermissionDenied):
        partner_create(by=director, account=account, data=partner_data())


def test_tab_groups_partners_by_kind_with_notes(client_for, owner, account, partner):
    BusinessPartnerFactory(account=account, name="Metro C&C", kind="customer")
    BusinessPartnerFactory(account=account, name="Uralsteel", kind="supplier")
    BusinessPartnerFactory(account=account, name="Agrosteel", kind="supplier")
    response = client_for(owner).get(reverse("accounts:partners", args=[account.pk]))
    groups = [(group["kind"], [p.name for p in group["partners"]]) for group in response.context["groups"]]
    assert groups == [
        ("supplier", ["Agrosteel", "Uralsteel"]),
        ("customer", ["Metro C&C"]),
        ("logistics", ["ТрансЛогистик"]),
    ]
    html = response.content.decode()
    assert "Runs their Moscow–Kazan lane.<br>Contract renewal in June." in html
    assert 'href="https://translog.example"' in html
    assert reverse("accounts:partner_edit", args=[partner.pk]) in html
    assert "data-confirm=" in html


def test_director_sees_partners_without_edit_buttons(client_for, director, account, partner):
    html = client_for(director).get(reverse("accounts:partners", args=[account.pk])).content.decode()
    assert partner.name in html
    assert reverse("accounts:partner_edit", args=[partner.pk]) not in html
    assert reverse("accounts:partner_create", args=[account.pk]) not in html


def test_empty_tab_invites_the_first_partner(client_for, owner, account):
    html = client_for(owner).get(reverse("accounts:partners", args=[account.pk])).content.decode()
    assert "No business partners recorded yet." in html
    assert reverse("accounts:partner_create", args=[account.pk]) in html


def test_tab_query_count_does_not_grow(client_for, team_member, account, django_assert_max_num_queries):
    client = client_for(team_member)
    url = reverse("accounts:partners", args=[account.pk])
    BusinessPartnerFactory.create_batch(2, account=account)
    client.get(url)  # the first request of a session also writes the session
    with django_assert_max_num_queries(5) as small:
        client.get(url)
    BusinessPartnerFactory.create_batch(18, account=account, kind="customer")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["partner_count"] == 20
