"""The whitespace grid's filters: a GET form, so that every view of the grid is a bookmarkable
URL. Choices are plain lists read once by the view, so rendering the form runs no queries."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from planning.selectors.whitespace import GRID_SORTS, LAST_TWELVE


class WhitespaceGridForm(forms.Form):
    region = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)
    owner = forms.TypedChoiceField(label=_("Account manager"), coerce=int, required=False, empty_value=None)
    industry = forms.TypedChoiceField(label=_("Industry"), coerce=int, required=False, empty_value=None)
    period = forms.ChoiceField(label=_("Period"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[(key, key) for key in GRID_SORTS])

    def __init__(self, *args, regions, owners, industries, today: datetime.date, all_regions_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", all_regions_label)] + [(r.pk, r.name) for r in regions]
        self.fields["industry"].choices = [("", _("Any industry"))] + [(i.pk, i.name) for i in industries]
        if owners is None:
            # Account managers see their own accounts and their teams': no one else's to pick.
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = [("", _("Anyone"))] + [(u.pk, str(u)) for u in owners]
        years = [str(year) for year in range(today.year, today.year - 3, -1)]
        self.fields["period"].choices = [(LAST_TWELVE, _("Last 12 months"))] + [(year, year) for year in years]

    def value(self, name: str, default=None):
        """The cleaned value of a valid field, `default` for an empty or invalid one: a typo
        in one parameter shows its error and leaves the rest of the view as asked."""
        cleaned = getattr(self, "cleaned_data", {})
        value = cleaned.get(name)
        return default if value in (None, "") else value
