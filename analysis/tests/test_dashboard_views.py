"""The dashboard page and its export: who sees what, filters in the URL, a fixed number of
queries, and the workbook reads back with the page's figures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import AccountFactory
from analysis.tests import dashboard_data as data
from kam.users.models import Role
from kam.users.tests.factories import UserFactory
from meetings.models import Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory
from planning.summary import rebuild_sales_summary

pytestmark = pytest.mark.django_db

URL = reverse("analysis:dashboard")
XLSX = reverse("analysis:dashboard_xlsx")


@pytest.fixture
def world(time_machine, account, owner, other_kam, other_region, director):
    time_machine.move_to(data.NOW, tick=False)
    cat = data.catalogue()
    south = data.north_and_south(account=account, owner=owner, other_kam=other_kam, other_region=other_region, cat=cat)
    return {"cat": cat, "south": south}


def test_director_sees_their_regions_figures(world, client_for, director):
    response = client_for(director).get(URL)
    assert response.status_code == 200
    board = response.context["board"]
    assert board.headline.total.actual == Decimal(7000)
    assert board.headline.accounts == 1
    content = response.content.decode()
    assert "7,000" in content and "South Trading" not in content and "45,000" not in content
    assert "Sales figures as of" in content


def test_other_regions_director_sees_only_theirs(world, client_for, other_director):
    board = client_for(other_director).get(URL).context["board"]
    assert board.headline.total.actual == Decimal(45000)
    assert [row.label for row in board.plan_actual.by_region] == ["South"]


def test_admin_sees_every_region(world, client_for, admin_user):
    board = client_for(admin_user).get(URL).context["board"]
    assert board.headline.total.actual == Decimal(52000)


def test_director_with_no_regions_sees_all(world, client_for):
    everywhere = UserFactory(username="ceo", role=Role.DIRECTOR)
    assert client_for(everywhere).get(URL).context["board"].headline.accounts == 2


def test_kam_sees_only_their_accounts_without_region_filter_or_others_activity(world, client_for, owner):
    response = client_for(owner).get(URL)
    assert response.status_code == 200
    board = response.context["board"]
    assert board.headline.total.actual == Decimal(7000)
    assert board.manager_view and board.activity is None
    assert "region" not in response.context["form"].fields and "owner" not in response.context["form"].fields
    assert "KAM activity" not in response.content.decode()


def test_team_member_sees_the_accounts_of_their_team(world, client_for, team_member):
    assert client_for(team_member).get(URL).context["board"].headline.accounts == 1


def test_other_kam_sees_only_their_own(world, client_for, other_kam):
    assert client_for(other_kam).get(URL).context["board"].headline.total.actual == Decimal(45000)


@pytest.mark.parametrize("url", [URL, XLSX])
def test_department_member_gets_404(world, client_for, department_member, url):
    assert client_for(department_member).get(url).status_code == 404


@pytest.mark.parametrize("url", [URL, XLSX])
def test_anonymous_is_sent_to_log_in(client_for, url):
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [URL, XLSX])
def test_post_is_not_allowed(client_for, director, url):
    assert client_for(director).post(url).status_code == 405


def test_filters_live_in_the_url(world, client_for, admin_user, other_region):
    response = client_for(admin_user).get(URL, {"region": other_region.pk, "year": 2026})
    board = response.context["board"]
    assert board.filters.region_id == other_region.pk
    assert board.headline.total.actual == Decimal(45000)
    content = response.content.decode()
    # The form shows the choice, the export and the links keep it.
    assert f'<option value="{other_region.pk}" selected>' in content
    assert f"{XLSX}?region={other_region.pk}&amp;year=2026" in content
    assert f"/accounts/?region={other_region.pk}" in content


def test_a_director_cannot_pick_another_region(world, client_for, director, other_region):
    response = client_for(director).get(URL, {"region": other_region.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    assert response.context["board"].headline.total.actual == Decimal(7000)  # their own, not the other's


def test_an_earlier_year(world, client_for, director):
    board = client_for(director).get(URL, {"year": 2025}).context["board"]
    assert board.period.months == 12
    assert board.headline.total.actual == Decimal(17000)  # 12 × film 1,000 + 5 × boxes 1,000


def test_empty_state_when_no_account_matches(world, client_for, director):
    response = client_for(director).get(URL, {"tier": "C"})
    assert "No key account matches these filters." in response.content.decode()


def test_empty_dashboard_for_a_new_kam(client_for, db):
    newcomer = UserFactory(username="newcomer", role=Role.KAM)
    assert "You have no key accounts yet." in client_for(newcomer).get(URL).content.decode()


def test_export_reads_back_with_the_pages_figures(world, client_for, director, account):
    data.commitments(account=account, south=world["south"])
    response = client_for(director).get(XLSX)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dashboard-2026-')
    workbook = load_workbook(io.BytesIO(response.content))
    headline = {row[0]: row[1] for row in workbook["Headline"].iter_rows(values_only=True)}
    assert headline["Turnover year to date"] == 7000
    assert headline["Target to date"] == 7500
    assert headline["Margin year to date"] == 700
    assert headline["Growth against last year, %"] == -30
    plan = list(workbook["Plan vs actual"].iter_rows(values_only=True))
    assert plan[-1][:5] == ("Product group", "Boxes", 2000, 2500, 80)
    commitments = {row[0]: row[1:] for row in workbook["Commitments"].iter_rows(values_only=True)}
    assert commitments["Logistics"][:5] == (3, 1, 1, 3, 1)
    assert "KAM activity" in workbook.sheetnames


def test_export_neutralises_formula_like_names(world, client_for, director, account):
    account.name = "=HYPERLINK(1)"
    account.save()
    MeetingFactory(account=account, status=Meeting.Status.HELD, starts_at=data.NOW - datetime.timedelta(days=200))
    workbook = load_workbook(io.BytesIO(client_for(director).get(XLSX).content))
    names = [row[0] for row in workbook["Accounts at risk"].iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in names


def test_the_dashboard_is_in_the_menu_for_directors_and_kams_not_departments(
    client_for, director, owner, department_member
):
    assert f'href="{URL}"' in client_for(director).get(reverse("accounts:list")).content.decode()
    assert f'href="{URL}"' in client_for(owner).get(reverse("accounts:list")).content.decode()
    assert f'href="{URL}"' not in client_for(department_member).get(reverse("meetings:commitments")).content.decode()


# Query count ------------------------------------------------------------------------------


def populate(n: int, *, region, cat, kams):
    """n accounts in the region, each with sales in both years, a plan, a held and a planned
    meeting, commitments and an assessment."""
    for index in range(n):
        account = AccountFactory(region=region, owner=kams[index % len(kams)])
        for number in range(1, 6):
            data.sale(account, cat["p_film"], data.month(2026, number), 100 + index, 10)
            data.sale(account, cat["p_boxes"], data.month(2025, number), 200, 20)
        data.plan(account, account.owner, 2026, [(cat["film"], 1200, 1000)])
        held = MeetingFactory(
            account=account,
            status=Meeting.Status.HELD,
            starts_at=data.NOW - datetime.timedelta(days=index * 7),
            attendees=[account.owner],
        )
        MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, starts_at=data.NOW + datetime.timedelta(days=5))
        CommitmentFactory(meeting=held, due_on=data.TODAY - datetime.timedelta(days=index))
    rebuild_sales_summary()


def count_queries(client) -> int:
    # A first request stamps the session's last activity (three queries the page itself
    # does not run on every view); the second counts the page's own.
    assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["director", "owner"])
def test_query_count_is_the_same_for_2_and_20_accounts(
    time_machine, client_for, region, owner, director, persona, django_assert_max_num_queries
):
    time_machine.move_to(data.NOW, tick=False)
    cat = data.catalogue()
    kams = [owner, UserFactory(role=Role.KAM)]
    user = {"director": director, "owner": owner}[persona]
    client = client_for(user)
    populate(2, region=region, cat=cat, kams=kams)
    small = count_queries(client)
    populate(18, region=region, cat=cat, kams=kams)
    with django_assert_max_num_queries(small):
        response = client.get(URL)
    # The owner has every other account; the director all twenty.
    assert response.context["board"].headline.accounts == {"director": 20, "owner": 10}[persona]
    assert small <= 19


def test_the_manager_chart_and_table_show_the_biggest_and_sum_the_others(world, client_for, admin_user, monkeypatch):
    # Two managers here (45,000 South's and 7,000 ours): with room for one, the other is summed.
    monkeypatch.setattr("analysis.views.dashboard.MANAGER_BARS", 1)
    response = client_for(admin_user).get(URL)
    rows = response.context["owner_rows"]
    assert [(row.label, row.actual) for row in rows] == [
        (str(world["south"].owner), Decimal(45000)),
        ("1 other", Decimal(7000)),
    ]
    assert rows[1].target_to_date == Decimal(7500) and rows[1].href == ""  # the summed plan, no link
    content = response.content.decode()
    assert "1 other" in content and "Every manager, one by one, is in the Excel export." in content
    sheet = load_workbook(io.BytesIO(client_for(admin_user).get(XLSX).content))
    assert "Olga Owner" in {cell.value for row in sheet.worksheets[1].iter_rows() for cell in row}


def test_upcoming_meetings_show_their_account(world, client_for, director, account):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, starts_at=data.NOW + datetime.timedelta(days=4))
    content = client_for(director).get(URL).content.decode()
    section = content[
        content.index('id="meetings-title"') : content.index("</section>", content.index('id="meetings-title"'))
    ]
    assert meeting.title in section and f'<div class="small text-body-secondary">{account.name}</div>' in section
