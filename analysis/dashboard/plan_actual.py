"""Plan against actual on the dashboard: turnover and margin year to date against the staged
targets, by region, by account manager and by product group, and in total.

Targets are the lines of the account plans of the counted accounts for the year that are
submitted or approved (as a regional plan's "sum of its accounts' targets"): a draft is not a
plan yet. The target year to date is staged by quarter (planning.forecast.ytd_target).
Actuals come from the yearly summary's running totals (planning.models.SalesYearSummary).

Two queries whatever the data size. The first sums the plan lines and the actuals, each per
(region, manager, product group) ids — a few thousand rows at most — then adds those sums up
in SQL by region, by manager, by product group and in total (GROUPING SETS, which the ORM
cannot write: the statement wraps the two ORM-built grouped queries), joining each row's name;
the page gets a few hundred rows. The second reads which regions have a regional plan.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import DecimalField, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from accounts.models import Account
from analysis.dashboard.filters import DashboardFilters, in_scope
from analysis.dashboard.period import DashboardPeriod
from kam.users.models import person_name
from planning.forecast import ytd_target
from planning.models import ProductGroup, Region, SalesPlanLine, SalesYearSummary
from planning.selectors.plans import COMMITTED, plan_list_for_user
from planning.selectors.sales import change
from planning.selectors.sales_years import total_between

ZERO = Decimal(0)


def _sum(name: str) -> Coalesce:
    return Coalesce(Sum(name), Value(ZERO), output_field=DecimalField())


# The row's sums and the names the grouped queries give them.
SUMS = (
    ("target", "target"),
    ("baseline", "baseline"),
    ("actual", "actual"),
    ("margin", "margin_ytd"),
    ("last_year", "last_year"),
    ("last_year_margin", "last_year_margin"),
)


@dataclass
class PlanActualRow:
    """One bar: the actual year to date against the staged target year to date."""

    key: int | None
    label: str
    href: str = ""
    target: Decimal = ZERO  # the whole year's
    baseline: Decimal = ZERO  # last year's actual the plan started from
    quarters: list[Decimal] = field(default_factory=lambda: [ZERO] * 4)
    actual: Decimal = ZERO  # revenue year to date
    margin: Decimal = ZERO
    last_year: Decimal = ZERO  # revenue in the same months of last year
    last_year_margin: Decimal = ZERO
    months: int = 0
    position: int = 0  # a product group's place in the catalogue

    def add(self, other: dict) -> None:
        """Add a row of the grouped queries (`margin_ytd` is the margin: the query may not
        name a sum after the column it sums)."""
        for name, key in SUMS:
            setattr(self, name, getattr(self, name) + other.get(key, ZERO))
        for index in range(4):
            self.quarters[index] += other.get(f"q{index + 1}", ZERO)

    def merge(self, other: "PlanActualRow") -> None:
        """Add another row's sums to this one (the staged target to date adds up too: it is
        linear in the quarters)."""
        for name, _key in SUMS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.quarters = [mine + theirs for mine, theirs in zip(self.quarters, other.quarters, strict=True)]

    @property
    def has_plan(self) -> bool:
        return self.target > 0

    @property
    def target_to_date(self) -> Decimal:
        return ytd_target(tuple(self.quarters), self.months)

    @property
    def percent(self) -> Decimal | None:
        """Actual as a per cent of the target year to date."""
        target = self.target_to_date
        return (self.actual * 100 / target).quantize(Decimal("0.1")) if target else None

    @property
    def gap(self) -> Decimal:
        return self.actual - self.target_to_date

    @property
    def growth(self) -> Decimal | None:
        """Turnover year to date against the same months of last year, in per cent."""
        return change(self.actual, self.last_year)

    @property
    def planned_growth(self) -> Decimal | None:
        """The year's target against the baseline it was planned from, in per cent."""
        return change(self.target, self.baseline) if self.target else None

    @property
    def margin_percent(self) -> Decimal | None:
        return (self.margin * 100 / self.actual).quantize(Decimal("0.1")) if self.actual else None

    @property
    def below_target(self) -> bool:
        return self.has_plan and self.actual < self.target_to_date


@dataclass
class PlanActual:
    total: PlanActualRow
    by_region: list[PlanActualRow]
    by_owner: list[PlanActualRow]
    by_group: list[PlanActualRow]


