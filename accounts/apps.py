from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Key accounts")

    def ready(self) -> None:
        # Connects the receivers that keep the dossier's search index current.
        from accounts import signals  # noqa: F401
