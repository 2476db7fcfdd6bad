"""The account's Sales tab: three years of actual sales by month and by product group, the
top products, the whitespace, and the competitors known at the account (changed in place)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Account
from accounts.selectors import account_get_for_edit, account_get_for_user, record_get_for_user
from accounts.views.common import dossier_context
from analysis import charts
from analysis.charts.geometry import nice_ticks
from planning.forms.competitors import CompetitorPresenceForm
from planning.models import CompetitorPresence
from planning.selectors.sales import SalesOverview, sales_overview_for_account
from planning.selectors.whitespace import competitor_presence_list_for_account, whitespace_for_account
from planning.services import competitors as services

TAB_TEMPLATE = "planning/sales_tab.html"
COMPETITORS_PARTIAL = "planning/sales_tab.html#competitors"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def _money(value) -> str:
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} {settings.KAM_CURRENCY}"


def _revenue_chart(overview: SalesOverview):
    """Revenue by calendar month in thousands, one line per year, so that years compare."""
    series = [
        charts.Series(
            name=str(year),
            values=[(number, float(row["revenue"]) / 1000 if row else None) for number, row in overview.series[year]],
        )
        for year in overview.years
    ]
    top = max((y for s in series for _x, y in s.values if y is not None), default=0.0)
    title = _("Revenue by month (1 = January), thousand %(currency)s") % {"currency": settings.KAM_CURRENCY}
    # Up to a round number, so that the highest month has a gridline above it.
    y_hi = nice_ticks(0, top or 1, count=5)[-1]
    return charts.line(series=series, title=title, y_lo=0, y_hi=y_hi, chart_id="sales-by-month", width=1100, height=300)


def _group_chart(whitespace: dict):
    """Revenue by product group over the last 12 months, for the groups the account buys in."""
    bars = [
        charts.Bar(label=str(row["group"].name), value=float(row["revenue"]), display=_money(row["revenue"]))
        for row in whitespace["rows"]
        if row["revenue"] is not None
    ]
    if not bars:
        return None
    title = _("Revenue by product group, last 12 months")
    return charts.bar(bars=bars, title=title, chart_id="sales-by-group", width=max(360, 120 * len(bars)))


def _competitor_context(
    request: HttpRequest,
    account: Account,
    form: CompetitorPresenceForm | None = None,
    overview: SalesOverview | None = None,
) -> dict:
    """The whitespace and the competitors: what the htmx partial redraws after a change. With
    the tab's `overview`, the whitespace takes its last 12 months' sums from it."""
    presences = list(competitor_presence_list_for_account(account=account))
    whitespace = whitespace_for_account(
        account=account,
        today=timezone.localdate(),
        presences=presences,
        bought=overview.last_twelve if overview is not None else None,
    )
    return {
        "presences": presences,
        "whitespace": whitespace,
        "competitor_form": form or CompetitorPresenceForm(),
        "currency": settings.KAM_CURRENCY,
    }


def _tab_context(request: HttpRequest, account: Account, form: CompetitorPresenceForm | None = None) -> dict:
    overview = sales_overview_for_account(account=account, today=timezone.localdate())
    extra = _competitor_context(request, account, form, overview)
    return dossier_context(
        request,
        account,
        "sales",
        overview=overview,
        revenue_chart=None if overview.empty else _revenue_chart(overview),
        group_chart=None if overview.empty else _group_chart(extra["whitespace"]),
        **extra,
    )


def _render_competitors(request: HttpRequest, account: Account, form: CompetitorPresenceForm | None = None):
    if _is_htmx(request):
        context = dossier_context(request, account, "sales", **_competitor_context(request, account, form))
        return render(request, COMPETITORS_PARTIAL, context)
    return render(request, TAB_TEMPLATE, _tab_context(request, account, form))


def _competitors_url(account_id: int) -> str:
    return reverse("planning:sales", args=[account_id]) + "#competitors"


@require_GET
def sales_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """For whoever may see the account; a fixed number of queries however many records."""
    account = account_get_for_user(user=request.user, pk=pk)
    return render(request, TAB_TEMPLATE, _tab_context(request, account))


@require_POST
def competitor_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a competitor at the account (editors only); the form's errors are shown in place."""
    account = account_get_for_edit(user=request.user, pk=pk)
    form = CompetitorPresenceForm(request.POST)
    if form.is_valid():
        try:
            presence = services.competitor_presence_add(by=request.user, account=account, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if _is_htmx(request):
                return _render_competitors(request, account)
            messages.success(request, _("%(name)s recorded at this client.") % {"name": presence.competitor})
            return redirect(_competitors_url(account.pk))
    return _render_competitors(request, account, form)


@require_POST
def competitor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Forget a competitor at the account (editors only)."""
    presence = record_get_for_user(user=request.user, model=CompetitorPresence, pk=pk, edit=True)
    account = presence.account
    name = str(presence.competitor)
    services.competitor_presence_remove(by=request.user, presence=presence)
    if _is_htmx(request):
        return _render_competitors(request, account)
    messages.success(request, _("%(name)s removed from this client's competitors.") % {"name": name})
    return redirect(_competitors_url(account.pk))
