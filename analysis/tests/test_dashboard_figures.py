"""Each figure of the dashboard against values worked out by hand on the small world of
dashboard_data (its docstring has the arithmetic)."""

import datetime
from decimal import Decimal

import pytest

from analysis.dashboard.activity import kam_activity
from analysis.dashboard.commitments import commitments_by_department
from analysis.dashboard.filters import DashboardFilterForm, DashboardFilters, filtered_accounts
from analysis.dashboard.meetings import upcoming_meetings
from analysis.dashboard.period import dashboard_period
from analysis.dashboard.plan_actual import plan_actual_for_user
from analysis.tests import dashboard_data as data
from analysis.views.dashboard import build_dashboard
from meetings.models import ChecklistItem, Meeting
from meetings.tests.factories import MeetingFactory
from planning.models import PlanTransition, SalesPlan, SalesPlanLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(time_machine, account, owner, other_kam, other_region, director):
    time_machine.move_to(data.NOW, tick=False)
    cat = data.catalogue()
    south = data.north_and_south(account=account, owner=owner, other_kam=other_kam, other_region=other_region, cat=cat)
    return {"cat": cat, "south": south}


def figures(user, **filters):
    chosen = DashboardFilters(year=2026, **filters)
    accounts = filtered_accounts(user=user, filters=chosen)
    period = dashboard_period(year=2026, today=data.TODAY)
    return plan_actual_for_user(user=user, accounts=accounts, filters=chosen, period=period), period


def test_year_to_date_runs_through_the_latest_month_with_sales(world):
    period = dashboard_period(year=2026, today=data.TODAY)
    assert (period.months, period.last, period.previous_last) == (5, data.month(2026, 5), data.month(2025, 5))


def test_headline_turnover_margin_and_growth_against_plan(world, director):
    plan_actual, _period = figures(director)
    total = plan_actual.total
    assert total.actual == Decimal(7000)
    assert total.margin == Decimal(700)
    assert total.last_year == Decimal(10000)
    assert total.growth == Decimal("-30.0")
    assert total.target == Decimal(18000)
    assert total.target_to_date == Decimal(7500)
    assert total.percent == Decimal("93.3")
    assert total.planned_growth == Decimal("-25.0")
    assert total.margin_percent == Decimal("10.0")


def test_plan_vs_actual_by_group(world, director):
    plan_actual, _period = figures(director)
    by_group = {row.label: (row.actual, row.target_to_date, row.percent) for row in plan_actual.by_group}
    assert by_group == {
        "Film": (Decimal(5000), Decimal(5000), Decimal("100.0")),
        "Boxes": (Decimal(2000), Decimal(2500), Decimal("80.0")),
    }
    assert [row.label for row in plan_actual.by_group] == ["Film", "Boxes"]  # catalogue order


def test_plan_vs_actual_by_region_and_manager_for_an_administrator(world, admin_user, region, other_region):
    plan_actual, _period = figures(admin_user)
    by_region = {row.label: (row.actual, row.target_to_date) for row in plan_actual.by_region}
    # South: 45,000 against 100,000 × (Q1 + ⅔ Q2) = 25,000 + 16,666.67.
    assert by_region == {"North": (Decimal(7000), Decimal(7500)), "South": (Decimal(45000), Decimal("41666.67"))}
    by_owner = {row.key: row.actual for row in plan_actual.by_owner}
    assert by_owner == {world["south"].owner_id: Decimal(45000), region.accounts.get().owner_id: Decimal(7000)}
    assert plan_actual.total.actual == Decimal(52000)


def test_a_regional_plan_does_not_count_twice_for_an_administrator(world, admin_user, region, director):
    # The regional plan restates its accounts' targets; only account plans are summed, also
    # when the viewer sees every account (and the scope adds no condition of its own).
    regional = SalesPlan.objects.create(year=2026, region=region, author=director, status=SalesPlan.Status.APPROVED)
    SalesPlanLine.objects.create(
        plan=regional,
        group=world["cat"]["film"],
        target_revenue=Decimal(500000),
        q1_revenue=Decimal(125000),
        q2_revenue=Decimal(125000),
        q3_revenue=Decimal(125000),
        q4_revenue=Decimal(125000),
    )
    plan_actual, _period = figures(admin_user)
    assert plan_actual.total.target == Decimal(118000)  # 18,000 North + 100,000 South
    assert {row.label: row.target for row in plan_actual.by_region} == {
        "North": Decimal(18000),
        "South": Decimal(100000),
    }


def test_a_directors_totals_never_include_another_regions_accounts(world, director):
    plan_actual, _period = figures(director)
    assert [row.label for row in plan_actual.by_region] == ["North"]
    assert {row.label for row in plan_actual.by_owner} == {"Olga Owner"}


def test_filters_narrow_every_figure(world, admin_user, other_region):
    plan_actual, _period = figures(admin_user, region_id=other_region.pk)
    assert plan_actual.total.actual == Decimal(45000)
    plan_actual, _period = figures(admin_user, tier="C")
    assert plan_actual.total.actual == 0 and plan_actual.by_group == []


