"""Sums over the yearly sales summary (planning.models.SalesYearSummary), whose running totals
make any run of months one column or the difference of two: the expressions here turn "the
revenue of these months" into that arithmetic, for grouped queries over the summary."""

import datetime
from decimal import Decimal

from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from planning.models import margin_to, revenue_to

COLUMNS = {"revenue": revenue_to, "margin": margin_to}


def _within_year(kind: str, year: int, first_month: int, last_month: int) -> Coalesce:
    to = COLUMNS[kind]
    months = F(to(last_month))
    if first_month > 1:
        months = months - F(to(first_month - 1))
    return Coalesce(Sum(months, filter=Q(year=year)), Value(Decimal(0)), output_field=DecimalField())


def total_between(kind: str, first: datetime.date, last: datetime.date):
    """The sum of `kind` ("revenue" or "margin") from the month of `first` through the month
    of `last`, as an aggregate over summary rows; the rows must include the years the months
    fall in. Zero for an empty run."""
    if (first.year, first.month) > (last.year, last.month):
        return Coalesce(Sum(Value(Decimal(0))), Value(Decimal(0)), output_field=DecimalField())
    parts = []
    for year in range(first.year, last.year + 1):
        first_month = first.month if year == first.year else 1
        last_month = last.month if year == last.year else 12
        parts.append(_within_year(kind, year, first_month, last_month))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total
