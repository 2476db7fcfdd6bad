"""Writes of sales plans: creating a plan with lines prefilled from last year's actuals,
changing its lines, and moving it through the approval. Each service checks the actor's
right, validates, writes, and records history; every transition writes a PlanTransition,
which is also the author's in-app notice of what happened to the plan."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import Account
from accounts.selectors import account_is_editable
from kam.core.locking import save_versioned
from planning.models import PlanTransition, Product, ProductGroup, Region, SalesPlan, SalesPlanLine
from planning.selectors.plans import (
    allowed_transitions,
    baseline_by_group,
    baseline_for,
    directs_region,
    plan_is_editable,
)

Status = SalesPlan.Status
QUARTERS = ("q1_revenue", "q2_revenue", "q3_revenue", "q4_revenue")
LINE_FIELDS = ("target_volume", "target_revenue", *QUARTERS, "method")


def check_quarters(*, target_revenue: Decimal, quarters: list[Decimal]) -> None:
    """The staged quarter targets must add up to the year's target revenue."""
    total = sum(quarters, Decimal(0))
    if total != target_revenue:
        raise ValidationError(
            _("The quarters add up to %(total)s, not to the target revenue %(target)s.")
            % {
                "total": number_format(total, decimal_pos=2, force_grouping=True),
                "target": number_format(target_revenue, decimal_pos=2, force_grouping=True),
            },
            code="quarters",
        )


def _line_from_baseline(plan: SalesPlan, baseline: dict, **scope) -> SalesPlanLine:
    """A line whose target is last year's actual (growth 0 %), staged as last year's quarters."""
    return SalesPlanLine(
        plan=plan,
        baseline_volume=baseline["actual_volume"],
        baseline_revenue=baseline["actual_revenue"],
        target_volume=baseline["actual_volume"],
        target_revenue=baseline["actual_revenue"],
        **{name: baseline[f"actual_{name[:2]}"] for name in QUARTERS},
        **scope,
    )


@transaction.atomic
def plan_create(*, by, year: int, account: Account | None = None, region: Region | None = None) -> SalesPlan:
    """A draft plan for the year with one line per product group sold the year before.

    An account's plan is made by whoever may change the account; a region's plan by a
    director of that region. One plan per account (or region) per year."""
    if (account is None) == (region is None):
        raise ValidationError(_("Choose either an account or a region."))
    if account is not None and not account_is_editable(user=by, account=account):
        raise PermissionDenied
    if region is not None and not directs_region(user=by, region_id=region.pk):
        raise PermissionDenied
    plan = SalesPlan(year=year, account=account, region=region, author=by)
    try:
        with transaction.atomic():
            save_versioned(plan, expected_version=None)
    except IntegrityError:
        raise ValidationError(_("A plan for %(year)s already exists there.") % {"year": year}) from None
    rows = baseline_by_group(account=account, region_id=region.pk if region else None, year=year - 1)
    SalesPlanLine.objects.bulk_create(
        [_line_from_baseline(plan, row, group_id=row["product__group_id"]) for row in rows]
    )
    return plan


def _check_editable(by, plan: SalesPlan) -> None:
    if not plan_is_editable(user=by, plan=plan):
        raise PermissionDenied


@transaction.atomic
def plan_line_add(
    *, by, plan: SalesPlan, group: ProductGroup | None = None, product: Product | None = None
) -> SalesPlanLine:
    """A new line for a group or a product, its baseline computed from last year's actuals and
    its target set to that baseline (growth 0 %), for the author to change."""
    _check_editable(by, plan)
    if (group is None) == (product is None):
        raise ValidationError(_("Choose either a product group or a product."))
    baseline = baseline_for(
        account=plan.account,
        region_id=plan.region_id,
        year=plan.year - 1,
        group_id=group.pk if group else None,
        product_id=product.pk if product else None,
    )
    line = _line_from_baseline(plan, baseline, group=group, product=product)
    try:
        with transaction.atomic():
            save_versioned(line, expected_version=None)
    except IntegrityError:
        raise ValidationError(_("The plan already has a line for %(item)s.") % {"item": group or product}) from None
    return line


@transaction.atomic
def plan_line_update(*, by, line: SalesPlanLine, expected_version: int | None, **values) -> SalesPlanLine:
    """Change a line's targets, quarters and method; the quarters must add up to the target."""
    _check_editable(by, line.plan)
    unknown = set(values) - set(LINE_FIELDS)
    if unknown:
        raise TypeError(f"not line fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(line, name, value)
    check_quarters(target_revenue=line.target_revenue, quarters=[getattr(line, name) for name in QUARTERS])
    save_versioned(line, expected_version=expected_version)
    return line


@transaction.atomic
def plan_line_delete(*, by, line: SalesPlanLine) -> None:
    """Remove a line from a plan that may still change."""
    _check_editable(by, line.plan)
    line.delete()


def _transition(*, by, plan: SalesPlan, to: str, comment: str = "") -> SalesPlan:
    # Lock the row so that two directors acting at once see each other's decision.
    current = SalesPlan.objects.select_for_update().get(pk=plan.pk)
    plan.status = current.status
    if to not in allowed_transitions(user=by, plan=plan):
        raise PermissionDenied
    PlanTransition.objects.create(plan=plan, from_status=plan.status, to_status=to, by=by, comment=comment)
    plan.status = to
    save_versioned(plan, expected_version=current.version)
    return plan


@transaction.atomic
def plan_submit(*, by, plan: SalesPlan, comment: str = "") -> SalesPlan:
    """The author hands a draft or returned plan in for approval; every quarter must add up."""
    if plan.author_id == by.pk:
        for line in plan.lines.all():
            check_quarters(target_revenue=line.target_revenue, quarters=[getattr(line, q) for q in QUARTERS])
    return _transition(by=by, plan=plan, to=Status.SUBMITTED, comment=comment)


@transaction.atomic
def plan_approve(*, by, plan: SalesPlan, comment: str = "") -> SalesPlan:
    """A director of the plan's region approves a submitted plan; it becomes read-only."""
    return _transition(by=by, plan=plan, to=Status.APPROVED, comment=comment)


@transaction.atomic
def plan_return(*, by, plan: SalesPlan, comment: str) -> SalesPlan:
    """A director of the plan's region returns a submitted plan to its author, saying why."""
    if Status.RETURNED not in allowed_transitions(user=by, plan=plan):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say why the plan is returned."), code="comment")
    return _transition(by=by, plan=plan, to=Status.RETURNED, comment=comment.strip())
