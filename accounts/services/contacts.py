"""Writes to the people of an account. The caller has fetched the account or contact through
an editing selector; these services check the right again, as every write does."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.models import Account, Contact
from accounts.orgchart import creates_cycle
from accounts.services.access import require_edit
from kam.core.locking import save_versioned


def _check_reports_to(contact: Contact) -> None:
    """The manager works at the same client and is not the contact or someone below them.
    The form offers only such people; this holds the line for any other caller."""
    manager = contact.reports_to
    if manager is None:
        return
    if manager.account_id != contact.account_id:
        raise ValidationError(_("The manager must work at the same client."), code="other_account")
    if contact.pk is None:
        return
    parent_of = dict(Contact.objects.filter(account_id=contact.account_id).values_list("pk", "reports_to_id"))
    if creates_cycle(parent_of, contact.pk, manager.pk):
        raise ValidationError(
            _("%(name)s cannot be this person's manager: that would make a loop.") % {"name": manager},
            code="cycle",
        )


@transaction.atomic
def contact_create(*, by, account: Account, data: dict) -> Contact:
    """Add a person to the account; `data` holds the contact form's fields (never `account`)."""
    require_edit(by=by, account=account)
    contact = Contact(**data)
    contact.account = account
    _check_reports_to(contact)
    contact._history_user = by
    save_versioned(contact, expected_version=None)
    return contact


@transaction.atomic
def contact_update(*, by, contact: Contact, data: dict, expected_version: int | None) -> Contact:
    """Change a contact. Raises ConcurrentEditError when someone saved it since
    `expected_version`, and nothing is written."""
    require_edit(by=by, account=contact.account)
    for name, value in data.items():
        if name != "account":
            setattr(contact, name, value)
    _check_reports_to(contact)
    contact._history_user = by
    save_versioned(contact, expected_version=expected_version)
    return contact


@transaction.atomic
def contact_delete(*, by, contact: Contact) -> None:
    """Remove a contact. The people who reported to them stay, with no manager. The foreign
    key would clear that silently; done here, it is recorded in their history (by whom) and
    bumps their version like any other change."""
    require_edit(by=by, account=contact.account)
    reports = list(Contact.objects.select_for_update().filter(reports_to=contact))
    now = timezone.now()
    for report in reports:
        report.reports_to = None
        report.version += 1
        report.updated_at = now
    if reports:
        bulk_update_with_history(reports, Contact, ["reports_to", "version", "updated_at"], default_user=by)
    contact._history_user = by
    contact.delete()
