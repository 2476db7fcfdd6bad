"""The portfolio matrix: every account the user may see, placed by the totals of its latest
assessment, with where it came from and the strategy of its quadrant; and the same data as
CSV.

The chart always holds every account that matches the filters; the table under it shows
them a page at a time (sliced from the rows already loaded, so paging costs no query), and
the CSV gives the whole list, never-assessed accounts included.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from analysis import charts, scoring
from analysis.filters import PortfolioFilter
from analysis.presentation import portfolio_chart
from analysis.selectors import PortfolioRow, portfolio_for_user, portfolio_rows
from kam.core.access import deny_forbidden
from kam.core.exports import csv_response

TABLE_ROWS = 50  # rows of the table per page
NEVER_ASSESSED_SHOWN = 60  # names listed beside the chart; the CSV has them all


def _filtered_accounts(request: HttpRequest) -> tuple[PortfolioFilter, list[PortfolioRow]]:
    """The visible accounts that match the filters, each with its `quadrant` (None if never
    assessed). One query for the accounts, whatever their number."""
    if request.user.is_department_member:
        # Department members work on commitments only, as on the account list.
        raise deny_forbidden(request.user, "view", "portfolio")
    portfolio_filter = PortfolioFilter(
        request.GET or None, queryset=portfolio_for_user(user=request.user), user=request.user
    )
    accounts = portfolio_rows(portfolio_filter.qs)
    for account in accounts:
        account.quadrant = scoring.quadrant(account.competitiveness, account.sales_interest)
    return portfolio_filter, accounts


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """One query for the accounts and their positions, whatever their number (plus the
    filters' choices)."""
    portfolio_filter, accounts = _filtered_accounts(request)
    assessed = [a for a in accounts if a.quadrant is not None]
    never_assessed = [a for a in accounts if a.quadrant is None]
    counts = Counter(a.quadrant.key for a in assessed)
    quadrants = [{"quadrant": q, "count": counts[q.key]} for q in scoring.QUADRANTS]
    context = {
        "filter": portfolio_filter,
        "assessed": assessed,
        "table_page": Paginator(assessed, TABLE_ROWS).get_page(request.GET.get("page")),
        "never_assessed": never_assessed,
        "never_assessed_shown": never_assessed[:NEVER_ASSESSED_SHOWN],
        "never_assessed_more": max(len(never_assessed) - NEVER_ASSESSED_SHOWN, 0),
        "quadrants": quadrants,
        "chart": portfolio_chart(assessed) if assessed else None,
        "chart_labels_up_to": charts.LABELS_UP_TO,
        "nav": "portfolio",
    }
    return render(request, "analysis/portfolio.html", context)


def _total(value) -> str:
    """A total as a spreadsheet reads it, whatever the database returned: 8.0, not 8."""
    return "" if value is None else f"{value:.1f}"


@require_GET
def portfolio_csv(request: HttpRequest) -> HttpResponse:
    """The whole matrix under the same filters as a CSV file: every visible account, the
    never-assessed ones with empty positions. One query for the accounts."""
    _filter, accounts = _filtered_accounts(request)
    header = [
        _("Account"),
        _("Account manager"),
        _("Region"),
        _("Industry"),
        _("Tier"),
        _("Competitiveness"),
        _("Sales interest"),
        _("Previous competitiveness"),
        _("Previous sales interest"),
        _("Quadrant"),
        _("Strategy"),
        _("Assessed on"),
        _("Link"),
    ]
    rows = (
        [
            a.name,
            a.owner,
            a.region,
            a.industry,
            a.tier_label,
            _total(a.competitiveness),
            _total(a.sales_interest),
            _total(a.previous_competitiveness),
            _total(a.previous_sales_interest),
            a.quadrant.title if a.quadrant else "",
            a.quadrant.action if a.quadrant else "",
            a.latest_on.isoformat() if a.latest_on else "",
            request.build_absolute_uri(reverse("analysis:scores", args=[a.pk])),
        ]
        for a in accounts
    )
    filename = f"portfolio-{timezone.localdate().isoformat()}.csv"
    return csv_response(filename, header, rows)
