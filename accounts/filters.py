"""Filters and sorting of the account list (django-filter)."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Industry
from kam.core.filters import ModelChoiceFilter
from kam.users.models import Role
from planning.models import Region


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Name or tax id"))
    industry = ModelChoiceFilter(queryset=Industry.objects.all(), label=_("Industry"), empty_label=_("Any industry"))
    region = ModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"), empty_label=_("Any region"))
    status = django_filters.ChoiceFilter(choices=Account.Status.choices, label=_("Status"), empty_label=_("Any status"))
    tier = django_filters.ChoiceFilter(choices=Account.Tier.choices, label=_("Tier"), empty_label=_("Any tier"))
    owner = ModelChoiceFilter(
        queryset=get_user_model().objects.none(), label=_("Account manager"), empty_label=_("Anyone")
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("industry__name", "industry"),
            ("region__name", "region"),
            ("status", "status"),
            ("tier", "tier"),
            ("owner__last_name", "owner"),
            ("contact_count", "contacts"),
            ("updated_at", "updated"),
        ),
        label=_("Sort"),
    )

    class Meta:
        model = Account
        fields = ["q", "industry", "region", "status", "tier", "owner"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_director or user.is_admin:
            owners = get_user_model().objects.filter(role=Role.KAM).order_by("last_name", "first_name")
            self.filters["owner"].queryset = owners
            if user.is_director and user.region_ids:
                self.filters["region"].queryset = Region.objects.filter(pk__in=user.region_ids)
        else:
            del self.filters["owner"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(legal_name__icontains=value) | Q(tax_id__startswith=value))
