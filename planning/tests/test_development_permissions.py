"""One table over every development plan URL: who gets what.

A plan is seen by whoever sees its account (directors of its region read it) and changed by
whoever changes the account; everyone else gets 404, as the account itself would answer.
"""

import pytest
from django.urls import reverse

from accounts.tests.personas import CHANGE, SEE
from planning.tests.factories import (
    AccountPlanFactory,
    BudgetLineFactory,
    PartnershipOpportunityFactory,
    PlannedContactFactory,
    PlanObjectiveFactory,
    PlanStageFactory,
    StrategicGoalFactory,
    SwotItemFactory,
)

pytestmark = pytest.mark.django_db

READ = dict(SEE)
WRITE = dict(CHANGE)
PERSONAS = list(READ)
PART_FACTORIES = {
    "goals": StrategicGoalFactory,
    "swot": SwotItemFactory,
    "objectives": PlanObjectiveFactory,
    "contacts": PlannedContactFactory,
    "budget": BudgetLineFactory,
    "stages": PlanStageFactory,
    "opportunities": PartnershipOpportunityFactory,
}


@pytest.fixture
def records(account):
    plan = AccountPlanFactory(account=account, year=2027)
    rows = {part: factory(plan=plan) for part, factory in PART_FACTORIES.items()}
    return {"account": account, "plan": plan, **rows}


def url(name: str, records: dict, part: str | None = None) -> str:
    """The URL `name` for the records; `part` picks the part for the part URLs."""
    plan = records["plan"]
    if name == "planning:account_plan_create":
        return reverse(name, args=[records["account"].pk])
    if name == "planning:account_plan_part_add":
        return reverse(name, args=[plan.pk, part])
    if name in ("planning:account_plan_part_edit", "planning:account_plan_part_delete"):
        return reverse(name, args=[plan.pk, part, records[part].pk])
    if name == "planning:plan_stage_done":
        return reverse(name, args=[records["stages"].pk])
    if name == "planning:planned_contact_meeting":
        return reverse(name, args=[records["contacts"].pk])
    return reverse(name, args=[plan.pk])


PARTS = list(PART_FACTORIES)
# (url name, part, expectations for GET)
PAGES = [
    ("planning:account_plan", None, READ),
    ("planning:account_plan_create", None, WRITE),
    ("planning:account_plan_edit", None, WRITE),
    *[("planning:account_plan_part_add", part, WRITE) for part in PARTS],
    *[("planning:account_plan_part_edit", part, WRITE) for part in PARTS],
]
# Changes that only POST: who may not see gets 404, a reader 403, the rest succeed (redirect).
POSTS = [
    *[("planning:account_plan_part_delete", part) for part in PARTS],
    ("planning:plan_stage_done", None),
    ("planning:planned_contact_meeting", None),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "part", "expected"), PAGES)
def test_get(request, client_for, records, persona, name, part, expected):
    response = client_for(request.getfixturevalue(persona)).get(url(name, records, part))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize(("name", "part", "expected"), PAGES)
def test_anonymous_is_sent_to_login(client_for, records, name, part, expected):
    response = client_for(None).get(url(name, records, part))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "part"), POSTS)
def test_post(request, client_for, records, persona, name, part):
    response = client_for(request.getfixturevalue(persona)).post(url(name, records, part))
    expected = WRITE[persona]
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize(("name", "part"), POSTS)
def test_anonymous_post_is_sent_to_login(client_for, records, name, part):
    response = client_for(None).post(url(name, records, part))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "part"), POSTS)
def test_changes_need_post(client_for, owner, records, name, part):
    assert client_for(owner).get(url(name, records, part)).status_code == 405


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_page_only_answers_get(client_for, owner, records, method):
    response = getattr(client_for(owner), method)(url("planning:account_plan", records))
    assert response.status_code == 405


@pytest.mark.parametrize(
    "name", ["planning:account_plan_create", "planning:account_plan_edit", "planning:account_plan_part_add"]
)
def test_forms_refuse_other_methods(client_for, owner, records, name):
    assert client_for(owner).put(url(name, records, "goals")).status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_creating_a_plan(request, client_for, records, persona):
    data = {"year": "2028", "summary": "Next year"}
    response = client_for(request.getfixturevalue(persona)).post(url("planning:account_plan_create", records), data)
    expected = WRITE[persona]
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_the_header(request, client_for, records, persona):
    data = {"summary": "Changed", "status": "active", "version": records["plan"].version}
    response = client_for(request.getfixturevalue(persona)).post(url("planning:account_plan_edit", records), data)
    expected = WRITE[persona]
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_and_editing_a_row(request, client_for, records, persona):
    client = client_for(request.getfixturevalue(persona))
    expected = WRITE[persona]
    added = client.post(url("planning:account_plan_part_add", records, "goals"), {"side": "client", "text": "x"})
    assert added.status_code == (302 if expected == 200 else expected)
    goal = records["goals"]
    data = {"side": "ours", "text": "y", "version": goal.version}
    edited = client.post(url("planning:account_plan_part_edit", records, "goals"), data)
    assert edited.status_code == (302 if expected == 200 else expected)
