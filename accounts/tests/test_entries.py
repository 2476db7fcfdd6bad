import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from accounts.models import Attachment, DossierEntry
from accounts.services.entries import entry_create, entry_update
from accounts.tests.factories import AccountFactory, DossierEntryFactory
from accounts.tests.personas import CHANGE, SEE
from accounts.tests.test_attachments import EXE, PDF, image_bytes, stored_files, upload

pytestmark = pytest.mark.django_db

MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture
def entry(account, owner):
    return DossierEntryFactory(
        account=account,
        author=owner,
        category=DossierEntry.Category.LOGISTICS,
        occurred_on=datetime.date(2026, 3, 2),
        title="New cross-dock in Tver",
        text="They move the DC to Tver.\nFirst trucks in April.",
    )


def entry_data(**overrides) -> dict:
    data = {
        "category": "budget",
        "occurred_on": timezone.localdate().isoformat(),
        "title": "Budget for 2027 approved",
        "text": "Purchasing has 12% more for packaging.",
    }
    data.update(overrides)
    return data


def urls(account, entry) -> dict[str, str]:
    return {
        "tab": reverse("accounts:dossier", args=[account.pk]),
        "create": reverse("accounts:entry_create", args=[account.pk]),
        "edit": reverse("accounts:entry_edit", args=[entry.pk]),
        "delete": reverse("accounts:entry_delete", args=[entry.pk]),
    }


# Who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), SEE)
def test_tab_is_for_who_may_see_the_account(request, client_for, account, entry, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(urls(account, entry)["tab"])
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), CHANGE)
@pytest.mark.parametrize("page", ["create", "edit"])
def test_forms_are_for_who_may_edit_the_account(request, client_for, account, entry, persona, status, page):
    response = client_for(request.getfixturevalue(persona)).get(urls(account, entry)[page])
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), [(p, s) for p, s in CHANGE if s != 200])
def test_who_may_not_edit_cannot_create(request, client_for, account, entry, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account, entry)["create"], entry_data())
    assert response.status_code == status
    assert DossierEntry.objects.count() == 1


@pytest.mark.parametrize(("persona", "status"), [(p, s) for p, s in CHANGE if s != 200])
def test_who_may_not_edit_cannot_change(request, client_for, account, entry, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(
        urls(account, entry)["edit"], entry_data(version=entry.version, title="Hijacked")
    )
    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.title == "New cross-dock in Tver"


@pytest.mark.parametrize(("persona", "status"), [(p, s) for p, s in CHANGE if s != 200])
def test_who_may_not_edit_cannot_delete(request, client_for, account, entry, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account, entry)["delete"])
    assert response.status_code == status
    assert DossierEntry.objects.filter(pk=entry.pk).exists()


def test_director_sees_no_edit_buttons(client_for, director, account, entry):
    response = client_for(director).get(urls(account, entry)["tab"])
    html = response.content.decode()
    assert entry.title in html
    assert urls(account, entry)["edit"] not in html
    assert urls(account, entry)["delete"] not in html
    assert urls(account, entry)["create"] not in html


@pytest.mark.parametrize("page", ["tab", "create", "edit", "delete"])
def test_anonymous_is_sent_to_login(client_for, account, entry, page):
    response = client_for(None).get(urls(account, entry)[page])
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize(
    ("page", "method"), [("tab", "post"), ("delete", "get"), ("create", "put"), ("edit", "delete")]
)
def test_wrong_method_is_405(client_for, owner, account, entry, page, method):
    response = getattr(client_for(owner), method)(urls(account, entry)[page])
    assert response.status_code == 405


# Writing entries ----------------------------------------------------------------------------


def test_owner_writes_an_entry_with_files(client_for, owner, account):
    data = entry_data(attachments=[upload("budget.pdf", PDF), upload("shelf.png", image_bytes("PNG"))])
    response = client_for(owner).post(reverse("accounts:entry_create", args=[account.pk]), data)
    entry = DossierEntry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("accounts:dossier", args=[account.pk]) + f"?entry={entry.pk}#entry-{entry.pk}"
    assert (entry.account, entry.author, entry.title) == (account, owner, "Budget for 2027 approved")
    files = {a.original_name: a for a in entry.attachments.all()}
    assert set(files) == {"budget.pdf", "shelf.png"}
    assert files["budget.pdf"].content_type == "application/pdf"
    assert files["shelf.png"].content_type == "image/png"
    assert files["budget.pdf"].uploaded_by == owner
    assert Path(files["budget.pdf"].file.path).read_bytes() == PDF
    assert entry.history.get().history_user == owner


