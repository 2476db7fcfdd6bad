"""Forms of a meeting's follow-up: a topic's outcome, the values agreed on a target, the
interest signals and the minutes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import VersionedModelForm
from meetings.forms.preparation import GridMixin, percent_field, textarea
from meetings.models import AgendaTopic, Meeting, NegotiationTarget


class OutcomeForm(GridMixin, VersionedModelForm):
    class Meta:
        model = AgendaTopic
        fields = ["outcome", "outcome_notes"]
        widgets = {"outcome": forms.RadioSelect, "outcome_notes": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = AgendaTopic.Outcome.choices


class AgreedForm(GridMixin, VersionedModelForm):
    """What was agreed. A value beyond its limit is accepted (it is what happened) and
    flagged where the target shows."""

    GRID = {"agreed_volume": "col-md-4", "agreed_price": "col-md-4", "agreed_discount": "col-md-4"}

    class Meta:
        model = NegotiationTarget
        fields = ["agreed_volume", "agreed_price", "agreed_discount", "agreed_terms"]
        widgets = {"agreed_terms": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        percent_field(self.fields["agreed_discount"])


class SignalsForm(GridMixin, VersionedModelForm):
    GRID = {
        "client_questions": "col-md-4",
        "tone": "col-md-4",
        "expression": "col-md-4",
        "took_notes": "col-md-4",
        "other_signs": "col-md-8",
    }

    took_notes = forms.NullBooleanField(
        label=_("The client took notes"),
        required=False,
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Meeting
        fields = ["client_questions", "tone", "expression", "took_notes", "other_signs", "signals_notes"]
        widgets = {"signals_notes": textarea(2), "client_questions": forms.NumberInput(attrs={"min": 0})}


class MinutesForm(GridMixin, VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes"]
        widgets = {"minutes": textarea(6)}
        help_texts = {"minutes": _("The written conclusions of the meeting: what was decided, and what comes next.")}
