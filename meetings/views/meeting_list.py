"""The meeting list (/meetings/) and the account's Meetings tab."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.selectors import account_get_for_user
from accounts.views.common import dossier_context
from kam.core.access import deny_not_found
from kam.core.choices import choice_labels
from meetings.filters import MeetingFilter
from meetings.models import Meeting
from meetings.selectors.meetings import (
    UpcomingFirst,
    meeting_list_for_account,
    meeting_list_for_user,
    open_commitments_for_account,
    schedulable_accounts,
)

PAGE_SIZE = 25
# Past meetings on the account's tab; older ones are in the meeting list, filtered by account.
TAB_PAST_LIMIT = 20
SORT_COLUMNS = [
    ("when", gettext_lazy("When")),
    ("title", gettext_lazy("Meeting")),
    ("account", gettext_lazy("Account")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("readiness", gettext_lazy("Readiness")),
    ("commitments", gettext_lazy("Open commitments")),
]


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Meetings the user may see, upcoming first, filtered and sorted: a fixed number of
    queries however many meetings there are (user, director's regions, the account filter's
    options, the count, the page)."""
    user = request.user
    if user.is_department_member:
        # Department members work on commitments only: for them meetings do not exist.
        raise deny_not_found(user, "list", "meetings")
    meetings = meeting_list_for_user(user=user, today=timezone.localdate())
    meeting_filter = MeetingFilter(request.GET or None, queryset=meetings, user=user)
    if meeting_filter.is_bound and meeting_filter.is_valid():
        meetings = meeting_filter.qs
    rows = meetings if request.GET.get("sort") else UpcomingFirst(meetings, now=timezone.now())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "meetings/meeting_list.html#results" if request.headers.get("HX-Request") else "meetings/meeting_list.html"
    )
    return render(
        request,
        template,
        {
            "filter": meeting_filter,
            "page": page,
            "sort": request.GET.get("sort", ""),
            "sort_columns": SORT_COLUMNS,
            # Ids as text, compared once per option without a filter call: a director of all
            # regions gets 2,000 of them.
            "account_choices": [
                (str(pk), name) for pk, name in meeting_filter.filters["account"].queryset.values_list("pk", "name")
            ],
            "account_selected": request.GET.get("account", ""),
            "can_schedule": schedulable_accounts(user=user).exists(),
            "filtered": any(value for key, value in request.GET.items() if key not in {"page", "sort"}),
            # Translated once for the page's rows.
            "meeting_kinds": choice_labels(Meeting.Kind),
            "meeting_statuses": choice_labels(Meeting.Status),
            "nav": "meetings",
        },
    )


@require_GET
def account_meetings_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The account's upcoming and latest past meetings with readiness and status, and its
    open commitments, overdue first (by the user's local date). A fixed number of queries."""
    account = account_get_for_user(user=request.user, pk=pk)
    now, today = timezone.now(), timezone.localdate()
    meetings = meeting_list_for_account(account=account, today=today)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at", "pk"))
    past = list(meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")[: TAB_PAST_LIMIT + 1])
    commitments = list(open_commitments_for_account(account=account, today=today))
    context = dossier_context(
        request,
        account,
        "meetings",
        upcoming=upcoming,
        past=past[:TAB_PAST_LIMIT],
        groups=[(_("Upcoming"), upcoming), (_("Past"), past[:TAB_PAST_LIMIT])],
        more_past=len(past) > TAB_PAST_LIMIT,
        commitments=commitments,
        overdue_count=sum(1 for commitment in commitments if commitment.overdue),
    )
    return render(request, "meetings/account_meetings_tab.html", context)
