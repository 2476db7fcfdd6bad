"""The Scores tab, the assessment form with its live totals, the results form and the
portfolio matrix, through HTTP, for each persona."""

import csv
import datetime
import io

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from accounts.models import Account
from accounts.tests.factories import AccountFactory
from accounts.tests.personas import CHANGE, SEE
from analysis import suggestions
from analysis.models import AccountResult, Assessment, Criterion
from analysis.tests.factories import AccountResultFactory, make_assessment
from analysis.views import portfolio as portfolio_views

pytestmark = pytest.mark.django_db

REFUSED = [(persona, status) for persona, status in CHANGE if status != 200]


def form_data(value=6, **overrides) -> dict:
    data = {"assessed_on": datetime.date.today().isoformat(), "notes": "Quarterly review"}
    for criterion in Criterion.objects.filter(active=True):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = ""
    data.update(overrides)
    return data


def score_field(code: str) -> str:
    return f"score_{Criterion.objects.get(code=code).pk}"


def comment_field(code: str) -> str:
    return f"comment_{Criterion.objects.get(code=code).pk}"


def urls(account) -> dict[str, str]:
    return {
        "tab": reverse("analysis:scores", args=[account.pk]),
        "create": reverse("analysis:assessment_create", args=[account.pk]),
        "preview": reverse("analysis:assessment_preview", args=[account.pk]),
        "results": reverse("analysis:result_edit", args=[account.pk]),
        "portfolio": reverse("analysis:portfolio"),
        "portfolio_csv": reverse("analysis:portfolio_csv"),
    }


# Permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), SEE)
def test_scores_tab_is_for_who_may_see_the_account(request, client_for, account, persona, status):
    make_assessment(account=account)
    response = client_for(request.getfixturevalue(persona)).get(urls(account)["tab"])
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), CHANGE)
@pytest.mark.parametrize("page", ["create", "results"])
def test_forms_are_for_who_may_edit_the_account(request, client_for, account, persona, status, page):
    assert client_for(request.getfixturevalue(persona)).get(urls(account)[page]).status_code == status


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_cannot_record_an_assessment(request, client_for, account, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account)["create"], form_data())
    assert response.status_code == status
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_cannot_enter_results(request, client_for, account, persona, status):
    data = {"year": 2024, "turnover": "100", "profit": "", "client_total_purchases": "", "notes": ""}
    response = client_for(request.getfixturevalue(persona)).post(urls(account)["results"], data)
    assert response.status_code == status
    assert not AccountResult.objects.exists()


@pytest.mark.parametrize(("persona", "status"), REFUSED)
def test_who_may_not_edit_gets_no_preview(request, client_for, account, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(urls(account)["preview"], form_data())
    assert response.status_code == status


@pytest.mark.parametrize("page", ["tab", "create", "results", "portfolio", "portfolio_csv"])
def test_anonymous_is_sent_to_login(client_for, account, page):
    response = client_for(None).get(urls(account)[page])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("page", "method"),
    [("tab", "post"), ("preview", "get"), ("portfolio", "post"), ("portfolio_csv", "post"), ("create", "put")],
)
def test_wrong_method_is_refused(client_for, owner, account, page, method):
    response = getattr(client_for(owner), method)(urls(account)[page])
    assert response.status_code == 405


# The Scores tab -------------------------------------------------------------------------


def test_tab_is_listed_among_the_dossier_tabs_before_history(client_for, owner, account):
    response = client_for(owner).get(reverse("accounts:contacts", args=[account.pk]))
    keys = [tab["key"] for tab in response.context["tabs"]]
    assert keys.index("scores") == keys.index("history") - 1


def test_empty_tab_invites_the_first_assessment(client_for, owner, account):
    html = client_for(owner).get(urls(account)["tab"]).content.decode()
    assert "has not been assessed yet" in html
    assert urls(account)["create"] in html


def test_director_reads_the_tab_without_edit_buttons(client_for, director, account):
    make_assessment(account=account)
    html = client_for(director).get(urls(account)["tab"]).content.decode()
    assert "Latest assessment" in html
    assert urls(account)["create"] not in html


def test_tab_shows_totals_history_changes_trend_and_results(client_for, owner, account):
    today = datetime.date.today()
    make_assessment(account=account, on=today - datetime.timedelta(days=200), values={"image": 4}, default=5)
    make_assessment(account=account, on=today, values={"image": 7}, default=5)
    AccountResultFactory(
        account=account, year=2024, turnover=1_000_000, profit=150_000, client_total_purchases=4_000_000
    )
    response = client_for(owner).get(urls(account)["tab"])
    html = response.content.decode()
    assert str(response.context["latest"].competitiveness) == "5.3"  # (7 + 25) / 6
    assert "▲&#8239;+3" in html  # image went from 4 to 7
    assert 'id="score-trend"' in html  # the trend chart
    assert 'id="result-turnover"' in html
    result = response.context["results"][0]
    assert (round(result.margin_percent, 1), round(result.market_share, 1)) == (15.0, 25.0)
    assert "25.0 %" in html


