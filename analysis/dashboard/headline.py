"""The dashboard's headline: turnover, margin and growth year to date against plan (from the
plan-vs-actual total), the key accounts by status, how many are at risk, and how fresh the
sales figures are."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import Account
from analysis.dashboard.plan_actual import PlanActualRow
from planning.summary import latest_refresh


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Headline:
    total: PlanActualRow
    accounts: int
    statuses: list[StatusCount]
    at_risk: int
    sales_as_of: datetime.datetime | None  # when the monthly summary was last refreshed


def account_status_counts(*, accounts: QuerySet[Account]) -> tuple[int, list[StatusCount]]:
    """How many of the accounts there are in all and in each status: one query, a
    conditional count per status."""
    counts = accounts.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Account.Status.values},
    )
    statuses = [StatusCount(value, str(label), counts[value]) for value, label in Account.Status.choices]
    return counts["total"], statuses


def headline_for(*, accounts: QuerySet[Account], total: PlanActualRow, at_risk: int) -> Headline:
    """The headline of `accounts` (scoped and filtered): two queries."""
    count, statuses = account_status_counts(accounts=accounts)
    refresh = latest_refresh()
    return Headline(
        total=total,
        accounts=count,
        statuses=statuses,
        at_risk=at_risk,
        sales_as_of=refresh.refreshed_at if refresh else None,
    )
