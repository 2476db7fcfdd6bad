"""Filters of the portfolio matrix (django-filter): region, industry, account manager, tier."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Industry
from kam.core.filters import ModelChoiceFilter
from planning.models import Region


class PortfolioFilter(django_filters.FilterSet):
    region = ModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"), empty_label=_("Any region"))
    industry = ModelChoiceFilter(queryset=Industry.objects.all(), label=_("Industry"), empty_label=_("Any industry"))
    owner = ModelChoiceFilter(
        queryset=get_user_model().objects.none(), label=_("Account manager"), empty_label=_("Anyone")
    )
    tier = django_filters.ChoiceFilter(choices=Account.Tier.choices, label=_("Tier"), empty_label=_("Any tier"))

    class Meta:
        model = Account
        fields = ["region", "industry", "owner", "tier"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the managers of accounts the user can see, and a director's own regions.
        visible = Account.objects.visible_to(user)
        self.filters["owner"].queryset = (
            get_user_model().objects.filter(pk__in=visible.values("owner")).order_by("last_name", "first_name")
        )
        if user.is_director and user.region_ids:
            self.filters["region"].queryset = Region.objects.filter(pk__in=user.region_ids)
