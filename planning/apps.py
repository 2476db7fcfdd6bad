from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from accounts.tabs import DOSSIER_TABS, DossierTab
        from analysis.suggestions import install_provider, installed_provider
        from planning.imports import register_after_import
        from planning.suggestions import SalesRecordMeasures
        from planning.summary import refresh_after_import

        # The dashboards' monthly summary follows every applied import.
        register_after_import(refresh_after_import)
        if installed_provider() is None:
            install_provider(SalesRecordMeasures())
        if not any(tab.key == "sales" for tab in DOSSIER_TABS):
            # Before the History tab, which stays last.
            keys = [tab.key for tab in DOSSIER_TABS]
            at = keys.index("history") if "history" in keys else len(keys)
            DOSSIER_TABS.insert(at, DossierTab("sales", _("Sales"), "planning:sales"))
        if not any(tab.key == "plans" for tab in DOSSIER_TABS):
            # Right after the Sales tab: the plans are read against those sales.
            keys = [tab.key for tab in DOSSIER_TABS]
            DOSSIER_TABS.insert(keys.index("sales") + 1, DossierTab("plans", _("Plans"), "planning:account_plans"))