def _plan_rows(*, accounts: QuerySet[Account], year: int) -> Iterable[dict]:
    # Account plans only: a regional plan's lines restate its accounts' targets (and when the
    # accounts are everyone's, in_scope adds no condition that would leave them out).
    lines = SalesPlanLine.objects.filter(
        in_scope(accounts, "plan__account"), plan__account__isnull=False, plan__year=year, plan__status__in=COMMITTED
    )
    return (
        lines.order_by()
        .values(
            region=F("plan__account__region_id"),
            owner=F("plan__account__owner_id"),
            group_key=Coalesce("group_id", "product__group_id"),
        )
        .annotate(
            target=_sum("target_revenue"),
            baseline=_sum("baseline_revenue"),
            q1=_sum("q1_revenue"),
            q2=_sum("q2_revenue"),
            q3=_sum("q3_revenue"),
            q4=_sum("q4_revenue"),
        )
    )


def _actual_rows(*, accounts: QuerySet[Account], period: DashboardPeriod) -> Iterable[dict]:
    if not period.started:
        return []
    return (
        SalesYearSummary.objects.filter(in_scope(accounts), year__in=[period.year - 1, period.year])
        .order_by()
        # Grouped by ids only: grouping by names too made PostgreSQL sort the rows on disk;
        # the names are read afterwards.
        .values(region=F("account__region_id"), owner=F("account__owner_id"), group_key=F("group_id"))
        .annotate(
            actual=total_between("revenue", period.first, period.last),
            margin_ytd=total_between("margin", period.first, period.last),
            last_year=total_between("revenue", period.previous_first, period.previous_last),
            last_year_margin=total_between("margin", period.previous_first, period.previous_last),
        )
    )


# Which breakdown a summed row belongs to: a bit set per column summed over (as SQL's
# GROUPING(region, owner, group_key) would say).
BY_REGION, BY_OWNER, BY_GROUP, TOTAL = 0b011, 0b101, 0b110, 0b111
BREAKDOWNS = ((BY_REGION, "region"), (BY_OWNER, "owner"), (BY_GROUP, "group_key"), (TOTAL, None))
PLAN_SUMS = ("target", "baseline", "q1", "q2", "q3", "q4")
ACTUAL_SUMS = ("actual", "margin_ytd", "last_year", "last_year_margin")


