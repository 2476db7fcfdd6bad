"""The form for a client's business partner. The account is set by the service."""

from django import forms

from accounts.models import BusinessPartner
from kam.core.forms import VersionedModelForm


class BusinessPartnerForm(VersionedModelForm):
    class Meta:
        model = BusinessPartner
        fields = ["name", "kind", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self):
        return self.cleaned_data["name"].strip()
