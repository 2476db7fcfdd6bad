"""What every tab of the dossier page needs."""

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import Account
from accounts.selectors import account_is_editable
from accounts.tabs import DOSSIER_TABS


def dossier_context(request: HttpRequest, account: Account, active_tab: str, **extra) -> dict:
    tabs = [
        {"key": tab.key, "label": tab.label, "url": reverse(tab.url_name, args=[account.pk])} for tab in DOSSIER_TABS
    ]
    return {
        "account": account,
        "tabs": tabs,
        "active_tab": active_tab,
        "can_edit": account_is_editable(user=request.user, account=account),
        "nav": "accounts",
        **extra,
    }
