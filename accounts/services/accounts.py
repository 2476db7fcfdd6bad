"""Writes to accounts."""

from django.db import transaction

from accounts.models import Account
from kam.core.locking import save_versioned


@transaction.atomic
def account_create(*, by, data: dict, team=(), owner=None) -> Account:
    """Create an account owned by `by` (an administrator may name another owner)."""
    account = Account(**data)
    account.owner = owner if (owner is not None and by.is_admin) else by
    account._history_user = by
    save_versioned(account, expected_version=None)
    account.team.set([member for member in team if member.pk != account.owner_id])
    return account


@transaction.atomic
def account_update(*, by, account: Account, data: dict, expected_version: int, team=None, owner=None) -> Account:
    """Change an account the caller may edit (checked by the view's selector). Raises
    ConcurrentEditError when someone saved it since `expected_version`."""
    for field, value in data.items():
        setattr(account, field, value)
    if owner is not None and by.is_admin:
        account.owner = owner
    account._history_user = by
    save_versioned(account, expected_version=expected_version)
    if team is not None:
        account.team.set([member for member in team if member.pk != account.owner_id])
    return account
