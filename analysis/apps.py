from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Client analysis")

    def ready(self) -> None:
        from accounts.tabs import DOSSIER_TABS, DossierTab

        if any(tab.key == "scores" for tab in DOSSIER_TABS):
            return
        # Before the History tab, which stays last.
        keys = [tab.key for tab in DOSSIER_TABS]
        at = keys.index("history") if "history" in keys else len(keys)
        DOSSIER_TABS.insert(at, DossierTab("scores", _("Scores"), "analysis:scores"))
