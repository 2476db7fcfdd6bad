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
