"""Reads of sales plans, scoped to the user asking.

An account's plan is visible exactly as its account is; a regional plan is visible to the
directors of the region (or of all regions), to administrators, and, read-only, to the KAMs
who own or serve an account in the region. Lists and the plan page cost a fixed number of
queries however many plans or lines there are: the lists' totals are summed in SQL, the plan
page's added up from the lines it has loaded anyway.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Account
from accounts.selectors import account_is_editable
from kam.core.access import deny_forbidden, deny_not_found
from planning.models import PlanTransition, ProductGroup, Region, SalesPlan, SalesPlanLine, SalesRecord

ZERO = Decimal(0)
# Plans whose targets count towards their region's total.
COMMITTED = (SalesPlan.Status.SUBMITTED, SalesPlan.Status.APPROVED)


def _zero_sum(expression: str, **filters) -> Coalesce:
    condition = Q(**filters) if filters else None
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=DecimalField())


def _line_sum(lines: QuerySet, name: str) -> Coalesce:
    return Coalesce(Subquery(lines.annotate(s=Sum(name)).values("s")), Value(ZERO), output_field=DecimalField())


def directs_region(*, user, region_id: int | None) -> bool:
    """Whether the user is a director of this region (a director with no regions directs all)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_director:
        return False
    return region_id is not None and (not user.region_ids or region_id in user.region_ids)


def plan_scope_for_user(*, user) -> QuerySet[SalesPlan]:
    """The plans the user may see, with scope and author joined in, without the totals: one
    query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return SalesPlan.objects.none()
    accounts = Account.objects.visible_to(user)
    if user.is_admin or (user.is_director and not user.region_ids):
        scope = Q()
    elif user.is_director:
        scope = Q(account__in=accounts.values("pk")) | Q(region__in=user.region_ids)
    elif user.is_kam:
        scope = Q(account__in=accounts.values("pk")) | Q(
            region__in=accounts.exclude(region__isnull=True).values("region")
        )
    else:
        return SalesPlan.objects.none()
    return SalesPlan.objects.filter(scope).select_related("account__region", "region", "author")


def with_line_totals(plans: QuerySet[SalesPlan]) -> QuerySet[SalesPlan]:
    """`plans` with their target and baseline revenue (`target_total`, `baseline_total`) and
    number of lines (`line_count`)."""
    lines = SalesPlanLine.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return plans.annotate(
        # Correlated sums per shown plan rather than a GROUP BY over every line.
        target_total=_line_sum(lines, "target_revenue"),
        baseline_total=_line_sum(lines, "baseline_revenue"),
        line_count=Coalesce(Subquery(lines.annotate(n=Count("pk")).values("n")), 0),
    )


def plan_list_for_user(*, user) -> QuerySet[SalesPlan]:
    """The plans the user may see, with scope, author and totals joined in: one query."""
    return with_line_totals(plan_scope_for_user(user=user)).order_by("-year", "region__name", "account__name", "pk")


def plan_get_for_user(*, user, pk: int) -> SalesPlan:
    """One plan the user may see, or 404 (logged). Without the list's totals: the plan page
    adds up its lines itself."""
    plan = plan_scope_for_user(user=user).filter(pk=pk).first()
    if plan is None:
        raise deny_not_found(user, "view", f"sales_plan:{pk}")
    return plan


def plan_region_id(plan: SalesPlan) -> int | None:
    return plan.region_id if plan.is_regional else plan.account.region_id


def plan_may_change_scope(*, user, plan: SalesPlan) -> bool:
    """Whether the user may write the plan's lines (status aside): who may change the account
    for an account's plan; a director of the region for a regional plan."""
    if plan.is_regional:
        return user.is_admin or directs_region(user=user, region_id=plan.region_id)
    return account_is_editable(user=user, account=plan.account)


def plan_is_editable(*, user, plan: SalesPlan) -> bool:
    """Lines change only while the plan is a draft or returned, and only by its editors."""
    return plan.status in (SalesPlan.Status.DRAFT, SalesPlan.Status.RETURNED) and plan_may_change_scope(
        user=user, plan=plan
    )


def plan_get_for_edit(*, user, pk: int) -> SalesPlan:
    """One plan whose lines the user may change now: 404 if not visible, 403 otherwise."""
    plan = plan_get_for_user(user=user, pk=pk)
    if not plan_is_editable(user=user, plan=plan):
        raise deny_forbidden(user, "change", f"sales_plan:{pk}")
    return plan


