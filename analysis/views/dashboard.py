"""The sales director's dashboard (/dashboard/) and its XLSX export.

Directors and administrators see the accounts of their regions (every region when they have
none), filtered by region, account manager, industry, tier and year in the URL. An account
manager gets the same page for their own accounts (and their teams'), without the region and
manager filters and without the activity of other managers. Department members, who see no
accounts, get 404.

A fixed number of queries whatever the data size: sales figures come from the monthly summary
(planning.models.SalesSummary), every other figure from grouped or correlated-subquery
aggregates, and every section counts only the accounts the viewer may see.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from analysis import charts, scoring
from analysis.dashboard.activity import KamActivity, kam_activity
from analysis.dashboard.at_risk import SHOWN as AT_RISK_SHOWN
from analysis.dashboard.at_risk import AtRisk, accounts_at_risk
from analysis.dashboard.commitments import CommitmentSummary, commitments_by_department
from analysis.dashboard.export import dashboard_workbook
from analysis.dashboard.filters import DashboardFilterForm, DashboardFilters, filtered_accounts, viewer_is_manager
from analysis.dashboard.headline import Headline, headline_for
from analysis.dashboard.meetings import UpcomingMeetings, upcoming_meetings
from analysis.dashboard.period import DashboardPeriod, dashboard_period
from analysis.dashboard.plan_actual import (
    PlanActual,
    PlanActualRow,
    biggest_and_others,
    plan_actual_for_user,
    plans_url,
)
from analysis.dashboard.portfolio import PortfolioSummary, portfolio_summary
from analysis.dashboard.whitespace import whitespace_for_dashboard
from kam.core.access import deny_not_found
from planning.selectors.whitespace import WhitespaceGrid


@dataclass
class Dashboard:
    filters: DashboardFilters
    period: DashboardPeriod
    today: datetime.date
    manager_view: bool
    headline: Headline
    plan_actual: PlanActual
    at_risk: AtRisk
    commitments: CommitmentSummary
    meetings: UpcomingMeetings
    portfolio: PortfolioSummary
    whitespace: WhitespaceGrid
    activity: list[KamActivity] | None  # None for a manager, who does not see others'


def _check_access(user) -> None:
    if not (user.is_kam or user.is_director or user.is_admin):
        # Department members see no accounts, so no dashboard either.
        raise deny_not_found(user, "view", "dashboard")


def build_dashboard(
    *, user, form: DashboardFilterForm, today: datetime.date, at_risk_shown: int | None = AT_RISK_SHOWN
) -> Dashboard:
    """Every section of the dashboard for the user and the filters of `form`; the first
    `at_risk_shown` accounts at risk (all of them for None: the export)."""
    filters = DashboardFilters.from_form(form, today=today)
    accounts = filtered_accounts(user=user, filters=filters)
    period = dashboard_period(year=filters.year, today=today)
    plan_actual = plan_actual_for_user(user=user, accounts=accounts, filters=filters, period=period)
    at_risk = accounts_at_risk(accounts=accounts, period=period, today=today, shown=at_risk_shown)
    manager_view = viewer_is_manager(user)
    return Dashboard(
        filters=filters,
        period=period,
        today=today,
        manager_view=manager_view,
        headline=headline_for(total=plan_actual.total, at_risk=at_risk, sales_as_of=period.sales_as_of),
        plan_actual=plan_actual,
        at_risk=at_risk,
        commitments=commitments_by_department(accounts=accounts, today=today),
        meetings=upcoming_meetings(accounts=accounts, now=timezone.now()),
        portfolio=portfolio_summary(user=user, filters=filters),
        whitespace=whitespace_for_dashboard(accounts=at_risk.biggest, year=filters.year, today=today),
        activity=None
        if manager_view
        else kam_activity(accounts=accounts, year=filters.year, params=filters.account_params()),
    )


def _money(value) -> str:
    return charts.compact(float(value))


MANAGER_BARS = 15  # the managers charted one by one, the biggest; the rest as one bar


def _plan_bar(*, label: str, actual, target, href: str = "") -> charts.TargetBar:
    return charts.TargetBar(
        label=label,
        value=float(actual),
        target=float(target) if target is not None else None,
        display=_money(actual),
        target_display=_money(target or 0),
        href=href,
    )


def _plan_chart(rows: list[PlanActualRow], *, chart_id: str, title: str) -> SafeString | None:
    """The breakdown as bars in the order of `rows`."""
    if not rows:
        return None
    bars = [
        _plan_bar(
            label=row.label,
            actual=row.actual,
            target=row.target_to_date if row.has_plan else None,
            href=row.href,
        )
        for row in rows
    ]
    return charts.target_bars(
        bars=bars,
        title=title,
        target_label=_("target to date"),
        chart_id=chart_id,
    )


def _query(filters: DashboardFilters, **extra) -> str:
    params = {**filters.account_params(), **extra}
    return urlencode({name: value for name, value in params.items() if value not in (None, "")})


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard page. About 20 queries, the same for 2 accounts or 2,000."""
    user = request.user
    _check_access(user)
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET, user=user, today=today)
    board = build_dashboard(user=user, form=form, today=today)
    filters = board.filters
    account_query = _query(filters)
    accounts_url = reverse("accounts:list")
    owners = board.plan_actual.by_owner
    owner_rows = biggest_and_others(
        owners,
        limit=MANAGER_BARS,
        label=ngettext("%(count)s other", "%(count)s others", len(owners) - MANAGER_BARS)
        % {"count": len(owners) - MANAGER_BARS},
    )
    context = {
        "nav": "dashboard",
        "form": form,
        "board": board,
        "currency": settings.KAM_CURRENCY,
        "export_query": request.GET.urlencode(),
        "filtered": any(form.value(name) for name in ("region", "owner", "industry", "tier")),
        "charts": {
            "region": _plan_chart(
                board.plan_actual.by_region, chart_id="plan-region", title=_("Plan vs actual by region")
            ),
            "owner": _plan_chart(owner_rows, chart_id="plan-owner", title=_("Plan vs actual by account manager")),
            "group": _plan_chart(
                board.plan_actual.by_group, chart_id="plan-group", title=_("Plan vs actual by product group")
            ),
        },
        "links": {
            "accounts": f"{accounts_url}?{account_query}" if account_query else accounts_url,
            "status": {s.status: f"{accounts_url}?{_query(filters, status=s.status)}" for s in board.headline.statuses},
            "plans": plans_url(year=filters.year, region=filters.region_id),
            "portfolio": reverse("analysis:portfolio") + (f"?{account_query}" if account_query else ""),
            "whitespace": reverse("planning:whitespace")
            + "?"
            + urlencode(
                {
                    name: value
                    for name, value in {
                        "region": filters.region_id or "",
                        "owner": filters.owner_id,
                        "industry": filters.industry_id,
                        "period": filters.year,
                    }.items()
                    if value is not None
                }
            ),
        },
        "owner_rows": owner_rows,
        "owners_left_out": max(len(owners) - MANAGER_BARS, 0),
        "quadrants": scoring.QUADRANTS,
    }
    return render(request, "analysis/dashboard/page.html", context)


@require_GET
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    """The dashboard's figures under the same filters as an XLSX workbook, a sheet per
    section: the same queries as the page."""
    user = request.user
    _check_access(user)
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET, user=user, today=today)
    board = build_dashboard(user=user, form=form, today=today, at_risk_shown=None)
    content = dashboard_workbook(board, currency=settings.KAM_CURRENCY)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{board.filters.year}-{today.isoformat()}.xlsx"'
    return response
