"""KAM activity over the year: per account manager of the counted accounts, the meetings they
held (attended, status held), the assessments they made and the sales plans they submitted,
on those accounts. One query: a correlated count per manager on indexed columns."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from analysis.models import Assessment
from meetings.models import Meeting
from planning.models import PlanTransition, SalesPlan


@dataclass(frozen=True)
class KamActivity:
    pk: int
    name: str
    accounts: int
    meetings_held: int
    assessments: int
    plans_submitted: int
    accounts_url: str


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated queryset, as a scalar subquery (0 when it finds nothing)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def _subquery_count(queryset: QuerySet) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def kam_activity(*, accounts: QuerySet[Account], year: int, params: dict[str, object]) -> list[KamActivity]:
    """The owners of `accounts` with their activity in `year` on those accounts, most active
    first. `params` are the dashboard's filters, carried to the account list links."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    account_ids = accounts.values("pk")
    user = OuterRef("pk")
    held = Meeting.objects.filter(
        attendees=user, account__in=account_ids, status=Meeting.Status.HELD, starts_at__gte=start, starts_at__lt=end
    )
    assessed = Assessment.objects.filter(by=user, account__in=account_ids, assessed_on__year=year)
    submitted = PlanTransition.objects.filter(
        by=user, to_status=SalesPlan.Status.SUBMITTED, at__gte=start, at__lt=end, plan__account__in=account_ids
    )
    owned = accounts.filter(owner=user)
    rows = (
        get_user_model()
        .objects.filter(pk__in=account_ids.values("owner"))
        .annotate(
            account_count=_subquery_count(owned),
            meetings_held=_subquery_count(held),
            assessment_count=_subquery_count(assessed),
            plans_submitted=_subquery_count(submitted),
        )
        .order_by("last_name", "first_name", "pk")
        .values_list(
            "pk",
            "first_name",
            "last_name",
            "username",
            "account_count",
            "meetings_held",
            "assessment_count",
            "plans_submitted",
        )
    )
    accounts_url = reverse("accounts:list")
    found = []
    for pk, first, last, username, owned_count, meetings, assessments, plans in rows:
        query = urlencode({**params, "owner": pk})
        found.append(
            KamActivity(
                pk=pk,
                name=f"{first} {last}".strip() or username,
                accounts=owned_count,
                meetings_held=meetings,
                assessments=assessments,
                plans_submitted=plans,
                accounts_url=f"{accounts_url}?{query}",
            )
        )
    found.sort(key=lambda k: -(k.meetings_held + k.assessments + k.plans_submitted))
    return found
