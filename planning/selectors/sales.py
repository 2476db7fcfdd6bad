"""The account's actual sales as the Sales tab and the score suggestions read them.

Every figure is summed in SQL: by product group and month, by product. Each function costs
one query whatever the number of records; Python only lays out and adds up the few
aggregated rows (at most 36 months per group, one row per product).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

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


def _records(account: Account, years: list[int]) -> QuerySet[SalesRecord]:
    return SalesRecord.objects.filter(
        account=account,
        month__gte=datetime.date(years[0], 1, 1),
        month__lt=datetime.date(years[-1] + 1, 1, 1),
    ).order_by()


def group_month_sales_for_account(*, account: Account, years: list[int]) -> list[dict]:
    """Volume, revenue and margin per product group and month of `years` with sales, with the
    group's name and catalogue position, in catalogue order (one query): at most a row per
    group and month, from which the tab lays out its months, years and groups."""
    return list(
        _records(account, years)
        .values("product__group_id", "product__group__name", "product__group__position", "month")
        .annotate(volume=Sum("volume"), revenue=Sum("revenue"), margin=Sum("margin"))
        .order_by("product__group__position", "product__group__name", "month")
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
    # group id → volume and revenue of the last 12 months, for the groups bought in then
    last_twelve: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.months_with_sales

    @property
    def through_date(self) -> datetime.date:
        """The last month of the current year's like-for-like comparison."""
        return datetime.date(self.years[-1], self.through_month, 1)


def _add(into: dict, row: dict) -> None:
    for metric in METRICS:
        into[metric] = into.get(metric, ZERO) + row[metric]


def sales_overview_for_account(*, account: Account, today: datetime.date) -> SalesOverview:
    """Everything the Sales tab shows of the account's own sales, in two queries whatever
    the number of records: the sums per product group and month (at most a few hundred rows,
    which the months, the years and the groups are then added up from) and the top products.
    The current year is compared with the same months of the previous year, through the last
    month with sales this year (or today's month when none yet)."""
    years = sales_years(today)
    rows = group_month_sales_for_account(account=account, years=years)
    by_month: dict[tuple[int, int], dict] = {}
    for row in rows:
        month = row["month"]
        _add(by_month.setdefault((month.year, month.month), {"month": month}), row)
    this_year = [number for year, number in by_month if year == today.year]
    through_month = max(this_year) if this_year else today.month
    overview = SalesOverview(years=years, through_month=through_month, months_with_sales=len(by_month))
    if not by_month:
        return overview

    for number in range(1, 13):
        overview.months.append(
            {
                "date": datetime.date(today.year, number, 1),
                "cells": [by_month.get((year, number)) for year in years],
            }
        )
    overview.series = {year: [(number, by_month.get((year, number))) for number in range(1, 13)] for year in years}

    def year_sums(months: list[dict]) -> dict:
        """Each year's sums, whole (`volume_2025`) and to date (`volume_2025_ytd`), zero
        where nothing was sold."""
        sums = {f"{metric}_{year}{suffix}": ZERO for year in years for metric in METRICS for suffix in ("", "_ytd")}
        for row in months:
            month = row["month"]
            for metric in METRICS:
                sums[f"{metric}_{month.year}"] += row[metric]
                if month.month <= through_month:
                    sums[f"{metric}_{month.year}_ytd"] += row[metric]
        return sums

    totals = year_sums(list(by_month.values()))
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

    groups: dict[int, list[dict]] = {}
    first, last = last_twelve_months(today)
    for row in rows:
        groups.setdefault(row["product__group_id"], []).append(row)
        if first <= row["month"] <= last:
            bought = overview.last_twelve.setdefault(row["product__group_id"], {"volume": ZERO, "revenue": ZERO})
            bought["volume"] += row["volume"]
            bought["revenue"] += row["revenue"]
    current, last_year = years[-1], years[-2]
    # In the rows' (the catalogue's) order, as the database collates the names.
    for months in groups.values():
        sums = year_sums(months)
        overview.groups.append(
            {
                "id": months[0]["product__group_id"],
                "name": months[0]["product__group__name"],
                "years": [{"year": y, **{m: sums[f"{m}_{y}"] for m in METRICS}} for y in years],
                "to_date": sums[f"revenue_{current}_ytd"],
                "previous_to_date": sums[f"revenue_{last_year}_ytd"],
                "change": change(sums[f"revenue_{current}_ytd"], sums[f"revenue_{last_year}_ytd"]),
                "last_year_change": change(sums[f"revenue_{last_year}"], sums[f"revenue_{years[0]}"]),
            }
        )
    overview.top_products = top_products_for_account(account=account, today=today)
    return overview
