import pytest
from django.urls import reverse

from accounts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _edit_account(client, account, **changes):
    url = reverse("accounts:edit", args=[account.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "team"}
    data.update(industry=account.industry_id, region=account.region_id, version=account.version, **changes)
    return client.post(url, data)


def test_history_shows_who_changed_which_field(client_for, owner, team_member, account):
    response = _edit_account(client_for(team_member), account, status="at_risk", phone="+7 000")
    assert response.status_code == 302
    page = client_for(owner).get(reverse("accounts:history", args=[account.pk]))
    assert page.status_code == 200
    latest = page.context["changes"][0]
    assert str(latest.who) == str(team_member)
    fields = {change.label: (change.old, change.new) for change in latest.fields}
    assert fields["Status"] == ("Active", "At risk")
    assert fields["Phone"] == ("—", "+7 000")


def test_history_includes_contacts_of_the_account(client_for, owner, account):
    ContactFactory(account=account, first_name="Анна", last_name="Иванова")
    page = client_for(owner).get(reverse("accounts:history", args=[account.pk]))
    titles = [change.title for change in page.context["changes"]]
    assert "Анна Иванова" in titles


def test_history_query_count_does_not_grow(client_for, owner, account, django_assert_max_num_queries):
    client = client_for(owner)
    for n in range(2):
        ContactFactory(account=account, last_name=f"A{n}")
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("accounts:history", args=[account.pk]))
    for n in range(20):
        contact = ContactFactory(account=account, last_name=f"B{n}")
        contact.position = "Head of logistics"
        contact.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("accounts:history", args=[account.pk]))


def test_other_kam_cannot_read_history(client_for, other_kam, account):
    assert client_for(other_kam).get(reverse("accounts:history", args=[account.pk])).status_code == 404


def test_removing_an_attachment_shows_in_history(client_for, owner, team_member, account):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import Attachment
    from accounts.services.entries import attachment_delete, entry_create

    entry = entry_create(
        by=owner,
        account=account,
        data={"title": "Price list", "category": "budget"},
        files=[SimpleUploadedFile("prices.csv", b"product;price\nfilm;120\n", content_type="text/csv")],
    )
    attachment_delete(by=team_member, attachment=Attachment.objects.get(entry=entry))
    changes = client_for(owner).get(reverse("accounts:history", args=[account.pk])).context["changes"]
    removed = [c for c in changes if c.title == "prices.csv" and c.action == "deleted"]
    assert len(removed) == 1
    assert removed[0].who == team_member


def test_history_names_changed_links_and_choices_as_the_record_shows_them(client_for, owner, account):
    manager = ContactFactory(account=account, first_name="Olga", last_name="Orlova")
    contact = ContactFactory(account=account, first_name="Pavel", last_name="Petrov", attitude="neutral")
    contact.reports_to = manager
    contact.attitude = "supporter"
    contact.save()
    changes = client_for(owner).get(reverse("accounts:history", args=[account.pk])).context["changes"]
    latest = changes[0]
    assert (latest.title, latest.action, latest.created) == ("Pavel Petrov", "changed", False)
    fields = {change.label: (change.old, change.new) for change in latest.fields}
    assert fields == {"Reports to": ("—", "Olga Orlova"), "Attitude to us": ("Neutral", "Supporter")}
    created = next(change for change in changes if change.title == "Olga Orlova")
    assert created.created and created.action == "created"
    assert {change.label: change.new for change in created.fields}["Account"] == account.name


def test_history_cuts_long_values_as_truncatechars_did(client_for, owner, account):
    from django.template.defaultfilters import truncatechars

    long_text = "Packaging film supplier since 2019; " * 5
    account.base_information = long_text
    account.save()
    page = client_for(owner).get(reverse("accounts:history", args=[account.pk]))
    fields = {change.label: change.new for change in page.context["changes"][0].fields}
    assert fields["Base information"] == truncatechars(long_text, 80)
    assert len(fields["Base information"]) == 80
    assert fields["Base information"] in page.content.decode()
