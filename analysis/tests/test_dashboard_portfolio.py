"""The dashboard's small portfolio matrix: positions rounded to the half point for the overview,
quadrants counted from the exact positions, only the accounts the viewer may see."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory
from analysis.models import Assessment

pytestmark = pytest.mark.django_db

URL = reverse("analysis:dashboard")
d = Decimal


def assess(account, competitiveness: str, interest: str, on: datetime.date = datetime.date(2026, 3, 1)):
    Assessment.objects.create(
        account=account,
        by=account.owner,
        assessed_on=on,
        competitiveness=d(competitiveness),
        sales_interest=d(interest),
    )


@pytest.fixture
def positions(owner, other_kam, region, other_region):
    def account(name, kam=owner, where=region):
        return AccountFactory(name=name, owner=kam, region=where)

    assess(account("Alpha"), "6.2", "7.3")
    assess(account("Beta"), "6.1", "7.4")
    assess(account("Gamma"), "6.3", "2.7")
    # Either side of the midpoint (5.5 is low), both rounded to the point 5.5.
    assess(account("Delta"), "5.5", "5.6")
    assess(account("Epsilon"), "5.6", "5.5")
    # Only the latest assessment counts.
    moved = account("Zeta")
    assess(moved, "9.0", "9.0", on=datetime.date(2025, 1, 1))
    assess(moved, "1.0", "10.0")
    account("Never")
    # Another region's: not a director of the first region's.
    assess(account("Elsewhere", kam=other_kam, where=other_region), "9.0", "9.0")


def portfolio_of(client_for, user):
    response = client_for(user).get(URL)
    assert response.status_code == 200
    return response.context["board"].portfolio


def test_quadrants_count_exact_positions_and_never_assessed_accounts(positions, client_for, director):
    portfolio = portfolio_of(client_for, director)
    counts = {q.quadrant.key: q.count for q in portfolio.quadrants}
    # Alpha, Beta: high and high; Gamma: high competitiveness, low interest; Delta: low, high;
    # Epsilon: high, low; Zeta: low, high.
    assert counts == {"partner": 2, "defend": 2, "develop": 2, "serve": 0}
    assert (portfolio.assessed, portfolio.never_assessed) == (6, 1)


def test_points_are_rounded_to_the_half_point_with_their_accounts_added_up(positions, client_for, director):
    chart = str(portfolio_of(client_for, director).chart)
    # Alpha and Beta share (6.0, 7.5); Delta and Epsilon (5.5, 5.5) though in two quadrants.
    assert chart.count("competitiveness about") == 4
    assert chart.count("2 accounts") == 2
    assert "competitiveness about 6.0, sales interest about 7.5" in chart
    assert "competitiveness about 5.5, sales interest about 5.5" in chart
    assert "competitiveness about 6.5, sales interest about 2.5" in chart
    assert "competitiveness about 1.0, sales interest about 10.0" in chart
    assert "about 9.0" not in chart  # Zeta's earlier position, and another region's account


def test_a_kam_sees_only_their_own_accounts_on_it(positions, client_for, other_kam):
    portfolio = portfolio_of(client_for, other_kam)
    assert {q.quadrant.key: q.count for q in portfolio.quadrants} == {
        "partner": 1,
        "develop": 0,
        "defend": 0,
        "serve": 0,
    }
    assert "competitiveness about 9.0, sales interest about 9.0" in str(portfolio.chart)


def test_an_administrator_sees_every_account(positions, client_for, admin_user):
    portfolio = portfolio_of(client_for, admin_user)
    assert (portfolio.assessed, portfolio.never_assessed) == (7, 1)
