"""The import page over HTTP: who may use it, preview, errors, apply, the sample file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import SalesImport, SalesRecord
from planning.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
URL = reverse("planning:import")
APPLY = reverse("planning:import_apply")
GOOD = "account;product;month;volume;revenue;margin\nERP-1;P1;2026-01;1,5;100,25;-3\n"


@pytest.fixture
def catalogue(account):
    account.external_code = "ERP-1"
    account.save()
    return ProductFactory(code="P1")


def upload(text: str, name: str = "sales.csv") -> dict:
    return {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")}


@pytest.mark.parametrize("persona", ["owner", "team_member", "other_kam", "director", "other_director", "admin_user"])
def test_importers_see_the_page(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert b"Upload an ERP export" in response.content


def test_department_member_gets_403(client_for, department_member):
    assert client_for(department_member).get(URL).status_code == 403
    assert client_for(department_member).post(URL, upload(GOOD)).status_code == 403
    assert client_for(department_member).post(APPLY).status_code == 403


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_wrong_methods_get_405(client_for, owner):
    assert client_for(owner).put(URL).status_code == 405
    assert client_for(owner).get(APPLY).status_code == 405


def test_upload_without_a_file_shows_the_form_error(client_for, owner):
    response = client_for(owner).post(URL, {})
    assert response.status_code == 200 and b"This field is required" in response.content


def test_preview_then_apply(client_for, owner, catalogue):
    client = client_for(owner)
    preview = client.post(URL, upload(GOOD))
    assert b"Apply 1 row" in preview.content
    assert preview.context["preview"].ok and SalesRecord.objects.count() == 0
    response = client.post(APPLY, follow=True)
    assert SalesRecord.objects.get().imported_in.file_name == "sales.csv"
    assert b"sales.csv imported: 1 rows" in response.content
    assert client.post(APPLY).status_code == 302  # the previewed file is gone once applied
    assert SalesImport.objects.count() == 1


def test_preview_with_errors_lists_row_and_column_and_keeps_nothing(client_for, other_kam, catalogue):
    client = client_for(other_kam)
    response = client.post(URL, upload(GOOD + "ERP-1;P9;2026-01;x;1;1\n"))
    content = response.content.decode()
    assert "nothing was imported" in content and "Apply" not in content
    assert "unknown account “ERP-1”" in content  # not visible to this KAM
    assert "unknown product “P9”" in content
    client.post(APPLY)
    assert SalesRecord.objects.count() == 0


def test_another_session_cannot_apply_my_preview(client, client_for, owner, team_member, catalogue):
    client_for(owner).post(URL, upload(GOOD))
    client_for(team_member).post(APPLY)
    assert SalesRecord.objects.count() == 0


def test_sample_file_downloads(client_for, director):
    response = client_for(director).get(reverse("planning:import_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbfaccount;product_code;month")


@pytest.mark.parametrize("count", [2, 20])
def test_page_query_count_does_not_grow_with_imports(client_for, admin_user, django_assert_max_num_queries, count):
    SalesImport.objects.bulk_create([SalesImport(file_name=f"f{i}.csv", imported_by=admin_user) for i in range(count)])
    client = client_for(admin_user)
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200
