"""Reads of commitments for the queue and a commitment's page ("my day" builds on
commitment_list_for_user and commitment_rows, in meetings.selectors.my_day). Each is scoped
to the user asking and costs a fixed number of queries however many rows it returns."""

import datetime

from django.db.models import Q, QuerySet

from accounts.models import Account
from meetings.models import Commitment, CommitmentUpdate
from meetings.selectors.annotations import flag, overdue_expression


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


# Every column of the commitment, and of what it joins only what a row names: the account's
# and the meeting's long texts (the base information, the minutes) would otherwise come along
# with every row of a queue.
_ROW_FIELDS = (
    *(field.name for field in Commitment._meta.concrete_fields),
    "account__name",
    "meeting__title",
    "meeting__starts_at",
    "assignee_user__first_name",
    "assignee_user__last_name",
    "assignee_user__username",
    "assignee_department__name",
)


def _row_columns(commitments: QuerySet[Commitment], *, user, today: datetime.date) -> QuerySet[Commitment]:
    """What a row of the queue or of my day shows: the account, the meeting and the assignee
    joined in, and three flags computed by the database: `is_overdue` (active and due before
    `today`, the user's local date), `account_visible` (whether the account and the meeting
    may be linked to) and `may_progress`."""
    return (
        commitments.select_related("account", "meeting", "assignee_user", "assignee_department")
        .only(*_ROW_FIELDS)
        .annotate(
            is_overdue=overdue_expression(today),
            account_visible=flag(_account_visible(user)),
            may_progress=flag(_may_progress(user)),
        )
    )


def commitment_list_for_user(*, user, today: datetime.date, within: Q | None = None) -> QuerySet[Commitment]:
    """Commitments the user may see (CommitmentQuerySet.visible_to), flagged `is_overdue`
    (active and due before `today`, the user's local date): the list to filter, sort and
    count. Its rows are read through commitment_pages (or commitment_rows).

    `within` keeps only the rows that satisfy it, applied inside the visibility lookups so
    that a list of a few open commitments does not first gather all of a region's."""
    return Commitment.objects.visible_to(user, within=within).annotate(is_overdue=overdue_expression(today))


def commitment_rows(keys: list[int], *, user, today: datetime.date) -> dict[int, Commitment]:
    """These commitments as a queue row shows them (_row_columns), by key: one query, none
    without keys. The keys come from a list of the user's (commitment_list_for_user): that
    is what scopes these rows."""
    return _row_columns(Commitment.objects.all(), user=user, today=today).in_bulk(keys)


class KeysFirst:
    """A list of commitments read a slice at a time in two short queries: the slice's keys,
    cut from the list in its order on the commitment table alone, then those rows with their
    account, meeting and assignee (commitment_rows). One query sorting the joined rows made a
    regional director's queue join all 900 open commitments of the region to show 25. A
    Paginator counts and slices it like a queryset."""

    def __init__(self, commitments: QuerySet[Commitment], *, user, today: datetime.date):
        self.commitments = commitments
        self.user = user
        self.today = today

    def count(self) -> int:
        return self.commitments.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[Commitment]:
        keys = list(self.commitments.values_list("pk", flat=True)[page])
        rows = commitment_rows(keys, user=self.user, today=self.today)
        return [rows[key] for key in keys]


def commitment_pages(commitments: QuerySet[Commitment], *, user, today: datetime.date) -> KeysFirst:
    """`commitments` (commitment_list_for_user, filtered and sorted) to be read a slice at a
    time, each row as a queue row shows it: two queries per slice, one for the count, however
    long the list."""
    return KeysFirst(commitments, user=user, today=today)


def commitment_row_for_user(*, user, pk: int, today: datetime.date) -> Commitment | None:
    """One queue row, as the list shows it (after a move, to redraw it in place)."""
    return _row_columns(Commitment.objects.visible_to(user), user=user, today=today).filter(pk=pk).first()


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
