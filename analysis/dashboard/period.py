"""The months the dashboard's sales figures cover: the chosen year up to the latest month the
monthly summary has data for (a month not imported yet is not a month of zero sales), and the
same months of the year before, to compare with; and when the summary was last refreshed."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from planning.models import SalesSummary, SalesSummaryRefresh
from planning.selectors.plan_actuals import months_elapsed
from planning.selectors.sales import month_start, months_before


def _aware(value: datetime.datetime | str | None) -> datetime.datetime | None:
    """A timestamp as a raw cursor returns it: SQLite gives UTC text, PostgreSQL a datetime."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def summary_state(*, today: datetime.date) -> tuple[datetime.date | None, datetime.datetime | None]:
    """The latest month with sales in the summary (never after today's month) and when the
    summary was last refreshed; None for what there is none of yet. One query of two scalar
    subqueries, the end of the (month, account) index and of the refresh log (a UNION of the
    two would be one too, but SQLite refuses LIMIT inside one)."""
    latest_month = SalesSummary.objects.filter(month__lte=month_start(today)).order_by("-month").values("month")[:1]
    latest_refresh = SalesSummaryRefresh.objects.order_by("-refreshed_at").values("refreshed_at")[:1]
    month_sql, month_params = latest_month.query.sql_with_params()
    refresh_sql, refresh_params = latest_refresh.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only ORM-compiled SQL goes into the text; values stay parameters.
        cursor.execute(f"SELECT ({month_sql}), ({refresh_sql})", (*month_params, *refresh_params))  # noqa: S608
        through, refreshed_at = cursor.fetchone()
    if isinstance(through, str):
        through = datetime.date.fromisoformat(through)
    return through, _aware(refreshed_at)


@dataclass(frozen=True)
class DashboardPeriod:
    year: int
    through: datetime.date | None  # the latest month with data, company-wide
    months: int  # months of `year` that count (0 to 12)
    sales_as_of: datetime.datetime | None = None  # when the monthly summary was last refreshed

    @property
    def started(self) -> bool:
        return self.months > 0

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last(self) -> datetime.date | None:
        """The last month of the year that counts; None while none does."""
        return datetime.date(self.year, self.months, 1) if self.months else None

    @property
    def previous_first(self) -> datetime.date:
        return datetime.date(self.year - 1, 1, 1)

    @property
    def previous_last(self) -> datetime.date | None:
        return datetime.date(self.year - 1, self.months, 1) if self.months else None

    @property
    def last_quarter(self) -> tuple[datetime.date, datetime.date] | None:
        """The three months ending with the last one that counts."""
        return (months_before(self.last, 2), self.last) if self.last else None

    @property
    def quarter_before(self) -> tuple[datetime.date, datetime.date] | None:
        return (months_before(self.last, 5), months_before(self.last, 3)) if self.last else None


def dashboard_period(*, year: int, today: datetime.date) -> DashboardPeriod:
    """The period of `year` as far as the summary goes, and how fresh it is: one query."""
    through, refreshed_at = summary_state(today=today)
    return DashboardPeriod(
        year=year, through=through, months=months_elapsed(year=year, through=through), sales_as_of=refreshed_at
    )
