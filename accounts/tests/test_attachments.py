import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.attachments import attachment_get_for_user, check_upload, check_uploads, clean_file_name, max_size_mb
from accounts.models import Attachment, DossierEntry
from accounts.services.entries import entry_create
from accounts.tests.personas import SEE

pytestmark = pytest.mark.django_db

# Sample files, made of real bytes: validation looks at content, not at names. ---------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format=fmt)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Volume"
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.md", "hello")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def entry_with_file(owner, account):
    return entry_create(
        by=owner,
        account=account,
        data={"category": "budget", "occurred_on": timezone.localdate(), "title": "Budget 2027"},
        files=[upload("Отчёт Q3.pdf", PDF, "application/pdf")],
    )


@pytest.fixture
def attachment(entry_with_file):
    return entry_with_file.attachments.get()


# Accepting and refusing by content -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("offer.pdf", PDF, "application/pdf"),
        ("warehouse.png", image_bytes("PNG"), "image/png"),
        ("dock.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("dock.JPEG", image_bytes("JPEG"), "image/jpeg"),
        ("map.gif", image_bytes("GIF"), "image/gif"),
        ("shelf.webp", image_bytes("WEBP"), "image/webp"),
        ("contract.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("volumes.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("letter.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Встреча с закупками: объёмы на 2027 год.\n".encode(), "text/plain"),
        ("sales.csv", b"sku;volume\nA-1;1200\n", "text/csv"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, content_type):
    checked = check_upload(upload(name, content, content_type="application/x-whatever"))
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert checked.original_name == name


def test_too_big_file_is_refused_with_the_limit_in_mb(settings):
    settings.KAM_ATTACHMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("scan.pdf", PDF + b"0" * (1024 * 1024)))
    message = refused.value.messages[0]
    assert "scan.pdf" in message
    assert "at most 1 MB" in message


def test_limit_in_mb_is_shown_without_needless_decimals(settings):
    settings.KAM_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    assert max_size_mb() == "10"
    settings.KAM_ATTACHMENT_MAX_BYTES = int(2.5 * 1024 * 1024)
    assert max_size_mb() == "2.5"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("archive.zip", plain_zip_bytes()),
        ("program.exe", EXE),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("tool", ELF),
    ],
)
def test_types_outside_the_list_are_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert refused.value.error_list[0].code == "type_not_accepted"
    assert name in refused.value.messages[0]


def test_png_named_pdf_is_refused_as_mismatched():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("invoice.pdf", image_bytes("PNG"), "application/pdf"))
    assert refused.value.error_list[0].code == "extension_mismatch"
    assert "invoice.pdf" in refused.value.messages[0]
    assert "PNG" in refused.value.messages[0]


def test_pdf_named_txt_is_refused_as_mismatched():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("notes.txt", PDF, "text/plain"))
    assert refused.value.error_list[0].code == "extension_mismatch"


def test_zip_disguised_as_docx_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("contract.docx", plain_zip_bytes()))
    assert refused.value.error_list[0].code == "type_not_accepted"


@pytest.mark.parametrize("name", ["invoice.pdf", "notes.txt", "photo.png"])
def test_executable_renamed_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, EXE, "application/pdf"))
    assert refused.value.error_list[0].code == "type_not_accepted"


def test_text_with_nul_byte_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("data.csv", b"a;b\n1;\x002\n", "text/csv"))
    assert refused.value.error_list[0].code == "not_text"


def test_text_not_in_utf8_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("notes.txt", "Привет, закупки".encode("cp1251"), "text/plain"))
    assert refused.value.error_list[0].code == "not_text"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("empty.txt", b""))
    assert refused.value.error_list[0].code == "empty"


def test_every_refused_file_is_reported_at_once():
    with pytest.raises(ValidationError) as refused:
        check_uploads([upload("ok.pdf", PDF), upload("a.pdf", EXE), upload("b.png", PDF)])
    messages = refused.value.messages
    assert len(messages) == 2
    assert "a.pdf" in messages[0]
    assert "b.png" in messages[1]


# File names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
        ("C:\\Users\\olga\\Отчёт.pdf", "Отчёт.pdf"),
        ("report\x00\x1b.pdf", "report.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
    ],
)
def test_file_name_is_reduced_to_a_safe_base_name(given, kept):
    assert clean_file_name(given) == kept


def test_long_file_name_is_cut_to_255_keeping_extension():
    name = clean_file_name("a" * 300 + ".pdf")
    assert len(name) == 255
    assert name.endswith(".pdf")


def test_traversal_name_is_stored_under_a_random_name_inside_media_root(settings, owner, account):
    evil = upload("placeholder.txt", b"root:x:0:0:root:/root:/bin/bash\n", "text/plain")
    evil._name = "../../etc/passwd.txt"  # past UploadedFile's own cleaning, as a hostile caller could
    entry = entry_create(by=owner, account=account, data={"category": "other", "title": "Leak"}, files=[evil])
    attachment = entry.attachments.get()
    assert attachment.original_name == "passwd.txt"
    assert attachment.content_type == "text/plain"
    assert attachment.file.name.startswith(f"attachments/{account.pk}/")
    assert ".." not in attachment.file.name
    assert "passwd" not in attachment.file.name
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "attachments" / str(account.pk))
    assert stored.read_bytes().startswith(b"root:x")


