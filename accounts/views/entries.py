"""The Dossier tab: the client's file as a timeline of dated, authored entries."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms.entries import DossierEntryForm
from accounts.models import Account, DossierEntry
from accounts.selectors import (
    account_get_for_edit,
    account_get_for_user,
    entry_category_counts,
    entry_list_for_account,
    entry_page_number,
    record_get_for_user,
)
from accounts.services import entries as services
from accounts.views.common import dossier_context
from kam.core.locking import ConcurrentEditError

PAGE_SIZE = 20


def _category_filter(account: Account, active: str) -> list[dict]:
    """The categories this dossier uses, with how many entries each has (one grouped query)."""
    counts = entry_category_counts(account=account)
    return [
        {"key": key, "label": label, "count": counts.get(key, 0), "active": key == active}
        for key, label in DossierEntry.Category.choices
        if counts.get(key) or key == active
    ]


def _timeline_url(entry: DossierEntry) -> str:
    """A link that lands on the entry, on whichever page of the timeline it is."""
    return f"{reverse('accounts:dossier', args=[entry.account_id])}?entry={entry.pk}#entry-{entry.pk}"


@require_GET
def entry_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """Newest first, optionally one category (?category=), 20 entries a page."""
    account = account_get_for_user(user=request.user, pk=pk)
    category = request.GET.get("category", "")
    if category not in DossierEntry.Category.values:
        category = ""
    entry_id = request.GET.get("entry", "")
    if entry_id.isdigit() and "page" not in request.GET:
        number = entry_page_number(account=account, entry_id=int(entry_id), category=category, page_size=PAGE_SIZE)
        if number is not None:
            query = {"page": number, **({"category": category} if category else {})}
            return redirect(f"{request.path}?{urlencode(query)}#entry-{entry_id}")
    entries = entry_list_for_account(account=account)
    if category:
        entries = entries.filter(category=category)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    categories = _category_filter(account, category)
    context = dossier_context(
        request,
        account,
        "dossier",
        page=page,
        category=category,
        categories=categories,
        total=sum(item["count"] for item in categories),
        today=timezone.localdate(),
    )
    return render(request, "accounts/entry_tab.html", context)


@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_edit(user=request.user, pk=pk)
    category = request.GET.get("category")
    initial = {"category": category} if category in DossierEntry.Category.values else None
    posted = request.method == "POST"
    form = DossierEntryForm(request.POST if posted else None, request.FILES if posted else None, initial=initial)
    if posted and form.is_valid():
        try:
            entry = services.entry_create(
                by=request.user, account=account, data=form.cleaned_data, files=form.cleaned_data["attachments"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Entry “%(title)s” added to the dossier.") % {"title": entry.title})
            return redirect(_timeline_url(entry))
    return render(request, "accounts/entry_form.html", {"form": form, "account": account, "nav": "accounts"})


@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = record_get_for_user(user=request.user, model=DossierEntry, pk=pk, edit=True)
    posted = request.method == "POST"
    form = DossierEntryForm(request.POST if posted else None, request.FILES if posted else None, instance=entry)
    if posted and form.is_valid():
        try:
            services.entry_update(
                by=request.user,
                entry=entry,
                data=form.cleaned_data,
                files=form.cleaned_data["attachments"],
                expected_version=form.expected_version,
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Entry “%(title)s” saved.") % {"title": entry.title})
            return redirect(_timeline_url(entry))
    context = {
        "form": form,
        "account": entry.account,
        "entry": entry,
        "attachments": entry.attachments.all(),
        "nav": "accounts",
    }
    return render(request, "accounts/entry_form.html", context)


@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = record_get_for_user(user=request.user, model=DossierEntry, pk=pk, edit=True)
    services.entry_delete(by=request.user, entry=entry)
    messages.success(request, _("Entry “%(title)s” removed from the dossier.") % {"title": entry.title})
    return redirect("accounts:dossier", pk=entry.account_id)
