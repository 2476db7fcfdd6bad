"""Reads of the account's Plans tab: its sales plans with this year's plan against actual
sales, and its client development plans with their progress.

The caller has already fetched the account through accounts.selectors (the user may see it).
Every figure is summed in SQL, by correlated subqueries per shown plan, so the tab costs the
same number of queries however many plans, lines, stages or records the account has.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Account
from planning.models import AccountPlan, BudgetLine, PlanObjective, PlanStage, SalesPlan
from planning.selectors.plan_actuals import PlanActuals, plan_actuals
from planning.selectors.plans import line_list_for_plan, plan_totals_of_lines, with_line_totals
from planning.selectors.sales import change

ZERO = Decimal(0)


def _next_year(model) -> Exists:
    return Exists(model.objects.filter(account=OuterRef("account"), year=OuterRef("year") + 1))


def sales_plan_list_for_account(*, user, account: Account) -> list[SalesPlan]:
    """The account's sales plans, newest year first, with baseline and target totals, growth
    in per cent (`growth`) and whether the next year already has a plan
    (`next_year_exists`): one query. An account's plans are visible exactly as the account
    is, which the caller has checked, so no other scope is applied (`user` is kept for the
    selector's signature)."""
    plans = list(
        with_line_totals(SalesPlan.objects.filter(account=account).select_related("account__region", "author"))
        .annotate(next_year_exists=_next_year(SalesPlan))
        .order_by("-year")
    )
    for plan in plans:
        plan.growth = change(plan.target_total, plan.baseline_total)
    return plans


def _count(model, **filters) -> Coalesce:
    rows = model.objects.filter(plan=OuterRef("pk"), **filters).order_by().values("plan")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def _budget(name: str) -> Coalesce:
    rows = BudgetLine.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return Coalesce(
        Subquery(rows.annotate(s=Sum(name)).values("s"), output_field=DecimalField()),
        Value(ZERO),
        output_field=DecimalField(),
    )


def account_plan_list_for_account(*, account: Account, today: datetime.date) -> QuerySet[AccountPlan]:
    """The account's development plans, newest year first, each with its objectives
    (`objectives_total`, `objectives_achieved`), stages not done (`stages_open`, of which
    `stages_overdue` past their deadline), budget (`budget_planned`, `budget_spent`) and
    whether the next year already has a plan (`next_year_exists`): one query."""
    return (
        AccountPlan.objects.filter(account=account)
        .select_related("author")
        .annotate(
            objectives_total=_count(PlanObjective),
            objectives_achieved=_count(PlanObjective, achieved=True),
            stages_open=_count(PlanStage, done_at__isnull=True),
            stages_overdue=_count(PlanStage, done_at__isnull=True, deadline__lt=today),
            budget_planned=_budget("planned"),
            budget_spent=_budget("spent"),
            next_year_exists=_next_year(AccountPlan),
        )
        .order_by("-year", "pk")
    )


def current_plan_actuals(
    *, plans: list[SalesPlan], today: datetime.date
) -> tuple[SalesPlan | None, PlanActuals | None]:
    """This year's plan among the account's `plans`, if any, against its actual sales as the
    plan page shows it: three queries (lines, the company's months, actuals), none without a
    plan."""
    current = next((plan for plan in plans if plan.year == today.year), None)
    if current is None:
        return None, None
    lines = line_list_for_plan(plan=current)
    totals = plan_totals_of_lines(lines)
    return current, plan_actuals(plan=current, lines=lines, totals=totals, today=today)
