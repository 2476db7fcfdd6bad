"""Searching the whole dossier from the navbar box: accounts, contacts, partners, entries."""

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.models import SearchEntry
from accounts.selectors_search import clean_query, search_for_user, search_kind_counts, user_may_search
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
    """GET /search/?q=&kind=&page=: ranked hits with a tab per kind and its count. Four queries
    whatever the number of hits: user, director's regions, the counts per kind, the page."""
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
        counts = search_kind_counts(user=user, query=query)
        total = sum(counts.values())
        paginator = Paginator(search_for_user(user=user, query=query, kinds=[kind] if kind else None), PAGE_SIZE)
        # The counts query has counted the hits already; spare the paginator its own COUNT.
        paginator.count = counts[kind] if kind else total
        tabs = [{"key": "", "label": _("All"), "count": total, "active": not kind}]
        tabs += [
            {"key": key, "label": label, "count": counts[key], "active": key == kind}
            for key, label in KIND_TABS
            if counts[key] or key == kind
        ]
        context.update(page=paginator.get_page(request.GET.get("page")), tabs=tabs, total=total)
    return render(request, "accounts/search.html", context)
