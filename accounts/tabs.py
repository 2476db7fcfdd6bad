"""The tabs of an account's dossier page. Other apps add theirs (meetings, scores, sales,
plans) by appending to DOSSIER_TABS from their AppConfig.ready()."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DossierTab:
    key: str
    label: str | Promise
    url_name: str  # takes the account's pk


DOSSIER_TABS: list[DossierTab] = [
    DossierTab("overview", _("Overview"), "accounts:detail"),
    DossierTab("contacts", _("Contacts"), "accounts:contacts"),
    DossierTab("partners", _("Partners"), "accounts:partners"),
    DossierTab("dossier", _("Dossier"), "accounts:dossier"),
    DossierTab("history", _("History"), "accounts:history"),
]
