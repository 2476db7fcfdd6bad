"""Cloning a plan to the next year, so that next year's planning starts from this year's.

A sales plan keeps its lines, methods, growth and quarter staging, but its baselines are
computed afresh from the actual sales of the source plan's year. A development plan keeps
what still holds (goals, SWOT, objectives, budget, open stages, live opportunities) and
leaves behind what is over (achievements, spending, done stages, the dated contact plan).
Each service checks the actor's right, refuses a year that already has a plan, and writes
the new plan and its rows in a fixed number of queries."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.selectors import account_is_editable
from kam.core.locking import save_versioned
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlanObjective,
    PlanStage,
    SalesPlan,
    SalesPlanLine,
    StrategicGoal,
    SwotItem,
)
from planning.selectors.clones import plan_may_create_next_year
from planning.selectors.plans import baseline_by_group, baseline_records
from planning.services.plans import QUARTERS, check_quarters

ZERO = Decimal(0)
CENT = Decimal("0.01")
GRAM = Decimal("0.001")  # the volumes' three decimal places


def _scaled(new_baseline: Decimal, source_target: Decimal, source_baseline: Decimal, unit: Decimal) -> Decimal:
    """The new target: the new baseline grown as the source target grew over its baseline;
    the source target itself where the source had no baseline to grow from."""
    if not source_baseline:
        return source_target
    return (new_baseline * source_target / source_baseline).quantize(unit, rounding=ROUND_HALF_UP)


def staged_quarters(*, target: Decimal, source: list[Decimal]) -> list[Decimal]:
    """`target` split over the quarters in the proportions of the `source` quarters, to the
    cent, the rounding remainder in Q4 so that they add up exactly. Evenly where the source
    was not staged at all."""
    weights = source if sum(source, ZERO) else [Decimal(1)] * 4
    whole = sum(weights, ZERO)
    first = [(target * weight / whole).quantize(CENT, rounding=ROUND_HALF_UP) for weight in weights[:3]]
    return [*first, target - sum(first, ZERO)]


def _baseline_by_product(*, plan: SalesPlan, product_ids: list[int]) -> dict[int, dict]:
    """The year's volume and revenue per product of the plan's scope (one grouped query)."""
    if not product_ids:
        return {}
    money = {"output_field": DecimalField()}
    rows = (
        baseline_records(account=plan.account, region_id=plan.region_id, year=plan.year)
        .filter(product_id__in=product_ids)
        .values("product_id")
        .annotate(
            actual_volume=Coalesce(Sum("volume"), Value(ZERO), **money),
            actual_revenue=Coalesce(Sum("revenue"), Value(ZERO), **money),
        )
    )
    return {row["product_id"]: row for row in rows}


def _cloned_line(new_plan: SalesPlan, source: SalesPlanLine, baseline: dict | None) -> SalesPlanLine:
    volume = baseline["actual_volume"] if baseline else ZERO
    revenue = baseline["actual_revenue"] if baseline else ZERO
    target_revenue = _scaled(revenue, source.target_revenue, source.baseline_revenue, CENT)
    quarters = staged_quarters(target=target_revenue, source=[getattr(source, name) for name in QUARTERS])
    check_quarters(target_revenue=target_revenue, quarters=quarters)
    return SalesPlanLine(
        plan=new_plan,
        group_id=source.group_id,
        product_id=source.product_id,
        baseline_volume=volume,
        baseline_revenue=revenue,
        target_volume=_scaled(volume, source.target_volume, source.baseline_volume, GRAM),
        target_revenue=target_revenue,
        **dict(zip(QUARTERS, quarters, strict=True)),
        method=source.method,
    )


def _next_year_taken(year: int) -> ValidationError:
    return ValidationError(
        _("A plan for %(year)s already exists there: open it rather than cloning this one.") % {"year": year},
        code="duplicate",
    )


@transaction.atomic
def plan_clone(*, by, plan: SalesPlan) -> SalesPlan:
    """A draft sales plan for the year after `plan`, for the same account or region, by `by`.

    Same lines (group or product) and methods; each baseline recomputed from the actual sales
    of `plan`'s year; each target keeps the source's growth over its baseline (or the source
    target where the source baseline was 0); the quarters are staged in the source's
    proportions and add up to the target. Allowed to whoever may create that plan
    (plan_create's rule); refused when the year after already has a plan. Five queries."""
    if not plan_may_create_next_year(user=by, plan=plan):
        raise PermissionDenied
    year = plan.year + 1
    new_plan = SalesPlan(year=year, account_id=plan.account_id, region_id=plan.region_id, author=by)
    try:
        with transaction.atomic():
            save_versioned(new_plan, expected_version=None)
    except IntegrityError:
        raise _next_year_taken(year) from None
    sources = list(plan.lines.order_by("pk"))
    region_id = plan.region_id if plan.is_regional else None
    account = None if plan.is_regional else plan.account
    by_group = {
        row["product__group_id"]: row for row in baseline_by_group(account=account, region_id=region_id, year=plan.year)
    }
    by_product = _baseline_by_product(plan=plan, product_ids=[line.product_id for line in sources if line.product_id])
    SalesPlanLine.objects.bulk_create(
        [
            _cloned_line(
                new_plan, line, by_product.get(line.product_id) if line.product_id else by_group.get(line.group_id)
            )
            for line in sources
        ]
    )
    return new_plan


def _moved_a_year(day):
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def account_plan_clone(*, by, plan: AccountPlan) -> AccountPlan:
    """A draft development plan for the year after `plan`, cloned from it, by `by`.

    Copies the summary, goals, SWOT, objectives (not achieved yet), budget lines (planned kept,
    nothing spent), the stages not done (deadline a year later, owner kept) and the
    opportunities neither won nor dropped. The contact plan stays behind: its dates are past.
    Only who may change the account; refused when the year after already has a plan. A
    fixed number of queries (one read and one insert per part)."""
    if not account_is_editable(user=by, account=plan.account):
        raise PermissionDenied
    year = plan.year + 1
    new_plan = AccountPlan(account_id=plan.account_id, year=year, author=by, summary=plan.summary, cloned_from=plan)
    try:
        with transaction.atomic():
            save_versioned(new_plan, expected_version=None)
    except IntegrityError:
        raise ValidationError(
            _("This account already has a development plan for %(year)s: open it rather than cloning this one.")
            % {"year": year},
            code="duplicate",
        ) from None
    StrategicGoal.objects.bulk_create(
        StrategicGoal(plan=new_plan, side=goal.side, text=goal.text, position=goal.position)
        for goal in plan.goals.all()
    )
    SwotItem.objects.bulk_create(
        SwotItem(plan=new_plan, quadrant=item.quadrant, text=item.text, position=item.position)
        for item in plan.swot.all()
    )
    PlanObjective.objects.bulk_create(
        PlanObjective(plan=new_plan, text=item.text, measure=item.measure, position=item.position)
        for item in plan.objectives.all()
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(plan=new_plan, item=line.item, planned=line.planned, spent=ZERO, position=line.position)
        for line in plan.budget_lines.all()
    )
    PlanStage.objects.bulk_create(
        PlanStage(
            plan=new_plan,
            account_id=new_plan.account_id,
            title=stage.title,
            procedure=stage.procedure,
            owner_id=stage.owner_id,
            deadline=_moved_a_year(stage.deadline),
            position=stage.position,
        )
        for stage in plan.stages.filter(done_at__isnull=True)
    )
    over = (PartnershipOpportunity.Status.WON, PartnershipOpportunity.Status.DROPPED)
    PartnershipOpportunity.objects.bulk_create(
        PartnershipOpportunity(
            plan=new_plan,
            title=item.title,
            description=item.description,
            partner_id=item.partner_id,
            value=item.value,
            status=item.status,
            position=item.position,
        )
        for item in plan.opportunities.exclude(status__in=over)
    )
    return new_plan
