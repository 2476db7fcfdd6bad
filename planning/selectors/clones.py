"""Whether a plan may be cloned to the next year by the user asking: the Clone buttons show
only then. The services in planning.services.clones check the same rules again."""

from accounts.selectors import account_is_editable
from planning.models import AccountPlan, SalesPlan
from planning.selectors.plans import directs_region


def plan_may_create_next_year(*, user, plan: SalesPlan) -> bool:
    """Whether the user may create the plan's scope's plan for another year, as plan_create
    allows: whoever may change the account, or a director of the region."""
    if plan.is_regional:
        return directs_region(user=user, region_id=plan.region_id)
    return account_is_editable(user=user, account=plan.account)


def next_year_plan_exists(*, plan: SalesPlan) -> bool:
    """Whether the account (or region) already has a plan for the year after (one query)."""
    scope = {"region_id": plan.region_id} if plan.is_regional else {"account_id": plan.account_id}
    return SalesPlan.objects.filter(year=plan.year + 1, **scope).exists()


def plan_clone_allowed(*, user, plan: SalesPlan) -> bool:
    """Whether the user may clone this sales plan now: they may create next year's plan and
    there is none yet. Two queries at most."""
    return plan_may_create_next_year(user=user, plan=plan) and not next_year_plan_exists(plan=plan)


def next_year_account_plan_exists(*, plan: AccountPlan) -> bool:
    """Whether the account already has a development plan for the year after (one query)."""
    return AccountPlan.objects.filter(account_id=plan.account_id, year=plan.year + 1).exists()


def account_plan_clone_allowed(*, user, plan: AccountPlan) -> bool:
    """Whether the user may clone this development plan now: they may change the account and
    it has no plan for the year after yet. Two queries at most."""
    return account_is_editable(user=user, account=plan.account) and not next_year_account_plan_exists(plan=plan)
