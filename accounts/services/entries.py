"""Writes to the dossier timeline: entries and their attachments.

Files are written to storage inside the transaction that saves their rows, and removed again
if anything in it fails; files of deleted rows are removed only once the deletion is committed,
so a rolled-back delete never leaves a row pointing at a missing file.
"""

import datetime
import logging
from collections.abc import Sequence
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.attachments import CheckedUpload, check_uploads
from accounts.models import Account, Attachment, DossierEntry
from accounts.services.access import require_edit
from kam.core.locking import save_versioned

logger = logging.getLogger(__name__)

# What a user may set; account and author come from the URL and the request, never from data.
ENTRY_FIELDS = ("category", "occurred_on", "title", "text")


def entry_date_error(*, category: str, occurred_on: datetime.date | None) -> str | None:
    """Why this date is refused, or None. Only a contact plan describes something still to
    come; every other entry records what already happened, so it cannot be dated after today
    (today in the site's time zone)."""
    if occurred_on is None or category == DossierEntry.Category.CONTACT_PLAN:
        return None
    if occurred_on > timezone.localdate():
        return _("This date is in the future. Only a contact plan may be dated after today.")
    return None


def _apply(entry: DossierEntry, data: dict) -> None:
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    error = entry_date_error(category=entry.category, occurred_on=entry.occurred_on)
    if error:
        raise ValidationError({"occurred_on": error})


def _attachment_storage() -> Storage:
    return Attachment._meta.get_field("file").storage


def _delete_files(names: list[str]) -> None:
    storage = _attachment_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            # The row is gone either way; an orphan file is harmless and shows in the log.
            logger.exception("could not delete attachment file %s", name)


def _delete_files_on_commit(names: list[str]) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(partial(_delete_files, names))


def _attach(*, by, entry: DossierEntry, checked: Sequence[CheckedUpload]) -> list[Attachment]:
    """Store the checked files and their rows. If one fails, the files already written are
    removed before the error propagates and the transaction rolls the rows back."""
    written: list[str] = []
    attachments = []
    try:
        for upload in checked:
            attachment = Attachment(
                entry=entry,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                uploaded_by=by,
            )
            attachment.file.save(upload.original_name, upload.file, save=False)
            written.append(attachment.file.name)
            attachment._history_user = by
            attachment.save()
            attachments.append(attachment)
    except BaseException:
        _delete_files(written)
        raise
    return attachments


@transaction.atomic
def entry_create(*, by, account: Account, data: dict, files: Sequence[UploadedFile] = ()) -> DossierEntry:
    """Write an entry by `by` on `account`, with its files: all of it or none of it. Raises
    ValidationError (naming each refused file, or the refused date) before anything is saved."""
    require_edit(by=by, account=account)
    checked = check_uploads(files)
    entry = DossierEntry(account=account, author=by)
    _apply(entry, data)
    entry._history_user = by
    save_versioned(entry, expected_version=None)
    _attach(by=by, entry=entry, checked=checked)
    return entry


@transaction.atomic
def entry_update(
    *, by, entry: DossierEntry, data: dict, files: Sequence[UploadedFile] = (), expected_version: int | None
) -> DossierEntry:
    """Change an entry and add files to it, all or nothing; the author stays who wrote it.
    ConcurrentEditError when someone saved the entry since `expected_version`."""
    require_edit(by=by, account=entry.account)
    checked = check_uploads(files)
    _apply(entry, data)
    entry._history_user = by
    save_versioned(entry, expected_version=expected_version)
    _attach(by=by, entry=entry, checked=checked)
    return entry


@transaction.atomic
def entry_delete(*, by, entry: DossierEntry) -> None:
    """Remove an entry with its attachments; their files go once the deletion is committed."""
    require_edit(by=by, account=entry.account)
    names = list(entry.attachments.values_list("file", flat=True))
    entry._history_user = by
    entry.delete()
    _delete_files_on_commit(names)


@transaction.atomic
def attachment_delete(*, by, attachment: Attachment) -> None:
    """Remove one attachment; its file goes once the deletion is committed."""
    require_edit(by=by, account=attachment.entry.account)
    name = attachment.file.name
    attachment._history_user = by
    attachment.delete()
    _delete_files_on_commit([name])
