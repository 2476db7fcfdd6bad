"""The client development plan pages: creating a plan, the plan page with its seven parts,
the header, adding, editing and deleting rows in place (htmx and without JavaScript),
marking stages done, and turning a planned contact into a meeting."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory, BusinessPartnerFactory, ContactFactory
from kam.notifications.services import notify
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)
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
HTMX = {"HX-Request": "true"}
TODAY = datetime.date(2027, 5, 12)


@pytest.fixture
def plan(account):
    return AccountPlanFactory(account=account, year=2027, summary="First supplier of fasteners by year end")


@pytest.fixture
def contact(account):
    return ContactFactory(account=account, first_name="Irina", last_name="Petrova", position="Head of purchasing")


def page_url(plan, anchor=""):
    return reverse("planning:account_plan", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


def add_url(plan, part):
    return reverse("planning:account_plan_part_add", args=[plan.pk, part])


def edit_url(plan, part, row):
    return reverse("planning:account_plan_part_edit", args=[plan.pk, part, row.pk])


def delete_url(plan, part, row):
    return reverse("planning:account_plan_part_delete", args=[plan.pk, part, row.pk])


# What each part's form posts, and the field that shows on the page after it is saved.
def part_data(part, plan, owner):
    contact = ContactFactory(account=plan.account, first_name="Anna", last_name="Sokolova")
    return {
        "goals": {"side": "ours", "text": "Listed in every DC of the client"},
        "swot": {"quadrant": "threat", "text": "A new importer undercuts prices"},
        "objectives": {"text": "Win the Q3 tender", "measure": "Signed contract", "achieved": "on"},
        "contacts": {"planned_for": "2027-06-10", "contact": contact.pk, "purpose": "Present the new range"},
        "budget": {"item": "Samples", "planned": "50000", "spent": "12000.50"},
        "stages": {"title": "Pilot delivery", "deadline": "2027-07-01", "owner": owner.pk, "procedure": "Trial run"},
        "opportunities": {
            "title": "Joint warehouse",
            "status": "pursuing",
            "partner": "",
            "value": "750000",
            "description": "",
        },
    }[part]


MODELS = {
    "goals": StrategicGoal,
    "swot": SwotItem,
    "objectives": PlanObjective,
    "contacts": PlannedContact,
    "budget": BudgetLine,
    "stages": PlanStage,
    "opportunities": PartnershipOpportunity,
}
SHOWN = {
    "goals": "Listed in every DC of the client",
    "swot": "A new importer undercuts prices",
    "objectives": "Win the Q3 tender",
    "contacts": "Present the new range",
    "budget": "Samples",
    "stages": "Pilot delivery",
    "opportunities": "Joint warehouse",
}
FACTORIES = {
    "goals": StrategicGoalFactory,
    "swot": SwotItemFactory,
    "objectives": PlanObjectiveFactory,
    "contacts": PlannedContactFactory,
    "budget": BudgetLineFactory,
    "stages": PlanStageFactory,
    "opportunities": PartnershipOpportunityFactory,
}


def fill(plan, rows):
    """`rows` rows in every part of the plan: half the stages overdue and half done, every
    budget line overspent, half the planned contacts already scheduled as meetings."""
    for factory in FACTORIES.values():
        for _ in range(rows):
            factory(plan=plan)
    stages = list(PlanStage.objects.filter(plan=plan).order_by("pk"))
    PlanStage.objects.filter(pk__in=[stage.pk for stage in stages[::2]]).update(deadline=datetime.date(2027, 1, 15))
    PlanStage.objects.filter(pk__in=[stage.pk for stage in stages[1::2]]).update(done_at=timezone.now())
    BudgetLine.objects.filter(plan=plan).update(spent=Decimal("150000"))
    for planned in PlannedContact.objects.filter(plan=plan).order_by("pk")[: rows // 2]:
        planned.meeting = MeetingFactory(account=plan.account)
        planned.save()


# Creating a plan -------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2027, 5, 12, 12, tzinfo=datetime.UTC))
def test_new_plan_defaults_to_this_year(client_for, owner, account):
    response = client_for(owner).get(reverse("planning:account_plan_create", args=[account.pk]))
    assert response.status_code == 200
    assert response.context["form"]["year"].value() == 2027


@time_machine.travel(datetime.datetime(2027, 5, 12, 12, tzinfo=datetime.UTC))
def test_new_plan_defaults_to_next_year_once_this_years_exists(client_for, owner, plan):
    response = client_for(owner).get(reverse("planning:account_plan_create", args=[plan.account.pk]))
    assert response.context["form"]["year"].value() == 2028


def test_owner_creates_a_plan_and_lands_on_it(client_for, owner, account):
    response = client_for(owner).post(
        reverse("planning:account_plan_create", args=[account.pk]), {"year": "2027", "summary": "Grow together"}
    )
    plan = AccountPlan.objects.get(account=account)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.year, plan.summary, plan.author, plan.status) == (2027, "Grow together", owner, "draft")
    assert plan.history.first().history_user == owner


def test_a_second_plan_for_the_same_year_is_a_form_error(client_for, team_member, plan):
    response = client_for(team_member).post(
        reverse("planning:account_plan_create", args=[plan.account.pk]), {"year": "2027", "summary": ""}
    )
    assert response.status_code == 400
    assert "already has a development plan for 2027" in response.text
    assert AccountPlan.objects.filter(account=plan.account).count() == 1


def test_a_year_far_away_is_a_form_error(client_for, owner, account):
    response = client_for(owner).post(
        reverse("planning:account_plan_create", args=[account.pk]), {"year": "1999", "summary": ""}
    )
    assert response.status_code == 400
    assert not AccountPlan.objects.exists()


# The page ------------------------------------------------------------------------------------


def test_empty_plan_invites_the_first_entry_of_every_part(client_for, owner, plan):
    text = client_for(owner).get(page_url(plan)).text
    assert "First supplier of fasteners by year end" in text
    assert "No SWOT yet — add the client" in text and "strengths, weaknesses, opportunities and threats" in text
    for invitation in (
        "No client goals yet",
        "No objectives yet",
        "No contacts planned yet",
        "No budget yet",
        "No stages yet",
        "No partnership opportunities yet",
    ):
        assert invitation in text
    assert "Add a client goal" in text and "Plan a contact" in text


@time_machine.travel(datetime.datetime(2027, 5, 12, 12, tzinfo=datetime.UTC))
def test_header_counts_stages_done_and_overdue(client_for, owner, plan):
    PlanStageFactory(plan=plan, deadline=datetime.date(2027, 3, 1), done_at=timezone.now())
    PlanStageFactory(plan=plan, deadline=datetime.date(2027, 3, 1), title="Late stage")
    PlanStageFactory(plan=plan, deadline=datetime.date(2027, 9, 1))
    response = client_for(owner).get(page_url(plan))
    assert "1 of 3 stages done" in response.text
    assert "1 overdue" in response.text
    late = next(stage for stage in response.context["page"].stages if stage.title == "Late stage")
    assert late.is_overdue


@time_machine.travel(datetime.datetime(2027, 5, 11, 22, 30, tzinfo=datetime.UTC))
def test_overdue_is_judged_against_the_users_local_date(client_for, owner, plan):
    # 22:30 UTC on 11 May is already 12 May in Vladivostok: a stage due on the 11th is late there.
    owner.time_zone = "Asia/Vladivostok"
    owner.save()
    PlanStageFactory(plan=plan, deadline=datetime.date(2027, 5, 11))
    assert client_for(owner).get(page_url(plan)).context["totals"]["stages_overdue"] == 1
    owner.time_zone = "Europe/London"
    owner.save()
    assert client_for(owner).get(page_url(plan)).context["totals"]["stages_overdue"] == 0


def test_budget_totals_and_overspent_lines(client_for, owner, plan):
    BudgetLineFactory(plan=plan, item="Samples", planned=Decimal("100000"), spent=Decimal("130000"))
    BudgetLineFactory(plan=plan, item="Trade marketing", planned=Decimal("200000"), spent=Decimal("50000.50"))
    response = client_for(owner).get(page_url(plan))
    totals = response.context["totals"]
    assert totals["budget_planned"] == Decimal("300000")
    assert totals["budget_spent"] == Decimal("180000.50")
    assert totals["budget_remaining"] == Decimal("119999.50")
    lines = {line.item: line for line in response.context["page"].budget_lines}
    assert lines["Samples"].overspent and lines["Samples"].remaining == Decimal("-30000")
    assert not lines["Trade marketing"].overspent
    assert response.text.count('class="is-overspent"') == 1
    assert "RUB" in response.text


def test_open_opportunities_are_totalled(client_for, owner, plan):
    PartnershipOpportunityFactory(plan=plan, value=Decimal("100000"), status="idea")
    PartnershipOpportunityFactory(plan=plan, value=Decimal("250000"), status="pursuing")
    PartnershipOpportunityFactory(plan=plan, value=Decimal("900000"), status="won")
    PartnershipOpportunityFactory(plan=plan, value=None, status="idea")
    totals = client_for(owner).get(page_url(plan)).context["totals"]
    assert (totals["opportunities_open"], totals["opportunities_value"]) == (3, Decimal("350000"))


def test_goals_show_side_by_side_and_swot_by_quadrant(client_for, owner, plan):
    StrategicGoalFactory(plan=plan, side="client", text="Cut logistics costs")
    StrategicGoalFactory(plan=plan, side="ours", text="Become first supplier")
    SwotItemFactory(plan=plan, quadrant="weakness", text="Slow approvals")
    page = client_for(owner).get(page_url(plan)).context["page"]
    assert [goal.text for goal in page.client_goals] == ["Cut logistics costs"]
    assert [goal.text for goal in page.our_goals] == ["Become first supplier"]
    assert [point.text for point in page.swot["weakness"]] == ["Slow approvals"]


def test_director_reads_without_edit_buttons(client_for, director, plan):
    StrategicGoalFactory(plan=plan)
    response = client_for(director).get(page_url(plan))
    assert response.status_code == 200
    assert "Read only" in response.text
    assert "Add a client goal" not in response.text and ">Edit<" not in response.text


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize("persona", ["owner", "team_member", "director"])
def test_page_query_count_does_not_grow_with_rows(
    request, client_for, plan, django_assert_max_num_queries, rows, persona
):
    fill(plan, rows)
    client = client_for(request.getfixturevalue(persona))
    client.get(page_url(plan))  # the first request after logging in writes the session
    # The user (and a director's regions), the plan, one per part, the stages' reminders and
    # next year's plan: the totals are added up from the parts' rows.
    with django_assert_max_num_queries(12):
        response = client.get(page_url(plan))
    assert response.status_code == 200
    assert len(response.context["page"].stages) == rows


# The header ----------------------------------------------------------------------------------


def test_header_form_opens_in_place_with_htmx(client_for, owner, plan):
    response = client_for(owner).get(reverse("planning:account_plan_edit", args=[plan.pk]), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<header id="header"')
    assert 'name="status"' in response.text


def test_owner_activates_the_plan(client_for, owner, plan):
    data = {"summary": "New summary", "status": "active", "version": plan.version}
    response = client_for(owner).post(reverse("planning:account_plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.summary, plan.status) == ("New summary", "active")
    assert plan.history.first().history_user == owner


def test_header_saved_with_htmx_reloads_the_page(client_for, owner, plan):
    data = {"summary": "x", "status": "active", "version": plan.version}
    response = client_for(owner).post(reverse("planning:account_plan_edit", args=[plan.pk]), data, headers=HTMX)
    assert response["HX-Redirect"] == plan.get_absolute_url()


def test_header_conflict_keeps_the_users_input(client_for, owner, team_member, plan):
    stale = plan.version
    client_for(team_member).post(
        reverse("planning:account_plan_edit", args=[plan.pk]),
        {"summary": "Theirs", "status": "draft", "version": stale},
    )
    response = client_for(owner).post(
        reverse("planning:account_plan_edit", args=[plan.pk]),
        {"summary": "Mine", "status": "draft", "version": stale},
    )
    assert response.status_code == 400
    assert "while you were editing it" in response.text
    assert "Mine</textarea>" in response.text
    plan.refresh_from_db()
    assert plan.summary == "Theirs"


def test_closed_plan_is_read_only_for_everyone(client_for, owner, admin_user, plan):
    stage = PlanStageFactory(plan=plan)
    plan.status = AccountPlan.Status.CLOSED
    plan.save()
    response = client_for(owner).get(page_url(plan))
    assert "This plan is closed" in response.text
    assert "Add a client goal" not in response.text and "Mark done" not in response.text
    for user in (owner, admin_user):
        client = client_for(user)
        assert client.get(reverse("planning:account_plan_edit", args=[plan.pk])).status_code == 403
        assert client.post(add_url(plan, "goals"), {"side": "client", "text": "x"}).status_code == 403
        assert client.post(delete_url(plan, "stages", stage)).status_code == 403
        assert client.post(reverse("planning:plan_stage_done", args=[stage.pk])).status_code == 403
    assert not StrategicGoal.objects.exists()


def closed(plan):
    plan.status = AccountPlan.Status.CLOSED
    plan.save()
    return plan


def test_owner_reopens_a_closed_plan(client_for, owner, plan):
    closed(plan)
    client = client_for(owner)
    assert ">Reopen<" in client.get(page_url(plan)).text
    response = client.post(reverse("planning:account_plan_reopen", args=[plan.pk]), follow=True)
    assert "The plan is open again." in response.text
    plan.refresh_from_db()
    assert plan.status == AccountPlan.Status.ACTIVE
    assert plan.history.latest().history_user == owner


@pytest.mark.parametrize(("persona", "status"), [("director", 403), ("other_kam", 404), ("department_member", 404)])
def test_only_the_accounts_editors_reopen(request, client_for, plan, persona, status):
    closed(plan)
    client = client_for(request.getfixturevalue(persona))
    assert client.post(reverse("planning:account_plan_reopen", args=[plan.pk])).status_code == status
    if status == 403:
        assert ">Reopen<" not in client.get(page_url(plan)).text
    plan.refresh_from_db()
    assert plan.status == AccountPlan.Status.CLOSED


def test_reopen_is_post_only_and_needs_login(client_for, client, plan):
    closed(plan)
    url = reverse("planning:account_plan_reopen", args=[plan.pk])
    assert client.post(url).status_code == 302 and "login" in client.post(url)["Location"]
    assert client_for(plan.account.owner).get(url).status_code == 405


def test_an_open_plan_is_not_reopened(client_for, owner, plan):
    response = client_for(owner).post(reverse("planning:account_plan_reopen", args=[plan.pk]), follow=True)
    assert "Only a closed plan can be reopened." in response.text


def test_editors_see_clone_to_next_year_until_it_exists(client_for, owner, director, plan):
    assert f"Clone to {plan.year + 1}" in client_for(owner).get(page_url(plan)).text
    assert f"Clone to {plan.year + 1}" not in client_for(director).get(page_url(plan)).text
    AccountPlanFactory(account=plan.account, year=plan.year + 1)
    assert f"Clone to {plan.year + 1}" not in client_for(owner).get(page_url(plan)).text


# The parts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("part", list(MODELS))
def test_owner_adds_a_row_without_javascript(client_for, owner, plan, part):
    response = client_for(owner).post(add_url(plan, part), part_data(part, plan, owner))
    assert response.status_code == 302
    assert response["Location"] == page_url(plan, part)
    assert MODELS[part].objects.filter(plan=plan).count() == 1
    assert SHOWN[part] in client_for(owner).get(page_url(plan)).text


@pytest.mark.parametrize("part", list(MODELS))
def test_row_added_with_htmx_returns_the_section_and_the_figures(client_for, team_member, plan, part):
    response = client_for(team_member).post(add_url(plan, part), part_data(part, plan, team_member), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="{part}"')
    assert SHOWN[part] in response.text
    assert 'id="plan-overview" class="dev-overview row g-3 mb-4" hx-swap-oob="true"' in response.text
    assert "<html" not in response.text


@pytest.mark.parametrize("part", list(MODELS))
def test_add_form_opens_in_place_and_as_a_page(client_for, owner, plan, part):
    client = client_for(owner)
    response = client.get(add_url(plan, part), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="{part}"')
    assert "autofocus" in response.text
    page = client.get(add_url(plan, part))
    assert "<html" in page.text and f'id="new-{part}-' in page.text


@pytest.mark.parametrize("part", list(MODELS))
def test_empty_form_shows_its_errors(client_for, owner, plan, part):
    response = client_for(owner).post(add_url(plan, part), {})
    assert response.status_code == 400
    assert "This field is required." in response.text
    htmx = client_for(owner).post(add_url(plan, part), {}, headers=HTMX)
    assert htmx.status_code == 200 and "This field is required." in htmx.text
    assert not MODELS[part].objects.exists()


@pytest.mark.parametrize("part", list(MODELS))
def test_owner_edits_a_row_in_place(client_for, owner, plan, part):
    row = FACTORIES[part](plan=plan)
    client = client_for(owner)
    form = client.get(edit_url(plan, part, row), headers=HTMX)
    assert form.status_code == 200 and 'name="version"' in form.text
    data = {**part_data(part, plan, owner), "version": row.version}
    response = client.post(edit_url(plan, part, row), data)
    assert response.status_code == 302
    assert SHOWN[part] in client.get(page_url(plan)).text
    row.refresh_from_db()
    assert row.version == 2


@pytest.mark.parametrize("part", list(MODELS))
def test_a_stale_edit_is_a_conflict_keeping_the_input(client_for, owner, team_member, plan, part):
    row = FACTORIES[part](plan=plan)
    stale = row.version
    client_for(team_member).post(edit_url(plan, part, row), {**part_data(part, plan, team_member), "version": stale})
    response = client_for(owner).post(
        edit_url(plan, part, row), {**part_data(part, plan, owner), "version": stale}, headers=HTMX
    )
    assert response.status_code == 200
    assert "while you were editing it" in response.text
    assert SHOWN[part] in response.text
    row.refresh_from_db()
    assert row.version == stale + 1


@pytest.mark.parametrize("part", list(MODELS))
def test_owner_deletes_a_row(client_for, owner, plan, part):
    row = FACTORIES[part](plan=plan)
    response = client_for(owner).post(delete_url(plan, part, row), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="{part}"')
    assert not MODELS[part].objects.filter(pk=row.pk).exists()


def test_unknown_part_is_404(client_for, owner, plan):
    assert client_for(owner).get(add_url(plan, "wishes")).status_code == 404


def test_a_row_of_another_plan_is_404(client_for, owner, plan):
    other = AccountPlanFactory(account=plan.account, year=2028)
    goal = StrategicGoalFactory(plan=other)
    assert client_for(owner).get(edit_url(plan, "goals", goal)).status_code == 404
    assert client_for(owner).post(delete_url(plan, "goals", goal)).status_code == 404
    assert StrategicGoal.objects.filter(pk=goal.pk).exists()


def test_add_link_presets_the_side_and_the_quadrant(client_for, owner, plan):
    client = client_for(owner)
    goals = client.get(add_url(plan, "goals") + "?side=ours", headers=HTMX)
    assert goals.context["adding"]["goals"]["side"].value() == "ours"
    swot = client.get(add_url(plan, "swot") + "?quadrant=threat", headers=HTMX)
    assert swot.context["adding"]["swot"]["quadrant"].value() == "threat"


def test_contact_of_another_account_is_refused(client_for, owner, plan):
    stranger = ContactFactory(account=AccountFactory())
    data = {"planned_for": "2027-06-10", "contact": stranger.pk, "purpose": "x"}
    response = client_for(owner).post(add_url(plan, "contacts"), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not PlannedContact.objects.exists()


def test_partner_of_another_account_is_refused(client_for, owner, plan):
    stranger = BusinessPartnerFactory(account=AccountFactory())
    data = {"title": "x", "status": "idea", "partner": stranger.pk, "value": "", "description": ""}
    assert client_for(owner).post(add_url(plan, "opportunities"), data).status_code == 400


def test_negative_budget_is_a_form_error(client_for, owner, plan):
    data = {"item": "Samples", "planned": "-5", "spent": "0"}
    response = client_for(owner).post(add_url(plan, "budget"), data)
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()


def test_stage_owner_defaults_to_the_user(client_for, team_member, plan):
    response = client_for(team_member).get(add_url(plan, "stages"), headers=HTMX)
    assert response.context["adding"]["stages"]["owner"].value() == team_member.pk


# Stages ----------------------------------------------------------------------------------------


def test_mark_done_then_undo_through_the_edit_form(client_for, owner, plan):
    stage = PlanStageFactory(plan=plan, title="Pilot")
    client = client_for(owner)
    response = client.post(reverse("planning:plan_stage_done", args=[stage.pk]), headers=HTMX)
    assert response.status_code == 200 and response.text.lstrip().startswith('<section id="stages"')
    stage.refresh_from_db()
    assert stage.done_at is not None
    data = {"title": "Pilot", "deadline": "2027-03-31", "owner": owner.pk, "procedure": "", "version": stage.version}
    client.post(edit_url(plan, "stages", stage), data)
    stage.refresh_from_db()
    assert stage.done_at is None


def test_mark_done_without_javascript_returns_to_the_stages(client_for, owner, plan):
    stage = PlanStageFactory(plan=plan)
    response = client_for(owner).post(reverse("planning:plan_stage_done", args=[stage.pk]))
    assert response.status_code == 302
    assert response["Location"] == page_url(plan, "stages")


# Contact plan → meeting ----------------------------------------------------------------------------


def test_schedule_meeting_from_the_contact_plan(client_for, owner, plan, contact):
    owner.time_zone = "Asia/Yekaterinburg"
    owner.save()
    planned = PlannedContactFactory(
        plan=plan, contact=contact, planned_for=datetime.date(2027, 6, 10), purpose="Present the new range\nand prices"
    )
    response = client_for(owner).post(reverse("planning:planned_contact_meeting", args=[planned.pk]))
    meeting = Meeting.objects.get(account=plan.account)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.kind == Meeting.Kind.REGULAR
    assert meeting.title == "Present the new range"
    assert meeting.objective == "Present the new range\nand prices"
    assert meeting.starts_at == datetime.datetime(2027, 6, 10, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Yekaterinburg"))
    assert list(meeting.client_attendees.all()) == [contact]
    assert list(meeting.attendees.all()) == [owner]
    planned.refresh_from_db()
    assert planned.meeting == meeting


def test_a_second_click_opens_the_same_meeting(client_for, owner, plan, contact):
    planned = PlannedContactFactory(plan=plan, contact=contact)
    client = client_for(owner)
    first = client.post(reverse("planning:planned_contact_meeting", args=[planned.pk]))
    second = client.post(reverse("planning:planned_contact_meeting", args=[planned.pk]))
    assert first["Location"] == second["Location"]
    assert Meeting.objects.count() == 1


def test_scheduled_contact_shows_its_meeting(client_for, owner, plan, contact):
    planned = PlannedContactFactory(plan=plan, contact=contact)
    client = client_for(owner)
    client.post(reverse("planning:planned_contact_meeting", args=[planned.pk]))
    text = client.get(page_url(plan)).text
    meeting = Meeting.objects.get()
    assert reverse("meetings:detail", args=[meeting.pk]) in text
    assert "Schedule meeting" not in text
    assert "badge-meeting-planned" in text


def test_planned_contact_without_a_person_still_schedules(client_for, owner, plan):
    planned = PlannedContactFactory(plan=plan, contact=None)
    client_for(owner).post(reverse("planning:planned_contact_meeting", args=[planned.pk]))
    assert not Meeting.objects.get().client_attendees.exists()


def test_reminders_sent_for_the_stages_show_under_them(client_for, owner, director, plan):
    stage = PlanStageFactory(plan=plan, title="Sign the framework agreement")
    assert "reminder sent for these stages" not in client_for(owner).get(page_url(plan)).text
    notify(recipient=owner, kind="due_soon", target=stage, occasion=stage.deadline)
    text = client_for(director).get(page_url(plan)).text
    assert "1 reminder sent for these stages" in text
    assert "Sign the framework agreement" in text
