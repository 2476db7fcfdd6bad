"""The change history of one account and everything in its dossier: the account, its
contacts, partners, entries and attachments, read together by kam.core.history."""

from django.utils.translation import gettext as _

from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry
from kam.core.history import Change, recent_changes

CHANGES_PER_KIND = 50


def account_changes(*, account: Account, limit: int = CHANGES_PER_KIND) -> list[Change]:
    """The latest changes to the account, its contacts, partners and entries, newest first.
    A fixed number of queries: one per kind of record, one more per kind with changed (not
    created) records, and one per model named by a changed foreign key or a change's author.
    The account and its manager, which the page holds, are not read again."""
    sources = [
        (Account.history.filter(id=account.pk), _("Account")),
        (Contact.history.filter(account_id=account.pk), _("Contact")),
        (BusinessPartner.history.filter(account_id=account.pk), _("Business partner")),
        (DossierEntry.history.filter(account_id=account.pk), _("Dossier entry")),
        (Attachment.history.filter(entry__account_id=account.pk), _("Attachment")),
    ]
    return recent_changes(sources, limit=limit, user_model=type(account.owner), known=[account, account.owner])
