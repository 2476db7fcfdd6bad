"""The benchmark's plans (bench.sales_plan_steps, bench.account_plan_steps) at a tiny scale:
sales plans whose lines are last year's sales grown, staged by quarters that add up, with a
consistent approval history; a plan for every region; development plans with all their parts.
Figures are never asserted."""

import datetime

import pytest
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from bench.account_plan_steps import (
    BUDGET_LINES,
    GOALS,
    OBJECTIVES,
    OPPORTUNITIES,
    PLANNED_CONTACTS,
    STAGES,
    SWOT_POINTS,
)
from bench.generate import ensure_dataset
from kam.users.models import Role, User
from planning.models import (
    AccountPlan,
    PlanStage,
    PlanTransition,
    Region,
    SalesPlan,
    SalesPlanLine,
    SalesRecord,
)
from planning.services.plans import plan_create

TINY = 0.01
Status = SalesPlan.Status


@pytest.fixture
def dataset(require_postgres, db):
    return ensure_dataset(scale=TINY, log=lambda _line: None)


def _last_year_by_group(**scope) -> dict[int, tuple]:
    year = timezone.localdate().year - 1
    rows = (
        SalesRecord.objects.filter(month__year=year, **scope)
        .order_by()
        .values("product__group")
        .annotate(volume=Sum("volume"), revenue=Sum("revenue"))
    )
    return {row["product__group"]: (row["volume"], row["revenue"]) for row in rows}


def test_about_half_of_last_years_customers_have_one_plan_this_year(dataset):
    year = timezone.localdate().year
    customers = Account.objects.filter(sales__month__year=year - 1).distinct().count()
    plans = SalesPlan.objects.filter(account__isnull=False)
    assert set(plans.values_list("year", flat=True)) == {year}
    assert 0.2 * customers <= plans.count() <= 0.8 * customers
    assert not plans.values("account").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not plans.exclude(author=F("account__owner")).exists()
    assert not plans.filter(account__status=Account.Status.PROSPECT).exists()
    assert dataset.counts["planning.SalesPlan"] == SalesPlan.objects.count()
    assert dataset.counts["planning.SalesPlanLine"] == SalesPlanLine.objects.count()
    assert {"sales_plans", "account_plans"} <= set(dataset.steps)


def test_every_region_has_one_plan_by_its_director(dataset):
    regional = SalesPlan.objects.filter(region__isnull=False)
    assert regional.count() == Region.objects.count()
    assert regional.values("region").distinct().count() == Region.objects.count()
    assert not regional.exclude(author__role=Role.DIRECTOR).exists()
    for plan in regional.select_related("author"):
        assert plan.author.regions.filter(pk=plan.region_id).exists()


def test_quarters_add_up_to_each_target(dataset):
    lines = SalesPlanLine.objects.all()
    assert lines.exists()
    quarters = F("q1_revenue") + F("q2_revenue") + F("q3_revenue") + F("q4_revenue")
    assert not lines.exclude(target_revenue=quarters).exists()
    assert not lines.filter(
        Q(q1_revenue__lt=0) | Q(q2_revenue__lt=0) | Q(q3_revenue__lt=0) | Q(q4_revenue__lt=0)
    ).exists()
    assert not lines.filter(Q(group__isnull=True) | Q(product__isnull=False)).exists()
    # Targets are the baselines grown: not equal, not wildly off.
    assert lines.exclude(target_revenue=F("baseline_revenue")).exists()
    assert not lines.filter(target_revenue__gt=F("baseline_revenue") * 1.5).exists()
    assert lines.exclude(method="").exists() and lines.filter(method="").exists()


def test_lines_are_last_years_sales_per_group(dataset):
    for plan in SalesPlan.objects.filter(account__isnull=False):
        expected = _last_year_by_group(account_id=plan.account_id)
        lines = {line.group_id: (line.baseline_volume, line.baseline_revenue) for line in plan.lines.all()}
        assert lines == expected, plan.pk
    region = SalesPlan.objects.filter(region__isnull=False).first()
    lines = {line.group_id: (line.baseline_volume, line.baseline_revenue) for line in region.lines.all()}
    assert lines == _last_year_by_group(account__region_id=region.region_id)


