"""The development plan services for callers other than the views: rights checked again,
history by whom, rows kept to the plan's own account, stages done once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import AccountFactory, BusinessPartnerFactory, ContactFactory
from kam.core.locking import ConcurrentEditError
from planning.models import AccountPlan, PartnershipOpportunity, PlannedContact, PlanStage, StrategicGoal
from planning.services import development as services
from planning.tests.factories import AccountPlanFactory, PlanStageFactory, StrategicGoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(account):
    return AccountPlanFactory(account=account, year=2027)


def test_create_names_the_author_and_the_history_user(team_member, account):
    plan = services.account_plan_create(by=team_member, account=account, year=2027, summary="Grow")
    assert plan.author == team_member
    assert plan.history.get().history_user == team_member


def test_create_refuses_a_second_plan_for_the_year(owner, plan):
    with pytest.raises(ValidationError) as error:
        services.account_plan_create(by=owner, account=plan.account, year=2027)
    assert "year" in error.value.message_dict


def test_create_refuses_a_director(director, account):
    with pytest.raises(PermissionDenied):
        services.account_plan_create(by=director, account=account, year=2027)


def test_update_records_the_user_and_catches_a_stale_version(owner, team_member, plan):
    services.account_plan_update(by=team_member, plan=plan, data={"status": "active"}, expected_version=1)
    assert plan.history.first().history_user == team_member
    stale = AccountPlan.objects.get(pk=plan.pk)
    with pytest.raises(ConcurrentEditError):
        services.account_plan_update(by=owner, plan=stale, data={"summary": "x"}, expected_version=1)


def test_closed_plan_refuses_every_change(admin_user, plan):
    plan.status = AccountPlan.Status.CLOSED
    plan.save()
    goal = StrategicGoalFactory(plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_part_create(by=admin_user, plan=plan, model=StrategicGoal, data={"side": "ours", "text": "x"})
    with pytest.raises(PermissionDenied):
        services.plan_part_delete(by=admin_user, part=goal)
    with pytest.raises(PermissionDenied):
        services.account_plan_update(by=admin_user, plan=plan, data={"status": "active"}, expected_version=1)


def test_rows_are_appended_in_order(owner, plan):
    first = services.plan_part_create(by=owner, plan=plan, model=StrategicGoal, data={"side": "ours", "text": "a"})
    second = services.plan_part_create(by=owner, plan=plan, model=StrategicGoal, data={"side": "ours", "text": "b"})
    assert (first.position, second.position) == (0, 1)


def test_a_contact_of_another_account_is_refused(owner, plan):
    stranger = ContactFactory(account=AccountFactory())
    data = {"planned_for": datetime.date(2027, 3, 1), "contact": stranger, "purpose": "x"}
    with pytest.raises(ValidationError):
        services.plan_part_create(by=owner, plan=plan, model=PlannedContact, data=data)


def test_a_partner_of_another_account_is_refused(owner, plan):
    stranger = BusinessPartnerFactory(account=AccountFactory())
    with pytest.raises(ValidationError):
        services.plan_part_create(
            by=owner, plan=plan, model=PartnershipOpportunity, data={"title": "x", "partner": stranger}
        )


def test_stage_copies_its_account_from_the_plan(owner, plan):
    data = {"title": "Audit", "deadline": datetime.date(2027, 2, 1), "owner": owner}
    stage = services.plan_part_create(by=owner, plan=plan, model=PlanStage, data=data)
    assert stage.account_id == plan.account_id


def test_stage_done_keeps_its_first_date(owner, plan):
    stage = PlanStageFactory(plan=plan)
    stage.plan = plan
    services.plan_stage_done(by=owner, stage=stage)
    first = PlanStage.objects.get(pk=stage.pk).done_at
    services.plan_stage_done(by=owner, stage=stage)
    assert PlanStage.objects.get(pk=stage.pk).done_at == first
    data = {"done": True, "version": stage.version}
    services.plan_part_update(by=owner, part=stage, data=data, expected_version=stage.version)
    assert PlanStage.objects.get(pk=stage.pk).done_at == first
