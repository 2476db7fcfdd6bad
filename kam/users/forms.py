"""The user's own settings, on the profile page."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kam.users.models import User


def time_zone_choices() -> list[tuple[str, str]]:
    """Every zone Python knows, with "the company's" first (empty: settings.TIME_ZONE)."""
    default = _("Company default (%(zone)s)") % {"zone": settings.TIME_ZONE}
    return [("", default), *((name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()))]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Meeting times and due dates are shown in this zone."),
    )

    class Meta:
        model = User
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()


class ReminderPreferencesForm(forms.ModelForm):
    """How far ahead reminders start and whether they come by e-mail."""

    class Meta:
        model = User
        fields = ["reminder_lead_days", "email_mode"]
        widgets = {"email_mode": forms.RadioSelect}
        help_texts = {
            "reminder_lead_days": _(
                "Commitments and plan stages are reminded this many days before their due date "
                "(0–30; 0: on the day). Overdue ones are reminded once a day until done."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lead = self.fields["reminder_lead_days"]
        lead.min_value, lead.max_value = 0, 30
        lead.widget.attrs.update({"min": 0, "max": 30})
