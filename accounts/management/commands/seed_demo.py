"""`manage.py seed_demo`: the demo's users, regions and 40 key accounts with their dossiers,
their meetings and commitments (built by meetings/demo.py and meetings/demo_commitments.py), and
the catalogue, competitors and three years of sales (built by planning/demo.py).

Deterministic (one seeded random.Random; dates relative to today, so stale contacts stay
stale) and idempotent: while user kam1 exists it does nothing, unless --reset deletes the demo
users and everything they own first. The builder lives in accounts/demo_builder.py, the tables
in accounts/demo.py, accounts/demo_people.py and accounts/demo_entries.py.
"""

import time
from random import Random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import demo
from accounts.demo_builder import DemoBuilder
from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry
from kam.users.models import User
from meetings.demo import demo_meeting_ids
from meetings.packs.services import packs_prepare_annual
from planning.demo_plans import demo_plan_ids
from planning.models import SalesPlan
from planning.summary import rebuild_sales_summary


class Command(BaseCommand):
    help = (
        "Load deterministic demo data (users with the password 'demo', 40 key accounts with dossiers, "
        "meetings and commitments, a product catalogue and three years of sales)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo users and everything they own first, then load the demo again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        started = time.monotonic()
        if not reset and User.objects.filter(username=demo.SENTINEL_USERNAME).exists():
            self.stdout.write(
                f"Demo data is already loaded (user {demo.SENTINEL_USERNAME} exists); nothing to do. "
                "Use --reset to load it again."
            )
            return
        with transaction.atomic():
            removed = delete_demo_data() if reset else 0
            counts = DemoBuilder(rng=Random(demo.SEED), today=timezone.localdate()).build()
            # The dashboards read the monthly summary, not the records the demo just wrote.
            rebuild_sales_summary()
        indexed = rebuild_search_index()
        # What the daily job does: packs for the annual meetings of the coming week (rendered
        # here and now when no broker is configured, as when `make demo` seeds).
        packs = packs_prepare_annual()
        elapsed = time.monotonic() - started
        if removed:
            self.stdout.write(f"Removed the previous demo data ({removed} accounts).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {elapsed:.1f} s: {counts['users']} users, {counts['accounts']} accounts, "
                f"{counts['contacts']} contacts, {counts['partners']} business partners, "
                f"{counts['entries']} dossier entries, {counts['meetings']} meetings "
                f"({counts['topics']} agenda topics, {counts['targets']} negotiation targets, "
                f"{counts['checklist_items']} checklist items), {counts['commitments']} commitments "
                f"({counts['commitment_updates']} status changes), {counts['assessments']} assessments, "
                f"{counts['products']} products, {counts['competitors']} competitors "
                f"({counts['competitor_presences']} at accounts), {counts['sales_records']} sales records, "
                f"{counts['sales_plans']} sales plans ({counts['plan_lines']} lines, "
                f"{counts['plan_transitions']} approval steps), {counts['account_plans']} development plans "
                f"({counts['plan_stages']} stages)."
            )
        )
        if packs:
            self.stdout.write(f"{len(packs)} briefing packs for the annual meetings of the coming week.")
        if not indexed:
            self.stdout.write("The dossier search index was not rebuilt (accounts.search is not installed).")
        self.stdout.write(f"Log in as {', '.join(demo.DEMO_USERNAMES)} with the password '{demo.DEMO_PASSWORD}'.")


def delete_demo_data() -> int:
    """Delete the demo users, the accounts they own with their meetings and commitments, and
    what they wrote elsewhere, with the history of those records, so a reset starts from a
    clean slate. Regions, industries and departments stay: the demo reuses them, and other
    data may refer to them."""
    users = User.objects.filter(username__in=demo.DEMO_USERNAMES)
    accounts = Account.objects.filter(owner__in=users)
    entries = DossierEntry.objects.filter(Q(account__in=accounts) | Q(author__in=users))
    ids = {
        Account: list(accounts.values_list("pk", flat=True)),
        Contact: list(Contact.objects.filter(account__in=accounts).values_list("pk", flat=True)),
        BusinessPartner: list(BusinessPartner.objects.filter(account__in=accounts).values_list("pk", flat=True)),
        DossierEntry: list(entries.values_list("pk", flat=True)),
    }
    ids.update(demo_meeting_ids(account_ids=ids[Account]))
    ids.update(demo_plan_ids(account_ids=ids[Account], user_ids=list(users.values_list("pk", flat=True))))
    attachments = Attachment.objects.filter(Q(entry__in=ids[DossierEntry]) | Q(uploaded_by__in=users))
    for attachment in attachments:
        attachment.file.delete(save=False)
    attachments.delete()
    DossierEntry.objects.filter(pk__in=ids[DossierEntry]).delete()
    Account.objects.filter(pk__in=ids[Account]).delete()
    # The regional plans the demo's directors wrote do not go with any account.
    SalesPlan.objects.filter(pk__in=ids[SalesPlan]).delete()
    users.delete()
    for model, pks in ids.items():
        model.history.model.objects.filter(id__in=pks).delete()
    return len(ids[Account])


def rebuild_search_index() -> bool:
    """Fill the dossier search index, when the search module is installed (bulk_create sends
    no signals, so the index does not follow the seed by itself)."""
    try:
        import accounts.search as search
    except ModuleNotFoundError as error:
        if error.name != "accounts.search":
            raise
        return False
    search.rebuild_index()
    return True
