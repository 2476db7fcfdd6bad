from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # a million rows of CSV is about 60 MB


class SalesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ERP export"),
        help_text=_("CSV (UTF-8, separated by commas or semicolons) or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return uploaded
