"""Searching the whole dossier from the navbar box: accounts, contacts, partners, entries."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.models import SearchEntry
from accounts.selectors_search import clean_query, search_for_user, user_may_search
from kam.core.access import deny_not_found

PAGE_SIZE = 20
KIND_TABS = [
    (SearchEntry.Kind.ACCOUNT, _("Accounts")),
    (SearchEntry.Kind.CONTACT, _("Contacts")),
    (SearchEntry.Kind.PARTNER, _("Business partners")),
    (SearchEntry.Kind.ENTRY, _("Dossier entries")),
    (SearchEntry.Kind.MEETING, _("Meetings")),
]


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """GET /search/?q=&kind=&page=: ranked hits with a tab per kind and its count. Three queries
    on PostgreSQL whatever the number of hits: user, director's regions, the page of hits with
    the counts per kind (on SQLite the counts are a query of their own)."""
    user = request.user
    if not user_may_search(user):
        raise deny_not_found(user, "search", "search")
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    if kind not in SearchEntry.Kind.values:
        kind = ""
    context = {
        "search_query": query,
        "kind": kind,
        # websearch syntax ("phrase", -word) exists on PostgreSQL only; the help says so.
        "full_text": connection.vendor == "postgresql",
    }
    if query:
        results = search_for_user(user=user, query=query, kinds=[kind] if kind else None)
        page = results.page(request.GET.get("page"), PAGE_SIZE)
        counts = results.kind_counts()
        total = sum(counts.values())
        tabs = [{"key": "", "label": _("All"), "count": total, "active": not kind}]
        tabs += [
            {"key": key, "label": label, "count": counts[key], "active": key == kind}
            for key, label in KIND_TABS
            if counts[key] or key == kind
        ]
        context.update(page=page, tabs=tabs, total=total)
    return render(request, "accounts/search.html", context)
