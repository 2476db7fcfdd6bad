"""Annual meetings in the next 14 days whose checklist is not 100 % ready: the account owner
and our attendees are reminded once per meeting date. One query for the meetings (readiness
summed in SQL, on the (kind, starts_at) index) and one for their attendees."""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.db.models.functions import Coalesce

from kam.notifications.models import Kind
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import Due
from meetings.models import Meeting
from meetings.selectors.annotations import readiness_expression

WITHIN_DAYS = 14


def due_reminders(ctx: ScanContext) -> Iterator[Due]:
    meetings = (
        Meeting.objects.filter(
            kind=Meeting.Kind.ANNUAL,
            status=Meeting.Status.PLANNED,
            starts_at__gte=ctx.now,
            starts_at__lt=ctx.now + datetime.timedelta(days=WITHIN_DAYS + 1),
        )
        .annotate(readiness=Coalesce(readiness_expression(), 0))
        .filter(Q(readiness__lt=100))
        .select_related("account__owner")
        .prefetch_related("attendees")
        .order_by()
    )
    for meeting in meetings:
        people = {meeting.account.owner_id: meeting.account.owner}
        people.update((user.pk, user) for user in meeting.attendees.all())
        for person in people.values():
            if not person.is_active:
                ctx.skip("meeting %s: %s is inactive, not reminded", meeting.pk, person.username)
                continue
            day = ctx.local_date(meeting.starts_at, person)
            if 0 <= (day - ctx.today_for(person)).days <= WITHIN_DAYS:
                params = {
                    "title": meeting.title,
                    "account": meeting.account.name,
                    "due": day,
                    "readiness": meeting.readiness,
                }
                yield Due(person, Kind.CHECKLIST_UNREADY, meeting, day, params)
