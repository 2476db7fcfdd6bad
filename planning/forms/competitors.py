"""The form that records a competitor at an account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import ListedModelChoiceField
from kam.core.widgets import Select
from planning.models import Competitor, CompetitorPresence, ProductGroup


class CompetitorPresenceForm(forms.ModelForm):
    """Competitor, product group (empty: present in general) and notes. The account comes from
    the URL, never from the form; uniqueness per account is checked by the service."""

    class Meta:
        model = CompetitorPresence
        fields = ["competitor", "group", "notes"]
        # The form sits on every editor's Sales tab: its two short lists are read and drawn cheaply.
        field_classes = {"competitor": ListedModelChoiceField, "group": ListedModelChoiceField}
        widgets = {"competitor": Select, "group": Select, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competitor"].queryset = Competitor.objects.order_by("name")
        self.fields["competitor"].empty_label = _("Choose a competitor")
        self.fields["group"].queryset = ProductGroup.objects.order_by("position", "name")
        self.fields["group"].empty_label = _("In general (any product group)")
        self.fields["group"].required = False
