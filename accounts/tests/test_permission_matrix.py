"""One table over every dossier URL: who gets what.

Who may not see an account gets 404 (its existence is not revealed); a director who reads it
gets 403 on anything that changes it; anonymous users are sent to log in.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Attachment
from accounts.tests.factories import BusinessPartnerFactory, ContactFactory, DossierEntryFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["owner", "team_member", "admin_user", "director", "other_director", "other_kam", "department_member"]
READ = {"owner": 200, "team_member": 200, "admin_user": 200, "director": 200}
WRITE = {"owner": 200, "team_member": 200, "admin_user": 200, "director": 403}
HIDDEN = 404


@pytest.fixture
def records(account, owner):
    entry = DossierEntryFactory(account=account, author=owner)
    attachment = Attachment.objects.create(
        entry=entry,
        file=ContentFile(b"plain notes", name="notes.txt"),
        original_name="notes.txt",
        content_type="text/plain",
        size=11,
        uploaded_by=owner,
    )
    return {
        "account": account,
        "contact": ContactFactory(account=account),
        "partner": BusinessPartnerFactory(account=account),
        "entry": entry,
        "attachment": attachment,
    }


# (url name, which record's pk, expectations for GET)
PAGES = [
    ("accounts:detail", "account", READ),
    ("accounts:history", "account", READ),
    ("accounts:contacts", "account", READ),
    ("accounts:partners", "account", READ),
    ("accounts:dossier", "account", READ),
    ("accounts:attachment_download", "attachment", READ),
    ("accounts:edit", "account", WRITE),
    ("accounts:contact_create", "account", WRITE),
    ("accounts:contact_edit", "contact", WRITE),
    ("accounts:partner_create", "account", WRITE),
    ("accounts:partner_edit", "partner", WRITE),
    ("accounts:entry_create", "account", WRITE),
    ("accounts:entry_edit", "entry", WRITE),
]
DELETES = [
    ("accounts:contact_delete", "contact"),
    ("accounts:partner_delete", "partner"),
    ("accounts:entry_delete", "entry"),
    ("accounts:attachment_delete", "attachment"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "record", "expected"), PAGES)
def test_get(request, client_for, records, persona, url_name, record, expected):
    url = reverse(url_name, args=[records[record].pk])
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == expected.get(persona, HIDDEN)


@pytest.mark.parametrize(("url_name", "record", "expected"), PAGES)
def test_anonymous_is_sent_to_login(client_for, records, url_name, record, expected):
    url = reverse(url_name, args=[records[record].pk])
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "record"), DELETES)
def test_delete(request, client_for, records, persona, url_name, record):
    url = reverse(url_name, args=[records[record].pk])
    response = client_for(request.getfixturevalue(persona)).post(url)
    expected = {"owner": 302, "team_member": 302, "admin_user": 302, "director": 403}.get(persona, HIDDEN)
    assert response.status_code == expected


@pytest.mark.parametrize(("url_name", "record"), DELETES)
def test_delete_needs_post(client_for, owner, records, url_name, record):
    assert client_for(owner).get(reverse(url_name, args=[records[record].pk])).status_code == 405


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("director", 200), ("other_kam", 200), ("department_member", 403)],
)
def test_account_list_and_create(request, client_for, account, persona, expected):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("accounts:list")).status_code == expected
    create = client.get(reverse("accounts:create")).status_code
    assert create == (200 if persona in {"owner", "other_kam"} else 403)
