"""Sales plans: constraints, baselines from the records, quarter sums and the approval."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.tests.factories import AccountFactory
from kam.users.models import Role
from kam.users.tests.factories import UserFactory
from planning.models import PlanTransition, SalesPlan, SalesPlanLine
from planning.selectors.plans import allowed_transitions, regional_accounts_total
from planning.services import plans as services
from planning.tests.factories import ProductFactory, ProductGroupFactory, SalesRecordFactory

D = Decimal
Status = SalesPlan.Status


def sale(account, product, month, volume, revenue):
    return SalesRecordFactory(
        account=account, product=product, month=datetime.date(2026, month, 1), volume=D(volume), revenue=D(revenue)
    )


@pytest.fixture
def catalogue(db):
    fasteners = ProductGroupFactory(name="Fasteners", code="fasteners", position=1)
    tools = ProductGroupFactory(name="Tools", code="tools", position=2)
    return {
        "fasteners": fasteners,
        "tools": tools,
        "bolt": ProductFactory(code="B1", group=fasteners),
        "nut": ProductFactory(code="N1", group=fasteners),
        "drill": ProductFactory(code="D1", group=tools),
    }


@pytest.fixture
def sales_2026(account, catalogue, region):
    c = catalogue
    sale(account, c["bolt"], 1, "10", "1000.00")
    sale(account, c["bolt"], 4, "20", "2000.50")
    sale(account, c["bolt"], 12, "5", "500.00")
    sale(account, c["nut"], 2, "1", "100.00")
    sale(account, c["drill"], 7, "3", "300.00")
    # Not last year, or not this account: never in the baseline of the account's plan.
    SalesRecordFactory(account=account, product=c["bolt"], month=datetime.date(2025, 6, 1), revenue=D("999"))
    neighbour = AccountFactory(region=region)
    sale(neighbour, c["bolt"], 3, "7", "700.00")
    return neighbour


def make_plan(by, **scope):
    return services.plan_create(by=by, year=2027, **scope)


# Constraints ------------------------------------------------------------------------------


def test_plan_needs_exactly_one_of_account_and_region(account, region, owner):
    for scope in ({}, {"account": account, "region": region}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SalesPlan.objects.create(year=2027, author=owner, **scope)


def test_line_needs_exactly_one_of_group_and_product(account, owner, catalogue):
    plan = SalesPlan.objects.create(year=2027, author=owner, account=account)
    for scope in ({}, {"group": catalogue["tools"], "product": catalogue["drill"]}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SalesPlanLine.objects.create(plan=plan, **scope)


def test_one_plan_per_account_and_year(account, owner):
    make_plan(owner, account=account)
    with pytest.raises(ValidationError):
        make_plan(owner, account=account)
    assert SalesPlan.objects.count() == 1


# Baselines -------------------------------------------------------------------------------


def test_account_plan_is_prefilled_per_group_from_last_years_actuals(account, owner, catalogue, sales_2026):
    plan = make_plan(owner, account=account)
    lines = {line.group.code: line for line in plan.lines.select_related("group")}
    assert set(lines) == {"fasteners", "tools"}
    fasteners = lines["fasteners"]
    assert fasteners.baseline_volume == D("36")
    assert fasteners.baseline_revenue == D("3600.50")
    assert fasteners.target_revenue == D("3600.50")  # growth 0 %
    assert (fasteners.q1_revenue, fasteners.q2_revenue, fasteners.q3_revenue, fasteners.q4_revenue) == (
        D("1100.00"),
        D("2000.50"),
        D("0"),
        D("500.00"),
    )
    assert lines["tools"].baseline_revenue == D("300.00")
    assert lines["tools"].q3_revenue == D("300.00")


def test_regional_plan_baseline_sums_the_regions_accounts(director, region, catalogue, sales_2026):
    plan = make_plan(director, region=region)
    fasteners = plan.lines.get(group=catalogue["fasteners"])
    assert fasteners.baseline_revenue == D("4300.50")
    assert fasteners.q1_revenue == D("1800.00")


def test_product_line_baseline_counts_only_that_product(account, owner, catalogue, sales_2026):
    plan = make_plan(owner, account=account)
    line = services.plan_line_add(by=owner, plan=plan, product=catalogue["nut"])
    assert (line.baseline_volume, line.baseline_revenue, line.q1_revenue) == (D("1"), D("100.00"), D("100.00"))


# Who creates -----------------------------------------------------------------------------


def test_team_member_creates_an_account_plan(account, team_member):
    assert make_plan(team_member, account=account).author == team_member


@pytest.mark.parametrize("persona", ["other_kam", "director", "department_member"])
def test_others_may_not_create_an_account_plan(request, account, persona):
    with pytest.raises(PermissionDenied):
        make_plan(request.getfixturevalue(persona), account=account)


def test_only_a_director_of_the_region_creates_its_plan(region, director, other_director, owner):
    for user in (other_director, owner):
        with pytest.raises(PermissionDenied):
            make_plan(user, region=region)
    all_regions = UserFactory(username="chief", role=Role.DIRECTOR)
    assert make_plan(all_regions, region=region).region == region


# Lines and quarters ----------------------------------------------------------------------


def test_quarters_must_add_up_to_the_target(account, owner, catalogue, sales_2026):
    line = make_plan(owner, account=account).lines.get(group=catalogue["tools"])
    line.plan = SalesPlan.objects.get(pk=line.plan_id)
    with pytest.raises(ValidationError):
        services.plan_line_update(by=owner, line=line, expected_version=1, target_revenue=D("400"))
    line = SalesPlanLine.objects.select_related("plan").get(pk=line.pk)
    assert line.target_revenue == D("300.00")
    services.plan_line_update(
        by=owner,
        line=line,
        expected_version=1,
        target_revenue=D("400"),
        q1_revenue=D("100"),
        q2_revenue=D("100"),
        q3_revenue=D("100"),
        q4_revenue=D("100"),
    )
    line.refresh_from_db()
    assert line.target_revenue == D("400") and line.version == 2


# The approval ----------------------------------------------------------------------------


def test_draft_submitted_approved_records_each_step(account, owner, director):
    plan = make_plan(owner, account=account)
    services.plan_submit(by=owner, plan=plan)
    services.plan_approve(by=director, plan=plan, comment="Fine")
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    steps = list(PlanTransition.objects.filter(plan=plan).values_list("from_status", "to_status", "by", "comment"))
    assert steps == [("draft", "submitted", owner.pk, ""), ("submitted", "approved", director.pk, "Fine")]


def test_returned_plan_can_be_changed_and_submitted_again(account, owner, director, catalogue, sales_2026):
    plan = make_plan(owner, account=account)
    services.plan_submit(by=owner, plan=plan)
    services.plan_return(by=director, plan=plan, comment="Too modest")
    plan.refresh_from_db()
    assert plan.status == Status.RETURNED
    line = plan.lines.select_related("plan").first()
    services.plan_line_delete(by=owner, line=line)
    services.plan_submit(by=owner, plan=plan)
    assert SalesPlan.objects.get(pk=plan.pk).status == Status.SUBMITTED


def test_return_needs_a_comment(account, owner, director):
    plan = make_plan(owner, account=account)
    services.plan_submit(by=owner, plan=plan)
    with pytest.raises(ValidationError):
        services.plan_return(by=director, plan=plan, comment="  ")
    assert SalesPlan.objects.get(pk=plan.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("persona", ["team_member", "other_kam", "director", "other_director"])
def test_only_the_author_submits(request, account, owner, persona):
    plan = make_plan(owner, account=account)
    with pytest.raises(PermissionDenied):
        services.plan_submit(by=request.getfixturevalue(persona), plan=plan)
    assert PlanTransition.objects.count() == 0


@pytest.mark.parametrize("persona", ["owner", "team_member", "other_director", "admin_user"])
def test_only_a_director_of_the_region_approves_or_returns(request, account, owner, persona):
    plan = make_plan(owner, account=account)
    services.plan_submit(by=owner, plan=plan)
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.plan_approve(by=user, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_return(by=user, plan=plan, comment="No")
    assert SalesPlan.objects.get(pk=plan.pk).status == Status.SUBMITTED


def test_a_draft_cannot_be_approved_nor_an_approved_plan_changed(account, owner, director, catalogue, sales_2026):
    plan = make_plan(owner, account=account)
    with pytest.raises(PermissionDenied):
        services.plan_approve(by=director, plan=plan)
    services.plan_submit(by=owner, plan=plan)
    services.plan_approve(by=director, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_submit(by=owner, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_return(by=director, plan=plan, comment="Again")
    with pytest.raises(PermissionDenied):
        services.plan_line_add(by=owner, plan=plan, product=catalogue["bolt"])
    line = plan.lines.select_related("plan").first()
    with pytest.raises(PermissionDenied):
        services.plan_line_delete(by=owner, line=line)
    assert allowed_transitions(user=owner, plan=plan) == []


def test_a_submitted_plan_is_not_changed_by_its_author(account, owner, catalogue):
    plan = make_plan(owner, account=account)
    services.plan_submit(by=owner, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_line_add(by=owner, plan=plan, group=catalogue["tools"])


def test_a_director_does_not_approve_their_own_regional_plan(region, director):
    plan = make_plan(director, region=region)
    services.plan_submit(by=director, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_approve(by=director, plan=plan)
    colleague = UserFactory(username="colleague", role=Role.DIRECTOR, regions=[region])
    services.plan_approve(by=colleague, plan=plan)
    assert SalesPlan.objects.get(pk=plan.pk).status == Status.APPROVED


def test_regional_total_counts_submitted_and_approved_account_plans(region, account, owner, director, catalogue):
    submitted = make_plan(owner, account=account)
    SalesPlanLine.objects.create(
        plan=submitted, group=catalogue["tools"], target_revenue=D("1000"), q1_revenue=D("1000")
    )
    services.plan_submit(by=owner, plan=submitted)
    draft_account = AccountFactory(region=region, owner=owner)
    draft = make_plan(owner, account=draft_account)
    SalesPlanLine.objects.create(plan=draft, group=catalogue["tools"], target_revenue=D("5000"))
    regional = make_plan(director, region=region)
    assert regional_accounts_total(plan=regional) == {"target": D("1000"), "plans": 1}
