"""KAM activity over the year: per account manager of the counted accounts, the meetings they
held (attended, status held), the assessments they made and the sales plans they submitted,
on those accounts. Two queries whatever the data size."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, F, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from analysis.dashboard.filters import in_scope
from analysis.models import Assessment
from kam.users.models import person_name
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


def _counts(queryset: QuerySet, user_field: str, kind: str) -> QuerySet:
    """(kind, user id, count) rows of `queryset` grouped by the user in `user_field`."""
    return (
        queryset.order_by()
        .values(person=F(user_field))
        .annotate(kind=Value(kind, output_field=CharField()), n=Count("pk"))
        .values_list("kind", "person", "n")
    )


def kam_activity(*, accounts: QuerySet[Account], year: int, params: dict[str, object]) -> list[KamActivity]:
    """The owners of `accounts` with their activity in `year` on those accounts, most active
    first. `params` are the dashboard's filters, carried to the account list links. Two
    queries: the owners' names, and one UNION ALL of four grouped counts (accounts per owner,
    held meetings per attendee, assessments and submitted plans per author) joined to them by
    id here: a count per manager correlated with each manager joined every attendance to its
    meeting again (110 ms for 200 managers at company scale)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    account_ids = accounts.values("pk")
    held = Meeting.attendees.through.objects.filter(
        in_scope(accounts, "meeting__account"),
        meeting__status=Meeting.Status.HELD,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
    )
    assessed = Assessment.objects.filter(in_scope(accounts), assessed_on__year=year)
    submitted = PlanTransition.objects.filter(
        in_scope(accounts, "plan__account"),
        to_status=SalesPlan.Status.SUBMITTED,
        at__gte=start,
        at__lt=end,
        # Regional plans have no account: they are not an account manager's work on accounts.
        plan__account__isnull=False,
    )
    counts: dict[tuple[str, int], int] = {
        (kind, user): n
        for kind, user, n in _counts(accounts, "owner_id", "accounts")
        .union(
            _counts(held, "user_id", "meetings"),
            _counts(assessed, "by_id", "assessments"),
            _counts(submitted, "by_id", "plans"),
            all=True,
        )
        .order_by()
    }
    rows = (
        get_user_model()
        .objects.filter(pk__in=account_ids.values("owner"))
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "username")
    )
    accounts_url = reverse("accounts:list")
    found = []
    for pk, first, last, username in rows:
        query = urlencode({**params, "owner": pk})
        found.append(
            KamActivity(
                pk=pk,
                name=person_name(first, last, username),
                accounts=counts.get(("accounts", pk), 0),
                meetings_held=counts.get(("meetings", pk), 0),
                assessments=counts.get(("assessments", pk), 0),
                plans_submitted=counts.get(("plans", pk), 0),
                accounts_url=f"{accounts_url}?{query}",
            )
        )
    found.sort(key=lambda k: -(k.meetings_held + k.assessments + k.plans_submitted))
    return found
