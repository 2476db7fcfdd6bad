"""Forms of a client development plan: creating it, its header, and one form per part
(each takes the plan, so choices come from the plan's own account)."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.forms import VersionedModelForm
from kam.core.widgets import LongSelect
from meetings.forms.preparation import GridMixin
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)
from planning.selectors.development import (
    account_plan_default_year,
    plan_contact_choices,
    plan_partner_choices,
    stage_owner_choices,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY_WIDGET = forms.NumberInput(attrs={"min": 0, "step": "0.01"})


def textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class AccountPlanCreateForm(forms.ModelForm):
    """The year (this year, or next once this year's plan exists) and a first summary. A
    year the account already has a plan for is an error on the year."""

    class Meta:
        model = AccountPlan
        fields = ["year", "summary"]
        widgets = {"summary": textarea(3)}

    def __init__(self, *args, account: Account, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        year = self.fields["year"]
        year.initial = account_plan_default_year(account=account, today=today)
        year.validators += [MinValueValidator(today.year - 5), MaxValueValidator(today.year + 5)]
        year.widget.attrs.update({"min": today.year - 5, "max": today.year + 5})

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if AccountPlan.objects.filter(account=self.account, year=year).exists():
            raise forms.ValidationError(
                _("%(account)s already has a development plan for %(year)s.") % {"account": self.account, "year": year},
                code="duplicate_year",
            )
        return year


class AccountPlanForm(GridMixin, VersionedModelForm):
    """The header: summary and status. Closing makes the plan read-only for everyone."""

    GRID = {"status": "col-md-4"}

    class Meta:
        model = AccountPlan
        fields = ["summary", "status"]
        widgets = {"summary": textarea(3)}
        help_texts = {"status": _("A closed plan can no longer be changed by anyone.")}


class PlanPartForm(GridMixin, VersionedModelForm):
    """A row of one part of `plan`."""

    def __init__(self, *args, plan: AccountPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan


class GoalForm(PlanPartForm):
    GRID = {"side": "col-md-4"}

    class Meta:
        model = StrategicGoal
        fields = ["side", "text"]
        widgets = {"text": textarea(2)}


class SwotForm(PlanPartForm):
    GRID = {"quadrant": "col-md-4"}

    class Meta:
        model = SwotItem
        fields = ["quadrant", "text"]
        widgets = {"text": textarea(2)}


class ObjectiveForm(PlanPartForm):
    GRID = {"measure": "col-md-8", "achieved": "col-md-4 pt-md-4"}

    class Meta:
        model = PlanObjective
        fields = ["text", "measure", "achieved"]
        widgets = {"text": textarea(2)}
        help_texts = {"measure": _("How we will know it was reached: a figure, a date, a signed document.")}


class PlannedContactForm(PlanPartForm):
    """Whom we mean to meet (a person of the client), around when, and why."""

    GRID = {"planned_for": "col-md-4", "contact": "col-md-8"}

    class Meta:
        model = PlannedContact
        fields = ["planned_for", "contact", "purpose"]
        widgets = {"planned_for": DATE_WIDGET, "purpose": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        contact.queryset = plan_contact_choices(plan=self.plan)
        contact.empty_label = _("— not decided yet —")


class BudgetLineForm(PlanPartForm):
    GRID = {"item": "col-md-6", "planned": "col-md-3", "spent": "col-md-3"}

    class Meta:
        model = BudgetLine
        fields = ["item", "planned", "spent"]
        widgets = {"planned": MONEY_WIDGET, "spent": MONEY_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("planned", "spent"):
            self.fields[name].validators.append(MinValueValidator(0))
        self.fields["spent"].initial = 0


class PlanStageForm(PlanPartForm):
    """A stage with its owner (an active user, or whoever owns it now) and deadline. Done is
    a tick here: ticked keeps the first date it was done; unticked reopens the stage."""

    GRID = {"title": "col-md-8", "deadline": "col-md-4", "owner": "col-md-8", "done": "col-md-4 pt-md-4"}

    done = forms.BooleanField(label=_("Done"), required=False)

    class Meta:
        model = PlanStage
        fields = ["title", "deadline", "owner", "done", "procedure"]
        widgets = {"deadline": DATE_WIDGET, "owner": LongSelect, "procedure": textarea(2)}
        help_texts = {"procedure": _("How it is done: the steps, the documents, who signs.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = stage_owner_choices(keep_id=self.instance.owner_id)
        owner.required = True
        self.fields["done"].initial = self.instance.done_at is not None


class OpportunityForm(PlanPartForm):
    GRID = {"title": "col-md-8", "status": "col-md-4", "partner": "col-md-8", "value": "col-md-4"}

    class Meta:
        model = PartnershipOpportunity
        fields = ["title", "status", "partner", "value", "description"]
        widgets = {"value": MONEY_WIDGET, "description": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        partner.queryset = plan_partner_choices(plan=self.plan)
        partner.empty_label = _("— none: with the client alone —")
        self.fields["value"].validators.append(MinValueValidator(0))
