"""The portfolio matrix in small: the positions the counted accounts hold at their latest
assessment (the same selector as the full matrix, analysis.selectors.portfolio_for_user), and
how many accounts there are in each quadrant. One query: the accounts grouped by their exact
position, and those groups grouped again by the position rounded to the half point and by
quadrant. The small matrix names no account, so thousands of accounts are a few hundred rows;
rounding the thousand-odd exact positions here instead cost more than the whole query."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count
from django.utils.safestring import SafeString

from analysis import scoring
from analysis.dashboard.filters import DashboardFilters, narrowed
from analysis.presentation import positions_chart
from analysis.selectors import portfolio_for_user


@dataclass(frozen=True)
class QuadrantCount:
    quadrant: scoring.Quadrant
    count: int


@dataclass(frozen=True)
class PortfolioSummary:
    chart: SafeString | None
    quadrants: list[QuadrantCount]
    assessed: int
    never_assessed: int


TENTH = Decimal("0.1")


def _positions(accounts) -> list[tuple]:
    """(competitiveness, sales interest, each rounded half up to the half point; whether each
    is above the midpoint; accounts) rows, NULL positions for the accounts never assessed.
    The scores are positive, and both databases round half away from zero: half up here. The
    quadrant is read from the exact position, as scoring.quadrant says it."""
    exact = accounts.order_by().values_list("competitiveness", "sales_interest").annotate(accounts=Count("pk"))
    sql, params = exact.query.sql_with_params()
    qn = connection.ops.quote_name
    c, i, n = qn("competitiveness"), qn("sales_interest"), qn("accounts")
    # Only quoted names and the ORM's own SQL go into the statement; values are parameters.
    grouped = (
        f"SELECT ROUND(exact.{c} * 2) / 2, ROUND(exact.{i} * 2) / 2, exact.{c} > %s, exact.{i} > %s, "  # noqa: S608
        f"SUM(exact.{n}) FROM ({sql}) exact GROUP BY 1, 2, 3, 4"
    )
    with connection.cursor() as cursor:
        cursor.execute(grouped, [scoring.MIDPOINT, scoring.MIDPOINT, *params])
        return cursor.fetchall()


def _point(score) -> Decimal:
    # SQLite returns the rounded score as a float, PostgreSQL as a numeric of many places.
    return Decimal(str(score)).quantize(TENTH)


def portfolio_summary(*, user, filters: DashboardFilters) -> PortfolioSummary:
    """The small matrix of the filtered accounts the user may see, without names (the full
    matrix has them). A rounded point near the midpoint may hold accounts of two quadrants."""
    accounts = narrowed(portfolio_for_user(user=user), filters)
    by_side = {(q.high_competitiveness, q.high_interest): q.key for q in scoring.QUADRANTS}
    counts = {q.key: 0 for q in scoring.QUADRANTS}
    points: Counter = Counter()
    never_assessed = 0
    for competitiveness, interest, high_competitiveness, high_interest, count in _positions(accounts):
        count = int(count)
        if competitiveness is None or interest is None:
            never_assessed += count
            continue
        counts[by_side[bool(high_competitiveness), bool(high_interest)]] += count
        points[_point(competitiveness), _point(interest)] += count
    assessed = [(competitiveness, interest, count) for (competitiveness, interest), count in sorted(points.items())]
    chart = positions_chart(assessed, rounded=True, chart_id="dashboard-portfolio") if assessed else None
    return PortfolioSummary(
        chart=chart,
        quadrants=[QuadrantCount(q, counts[q.key]) for q in scoring.QUADRANTS],
        assessed=sum(points.values()),
        never_assessed=never_assessed,
    )
