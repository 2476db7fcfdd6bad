"""The assessment form (every active criterion as a 1–10 input with a comment) and the form
of a year's results."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.models import SCORE_MAX, SCORE_MIN, AccountResult, Criterion, Dimension
from analysis.services import ScoreInput
from analysis.suggestions import Suggestion
from kam.core.forms import VersionedModelForm


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(
        self,
        *args,
        criteria: list[Criterion],
        suggestions: dict[str, Suggestion] | None = None,
        previous: dict[int, int] | None = None,
        **kwargs,
    ):
        """`suggestions` by measure; `previous`: the last assessment's value per criterion id,
        shown beside each input (the form starts from the suggestions, not from the past)."""
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.suggestions = suggestions or {}
        self.previous = previous or {}
        self.fields["assessed_on"].initial = timezone.localdate()
        for criterion in criteria:
            suggestion = self.suggestion_for(criterion)
            self.fields[self.score_name(criterion)] = forms.IntegerField(
                label=criterion.name,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                initial=suggestion.value if suggestion else None,
                widget=forms.NumberInput(attrs={"class": "form-control score-input", "inputmode": "numeric"}),
            )
            self.fields[self.comment_name(criterion)] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name},
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    @staticmethod
    def score_name(criterion: Criterion) -> str:
        return f"score_{criterion.pk}"

    @staticmethod
    def comment_name(criterion: Criterion) -> str:
        return f"comment_{criterion.pk}"

    def suggestion_for(self, criterion: Criterion) -> Suggestion | None:
        return self.suggestions.get(criterion.measure) if criterion.measure else None

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return assessed_on

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            suggestion = self.suggestion_for(criterion)
            value = cleaned.get(self.score_name(criterion))
            comment = (cleaned.get(self.comment_name(criterion)) or "").strip()
            if suggestion and value is not None and value != suggestion.value and not comment:
                self.add_error(
                    self.comment_name(criterion),
                    _("You changed the suggested score (%(value)s): say why.") % {"value": suggestion.value},
                )
        return cleaned

    def groups(self) -> list[dict]:
        """The rows of the form, by dimension: what the template lays out."""
        groups = []
        for dimension in Dimension:
            rows = [
                {
                    "criterion": criterion,
                    "score": self[self.score_name(criterion)],
                    "comment": self[self.comment_name(criterion)],
                    "suggestion": self.suggestion_for(criterion),
                    "previous": self.previous.get(criterion.pk),
                }
                for criterion in self.criteria
                if criterion.dimension == dimension
            ]
            if rows:
                groups.append({"dimension": dimension, "rows": rows})
        return groups

    def score_inputs(self) -> list[ScoreInput]:
        """The scores of a valid form, ready for the service."""
        return [
            ScoreInput(
                criterion=criterion,
                value=self.cleaned_data[self.score_name(criterion)],
                comment=self.cleaned_data.get(self.comment_name(criterion)) or "",
                suggestion=self.suggestion_for(criterion),
            )
            for criterion in self.criteria
        ]

    def entered_scores(self) -> list[ScoreInput]:
        """What has been typed so far that is a valid score, for the live totals: the form
        need not be valid (nor even bound to a full set of scores)."""
        entered = []
        for criterion in self.criteria:
            raw = str(self.data.get(self.add_prefix(self.score_name(criterion)), "")).strip()
            if raw.isdigit() and SCORE_MIN <= int(raw) <= SCORE_MAX:
                entered.append(ScoreInput(criterion=criterion, value=int(raw)))
        return entered


class AccountResultForm(VersionedModelForm):
    year = forms.IntegerField(
        label=_("Year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], widget=forms.NumberInput()
    )

    class Meta:
        model = AccountResult
        fields = ["year", "turnover", "profit", "client_total_purchases", "notes"]

    def clean(self):
        cleaned = super().clean()
        turnover = cleaned.get("turnover")
        purchases = cleaned.get("client_total_purchases")
        if turnover is not None and turnover < Decimal(0):
            self.add_error("turnover", _("Turnover cannot be negative."))
        if turnover is not None and purchases is not None and purchases < turnover:
            self.add_error(
                "client_total_purchases",
                _("The client's total purchases include what it bought from us: at least the turnover."),
            )
        year = cleaned.get("year")
        if year and year > timezone.localdate().year:
            self.add_error("year", _("Results are entered for years that have begun."))
        return cleaned
