"""Accounts at risk: the counted accounts that break a rule of analysis.dashboard.risk_rules,
each with its reasons. Lost accounts are left out: they are past the risk.

The rules pick and rank the accounts in SQL, so that of the thousands a director may count only
those shown come back. One statement reads every counted account's figures (overdue
commitments, last held meeting and the two latest assessments through indexed subqueries; its
sales sums from one grouped query over the yearly summary, joined), says which rules each
breaks, and returns the first accounts at risk with how many there are in all, and the
accounts that sold most this year (the whitespace grid's rows). A second counts the accounts by
status for the headline. The reasons are worded, from the figures, only for the rows returned.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Account
from analysis.dashboard import risk_rules
from analysis.dashboard.filters import in_scope
from analysis.dashboard.period import DashboardPeriod
from analysis.models import Assessment
from kam.core.choices import choice_labels
from kam.users.models import person_name
from meetings.models import Commitment, Meeting
from planning.models import SalesYearSummary
from planning.selectors.sales_years import total_between

SHOWN = 25  # rows in the table; the count says how many there are in all
BIGGEST = 8  # accounts that sold most, for the dashboard's whitespace grid


@dataclass(frozen=True)
class AccountAtRisk:
    pk: int
    name: str
    owner: str
    region: str
    status: str
    figures: risk_rules.AccountFigures
    today: datetime.date

    @property
    def reasons(self) -> list[risk_rules.Reason]:
        """The rules it breaks in words."""
        return risk_rules.reasons(self.figures, today=self.today)


@dataclass(frozen=True)
class AtRisk:
    accounts: list[AccountAtRisk]  # most reasons first: the first SHOWN, or all for the export
    count: int  # how many there are in all
    rules: list[str]
    statuses: dict[str, int]  # how many counted accounts there are in each status, lost ones too
    biggest: list[tuple[int, str]]  # (id, name) of the accounts that sold most this year

    @property
    def more(self) -> int:
        return max(self.count - len(self.accounts), 0)


def _sales(accounts: QuerySet[Account], period: DashboardPeriod) -> QuerySet:
    """Per counted account with sales in the period or the year before: its turnover year to
    date, in the same months of last year, in the last three months and in the three before.
    One grouped query over the yearly summary's running totals."""
    return (
        SalesYearSummary.objects.filter(in_scope(accounts), year__in=[period.year - 1, period.year])
        .order_by()
        .values("account_id")
        .annotate(
            ytd=total_between("revenue", period.first, period.last),
            ytd_last_year=total_between("revenue", period.previous_first, period.previous_last),
            last_quarter=total_between("revenue", *period.last_quarter),
            quarter_before=total_between("revenue", *period.quarter_before),
        )
        .values("account_id", "ytd", "ytd_last_year", "last_quarter", "quarter_before")
    )


def _nth_sales_interest(offset: int) -> Subquery:
    ranked = Assessment.objects.filter(account=OuterRef("pk")).order_by("-assessed_on", "-pk")
    return Subquery(ranked.values("sales_interest")[offset : offset + 1])


def _figures(accounts: QuerySet[Account], today: datetime.date) -> QuerySet:
    """Every counted account with the figures of the rules but sales, each subquery evaluated
    once per account; lost accounts without them (the CASE spares their subqueries)."""
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
        return Case(When(lost, then=Value(None)), default=expression)

    return (
        accounts.order_by()
        .annotate(
            overdue=unless_lost(Coalesce(Subquery(overdue, output_field=IntegerField()), 0)),
            last_meeting=unless_lost(Subquery(last_meeting)),
            sales_interest=unless_lost(_nth_sales_interest(0)),
            previous_sales_interest=unless_lost(_nth_sales_interest(1)),
        )
        .values(
            "pk",
            "name",
            "status",
            "overdue",
            "last_meeting",
            "sales_interest",
            "previous_sales_interest",
            owner_first_name=F("owner__first_name"),
            owner_last_name=F("owner__last_name"),
            owner_username=F("owner__username"),
            region_name=F("region__name"),
        )
    )


# The columns the statement returns, in order.
COLUMNS = (
    "pk",
    "name",
    "owner_first_name",
    "owner_last_name",
    "owner_username",
    "region_name",
    "status",
    "overdue",
    "last_meeting",
    "sales_interest",
    "previous_sales_interest",
    "ytd",
    "ytd_last_year",
    "last_quarter",
    "quarter_before",
)


