"""The form for a dossier entry and the files it carries. Account, author and uploader are set
by the service, never from the submitted data."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.attachments import ACCEPT_ATTRIBUTE, ACCEPTED_DESCRIPTION, check_uploads, max_size_mb
from accounts.models import DossierEntry
from accounts.services.entries import entry_date_error
from kam.core.forms import VersionedModelForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans to a list (empty when none chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)] if data else []


class DossierEntryForm(VersionedModelForm):
    attachments = MultipleFileField(label=gettext_lazy("Attach files"), required=False)

    class Meta:
        model = DossierEntry
        fields = ["category", "occurred_on", "title", "text"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "occurred_on": gettext_lazy("When it happened; for a contact plan, when the contact is planned."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _("%(types)s; up to %(limit)s MB each.") % {
            "types": ACCEPTED_DESCRIPTION,
            "limit": max_size_mb(),
        }

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        check_uploads(files)
        return files

    def clean(self):
        cleaned = super().clean()
        error = entry_date_error(category=cleaned.get("category"), occurred_on=cleaned.get("occurred_on"))
        if error:
            self.add_error("occurred_on", error)
        return cleaned

    def report_conflict(self, current: DossierEntry) -> None:
        super().report_conflict(current)
        # The entry's `attachments` relation shares the field's name but is not what the user
        # edits here (files are only added), so it is no conflict.
        label = self.fields["attachments"].label
        self.conflicts = [(name, theirs) for name, theirs in self.conflicts if name != label]
        if self.cleaned_data.get("attachments"):
            self.add_error("attachments", _("The files you chose were not attached: choose them again."))
