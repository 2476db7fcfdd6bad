"""The regional whitespace grid: the accounts a user may see × the product groups, what each
account bought of each group in the period, and the competitors where it bought nothing."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kam.core.access import deny_not_found
from planning.forms.whitespace import WhitespaceGridForm
from planning.selectors.whitespace import (
    LAST_TWELVE,
    grid_accounts_for_user,
    grid_industry_choices,
    grid_owner_choices,
    grid_period,
    grid_region_choices,
    whitespace_grid,
)

PAGE_SIZE = 50
# Each sortable column and the direction its first click sorts in: names A to Z, figures
# from the largest, since the biggest accounts and the widest coverage are what one looks for.
SORT_COLUMNS = {"name": "name", "total": "-total", "coverage": "-coverage"}


def _sort_links(sort: str) -> dict[str, dict]:
    """Per column: the sort its header link asks for, and its aria-sort state if it is the
    current one."""
    links = {}
    for column, first in SORT_COLUMNS.items():
        if sort.lstrip("-") == column:
            state = "descending" if sort.startswith("-") else "ascending"
            links[column] = {"next": column if sort.startswith("-") else f"-{column}", "state": state}
        else:
            links[column] = {"next": first, "state": ""}
    return links


@require_GET
def region_grid(request: HttpRequest) -> HttpResponse:
    """The whitespace grid of a region (a director's first region unless another is asked
    for; a manager's own accounts), 50 accounts a page. A fixed number of queries whatever
    the number of accounts and records: choices, the period, the page and its count, then
    the grid's groups, one grouped sum and the competitors."""
    user = request.user
    if not (user.is_kam or user.is_director or user.is_admin):
        # Department members see no accounts, so no grid either.
        raise deny_not_found(user, "view", "whitespace")
    today = timezone.localdate()
    regions = grid_region_choices(user=user)
    data = request.GET.copy()
    if "region" not in data and regions and not user.is_kam:
        # A director's map starts with one region, not the whole company.
        data["region"] = str(regions[0].pk)
    if data.get("region") and data["region"] not in {str(region.pk) for region in regions}:
        raise deny_not_found(user, "view", f"whitespace:region:{data['region']}")
    form = WhitespaceGridForm(
        data,
        regions=regions,
        owners=grid_owner_choices(user=user),
        industries=grid_industry_choices(),
        today=today,
        all_regions_label=_("All my regions") if not (user.is_admin or user.is_director) else _("All regions"),
    )
    form.is_valid()
    period = grid_period(choice=form.value("period", LAST_TWELVE), today=today)
    sort = form.value("sort", "name")
    accounts = grid_accounts_for_user(
        user=user,
        period=period,
        region_id=form.value("region"),
        owner_id=form.value("owner"),
        industry_id=form.value("industry"),
        sort=sort,
    )
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    grid = whitespace_grid(accounts=page.object_list, period=period)
    region = next((r for r in regions if r.pk == form.value("region")), None)
    context = {
        "nav": "whitespace",
        "form": form,
        "region": region,
        "page": page,
        "grid": grid,
        "sort": sort,
        "sort_links": _sort_links(sort),
        "filtered": any(form.value(name) for name in ("owner", "industry")),
        "currency": settings.KAM_CURRENCY,
    }
    return render(request, "planning/whitespace/region_grid.html", context)
