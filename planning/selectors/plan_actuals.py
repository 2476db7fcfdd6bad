"""A plan's actual revenue year to date, per line and in total, for the plan-vs-actual section.

The actuals run through the latest month the ERP data covers, company-wide (`sales_through`):
a month whose export is not imported yet is not a month of zero sales, while an account that
stopped buying does show its empty months. The records are the account's for an account's
plan, those of the region's accounts for a regional plan, in the plan's year up to that month.
An account's are summed in ONE query grouped by product (a row per product sold, however many
records or lines); a group's line then adds up its products' rows, a product's line takes its
own. A region's run to tens of thousands of records a year, so its group lines read the yearly
summary instead (planning.summary: the same sums, a row per account and group, refreshed with
every import), and only its product lines, if any, the records of those products. The caller
has already checked that the user may see the plan: the figures are those the plan's baseline
was computed from.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from planning.forecast import PlanVsActual, plan_vs_actual
from planning.models import Product, SalesPlan, SalesPlanLine, SalesRecord, SalesYearSummary, revenue_to

ZERO = Decimal(0)


def sales_through(*, today: datetime.date) -> datetime.date | None:
    """The first day of the latest month with any actual sales, company-wide, never after
    today's month; None before the first import. One query: the latest month of each product
    read backwards from the (product, month) index, so it costs a few index probes per
    product however many records there are."""
    latest = SalesRecord.objects.filter(product=OuterRef("pk"), month__lte=today.replace(day=1))
    return Product.objects.aggregate(through=Max(Subquery(latest.order_by("-month").values("month")[:1])))["through"]


def months_elapsed(*, year: int, through: datetime.date | None) -> int:
    """The months of `year` that count: up to and including the month the actuals run through
    (gaps before it included, as months that sold nothing); 12 once the data has gone past the
    year, 0 while it has not reached it."""
    if through is None or through.year < year:
        return 0
    if through.year > year:
        return 12
    return through.month


def actual_by_product(*, plan: SalesPlan, months: int, product_ids: list[int] | None = None) -> list[dict]:
    """Revenue of the plan's scope in its first `months` months, per product with its group:
    rows of `product_id`, `group_id`, `revenue`; only of `product_ids` when given. One grouped
    query over the (account, month) index, or the (product, month) one; none for 0 months."""
    if months <= 0:
        return []
    records = SalesRecord.objects.filter(
        month__gte=datetime.date(plan.year, 1, 1), month__lte=datetime.date(plan.year, months, 1)
    )
    if plan.is_regional:
        records = records.filter(account__region_id=plan.region_id)
    else:
        records = records.filter(account_id=plan.account_id)
    if product_ids is not None:
        records = records.filter(product_id__in=product_ids)
    return list(
        records.order_by()
        .values("product_id", group_id=F("product__group_id"))
        .annotate(revenue=Coalesce(Sum("revenue"), Value(ZERO), output_field=DecimalField()))
    )


def regional_actual_by_group(*, plan: SalesPlan, months: int) -> dict[int, Decimal]:
    """A regional plan's revenue per product group in the first `months` months of its year,
    from the yearly summary: one grouped query over the region's accounts' rows of that year
    (the (year, account) index), whose running total through the last month is one column.
    Groups without sales are left out; none for 0 months."""
    if months <= 0:
        return {}
    rows = (
        SalesYearSummary.objects.filter(year=plan.year, account__region_id=plan.region_id)
        .order_by()
        .values("group_id")
        .annotate(revenue=Sum(revenue_to(months)))
    )
    return {row["group_id"]: row["revenue"] for row in rows}


@dataclass(frozen=True)
class PlanActuals:
    """The plan-vs-actual figures of a plan: per line (in the lines' order) and in total.
    `months` are the months of the plan's year that count; `through` is the first day of the
    last of them (None while none does)."""

    months: int
    through: datetime.date | None
    lines: list[tuple[SalesPlanLine, PlanVsActual]]
    total: PlanVsActual

    @property
    def started(self) -> bool:
        return self.months > 0


def _quarters(source) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    return tuple(get(f"q{n}_revenue") or ZERO for n in range(1, 5))


def plan_actuals(*, plan: SalesPlan, lines: list[SalesPlanLine], totals: dict, today: datetime.date) -> PlanActuals:
    """Each line's and the plan's target against the actual year to date, with the run-rate
    forecast. `lines` and `totals` are those the plan page has already read (see
    planning.selectors.plans); the total actual is the sum of the lines', as the total target
    is the sum of their targets.

    Two queries at most (when the data runs through), none for a future year's plan; three
    for a regional plan that also has product lines."""
    through = sales_through(today=today) if plan.year <= today.year else None
    months = months_elapsed(year=plan.year, through=through)
    by_group: dict[int, Decimal] = {}
    by_product: dict[int, Decimal] = {}
    if plan.is_regional:
        if any(line.group_id for line in lines):
            by_group = regional_actual_by_group(plan=plan, months=months)
        product_ids = [line.product_id for line in lines if line.product_id]
        rows = actual_by_product(plan=plan, months=months, product_ids=product_ids) if product_ids else []
        by_product = {row["product_id"]: row["revenue"] for row in rows}
    else:
        for row in actual_by_product(plan=plan, months=months):
            by_product[row["product_id"]] = row["revenue"]
            by_group[row["group_id"]] = by_group.get(row["group_id"], ZERO) + row["revenue"]
    compared = []
    total_actual = ZERO
    for line in lines:
        actual = by_product.get(line.product_id, ZERO) if line.product_id else by_group.get(line.group_id, ZERO)
        total_actual += actual
        compared.append(
            (
                line,
                plan_vs_actual(
                    target=line.target_revenue, quarters=_quarters(line), actual=actual, months_elapsed=months
                ),
            )
        )
    total = plan_vs_actual(
        target=totals["target_revenue"], quarters=_quarters(totals), actual=total_actual, months_elapsed=months
    )
    last = datetime.date(plan.year, months, 1) if months else None
    return PlanActuals(months=months, through=last, lines=compared, total=total)
