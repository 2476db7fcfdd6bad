"""The dashboard's headline: turnover, margin and growth year to date against plan (from the
plan-vs-actual total), the key accounts by status, how many are at risk, and how fresh the
sales figures are."""

import datetime
from dataclasses import dataclass

from accounts.models import Account
from analysis.dashboard.at_risk import AtRisk
from analysis.dashboard.plan_actual import PlanActualRow


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


def headline_for(*, total: PlanActualRow, at_risk: AtRisk, sales_as_of: datetime.datetime | None) -> Headline:
    """The headline from figures the other sections have read (the accounts by status come
    with the at-risk query, the freshness with the period): no query of its own."""
    statuses = [
        StatusCount(value, str(label), at_risk.statuses.get(value, 0)) for value, label in Account.Status.choices
    ]
    return Headline(
        total=total,
        accounts=sum(s.count for s in statuses),
        statuses=statuses,
        at_risk=at_risk.count,
        sales_as_of=sales_as_of,
    )
