"""The portfolio matrix: every account the user may see, placed by the totals of its latest
assessment, with where it came from and the strategy of its quadrant."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from analysis import scoring
from analysis.filters import PortfolioFilter
from analysis.presentation import portfolio_chart
from analysis.selectors import portfolio_for_user
from kam.core.access import deny_forbidden


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """One query for the accounts and their positions, whatever their number (plus the
    filters' choices)."""
    if request.user.is_department_member:
        # Department members work on commitments only, as on the account list.
        raise deny_forbidden(request.user, "view", "portfolio")
    portfolio_filter = PortfolioFilter(
        request.GET or None, queryset=portfolio_for_user(user=request.user), user=request.user
    )
    accounts = list(portfolio_filter.qs)
    assessed = [a for a in accounts if a.competitiveness is not None]
    for account in assessed:
        account.quadrant = scoring.quadrant(account.competitiveness, account.sales_interest)
    quadrants = [{"quadrant": q, "count": sum(1 for a in assessed if a.quadrant == q)} for q in scoring.QUADRANTS]
    context = {
        "filter": portfolio_filter,
        "assessed": assessed,
        "never_assessed": [a for a in accounts if a.competitiveness is None],
        "quadrants": quadrants,
        "chart": portfolio_chart(assessed) if assessed else None,
        "nav": "portfolio",
    }
    return render(request, "analysis/portfolio.html", context)
