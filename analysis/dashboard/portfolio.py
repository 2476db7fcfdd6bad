"""The portfolio matrix in small: the positions the counted accounts hold at their latest
assessment (the same selector as the full matrix, analysis.selectors.portfolio_for_user), and
how many accounts there are in each quadrant. One query, grouped by position: the small
matrix names no account, so thousands of accounts are a few hundred points, rounded to the
half point."""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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


STEP = Decimal("0.5")  # the small matrix's grid: at most 19 × 19 points


def _rounded(score: Decimal) -> Decimal:
    return (score / STEP).quantize(Decimal(1), rounding=ROUND_HALF_UP) * STEP


def rounded_positions(positions: list[tuple[Decimal, Decimal, int]]) -> list[tuple[Decimal, Decimal, int]]:
    """The positions rounded to the half point, their accounts added up: scores to one decimal
    put two thousand accounts on over a thousand distinct points, each drawn and described
    in the SVG, where a small overview needs a few hundred at most. The quadrant counts are
    taken from the exact positions before."""
    counts: Counter = Counter()
    for competitiveness, interest, count in positions:
        counts[_rounded(competitiveness), _rounded(interest)] += count
    return [(competitiveness, interest, count) for (competitiveness, interest), count in sorted(counts.items())]


def portfolio_summary(*, user, filters: DashboardFilters) -> PortfolioSummary:
    """The small matrix of the filtered accounts the user may see, without names (the full
    matrix has them)."""
    accounts = narrowed(portfolio_for_user(user=user), filters)
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
    chart = (
        positions_chart(rounded_positions(assessed), rounded=True, chart_id="dashboard-portfolio") if assessed else None
    )
    return PortfolioSummary(
        chart=chart,
        quadrants=[QuadrantCount(q, counts[q.key]) for q in scoring.QUADRANTS],
        assessed=sum(count for _c, _i, count in assessed),
        never_assessed=never_assessed,
    )
