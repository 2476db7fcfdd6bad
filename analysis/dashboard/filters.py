"""The dashboard's filters — region, account manager, industry, tier, year — as a GET form, so
every view of the dashboard is a URL to bookmark and share. The parameter names are those of
the account list and the portfolio (region, owner, industry, tier), so links carry them over.

Choices are scoped to the viewer (a director's own regions, the managers of the accounts they
see) and read once as plain lists, so rendering the form runs no queries. A KAM's dashboard is
their own accounts: no region or manager to pick."""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Industry
from planning.models import Region

YEARS_BACK = 3


def viewer_is_manager(user) -> bool:
    """A KAM sees the dashboard of their own accounts, without the company-wide parts."""
    return not (user.is_director or user.is_admin)


class DashboardFilterForm(forms.Form):
    region = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)
    owner = forms.TypedChoiceField(label=_("Account manager"), coerce=int, required=False, empty_value=None)
    industry = forms.TypedChoiceField(label=_("Industry"), coerce=int, required=False, empty_value=None)
    tier = forms.ChoiceField(label=_("Tier"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, user, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Account.objects.visible_to(user)
        if viewer_is_manager(user):
            del self.fields["region"]
            del self.fields["owner"]
        else:
            regions = Region.objects.all()
            if user.is_director and user.region_ids:
                regions = regions.filter(pk__in=user.region_ids)
            label = _("All my regions") if user.is_director and user.region_ids else _("All regions")
            self.fields["region"].choices = [("", label)] + [(r.pk, r.name) for r in regions]
            owners = get_user_model().objects.filter(pk__in=visible.values("owner")).order_by("last_name", "first_name")
            self.fields["owner"].choices = [("", _("Anyone"))] + [(u.pk, str(u)) for u in owners]
        self.fields["industry"].choices = [("", _("Any industry"))] + [(i.pk, i.name) for i in Industry.objects.all()]
        self.fields["tier"].choices = [("", _("Any tier")), *Account.Tier.choices]
        years = range(today.year + 1, today.year - YEARS_BACK - 1, -1)
        self.fields["year"].choices = [("", str(today.year))] + [(year, str(year)) for year in years]

    def value(self, name: str, default=None):
        """The cleaned value of a valid field, `default` for an empty, invalid or absent one: a
        typo in one parameter shows its error and leaves the rest of the dashboard as asked."""
        if name not in self.fields:
            return default
        value = getattr(self, "cleaned_data", {}).get(name)
        return default if value in (None, "") else value


@dataclass(frozen=True)
class DashboardFilters:
    """What the viewer asked for, validated: ids and values (None: any)."""

    year: int
    region_id: int | None = None
    owner_id: int | None = None
    industry_id: int | None = None
    tier: str = ""

    @classmethod
    def from_form(cls, form: DashboardFilterForm, *, today: datetime.date) -> "DashboardFilters":
        form.is_valid()
        return cls(
            year=form.value("year", today.year),
            region_id=form.value("region"),
            owner_id=form.value("owner"),
            industry_id=form.value("industry"),
            tier=form.value("tier", ""),
        )

    def account_params(self) -> dict[str, object]:
        """The filters as the account list, the portfolio and the whitespace grid name them."""
        params = {"region": self.region_id, "owner": self.owner_id, "industry": self.industry_id, "tier": self.tier}
        return {name: value for name, value in params.items() if value}


def filtered_accounts(*, user, filters: DashboardFilters) -> QuerySet[Account]:
    """The accounts the dashboard counts: those the user may see, narrowed by the filters. A
    lazy queryset that every section uses as a subquery, so no total ever counts an account
    the viewer may not see."""
    return narrowed(Account.objects.visible_to(user), filters).order_by()


def narrowed(accounts: QuerySet[Account], filters: DashboardFilters) -> QuerySet[Account]:
    """`accounts` (already scoped to the viewer) narrowed by the filters."""
    if filters.region_id:
        accounts = accounts.filter(region_id=filters.region_id)
    if filters.owner_id:
        accounts = accounts.filter(owner_id=filters.owner_id)
    if filters.industry_id:
        accounts = accounts.filter(industry_id=filters.industry_id)
    if filters.tier:
        accounts = accounts.filter(tier=filters.tier)
    return accounts


def in_scope(accounts: QuerySet[Account], field: str = "account") -> Q:
    """The condition "`field` is one of `accounts`" for another model's query. When the
    accounts are every account (an administrator or a director of all regions, unfiltered)
    it is no condition at all, which spares the planner a join with every account."""
    if not accounts.query.where:
        return Q()
    return Q(**{f"{field}__in": accounts.values("pk")})
