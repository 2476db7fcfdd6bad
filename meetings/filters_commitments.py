"""Filters and sorting of the commitments queue (django-filter)."""

import datetime

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.filters import ModelChoiceFilter
from kam.users.models import Department
from meetings.models import Commitment

Status = Commitment.Status

ACTIVE, OVERDUE, ANY = "active", "overdue", "all"
STATUS_CHOICES = [
    (ACTIVE, _("Open or in progress")),
    (OVERDUE, _("Overdue")),
    *Status.choices,
    (ANY, _("Any status")),
]
ME, MY_DEPARTMENT = "me", "department"
DUE, ACCOUNT, STATUS = "due", "account", "status"
SORT_CHOICES = [
    (DUE, _("Due date, overdue first")),
    (f"-{DUE}", _("Due date, latest first")),
    (ACCOUNT, _("Account")),
    (f"-{ACCOUNT}", _("Account, Z to A")),
    (STATUS, _("Status")),
    (f"-{STATUS}", _("Status, reversed")),
]
# What the queue shows when the user has chosen nothing.
DEFAULTS = {"status": ACTIVE, "sort": DUE}

# The statuses in the order of a commitment's life, for sorting by status.
STATUS_ORDER = Case(
    *(When(status=value, then=Value(rank)) for rank, value in enumerate(Status.values)),
    output_field=IntegerField(),
)


def status_condition(value: str | None, today: datetime.date) -> Q | None:
    """The rows a choice of the status filter keeps; None keeps them all (any status, or a
    choice the form rejects and the filter therefore ignores)."""
    if value == ACTIVE:
        return Q(status__in=Commitment.ACTIVE)
    if value == OVERDUE:
        return Q(status__in=Commitment.ACTIVE, due_on__lt=today)
    if value in Status.values:
        return Q(status=value)
    return None


def status_asked(data: QueryDict, today: datetime.date) -> Q | None:
    """What the queue's status filter will keep for these parameters (its default when they
    name none). The view hands it to the selector as well, where it narrows the visibility
    lookups themselves (CommitmentQuerySet.visible_to)."""
    return status_condition(data.get("status") or DEFAULTS["status"], today)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CommitmentFilter(django_filters.FilterSet):
    """The queue's filters. Needs the user (whose commitments "me" and "my department" are,
    and which accounts they may pick) and today's date in their time zone (for "overdue")."""

    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label=_("Status"), empty_label=None
    )
    assignee = django_filters.ChoiceFilter(method="filter_assignee", label=_("Assigned to"), empty_label=_("Anyone"))
    department = ModelChoiceFilter(
        field_name="assignee_department",
        queryset=Department.objects.all(),
        label=_("Department"),
        empty_label=_("Any department"),
    )
    account = ModelChoiceFilter(queryset=Account.objects.none(), label=_("Account"), empty_label=_("Any account"))
    due_from = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due from"), widget=DateInput()
    )
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label=_("Due until"), widget=DateInput())
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="sort_by", label=_("Sort"), empty_label=None)

    class Meta:
        model = Commitment
        fields = ["status", "assignee", "department", "account", "due_from", "due_to"]

    def __init__(self, data=None, *args, user, today: datetime.date, **kwargs):
        merged = data.copy() if data is not None else None
        if merged is not None:
            for name, value in DEFAULTS.items():
                if not merged.get(name):
                    merged[name] = value
        super().__init__(merged, *args, **kwargs)
        self.user = user
        self.today = today
        assignee_choices = [(ME, _("Me"))]
        if user.department_id:
            assignee_choices.append((MY_DEPARTMENT, _("My department")))
        self.filters["assignee"].extra["choices"] = assignee_choices
        if user.is_department_member:
            # The queue is already only their department's and theirs: "assigned to" is the
            # one choice that matters, and no account may be picked.
            del self.filters["account"]
            del self.filters["department"]
        else:
            self.filters["account"].queryset = Account.objects.visible_to(user).order_by("name")

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = status_condition(value, self.today)
        return queryset if condition is None else queryset.filter(condition)

    def filter_assignee(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == ME:
            return queryset.filter(assignee_user=self.user)
        if value == MY_DEPARTMENT and self.user.department_id:
            return queryset.filter(assignee_department_id=self.user.department_id)
        return queryset

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        descending = value.startswith("-")
        key = value.removeprefix("-")
        if key == ACCOUNT:
            columns = ["account__name", "due_on"]
        elif key == STATUS:
            queryset = queryset.annotate(status_order=STATUS_ORDER)
            columns = ["status_order", "due_on"]
        elif descending:
            return queryset.order_by("-due_on", "-pk")
        else:
            # Needs the list selector's is_overdue annotation.
            return queryset.order_by("-is_overdue", "due_on", "pk")
        if descending:
            columns[0] = f"-{columns[0]}"
        return queryset.order_by(*columns, "pk")
