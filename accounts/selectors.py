"""Reads of the dossier, each scoped to the user asking. Views, forms, exports and search
use these doors and no other."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Account, BusinessPartner, Contact, DossierEntry
from kam.core.access import deny_forbidden, deny_not_found


def account_list_for_user(*, user) -> QuerySet[Account]:
    """Accounts the user may see, with what the list shows joined in: a fixed number of
    queries however many rows are shown."""
    contact_counts = (
        Contact.objects.filter(account=OuterRef("pk")).order_by().values("account").annotate(n=Count("pk")).values("n")
    )
    return (
        Account.objects.visible_to(user)
        .select_related("industry", "region", "owner")
        # A correlated count per shown row, not a GROUP BY over every account's contacts.
        .annotate(contact_count=Coalesce(Subquery(contact_counts), 0))
    )


def account_get_for_user(*, user, pk: int) -> Account:
    """One account the user may see, or 404 (logged)."""
    account = Account.objects.visible_to(user).select_related("industry", "region", "owner").filter(pk=pk).first()
    if account is None:
        raise deny_not_found(user, "view", f"account:{pk}")
    return account


def account_get_for_edit(*, user, pk: int) -> Account:
    """One account the user may change: 404 if they may not see it, 403 if they only read it."""
    account = account_get_for_user(user=user, pk=pk)
    if not account_is_editable(user=user, account=account):
        raise deny_forbidden(user, "change", f"account:{pk}")
    return account


def account_is_editable(*, user, account: Account) -> bool:
    """Whether the user may change this (visible) account and its records."""
    if user.is_admin:
        return True
    if not user.is_kam:
        return False
    return account.owner_id == user.pk or Account.objects.editable_by(user).filter(pk=account.pk).exists()


def record_get_for_user(*, user, model, pk: int, edit: bool = False):
    """A contact, partner or entry, visible through its account; with edit=True the user
    must also be allowed to change the account (403 otherwise)."""
    record = (
        model.objects.visible_to(user)
        .select_related("account__industry", "account__region", "account__owner")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise deny_not_found(user, "edit" if edit else "view", f"{model._meta.model_name}:{pk}")
    if edit and not account_is_editable(user=user, account=record.account):
        raise deny_forbidden(user, "change", f"{model._meta.model_name}:{pk}")
    return record


def contact_list_for_account(*, account: Account) -> QuerySet[Contact]:
    """The account's contacts for the dossier and the map (the caller has checked access)."""
    return account.contacts.select_related("reports_to", "relationship_owner").order_by("last_name", "first_name")


def partner_list_for_account(*, account: Account) -> QuerySet[BusinessPartner]:
    return account.partners.all()


def entry_list_for_account(*, account: Account) -> QuerySet[DossierEntry]:
    """The dossier timeline, newest first, with authors and attachments in two queries."""
    return account.entries.select_related("author").prefetch_related("attachments")


def entry_category_counts(*, account: Account) -> dict[str, int]:
    """How many entries the dossier has per category, in one grouped query."""
    return dict(account.entries.order_by().values_list("category").annotate(count=Count("pk")))


def entry_page_number(*, account: Account, entry_id: int, category: str, page_size: int) -> int | None:
    """The timeline page (newest first) that shows this entry, so a link can land on it; None
    when the account has no such entry. Two queries whatever the size of the dossier."""
    entries = account.entries.all()
    if category:
        entries = entries.filter(category=category)
    entry = entries.filter(pk=entry_id).values("occurred_on", "pk").first()
    if entry is None:
        return None
    newer = entries.filter(
        Q(occurred_on__gt=entry["occurred_on"]) | Q(occurred_on=entry["occurred_on"], pk__gt=entry["pk"])
    ).count()
    return newer // page_size + 1
