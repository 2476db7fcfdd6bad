"""Attachments of dossier entries: which files the dossier accepts, and who may fetch one.

A file is judged by its bytes, never by the name or the content type the browser sent: the
`filetype` package reads the signature, the declared extension must agree with it, and plain
text is accepted only when it really is UTF-8 text. The stored name is random (see
`accounts.models.attachment_path`); the user's name is kept, cleaned, for display and download.
"""

import codecs
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Account, Attachment
from accounts.selectors import account_is_editable
from kam.core.access import deny_forbidden, deny_not_found

MAX_NAME_LENGTH = 255
# filetype decides on the head of the file; 8 KiB covers every signature it knows.
HEAD_BYTES = 8192

# What the content is (filetype's name for it) → the content type we store and serve, and the
# extensions a file of that content may carry.
ACCEPTED: dict[str, tuple[str, frozenset[str]]] = {
    "pdf": ("application/pdf", frozenset({"pdf"})),
    "png": ("image/png", frozenset({"png"})),
    "apng": ("image/png", frozenset({"png"})),  # an animated PNG is still a PNG
    "jpg": ("image/jpeg", frozenset({"jpg", "jpeg"})),
    "gif": ("image/gif", frozenset({"gif"})),
    "webp": ("image/webp", frozenset({"webp"})),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", frozenset({"docx"})),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", frozenset({"xlsx"})),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", frozenset({"pptx"})),
    "odt": ("application/vnd.oasis.opendocument.text", frozenset({"odt"})),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", frozenset({"ods"})),
}
# Text has no signature: these extensions are accepted when the bytes are UTF-8 without NUL.
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}

ACCEPT_ATTRIBUTE = ",".join(
    sorted({f".{ext}" for _type, exts in ACCEPTED.values() for ext in exts} | {f".{ext}" for ext in TEXT_TYPES})
)
ACCEPTED_DESCRIPTION = gettext_lazy(
    "PDF, PNG, JPEG, GIF, WebP, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), "
    "OpenDocument text and spreadsheets (.odt, .ods), plain text and CSV in UTF-8"
)

# Office files are ZIP archives; when the signature check only sees "a ZIP" (some writers order
# the members differently), the member list tells which document it is.
OOXML_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed the checks, with what we store about it."""

    file: UploadedFile
    original_name: str
    content_type: str
    size: int


def max_size_mb() -> str:
    megabytes = settings.KAM_ATTACHMENT_MAX_BYTES / (1024 * 1024)
    return f"{megabytes:g}"


def clean_file_name(name: str) -> str:
    """The user's file name made safe to show and to offer as a download name: the last path
    component only (either separator), no control characters, at most 255 characters with the
    extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".").strip()
    if not name:
        name = _("attachment")
    if len(name) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name


def _extension(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _read_head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _office_kind(upload: UploadedFile) -> str | None:
    """Which office document a ZIP is, from its member list (the central directory only: no
    member is decompressed beyond the tiny ODF `mimetype`)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            for marker, kind in OOXML_MARKERS.items():
                if marker in names:
                    return kind
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                return ODF_MIMETYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _is_utf8_text(upload: UploadedFile) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Accept one file or raise ValidationError naming it: size first, then what the content
    is, then whether the name's extension agrees with the content."""
    name = clean_file_name(upload.name)
    size = upload.size or 0
    limit = settings.KAM_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s MB."),
            code="too_big",
            params={"name": name, "size": filesizeformat(size), "limit": max_size_mb()},
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})

    extension = _extension(name)
    kind = filetype.guess(_read_head(upload))
    detected = kind.extension if kind else None
    if detected == "zip":
        detected = _office_kind(upload) or detected

    if detected is None:
        if extension in TEXT_TYPES and _is_utf8_text(upload):
            return CheckedUpload(upload, name, TEXT_TYPES[extension], size)
        if extension in TEXT_TYPES:
            raise ValidationError(
                _("“%(name)s” is not plain UTF-8 text. Save it as UTF-8 (or as PDF) and upload it again."),
                code="not_text",
                params={"name": name},
            )
        raise _not_accepted(name)

    if detected not in ACCEPTED:
        raise _not_accepted(name)
    content_type, extensions = ACCEPTED[detected]
    if extension not in extensions:
        raise ValidationError(
            _(
                "“%(name)s” is named as a .%(extension)s file, but its content is %(detected)s. "
                "Give it its real extension, or upload the right file."
            ),
            code="extension_mismatch",
            params={"name": name, "extension": extension or "—", "detected": detected.upper()},
        )
    return CheckedUpload(upload, name, content_type, size)


def _not_accepted(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is not a kind of file the dossier accepts. Accepted: %(accepted)s."),
        code="type_not_accepted",
        params={"name": name, "accepted": ACCEPTED_DESCRIPTION},
    )


def check_uploads(uploads: Iterable[UploadedFile]) -> list[CheckedUpload]:
    """Check every file and report every refusal at once (each message names its file), so the
    user fixes them in one go; nothing is accepted unless all are."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return checked


def attachment_get_for_user(*, user, pk: int, edit: bool = False) -> Attachment:
    """One attachment, visible through its entry's account (404, logged, otherwise); with
    edit=True the user must also be allowed to change that account (403, logged). Attachments
    have no account of their own, so this is their door instead of `record_get_for_user`."""
    attachment = (
        Attachment.objects.filter(pk=pk, entry__account__in=Account.objects.visible_to(user).values("pk"))
        .select_related("entry__account")
        .first()
    )
    if attachment is None:
        raise deny_not_found(user, "edit" if edit else "view", f"attachment:{pk}")
    if edit and not account_is_editable(user=user, account=attachment.entry.account):
        raise deny_forbidden(user, "change", f"attachment:{pk}")
    return attachment
