"""Cloning a plan to the next year: the figures against hand-computed values, what a
development plan keeps and leaves behind, who may clone, a year already planned, the views."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    SalesPlan,
    SalesPlanLine,
    StrategicGoal,
    SwotItem,
)
from planning.services.clones import account_plan_clone, plan_clone, staged_quarters
from planning.services.plans import QUARTERS, check_quarters
from planning.tests.factories import ProductFactory, ProductGroupFactory, SalesRecordFactory

D = Decimal
Opportunity = PartnershipOpportunity.Status


@pytest.fixture
def catalogue(db):
    fasteners = ProductGroupFactory(name="Fasteners", code="fasteners", position=1)
    tools = ProductGroupFactory(name="Tools", code="tools", position=2)
    return {
        "fasteners": fasteners,
        "bolt": ProductFactory(code="B1", group=fasteners),
        "nut": ProductFactory(code="N1", group=fasteners),
        "drill": ProductFactory(code="D1", group=tools),
        "saw": ProductFactory(code="S1", group=tools),
    }


def sale(account, product, year, month, revenue, volume):
    return SalesRecordFactory(
        account=account, product=product, month=datetime.date(year, month, 1), revenue=D(revenue), volume=D(volume)
    )


def line(plan, *, baseline, target, quarters, volumes=("0", "0"), method="", **scope):
    return SalesPlanLine.objects.create(
        plan=plan,
        baseline_revenue=D(baseline),
        target_revenue=D(target),
        baseline_volume=D(volumes[0]),
        target_volume=D(volumes[1]),
        **dict(zip(QUARTERS, map(D, quarters), strict=True)),
        method=method,
        **scope,
    )


@pytest.fixture
def source(account, owner, catalogue):
    """2026: Fasteners +20 % staged 200/300/300/400; the drill new (no baseline) at 500; the
    saw +33⅓ % staged evenly."""
    plan = SalesPlan.objects.create(year=2026, account=account, author=owner, status=SalesPlan.Status.APPROVED)
    c = catalogue
    line(
        plan,
        baseline="1000",
        target="1200",
        quarters=("200", "300", "300", "400"),
        volumes=("100", "120"),
        method="Promo",
        group=c["fasteners"],
    )
    line(
        plan, baseline="0", target="500", quarters=("100", "100", "100", "200"), volumes=("0", "5"), product=c["drill"]
    )
    line(plan, baseline="300", target="400", quarters=("100",) * 4, volumes=("30", "40"), product=c["saw"])
    return plan


@pytest.fixture
def sales_2026(account, catalogue, region):
    c = catalogue
    sale(account, c["bolt"], 2026, 1, "900", "50")
    sale(account, c["nut"], 2026, 7, "600", "40")
    sale(account, c["drill"], 2026, 3, "700", "7")
    sale(account, c["saw"], 2026, 11, "250", "25")
    # Never in the new baselines: another year, another account of the same region.
    sale(account, c["bolt"], 2025, 5, "11111", "1")
    sale(account, c["bolt"], 2027, 1, "22222", "1")
    sale(AccountFactory(region=region), c["bolt"], 2026, 1, "33333", "1")


def lines_by_name(plan):
    return {str(line.group or line.product.code): line for line in plan.lines.select_related("group", "product")}


# Sales plan: the figures -------------------------------------------------------------------


def test_clone_recomputes_baselines_and_keeps_growth_and_staging(team_member, source, sales_2026):
    new = plan_clone(by=team_member, plan=source)
    assert (new.year, new.account_id, new.region_id) == (2027, source.account_id, None)
    assert (new.status, new.author) == (SalesPlan.Status.DRAFT, team_member)
    lines = lines_by_name(new)
    assert set(lines) == {"Fasteners", "D1", "S1"}
    # Fasteners: 900 + 600 sold in 2026, volume 90; +20 % → 1800 and 108; staged 1/6, 1/4, 1/4, 1/3.
    fasteners = lines["Fasteners"]
    assert (fasteners.baseline_revenue, fasteners.baseline_volume) == (D("1500.00"), D("90.000"))
    assert (fasteners.target_revenue, fasteners.target_volume) == (D("1800.00"), D("108.000"))
    assert [getattr(fasteners, q) for q in QUARTERS] == [D("300.00"), D("450.00"), D("450.00"), D("600.00")]
    assert fasteners.method == "Promo"
    # The drill had no baseline: its target stays 500 (volume 5), staged as before.
    drill = lines["D1"]
    assert (drill.baseline_revenue, drill.baseline_volume) == (D("700.00"), D("7.000"))
    assert (drill.target_revenue, drill.target_volume) == (D("500.00"), D("5.000"))
    assert [getattr(drill, q) for q in QUARTERS] == [D("100.00"), D("100.00"), D("100.00"), D("200.00")]
    # The saw: 250 × 400 / 300 = 333.33; 25 × 40 / 30 = 33.333; a quarter is 83.33, Q4 takes the cent left.
    saw = lines["S1"]
    assert (saw.baseline_revenue, saw.target_revenue, saw.target_volume) == (D("250.00"), D("333.33"), D("33.333"))
    assert [getattr(saw, q) for q in QUARTERS] == [D("83.33"), D("83.33"), D("83.33"), D("83.34")]
    for cloned in lines.values():
        check_quarters(target_revenue=cloned.target_revenue, quarters=[getattr(cloned, q) for q in QUARTERS])
    # The source is untouched.
    assert lines_by_name(source)["Fasteners"].baseline_revenue == D("1000.00")


def test_a_line_without_sales_in_the_source_year_gets_a_zero_baseline_and_target(owner, source, catalogue):
    new = plan_clone(by=owner, plan=source)
    fasteners = lines_by_name(new)["Fasteners"]
    assert (fasteners.baseline_revenue, fasteners.target_revenue, fasteners.quarters_total) == (D(0), D(0), D(0))


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("1000", ("1", "1", "1", "0"), ("333.33", "333.33", "333.33", "0.01")),
        ("100", ("0", "0", "0", "0"), ("25.00", "25.00", "25.00", "25.00")),
        ("10", ("1", "1", "1", "1"), ("2.50", "2.50", "2.50", "2.50")),
        ("0.05", ("1", "1", "1", "0"), ("0.02", "0.02", "0.02", "-0.01")),
    ],
    ids=["remainder to Q4", "unstaged source: evenly", "even split", "rounding up overshoots"],
)
def test_staged_quarters_add_up_exactly(target, source, expected):
    quarters = staged_quarters(target=D(target), source=[D(q) for q in source])
    assert quarters == [D(q) for q in expected]
    assert sum(quarters) == D(target)


def test_a_regional_plan_is_cloned_from_its_accounts_sales(director, region, account, catalogue, sales_2026):
    regional = SalesPlan.objects.create(year=2026, region=region, author=director)
    line(regional, baseline="10000", target="11000", quarters=("2750",) * 4, group=catalogue["fasteners"])
    new = plan_clone(by=director, plan=regional)
    fasteners = lines_by_name(new)["Fasteners"]
    # 900 + 600 of the account and 33 333 of its neighbour; +10 %.
    assert fasteners.baseline_revenue == D("34833.00")
    assert fasteners.target_revenue == D("38316.30")
    assert (new.region_id, new.account_id, new.year) == (region.pk, None, 2027)


def _clone_queries(django_assert_max_num_queries, clone, plan, by) -> int:
    with django_assert_max_num_queries(20) as captured:
        new = clone(by=by, plan=plan)
    new.delete()
    return len(captured.captured_queries)


def test_cloning_costs_the_same_queries_however_many_lines(django_assert_max_num_queries, owner, source, sales_2026):
    few = _clone_queries(django_assert_max_num_queries, plan_clone, source, owner)
    for product in [ProductFactory() for _ in range(20)]:
        line(source, baseline="100", target="110", quarters=("20", "30", "30", "30"), product=product)
        sale(source.account, product, 2026, 5, "10", "1")
    assert _clone_queries(django_assert_max_num_queries, plan_clone, source, owner) == few


# Sales plan: who may, and a year already planned ---------------------------------------------


@pytest.mark.parametrize("persona", ["director", "other_kam", "other_director", "department_member"])
def test_only_who_may_create_the_accounts_plan_clones_it(request, source, persona):
    with pytest.raises(PermissionDenied):
        plan_clone(by=request.getfixturevalue(persona), plan=source)
    assert not SalesPlan.objects.filter(year=2027).exists()


@pytest.mark.parametrize("persona", ["owner", "other_director"])
def test_only_a_director_of_the_region_clones_its_plan(request, director, region, persona):
    regional = SalesPlan.objects.create(year=2026, region=region, author=director)
    with pytest.raises(PermissionDenied):
        plan_clone(by=request.getfixturevalue(persona), plan=regional)


def test_a_year_already_planned_is_refused_and_nothing_is_written(owner, account, source):
    existing = SalesPlan.objects.create(year=2027, account=account, author=owner)
    with pytest.raises(ValidationError, match="A plan for 2027 already exists"):
        plan_clone(by=owner, plan=source)
    assert SalesPlan.objects.filter(account=account).count() == 2
    assert not existing.lines.exists()


# Development plan ---------------------------------------------------------------------------


@pytest.fixture
def development(account, owner, team_member):
    plan = AccountPlan.objects.create(account=account, year=2026, author=owner, summary="First supplier")
    StrategicGoal.objects.create(plan=plan, side="client", text="Cut stock", position=1)
    StrategicGoal.objects.create(plan=plan, side="ours", text="Grow fasteners", position=2)
    SwotItem.objects.create(plan=plan, quadrant="threat", text="A new competitor")
    PlanObjective.objects.create(plan=plan, text="Sign the frame contract", measure="signed", achieved=True)
    PlanObjective.objects.create(plan=plan, text="Two new plants", position=1)
    BudgetLine.objects.create(plan=plan, item="Trade fair", planned=D("1000"), spent=D("400"))
    done = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    PlanStage.objects.create(plan=plan, title="Audit", owner=owner, deadline=datetime.date(2026, 2, 1), done_at=done)
    PlanStage.objects.create(plan=plan, title="Pilot", owner=team_member, deadline=datetime.date(2026, 11, 30))
    PlannedContact.objects.create(plan=plan, planned_for=datetime.date(2026, 5, 1), purpose="Meet the CFO")
    for status in Opportunity.values:
        PartnershipOpportunity.objects.create(plan=plan, title=f"Opportunity {status}", status=status, value=D("10"))
    return plan


def test_development_clone_keeps_what_still_holds(team_member, development):
    new = account_plan_clone(by=team_member, plan=development)
    assert (new.year, new.status, new.author, new.cloned_from) == (
        2027,
        AccountPlan.Status.DRAFT,
        team_member,
        development,
    )
    assert new.account_id == development.account_id and new.summary == "First supplier"
    assert list(new.goals.values_list("side", "text")) == [("client", "Cut stock"), ("ours", "Grow fasteners")]
    assert list(new.swot.values_list("quadrant", "text")) == [("threat", "A new competitor")]
    assert list(new.objectives.values_list("text", "measure", "achieved")) == [
        ("Sign the frame contract", "signed", False),
        ("Two new plants", "", False),
    ]
    assert list(new.budget_lines.values_list("item", "planned", "spent")) == [("Trade fair", D("1000.00"), D("0.00"))]
    stage = new.stages.get()
    assert (stage.title, stage.owner, stage.deadline, stage.done_at) == (
        "Pilot",
        team_member,
        datetime.date(2027, 11, 30),
        None,
    )
    assert stage.account_id == development.account_id
    assert sorted(new.opportunities.values_list("status", flat=True)) == [Opportunity.IDEA, Opportunity.PURSUING]
    assert not new.contacts.exists()
    # The source is untouched.
    assert development.objectives.filter(achieved=True).count() == 1
    assert development.budget_lines.get().spent == D("400.00")


def test_a_stage_due_on_29_february_moves_to_28_february(owner, account):
    plan = AccountPlan.objects.create(account=account, year=2028, author=owner)
    PlanStage.objects.create(plan=plan, title="Leap", owner=owner, deadline=datetime.date(2028, 2, 29))
    assert account_plan_clone(by=owner, plan=plan).stages.get().deadline == datetime.date(2029, 2, 28)


@pytest.mark.parametrize("persona", ["director", "other_kam", "other_director", "department_member"])
def test_only_the_accounts_editors_clone_its_development_plan(request, development, persona):
    with pytest.raises(PermissionDenied):
        account_plan_clone(by=request.getfixturevalue(persona), plan=development)
    assert not AccountPlan.objects.filter(year=2027).exists()


def test_a_development_plan_year_already_planned_is_refused(owner, account, development):
    AccountPlan.objects.create(account=account, year=2027, author=owner)
    with pytest.raises(ValidationError, match="already has a development plan for 2027"):
        account_plan_clone(by=owner, plan=development)
    assert AccountPlan.objects.filter(account=account).count() == 2
    assert StrategicGoal.objects.count() == 2


def test_development_cloning_costs_the_same_queries_however_many_rows(
    django_assert_max_num_queries, owner, development
):
    few = _clone_queries(django_assert_max_num_queries, account_plan_clone, development, owner)
    for n in range(20):
        StrategicGoal.objects.create(plan=development, side="ours", text=f"Goal {n}")
        PlanObjective.objects.create(plan=development, text=f"Objective {n}")
        BudgetLine.objects.create(plan=development, item=f"Item {n}", planned=D("1"))
        PlanStage.objects.create(plan=development, title=f"Stage {n}", owner=owner, deadline=datetime.date(2026, 9, 1))
        PartnershipOpportunity.objects.create(plan=development, title=f"Opportunity {n}")
    assert _clone_queries(django_assert_max_num_queries, account_plan_clone, development, owner) == few


# The views ---------------------------------------------------------------------------------


def clone_url(plan):
    name = "planning:plan_clone" if isinstance(plan, SalesPlan) else "planning:account_plan_clone"
    return reverse(name, args=[plan.pk])


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_editor_clones_the_sales_plan_and_lands_on_it(request, client_for, source, sales_2026, persona):
    response = client_for(request.getfixturevalue(persona)).post(clone_url(source))
    new = SalesPlan.objects.get(account=source.account, year=2027)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert "Sales plan 2027 created from 2026" in message_texts(response)[0]


def test_cloning_a_year_not_over_warns_that_baselines_are_partial(client_for, owner, source, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC), tick=False)
    texts = message_texts(client_for(owner).post(clone_url(source)))
    assert "2026 is not over yet" in texts[1]
    SalesPlan.objects.filter(year=2027).delete()
    time_machine.move_to(datetime.datetime(2027, 1, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
    assert len(message_texts(client_for(owner).post(clone_url(source)))) == 1


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_editor_clones_the_development_plan_and_lands_on_it(request, client_for, development, persona):
    response = client_for(request.getfixturevalue(persona)).post(clone_url(development))
    new = AccountPlan.objects.get(account=development.account, year=2027)
    assert response.status_code == 302 and response["Location"] == reverse("planning:account_plan", args=[new.pk])
    assert "The contact plan was not copied" in message_texts(response)[0]


@pytest.mark.parametrize("kind", ["source", "development"])
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("director", 403), ("other_kam", 404), ("other_director", 404), ("department_member", 404)],
)
def test_who_may_not_clone_is_refused(request, client_for, kind, persona, expected):
    plan = request.getfixturevalue(kind)
    assert client_for(request.getfixturevalue(persona)).post(clone_url(plan)).status_code == expected
    assert not SalesPlan.objects.filter(year=2027).exists() and not AccountPlan.objects.filter(year=2027).exists()


@pytest.mark.parametrize("kind", ["source", "development"])
def test_anonymous_is_sent_to_login_and_get_is_not_allowed(request, client_for, owner, kind):
    plan = request.getfixturevalue(kind)
    response = client_for(None).post(clone_url(plan))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(owner).get(clone_url(plan)).status_code == 405


def test_cloning_into_a_planned_year_says_so_on_the_source(client_for, owner, account, source, development):
    SalesPlan.objects.create(year=2027, account=account, author=owner)
    AccountPlan.objects.create(year=2027, account=account, author=owner)
    client = client_for(owner)
    response = client.post(clone_url(source), follow=True)
    assert response.redirect_chain[0][0] == source.get_absolute_url()
    assert "A plan for 2027 already exists there" in response.text
    response = client.post(clone_url(development))
    assert response["Location"] == reverse("planning:account_plan", args=[development.pk])
    assert "already has a development plan for 2027" in message_texts(response)[0]


@pytest.mark.parametrize(("persona", "shown"), [("owner", True), ("team_member", True), ("director", False)])
def test_the_plan_page_offers_the_clone_to_who_may_create_next_years_plan(request, client_for, source, persona, shown):
    response = client_for(request.getfixturevalue(persona)).get(source.get_absolute_url())
    assert (clone_url(source) in response.text) is shown
    assert ("Clone to 2027" in response.text) is shown


def test_the_plan_page_hides_the_clone_once_next_year_is_planned(client_for, owner, account, source):
    SalesPlan.objects.create(year=2027, account=account, author=owner)
    assert clone_url(source) not in client_for(owner).get(source.get_absolute_url()).text


def test_the_regional_plan_page_offers_the_clone_to_its_director(client_for, director, region):
    regional = SalesPlan.objects.create(year=2026, region=region, author=director)
    assert clone_url(regional) in client_for(director).get(regional.get_absolute_url()).text


def test_the_clone_button_include_shows_only_when_allowed(rf, development):
    from django.template.loader import render_to_string

    request = rf.get("/")
    html = render_to_string(
        "planning/account_tab/clone_button.html", {"plan": development, "may_clone": True}, request=request
    )
    assert clone_url(development) in html and "Clone to 2027" in html and "csrfmiddlewaretoken" in html
    assert not render_to_string(
        "planning/account_tab/clone_button.html", {"plan": development, "may_clone": False}
    ).strip()