def test_traversal_name_in_a_raw_upload_is_stored_safely(client_for, owner, account):
    boundary = "kam-boundary"
    fields = {"category": "other", "occurred_on": timezone.localdate().isoformat(), "title": "Raw upload"}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="../../etc/passwd.txt"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()
    body += b"root:x:0:0\r\n" + f"--{boundary}--\r\n".encode()
    response = client_for(owner).post(
        reverse("accounts:entry_create", args=[account.pk]),
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.txt"
    assert attachment.file.name.startswith(f"attachments/{account.pk}/")
    assert "passwd" not in attachment.file.name


def test_storage_names_never_collide(owner, account):
    entry = entry_create(
        by=owner,
        account=account,
        data={"category": "other", "title": "Two scans"},
        files=[upload("scan.pdf", PDF), upload("scan.pdf", PDF)],
    )
    names = list(entry.attachments.values_list("file", flat=True))
    assert len(set(names)) == 2


# Download -----------------------------------------------------------------------------------


def test_download_returns_content_with_safe_headers(client_for, owner, attachment):
    response = client_for(owner).get(reverse("accounts:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response.close()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20Q3.pdf" in disposition


def test_download_of_text_uses_detected_type_and_plain_name(client_for, owner, account):
    entry = entry_create(
        by=owner,
        account=account,
        data={"category": "other", "title": "Notes"},
        files=[upload("notes.txt", b"<script>alert(1)</script>", "text/html")],
    )
    attachment = entry.attachments.get()
    response = client_for(owner).get(reverse("accounts:attachment_download", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    response.close()
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="notes.txt"'


@pytest.mark.parametrize(("persona", "status"), SEE)
def test_download_is_for_who_may_see_the_account(request, client_for, attachment, persona, status):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("accounts:attachment_download", args=[attachment.pk]))
    assert response.status_code == status
    if hasattr(response, "streaming_content"):
        response.close()


def test_refused_download_is_logged(monkeypatch, client_for, other_kam, attachment):
    denials = []
    monkeypatch.setattr("kam.core.access._log", lambda user, action, target: denials.append((user, action, target)))
    response = client_for(other_kam).get(reverse("accounts:attachment_download", args=[attachment.pk]))
    assert response.status_code == 404
    assert denials == [(other_kam, "view", f"attachment:{attachment.pk}")]


def test_download_of_a_missing_attachment_is_404(client_for, owner):
    assert client_for(owner).get(reverse("accounts:attachment_download", args=[999999])).status_code == 404


def test_download_when_the_stored_file_is_gone_is_404(client_for, owner, attachment):
    Path(attachment.file.path).unlink()
    assert client_for(owner).get(reverse("accounts:attachment_download", args=[attachment.pk])).status_code == 404


def test_download_anonymous_is_sent_to_login(client_for, attachment):
    response = client_for(None).get(reverse("accounts:attachment_download", args=[attachment.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_download_refuses_post(client_for, owner, attachment):
    assert client_for(owner).post(reverse("accounts:attachment_download", args=[attachment.pk])).status_code == 405


# Delete -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_account_team_deletes_attachment_and_file_goes_after_commit(
    request, client_for, django_capture_on_commit_callbacks, attachment, persona
):
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(request.getfixturevalue(persona)).post(
            reverse("accounts:attachment_delete", args=[attachment.pk])
        )
    assert response.status_code == 302
    assert response.url == reverse("accounts:dossier", args=[attachment.entry.account_id]) + (
        f"#entry-{attachment.entry_id}"
    )
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert len(callbacks) == 1
    assert not path.exists()


def test_file_stays_until_the_deletion_commits(client_for, owner, attachment, django_capture_on_commit_callbacks):
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(owner).post(reverse("accounts:attachment_delete", args=[attachment.pk]))
    assert path.exists()
    assert len(callbacks) == 1


def test_delete_returns_to_the_page_it_came_from(client_for, owner, attachment):
    edit_url = reverse("accounts:entry_edit", args=[attachment.entry_id])
    response = client_for(owner).post(reverse("accounts:attachment_delete", args=[attachment.pk]), {"next": edit_url})
    assert response.url == edit_url


def test_delete_ignores_a_foreign_next_url(client_for, owner, attachment):
    response = client_for(owner).post(
        reverse("accounts:attachment_delete", args=[attachment.pk]), {"next": "https://evil.example/"}
    )
    assert response.url.startswith(reverse("accounts:dossier", args=[attachment.entry.account_id]))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("director", 403), ("other_kam", 404), ("other_director", 404), ("department_member", 404)],
)
def test_delete_is_refused_to_who_may_not_edit(request, client_for, attachment, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("accounts:attachment_delete", args=[attachment.pk])
    )
    assert response.status_code == status
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert Path(attachment.file.path).exists()


def test_delete_anonymous_is_sent_to_login(client_for, attachment):
    response = client_for(None).post(reverse("accounts:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_delete_refuses_get(client_for, owner, attachment):
    assert client_for(owner).get(reverse("accounts:attachment_delete", args=[attachment.pk])).status_code == 405
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# The selector -------------------------------------------------------------------------------


def test_selector_lets_a_director_read_but_not_edit(director, attachment):
    assert attachment_get_for_user(user=director, pk=attachment.pk) == attachment
    with pytest.raises(PermissionDenied):
        attachment_get_for_user(user=director, pk=attachment.pk, edit=True)


def test_selector_hides_attachments_of_other_accounts(other_kam, attachment):
    with pytest.raises(Http404):
        attachment_get_for_user(user=other_kam, pk=attachment.pk)


def test_selector_sees_the_entry_account_in_one_query(owner, attachment, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = attachment_get_for_user(user=owner, pk=attachment.pk, edit=True)
        assert found.entry.account.owner_id == owner.pk
    assert isinstance(found.entry, DossierEntry)
