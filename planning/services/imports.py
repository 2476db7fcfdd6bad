"""Importing actual sales: preview (validate, count what would be replaced) and apply (all
rows or none). Used by the import page and by `manage.py import_sales`."""

import tempfile
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from planning.imports import loading, run_after_import
from planning.imports.validation import Validation, validate_file
from planning.models import SalesImport


class ImportRefused(Exception):
    """The file has errors; nothing was written. `validation` lists them."""

    def __init__(self, validation: Validation):
        super().__init__(f"{validation.error_count} errors")
        self.validation = validation


def may_import_sales(user) -> bool:
    """KAMs, directors and administrators import sales (of the accounts they may see)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_kam or user.is_director or user.is_admin)
    )


def _check(by) -> None:
    if by is not None and not may_import_sales(by):
        raise PermissionDenied


def sales_import_preview(*, by, path: Path) -> Validation:
    """Validate the file as `by` would import it (None: the system, every account) and count
    the existing records it would replace. Writes nothing. Queries: two lookups, then one
    count per month and 500 accounts."""
    _check(by)
    validation = validate_file(path, user=by)
    if validation.ok:
        validation.replaced = loading.count_replaced(validation.pairs)
    return validation


def sales_import_apply(*, by, path: Path, file_name: str) -> SalesImport:
    """Validate again (visibility, catalogue and today may have changed since the preview)
    and, if every row is good, replace the records of each (account, month) in the file with
    the file's rows in one transaction; record the SalesImport. Raises ImportRefused when any
    row is bad, having written nothing. Hooks in `planning.imports.after_import` run after
    the commit."""
    _check(by)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="ascii", newline="\n") as staged:
        validation = validate_file(path, user=by, sink=staged)
        if not validation.ok:
            raise ImportRefused(validation)
        with transaction.atomic():
            sales_import = SalesImport.objects.create(
                file_name=file_name[:255],
                imported_by=by,
                rows=validation.rows,
                first_month=validation.first_month,
                last_month=validation.last_month,
                volume=validation.volume,
                revenue=validation.revenue,
            )
            apply_started = time.perf_counter()
            sales_import.replaced = loading.load(staged=staged, pairs=validation.pairs, sales_import_id=sales_import.pk)
            sales_import.seconds = round(time.perf_counter() - started, 3)
            sales_import.save(update_fields=["replaced", "seconds"])
            transaction.on_commit(lambda: run_after_import(sales_import))
    sales_import.validation = validation  # the report (months, margin total) for the caller
    sales_import.apply_seconds = time.perf_counter() - apply_started
    return sales_import
