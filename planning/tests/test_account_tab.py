"""The account's Plans tab: who may see it, what it shows of the sales and development plans,
the empty states, and a query count that does not grow with the plans."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tabs import DOSSIER_TABS
from planning.models import AccountPlan, BudgetLine, PlanObjective, PlanStage, SalesPlan, SalesPlanLine
from planning.tests.factories import ProductGroupFactory, SalesRecordFactory

D = Decimal
TODAY = datetime.datetime(2026, 4, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def group(db):
    return ProductGroupFactory(name="Fasteners", code="fasteners")


def sales_plan(account, author, year, *, group, baseline="1000", target="1200", status=SalesPlan.Status.DRAFT):
    plan = SalesPlan.objects.create(year=year, account=account, author=author, status=status)
    quarter = D(target) / 4
    SalesPlanLine.objects.create(
        plan=plan,
        group=group,
        baseline_revenue=D(baseline),
        target_revenue=D(target),
        q1_revenue=quarter,
        q2_revenue=quarter,
        q3_revenue=quarter,
        q4_revenue=quarter,
    )
    return plan


def development_plan(account, author, year):
    plan = AccountPlan.objects.create(account=account, year=year, author=author, status=AccountPlan.Status.ACTIVE)
    PlanObjective.objects.create(plan=plan, text="Frame contract", achieved=True)
    PlanObjective.objects.create(plan=plan, text="Two plants")
    PlanObjective.objects.create(plan=plan, text="A new line")
    BudgetLine.objects.create(plan=plan, item="Fair", planned=D("5000"), spent=D("1500"))
    BudgetLine.objects.create(plan=plan, item="Samples", planned=D("2000"), spent=D("700"))
    done = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    PlanStage.objects.create(plan=plan, title="Audit", owner=author, deadline=datetime.date(2026, 1, 31), done_at=done)
    PlanStage.objects.create(plan=plan, title="Pilot", owner=author, deadline=datetime.date(2026, 3, 31))  # overdue
    PlanStage.objects.create(plan=plan, title="Roll-out", owner=author, deadline=datetime.date(2026, 9, 30))
    return plan


@pytest.fixture
def plans(account, owner, group):
    """2025 approved (+10 %); 2026 draft (+20 %) with 300 sold by April; a development plan for 2026."""
    old = sales_plan(account, owner, 2025, group=group, baseline="1000", target="1100", status="approved")
    current = sales_plan(account, owner, 2026, group=group, baseline="1000", target="1200")
    product = group.products.create(code="B1", name="Bolt")
    SalesRecordFactory(account=account, product=product, month=datetime.date(2026, 1, 1), revenue=D("100"))
    SalesRecordFactory(account=account, product=product, month=datetime.date(2026, 3, 1), revenue=D("200"))
    return {"old": old, "current": current, "development": development_plan(account, owner, 2026)}


def url(account):
    return reverse("planning:account_plans", args=[account.pk])


def test_the_plans_tab_follows_the_sales_tab():
    keys = [tab.key for tab in DOSSIER_TABS]
    assert keys.index("plans") == keys.index("sales") + 1
    assert keys[-1] == "history"


# Permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "edits"), [("owner", True), ("team_member", True), ("director", False), ("admin_user", True)]
)
def test_who_may_see_the_account_sees_its_plans(request, client_for, account, plans, persona, edits):
    response = client_for(request.getfixturevalue(persona)).get(url(account))
    assert response.status_code == 200
    text = response.text
    assert plans["current"].get_absolute_url() in text and plans["old"].get_absolute_url() in text
    assert reverse("planning:account_plan", args=[plans["development"].pk]) in text
    assert ("New sales plan" in text) is edits
    assert (reverse("planning:account_plan_create", args=[account.pk]) in text) is edits
    assert (reverse("planning:plan_clone", args=[plans["current"].pk]) in text) is edits


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404(request, client_for, account, persona):
    assert client_for(request.getfixturevalue(persona)).get(url(account)).status_code == 404


def test_anonymous_is_sent_to_login(client_for, account):
    response = client_for(None).get(url(account))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_post_is_not_allowed(client_for, owner, account):
    assert client_for(owner).post(url(account)).status_code == 405


# What it shows ---------------------------------------------------------------------------


def test_sales_plans_show_status_totals_and_growth(client_for, owner, account, plans):
    response = client_for(owner).get(url(account))
    rows = {plan.year: plan for plan in response.context["sales_plans"]}
    assert list(rows) == [2026, 2025]
    assert (rows[2026].baseline_total, rows[2026].target_total, rows[2026].growth) == (D(1000), D(1200), D("20.0"))
    assert rows[2025].growth == D("10.0")
    assert "Approved" in response.text and "Draft" in response.text
    assert "20.0 %" in response.text and "10.0 %" in response.text


def test_this_years_plan_is_compared_with_actual_sales(client_for, owner, account, plans):
    response = client_for(owner).get(url(account))
    actuals = response.context["actuals"]
    assert response.context["current_plan"] == plans["current"]
    # Through March: 300 sold against Q1's 300; run rate 300 / 3 × 12 = 1200 = the target.
    assert (actuals.months, actuals.total.ytd_target, actuals.total.ytd_actual) == (3, D("300.00"), D("300.00"))
    assert actuals.total.forecast == D("1200.00") and actuals.total.misses is False
    assert "Actuals through March 2026" in response.text
    assert "On track" in response.text


def test_a_plan_that_misses_is_flagged_on_the_tab(client_for, owner, account, group):
    sales_plan(account, owner, 2026, group=group, target="4800")
    response = client_for(owner).get(url(account))
    assert "No actuals for 2026 yet" in response.text
    product = group.products.create(code="B2", name="Nut")
    SalesRecordFactory(account=account, product=product, month=datetime.date(2026, 2, 1), revenue=D("100"))
    response = client_for(owner).get(url(account))
    assert response.context["actuals"].total.misses is True
    assert "Misses the target" in response.text and "table-danger" in response.text


def test_development_plans_show_objectives_stages_and_budget(client_for, owner, account, plans):
    response = client_for(owner).get(url(account))
    plan = response.context["development_plans"][0]
    assert (plan.objectives_achieved, plan.objectives_total) == (1, 3)
    assert (plan.stages_open, plan.stages_overdue) == (2, 1)
    assert (plan.budget_planned, plan.budget_spent) == (D("7000.00"), D("2200.00"))
    assert "1 of 3" in response.text
    assert reverse("planning:account_plan_clone", args=[plan.pk]) in response.text


def test_the_clone_button_shows_only_where_next_year_is_free(client_for, owner, account, plans):
    response = client_for(owner).get(url(account))
    assert reverse("planning:plan_clone", args=[plans["old"].pk]) not in response.text  # 2026 exists
    assert reverse("planning:plan_clone", args=[plans["current"].pk]) in response.text
    AccountPlan.objects.create(account=account, year=2027, author=owner)
    response = client_for(owner).get(url(account))
    assert reverse("planning:account_plan_clone", args=[plans["development"].pk]) not in response.text


def test_empty_tab_invites_the_editor_to_write_plans(client_for, owner, director, account):
    response = client_for(owner).get(url(account))
    text = response.text
    assert "No sales plan for this client yet." in text and "No development plan for this client yet." in text
    assert "Write the first sales plan" in text and "Write the first development plan" in text
    assert f"{reverse('planning:plan_create')}?account={account.pk}" in text
    assert "No sales plan for 2026" in text
    text = client_for(director).get(url(account)).text
    assert "Write the first" not in text and "The account manager has not written one yet." in text


# Query count -------------------------------------------------------------------------------


def _count_queries(client, account, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url(account)).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["owner", "team_member", "director"])
def test_queries_do_not_grow_with_plans(request, client_for, django_assert_max_num_queries, account, group, persona):
    author = request.getfixturevalue("owner")
    product = group.products.create(code="B1", name="Bolt")
    for year in (2025, 2026):
        sales_plan(account, author, year, group=group)
        development_plan(account, author, year)
    SalesRecordFactory(account=account, product=product, month=datetime.date(2026, 1, 1), revenue=D("100"))
    client = client_for(request.getfixturevalue(persona))
    client.get(url(account))
    few = _count_queries(client, account, django_assert_max_num_queries)
    for year in range(2005, 2023):
        sales_plan(account, author, year, group=group)
        development_plan(account, author, year)
    for month in range(2, 5):
        SalesRecordFactory(account=account, product=product, month=datetime.date(2026, month, 1), revenue=D("10"))
    many = _count_queries(client, account, django_assert_max_num_queries)
    response = client.get(url(account))
    assert len(response.context["sales_plans"]) == 20 and len(response.context["development_plans"]) == 20
    assert many == few
