"""The write-side access check every dossier service makes before it changes anything."""

from accounts.models import Account
from accounts.selectors import account_is_editable
from kam.core.access import deny_forbidden


def require_edit(*, by, account: Account) -> None:
    """Refuse (403, logged) a write by someone who may not change the account. Views check the
    same through their selector first; this keeps services safe for any other caller."""
    if not account_is_editable(user=by, account=account):
        raise deny_forbidden(by, "change", f"account:{account.pk}")
