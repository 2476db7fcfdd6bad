"""The uploaded file between preview and apply.

It is kept in the default storage under a random name, and only the uploader's session knows
that name: another user cannot apply it, and the apply step reads exactly the bytes that were
previewed (and validates them again). A new upload replaces the session's previous file;
files left behind by abandoned previews are removed after a day.
"""

import datetime
import secrets
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "planning_sales_import"
FOLDER = "imports/pending"
MAX_AGE = datetime.timedelta(days=1)


def keep(request, uploaded) -> None:
    """Store the upload and remember it in the session (forgetting any earlier one)."""
    discard(request)
    _remove_stale()
    suffix = ".xlsx" if uploaded.name.lower().endswith(".xlsx") else ".csv"
    name = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(24)}{suffix}", uploaded)
    request.session[SESSION_KEY] = {"name": name, "file_name": Path(uploaded.name).name}


def get(request) -> tuple[Path, str] | None:
    """(local path, original file name) of the session's previewed file, if it is still there."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending["name"]):
        return None
    return Path(default_storage.path(pending["name"])), pending["file_name"]


def discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        default_storage.delete(pending["name"])


def _remove_stale() -> None:
    if not default_storage.exists(FOLDER):
        return
    limit = timezone.now() - MAX_AGE
    for name in default_storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
