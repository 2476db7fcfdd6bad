"""Commitments by department: how many of the counted accounts' commitments each department
has open, due this week and overdue, and how many of those due in the last 90 days it closed
on time. Commitments assigned to a person (not a department) make one row of their own.

One query: the open commitments counted per department, and the done ones due in the window,
as two grouped parts of a UNION ALL. Each part reads a partial index that holds every column
it needs (Commitment's indexes), so neither visits the 200,000 rows of the table.
"Closed on time": done (status done) on or before the due date, by `done_at` in the
company's time zone; a cancelled commitment counts neither way. The week is Monday to
Sunday, today's.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.urls import reverse

from accounts.models import Account
from analysis.dashboard.filters import in_scope
from meetings.models import Commitment

ON_TIME_DAYS = 90
Status = Commitment.Status


@dataclass(frozen=True)
class DepartmentCommitments:
    department_id: int | None  # None: commitments assigned to a person
    name: str
    open: int
    due_this_week: int
    overdue: int
    due_in_window: int  # due in the last ON_TIME_DAYS days, cancelled ones left out
    on_time: int
    links: dict[str, str]

    @property
    def on_time_rate(self) -> Decimal | None:
        """Per cent of the commitments due in the window that were done by their due date."""
        if not self.due_in_window:
            return None
        return (Decimal(self.on_time) * 100 / self.due_in_window).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class CommitmentSummary:
    rows: list[DepartmentCommitments]
    total: DepartmentCommitments
    week: tuple[datetime.date, datetime.date]
    window_days: int = ON_TIME_DAYS


def _queue_url(**params) -> str:
    query = urlencode({name: value for name, value in params.items() if value not in (None, "")})
    return reverse("meetings:commitments") + (f"?{query}" if query else "")


def _links(department_id: int | None, today: datetime.date, week_end: datetime.date) -> dict[str, str]:
    """The commitments queue behind each figure, with its own filter parameters."""
    department = department_id or ""
    return {
        "open": _queue_url(department=department, status="active"),
        "week": _queue_url(department=department, status="active", due_from=today, due_to=week_end),
        "overdue": _queue_url(department=department, status="overdue"),
        "window": _queue_url(
            department=department,
            status="all",
            due_from=today - datetime.timedelta(days=ON_TIME_DAYS),
            due_to=today - datetime.timedelta(days=1),
        ),
    }


def commitments_by_department(*, accounts: QuerySet[Account], today: datetime.date) -> CommitmentSummary:
    """The counted accounts' commitments per assigned department, busiest first: one query."""
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    window_start = today - datetime.timedelta(days=ON_TIME_DAYS)
    in_window = Q(due_on__gte=window_start, due_on__lt=today)
    # Counting due_on, which is never null, counts rows from the index alone (the id is not in it).
    counted = Commitment.objects.filter(in_scope(accounts)).order_by()
    by_department = {"department_name": F("assignee_department__name")}
    nothing = Value(0, output_field=IntegerField())
    # Due in the window and not cancelled means open, in progress or done: the open ones and
    # those in progress are counted by the first part, the done ones by the second.
    active = (
        counted.filter(status__in=Commitment.ACTIVE)
        .values("assignee_department_id", **by_department)
        .annotate(
            open=Count("due_on"),
            due_this_week=Count("due_on", filter=Q(due_on__gte=today, due_on__lte=week_end)),
            overdue=Count("due_on", filter=Q(due_on__lt=today)),
            due_in_window=Count("due_on", filter=in_window),
            on_time=nothing,
        )
    )
    done = (
        counted.filter(in_window, status=Status.DONE)
        .annotate(done_on=TruncDate("done_at"))
        .values("assignee_department_id", **by_department)
        .annotate(
            open=nothing,
            due_this_week=nothing,
            overdue=nothing,
            due_in_window=Count("due_on"),
            on_time=Count("due_on", filter=Q(done_on__lte=F("due_on"))),
        )
    )
    names = ("open", "due_this_week", "overdue", "due_in_window", "on_time")
    rows: dict[int | None, dict] = {}
    for part in active.union(done, all=True).order_by():
        row = rows.setdefault(part["assignee_department_id"], {**part, **dict.fromkeys(names, 0)})
        for name in names:
            row[name] += part[name]
    departments = []
    for row in rows.values():
        department_id = row["assignee_department_id"]
        departments.append(
            DepartmentCommitments(
                department_id=department_id,
                name=row["department_name"] or "",
                links=_links(department_id, today, week_end),
                **{name: row[name] for name in names},
            )
        )
    # Departments by name, the commitments of people last.
    departments.sort(key=lambda d: (d.department_id is None, d.name.casefold()))
    total = DepartmentCommitments(
        department_id=None,
        name="",
        links=_links(None, today, week_end),
        **{name: sum(getattr(d, name) for d in departments) for name in names},
    )
    return CommitmentSummary(rows=departments, total=total, week=(today, week_end))
