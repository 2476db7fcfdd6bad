from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from accounts.tabs import DOSSIER_TABS, DossierTab
        from meetings import signals  # noqa: F401 - connects the search index receivers
        from meetings.search import register_meetings

        register_meetings()
        if not any(tab.key == "meetings" for tab in DOSSIER_TABS):
            keys = [tab.key for tab in DOSSIER_TABS]
            at = keys.index("history") if "history" in keys else len(keys)
            DOSSIER_TABS.insert(at, DossierTab("meetings", _("Meetings"), "meetings:account_tab"))
