"""Reads of "my day": the week's meetings, the commitments that are the user's own and those
they are waiting on, the plans to write or rework, the plan stages due, the accounts gone
quiet and the unread notifications.

Every list is scoped to the user asking through the accounts' (or commitments') own
visibility rule and costs one query however many rows it has (the two lists of commitments
two together), its count riding on its rows; the page's whole query count is therefore
fixed. "Today" is the user's local date, passed in by the caller.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Greatest, NullIf, RowNumber, TruncDate
from django.utils import timezone

from accounts.models import Account, DossierEntry, owned_or_team_ids
from kam.notifications.models import Notification
from kam.notifications.selectors import notification_list_for_user
from meetings.models import Commitment, Meeting
from meetings.selectors.annotations import flag, readiness_expression
from meetings.selectors.commitments import commitment_list_for_user, commitment_rows
from planning.models import AccountPlan, PlanStage, PlanTransition, SalesPlan, SalesRecord
from planning.selectors.development import stage_overdue

MY_DAY_MEETING_LIMIT = 30
MY_DAY_COMMITMENT_LIMIT = 25
MY_DAY_PLAN_LIMIT = 10
MY_DAY_STAGE_LIMIT = 15
MY_DAY_QUIET_LIMIT = 8
# "Show them all" still reads a bounded list: a KAM has a handful of accounts, an
# administrator's team membership is the only way to many more.
MY_DAY_QUIET_ALL_LIMIT = 200
MY_DAY_NOTIFICATION_LIMIT = 5

# What "within the week" and "no contact" mean on my day.
WEEK_DAYS = 7
QUIET_DAYS = 60
# Next year's sales plans are written in the last quarter: from October my day lists the
# accounts still without one. Earlier in the year the list would only be noise.
PLANNING_SEASON_MONTH = 10

# Stands in for "never" so GREATEST compares dates on every database (SQLite returns NULL
# when any argument is NULL); turned back into NULL before it leaves the query.
_NEVER = datetime.date(1900, 1, 1)


def day_bounds(today: datetime.date, days: int = 1) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight of `today` and `days` days later, in the active (the user's) time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time.min, tzinfo=zone)
    return start, end


def _week_end(today: datetime.date) -> datetime.date:
    """The first day after the week that starts today: due before it means due this week."""
    return today + datetime.timedelta(days=WEEK_DAYS)


def _my_account_ids(user) -> RawSQL:
    """The pks of the accounts the user owns or is in the team of: "my accounts" on my day,
    for every role (an administrator or a director sees many more, but these are theirs)."""
    return owned_or_team_ids(user)


def _with_total(queryset: QuerySet) -> QuerySet:
    """`total`: how many rows match, counted in the same query as the first few."""
    return queryset.annotate(total=Window(Count("pk")))


def total(rows: list) -> int:
    """How many rows the list was cut from (its rows carry `total`)."""
    return rows[0].total if rows else 0


# Meetings ----------------------------------------------------------------------------------


def _my_meetings(*, user, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings of the next seven days (today included) that are the user's business:
    for directors every meeting of their regions; for others those of accounts they may see
    that they attend or whose account they own. Cancelled ones are left out."""
    start, end = day_bounds(today, days=WEEK_DAYS)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Meeting.Status.CANCELLED)
    )
    if not user.is_director:
        attending = Meeting.attendees.through.objects.filter(user=user).values("meeting")
        meetings = meetings.filter(Q(pk__in=attending) | Q(account__owner=user))
    return meetings


def my_day_meetings(*, user, today: datetime.date) -> list[Meeting]:
    """The week's first MY_DAY_MEETING_LIMIT meetings in time order with their account and,
    for annual meetings, the checklist readiness in per cent. Each row carries `total`, how
    many meetings the week has, and `today_total`, how many of them are today (see
    my_day_meeting_counts): one query."""
    start, end = day_bounds(today)
    meetings = (
        _my_meetings(user=user, today=today)
        .select_related("account")
        .annotate(
            readiness=readiness_expression(),
            today_total=Window(Count("pk", filter=Q(starts_at__gte=start, starts_at__lt=end))),
        )
        .order_by("starts_at", "pk")
    )
    return list(_with_total(meetings)[:MY_DAY_MEETING_LIMIT])


def my_day_meeting_counts(meetings: list[Meeting]) -> dict[str, int]:
    """How many meetings are today and in the whole week, from the rows of my_day_meetings."""
    return {"today": meetings[0].today_total if meetings else 0, "week": total(meetings)}


