"""`manage.py import_sales FILE [--dry-run]`: import actual sales from an ERP export for every
account (scheduled ERP drops). Exit code 1, with the errors, when any row is bad."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planning.imports.validation import Validation
from planning.services.imports import ImportRefused, sales_import_apply, sales_import_preview


class Command(BaseCommand):
    help = "Import actual sales from a CSV or XLSX export: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if dry_run:
            validation = sales_import_preview(by=None, path=file)
            if not validation.ok:
                self._fail(validation)
            self._report(validation, replaced=validation.replaced)
            self.stdout.write(f"Dry run: nothing written ({validation.seconds:.1f} s to validate).")
            return
        try:
            sales_import = sales_import_apply(by=None, path=file, file_name=file.name)
        except ImportRefused as refused:
            self._fail(refused.validation)
        self._report(sales_import.validation, replaced=sales_import.replaced)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sales_import.rows} rows in {sales_import.seconds:.1f} s"
                f" (validate {sales_import.validation.seconds:.1f} s, apply {sales_import.apply_seconds:.1f} s)."
            )
        )

    def _report(self, validation: Validation, *, replaced: int) -> None:
        months = f"{validation.first_month:%Y-%m}–{validation.last_month:%Y-%m}"
        self.stdout.write(
            f"Rows: {validation.rows}\nMonths: {months} ({len(validation.months)})\n"
            f"Accounts: {validation.account_count}\nVolume: {validation.volume}\n"
            f"Revenue: {validation.revenue}\nMargin: {validation.margin}\nReplaced: {replaced}"
        )

    def _fail(self, validation: Validation) -> None:
        for error in validation.errors:
            self.stderr.write(str(error))
        if validation.hidden_errors:
            self.stderr.write(f"…and {validation.hidden_errors} more errors.")
        self.stderr.write(f"{validation.error_count} errors: nothing imported.")
        raise SystemExit(1)
