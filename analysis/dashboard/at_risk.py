"""Accounts at risk: the counted accounts that break a rule of analysis.dashboard.risk_rules,
each with its reasons. Lost accounts are left out: they are past the risk.

Two queries whatever the data size: every counted account's sales sums (one grouped query
over the monthly summary), then the counted accounts with the figures the other rules need
read through indexed subqueries (overdue commitments, last held meeting, the two latest
assessments). The second also gives the headline its count of accounts by status, and the
whitespace grid the names of its biggest accounts. The rules (one pure module) then say which
and why; the reasons are worded only for the accounts shown (or exported).
"""

import datetime
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Account
from analysis.dashboard import risk_rules
from analysis.dashboard.filters import in_scope
from analysis.dashboard.period import DashboardPeriod
from analysis.models import Assessment
from kam.core.choices import choice_labels
from meetings.models import Commitment, Meeting
from planning.models import SalesYearSummary
from planning.selectors.sales_years import total_between

SHOWN = 25  # rows in the table; the count says how many there are in all


@dataclass(frozen=True)
class AccountAtRisk:
    pk: int
    name: str
    owner: str
    region: str
    status: str
    figures: risk_rules.AccountFigures
    broken: list[str]  # the codes of the rules it breaks
    today: datetime.date

    @property
    def reasons(self) -> list[risk_rules.Reason]:
        """The rules it breaks in words: worded only for the accounts shown or exported."""
        return risk_rules.reasons(self.figures, today=self.today)


@dataclass(frozen=True)
class AtRisk:
    # Per account at risk, most reasons first: (sort key, pk, name, owner's first name, last
    # name and username, region, status, figures, broken). Rows are built from these only
    # for the accounts shown or exported, as nearly every account of a large scope may be at
    # risk.
    found: list[tuple]
    rules: list[str]
    statuses: dict[str, int]  # how many counted accounts there are in each status, lost ones too
    names: dict[int, str]  # every counted account's name by id
    today: datetime.date
    status_labels: dict[str, str]

    @property
    def count(self) -> int:
        return len(self.found)

    def _rows(self, found: list[tuple]) -> list[AccountAtRisk]:
        return [
            AccountAtRisk(
                pk=pk,
                name=name,
                owner=f"{first} {last}".strip() or username,
                region=region,
                status=self.status_labels.get(status, status),
                figures=figures,
                broken=broken,
                today=self.today,
            )
            for _key, pk, name, first, last, username, region, status, figures, broken in found
        ]

    @property
    def every(self) -> list[AccountAtRisk]:
        """All of them, for the export."""
        return self._rows(self.found)

    @property
    def accounts(self) -> list[AccountAtRisk]:
        """The first SHOWN, for the page."""
        return self._rows(self.found[:SHOWN])

    @property
    def more(self) -> int:
        return max(self.count - SHOWN, 0)


def sales_by_account(*, accounts: QuerySet[Account], period: DashboardPeriod) -> dict[int, dict]:
    """Per counted account with sales in the period or the year before: its turnover year to
    date, in the same months of last year, in the last three months and in the three before.
    One grouped query over the yearly summary's running totals; the dashboard also ranks its
    biggest accounts by it."""
    if not period.started:
        return {}
    rows = (
        SalesYearSummary.objects.filter(in_scope(accounts), year__in=[period.year - 1, period.year])
        .order_by()
        .values("account_id")
        .annotate(
            ytd=total_between("revenue", period.first, period.last),
            ytd_last_year=total_between("revenue", period.previous_first, period.previous_last),
            last_quarter=total_between("revenue", *period.last_quarter),
            quarter_before=total_between("revenue", *period.quarter_before),
        )
    )
    return {row.pop("account_id"): row for row in rows}


def _nth_sales_interest(offset: int) -> Subquery:
    ranked = Assessment.objects.filter(account=OuterRef("pk")).order_by("-assessed_on", "-pk")
    return Subquery(ranked.values("sales_interest")[offset : offset + 1])


def accounts_at_risk(*, accounts: QuerySet[Account], sales: dict[int, dict], today: datetime.date) -> AtRisk:
    """The counted accounts at risk and why, most reasons first, then by name. `sales` are
    those of sales_by_account. One query: every counted account that is not lost, with the
    figures the rules need read through indexed subqueries, each evaluated once per account
    (filtering on them in SQL evaluated them twice); the rules then pick the accounts. Lost
    accounts are read too, without their figures, only to be counted by status."""
    overdue = (
        Commitment.objects.filter(account=OuterRef("pk"), status__in=Commitment.ACTIVE, due_on__lt=today)
        .order_by()
        .values("account")
        .annotate(n=Sum(1))
        .values("n")
    )
    last_meeting = (
        Meeting.objects.filter(account=OuterRef("pk"), status=Meeting.Status.HELD, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    lost = Q(status=Account.Status.LOST)

    def unless_lost(expression):
        # CASE evaluates the subquery only for the accounts that may be at risk.
        return Case(When(lost, then=Value(None)), default=expression)

    candidates = accounts.annotate(
        overdue=unless_lost(Coalesce(Subquery(overdue, output_field=IntegerField()), 0)),
        last_meeting=unless_lost(Subquery(last_meeting)),
        sales_interest=unless_lost(_nth_sales_interest(0)),
        previous_sales_interest=unless_lost(_nth_sales_interest(1)),
    ).values_list(
        "pk",
        "name",
        "owner__first_name",
        "owner__last_name",
        "owner__username",
        "region__name",
        "status",
        "overdue",
        "last_meeting",
        "sales_interest",
        "previous_sales_interest",
    )
    # The time zone of the meeting dates is looked up once, not once per account.
    zone = timezone.get_current_timezone()
    counts = dict.fromkeys(Account.Status.values, 0)
    names = {}
    found = []
    no_sales = {}
    for pk, name, first, last, username, region, status, overdue_count, met_at, interest, previous in candidates:
        counts[status] = counts.get(status, 0) + 1
        names[pk] = name
        if status == Account.Status.LOST:
            continue
        revenue = sales.get(pk, no_sales)
        figures = risk_rules.AccountFigures(
            revenue_ytd=revenue.get("ytd"),
            revenue_ytd_last_year=revenue.get("ytd_last_year"),
            revenue_last_quarter=revenue.get("last_quarter"),
            revenue_quarter_before=revenue.get("quarter_before"),
            sales_interest=interest,
            previous_sales_interest=previous,
            overdue_commitments=overdue_count,
            last_meeting_on=met_at.astimezone(zone).date() if met_at else None,
        )
        broken = risk_rules.broken(figures, today=today)
        if broken:
            key = (-len(broken), name.casefold(), pk)
            found.append((key, pk, name, first, last, username, region, status, figures, broken))
    found.sort(key=itemgetter(0))
    return AtRisk(
        found=found,
        rules=risk_rules.rule_texts(),
        statuses=counts,
        names=names,
        today=today,
        status_labels=choice_labels(Account.Status),  # translated once, not once per account
    )
