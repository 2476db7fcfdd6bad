"""Upcoming meetings of the counted accounts in the next 30 days, annual ones first, each with
its preparation readiness (the share of its annual checklist that is ready, computed in SQL by
meetings.selectors.annotations.readiness_expression)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When, Window
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from analysis.dashboard.filters import in_scope
from meetings.models import Meeting
from meetings.selectors.annotations import readiness_expression

DAYS_AHEAD = 30
SHOWN = 12


@dataclass(frozen=True)
class UpcomingMeetings:
    meetings: list[Meeting]  # the first SHOWN, annual first, then by time, with account_name
    count: int
    annual: int
    annual_unready: int  # annual meetings whose checklist is not ready in full
    until: datetime.date
    list_url: str
    annual_url: str

    @property
    def more(self) -> int:
        return self.count - len(self.meetings)


def upcoming_meetings(*, accounts: QuerySet[Account], now: datetime.datetime) -> UpcomingMeetings:
    """Planned meetings from now to the end of the 30th day: one query, the rows shown with
    the counts of all of them (window counts over the whole selection, taken before the
    LIMIT)."""
    today = timezone.localdate(now)
    until = today + datetime.timedelta(days=DAYS_AHEAD)
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, tzinfo=now.tzinfo)
    planned = Meeting.objects.filter(
        in_scope(accounts), status=Meeting.Status.PLANNED, starts_at__gte=now, starts_at__lt=end
    )
    annual = Q(kind=Meeting.Kind.ANNUAL)
    shown = list(
        # Only what the table shows; the account's name as a subquery, which runs for the
        # rows shown only, where a join would run for every planned meeting the counts cover.
        planned.only("pk", "title", "kind", "starts_at")
        .annotate(
            readiness=readiness_expression(),
            account_name=Subquery(Account.objects.filter(pk=OuterRef("account_id")).values("name")),
        )
        .annotate(
            annual_first=Case(When(annual, then=Value(0)), default=Value(1), output_field=IntegerField()),
            count_all=Window(Count("pk")),
            count_annual=Window(Count("pk", filter=annual)),
            count_unready=Window(Count("pk", filter=annual & (Q(readiness__lt=100) | Q(readiness__isnull=True)))),
        )
        .order_by("annual_first", "starts_at", "pk")[:SHOWN]
    )
    first = shown[0] if shown else None
    counts = {
        "count": first.count_all if first else 0,
        "annual": first.count_annual if first else 0,
        "annual_unready": first.count_unready if first else 0,
    }
    params = {"status": Meeting.Status.PLANNED, "date_from": today.isoformat(), "date_to": until.isoformat()}
    list_url = reverse("meetings:list") + "?" + urlencode(params)
    return UpcomingMeetings(
        meetings=shown,
        until=until,
        list_url=list_url,
        annual_url=list_url + "&" + urlencode({"kind": Meeting.Kind.ANNUAL}),
        **counts,
    )
