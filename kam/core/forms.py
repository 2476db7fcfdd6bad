"""Form pieces shared by every app: optimistic locking on edit forms, and choice fields for
short lists read in one query."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kam.core.locking import VersionedModel


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that carries the version of the record it was rendered from.

    On a conflict the view calls `report_conflict`: the user's input stays in the form, the
    fields a colleague changed are listed with their new values, and the hidden version moves
    to the current one, so saving again overwrites knowingly rather than silently.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[tuple[str, str]] = []
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version") if self.instance.pk else None

    def report_conflict(self, current: VersionedModel) -> None:
        last = current.history.select_related("history_user").first() if hasattr(current, "history") else None
        who = str(last.history_user) if last and last.history_user else _("someone else")
        when = date_format(last.history_date, "DATETIME_FORMAT") if last else ""
        self.add_error(
            None,
            _(
                "%(who)s saved this record (%(when)s) while you were editing it. Your changes are "
                "still in the form below and were not saved. Check the fields listed, then save "
                "again to keep your version."
            )
            % {"who": who, "when": when},
        )
        for name, field in self.fields.items():
            if name == "version" or not hasattr(current, name):
                continue
            theirs = getattr(current, name)
            if hasattr(theirs, "all"):  # many-to-many: compare the sets of members
                theirs_set = set(theirs.all())
                if theirs_set != set(self.cleaned_data.get(name) or []):
                    self.conflicts.append((field.label, ", ".join(sorted(map(str, theirs_set)))))
                continue
            if theirs != self.cleaned_data.get(name):
                display = getattr(current, f"get_{name}_display", None)
                self.conflicts.append((field.label, str(display() if display else theirs or "—")))
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        self.data = data


class ListedModelChoiceIterator(ModelChoiceIterator):
    """Reads the choices in one plain query. Django's iterator streams them through a
    server-side cursor (on PostgreSQL DECLARE … WITH HOLD, FETCH, CLOSE: three round trips)
    to spare memory on long lists; short lists (competitors, product groups) are a few rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedModelChoiceIterator
