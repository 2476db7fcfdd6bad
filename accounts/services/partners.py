"""Writes to an account's business partners."""

from django.db import transaction

from accounts.models import Account, BusinessPartner
from accounts.services.access import require_edit
from kam.core.locking import save_versioned

# What a user may set; the account comes from the URL, never from the submitted data.
PARTNER_FIELDS = ("name", "kind", "website", "notes")


def _apply(partner: BusinessPartner, data: dict) -> None:
    for field in PARTNER_FIELDS:
        if field in data:
            setattr(partner, field, data[field])


@transaction.atomic
def partner_create(*, by, account: Account, data: dict) -> BusinessPartner:
    """Record one of the client's partners on `account`, with `by` in its history."""
    require_edit(by=by, account=account)
    partner = BusinessPartner(account=account)
    _apply(partner, data)
    partner._history_user = by
    save_versioned(partner, expected_version=None)
    return partner


@transaction.atomic
def partner_update(*, by, partner: BusinessPartner, data: dict, expected_version: int | None) -> BusinessPartner:
    """Change a partner; ConcurrentEditError when someone saved it since `expected_version`."""
    require_edit(by=by, account=partner.account)
    _apply(partner, data)
    partner._history_user = by
    save_versioned(partner, expected_version=expected_version)
    return partner


@transaction.atomic
def partner_delete(*, by, partner: BusinessPartner) -> None:
    """Remove a partner; its history keeps who removed it."""
    require_edit(by=by, account=partner.account)
    partner._history_user = by
    partner.delete()