def test_every_status_shows_and_transitions_tell_how_each_plan_got_there(dataset):
    assert set(SalesPlan.objects.filter(account__isnull=False).values_list("status", flat=True)) == set(Status)
    plans = SalesPlan.objects.select_related("account", "region").prefetch_related("transitions")
    directors = {u.pk: set(u.regions.values_list("pk", flat=True)) for u in User.objects.filter(role=Role.DIRECTOR)}
    for plan in plans:
        steps = list(plan.transitions.all())
        assert plan.version == 1 + len(steps)
        assert [s.from_status for s in steps] == [Status.DRAFT, *(s.to_status for s in steps)][: len(steps)]
        assert (steps[-1].to_status if steps else Status.DRAFT) == plan.status
        for step in steps:
            assert plan.created_at < step.at <= timezone.now() + datetime.timedelta(days=1)
            if step.to_status == Status.SUBMITTED:
                assert step.by_id == plan.author_id
            else:
                region = plan.region_id or plan.account.region_id
                assert step.by_id != plan.author_id
                assert not directors[step.by_id] or region in directors[step.by_id]
            assert bool(step.comment) == (step.to_status == Status.RETURNED)
        assert [s.at for s in steps] == sorted(s.at for s in steps)
    assert PlanTransition.objects.count() == dataset.counts["planning.PlanTransition"]


def test_plans_and_lines_have_their_creation_in_history(dataset):
    for model in (SalesPlan, SalesPlanLine, AccountPlan):
        history = model.history.model.objects
        assert history.count() == model.objects.count()
        assert set(history.values_list("history_type", flat=True)) == {"+"}
        assert not history.filter(history_user__isnull=True).exists()


def test_development_plans_have_every_part(dataset):
    plans = AccountPlan.objects.all()
    accounts = Account.objects.count()
    assert 0.2 * accounts <= plans.count() <= 0.8 * accounts
    assert not plans.exclude(author=F("account__owner")).exists()
    assert not plans.values("account", "year").annotate(n=Count("pk")).filter(n__gt=1).exists()
    counts = plans.annotate(
        goal_count=Count("goals", distinct=True),
        swot_count=Count("swot", distinct=True),
        objective_count=Count("objectives", distinct=True),
        contact_count=Count("contacts", distinct=True),
        budget_count=Count("budget_lines", distinct=True),
        stage_count=Count("stages", distinct=True),
        opportunity_count=Count("opportunities", distinct=True),
    )
    for plan in counts:
        assert (plan.goal_count, plan.swot_count, plan.objective_count) == (GOALS, SWOT_POINTS, OBJECTIVES)
        assert (plan.contact_count, plan.budget_count, plan.opportunity_count) == (
            PLANNED_CONTACTS,
            BUDGET_LINES,
            OPPORTUNITIES,
        )
        assert STAGES[0] <= plan.stage_count <= STAGES[1]
    assert dataset.counts["planning.PlanStage"] == PlanStage.objects.count()


def test_stages_belong_to_their_plans_account_and_owner_some_done_some_overdue(dataset):
    today = timezone.localdate()
    stages = PlanStage.objects.all()
    assert not stages.exclude(account=F("plan__account")).exists()
    assert not stages.exclude(owner=F("account__owner")).exists()
    assert not stages.exclude(deadline__year=today.year).exists()
    assert stages.filter(done_at__isnull=False).exists()
    assert stages.filter(done_at__isnull=True, deadline__lt=today).exists()
    assert not stages.filter(done_at__date__gt=today).exists()


def test_the_app_writes_plans_after_the_build(dataset):
    # The lines' sequence follows the INSERT … SELECT: the service's rows do not collide.
    planned = SalesPlan.objects.filter(account__isnull=False).values("account")
    account = (
        Account.objects.filter(sales__isnull=False).exclude(pk__in=planned).select_related("owner").distinct().first()
    )
    plan = plan_create(by=account.owner, year=timezone.localdate().year, account=account)
    assert plan.lines.exists()


def test_plan_pages_answer_on_the_dataset(dataset, client):
    plan = SalesPlan.objects.filter(account__isnull=False).select_related("account__owner").order_by("pk").first()
    client.force_login(plan.account.owner)
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 200
    assert client.get(reverse("planning:plans")).status_code == 200
    regional = SalesPlan.objects.filter(region__isnull=False).select_related("author").first()
    client.force_login(regional.author)
    assert client.get(reverse("planning:plan", args=[regional.pk])).status_code == 200
