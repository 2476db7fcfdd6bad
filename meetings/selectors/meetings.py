"""Reads of meetings for lists and for preparation, scoped to the user asking."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Account
from meetings.models import CalendarFeed, Commitment, Meeting
from meetings.selectors.annotations import overdue_expression, readiness_expression

# The private calendar feed covers this window around today.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 365


def previous_held_meeting(*, meeting: Meeting) -> Meeting | None:
    """The last meeting with the same account held before this one starts: what a new
    meeting's preparation starts from. One query."""
    return (
        Meeting.objects.filter(
            account_id=meeting.account_id, status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at
        )
        .exclude(pk=meeting.pk)
        .order_by("-starts_at", "-pk")
        .first()
    )


def _commitment_count(*, today: datetime.date | None = None):
    """A correlated count of the meeting's own open commitments (overdue ones only, when
    `today` is given): one subquery per shown row, never a GROUP BY over every meeting."""
    commitments = Commitment.objects.filter(meeting=OuterRef("pk"), status__in=Commitment.ACTIVE)
    if today is not None:
        commitments = commitments.filter(due_on__lt=today)
    counts = commitments.order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _with_list_columns(meetings: QuerySet[Meeting], *, today: datetime.date) -> QuerySet[Meeting]:
    return meetings.annotate(
        readiness=readiness_expression(),
        open_commitments=_commitment_count(),
        overdue_commitments=_commitment_count(today=today),
    )


class UpcomingFirst:
    """Meetings in "upcoming first" order — upcoming soonest first, then past ones latest
    first — read as two index-ordered queries rather than one sorted on an expression no
    index can serve (which sorted all 50,000 of a company's meetings for each page). A
    Paginator counts and slices it like a queryset: one count query, then one or two page
    queries."""

    def __init__(self, meetings: QuerySet[Meeting], *, now: datetime.datetime):
        self.meetings = meetings
        self.now = now
        self._counts: dict[str, int] | None = None

    def _split(self) -> dict[str, int]:
        if self._counts is None:
            # Counting starts_at (never NULL) rather than the pk lets the count read only an
            # index on starts_at, (account, starts_at) when scoped to accounts: for a director
            # of every region 75 index pages instead of all 4,600 of the meetings table.
            self._counts = self.meetings.order_by().aggregate(
                upcoming=Count("starts_at", filter=Q(starts_at__gte=self.now)), total=Count("starts_at")
            )
        return self._counts

    def count(self) -> int:
        return self._split()["total"]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[Meeting]:
        start, stop = page.start or 0, page.stop
        upcoming = self._split()["upcoming"]
        rows = []
        if start < upcoming:
            soonest = self.meetings.filter(starts_at__gte=self.now).order_by("starts_at", "pk")
            rows += list(soonest[start : min(stop, upcoming)])
        if stop > upcoming:
            latest = self.meetings.filter(starts_at__lt=self.now).order_by("-starts_at", "-pk")
            rows += list(latest[max(start - upcoming, 0) : stop - upcoming])
        return rows


def meeting_list_for_user(*, user, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings the user may see (KAM: their accounts'; director: their regions'; admin: all),
    with the account, readiness (annual meetings, in SQL) and the counts of the meeting's
    open and overdue commitments (`today` is the user's local date): a fixed number of
    queries however many rows are shown. Unordered: the caller sorts, or reads it through
    UpcomingFirst."""
    return _with_list_columns(Meeting.objects.visible_to(user).select_related("account"), today=today)


def meeting_list_for_account(*, account: Account, today: datetime.date) -> QuerySet[Meeting]:
    """The account's meetings for its Meetings tab (the caller has checked access), with
    readiness and commitment counts; split into upcoming and past by the caller's filters."""
    return _with_list_columns(account.meetings.all(), today=today)


def open_commitments_for_account(*, account: Account, today: datetime.date) -> QuerySet[Commitment]:
    """The account's open and in-progress commitments, overdue ones first (by `today`, the
    user's local date), then by due date; with their meeting and assignee. One query."""
    return (
        Commitment.objects.filter(account=account, status__in=Commitment.ACTIVE)
        .select_related("meeting", "assignee_user", "assignee_department")
        .annotate(overdue=overdue_expression(today))
        .order_by("-overdue", "due_on", "pk")
    )


def previous_meeting_for_account(*, account: Account, before: datetime.datetime) -> Meeting | None:
    """The latest meeting with the account that was not cancelled and started before
    `before`, with both lists of attendees: whom a new meeting invites by default. Three
    queries."""
    return (
        account.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__lt=before)
        .prefetch_related("attendees", "client_attendees")
        .order_by("-starts_at", "-pk")
        .first()
    )


def schedulable_accounts(*, user) -> QuerySet[Account]:
    """The accounts the user may schedule meetings with: those they may change."""
    return Account.objects.editable_by(user).order_by("name")


def attendee_choices(*, keep: Meeting | None = None):
    """Our people who may attend: active users, plus whoever already attends `keep` (so
    that editing a meeting does not drop a colleague who has since left)."""
    allowed = Q(is_active=True)
    if keep is not None and keep.pk:
        allowed |= Q(pk__in=keep.attendees.values("pk"))
    return get_user_model().objects.filter(allowed).order_by("last_name", "first_name", "username")


def calendar_feed_for_user(*, user) -> CalendarFeed | None:
    """The user's private calendar feed, if they created one."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_owner(*, token: str):
    """The active user a feed token belongs to, or None (unknown token, inactive user)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def meeting_feed_for_user(*, user, now: datetime.datetime) -> QuerySet[Meeting]:
    """The meetings of a user's calendar feed: those they attend or whose account they own,
    still only among the meetings they may see, from FEED_DAYS_BACK days ago to
    FEED_DAYS_AHEAD days ahead, cancelled ones included (calendars show them as cancelled).
    One query, with the account joined."""
    return (
        Meeting.objects.visible_to(user)
        .filter(Q(attendees=user) | Q(account__owner=user))
        .filter(
            starts_at__gte=now - datetime.timedelta(days=FEED_DAYS_BACK),
            starts_at__lte=now + datetime.timedelta(days=FEED_DAYS_AHEAD),
        )
        .select_related("account")
        .distinct()
        .order_by("starts_at", "pk")
    )