def test_tab_query_count_does_not_grow_with_assessments(
    client_for, team_member, account, django_assert_max_num_queries
):
    client = client_for(team_member)
    url = urls(account)["tab"]
    today = datetime.date.today()
    for days in (20, 10):
        make_assessment(account=account, on=today - datetime.timedelta(days=days))
    AccountResultFactory(account=account, year=2023)
    client.get(url)  # the first request of a session also writes the session
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for days in range(30, 210, 10):
        make_assessment(account=account, on=today - datetime.timedelta(days=days), default=days % 10 + 1)
    AccountResultFactory(account=account, year=2024)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["assessments"]) == 20


# Recording an assessment ----------------------------------------------------------------


def test_team_member_records_an_assessment(client_for, team_member, account):
    data = form_data(value=6, **{score_field("image"): 9})
    response = client_for(team_member).post(urls(account)["create"], data)
    assert response.status_code == 302
    assert response.url == urls(account)["tab"]
    assessment = Assessment.objects.get()
    assert (assessment.by, str(assessment.competitiveness), str(assessment.sales_interest)) == (
        team_member,
        "6.5",
        "6.0",
    )


@pytest.mark.parametrize("value", ["0", "11", "x", ""])
def test_form_shows_errors_for_scores_outside_1_to_10(client_for, owner, account, value):
    response = client_for(owner).post(urls(account)["create"], form_data(**{score_field("logistics"): value}))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert response.context["form"].errors[score_field("logistics")]
    assert not Assessment.objects.exists()


def test_form_refuses_a_future_date(client_for, owner, account):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client_for(owner).post(urls(account)["create"], form_data(assessed_on=tomorrow))
    assert "cannot be dated in the future" in response.content.decode()
    assert not Assessment.objects.exists()


def test_form_without_javascript_shows_totals_of_what_was_sent(client_for, owner, account):
    data = form_data(value=8, **{score_field("logistics"): "11"})
    response = client_for(owner).post(urls(account)["create"], data)
    assert response.context["totals"]["sales_interest"] == 8


