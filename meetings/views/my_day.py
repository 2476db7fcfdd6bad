""" "My day" (/): what an account manager, a director or an administrator has on today —
the week's meetings with the readiness of the annual ones, and the commitments that
concern them, overdue first. A fixed number of queries however busy the week."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from meetings.selectors.commitments import (
    MY_DAY_COMMITMENT_LIMIT,
    MY_DAY_MEETING_LIMIT,
    day_bounds,
    my_day_commitment_counts,
    my_day_commitments,
    my_day_meeting_counts,
    my_day_meetings,
)


@require_GET
def my_day(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    meetings = list(my_day_meetings(user=user, today=today)[:MY_DAY_MEETING_LIMIT])
    tomorrow = day_bounds(today)[1]
    commitment_counts = my_day_commitment_counts(user=user, today=today)
    meeting_counts = my_day_meeting_counts(user=user, today=today)
    context = {
        "today": today,
        "today_meetings": [meeting for meeting in meetings if meeting.starts_at < tomorrow],
        "later_meetings": [meeting for meeting in meetings if meeting.starts_at >= tomorrow],
        "meetings_cut": meeting_counts["week"] > len(meetings),
        "meeting_counts": meeting_counts,
        "commitments": list(my_day_commitments(user=user, today=today)[:MY_DAY_COMMITMENT_LIMIT]),
        "commitment_counts": commitment_counts,
        "nav": "home",
    }
    return render(request, "meetings/my_day.html", context)
