""" "My day" (/ for account managers and administrators, /my-day/ for everyone but department
members): the week's meetings with the readiness of the annual ones, the commitments the user
owes and those they wait on, overdue first, the sales plans to write or rework, the plan
stages due, the accounts with no contact for two months and the unread notifications.
A fixed number of queries however busy the week."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kam.core.choices import choice_labels
from meetings.models import Commitment, Meeting
from meetings.selectors import my_day as selectors


@require_GET
def my_day(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_department_member:
        # Their day is the department's queue: nothing else on this page is theirs to see.
        return redirect("meetings:commitments")
    today = timezone.localdate()
    meetings = selectors.my_day_meetings(user=user, today=today)
    tomorrow = selectors.day_bounds(today)[1]
    meeting_counts = selectors.my_day_meeting_counts(meetings)
    all_quiet = request.GET.get("quiet") == "all"
    quiet_limit = selectors.MY_DAY_QUIET_ALL_LIMIT if all_quiet else selectors.MY_DAY_QUIET_LIMIT
    quiet_accounts = selectors.my_day_quiet_accounts(user=user, today=today, limit=quiet_limit)
    plans = selectors.my_day_plans_in_progress(user=user)
    plans_to_write = selectors.my_day_plans_to_write(user=user, today=today)
    stages = selectors.my_day_stages(user=user, today=today)
    unread, notifications = selectors.my_day_notifications(user=user)
    mine, waiting = selectors.my_day_commitments(user=user, today=today)
    context = {
        "today": today,
        "today_meetings": [meeting for meeting in meetings if meeting.starts_at < tomorrow],
        "later_meetings": [meeting for meeting in meetings if meeting.starts_at >= tomorrow],
        "meetings_cut": meeting_counts["week"] > len(meetings),
        "meeting_counts": meeting_counts,
        "my_commitments": mine.rows,
        "waiting_commitments": waiting.rows,
        "commitment_counts": {
            "mine": mine.total,
            "mine_overdue": mine.overdue,
            "waiting": waiting.total,
            "waiting_overdue": waiting.overdue,
        },
        "plans": plans,
        "plan_count": selectors.total(plans),
        "plan_year": selectors.plan_year_to_write(today=today),
        "plans_to_write": plans_to_write,
        "plans_to_write_count": selectors.total(plans_to_write),
        "stages": stages,
        "stage_count": selectors.total(stages),
        "quiet_accounts": quiet_accounts,
        "quiet_count": selectors.total(quiet_accounts),
        "quiet_days": selectors.QUIET_DAYS,
        "all_quiet": all_quiet,
        "unread": unread,
        "notifications": notifications,
        # Translated once for the page's rows.
        "meeting_kinds": choice_labels(Meeting.Kind),
        "meeting_statuses": choice_labels(Meeting.Status),
        "commitment_statuses": choice_labels(Commitment.Status),
        "nav": "home",
    }
    return render(request, "meetings/my_day.html", context)
