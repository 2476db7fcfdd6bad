"""Whitespace: where the account buys from us and where it does not, group by group, with the
competitors known to supply it there — the map of where to grow. For one account (its Sales
tab) and for a grid of accounts × product groups (a region's, a KAM's, a dashboard's)."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Account, Industry
from planning.models import CompetitorPresence, Product, ProductGroup, Region, SalesRecord
from planning.selectors.sales import ZERO, last_twelve_months, month_start, months_before


def competitor_presence_list_for_account(*, account: Account) -> QuerySet[CompetitorPresence]:
    """The competitors recorded at the account (the caller has checked access), with their
    competitor and group joined in: one query."""
    return (
        CompetitorPresence.objects.filter(account=account)
        .select_related("competitor", "group")
        .order_by("competitor__name", "group__position", "group__name")
    )


def _last_twelve_months_sum(account: Account, first: datetime.date, last: datetime.date, metric: str) -> Subquery:
    records = (
        SalesRecord.objects.filter(account=account, product__group=OuterRef("pk"), month__gte=first, month__lte=last)
        .order_by()
        .values("product__group")
        .annotate(total=Sum(metric))
        .values("total")
    )
    return Subquery(records, output_field=DecimalField())


def whitespace_for_account(
    *, account: Account, today: datetime.date, presences: list[CompetitorPresence], bought: dict | None = None
) -> dict:
    """Every product group of the catalogue with what the account bought in it over the last
    12 months (volume and revenue, None where nothing) and the competitors present there.
    One query (a correlated sum per group, which stays on the account's own records); the
    competitors come from `presences`, already loaded by competitor_presence_list_for_account.
    `bought` (group id → volume and revenue of those months, as SalesOverview.last_twelve
    has them) spares the sums: the query then only reads the catalogue."""
    first, last = last_twelve_months(today)
    if bought is None:
        groups = ProductGroup.objects.annotate(
            volume=_last_twelve_months_sum(account, first, last, "volume"),
            revenue=_last_twelve_months_sum(account, first, last, "revenue"),
        ).order_by("position", "name")
    else:
        groups = list(ProductGroup.objects.order_by("position", "name"))
        for group in groups:
            group.volume = bought[group.pk]["volume"] if group.pk in bought else None
            group.revenue = bought[group.pk]["revenue"] if group.pk in bought else None
    by_group: dict[int | None, list[CompetitorPresence]] = {}
    for presence in presences:
        by_group.setdefault(presence.group_id, []).append(presence)
    rows = [
        {
            "group": group,
            "volume": group.volume,
            "revenue": group.revenue,
            "buys": group.revenue is not None or group.volume is not None,
            "competitors": by_group.get(group.pk, []),
        }
        for group in groups
    ]
    return {
        "rows": rows,
        "in_general": by_group.get(None, []),
        "first_month": first,
        "last_month": last,
        "open_groups": sum(1 for row in rows if not row["buys"]),
    }


# The regional grid: accounts × product groups ------------------------------------------

SHADES = 5  # intensity buckets of a cell, ws-shade-1 … ws-shade-5
GRID_SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "total": ("grid_total", "name", "pk"),
    "-total": ("-grid_total", "name", "pk"),
    "coverage": ("grid_coverage", "-grid_total", "name", "pk"),
    "-coverage": ("-grid_coverage", "-grid_total", "name", "pk"),
}
LAST_TWELVE = "12m"


@dataclass(frozen=True)
class GridPeriod:
    """The months a grid sums: `choice` is "12m" or a year; `latest` the latest complete month
    with sales in the company (None when nothing was ever recorded)."""

    choice: str
    first: datetime.date
    last: datetime.date
    latest: datetime.date | None

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1


def latest_complete_sales_month(*, today: datetime.date) -> datetime.date | None:
    """The latest month before today's (which is still being invoiced) that has sales records,
    company-wide. One query: no index leads with the month, so rather than scan two million
    rows it asks each product for its latest month on the (product, month) index."""
    current = month_start(today)
    latest_per_product = (
        SalesRecord.objects.filter(product=OuterRef("pk"), month__lt=current).order_by("-month").values("month")[:1]
    )
    return Product.objects.annotate(product_latest=Subquery(latest_per_product)).aggregate(
        latest=Max("product_latest")
    )["latest"]


def grid_period(*, choice: str, today: datetime.date) -> GridPeriod:
    """The period of the grid. "12m": the 12 complete months ending with the latest one that
    has records (the 12 ending last month when there are none). A year: its January to its
    December, or to the latest complete month for the current year. One query."""
    latest = latest_complete_sales_month(today=today)
    if choice == LAST_TWELVE:
        last = latest or months_before(month_start(today), 1)
        return GridPeriod(choice=choice, first=months_before(last, 11), last=last, latest=latest)
    year = int(choice)
    last = datetime.date(year, 12, 1)
    if year == today.year:
        last = latest if latest and latest.year == year else datetime.date(year, 1, 1)
    return GridPeriod(choice=choice, first=datetime.date(year, 1, 1), last=last, latest=latest)


def _period_records(period: GridPeriod) -> QuerySet[SalesRecord]:
    return SalesRecord.objects.filter(month__gte=period.first, month__lte=period.last).order_by()


def grid_accounts_for_user(
    *,
    user,
    period: GridPeriod,
    region_id: int | None = None,
    owner_id: int | None = None,
    industry_id: int | None = None,
    sort: str = "name",
) -> QuerySet[Account]:
    """The accounts of the grid, scoped to the user and filtered, in the order asked for. A
    lazy queryset: the caller pages or limits it (one query, and one to count). Sorting by
    total or coverage adds a correlated sum per account that stays on the (account, month)
    index, so the order spans every page, not only the shown one."""
    accounts = Account.objects.visible_to(user).select_related("owner").order_by()
    if region_id:
        accounts = accounts.filter(region_id=region_id)
    if owner_id:
        accounts = accounts.filter(owner_id=owner_id)
    if industry_id:
        accounts = accounts.filter(industry_id=industry_id)
    sort = sort if sort in GRID_SORTS else "name"
    if sort.lstrip("-") in {"total", "coverage"}:
        per_account = _period_records(period).filter(account=OuterRef("pk")).values("account")
        total = per_account.annotate(total=Sum("revenue")).values("total")
        accounts = accounts.annotate(
            grid_total=Coalesce(Subquery(total, output_field=DecimalField()), Value(ZERO), output_field=DecimalField())
        )
    if sort.lstrip("-") == "coverage":
        groups = per_account.annotate(groups=Count("product__group", distinct=True)).values("groups")
        accounts = accounts.annotate(grid_coverage=Coalesce(Subquery(groups), Value(0)))
    return accounts.order_by(*GRID_SORTS[sort])


@dataclass
class GridCell:
    group: ProductGroup
    revenue: Decimal | None  # None: the account bought nothing of the group in the period
    shade: int  # 0 (none or not positive) to SHADES, against the group's highest in the grid
    competitors: list[str]  # names of the competitors present, shown for empty cells only

    @property
    def buys(self) -> bool:
        return self.revenue is not None


@dataclass
class GridRow:
    account: Account
    cells: list[GridCell]
    total: Decimal | None
    coverage: int


@dataclass
class WhitespaceGrid:
    """The compact result: `cells` maps (account id, group id) to revenue, present only where
    the account bought; `competitors` maps (account id, group id or None for "in general")
    to competitor names. `rows` lays both out for a template."""

    period: GridPeriod
    accounts: list[Account]
    groups: list[ProductGroup]
    cells: dict[tuple[int, int], Decimal]
    competitors: dict[tuple[int, int | None], list[str]]
    account_totals: dict[int, Decimal] = field(default_factory=dict)
    group_totals: dict[int, Decimal] = field(default_factory=dict)
    total: Decimal | None = None

    @property
    def has_sales(self) -> bool:
        return bool(self.cells)

    def competitors_in(self, account_id: int, group_id: int) -> list[str]:
        """The competitors present at the account in the group or in general, each once."""
        names = self.competitors.get((account_id, group_id), []) + self.competitors.get((account_id, None), [])
        return sorted(set(names), key=str.casefold)

    @cached_property
    def rows(self) -> list[GridRow]:
        highest = {group.pk: max(self.group_highest.get(group.pk, ZERO), ZERO) for group in self.groups}
        rows = []
        for account in self.accounts:
            cells = []
            for group in self.groups:
                revenue = self.cells.get((account.pk, group.pk))
                cells.append(
                    GridCell(
                        group=group,
                        revenue=revenue,
                        shade=_shade(revenue, highest[group.pk]),
                        competitors=[] if revenue is not None else self.competitors_in(account.pk, group.pk),
                    )
                )
            rows.append(
                GridRow(
                    account=account,
                    cells=cells,
                    total=self.account_totals.get(account.pk),
                    coverage=sum(1 for cell in cells if cell.buys),
                )
            )
        return rows

    @cached_property
    def group_highest(self) -> dict[int, Decimal]:
        """The highest cell of each group, the top of its shading scale."""
        highest: dict[int, Decimal] = {}
        for (_account_id, group_id), revenue in self.cells.items():
            highest[group_id] = max(highest.get(group_id, revenue), revenue)
        return highest

    @property
    def column_totals(self) -> list[Decimal | None]:
        return [self.group_totals.get(group.pk) for group in self.groups]

    @property
    def open_with_competitor(self) -> int:
        """Empty cells (nothing bought) where a competitor is known to be present."""
        return sum(1 for row in self.rows for cell in row.cells if not cell.buys and cell.competitors)

    @property
    def open_cells(self) -> int:
        return len(self.accounts) * len(self.groups) - len(self.cells)


def _shade(revenue: Decimal | None, highest: Decimal) -> int:
    """1 to SHADES in equal steps of the group's highest cell; 0 for nothing or a net return."""
    if revenue is None or revenue <= 0 or highest <= 0:
        return 0
    return max(1, min(SHADES, math.ceil(revenue * SHADES / highest)))


def whitespace_grid(
    *, accounts: QuerySet[Account] | list[Account], period: GridPeriod, limit: int | None = None
) -> WhitespaceGrid:
    """What each of `accounts` (scoped to the user by grid_accounts_for_user, then paged, or
    cut to `limit` for a small dashboard grid) bought of each product group in the period,
    and the competitors present where it bought nothing.

    A fixed number of queries: the accounts (unless a list is given), the product groups, one
    grouped sum over SalesRecord ⨝ Product for these accounts only — `account_id IN (…)` and a
    month range, which the (account, month) index serves — and the competitors present."""
    if limit is not None:
        accounts = accounts[:limit]
    accounts = list(accounts)
    account_ids = [account.pk for account in accounts]
    groups = list(ProductGroup.objects.order_by("position", "name"))
    grid = WhitespaceGrid(period=period, accounts=accounts, groups=groups, cells={}, competitors={})
    if not account_ids:
        return grid
    sums = (
        _period_records(period)
        .filter(account_id__in=account_ids)
        .values_list("account_id", "product__group_id")
        .annotate(revenue=Sum("revenue"))
    )
    for account_id, group_id, revenue in sums:
        grid.cells[(account_id, group_id)] = revenue
        grid.account_totals[account_id] = grid.account_totals.get(account_id, ZERO) + revenue
        grid.group_totals[group_id] = grid.group_totals.get(group_id, ZERO) + revenue
    if grid.cells:
        grid.total = sum(grid.account_totals.values(), ZERO)
    presences = (
        CompetitorPresence.objects.filter(account_id__in=account_ids)
        .order_by()
        .values_list("account_id", "group_id", "competitor__name")
    )
    for account_id, group_id, name in presences:
        grid.competitors.setdefault((account_id, group_id), []).append(name)
    return grid


# The grid's filter choices, scoped to the user ---------------------------------------------


def grid_region_choices(*, user) -> list[Region]:
    """The regions the user sees accounts in: a director's own (every region if none are
    set), every region for an administrator, the regions of a manager's accounts."""
    if user.is_director and user.region_ids:
        return list(Region.objects.filter(pk__in=user.region_ids))
    if user.is_director or user.is_admin:
        return list(Region.objects.all())
    return list(Region.objects.filter(pk__in=Account.objects.visible_to(user).values("region")))


def grid_owner_choices(*, user) -> list | None:
    """The managers whose accounts a director or an administrator sees; None for a manager."""
    if not (user.is_director or user.is_admin):
        return None
    owners = Account.objects.visible_to(user).values("owner")
    return list(get_user_model().objects.filter(pk__in=owners).order_by("last_name", "first_name"))


def grid_industry_choices() -> list[Industry]:
    return list(Industry.objects.all())