def test_draft_plans_do_not_count_as_targets(world, director, account, owner):
    data.plan(account, owner, 2027, [(world["cat"]["film"], 50000, 0)], status="draft")
    plan_actual, _period = figures(director)
    assert plan_actual.total.target == Decimal(18000)


def test_region_rows_link_to_the_regions_plans(world, director, region):
    plan_actual, _period = figures(director)
    assert plan_actual.by_region[0].href == f"/planning/plans/?year=2026&region={region.pk}"


def test_accounts_by_status(world, director, account):
    form = DashboardFilterForm({"year": 2026}, user=director, today=data.TODAY)
    dashboard = build_dashboard(user=director, form=form, today=data.TODAY)
    assert dashboard.headline.accounts == 1
    assert {s.status: s.count for s in dashboard.headline.statuses}[account.status] == 1


def test_department_commitments_and_on_time_rate(world, director, account):
    logistics = data.commitments(account=account, south=world["south"])
    summary = commitments_by_department(
        accounts=filtered_accounts(user=director, filters=DashboardFilters(year=2026)), today=data.TODAY
    )
    row = next(r for r in summary.rows if r.department_id == logistics.pk)
    assert (row.open, row.due_this_week, row.overdue, row.due_in_window, row.on_time) == (3, 1, 1, 3, 1)
    assert row.on_time_rate == Decimal("33.3")
    assert summary.total.overdue == 1  # the South's overdue one is not the North director's
    assert f"department={logistics.pk}" in row.links["overdue"] and "status=overdue" in row.links["overdue"]


def test_kam_activity_counts_the_year_on_the_shown_accounts(world, director, account, owner, other_kam):
    data.activity(account=account, owner=owner, south=world["south"], other_kam=other_kam)
    rows = kam_activity(
        accounts=filtered_accounts(user=director, filters=DashboardFilters(year=2026)), year=2026, params={}
    )
    assert [(r.name, r.accounts, r.meetings_held, r.assessments, r.plans_submitted) for r in rows] == [
        ("Olga Owner", 1, 2, 1, 1)
    ]
    assert rows[0].accounts_url == f"/accounts/?owner={owner.pk}"


def test_department_commitments_of_every_account_for_an_administrator(world, admin_user, account):
    # Every account in view: the query has no account condition, and the South's overdue one
    # counts too.
    logistics = data.commitments(account=account, south=world["south"])
    summary = commitments_by_department(
        accounts=filtered_accounts(user=admin_user, filters=DashboardFilters(year=2026)), today=data.TODAY
    )
    assert [(r.name, r.open, r.due_this_week, r.overdue, r.due_in_window, r.on_time) for r in summary.rows] == [
        (logistics.name, 4, 1, 2, 4, 1)
    ]
    assert summary.rows[0].on_time_rate == Decimal(25)


def test_kam_activity_of_every_account_leaves_regional_plans_out(
    world, admin_user, account, owner, other_kam, region, director
):
    data.activity(account=account, owner=owner, south=world["south"], other_kam=other_kam)
    regional = SalesPlan.objects.create(year=2027, region=region, author=director, status=SalesPlan.Status.SUBMITTED)
    PlanTransition.objects.create(
        plan=regional, from_status=SalesPlan.Status.DRAFT, to_status=SalesPlan.Status.SUBMITTED, by=owner
    )
    rows = kam_activity(
        accounts=filtered_accounts(user=admin_user, filters=DashboardFilters(year=2026)), year=2026, params={}
    )
    # Most active first.
    assert [(r.name, r.accounts, r.meetings_held, r.assessments, r.plans_submitted) for r in rows] == [
        ("Olga Owner", 1, 2, 1, 1),
        ("Oleg Other", 1, 1, 0, 0),
    ]


def test_upcoming_meetings_annual_first_with_readiness_and_counts(world, director, account):
    def meet(days, kind=Meeting.Kind.REGULAR, on=account, status=Meeting.Status.PLANNED):
        return MeetingFactory(account=on, kind=kind, status=status, starts_at=data.NOW + datetime.timedelta(days=days))

    regular = meet(1)
    ready = meet(20, Meeting.Kind.ANNUAL)
    for item in ChecklistItem.Item.values:
        ChecklistItem.objects.create(meeting=ready, item=item, status=ChecklistItem.Status.READY)
    unprepared = meet(10, Meeting.Kind.ANNUAL)
    meet(31)  # past the 30th day
    meet(2, status=Meeting.Status.HELD)
    meet(3, on=world["south"])  # another region's
    shown = upcoming_meetings(
        accounts=filtered_accounts(user=director, filters=DashboardFilters(year=2026)), now=data.NOW
    )
    assert [(m.pk, m.readiness, m.account_name) for m in shown.meetings] == [
        (unprepared.pk, None, account.name),
        (ready.pk, 100, account.name),
        (regular.pk, None, account.name),
    ]
    assert (shown.count, shown.annual, shown.annual_unready, shown.more) == (3, 2, 1, 0)
