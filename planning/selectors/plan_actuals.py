"""A plan's actual revenue year to date, per line and in total, for the plan-vs-actual section.

The records are the account's for an account's plan, those of the region's accounts for a
regional plan, in the plan's year up to today's month. They are summed in ONE query grouped
by product (a row per product sold, however many records or lines); a group's line then adds
up its products' rows, a product's line takes its own. The caller has already checked that the
user may see the plan: the figures are those the plan's baseline was computed from.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce

from planning.forecast import PlanVsActual, plan_vs_actual
from planning.models import SalesPlan, SalesPlanLine, SalesRecord

ZERO = Decimal(0)


def months_elapsed(*, year: int, today: datetime.date) -> int:
    """The months of `year` up to and including today's month: 12 for a past year, 0 for a future one."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month


def actual_by_product(*, plan: SalesPlan, months: int) -> list[dict]:
    """Revenue of the plan's scope in its first `months` months, per product with its group:
    rows of `product_id`, `group_id`, `revenue` (one grouped query; none for 0 months)."""
    if months <= 0:
        return []
    records = SalesRecord.objects.filter(
        month__gte=datetime.date(plan.year, 1, 1), month__lte=datetime.date(plan.year, months, 1)
    )
    if plan.is_regional:
        records = records.filter(account__region_id=plan.region_id)
    else:
        records = records.filter(account_id=plan.account_id)
    return list(
        records.order_by()
        .values("product_id", group_id=F("product__group_id"))
        .annotate(revenue=Coalesce(Sum("revenue"), Value(ZERO), output_field=DecimalField()))
    )


@dataclass(frozen=True)
class PlanActuals:
    """The plan-vs-actual figures of a plan: per line (in the lines' order) and in total."""

    months: int
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
    is the sum of their targets. One query at most."""
    months = months_elapsed(year=plan.year, today=today)
    by_group: dict[int, Decimal] = {}
    by_product: dict[int, Decimal] = {}
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
    return PlanActuals(months=months, lines=compared, total=total)
