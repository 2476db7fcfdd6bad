"""Reads of client development plans (AccountPlan) and their parts.

A plan is visible exactly as its account is and changed by whoever may change the account,
as long as the plan is not closed: a closed plan is read-only for everyone. The plan page
costs a fixed number of queries however many rows its parts have: one per part, plus the plan
itself and the access check; the totals are added up from the parts' rows already loaded.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Model,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone

from accounts.models import Account
from accounts.selectors import account_is_editable
from kam.core.access import deny_forbidden, deny_not_found
from kam.notifications.selectors import reminder_history_by_target
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=18, decimal_places=2)
OPEN_OPPORTUNITIES = (PartnershipOpportunity.Status.IDEA, PartnershipOpportunity.Status.PURSUING)


def account_plan_default_year(*, account: Account, today: datetime.date) -> int:
    """The year a new plan is most likely for: this year, or next year once this year's
    plan exists."""
    exists = AccountPlan.objects.filter(account=account, year=today.year).exists()
    return today.year + 1 if exists else today.year


def account_plan_get_for_user(*, user, pk: int) -> AccountPlan:
    """One plan the user may see (whoever sees its account), with its account and author
    joined; or 404 (logged)."""
    plan = (
        AccountPlan.objects.visible_to(user)
        .select_related("account__region", "account__owner", "author")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise deny_not_found(user, "view", f"account_plan:{pk}")
    return plan


def account_plan_may_change_account(*, user, plan: AccountPlan) -> bool:
    """Whether the user may change the plan's account (the plan's status aside)."""
    return account_is_editable(user=user, account=plan.account)


def account_plan_is_editable(*, user, plan: AccountPlan) -> bool:
    """A plan is changed by its account's editors until it is closed; then by nobody."""
    return plan.status != AccountPlan.Status.CLOSED and account_plan_may_change_account(user=user, plan=plan)


def account_plan_get_for_edit(*, user, pk: int) -> AccountPlan:
    """One plan the user may change now: 404 if they may not see it, 403 if they only read
    it or it is closed."""
    plan = account_plan_get_for_user(user=user, pk=pk)
    if not account_plan_is_editable(user=user, plan=plan):
        raise deny_forbidden(user, "change", f"account_plan:{pk}")
    return plan


def plan_part_get(*, user, plan: AccountPlan, model: type[Model], pk: int) -> Model:
    """One row of a part of `plan` (already fetched through a door for `user`): 404 when the
    plan has no such row. The row's `plan` is the fetched plan, so no query follows it."""
    record = model._default_manager.filter(plan=plan, pk=pk).first()
    if record is None:
        raise deny_not_found(user, "change", f"{model._meta.model_name}:{pk}")
    record.plan = plan
    return record


def plan_stage_get_for_edit(*, user, pk: int) -> PlanStage:
    """One stage of a plan the user may change now: 404 if not visible, 403 otherwise."""
    stage = PlanStage.objects.visible_to(user).filter(pk=pk).only("pk", "plan_id").first()
    if stage is None:
        raise deny_not_found(user, "change", f"plan_stage:{pk}")
    plan = account_plan_get_for_edit(user=user, pk=stage.plan_id)
    return plan_part_get(user=user, plan=plan, model=PlanStage, pk=pk)


def planned_contact_get_for_edit(*, user, pk: int) -> PlannedContact:
    """One planned contact of a plan the user may change now, with its contact joined: 404
    if not visible, 403 otherwise."""
    row = PlannedContact.objects.filter(pk=pk).values("plan_id").first()
    if row is None:
        raise deny_not_found(user, "change", f"planned_contact:{pk}")
    plan = account_plan_get_for_edit(user=user, pk=row["plan_id"])
    planned = PlannedContact.objects.select_related("contact", "meeting").get(pk=pk)
    planned.plan = plan
    return planned


# The plan page -----------------------------------------------------------------------------


