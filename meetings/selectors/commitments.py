"""Reads of commitments for the queue, a commitment's page and "my day", and the week's
meetings that "my day" shows beside them. Each is scoped to the user asking and costs a
fixed number of queries however many rows it returns."""

import datetime

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Account
from meetings.models import Commitment, CommitmentUpdate, Meeting
from meetings.selectors.annotations import overdue_expression, readiness_expression

MY_DAY_MEETING_LIMIT = 30
MY_DAY_COMMITMENT_LIMIT = 25


def _flag(condition: bool | Q):
    """A boolean column: constant, or `condition` evaluated per row."""
    if isinstance(condition, bool):
        return Value(condition, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _account_visible(user) -> bool | Q:
    """Rows whose account the user may open: never for department members, always for
    administrators, otherwise by the accounts' own visibility rule."""
    if user.is_department_member:
        return False
    if user.is_admin:
        return True
    return Q(account__in=Account.objects.visible_to(user).values("pk"))


def _may_progress(user) -> bool | Q:
    """Rows the user may move along: assigned to them or their department, or on an account
    they may change (meetings.selectors.access.commitment_may_progress, in SQL)."""
    if user.is_admin:
        return True
    condition = Q(assignee_user=user)
    if user.department_id:
        condition |= Q(assignee_department_id=user.department_id)
    if user.is_kam:
        condition |= Q(account__in=Account.objects.editable_by(user).values("pk"))
    return condition


def commitment_list_for_user(*, user, today: datetime.date) -> QuerySet[Commitment]:
    """Commitments the user may see (CommitmentQuerySet.visible_to), with what a queue row
    shows joined in and three flags computed by the database: `is_overdue` (active and due
    before `today`, the user's local date), `account_visible` (whether the account and the
    meeting may be linked to) and `may_progress`. One query for any number of rows."""
    return (
        Commitment.objects.visible_to(user)
        .select_related("account", "meeting", "assignee_user", "assignee_department")
        .annotate(
            is_overdue=overdue_expression(today),
            account_visible=_flag(_account_visible(user)),
            may_progress=_flag(_may_progress(user)),
        )
    )


def commitment_row_for_user(*, user, pk: int, today: datetime.date) -> Commitment | None:
    """One queue row, as the list shows it (after a move, to redraw it in place)."""
    return commitment_list_for_user(user=user, today=today).filter(pk=pk).first()


def commitment_is_overdue(*, commitment: Commitment, today: datetime.date) -> bool:
    """The rule of annotations.overdue_expression for one loaded commitment."""
    return commitment.is_active and commitment.due_on < today


def commitment_account_visible(*, user, commitment: Commitment) -> bool:
    """Whether the commitment's page may link to its account and meeting (a meeting is
    visible exactly when its account is). At most one query; none for department members."""
    visible = _account_visible(user)
    if isinstance(visible, bool):
        return visible
    return Account.objects.visible_to(user).filter(pk=commitment.account_id).exists()


def commitment_update_list(*, commitment: Commitment) -> QuerySet[CommitmentUpdate]:
    """The commitment's timeline, newest first, with who made each move: one query."""
    return commitment.updates.select_related("by")


# "My day" ----------------------------------------------------------------------------------


def _concerns(user, today: datetime.date) -> Q:
    """The commitments that are the user's business on "my day": assigned to them or their
    department; on accounts they own or are in the team of; for directors, the overdue
    ones of their regions (the caller's visible_to scopes those to the regions)."""
    condition = Q(assignee_user=user)
    if user.department_id:
        condition |= Q(assignee_department_id=user.department_id)
    owned = Account.objects.filter(owner=user).values("pk")
    in_team = Account.team.through.objects.filter(user=user).values("account")
    condition |= Q(account__in=owned) | Q(account__in=in_team)
    if user.is_director:
        condition |= Q(due_on__lt=today)
    return condition


def my_day_commitments(*, user, today: datetime.date) -> QuerySet[Commitment]:
    """The open and in-progress commitments that concern the user, overdue first, then by
    due date; each row flagged like the queue's. Slice it: the caller shows the first few."""
    return (
        commitment_list_for_user(user=user, today=today)
        .filter(status__in=Commitment.ACTIVE)
        .filter(_concerns(user, today))
        .order_by("-is_overdue", "due_on", "pk")
    )


def my_day_commitment_counts(*, user, today: datetime.date) -> dict[str, int]:
    """How many commitments concern the user and how many of those are overdue: one query."""
    return (
        Commitment.objects.visible_to(user)
        .filter(status__in=Commitment.ACTIVE)
        .filter(_concerns(user, today))
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )


def day_bounds(today: datetime.date, days: int = 1) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight of `today` and `days` days later, in the active (the user's) time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time.min, tzinfo=zone)
    return start, end


def _my_meetings(*, user, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings of the next seven days (today included) that are the user's business:
    for directors every meeting of their regions; for others those of accounts they may see
    that they attend or whose account they own. Cancelled ones are left out."""
    start, end = day_bounds(today, days=7)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Meeting.Status.CANCELLED)
    )
    if not user.is_director:
        attending = Meeting.attendees.through.objects.filter(user=user).values("meeting")
        meetings = meetings.filter(Q(pk__in=attending) | Q(account__owner=user))
    return meetings


def my_day_meetings(*, user, today: datetime.date) -> QuerySet[Meeting]:
    """The week's meetings in time order with their account and, for annual meetings, the
    checklist readiness in per cent: one query. Slice it: the caller shows the first few."""
    return (
        _my_meetings(user=user, today=today)
        .select_related("account")
        .annotate(readiness=readiness_expression())
        .order_by("starts_at", "pk")
    )


def my_day_meeting_counts(*, user, today: datetime.date) -> dict[str, int]:
    """How many of those meetings are today and in the whole week: one query."""
    start, end = day_bounds(today)
    return _my_meetings(user=user, today=today).aggregate(
        today=Count("pk", filter=Q(starts_at__gte=start, starts_at__lt=end)), week=Count("pk")
    )
