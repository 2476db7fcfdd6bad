"""The account list, its exports, and the account itself: overview, create, edit, history."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.filters import AccountFilter
from accounts.forms.accounts import AccountForm
from accounts.history import account_changes
from accounts.selectors import (
    account_get_for_edit,
    account_get_for_user,
    account_list_for_user,
    contact_list_for_account,
    entry_list_for_account,
)
from accounts.services import accounts as services
from accounts.views.common import dossier_context
from kam.core.access import deny_forbidden
from kam.core.exports import csv_response, xlsx_response
from kam.core.locking import ConcurrentEditError

PAGE_SIZE = 25
SORT_COLUMNS = [
    ("name", gettext_lazy("Account")),
    ("industry", gettext_lazy("Industry")),
    ("region", gettext_lazy("Region")),
    ("status", gettext_lazy("Status")),
    ("tier", gettext_lazy("Tier")),
    ("owner", gettext_lazy("Account manager")),
    ("contacts", gettext_lazy("Contacts")),
    ("updated", gettext_lazy("Updated")),
]


def _filtered_accounts(request: HttpRequest) -> tuple[AccountFilter, QuerySet]:
    """The filter form and the rows it selects, by name unless a sort is asked for: the list
    and its exports show the same rows in the same order."""
    if request.user.is_department_member:
        # Department members work on commitments only; the client list is not theirs.
        raise deny_forbidden(request.user, "list", "accounts")
    queryset = account_list_for_user(user=request.user)
    account_filter = AccountFilter(request.GET or None, queryset=queryset, user=request.user)
    accounts = account_filter.qs if account_filter.is_bound and account_filter.is_valid() else queryset
    if not account_filter.data.get("sort"):
        accounts = accounts.order_by("name")
    return account_filter, accounts


def _owner_choices(account_filter: AccountFilter) -> list[tuple[str, str]]:
    """The account-manager filter's options, for directors and administrators only. Values
    as the page writes them: the template compares each with the chosen one as text."""
    if "owner" not in account_filter.filters:
        return []
    return [(str(user.pk), str(user)) for user in account_filter.filters["owner"].queryset]


@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    account_filter, accounts = _filtered_accounts(request)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    # htmx asks for the results only when a filter changes; a plain request gets the page.
    template = (
        "accounts/account_list.html#results" if request.headers.get("HX-Request") else "accounts/account_list.html"
    )
    return render(
        request,
        template,
        {
            "filter": account_filter,
            "page": page,
            "sort": request.GET.get("sort", ""),
            "sort_columns": SORT_COLUMNS,
            "owner_choices": _owner_choices(account_filter),
            "can_create": request.user.is_kam or request.user.is_admin,
            "nav": "accounts",
        },
    )


EXPORT_HEADER = [
    gettext_lazy("Name"),
    gettext_lazy("Legal name"),
    gettext_lazy("Tax id"),
    gettext_lazy("ERP code"),
    gettext_lazy("Industry"),
    gettext_lazy("Region"),
    gettext_lazy("Account manager"),
    gettext_lazy("Status"),
    gettext_lazy("Tier"),
    gettext_lazy("Website"),
    gettext_lazy("Phone"),
    gettext_lazy("Address"),
    gettext_lazy("Contacts"),
    gettext_lazy("Updated"),
]


@require_GET
def account_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as a file: the same rows the user sees in the list, every page."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    accounts = _filtered_accounts(request)[1]
    rows = (
        [
            a.name,
            a.legal_name,
            a.tax_id,
            a.external_code,
            a.industry.name,
            a.region.name,
            str(a.owner),
            a.get_status_display(),
            a.get_tier_display(),
            a.website,
            a.phone,
            a.address,
            a.contact_count,
            a.updated_at.date().isoformat(),
        ]
        for a in accounts.iterator(chunk_size=500)
    )
    header = [str(title) for title in EXPORT_HEADER]  # in the user's language
    if fmt == "csv":
        return csv_response("accounts.csv", header, rows)
    return xlsx_response("accounts.xlsx", _("Accounts"), header, rows)


@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier's overview: key facts, warnings, key people and the latest entries."""
    account = account_get_for_user(user=request.user, pk=pk)
    contacts = list(contact_list_for_account(account=account))
    roles = {contact.buying_role for contact in contacts}
    key_contacts = sorted(contacts, key=lambda c: (-c.influence, c.last_name))[:5]
    context = dossier_context(
        request,
        account,
        "overview",
        team=account.team.order_by("last_name", "first_name"),
        key_contacts=key_contacts,
        contact_count=len(contacts),
        stale_count=sum(1 for contact in contacts if contact.is_stale),
        lacks_decision_maker=bool(contacts) and "decision_maker" not in roles,
        lacks_champion=bool(contacts) and "champion" not in roles,
        latest_entries=entry_list_for_account(account=account)[:5],
    )
    return render(request, "accounts/account_detail.html", context)


@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_kam or user.is_admin):
        raise deny_forbidden(user, "create", "account")
    form = AccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name not in {"team", "version", "owner"}}
        account = services.account_create(
            by=user, data=data, team=form.cleaned_data["team"], owner=form.cleaned_data.get("owner")
        )
        messages.success(request, _("Account “%(name)s” created.") % {"name": account.name})
        return redirect(account)
    return render(request, "accounts/account_form.html", {"form": form, "nav": "accounts"})


@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_edit(user=request.user, pk=pk)
    form = AccountForm(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name not in {"team", "version", "owner"}}
        try:
            services.account_update(
                by=request.user,
                account=account,
                data=data,
                expected_version=form.expected_version,
                team=form.cleaned_data["team"],
                owner=form.cleaned_data.get("owner"),
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        else:
            messages.success(request, _("Account saved."))
            return redirect(account)
    return render(request, "accounts/account_form.html", {"form": form, "account": account, "nav": "accounts"})


@require_GET
def account_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what and when, on the account and everything in its dossier."""
    account = account_get_for_user(user=request.user, pk=pk)
    context = dossier_context(request, account, "history", changes=account_changes(account=account))
    return render(request, "accounts/account_history.html", context)
