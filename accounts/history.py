"""The change history of one account and everything in its dossier."""

from django.utils.translation import gettext as _

from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry
from kam.core.history import Change, recent_changes

CHANGES_PER_KIND = 50


def account_changes(*, account: Account, limit: int = CHANGES_PER_KIND) -> list[Change]:
    """The latest changes to the account, its contacts, partners and entries, newest first
    (a fixed number of queries: a few per kind of record)."""
    sources = [
        (Account.history.filter(id=account.pk), _("Account")),
        (Contact.history.filter(account_id=account.pk), _("Contact")),
        (BusinessPartner.history.filter(account_id=account.pk), _("Business partner")),
        (DossierEntry.history.filter(account_id=account.pk), _("Dossier entry")),
        (Attachment.history.filter(entry__account_id=account.pk), _("Attachment")),
    ]
    changes = [change for history, kind in sources for change in recent_changes(history, limit=limit, kind=kind)]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
