"""Rebuild the dossier's search index from scratch (after loading fixtures, bulk imports or
a change to what is indexed). Safe to run at any time: one transaction, searches keep
working on the old index until it commits."""

from django.core.management.base import BaseCommand

from accounts.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index of the dossiers (accounts, contacts, partners, entries) from scratch."

    def handle(self, *args, **options) -> None:
        written = rebuild_index()
        for kind, count in written.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {sum(written.values())} rows."))