def test_account_and_author_come_from_the_request_not_the_post(client_for, team_member, other_kam, account):
    elsewhere = AccountFactory(owner=other_kam)
    client_for(team_member).post(
        reverse("accounts:entry_create", args=[account.pk]),
        entry_data(account=elsewhere.pk, author=other_kam.pk),
    )
    entry = DossierEntry.objects.get()
    assert entry.account == account
    assert entry.author == team_member


def test_form_errors_are_shown(client_for, owner, account):
    response = client_for(owner).post(
        reverse("accounts:entry_create", args=[account.pk]), entry_data(title="", occurred_on="not a date")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert "occurred_on" in form.errors
    assert "is-invalid" in response.content.decode()
    assert not DossierEntry.objects.exists()


def test_form_offers_a_date_picker_and_multiple_files(client_for, owner, account):
    html = client_for(owner).get(reverse("accounts:entry_create", args=[account.pk])).content.decode()
    assert re.search(r'<input type="date" name="occurred_on"[^>]*value="\d{4}-\d{2}-\d{2}"', html)
    assert re.search(r'<input type="file" name="attachments"[^>]*multiple', html)
    assert 'enctype="multipart/form-data"' in html


def test_create_link_can_preselect_a_category(client_for, owner, account):
    response = client_for(owner).get(reverse("accounts:entry_create", args=[account.pk]) + "?category=contact_plan")
    assert response.context["form"]["category"].value() == "contact_plan"


def test_a_bad_second_file_saves_nothing(client_for, owner, account, settings):
    data = entry_data(attachments=[upload("budget.pdf", PDF), upload("setup.pdf", EXE)])
    response = client_for(owner).post(reverse("accounts:entry_create", args=[account.pk]), data)
    assert response.status_code == 200
    assert "setup.pdf" in response.content.decode()
    assert "setup.pdf" in " ".join(response.context["form"].errors["attachments"])
    assert not DossierEntry.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_a_bad_file_on_edit_changes_nothing(client_for, owner, account, entry, settings):
    data = entry_data(version=entry.version, title="Changed", attachments=[upload("ok.pdf", PDF), upload("x.png", PDF)])
    response = client_for(owner).post(reverse("accounts:entry_edit", args=[entry.pk]), data)
    assert response.status_code == 200
    assert "x.png" in " ".join(response.context["form"].errors["attachments"])
    entry.refresh_from_db()
    assert entry.title == "New cross-dock in Tver"
    assert entry.version == 1
    assert stored_files(settings) == []


def test_service_refuses_bad_files_before_writing_anything(owner, account, settings):
    with pytest.raises(ValidationError) as refused:
        entry_create(
            by=owner,
            account=account,
            data={"category": "other", "title": "Scans"},
            files=[upload("good.pdf", PDF), upload("bad.pdf", EXE)],
        )
    assert "bad.pdf" in refused.value.messages[0]
    assert not DossierEntry.objects.exists()
    assert stored_files(settings) == []


def test_files_written_before_a_storage_failure_are_removed(monkeypatch, owner, account, settings):
    real_save = FileSystemStorage.save
    calls = []

    def failing_second_save(self, name, content, max_length=None):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", failing_second_save)
    with pytest.raises(OSError, match="disk full"):
        entry_create(
            by=owner,
            account=account,
            data={"category": "other", "title": "Scans"},
            files=[upload("one.pdf", PDF), upload("two.pdf", PDF)],
        )
    assert len(calls) == 2
    assert not DossierEntry.objects.exists()
    assert stored_files(settings) == []


def test_service_refuses_a_director(director, account):
    with pytest.raises(PermissionDenied):
        entry_create(by=director, account=account, data={"category": "other", "title": "No"})


# The date rule, at the edge of the day in the site's time zone ------------------------------


def test_tomorrow_is_refused_for_a_fact_at_2359(client_for, owner, account, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 10, 23, 59, tzinfo=MOSCOW), tick=False)
    url = reverse("accounts:entry_create", args=[account.pk])
    response = client_for(owner).post(url, entry_data(category="logistics", occurred_on="2026-03-11"))
    assert response.status_code == 200
    assert "Only a contact plan may be dated after today" in response.content.decode()
    assert client_for(owner).post(url, entry_data(category="logistics", occurred_on="2026-03-10")).status_code == 302


def test_the_same_date_is_accepted_at_midnight(client_for, owner, account, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 11, 0, 0, tzinfo=MOSCOW), tick=False)
    response = client_for(owner).post(
        reverse("accounts:entry_create", args=[account.pk]), entry_data(category="logistics", occurred_on="2026-03-11")
    )
    assert response.status_code == 302


