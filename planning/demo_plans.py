"""The demo's sales plans and client development plans, loaded by `manage.py seed_demo` after
the sales of planning/demo.py: the sales plans (accounts' and regions', with their approval
steps) are built by planning/demo_sales_plans.py, the development plans by
planning/demo_development_plans.py; this module runs both and holds the keys seed_demo
--reset deletes the plans' history rows by.

Deterministic given `rng` and `today`: both builders draw from the same `rng`, the sales plans
first. Texts in the account's language (planning/demo_plan_texts.py).
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from random import Random

from django.db.models import Q

from accounts.models import Account
from kam.users.models import User
from planning.demo_development_plans import DevelopmentPlansDemoBuilder
from planning.demo_sales_plans import SalesPlansDemoBuilder
from planning.models import AccountPlan, SalesPlan, SalesPlanLine


def demo_plan_ids(*, account_ids: list[int], user_ids: list[int]) -> dict[type, list[int]]:
    """The primary keys of the demo's plans (the accounts' plans and the regional plans the demo
    users wrote) and their lines, for seed_demo --reset: their history rows are deleted by
    these keys, which no cascade reaches."""
    plans = SalesPlan.objects.filter(Q(account_id__in=account_ids) | Q(region__isnull=False, author_id__in=user_ids))
    plan_ids = list(plans.values_list("pk", flat=True))
    return {
        SalesPlan: plan_ids,
        SalesPlanLine: list(SalesPlanLine.objects.filter(plan_id__in=plan_ids).values_list("pk", flat=True)),
        AccountPlan: list(AccountPlan.objects.filter(account_id__in=account_ids).values_list("pk", flat=True)),
    }


def build_plans_demo(*, accounts: Sequence[Account], users: Mapping[str, User], rng: Random, today: date) -> Counter:
    """Sales plans (accounts' and regions') and development plans of `accounts` (saved, with
    their sales, contacts, partners and meetings). Returns the counts written: sales_plans,
    plan_lines, plan_transitions, account_plans, plan_stages."""
    counts: Counter = Counter()
    sales = SalesPlansDemoBuilder(accounts=accounts, users=users, rng=rng, today=today, counts=counts)
    sales.sales_plans()
    sales.regional_plans()
    sales.approvals()
    sales.date_the_approvals()
    development = DevelopmentPlansDemoBuilder(accounts=accounts, rng=rng, today=today, counts=counts)
    development.development_plans()
    return counts