def test_preview_returns_the_totals_partial(client_for, owner, account):
    data = {score_field("image"): "9", score_field("logistics"): "4", score_field("orders"): "x"}
    response = client_for(owner).post(urls(account)["preview"], data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="assessment-totals"')
    assert "6.5" in html  # (9 + 4) / 2
    assert "<html" not in html
    assert not Assessment.objects.exists()


class FakeProvider:
    """Sales measures made up for the test, keyed by account id."""

    def __init__(self, measures):
        self.data = measures
        self.asked_for = None

    def measures(self, *, accounts, today):
        self.asked_for = set(accounts.values_list("pk", flat=True))
        return {pk: row for pk, row in self.data.items() if pk in self.asked_for}


@pytest.fixture
def provider(account, owner, region):
    others = AccountFactory.create_batch(3, owner=owner, region=region)
    hidden = AccountFactory(region=region)  # another KAM's: not in the owner's ranking
    fake = FakeProvider(
        {
            account.pk: {"orders": 143},
            others[0].pk: {"orders": 10},
            others[1].pk: {"orders": 20},
            others[2].pk: {"orders": 200},
            hidden.pk: {"orders": 999},
        }
    )
    suggestions.install_provider(fake)
    yield fake
    suggestions.install_provider(None)


def test_form_suggests_from_the_accounts_the_user_can_see(client_for, owner, account, provider):
    response = client_for(owner).get(urls(account)["create"])
    html = response.content.decode()
    # Among the owner's 4 accounts, 143 has 2 below: (2 + 0.5) / 4 = 62.5 → 63rd → 7
    assert "orders last 12 months: 143, 63rd percentile → 7" in html
    assert response.context["form"].initial.get(score_field("orders")) is None
    assert response.context["form"].fields[score_field("orders")].initial == 7
    hidden = Account.objects.exclude(owner=account.owner).get()
    assert hidden.pk not in provider.asked_for


def test_overriding_a_suggestion_without_a_comment_is_a_form_error(client_for, owner, account, provider):
    response = client_for(owner).post(urls(account)["create"], form_data(value=5))
    assert response.status_code == 200
    assert response.context["form"].errors[comment_field("orders")]
    assert not Assessment.objects.exists()
    data = form_data(value=5, **{comment_field("orders"): "A one-off rush order inflated the count."})
    assert client_for(owner).post(urls(account)["create"], data).status_code == 302
    score = Assessment.objects.get().scores.get(criterion__code="orders")
    assert (score.value, score.suggested_value) == (5, 7)


def test_accepting_a_suggestion_needs_no_comment(client_for, owner, account, provider):
    response = client_for(owner).post(urls(account)["create"], form_data(value=5, **{score_field("orders"): 7}))
    assert response.status_code == 302


# Results --------------------------------------------------------------------------------


def test_owner_enters_and_corrects_a_years_results(client_for, owner, account):
    client = client_for(owner)
    data = {"year": 2024, "turnover": "1000000", "profit": "120000", "client_total_purchases": "5000000", "notes": ""}
    assert client.post(urls(account)["results"], data).status_code == 302
    result = AccountResult.objects.get()
    data.update(turnover="1500000", version=result.version)
    assert client.post(urls(account)["results"], data).status_code == 302
    assert AccountResult.objects.get().turnover == 1_500_000


def test_results_form_refuses_purchases_below_our_turnover(client_for, owner, account):
    data = {"year": 2024, "turnover": "1000000", "profit": "", "client_total_purchases": "10", "notes": ""}
    response = client_for(owner).post(urls(account)["results"], data)
    assert response.status_code == 200
    assert response.context["form"].errors["client_total_purchases"]


def test_results_form_reports_a_concurrent_edit(client_for, owner, account):
    AccountResultFactory(account=account, year=2024)
    data = {"year": 2024, "turnover": "5", "profit": "", "client_total_purchases": "", "notes": "", "version": "99"}
    response = client_for(owner).post(urls(account)["results"], data)
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode()
    assert AccountResult.objects.get().turnover == 1_000_000


# The portfolio matrix -------------------------------------------------------------------


@pytest.fixture
def portfolio(account, owner, other_kam, region, other_region):
    today = datetime.date.today()
    make_assessment(account=account, on=today - datetime.timedelta(days=100), default=3)
    make_assessment(account=account, on=today, default=8)
    theirs = AccountFactory(name="Their client", owner=other_kam, region=other_region)
    make_assessment(account=theirs, default=4)
    never = AccountFactory(name="Never scored", owner=owner, region=region)
    return {"mine": account, "theirs": theirs, "never": never}


SVG = "{http://www.w3.org/2000/svg}"


def matrix_svg(html: str):
    start = html.index('<svg class="chart chart-scatter"')
    return ElementTree.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def names(response) -> tuple[list[str], list[str]]:
    return (
        [a.name for a in response.context["assessed"]],
        [a.name for a in response.context["never_assessed"]],
    )


@pytest.mark.parametrize(
    ("persona", "assessed", "never"),
    [
        ("owner", ["Северсталь Логистик"], ["Never scored"]),
        ("team_member", ["Северсталь Логистик"], []),
        ("other_kam", ["Their client"], []),
        ("director", ["Северсталь Логистик"], ["Never scored"]),
        ("other_director", ["Their client"], []),
        ("admin_user", ["Their client", "Северсталь Логистик"], ["Never scored"]),
    ],
)
def test_matrix_shows_only_visible_accounts(request, client_for, portfolio, persona, assessed, never):
    response = client_for(request.getfixturevalue(persona)).get(urls(portfolio["mine"])["portfolio"])
    assert response.status_code == 200
    assert names(response) == (sorted(assessed), never)


@pytest.mark.parametrize("page", ["analysis:portfolio", "analysis:portfolio_csv"])
def test_department_member_has_no_matrix(client_for, department_member, portfolio, page):
    assert client_for(department_member).get(reverse(page)).status_code == 403


def test_matrix_draws_the_move_and_names_the_strategies(client_for, owner, portfolio):
    response = client_for(owner).get(reverse("analysis:portfolio"))
    html = response.content.decode()
    mine = response.context["assessed"][0]
    assert (mine.previous_competitiveness, mine.competitiveness) == (3, 8)
    assert mine.quadrant.key == "partner"
    chart = matrix_svg(html)
    assert len(chart.findall(f".//{SVG}g[@class='chart-points']/{SVG}a")) == 1  # the one assessed account shown
    assert len(chart.findall(f".//{SVG}g[@class='chart-arrows']/{SVG}line")) == 1  # with its move
    assert reverse("analysis:scores", args=[mine.pk]) in html
    for strategy in ("Invest and plan jointly", "Develop the client", "Defend and grow share", "Serve efficiently"):
        assert strategy in html
    assert "The matrix as a table" in html


def test_matrix_filters_by_tier(client_for, admin_user, portfolio):
    Account.objects.filter(pk=portfolio["theirs"].pk).update(tier=Account.Tier.STRATEGIC)
    response = client_for(admin_user).get(reverse("analysis:portfolio"), {"tier": "A"})
    assert names(response) == (["Their client"], [])


def test_matrix_query_count_does_not_grow_with_accounts(
    client_for, director, region, owner, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(portfolio_views, "TABLE_ROWS", 5)
    client = client_for(director)
    url = reverse("analysis:portfolio")
    today = datetime.date.today()

    def add(count):
        for account in AccountFactory.create_batch(count, owner=owner, region=region):
            make_assessment(account=account, on=today - datetime.timedelta(days=30), default=4)
            make_assessment(account=account, on=today, default=7)

    add(2)
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    add(18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["assessed"]) == 20
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"page": 3})  # a later page of the table is sliced, not queried
    assert response.context["table_page"].number == 3


