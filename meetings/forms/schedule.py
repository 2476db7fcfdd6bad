"""The schedule form: when, where, who and why of a meeting with one account."""

import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.forms import VersionedModelForm
from meetings.models import Meeting
from meetings.selectors.meetings import attendee_choices, schedulable_accounts


class AccountChoiceForm(forms.Form):
    """The first step of scheduling without an account in the URL: which client."""

    account = forms.ModelChoiceField(queryset=Account.objects.none(), label=_("Account"), empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = schedulable_accounts(user=user)


class MeetingForm(VersionedModelForm):
    """The account comes from the view (the URL), never from the POST. The time is typed as
    a date and a time in the user's own zone (the one active for the request) and stored as
    an instant. Client attendees are offered from the account's contacts only."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "duration_minutes",
            "location",
            "attendees",
            "client_attendees",
            "objective",
        ]
        widgets = {
            "duration_minutes": forms.NumberInput(attrs={"min": 5, "step": 5}),
            "attendees": forms.SelectMultiple(attrs={"size": 6}),
            "client_attendees": forms.SelectMultiple(attrs={"size": 6}),
            "objective": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "location": _("An address, a meeting room, or the call's link."),
            "objective": _("What this meeting should achieve for us, in a sentence or two."),
            "attendees": _("Hold Ctrl (⌘ on a Mac) to choose several."),
        }

    def __init__(self, *args, account: Account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["attendees"].queryset = attendee_choices(keep=self.instance)
        contacts = account.contacts.order_by("last_name", "first_name")
        self.fields["client_attendees"].queryset = contacts
        self.has_contacts = contacts.exists()
        self.fields["client_attendees"].error_messages["invalid_choice"] = _(
            "Choose people who work at %(account)s."
        ) % {"account": account.name}
        # The table refuses shorter meetings; saying so here gives the user a readable error.
        self.fields["duration_minutes"].validators.append(MinValueValidator(5))
        self.zone = timezone.get_current_timezone()
        if self.instance.pk and self.instance.starts_at:
            local = timezone.localtime(self.instance.starts_at, self.zone)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("date"), cleaned.get("time")
        if date is not None and time is not None:
            cleaned["starts_at"] = datetime.datetime.combine(date, time, tzinfo=self.zone)
        return cleaned

    def service_data(self) -> dict:
        """What the schedule services take: the model fields, `starts_at` in place of the date
        and time, the attendees as lists."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in {"version", "date", "time"}}
        data["attendees"] = list(data["attendees"])
        data["client_attendees"] = list(data["client_attendees"])
        return data