def _decimal(value) -> Decimal:
    """A sum as the cursor returns it: None for the total of no rows at all, and a float or an
    int from SQLite, whose NUMERIC is not exact (the demo's money to the cent)."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _breakdown_rows(*, accounts: QuerySet[Account], period: DashboardPeriod) -> list[dict]:
    """The plan and actual sums by region, by manager, by product group and in total, each row
    with its `grouping` (BY_REGION…TOTAL), `key` (the id), `label` and a group's `position`.
    One query: the grouped plan lines and actuals (built by the ORM) put together by UNION
    ALL as `sources`, summed again by each breakdown (UNION ALL of four GROUP BYs rather than
    GROUPING SETS, which SQLite lacks), with the names joined to the summed rows only."""
    qn = connection.ops.quote_name
    parts, params = [], []
    sources = [(_plan_rows(accounts=accounts, year=period.year), PLAN_SUMS)]
    if period.started:
        sources.append((_actual_rows(accounts=accounts, period=period), ACTUAL_SUMS))
    for rows, sums in sources:
        sql, part_params = rows.query.sql_with_params()
        columns = ", ".join(
            qn(name) if name in sums else f"CAST(0 AS NUMERIC) AS {qn(name)}" for name in (*PLAN_SUMS, *ACTUAL_SUMS)
        )
        # Only ORM-compiled SQL and quoted names go into the text; values stay parameters.
        parts.append(f"SELECT region, owner, group_key, {columns} FROM ({sql}) AS part")  # noqa: S608
        params.extend(part_params)
    sums = ", ".join(f"SUM({qn(name)}) AS {qn(name)}" for name in (*PLAN_SUMS, *ACTUAL_SUMS))
    keys = ("region", "owner", "group_key")
    # Only constants and quoted names go into these texts.
    summed = " UNION ALL ".join(
        f"SELECT {grouping} AS breakdown, "  # noqa: S608
        + ", ".join(key if key == column else f"CAST(NULL AS BIGINT) AS {key}" for key in keys)
        + f", {sums} FROM sources"
        + (f" GROUP BY {column}" if column else "")
        for grouping, column in BREAKDOWNS
    )
    user, region, group = get_user_model()._meta, Region._meta, ProductGroup._meta
    # Only ORM-compiled SQL, constants and quoted names go into the text.
    sql = f"""
        WITH sources AS ({" UNION ALL ".join(parts)})
        SELECT summed.*, region.name, manager.first_name, manager.last_name, manager.username,
               product_group.name, product_group.position
        FROM ({summed}) AS summed
        LEFT JOIN {qn(region.db_table)} AS region
            ON summed.breakdown = {BY_REGION} AND region.{qn(region.pk.column)} = summed.region
        LEFT JOIN {qn(user.db_table)} AS manager
            ON summed.breakdown = {BY_OWNER} AND manager.{qn(user.pk.column)} = summed.owner
        LEFT JOIN {qn(group.db_table)} AS product_group
            ON summed.breakdown = {BY_GROUP} AND product_group.{qn(group.pk.column)} = summed.group_key
    """  # noqa: S608
    names = ("grouping", "region", "owner", "group_key", *PLAN_SUMS, *ACTUAL_SUMS)
    found = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for values in cursor.fetchall():
            row = dict(zip(names, values[: len(names)], strict=True))
            region_name, first_name, last_name, username, group_name, position = values[len(names) :]
            grouping = row["grouping"]
            for name in (*PLAN_SUMS, *ACTUAL_SUMS):
                row[name] = _decimal(row[name])
            if grouping == BY_REGION:
                row.update(key=row["region"], label=region_name or "", position=0)
            elif grouping == BY_OWNER:
                # "" for no manager.
                label = person_name(first_name, last_name, username) if username is not None else ""
                row.update(key=row["owner"], label=label, position=0)
            elif grouping == BY_GROUP:
                row.update(key=row["group_key"], label=group_name or "", position=position)
            else:
                row.update(key=None, label="", position=0)
            found.append(row)
    return found


def _plans_url(**params) -> str:
    query = urlencode({name: value for name, value in params.items() if value})
    return reverse("planning:plans") + (f"?{query}" if query else "")


def plan_actual_for_user(
    *, user, accounts: QuerySet[Account], filters: DashboardFilters, period: DashboardPeriod
) -> PlanActual:
    """The plan-vs-actual figures of `accounts` (already scoped to the user and filtered) in
    the period, each row linking to the plan behind it: a region's row to its regional plan
    (or the region's plans), a group's row to the regional plan in focus, a manager's row to
    the plans of the year. Two queries."""
    total = PlanActualRow(key=None, label="", months=period.months)
    regions: dict[int, PlanActualRow] = {}
    owners: dict[int, PlanActualRow] = {}
    groups: dict[int, PlanActualRow] = {}
    breakdowns = {BY_REGION: regions, BY_OWNER: owners, BY_GROUP: groups}
    for row in _breakdown_rows(accounts=accounts, period=period):
        if row["grouping"] == TOTAL:
            total.add(row)
            continue
        key = row["key"]
        added = breakdowns[row["grouping"]][key] = PlanActualRow(
            key=key, label=row["label"], months=period.months, position=row["position"] or 0
        )
        added.add(row)
    regional_plans = dict(
        plan_list_for_user(user=user)
        .filter(region__isnull=False, region_id__in=list(regions), year=period.year)
        .values_list("region_id", "pk")
    )
    for region in regions.values():
        plan = regional_plans.get(region.key)
        region.href = reverse("planning:plan", args=[plan]) if plan else _plans_url(year=period.year, region=region.key)
    focus = filters.region_id or (next(iter(regions)) if len(regions) == 1 else None)
    group_href = (
        reverse("planning:plan", args=[regional_plans[focus]])
        if focus in regional_plans
        else _plans_url(year=period.year, region=focus)
    )
    for group in groups.values():
        group.href = group_href
    owner_href = _plans_url(year=period.year, region=filters.region_id)  # the same for every manager
    for owner in owners.values():
        owner.href = owner_href
    by_size = lambda row: (-max(row.actual, row.target_to_date), row.label)  # noqa: E731
    return PlanActual(
        total=total,
        by_region=sorted(regions.values(), key=by_size),
        by_owner=sorted(owners.values(), key=by_size),
        by_group=sorted(groups.values(), key=lambda row: (row.position, row.label)),
    )


def biggest_and_others(rows: list[PlanActualRow], *, limit: int, label: str) -> list[PlanActualRow]:
    """The first `limit` of `rows` (biggest first) and, if there are more, one row summing the
    others, labelled `label` and linking nowhere: a chart of two hundred managers' bars would be
    unreadable, and its table shows the same rows."""
    if len(rows) <= limit:
        return rows
    others = PlanActualRow(key=None, label=label, months=rows[0].months)
    for row in rows[limit:]:
        others.merge(row)
    return [*rows[:limit], others]


def plans_url(*, year: int, region: int | None = None, status: str = "") -> str:
    """The plan list filtered as given (its own URL parameters)."""
    return _plans_url(year=year, region=region, status=status)