def test_a_contact_plan_may_be_in_the_future(client_for, owner, account):
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client_for(owner).post(
        reverse("accounts:entry_create", args=[account.pk]),
        entry_data(category="contact_plan", occurred_on=future, title="Call the new CFO"),
    )
    assert response.status_code == 302
    assert DossierEntry.objects.get().occurred_on.isoformat() == future


def test_service_enforces_the_date_rule_too(owner, account):
    with pytest.raises(ValidationError):
        entry_create(
            by=owner,
            account=account,
            data={"category": "budget", "title": "x", "occurred_on": timezone.localdate() + datetime.timedelta(1)},
        )


# Editing ------------------------------------------------------------------------------------


def test_team_member_edits_and_history_records_them(client_for, owner, team_member, account, entry):
    response = client_for(team_member).post(
        reverse("accounts:entry_edit", args=[entry.pk]),
        entry_data(version=entry.version, title="Cross-dock moves to Tver", attachments=[upload("plan.pdf", PDF)]),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Cross-dock moves to Tver"
    assert entry.author == owner  # who wrote it stays; who changed it is in the history
    assert entry.history.first().history_user == team_member
    attachment = entry.attachments.get()
    assert attachment.uploaded_by == team_member


def test_concurrent_edit_keeps_input_and_reports_conflict(client_for, owner, team_member, account, entry):
    url = reverse("accounts:entry_edit", args=[entry.pk])
    version = client_for(owner).get(url).context["form"]["version"].value()
    client_for(team_member).post(url, entry_data(version=version, title="Their title"))
    response = client_for(owner).post(
        url, entry_data(version=version, title="My title", attachments=[upload("mine.pdf", PDF)])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "while you were editing" in html
    assert "Their title" in html  # the conflict table shows their value
    assert "choose them again" in html
    form = response.context["form"]
    assert form["title"].value() == "My title"
    assert [label for label, _theirs in form.conflicts] == ["Title"]
    entry.refresh_from_db()
    assert entry.title == "Their title"
    assert not entry.attachments.exists()
    # Saving again now overwrites knowingly.
    again = client_for(owner).post(url, entry_data(version=form["version"].value(), title="My title"))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "My title"


def test_edit_page_lists_attachments_with_delete_buttons(client_for, owner, account):
    entry = entry_create(
        by=owner, account=account, data={"category": "other", "title": "Scan"}, files=[upload("scan.pdf", PDF)]
    )
    attachment = entry.attachments.get()
    html = client_for(owner).get(reverse("accounts:entry_edit", args=[entry.pk])).content.decode()
    assert reverse("accounts:attachment_delete", args=[attachment.pk]) in html
    assert "data-confirm=" in html


def test_update_service_adds_files_to_existing_ones(owner, account):
    entry = entry_create(
        by=owner, account=account, data={"category": "other", "title": "A"}, files=[upload("a.pdf", PDF)]
    )
    entry_update(by=owner, entry=entry, data={}, files=[upload("b.pdf", PDF)], expected_version=entry.version)
    assert sorted(entry.attachments.values_list("original_name", flat=True)) == ["a.pdf", "b.pdf"]


# Deleting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_delete_removes_entry_and_files_after_commit(
    request, client_for, account, persona, django_capture_on_commit_callbacks, settings
):
    user = request.getfixturevalue(persona)
    entry = entry_create(
        by=account.owner,
        account=account,
        data={"category": "other", "title": "Old scans"},
        files=[upload("a.pdf", PDF), upload("b.png", image_bytes("PNG"))],
    )
    assert len(stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(reverse("accounts:entry_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:dossier", args=[account.pk])
    assert not DossierEntry.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []
    deletion = DossierEntry.history.filter(id=entry.pk, history_type="-").get()
    assert deletion.history_user == user


# The timeline -------------------------------------------------------------------------------


def test_timeline_is_newest_first_with_everything_an_entry_shows(client_for, owner, account, entry):
    older = DossierEntryFactory(account=account, author=owner, occurred_on=datetime.date(2025, 12, 1), title="Older")
    with_file = entry_create(
        by=owner,
        account=account,
        data={"category": "budget", "occurred_on": datetime.date(2026, 3, 5), "title": "Budget"},
        files=[upload("budget.pdf", PDF)],
    )
    response = client_for(owner).get(reverse("accounts:dossier", args=[account.pk]))
    assert [e.title for e in response.context["page"]] == ["Budget", "New cross-dock in Tver", "Older"]
    html = response.content.decode()
    assert "They move the DC to Tver.<br>First trucks in April." in html
    assert "Logistics changes" in html
    assert "Olga Owner" in html
    attachment = with_file.attachments.get()
    assert reverse("accounts:attachment_download", args=[attachment.pk]) in html
    assert "budget.pdf" in html
    assert f"{len(PDF)}\xa0bytes" in html
    assert reverse("accounts:entry_edit", args=[older.pk]) in html
    assert reverse("accounts:entry_delete", args=[older.pk]) in html
    assert 'datetime="2026-03-02"' in html


def test_planned_contact_is_marked(client_for, owner, account):
    DossierEntryFactory(
        account=account,
        author=owner,
        category="contact_plan",
        occurred_on=timezone.localdate() + datetime.timedelta(days=7),
        title="Visit the plant",
    )
    html = client_for(owner).get(reverse("accounts:dossier", args=[account.pk])).content.decode()
    assert "is-planned" in html
    assert "badge-planned" in html


def test_filter_by_category(client_for, owner, account, entry):
    DossierEntryFactory(account=account, author=owner, category="budget", title="Budget line")
    response = client_for(owner).get(reverse("accounts:dossier", args=[account.pk]), {"category": "budget"})
    assert [e.title for e in response.context["page"]] == ["Budget line"]
    assert response.context["category"] == "budget"
    counts = {item["key"]: item["count"] for item in response.context["categories"]}
    assert counts == {"logistics": 1, "budget": 1}


def test_unknown_category_shows_everything(client_for, owner, account, entry):
    response = client_for(owner).get(reverse("accounts:dossier", args=[account.pk]), {"category": "nonsense"})
    assert response.context["category"] == ""
    assert len(response.context["page"]) == 1


def test_pages_of_20_keep_the_category_in_the_url(client_for, owner, account):
    for day in range(25):
        DossierEntryFactory(
            account=account, author=owner, category="budget", occurred_on=datetime.date(2026, 1, 1 + day)
        )
    DossierEntryFactory(account=account, author=owner, category="other")
    url = reverse("accounts:dossier", args=[account.pk])
    first = client_for(owner).get(url, {"category": "budget"})
    assert len(first.context["page"]) == 20
    assert "?category=budget&amp;page=2" in first.content.decode()
    second = client_for(owner).get(url, {"category": "budget", "page": 2})
    assert len(second.context["page"]) == 5
    assert {e.category for e in second.context["page"]} == {"budget"}


def test_empty_dossier_invites_the_first_entry(client_for, owner, director, account):
    html = client_for(owner).get(reverse("accounts:dossier", args=[account.pk])).content.decode()
    assert "The dossier of this client is empty." in html
    assert reverse("accounts:entry_create", args=[account.pk]) in html
    html = client_for(director).get(reverse("accounts:dossier", args=[account.pk])).content.decode()
    assert "The dossier of this client is empty." in html
    assert reverse("accounts:entry_create", args=[account.pk]) not in html


def _entries_with_files(account, count):
    for n in range(count):
        entry = DossierEntryFactory(account=account, author=account.owner, occurred_on=datetime.date(2026, 1, 1))
        for name in (f"scan-{n}.pdf", f"photo-{n}.png"):
            Attachment.objects.create(
                entry=entry,
                file=upload(name, PDF),
                original_name=name,
                content_type="application/pdf",
                size=len(PDF),
                uploaded_by=account.owner,
            )


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_timeline_query_count_does_not_grow(request, client_for, account, persona, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("accounts:dossier", args=[account.pk])
    _entries_with_files(account, 2)
    client.get(url)  # the first request of a session also writes the session
    with django_assert_max_num_queries(7) as small:
        client.get(url)
    _entries_with_files(account, 18)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(url)
    assert len(response.context["page"]) == 20
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_link_to_an_old_entry_lands_on_its_page(client_for, owner, account):
    import datetime

    from accounts.tests.factories import DossierEntryFactory

    oldest = DossierEntryFactory(account=account, occurred_on=datetime.date(2020, 1, 1), title="The oldest")
    for day in range(1, 26):
        DossierEntryFactory(account=account, occurred_on=datetime.date(2024, 1, day))
    client = client_for(owner)
    url = reverse("accounts:dossier", args=[account.pk])
    response = client.get(url, {"entry": oldest.pk})
    assert response.status_code == 302
    assert response.url == f"{url}?page=2#entry-{oldest.pk}"
    assert "The oldest" in client.get(response.url).content.decode()


def test_a_link_to_an_entry_of_another_account_is_ignored(client_for, owner, account, other_kam):
    from accounts.tests.factories import AccountFactory, DossierEntryFactory

    elsewhere = DossierEntryFactory(account=AccountFactory(owner=other_kam))
    response = client_for(owner).get(reverse("accounts:dossier", args=[account.pk]), {"entry": elsewhere.pk})
    assert response.status_code == 200
