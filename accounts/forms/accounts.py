"""Forms of the dossier. Choice querysets come from the same scoped doors as the pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.forms import VersionedModelForm
from kam.users.models import Role


def kam_choices():
    """People who can own an account or sit on its team."""
    return get_user_model().objects.filter(is_active=True, role=Role.KAM).order_by("last_name", "first_name")


class AccountForm(VersionedModelForm):
    """Owner is set by the service (the creator) or by an administrator; never by a POST
    from an account manager."""

    class Meta:
        model = Account
        fields = [
            "name",
            "legal_name",
            "tax_id",
            "external_code",
            "industry",
            "region",
            "status",
            "tier",
            "website",
            "phone",
            "address",
            "base_information",
            "team",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "base_information": forms.Textarea(attrs={"rows": 5}),
            "team": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = self.fields["industry"].queryset.order_by("name")
        team = kam_choices()
        if self.instance.pk:
            team = team.exclude(pk=self.instance.owner_id)
        self.fields["team"].queryset = team
        self.fields["team"].required = False
        self.fields["team"].help_text = _("Colleagues who work on this account with the same rights as you.")
        if user.is_admin:
            self.fields["owner"] = forms.ModelChoiceField(
                queryset=kam_choices(), label=_("Account manager"), initial=self.instance.owner_id or None
            )

    def clean_tax_id(self):
        return self._unique_code("tax_id", _("Another account already has this tax id."))

    def clean_external_code(self):
        return self._unique_code("external_code", _("Another account already has this ERP code."))

    def _unique_code(self, name: str, message: str) -> str:
        """Codes identify a client company-wide (imports match on them), so they are unique
        across all accounts; the message names the field and reveals nothing about the other."""
        value = self.cleaned_data[name].strip()
        if value and Account.objects.filter(**{name: value}).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(message, code="unique")
        return value