# Commitments -------------------------------------------------------------------------------


def _mine(user) -> Q:
    """Commitments the user has to deliver: assigned to them or to their department."""
    condition = Q(assignee_user=user)
    if user.department_id:
        condition |= Q(assignee_department_id=user.department_id)
    return condition


def _waiting_on_others(user, today: datetime.date) -> Q:
    """Commitments the user is waiting on: on their accounts (owned or team), assigned to a
    department or to someone else, due this week or overdue. A director also waits on the
    overdue ones of their regions (the caller's visible_to scopes those to the regions)."""
    # The negation keeps unassigned rows: Django adds IS NULL for the nullable assignees.
    others = ~_mine(user)
    on_my_accounts = Q(account__in=_my_account_ids(user), due_on__lt=_week_end(today))
    if user.is_director:
        on_my_accounts |= Q(due_on__lt=today)
    return others & on_my_accounts


def _active(condition: Q) -> Q:
    return Q(status__in=Commitment.ACTIVE) & condition


@dataclass(frozen=True)
class CommitmentList:
    """The first rows of a list of commitments on my day, how many it has and how many of
    them are overdue."""

    rows: list[Commitment]
    total: int
    overdue: int


def _heads(commitments: QuerySet[Commitment], *, mine: Q, today: datetime.date) -> dict[bool, tuple]:
    """The keys of each list's first MY_DAY_COMMITMENT_LIMIT commitments (the user's own, and
    those they wait on), overdue first, then by due date, with how many each list has and how
    many of them are overdue: window totals per list, one query for both."""
    per_list = {"partition_by": F("owed")}
    heads = (
        commitments.annotate(owed=flag(mine))
        .annotate(
            position=Window(RowNumber(), order_by=(F("is_overdue").desc(), "due_on", "pk"), **per_list),
            listed=Window(Count("pk"), **per_list),
            late=Window(Count("pk", filter=Q(due_on__lt=today)), **per_list),
        )
        .filter(position__lte=MY_DAY_COMMITMENT_LIMIT)
        .order_by("position")
        .values_list("owed", "pk", "listed", "late")
    )
    keys: dict[bool, list[int]] = {True: [], False: []}
    totals: dict[bool, tuple[int, int]] = {}
    for owed, key, listed, late in heads:
        keys[owed].append(key)
        totals[owed] = (listed, late)
    return {owed: (keys[owed], *totals.get(owed, (0, 0))) for owed in (True, False)}


def my_day_commitments(*, user, today: datetime.date) -> tuple[CommitmentList, CommitmentList]:
    """The open and in-progress commitments the user has to deliver, whatever their due
    date, and those others owe on the user's accounts, due this week or overdue: the first
    few of each, overdue first, then by due date, each row flagged like the queue's, with
    how many each list has and how many are overdue. Two queries: both lists' keys and
    totals, then the rows of both."""
    mine = _mine(user)
    listed = commitment_list_for_user(user=user, today=today, within=_active(mine | _waiting_on_others(user, today)))
    heads = _heads(listed, mine=mine, today=today)
    rows = commitment_rows(heads[True][0] + heads[False][0], user=user, today=today)

    def with_rows(keys: list[int], count: int, overdue: int) -> CommitmentList:
        return CommitmentList([rows[key] for key in keys], count, overdue)

    return with_rows(*heads[True]), with_rows(*heads[False])


# Plans -------------------------------------------------------------------------------------


def my_day_plans_in_progress(*, user) -> list[SalesPlan]:
    """The user's sales plans not yet submitted: returned for changes first (with the
    director's comment, who returned it and when, from the plan's last transition), then
    drafts, oldest year first. "The user's" means on an account they own or are in the team
    of, or (a regional plan) written by them. One query, at most MY_DAY_PLAN_LIMIT rows;
    each carries `total`, how many there are."""
    if not (user.is_kam or user.is_director or user.is_admin):
        return []
    returned = PlanTransition.objects.filter(plan=OuterRef("pk"), to_status=SalesPlan.Status.RETURNED).order_by(
        "-at", "-pk"
    )
    plans = (
        SalesPlan.objects.filter(status__in=(SalesPlan.Status.RETURNED, SalesPlan.Status.DRAFT))
        .filter(Q(account__in=_my_account_ids(user)) | Q(region__isnull=False, author=user))
        .select_related("account", "region")
        .annotate(
            returned_comment=Subquery(returned.values("comment")[:1]),
            returned_at=Subquery(returned.values("at")[:1]),
            returned_by=Subquery(
                returned.annotate(name=Concat("by__first_name", Value(" "), "by__last_name")).values("name")[:1]
            ),
            is_returned=flag(Q(status=SalesPlan.Status.RETURNED)),
        )
        .order_by("-is_returned", "year", "account__name", "region__name", "pk")
    )
    return list(_with_total(plans)[:MY_DAY_PLAN_LIMIT])


