"""`manage.py scan_reminders`: run the reminder scan once and print what it did (the demo
runs it to show notifications; production leaves it to Celery beat)."""

from django.core.management.base import BaseCommand

from kam.notifications.scan import run_scan


class Command(BaseCommand):
    help = "Run the reminder scan once: remind everyone of what is due, each reminder once."

    def handle(self, *args, **options):
        result = run_scan()
        self.stdout.write(
            f"Reminder scan: {result.new} new of {result.due} due, {len(result.skipped)} skipped "
            f"or rerouted, {result.seconds:.2f} s."
        )
        # Each skipped or rerouted reminder is in the log (kam.reminders) with its reason.
        for source in result.failed:
            self.stderr.write(f"  the {source} source failed (see the log)")
