"""The demo's catalogue, competitors and sales (planning/demo.py, loaded by `manage.py seed_demo`)."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from accounts.demo import CYRILLIC
from accounts.models import Account
from planning import demo
from planning.models import (
    AccountPlan,
    BudgetLine,
    Competitor,
    CompetitorPresence,
    CompetitorProduct,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    PlanTransition,
    Product,
    ProductGroup,
    SalesPlan,
    SalesPlanLine,
    SalesRecord,
    StrategicGoal,
    SwotItem,
)
from planning.selectors.plans import directs_region, plan_region_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    output = seed()
    assert "Demo data loaded" in output
    return output


def customers():
    return Account.objects.exclude(status=Account.Status.PROSPECT)


def test_catalogue_has_groups_products_with_codes_and_units_and_competitors(seeded):
    assert ProductGroup.objects.count() == len(demo.GROUPS)
    assert Product.objects.count() == len(demo.PRODUCTS) >= 25
    assert not Product.objects.filter(Q(code="") | Q(unit="")).exists()
    assert set(Product.objects.values_list("group__code", flat=True)) == {code for code, *_rest in demo.GROUPS}
    assert 4 <= Competitor.objects.count() <= 6
    assert not Competitor.objects.annotate(n=Count("products")).filter(n=0).exists()
    assert CompetitorProduct.objects.count() >= Competitor.objects.count() * 2


def test_every_customer_has_36_months_of_sales_up_to_last_month(seeded):
    months = demo.month_starts(timezone.localdate())
    assert len(months) == 36
    assert months[-1] < timezone.localdate().replace(day=1)
    by_account = customers().annotate(months=Count("sales__month", distinct=True))
    assert by_account.count() >= 30
    assert set(by_account.values_list("months", flat=True)) == {36}
    assert set(SalesRecord.objects.values_list("month", flat=True)) == set(months)
    # Prospects buy nothing from us yet, but their competitors are on record.
    prospects = Account.objects.filter(status=Account.Status.PROSPECT)
    assert prospects.exists()
    assert not SalesRecord.objects.filter(account__in=prospects).exists()
    assert CompetitorPresence.objects.filter(account__in=prospects, group__isnull=True).count() == prospects.count()


def test_some_accounts_grow_and_some_decline_year_on_year(seeded):
    months = demo.month_starts(timezone.localdate())
    yearly = customers().annotate(
        first=Sum("sales__revenue", filter=Q(sales__month__lt=months[12])),
        last=Sum("sales__revenue", filter=Q(sales__month__gte=months[24])),
    )
    growing = [a for a in yearly if a.last > a.first * Decimal("1.3")]
    declining = [a for a in yearly if a.last < a.first * Decimal("0.8")]
    assert len(growing) >= 5
    assert len(declining) >= 5
    assert {a.status for a in declining} <= {Account.Status.AT_RISK, Account.Status.DORMANT, Account.Status.ACTIVE}
    assert all(a.status == Account.Status.ACTIVE for a in growing)


def test_sales_are_seasonal_with_a_january_low(seeded):
    revenue_by_month = dict(
        SalesRecord.objects.values("month__month").annotate(total=Sum("revenue")).values_list("month__month", "total")
    )
    assert revenue_by_month[1] < revenue_by_month[12]
    assert revenue_by_month[1] == min(revenue_by_month.values())


def test_some_accounts_buy_only_a_few_groups_and_competitors_fill_the_gaps(seeded):
    groups = customers().annotate(n=Count("sales__product__group", distinct=True))
    assert groups.filter(n__lte=2).exists()
    assert groups.filter(n__gte=5).exists()
    # A competitor present in a group the account buys nothing of from us: whitespace to win.
    ours = SalesRecord.objects.filter(account=OuterRef("account"), product__group=OuterRef("group"))
    at_customers = CompetitorPresence.objects.filter(account__in=customers(), group__isnull=False)
    assert at_customers.count() >= 15
    assert at_customers.exclude(Exists(ours)).count() >= 10


def test_revenue_volume_and_margin_are_consistent(seeded):
    assert not SalesRecord.objects.filter(Q(volume__lte=0) | Q(revenue__lte=0) | Q(margin__lte=0)).exists()
    assert not SalesRecord.objects.filter(margin__lt=F("revenue") * Decimal("0.079")).exists()
    assert not SalesRecord.objects.filter(margin__gt=F("revenue") * Decimal("0.251")).exists()
    # One product's price per unit stays within its list price, discounts and three years of inflation.
    for _group, code, _name, _unit, price, *_rest in demo.PRODUCTS:
        records = SalesRecord.objects.filter(product__code=code)
        for record in records[:50]:
            unit_price = record.revenue / record.volume
            assert price * 0.85 < unit_price < price * 1.3, (code, unit_price)


def test_customers_can_be_matched_by_an_import(seeded):
    assert not customers().filter(external_code="", tax_id="").exists()
    assert not Account.objects.filter(tax_id="").exists()


def plans_snapshot():
    return {
        "plans": sorted(
            SalesPlan.objects.values_list("account__name", "region__code", "year", "status", "author__username"),
            key=str,
        ),
        "lines": sorted(
            SalesPlanLine.objects.values_list(
                "plan__account__name",
                "plan__region__code",
                "plan__year",
                "group__code",
                "target_revenue",
                "q1_revenue",
                "q4_revenue",
                "method",
            ),
            key=str,
        ),
        "transitions": sorted(
            PlanTransition.objects.values_list("plan__account__name", "plan__year", "to_status", "by__username", "at"),
            key=str,
        ),
        "account_plans": sorted(AccountPlan.objects.values_list("account__name", "year", "status", "summary")),
        "stages": sorted(PlanStage.objects.values_list("account__name", "title", "deadline", "done_at"), key=str),
        "contacts": sorted(
            PlannedContact.objects.values_list("plan__account__name", "planned_for", "meeting__title"), key=str
        ),
    }


def test_the_sales_and_plans_are_deterministic_and_a_reset_replaces_them(seeded):
    def snapshot():
        return sorted(
            SalesRecord.objects.values_list("account__name", "product__code", "month", "volume", "revenue", "margin")
        )

    first = snapshot()
    plans = plans_snapshot()

    def competitors():
        # A presence may name no product group: None sorts first.
        rows = CompetitorPresence.objects.values_list("account__name", "competitor__name", "group__code")
        return sorted(rows, key=lambda row: (row[0], row[1], row[2] is not None, row[2] or ""))

    presences = competitors()
    output = seed("--reset")
    assert "Removed the previous demo data" in output
    assert snapshot() == first
    assert competitors() == presences
    assert Product.objects.count() == len(demo.PRODUCTS)
    assert f"{len(first)} sales records" in output
    assert plans_snapshot() == plans
    assert f"{len(plans['plans'])} sales plans ({len(plans['lines'])} lines" in output
    assert f"{len(plans['account_plans'])} development plans ({len(plans['stages'])} stages)" in output


# Sales plans (planning/demo_sales_plans.py), development plans (demo_development_plans.py) ----


def test_every_account_with_sales_last_year_has_this_and_next_years_plan(seeded):
    year = timezone.localdate().year
    with_sales = Account.objects.filter(sales__month__year=year - 1).distinct()
    assert with_sales.count() >= 30
    for planned_year in (year, year + 1):
        planned = SalesPlan.objects.filter(year=planned_year, account__isnull=False)
        assert set(planned.values_list("account_id", flat=True)) == set(with_sales.values_list("pk", flat=True))
    assert not SalesPlan.objects.filter(account__status=Account.Status.PROSPECT).exists()
    # Plans of this year were approved at the turn of the year: plan vs actual has targets.
    assert set(SalesPlan.objects.filter(year=year).values_list("status", flat=True)) == {SalesPlan.Status.APPROVED}
    statuses = Counter(SalesPlan.objects.filter(year=year + 1, account__isnull=False).values_list("status", flat=True))
    assert set(statuses) == set(SalesPlan.Status.values)
    assert statuses[SalesPlan.Status.DRAFT] >= 3
    assert all(count >= 2 for count in statuses.values())


def test_regional_plans_are_the_regional_directors_and_approved_by_the_head_of_sales(seeded):
    year = timezone.localdate().year
    regional = SalesPlan.objects.filter(region__isnull=False)
    assert set(regional.values_list("author__username", flat=True)) == {"director2"}
    assert regional.filter(year=year).count() == 3
    next_year = set(regional.filter(year=year + 1).values_list("status", flat=True))
    assert {SalesPlan.Status.APPROVED, SalesPlan.Status.SUBMITTED, SalesPlan.Status.RETURNED} <= next_year
    assert not SalesPlanLine.objects.filter(plan__in=regional, target_revenue__lte=0).exists()
    approvals = PlanTransition.objects.filter(plan__in=regional, to_status=SalesPlan.Status.APPROVED)
    assert set(approvals.values_list("by__username", flat=True)) == {"director"}


def test_quarters_add_up_and_targets_grow_within_the_range(seeded):
    lines = SalesPlanLine.objects.select_related("plan__account")
    assert lines.count() >= 150
    assert not lines.exclude(
        target_revenue=F("q1_revenue") + F("q2_revenue") + F("q3_revenue") + F("q4_revenue")
    ).exists()
    assert not lines.filter(Q(method="") | Q(target_revenue__lte=0)).exists()
    year = timezone.localdate().year
    for line in lines.filter(plan__year=year, plan__account__isnull=False, baseline_revenue__gt=10_000):
        # Whole thousands around −5…+25 % of last year's actual.
        assert line.target_revenue % 1000 == 0
        assert line.baseline_revenue * Decimal("0.95") - 500 <= line.target_revenue, line
        assert line.target_revenue <= line.baseline_revenue * Decimal("1.25") + 500, line
    # Texts in the client's language.
    russian = lines.filter(plan__account__name__regex=r"[А-Яа-яЁё]").first()
    english = lines.filter(plan__account__isnull=False).exclude(plan__account__name__regex=r"[А-Яа-яЁё]").first()
    assert CYRILLIC.search(russian.method)
    assert not CYRILLIC.search(english.method)


def test_every_step_of_the_approval_is_recorded_by_the_right_people(seeded):
    now = timezone.now()
    transitions = PlanTransition.objects.select_related("plan__account", "by")
    assert transitions.count() >= 80
    assert not transitions.filter(at__gt=now).exists()
    for step in transitions.filter(to_status__in=[SalesPlan.Status.APPROVED, SalesPlan.Status.RETURNED]):
        assert step.by.is_director
        assert directs_region(user=step.by, region_id=plan_region_id(step.plan))
        assert step.by_id != step.plan.author_id
    for step in transitions.filter(to_status=SalesPlan.Status.SUBMITTED):
        assert step.by_id == step.plan.author_id
    returned = transitions.filter(to_status=SalesPlan.Status.RETURNED)
    assert returned.count() >= 4
    assert not returned.filter(comment="").exists()
    # Every plan's status is where its last step left it.
    for plan in SalesPlan.objects.annotate(steps=Count("transitions")):
        last = plan.transitions.last()
        assert plan.status == (last.to_status if last else SalesPlan.Status.DRAFT), plan
    # This year's plans that were returned once were approved in the end.
    year = timezone.localdate().year
    assert transitions.filter(plan__year=year, to_status=SalesPlan.Status.RETURNED).exists()


def test_half_the_accounts_have_a_development_plan_with_every_part(seeded):
    year = timezone.localdate().year
    plans = AccountPlan.objects.filter(year=year)
    assert plans.count() == Account.objects.count() // 2
    assert set(plans.values_list("status", flat=True)) == {AccountPlan.Status.ACTIVE}
    drafts = AccountPlan.objects.filter(year=year + 1)
    assert drafts.count() >= 3
    assert not drafts.exclude(status=AccountPlan.Status.DRAFT).exists()
    assert not drafts.filter(cloned_from__isnull=True).exists()
    for plan in plans.annotate(
        client_goals=Count("goals", filter=Q(goals__side=StrategicGoal.Side.CLIENT), distinct=True),
        our_goals=Count("goals", filter=Q(goals__side=StrategicGoal.Side.OURS), distinct=True),
        quadrants=Count("swot__quadrant", distinct=True),
        objective_count=Count("objectives", distinct=True),
        contact_count=Count("contacts", distinct=True),
        budget_count=Count("budget_lines", distinct=True),
        stage_count=Count("stages", distinct=True),
        opportunity_count=Count("opportunities", distinct=True),
    ):
        assert plan.client_goals >= 1 and plan.our_goals >= 1, plan
        assert plan.quadrants == len(SwotItem.Quadrant), plan
        assert plan.objective_count >= 3 and plan.contact_count >= 3 and plan.budget_count >= 2, plan
        assert plan.stage_count >= 4 and plan.opportunity_count >= 1, plan
    assert PlanObjective.objects.filter(achieved=True).exists()
    assert PlanObjective.objects.filter(achieved=False).exists()


def test_contact_plan_budget_stages_and_opportunities_tell_a_story(seeded):
    today = timezone.localdate()
    this_year = PlannedContact.objects.filter(plan__year=today.year)
    linked = this_year.filter(meeting__isnull=False).select_related("meeting")
    assert linked.count() >= 5
    assert all(c.meeting.account_id == c.plan.account_id and c.meeting.status == "held" for c in linked)
    assert this_year.filter(planned_for__gt=today, meeting__isnull=True).count() >= 10
    assert not this_year.filter(planned_for__gt=today, meeting__isnull=False).exists()

    assert BudgetLine.objects.filter(spent__gt=F("planned")).exists()
    assert BudgetLine.objects.filter(spent__lte=F("planned")).count() > BudgetLine.objects.count() // 2

    stages = PlanStage.objects.all()
    assert not stages.exclude(account_id=F("plan__account_id")).exists()
    assert not stages.filter(owner__isnull=True).exists()
    assert stages.filter(done_at__isnull=False).count() >= 10
    assert stages.filter(done_at__isnull=True, deadline__lt=today).count() >= 3  # overdue
    assert stages.filter(done_at__isnull=True, deadline__gte=today, deadline__lte=today + timedelta(days=5)).exists()

    with_partner = PartnershipOpportunity.objects.filter(partner__isnull=False).select_related("partner", "plan")
    assert with_partner.exists()
    assert all(o.partner.account_id == o.plan.account_id and o.partner.name in o.title for o in with_partner)
