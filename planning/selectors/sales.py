"""The account's actual sales as the Sales tab and the score suggestions read them.

Every figure is summed in SQL: by month, by product group with one conditional Sum per year,
by product. Each function costs one query whatever the number of records; Python only lays
out the few aggregated rows (at most 36 months, one row per group or product).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Account
from planning.models import SalesRecord

ZERO = Decimal(0)
METRICS = ("volume", "revenue", "margin")
TOP_PRODUCTS = 10


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_before(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month `count` months before `month`."""
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and the last month of the 12 months up to and including today's month."""
    last = month_start(today)
    return months_before(last, 11), last


def sales_years(today: datetime.date) -> list[int]:
    """The years the Sales tab shows: two previous and the current one, oldest first."""
    return [today.year - 2, today.year - 1, today.year]


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Year-over-year change in per cent, one decimal; None where there is nothing to compare with."""
    if current is None or not previous:
        return None
    return ((current - previous) * 100 / previous).quantize(Decimal("0.1"))


def _sum(expression: str, **filters) -> Coalesce:
    condition = Q(**filters) if filters else None
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=DecimalField())


def _records(account: Account, years: list[int]) -> QuerySet[SalesRecord]:
    return SalesRecord.objects.filter(
        account=account,
        month__gte=datetime.date(years[0], 1, 1),
        month__lt=datetime.date(years[-1] + 1, 1, 1),
    ).order_by()


def monthly_sales_for_account(*, account: Account, years: list[int]) -> list[dict]:
    """Volume, revenue and margin per month of `years` that has sales (one query)."""
    return list(
        _records(account, years)
        .values("month")
        .annotate(volume=Sum("volume"), revenue=Sum("revenue"), margin=Sum("margin"))
        .order_by("month")
    )


def _year_sums(years: list[int], through_month: int, *, prefix: str = "") -> dict:
    """Conditional sums per year (whole year) and per year to date (January to `through_month`)."""
    sums = {}
    for year in years:
        for metric in METRICS:
            sums[f"{metric}_{year}"] = _sum(f"{prefix}{metric}", **{f"{prefix}month__year": year})
            sums[f"{metric}_{year}_ytd"] = _sum(
                f"{prefix}{metric}",
                **{
                    f"{prefix}month__gte": datetime.date(year, 1, 1),
                    f"{prefix}month__lte": datetime.date(year, through_month, 1),
                },
            )
    return sums


def year_totals_for_account(*, account: Account, years: list[int], through_month: int) -> dict:
    """Each year's volume, revenue and margin, whole and to date, in one aggregate query."""
    return _records(account, years).aggregate(**_year_sums(years, through_month))


def group_sales_for_account(*, account: Account, years: list[int], through_month: int) -> list[dict]:
    """Per product group the account bought in: each year's totals, whole and to date, in one
    grouped query, in catalogue order."""
    return list(
        _records(account, years)
        .values("product__group_id", "product__group__name", "product__group__position")
        .annotate(**_year_sums(years, through_month))
        .order_by("product__group__position", "product__group__name")
    )


def top_products_for_account(*, account: Account, today: datetime.date, limit: int = TOP_PRODUCTS) -> list[dict]:
    """The products with the highest revenue over the last 12 months (one query)."""
    first, last = last_twelve_months(today)
    return list(
        SalesRecord.objects.filter(account=account, month__gte=first, month__lte=last)
        .order_by()
        .values("product_id", "product__code", "product__name", "product__unit", "product__group__name")
        .annotate(
            volume=Sum("volume"), revenue=Sum("revenue"), margin=Sum("margin"), months=Count("month", distinct=True)
        )
        .order_by("-revenue", "product__code")[:limit]
    )


