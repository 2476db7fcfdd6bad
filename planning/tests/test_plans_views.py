"""The sales plan pages through HTTP: who sees and changes what, form errors, query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from planning.models import PlanTransition, SalesPlan, SalesPlanLine
from planning.services import plans as services
from planning.tests.factories import ProductGroupFactory

D = Decimal
Status = SalesPlan.Status


@pytest.fixture
def group(db):
    return ProductGroupFactory(name="Fasteners", code="fasteners")


@pytest.fixture
def plan(account, owner, group):
    plan = services.plan_create(by=owner, year=2027, account=account)
    SalesPlanLine.objects.create(plan=plan, group=group, target_revenue=D("400"), q1_revenue=D("400"), method="Promo")
    return plan


@pytest.fixture
def line(plan):
    return plan.lines.get()


@pytest.fixture
def submitted(plan, owner):
    return services.plan_submit(by=owner, plan=plan)


@pytest.fixture
def regional(region, director, account):
    return services.plan_create(by=director, year=2027, region=region)


def status_for(request, client_for, persona, method, url, data=None):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response


# Plan page and list ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", 200),
        ("team_member", 200),
        ("other_kam", 404),
        ("director", 200),
        ("other_director", 404),
        ("department_member", 404),
        ("admin_user", 200),
    ],
)
def test_account_plan_page_follows_the_accounts_visibility(request, client_for, plan, persona, expected):
    response = status_for(request, client_for, persona, "get", reverse("planning:plan", args=[plan.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert "Promo" in response.text


def test_anonymous_is_sent_to_login(client_for, plan):
    for url in (reverse("planning:plans"), reverse("planning:plan", args=[plan.pk]), reverse("planning:plan_create")):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_wrong_methods_get_405(client_for, owner, plan, line):
    client = client_for(owner)
    assert client.post(reverse("planning:plan", args=[plan.pk])).status_code == 405
    assert client.post(reverse("planning:plans")).status_code == 405
    assert client.get(reverse("planning:plan_submit", args=[plan.pk])).status_code == 405
    assert client.get(reverse("planning:plan_line_delete", args=[line.pk])).status_code == 405
    assert client.get(reverse("planning:plan_line_add", args=[plan.pk])).status_code == 405


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("owner", True),
        ("team_member", True),
        ("other_kam", False),
        ("director", True),
        ("other_director", False),
        ("department_member", False),
    ],
)
def test_list_shows_only_visible_plans(request, client_for, plan, persona, sees):
    response = status_for(request, client_for, persona, "get", reverse("planning:plans"))
    assert response.status_code == 200
    assert (plan.get_absolute_url() in response.text) is sees


def test_list_filters_by_year_status_and_region(client_for, director, plan, region, other_region):
    url = reverse("planning:plans")
    client = client_for(director)
    assert plan.get_absolute_url() in client.get(url, {"year": 2027, "status": "draft", "region": region.pk}).text
    assert plan.get_absolute_url() not in client.get(url, {"year": 2026}).text
    assert plan.get_absolute_url() not in client.get(url, {"status": "approved"}).text
    assert plan.get_absolute_url() not in client.get(url, {"region": other_region.pk}).text


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("director", 200),
        ("owner", 200),
        ("team_member", 200),
        ("other_kam", 404),
        ("other_director", 404),
        ("department_member", 404),
    ],
)
def test_regional_plan_is_seen_by_its_directors_and_its_accounts_kams(request, client_for, regional, persona, expected):
    response = status_for(request, client_for, persona, "get", reverse("planning:plan", args=[regional.pk]))
    assert response.status_code == expected


def test_regional_plan_is_read_only_for_kams(client_for, owner, director, regional, group):
    url = reverse("planning:plan_line_add", args=[regional.pk])
    assert client_for(owner).post(url, {"group": group.pk}).status_code == 403
    page = client_for(owner).get(regional.get_absolute_url()).text
    assert "Add a line" not in page
    assert "Add a line" in client_for(director).get(regional.get_absolute_url()).text
    assert client_for(director).post(url, {"group": group.pk}).status_code == 302


def test_regional_plan_shows_its_accounts_plans_and_the_gap(client_for, director, regional, submitted, group):
    SalesPlanLine.objects.create(plan=regional, group=group, target_revenue=D("1000"), q1_revenue=D("1000"))
    page = client_for(director).get(regional.get_absolute_url()).text
    assert "(1 plan)" in page
    assert "600" in page  # 1000 regional − 400 of the submitted account plan


# Creating --------------------------------------------------------------------------------


def test_kam_creates_a_plan_for_their_account(client_for, owner, account):
    response = client_for(owner).post(reverse("planning:plan_create"), {"account": account.pk, "year": 2027})
    plan = SalesPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.account, plan.author, plan.status) == (account, owner, Status.DRAFT)


def test_other_kam_cannot_choose_someone_elses_account(client_for, other_kam, account):
    response = client_for(other_kam).post(reverse("planning:plan_create"), {"account": account.pk, "year": 2027})
    assert response.status_code == 200
    assert response.context["form"].errors["account"]
    assert not SalesPlan.objects.exists()


def test_create_form_shows_choose_one_error(client_for, owner):
    data = {"year": 2027}
    response = client_for(owner).post(reverse("planning:plan_create"), data)
    assert response.status_code == 200
    assert "Choose either an account or a region." in response.text


def test_director_creates_the_regional_plan(client_for, director, region):
    response = client_for(director).post(reverse("planning:plan_create"), {"region": region.pk, "year": 2027})
    assert response.status_code == 302
    assert SalesPlan.objects.get().region == region


def test_department_member_may_not_create_plans(client_for, department_member):
    assert client_for(department_member).get(reverse("planning:plan_create")).status_code == 403


def test_create_page_preselects_the_account(client_for, owner, account):
    response = client_for(owner).get(reverse("planning:plan_create"), {"account": account.pk})
    assert response.status_code == 200
    assert response.context["form"].fields["account"].initial == account.pk


# Lines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", 200),
        ("team_member", 200),
        ("other_kam", 404),
        ("director", 403),
        ("other_director", 404),
        ("department_member", 404),
    ],
)
def test_line_edit_page_per_role(request, client_for, line, persona, expected):
    url = reverse("planning:plan_line_edit", args=[line.pk])
    assert status_for(request, client_for, persona, "get", url).status_code == expected


def line_data(line, **changes):
    data = {
        "target_volume": "10",
        "target_revenue": "500",
        "q1_revenue": "100",
        "q2_revenue": "100",
        "q3_revenue": "100",
        "q4_revenue": "200",
        "method": "Two new SKUs",
        "version": line.version,
    }
    return data | changes


def test_line_edit_saves_targets_that_add_up(client_for, owner, line):
    response = client_for(owner).post(reverse("planning:plan_line_edit", args=[line.pk]), line_data(line))
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.target_revenue, line.q4_revenue, line.method) == (D("500"), D("200"), "Two new SKUs")


def test_line_edit_shows_the_quarter_error(client_for, owner, line):
    url = reverse("planning:plan_line_edit", args=[line.pk])
    response = client_for(owner).post(url, line_data(line, q4_revenue="1"))
    assert response.status_code == 200
    assert "The quarters add up to" in response.text
    line.refresh_from_db()
    assert line.target_revenue == D("400")


def test_line_edit_reports_a_concurrent_change(client_for, owner, line):
    url = reverse("planning:plan_line_edit", args=[line.pk])
    client_for(owner).post(url, line_data(line))
    response = client_for(owner).post(url, line_data(line, method="Mine"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_line_add_and_delete(client_for, owner, plan, line):
    other = ProductGroupFactory(name="Tools", code="tools")
    client = client_for(owner)
    assert client.post(reverse("planning:plan_line_add", args=[plan.pk]), {"group": other.pk}).status_code == 302
    assert plan.lines.count() == 2
    assert client.post(reverse("planning:plan_line_delete", args=[line.pk])).status_code == 302
    assert list(plan.lines.values_list("group", flat=True)) == [other.pk]


def test_line_add_shows_its_error(client_for, owner, plan, group):
    response = client_for(owner).post(reverse("planning:plan_line_add", args=[plan.pk]), {"group": group.pk})
    assert response.status_code == 400
    assert "already has a line" in response.text


@pytest.mark.parametrize(("persona", "expected"), [("director", 403), ("other_kam", 404), ("team_member", 302)])
def test_line_delete_per_role(request, client_for, line, persona, expected):
    url = reverse("planning:plan_line_delete", args=[line.pk])
    assert status_for(request, client_for, persona, "post", url).status_code == expected


def test_submitted_plan_lines_are_read_only(client_for, owner, submitted, line):
    assert client_for(owner).get(reverse("planning:plan_line_edit", args=[line.pk])).status_code == 403


# Approval --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 302), ("team_member", 403), ("director", 403), ("other_kam", 404), ("other_director", 404)],
)
def test_only_the_author_submits(request, client_for, plan, persona, expected):
    url = reverse("planning:plan_submit", args=[plan.pk])
    assert status_for(request, client_for, persona, "post", url).status_code == expected
    assert SalesPlan.objects.get(pk=plan.pk).status == (Status.SUBMITTED if expected == 302 else Status.DRAFT)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("director", 302),
        ("owner", 403),
        ("team_member", 403),
        ("other_kam", 404),
        ("other_director", 404),
        ("department_member", 404),
        ("admin_user", 403),
    ],
)
def test_only_a_director_of_the_region_approves(request, client_for, submitted, persona, expected):
    url = reverse("planning:plan_approve", args=[submitted.pk])
    assert status_for(request, client_for, persona, "post", url).status_code == expected
    assert SalesPlan.objects.get(pk=submitted.pk).status == (Status.APPROVED if expected == 302 else Status.SUBMITTED)


def test_return_without_comment_shows_the_error(client_for, director, submitted):
    response = client_for(director).post(reverse("planning:plan_return", args=[submitted.pk]), {"comment": ""})
    assert response.status_code == 400
    assert "Say why the plan is returned." in response.text
    assert SalesPlan.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_return_with_comment_is_recorded_and_shown(client_for, director, owner, submitted):
    url = reverse("planning:plan_return", args=[submitted.pk])
    assert client_for(director).post(url, {"comment": "Raise tools"}).status_code == 302
    step = PlanTransition.objects.latest("pk")
    assert (step.to_status, step.by, step.comment) == (Status.RETURNED, director, "Raise tools")
    page = client_for(owner).get(submitted.get_absolute_url()).text
    assert "Raise tools" in page and "Submit for approval" in page


def test_approved_plan_shows_no_actions(client_for, director, owner, submitted, line):
    client_for(director).post(reverse("planning:plan_approve", args=[submitted.pk]))
    page = client_for(owner).get(submitted.get_absolute_url()).text
    assert "can no longer be changed" in page
    assert "Submit for approval" not in page and reverse("planning:plan_line_edit", args=[line.pk]) not in page


# Query counts ----------------------------------------------------------------------------


def add_lines(plan, count):
    groups = [ProductGroupFactory() for _ in range(count)]
    SalesPlanLine.objects.bulk_create(
        [SalesPlanLine(plan=plan, group=g, target_revenue=D("10"), q1_revenue=D("10")) for g in groups]
    )


def add_plans(owner, region, count):
    for _ in range(count):
        account = AccountFactory(owner=owner, region=region)
        add_lines(services.plan_create(by=owner, year=2027, account=account), 2)


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["owner", "director"])
def test_plan_page_queries_do_not_grow_with_lines(
    request, client_for, django_assert_max_num_queries, persona, account, owner
):
    plan = services.plan_create(by=owner, year=2027, account=account)
    add_lines(plan, 2)
    client = client_for(request.getfixturevalue(persona))
    url = plan.get_absolute_url()
    client.get(url)
    few = _count_queries(client, url, django_assert_max_num_queries, 25)
    add_lines(plan, 18)
    assert _count_queries(client, url, django_assert_max_num_queries, few) == few


def test_regional_plan_page_queries_do_not_grow_with_lines(
    client_for, django_assert_max_num_queries, director, regional
):
    add_lines(regional, 2)
    client = client_for(director)
    client.get(regional.get_absolute_url())
    few = _count_queries(client, regional.get_absolute_url(), django_assert_max_num_queries, 25)
    add_lines(regional, 18)
    assert _count_queries(client, regional.get_absolute_url(), django_assert_max_num_queries, few) == few


@pytest.mark.parametrize("persona", ["owner", "director"])
def test_list_queries_do_not_grow_with_plans(
    request, client_for, django_assert_max_num_queries, persona, owner, region
):
    add_plans(owner, region, 2)
    client = client_for(request.getfixturevalue(persona))
    url = reverse("planning:plans")
    client.get(url)
    few = _count_queries(client, url, django_assert_max_num_queries, 20)
    add_plans(owner, region, 18)
    assert _count_queries(client, url, django_assert_max_num_queries, few) == few
