"""SQL expressions shared by the meeting and commitment lists: readiness in per cent and
overdue, computed by the database so a list of any length costs the same queries."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from meetings.models import ChecklistItem, Commitment
from meetings.readiness import CHECKLIST_SIZE, DRAFT_WEIGHT, READY_WEIGHT


def readiness_expression():
    """The meeting's checklist readiness, 0–100 (rounded down), as meetings.readiness counts
    it; NULL for meetings with no checklist (not annual)."""
    points = (
        ChecklistItem.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(
            points=Sum(
                Case(
                    When(status=ChecklistItem.Status.READY, then=Value(READY_WEIGHT)),
                    When(status=ChecklistItem.Status.DRAFT, then=Value(DRAFT_WEIGHT)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
        )
        .values("points")
    )
    return ExpressionWrapper(
        Subquery(points, output_field=IntegerField()) * 100 / (READY_WEIGHT * CHECKLIST_SIZE),
        output_field=IntegerField(),
    )


def flag(condition: bool | Q):
    """A boolean column: constant, or `condition` evaluated per row."""
    if isinstance(condition, bool):
        return Value(condition, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def overdue_expression(today: datetime.date):
    """True for an open or in-progress commitment whose due date is before `today` (the
    caller passes today in the user's time zone)."""
    return flag(Q(status__in=Commitment.ACTIVE, due_on__lt=today))


def open_commitment_count_expression():
    """How many commitments of the meeting's account are still open or in progress."""
    counts = (
        Commitment.objects.filter(account=OuterRef("account"), status__in=Commitment.ACTIVE)
        .order_by()
        .values("account")
        .annotate(n=Sum(Value(1)))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)