def line_get_for_edit(*, user, pk: int) -> SalesPlanLine:
    """One line of a plan the user may change now: 404 if not visible, 403 otherwise."""
    line = SalesPlanLine.objects.filter(pk=pk).select_related("group", "product").first()
    if line is None:
        raise deny_not_found(user, "change", f"sales_plan_line:{pk}")
    line.plan = plan_get_for_edit(user=user, pk=line.plan_id)
    return line


def allowed_transitions(*, user, plan: SalesPlan) -> list[str]:
    """The target statuses the user may move the plan to now."""
    allowed = []
    if plan.status in (SalesPlan.Status.DRAFT, SalesPlan.Status.RETURNED) and plan.author_id == user.pk:
        allowed.append(SalesPlan.Status.SUBMITTED)
    # A director approves others' plans, never their own regional plan.
    others = plan.author_id != user.pk
    if (
        plan.status == SalesPlan.Status.SUBMITTED
        and others
        and directs_region(user=user, region_id=plan_region_id(plan))
    ):
        allowed += [SalesPlan.Status.APPROVED, SalesPlan.Status.RETURNED]
    return allowed


def line_list_for_plan(*, plan: SalesPlan) -> list[SalesPlanLine]:
    """The plan's lines with their group or product, in catalogue order (one query)."""
    return list(plan.lines.select_related("group", "product"))


TOTAL_FIELDS = ("baseline_volume", "baseline_revenue", "target_volume", "target_revenue") + tuple(
    f"q{n}_revenue" for n in range(1, 5)
)


def plan_totals(*, plan: SalesPlan) -> dict:
    """The plan's baseline, target and quarter totals in one aggregate query."""
    return plan.lines.order_by().aggregate(**{name: _zero_sum(name) for name in TOTAL_FIELDS})


def plan_totals_of_lines(lines: list[SalesPlanLine]) -> dict:
    """What plan_totals sums, added up from the plan's lines once a page has loaded all of
    them (line_list_for_plan): no query."""
    return {name: sum((getattr(line, name) for line in lines), ZERO) for name in TOTAL_FIELDS}


def transition_list_for_plan(*, plan: SalesPlan) -> list[PlanTransition]:
    """The plan's approval timeline, oldest first, with who did each step (one query)."""
    return list(plan.transitions.select_related("by"))


def regional_accounts_total(*, plan: SalesPlan) -> dict:
    """For a regional plan: the target revenue of its accounts' submitted or approved plans of
    the same year, and how many there are (one query)."""
    return SalesPlanLine.objects.filter(
        plan__account__region_id=plan.region_id, plan__year=plan.year, plan__status__in=COMMITTED
    ).aggregate(target=_zero_sum("target_revenue"), plans=Count("plan", distinct=True))


def baseline_records(*, account: Account | None, region_id: int | None, year: int) -> QuerySet[SalesRecord]:
    """The actual sales a plan's baseline is computed from: the account's, or every account's
    in the region, in the given year."""
    records = SalesRecord.objects.filter(month__gte=datetime.date(year, 1, 1), month__lt=datetime.date(year + 1, 1, 1))
    if account is not None:
        return records.filter(account=account).order_by()
    return records.filter(account__region_id=region_id).order_by()


def _quarter_sums() -> dict:
    return {
        f"actual_q{n}": _zero_sum("revenue", month__month__gte=3 * n - 2, month__month__lte=3 * n) for n in range(1, 5)
    }


def baseline_by_group(*, account: Account | None, region_id: int | None, year: int) -> list[dict]:
    """Per product group with sales: the year's volume, revenue and revenue per quarter
    (`actual_volume`, `actual_revenue`, `actual_q1`…), one grouped query, in catalogue order."""
    return list(
        baseline_records(account=account, region_id=region_id, year=year)
        .values("product__group_id")
        .annotate(actual_volume=_zero_sum("volume"), actual_revenue=_zero_sum("revenue"), **_quarter_sums())
        .order_by("product__group__position", "product__group__name")
    )


def baseline_for(*, account: Account | None, region_id: int | None, year: int, group_id=None, product_id=None) -> dict:
    """One group's or one product's actual volume, revenue and quarters in the year (one query)."""
    records = baseline_records(account=account, region_id=region_id, year=year)
    records = records.filter(product_id=product_id) if product_id else records.filter(product__group_id=group_id)
    return records.aggregate(actual_volume=_zero_sum("volume"), actual_revenue=_zero_sum("revenue"), **_quarter_sums())


def group_choices() -> QuerySet[ProductGroup]:
    return ProductGroup.objects.all()


def region_list() -> list[Region]:
    """Every region, for the plan list's filter (regions are not confidential)."""
    return list(Region.objects.all())