def plan_year_to_write(*, today: datetime.date) -> int | None:
    """The year whose sales plans my day asks for: next year, from October on; else none."""
    return today.year + 1 if today.month >= PLANNING_SEASON_MONTH else None


def my_day_plans_to_write(*, user, today: datetime.date) -> list[Account]:
    """From October: the accounts the user owns or is in the team of, may change, and sold
    to this year or last, that have no sales plan for next year yet; by name. One query, at
    most MY_DAY_PLAN_LIMIT rows, each carrying `total`; an empty list before October."""
    year = plan_year_to_write(today=today)
    if year is None:
        return []
    sold = SalesRecord.objects.filter(account=OuterRef("pk"), month__gte=datetime.date(year - 2, 1, 1))
    planned = SalesPlan.objects.filter(account=OuterRef("pk"), year=year)
    accounts = (
        Account.objects.editable_by(user)
        .filter(pk__in=_my_account_ids(user))
        .alias(sold_recently=Exists(sold), planned=Exists(planned))
        .filter(sold_recently=True, planned=False)
        .order_by("name", "pk")
    )
    return list(_with_total(accounts)[:MY_DAY_PLAN_LIMIT])


def my_day_stages(*, user, today: datetime.date) -> list[PlanStage]:
    """Open stages of development plans that the user owns, due this week or overdue, on
    plans that are not closed and accounts they may see; overdue first, by deadline. One
    query, at most MY_DAY_STAGE_LIMIT rows, each carrying `total` and `is_overdue`."""
    stages = (
        PlanStage.objects.visible_to(user)
        .filter(owner=user, done_at__isnull=True, deadline__lt=_week_end(today))
        .exclude(plan__status=AccountPlan.Status.CLOSED)
        .select_related("plan", "account")
        .annotate(is_overdue=stage_overdue(today))
        .order_by("deadline", "pk")
    )
    return list(_with_total(stages)[:MY_DAY_STAGE_LIMIT])


# Accounts gone quiet -----------------------------------------------------------------------


def quiet_since(today: datetime.date) -> datetime.date:
    """The earliest date a contact still counts as recent: QUIET_DAYS days before today. A
    contact on that day keeps the account off the list; one a day earlier does not."""
    return today - datetime.timedelta(days=QUIET_DAYS)


def my_day_quiet_accounts(*, user, today: datetime.date, limit: int = MY_DAY_QUIET_LIMIT) -> list[Account]:
    """The user's accounts (owned or team, lost ones left out) with neither a held meeting
    nor a dossier entry in the last QUIET_DAYS days; never-contacted first, then the
    longest-quiet. Each row has `last_contact` (a date in the user's zone, or None) and
    `total`. One query: the last meeting and last entry are correlated subqueries."""
    zone = timezone.get_current_timezone()
    last_meeting = (
        Meeting.objects.filter(account=OuterRef("pk"), status=Meeting.Status.HELD)
        .order_by("-starts_at")
        .annotate(day=TruncDate("starts_at", tzinfo=zone))
        .values("day")[:1]
    )
    last_entry = DossierEntry.objects.filter(account=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")[:1]
    never = Value(_NEVER, output_field=DateField())
    accounts = (
        Account.objects.visible_to(user)
        .filter(pk__in=_my_account_ids(user))
        .exclude(status=Account.Status.LOST)
        .annotate(
            last_contact=NullIf(
                Greatest(
                    Coalesce(Subquery(last_meeting, output_field=DateField()), never),
                    Coalesce(Subquery(last_entry, output_field=DateField()), never),
                ),
                never,
            )
        )
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=quiet_since(today)))
        .order_by(F("last_contact").asc(nulls_first=True), "name", "pk")
    )
    return list(_with_total(accounts)[:limit])


# Notifications -----------------------------------------------------------------------------


def my_day_notifications(*, user) -> tuple[int, list[Notification]]:
    """The user's unread count and their latest unread notifications: one query (the count
    is a window total on the rows)."""
    unread = notification_list_for_user(user=user).filter(read_at__isnull=True)
    latest = list(_with_total(unread)[:MY_DAY_NOTIFICATION_LIMIT])
    return total(latest), latest