def sales_measures_for_accounts(*, accounts: QuerySet[Account], today: datetime.date) -> dict[int, dict]:
    """For each of `accounts` (already scoped to the user) with sales in the last 12 months:
    orders (months with purchases), order volume (volume), buyers (distinct products bought)
    and purchase volume (revenue). One grouped query; accounts without sales are left out."""
    first, last = last_twelve_months(today)
    rows = (
        SalesRecord.objects.filter(account__in=accounts.values("pk"), month__gte=first, month__lte=last)
        .order_by()
        .values("account_id")
        .annotate(
            orders=Count("month", distinct=True),
            order_volume=Sum("volume"),
            buyers=Count("product", distinct=True),
            purchase_volume=Sum("revenue"),
        )
    )
    return {
        row["account_id"]: {
            "orders": row["orders"],
            "order_volume": row["order_volume"],
            "buyers": row["buyers"],
            "purchase_volume": row["purchase_volume"],
        }
        for row in rows
    }


# The tab's overview ---------------------------------------------------------------------


@dataclass
class YearColumn:
    year: int
    totals: dict  # volume, revenue, margin of the whole year
    to_date: dict  # the same from January to the comparison month
    change: Decimal | None  # revenue against the previous year, like for like
    partial: bool  # the current year, compared to date


@dataclass
class SalesOverview:
    years: list[int]
    through_month: int
    months_with_sales: int = 0
    months: list[dict] = field(default_factory=list)  # one row per calendar month: cells per year
    year_columns: list[YearColumn] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    top_products: list[dict] = field(default_factory=list)
    series: dict = field(default_factory=dict)  # year → [(month number, revenue or None)]

    @property
    def empty(self) -> bool:
        return not self.months_with_sales

    @property
    def through_date(self) -> datetime.date:
        """The last month of the current year's like-for-like comparison."""
        return datetime.date(self.years[-1], self.through_month, 1)


def sales_overview_for_account(*, account: Account, today: datetime.date) -> SalesOverview:
    """Everything the Sales tab shows of the account's own sales, in four queries whatever
    the number of records. The current year is compared with the same months of the previous
    year, through the last month with sales this year (or today's month when none yet)."""
    years = sales_years(today)
    monthly = monthly_sales_for_account(account=account, years=years)
    this_year = [row["month"].month for row in monthly if row["month"].year == today.year]
    through_month = max(this_year) if this_year else today.month
    overview = SalesOverview(years=years, through_month=through_month, months_with_sales=len(monthly))
    if not monthly:
        return overview

    by_month = {(row["month"].year, row["month"].month): row for row in monthly}
    for number in range(1, 13):
        overview.months.append(
            {
                "date": datetime.date(today.year, number, 1),
                "cells": [by_month.get((year, number)) for year in years],
            }
        )
    overview.series = {year: [(number, by_month.get((year, number))) for number in range(1, 13)] for year in years}

    totals = year_totals_for_account(account=account, years=years, through_month=through_month)
    previous = None
    for year in years:
        whole = {metric: totals[f"{metric}_{year}"] for metric in METRICS}
        to_date = {metric: totals[f"{metric}_{year}_ytd"] for metric in METRICS}
        partial = year == today.year
        if previous is None:
            yoy = None
        elif partial:
            yoy = change(to_date["revenue"], totals[f"revenue_{previous}_ytd"])
        else:
            yoy = change(whole["revenue"], totals[f"revenue_{previous}"])
        overview.year_columns.append(YearColumn(year=year, totals=whole, to_date=to_date, change=yoy, partial=partial))
        previous = year

    current, last_year = years[-1], years[-2]
    for row in group_sales_for_account(account=account, years=years, through_month=through_month):
        overview.groups.append(
            {
                "id": row["product__group_id"],
                "name": row["product__group__name"],
                "years": [{"year": y, **{m: row[f"{m}_{y}"] for m in METRICS}} for y in years],
                "to_date": row[f"revenue_{current}_ytd"],
                "previous_to_date": row[f"revenue_{last_year}_ytd"],
                "change": change(row[f"revenue_{current}_ytd"], row[f"revenue_{last_year}_ytd"]),
                "last_year_change": change(row[f"revenue_{last_year}"], row[f"revenue_{years[0]}"]),
            }
        )
    overview.top_products = top_products_for_account(account=account, today=today)
    return overview
