"""The contact form: a person at the client, their place in the org chart and our
relationship with them."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact
from accounts.orgchart import descendants
from kam.core.forms import VersionedModelForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def relationship_owner_choices(*, account: Account, keep=None):
    """Who may own a relationship: the account's owner and team (and whoever owns it now, so
    that editing a contact whose owner left the team does not force a change)."""
    allowed = Q(pk=account.owner_id) | Q(pk__in=account.team.values("pk"))
    if keep is not None:
        allowed |= Q(pk=keep)
    return get_user_model().objects.filter(allowed).order_by("last_name", "first_name")


class ContactForm(VersionedModelForm):
    """The account comes from the view (the URL), never from the POST. `reports_to` offers
    the account's other people only, never the contact nor anyone below them: a loop of
    managers has no top and cannot be drawn."""

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "position",
            "department",
            "email",
            "phone",
            "buying_role",
            "attitude",
            "influence",
            "reports_to",
            "birthday",
            "interests",
            "preferences",
            "personal_notes",
            "relationship_owner",
            "relationship_level",
            "relationship_aim",
            "last_contacted",
        ]
        widgets = {
            "influence": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "birthday": DATE_WIDGET,
            "last_contacted": DATE_WIDGET,
            "interests": forms.Textarea(attrs={"rows": 2}),
            "preferences": forms.Textarea(attrs={"rows": 2}),
            "personal_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "preferences": _("How they like to be approached: channel, time of day, language, what to avoid."),
            "relationship_aim": _("Where the relationship should be by the end of the year."),
        }

    def __init__(self, *args, account: Account, **kwargs):
        super().__init__(*args, **kwargs)
        excluded: set[int] = set()
        if self.instance.pk:
            # The account's whole org chart in one query, to find everyone below this person.
            parent_of = dict(account.contacts.values_list("pk", "reports_to_id"))
            excluded = {self.instance.pk, *descendants(parent_of, self.instance.pk)}
        reports_to = self.fields["reports_to"]
        # Validating the choice against this queryset is what rejects a loop.
        reports_to.queryset = account.contacts.exclude(pk__in=excluded).order_by("last_name", "first_name")
        reports_to.error_messages["invalid_choice"] = _(
            "Choose someone else at this client: not this person, nor anyone who reports to them."
        )
        reports_to.empty_label = _("— nobody (top of the chart) —")
        owner = self.fields["relationship_owner"]
        owner.queryset = relationship_owner_choices(account=account, keep=self.instance.relationship_owner_id)
        owner.empty_label = _("— nobody yet —")
        self.fields["buying_role"].choices = [("", _("— not known —")), *Contact.BuyingRole.choices]