def stage_overdue(today: datetime.date) -> Case:
    """An open stage whose deadline passed before `today` (the user's local date)."""
    return Case(
        When(done_at__isnull=True, deadline__lt=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _budget_lines() -> QuerySet[BudgetLine]:
    return BudgetLine.objects.annotate(
        remaining=ExpressionWrapper(F("planned") - F("spent"), output_field=MONEY),
        overspent=Case(
            When(spent__gt=F("planned"), then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )


def plan_totals_from_parts(
    *,
    budget_lines: list[BudgetLine],
    stages: list[PlanStage],
    objectives: list[PlanObjective],
    opportunities: list[PartnershipOpportunity],
    today: datetime.date,
) -> dict:
    """The plan's figures: budget planned, spent and remaining, and the lines overspent;
    stages done, open and overdue (for `today`); objectives achieved; the value of open
    partnership opportunities. The page has loaded every row of these parts already, so
    they are added up here rather than asked of the database again (a dozen correlated
    subqueries cost more to build than the few rows cost to add)."""
    budget_planned = sum((line.planned for line in budget_lines), ZERO)
    budget_spent = sum((line.spent for line in budget_lines), ZERO)
    open_opportunities = [o for o in opportunities if o.status in OPEN_OPPORTUNITIES]
    totals = {
        "budget_planned": budget_planned,
        "budget_spent": budget_spent,
        "budget_lines_overspent": sum(1 for line in budget_lines if line.spent > line.planned),
        "stage_count": len(stages),
        "stages_done": sum(1 for stage in stages if stage.done_at is not None),
        "stages_overdue": sum(1 for stage in stages if stage.done_at is None and stage.deadline < today),
        "objective_count": len(objectives),
        "objectives_achieved": sum(1 for objective in objectives if objective.achieved),
        "opportunities_open": len(open_opportunities),
        # SUM skips the opportunities without an estimate.
        "opportunities_value": sum((o.value for o in open_opportunities if o.value is not None), ZERO),
    }
    totals["budget_remaining"] = totals["budget_planned"] - totals["budget_spent"]
    totals["budget_overspent"] = totals["budget_remaining"] < 0
    totals["budget_overspent_by"] = max(-totals["budget_remaining"], ZERO)
    return totals


@dataclass
class DevelopmentPage:
    """What the plan page shows, all loaded: templates run no queries."""

    plan: AccountPlan
    can_edit: bool
    may_change_account: bool
    client_goals: list[StrategicGoal]
    our_goals: list[StrategicGoal]
    swot: dict[str, list[SwotItem]]
    objectives: list[PlanObjective]
    contacts: list[PlannedContact]
    budget_lines: list[BudgetLine]
    stages: list[PlanStage]
    opportunities: list[PartnershipOpportunity]
    totals: dict = field(default_factory=dict)
    # (stage, reminder) pairs, newest first: who was reminded of which stage.
    stage_reminders: list[tuple] = field(default_factory=list)

    @property
    def swot_count(self) -> int:
        return sum(len(points) for points in self.swot.values())


def account_plan_page_get(*, user, plan: AccountPlan, today: datetime.date | None = None) -> DevelopmentPage:
    """Everything the page of `plan` (fetched through a door for `user`) shows: one query
    per part whatever the number of rows, the totals added up from them. Overdue is judged
    against `today`, the user's local date."""
    today = today or timezone.localdate()
    prefetch_related_objects(
        [plan],
        Prefetch("goals", queryset=StrategicGoal.objects.all()),
        Prefetch("swot", queryset=SwotItem.objects.all()),
        Prefetch("objectives", queryset=PlanObjective.objects.all()),
        Prefetch("contacts", queryset=PlannedContact.objects.select_related("contact", "meeting")),
        Prefetch("budget_lines", queryset=_budget_lines()),
        Prefetch(
            "stages",
            queryset=PlanStage.objects.select_related("owner").annotate(is_overdue=stage_overdue(today)),
        ),
        Prefetch("opportunities", queryset=PartnershipOpportunity.objects.select_related("partner")),
    )
    goals = list(plan.goals.all())
    swot = {quadrant: [] for quadrant in SwotItem.Quadrant.values}
    for point in plan.swot.all():
        swot[point.quadrant].append(point)
    may_change_account = account_plan_may_change_account(user=user, plan=plan)
    stages = list(plan.stages.all())
    objectives = list(plan.objectives.all())
    budget_lines = list(plan.budget_lines.all())
    opportunities = list(plan.opportunities.all())
    return DevelopmentPage(
        plan=plan,
        can_edit=may_change_account and plan.status != AccountPlan.Status.CLOSED,
        may_change_account=may_change_account,
        client_goals=[goal for goal in goals if goal.side == StrategicGoal.Side.CLIENT],
        our_goals=[goal for goal in goals if goal.side == StrategicGoal.Side.OURS],
        swot=swot,
        objectives=objectives,
        contacts=list(plan.contacts.all()),
        budget_lines=budget_lines,
        stages=stages,
        opportunities=opportunities,
        totals=plan_totals_from_parts(
            budget_lines=budget_lines, stages=stages, objectives=objectives, opportunities=opportunities, today=today
        ),
        stage_reminders=_stage_reminders(stages),
    )


# Choices offered by the part forms -----------------------------------------------------------


def plan_contact_choices(*, plan: AccountPlan) -> QuerySet:
    """The people of the plan's account, for the contact plan."""
    return plan.account.contacts.order_by("last_name", "first_name")


def plan_partner_choices(*, plan: AccountPlan) -> QuerySet:
    """The client's own business partners, for a partnership opportunity."""
    return plan.account.partners.order_by("name")


def stage_owner_choices(*, keep_id: int | None = None) -> QuerySet:
    """Who may own a stage: active users, plus the current owner (so an edit need not
    change an owner who has since left)."""
    allowed = Q(is_active=True)
    if keep_id:
        allowed |= Q(pk=keep_id)
    return get_user_model().objects.filter(allowed).order_by("last_name", "first_name", "username")


# The newest reminders shown under the stages; a stage overdue for months has one a day.
STAGE_REMINDER_LIMIT = 50


def _stage_reminders(stages: list[PlanStage]) -> list[tuple[PlanStage, object]]:
    """Every reminder sent for the plan's stages, newest first: one query (none without stages)."""
    if not stages:
        return []
    by_stage = reminder_history_by_target(model=PlanStage, ids=[stage.pk for stage in stages])
    pairs = [(stage, reminder) for stage in stages for reminder in by_stage.get(stage.pk, [])]
    return sorted(pairs, key=lambda pair: pair[1].created_at, reverse=True)[:STAGE_REMINDER_LIMIT]
