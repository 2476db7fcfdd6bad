"""The portfolio matrix in small: the counted accounts at their latest position (the same
selector as the full matrix, analysis.selectors.portfolio_for_user), and how many there are
in each quadrant. One query."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from analysis import scoring
from analysis.dashboard.filters import DashboardFilters
from analysis.presentation import portfolio_chart
from analysis.selectors import portfolio_for_user, portfolio_rows


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


def portfolio_summary(*, user, filters: DashboardFilters) -> PortfolioSummary:
    """The small matrix of the filtered accounts the user may see, without names (the full
    matrix has them)."""
    accounts = portfolio_for_user(user=user)
    if filters.region_id:
        accounts = accounts.filter(region_id=filters.region_id)
    if filters.owner_id:
        accounts = accounts.filter(owner_id=filters.owner_id)
    if filters.industry_id:
        accounts = accounts.filter(industry_id=filters.industry_id)
    if filters.tier:
        accounts = accounts.filter(tier=filters.tier)
    rows = portfolio_rows(accounts)
    assessed = []
    for row in rows:
        row.quadrant = scoring.quadrant(row.competitiveness, row.sales_interest)
        if row.quadrant is not None:
            assessed.append(row)
    counts = {q.key: 0 for q in scoring.QUADRANTS}
    for row in assessed:
        counts[row.quadrant.key] += 1
    chart = None
    if assessed:
        chart = portfolio_chart(assessed, chart_id="dashboard-portfolio", show_labels=False)
    return PortfolioSummary(
        chart=chart,
        quadrants=[QuadrantCount(q, counts[q.key]) for q in scoring.QUADRANTS],
        assessed=len(assessed),
        never_assessed=len(rows) - len(assessed),
    )
