"""The portfolio matrix in small: the positions the counted accounts hold at their latest
assessment (the same selector as the full matrix, analysis.selectors.portfolio_for_user), and
how many accounts there are in each quadrant. One query, grouped by position: the small
matrix names no account, so thousands of accounts are a few hundred points."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.safestring import SafeString

from analysis import scoring
from analysis.dashboard.filters import DashboardFilters
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
    positions = (
        accounts.order_by()
        .values_list("competitiveness", "sales_interest")
        .annotate(accounts=Count("pk"))
        .order_by("competitiveness", "sales_interest")
    )
    counts = {q.key: 0 for q in scoring.QUADRANTS}
    assessed, never_assessed = [], 0
    for competitiveness, interest, count in positions:
        quadrant = scoring.quadrant(competitiveness, interest)
        if quadrant is None:
            never_assessed += count
        else:
            counts[quadrant.key] += count
            assessed.append((competitiveness, interest, count))
    chart = positions_chart(assessed, chart_id="dashboard-portfolio") if assessed else None
    return PortfolioSummary(
        chart=chart,
        quadrants=[QuadrantCount(q, counts[q.key]) for q in scoring.QUADRANTS],
        assessed=sum(count for _c, _i, count in assessed),
        never_assessed=never_assessed,
    )