def test_matrix_table_is_paged_while_the_chart_keeps_every_account(client_for, admin_user, portfolio, monkeypatch):
    monkeypatch.setattr(portfolio_views, "TABLE_ROWS", 1)
    client = client_for(admin_user)
    first = client.get(reverse("analysis:portfolio"), {"tier": "B"})
    second = client.get(reverse("analysis:portfolio"), {"tier": "B", "page": 2})
    for response in (first, second):
        assert len(matrix_svg(response.content.decode()).findall(f".//{SVG}circle")) == 2
    assert [a.name for a in first.context["table_page"]] == ["Their client"]
    assert [a.name for a in second.context["table_page"]] == ["Северсталь Логистик"]
    html = first.content.decode()
    assert "Accounts 1–1 of 2, by name." in html
    assert "?tier=B&amp;page=2#portfolio-table" in html  # the filters stay on the next page
    assert reverse("analysis:portfolio_csv") + "?tier=B" in html


def test_matrix_lists_a_few_never_assessed_and_points_to_the_csv(client_for, owner, portfolio, monkeypatch):
    AccountFactory(name="Also never scored", owner=owner)
    monkeypatch.setattr(portfolio_views, "NEVER_ASSESSED_SHOWN", 1)
    response = client_for(owner).get(reverse("analysis:portfolio"))
    assert [a.name for a in response.context["never_assessed_shown"]] == ["Also never scored"]
    assert "And 1 more account, listed in the CSV." in response.content.decode()


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="portfolio-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", ["Never scored", "Северсталь Логистик"]),
        ("other_kam", ["Their client"]),
        ("director", ["Never scored", "Северсталь Логистик"]),
        ("admin_user", ["Never scored", "Their client", "Северсталь Логистик"]),
    ],
)
def test_matrix_csv_holds_every_visible_account(request, client_for, portfolio, persona, expected):
    response = client_for(request.getfixturevalue(persona)).get(reverse("analysis:portfolio_csv"))
    assert response.status_code == 200
    header, *rows = csv_rows(response)
    assert header[:3] == ["Account", "Account manager", "Region"]
    assert sorted(row[0] for row in rows) == expected


def test_matrix_csv_has_positions_moves_and_strategy(client_for, owner, portfolio):
    response = client_for(owner).get(reverse("analysis:portfolio_csv"))
    header, *rows = csv_rows(response)
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    mine = by_name["Северсталь Логистик"]
    assert (mine["Competitiveness"], mine["Sales interest"]) == ("8.0", "8.0")
    assert (mine["Previous competitiveness"], mine["Previous sales interest"]) == ("3.0", "3.0")
    assert (mine["Quadrant"], mine["Strategy"]) == ("Strategic partners", "Invest and plan jointly")
    assert mine["Assessed on"] == datetime.date.today().isoformat()
    assert mine["Link"] == "http://testserver" + reverse("analysis:scores", args=[portfolio["mine"].pk])
    never = by_name["Never scored"]
    assert (never["Competitiveness"], never["Quadrant"], never["Assessed on"]) == ("", "", "")


def test_matrix_csv_follows_the_filters(client_for, admin_user, portfolio):
    Account.objects.filter(pk=portfolio["theirs"].pk).update(tier=Account.Tier.STRATEGIC)
    response = client_for(admin_user).get(reverse("analysis:portfolio_csv"), {"tier": "A"})
    assert [row[0] for row in csv_rows(response)[1:]] == ["Their client"]


def test_matrix_csv_query_count_does_not_grow_with_accounts(
    client_for, director, region, owner, django_assert_max_num_queries
):
    client = client_for(director)
    url = reverse("analysis:portfolio_csv")
    AccountFactory.create_batch(2, owner=owner, region=region)
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for account in AccountFactory.create_batch(18, owner=owner, region=region):
        make_assessment(account=account, default=7)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(csv_rows(response)) == 21
