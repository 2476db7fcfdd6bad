"""Filters and sorting of the meeting list (django-filter). Dates are days in the user's own
time zone, turned into instants so the database compares indexed timestamps."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.filters import ModelChoiceFilter
from meetings.models import Meeting


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class MeetingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind"), empty_label=_("Any kind"))
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices, label=_("Status"), empty_label=_("Any status"))
    account = ModelChoiceFilter(queryset=Account.objects.none(), label=_("Account"), empty_label=_("Any account"))
    date_from = django_filters.DateFilter(
        method="filter_from", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        method="filter_to", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Only mine"), widget=forms.CheckboxInput, help_text=None
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("starts_at", "when"),
            ("title", "title"),
            ("account__name", "account"),
            ("kind", "kind"),
            ("status", "status"),
            ("readiness", "readiness"),
            ("open_commitments", "commitments"),
        ),
        label=_("Sort"),
    )

    class Meta:
        model = Meeting
        fields = ["kind", "status", "account", "date_from", "date_to", "mine"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Validating the choice against the visible accounts keeps other clients' ids out.
        self.filters["account"].queryset = Account.objects.visible_to(user).order_by("name")
        if not user.is_kam:
            del self.filters["mine"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_local_midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_local_midnight(value + datetime.timedelta(days=1)))

    def filter_mine(self, queryset, name, value):
        """Meetings the KAM attends or whose account they own."""
        if not value:
            return queryset
        attending = Meeting.attendees.through.objects.filter(user=self.user).values("meeting")
        return queryset.filter(Q(pk__in=attending) | Q(account__owner=self.user))