def _statement(
    accounts: QuerySet[Account], period: DashboardPeriod, today: datetime.date, shown: int | None
) -> tuple[str, list]:
    """The accounts at risk (the first `shown`, or all for None) with how many there are, then
    the BIGGEST that sold most this year; a first column says which list a row is of.

    Each rule as risk_rules states it, on exact sums: a decline of DECLINE_PERCENT or more
    (multiplied out, so that SQLite's floating point compares the threshold exactly too), the
    sales interest down by INTEREST_DROP points or more (in tenths, as scores are entered), an
    overdue commitment, and no meeting held since the start of the day MEETING_GAP_DAYS before
    today in the current time zone (a gap of more than that many days)."""
    qn = connection.ops.quote_name
    figures_sql, figures_params = _figures(accounts, today).query.sql_with_params()
    if period.started:
        sales_sql, sales_params = _sales(accounts, period).query.sql_with_params()
    else:  # No month of the year has data yet: no sales to compare.
        nothing = [f"CAST(NULL AS NUMERIC) AS {qn(name)}" for name in COLUMNS[11:]]
        sales_sql = f"SELECT CAST(NULL AS INTEGER) AS {qn('account_id')}, {', '.join(nothing)}"
        sales_params = ()
    f = {name: f"f.{qn(name)}" for name in COLUMNS[:11]}
    s = {name: f"s.{qn(name)}" for name in COLUMNS[11:]}
    kept = 100 - risk_rules.DECLINE_PERCENT

    def declines(now: str, before: str) -> str:
        return f"({before} > 0 AND COALESCE({now}, 0) * 100 <= {before} * %s)"

    broken = " + ".join(
        f"CASE WHEN {condition} THEN 1 ELSE 0 END"
        for condition in (
            declines(s["ytd"], s["ytd_last_year"]),
            declines(s["last_quarter"], s["quarter_before"]),
            f"(ROUND({f['previous_sales_interest']} * 10) - ROUND({f['sales_interest']} * 10) >= %s)",
            f"({f['overdue']} > 0)",
            f"({f['last_meeting']} IS NULL OR {f['last_meeting']} < %s)",
        )
    )
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(
        today - datetime.timedelta(days=risk_rules.MEETING_GAP_DAYS), datetime.time.min, tzinfo=zone
    )
    columns = ", ".join([*f.values(), *s.values()])
    limit = "" if shown is None else f" LIMIT {int(shown)}"
    sql = f"""
        WITH f AS MATERIALIZED ({figures_sql}),
        figures AS (
            SELECT {columns}, CASE WHEN {f["status"]} = %s THEN 0 ELSE {broken} END AS broken
            FROM f LEFT JOIN ({sales_sql}) s ON s.{qn("account_id")} = f.{qn("pk")}
        )
        SELECT * FROM (
            SELECT 'risk' AS list, figures.*, COUNT(*) OVER () AS total,
                ROW_NUMBER() OVER (ORDER BY broken DESC, LOWER(name), pk) AS position
            FROM figures WHERE broken > 0 ORDER BY position{limit}
        ) at_risk
        UNION ALL
        SELECT * FROM (
            SELECT 'sales' AS list, figures.*, 0 AS total, ROW_NUMBER() OVER (ORDER BY ytd DESC, pk) AS position
            FROM figures WHERE ytd > 0 ORDER BY position LIMIT {BIGGEST}
        ) biggest
    """  # noqa: S608 - quoted names and the ORM's own SQL; values are parameters
    # In the order of the placeholders.
    params = [
        *figures_params,
        str(Account.Status.LOST),
        int(kept),
        int(kept),
        int(risk_rules.INTEREST_DROP * 10),
        connection.ops.adapt_datetimefield_value(since),
        *sales_params,
    ]
    return sql, params


def accounts_at_risk(
    *, accounts: QuerySet[Account], period: DashboardPeriod, today: datetime.date, shown: int | None = SHOWN
) -> AtRisk:
    """The counted accounts at risk and why, most reasons first, then by name: the first
    `shown` (all for None), how many there are, the accounts that sold most this year, and the
    counted accounts by status. Two queries whatever the number of accounts."""
    sql, params = _statement(accounts, period, today, shown)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    statuses = dict.fromkeys(Account.Status.values, 0)
    statuses.update(accounts.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    zone = timezone.get_current_timezone()
    labels = choice_labels(Account.Status)
    found, biggest, count = [], [], 0
    for kind, *values, _broken, total, position in rows:
        row = dict(zip(COLUMNS, values, strict=True))
        if kind == "sales":
            biggest.append((position, row["pk"], row["name"]))
            continue
        count = total
        met_at = row["last_meeting"]
        if isinstance(met_at, str):  # SQLite returns the timestamp as text
            met_at = connection.ops.convert_datetimefield_value(met_at, None, connection)
        figures = risk_rules.AccountFigures(
            revenue_ytd=_decimal(row["ytd"]),
            revenue_ytd_last_year=_decimal(row["ytd_last_year"]),
            revenue_last_quarter=_decimal(row["last_quarter"]),
            revenue_quarter_before=_decimal(row["quarter_before"]),
            sales_interest=_decimal(row["sales_interest"]),
            previous_sales_interest=_decimal(row["previous_sales_interest"]),
            overdue_commitments=int(row["overdue"] or 0),
            last_meeting_on=met_at.astimezone(zone).date() if met_at else None,
        )
        account = AccountAtRisk(
            pk=row["pk"],
            name=row["name"],
            owner=person_name(row["owner_first_name"], row["owner_last_name"], row["owner_username"]),
            region=row["region_name"],
            status=labels.get(row["status"], row["status"]),
            figures=figures,
            today=today,
        )
        found.append((position, account))
    found.sort(key=lambda item: item[0])
    biggest.sort()
    return AtRisk(
        accounts=[account for _position, account in found],
        count=count,
        rules=risk_rules.rule_texts(),
        statuses=statuses,
        biggest=[(pk, name) for _position, pk, name in biggest],
    )


def _decimal(value) -> Decimal | None:
    """A sum or score as the exact decimal: SQLite returns numbers as floats or integers."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))
