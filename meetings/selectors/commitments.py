"""Reads of commitments for the queue and a commitment's page ("my day" builds on
commitment_list_for_user, in meetings.selectors.my_day). Each is scoped to the user asking
and costs a fixed number of queries however many rows it returns."""

import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from accounts.models import Account
from meetings.models import Commitment, CommitmentUpdate
from meetings.selectors.annotations import overdue_expression


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
