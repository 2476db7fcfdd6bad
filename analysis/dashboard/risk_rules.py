"""When a key account is "at risk" on the dashboard, and why. The selector
(analysis.dashboard.at_risk) applies these rules in SQL to pick and rank the accounts; here
they say, from the figures it read, why each account shown is at risk. No database access.

An account is at risk when any of these holds (each gives a reason shown next to it;
`rule_texts()` is how the page states them):

* **Sales fall year over year** – its turnover year to date is at least DECLINE_PERCENT below
  the same months of last year (it sold something then).
* **Sales fall in the last quarter** – its last three months with data sold at least
  DECLINE_PERCENT less than the three months before them.
* **Sales interest falls** – its latest assessment scores sales interest at least
  INTEREST_DROP points below the assessment before.
* **Overdue commitments** – at least one commitment of its meetings is open past its due date.
* **No meeting for long** – more than MEETING_GAP_DAYS days since its last held meeting, or
  none held at all.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DECLINE_PERCENT = Decimal(10)  # a fall of exactly this much counts
INTEREST_DROP = Decimal(1)  # points of the 1–10 sales-interest score; exactly this counts
MEETING_GAP_DAYS = 90  # exactly 90 days is still fine; 91 is not


def rule_texts() -> list[str]:
    """The rules as the page states them, in the language of the request."""
    return [
        _("Turnover year to date at least %(percent)s%% below the same months of last year.")
        % {"percent": DECLINE_PERCENT},
        _("The last three months sold at least %(percent)s%% less than the three before.")
        % {"percent": DECLINE_PERCENT},
        _("Sales interest down by %(points)s point or more since the previous assessment.") % {"points": INTEREST_DROP},
        _("At least one commitment overdue."),
        _("No meeting held for more than %(days)s days (or none held yet).") % {"days": MEETING_GAP_DAYS},
    ]


SALES_YOY, SALES_QUARTER, INTEREST, OVERDUE, NO_MEETING = "sales_yoy", "sales_quarter", "interest", "overdue", "meeting"


class AccountFigures(NamedTuple):
    """What the rules look at for one account (None: no data of that kind). A named tuple:
    the export builds one for each of up to thousands of accounts at risk, and a tuple is
    made several times faster than a frozen dataclass."""

    revenue_ytd: Decimal | None = None
    revenue_ytd_last_year: Decimal | None = None
    revenue_last_quarter: Decimal | None = None
    revenue_quarter_before: Decimal | None = None
    sales_interest: Decimal | None = None
    previous_sales_interest: Decimal | None = None
    overdue_commitments: int = 0
    last_meeting_on: datetime.date | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


def change_percent(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change from `before` to `now` in per cent, one decimal; None when there was
    nothing before to compare with."""
    if before is None or before <= 0:
        return None
    return ((Decimal(now or 0) - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def declines(now: Decimal | None, before: Decimal | None) -> bool:
    """A fall of DECLINE_PERCENT or more (exactly the threshold counts), on the exact sums
    as the selector's SQL compares them, not on the rounded per cent."""
    if before is None or before <= 0:
        return False
    return Decimal(now or 0) <= before * (1 - DECLINE_PERCENT / 100)


def interest_falls(latest: Decimal | None, previous: Decimal | None) -> bool:
    return latest is not None and previous is not None and previous - latest >= INTEREST_DROP


def meeting_gap(last_meeting_on: datetime.date | None, today: datetime.date) -> int | None:
    return None if last_meeting_on is None else (today - last_meeting_on).days


def no_recent_meeting(last_meeting_on: datetime.date | None, today: datetime.date) -> bool:
    gap = meeting_gap(last_meeting_on, today)
    return gap is None or gap > MEETING_GAP_DAYS


def reasons(figures: AccountFigures, *, today: datetime.date) -> list[Reason]:
    """Every rule the account breaks, in the order of the rules, each said with its figures."""
    found = []
    if declines(figures.revenue_ytd, figures.revenue_ytd_last_year):
        found.append(
            Reason(
                SALES_YOY,
                _("Turnover year to date %(change)s%% against last year")
                % {"change": change_percent(figures.revenue_ytd, figures.revenue_ytd_last_year)},
            )
        )
    if declines(figures.revenue_last_quarter, figures.revenue_quarter_before):
        found.append(
            Reason(
                SALES_QUARTER,
                _("Last three months %(change)s%% against the three before")
                % {"change": change_percent(figures.revenue_last_quarter, figures.revenue_quarter_before)},
            )
        )
    if interest_falls(figures.sales_interest, figures.previous_sales_interest):
        found.append(
            Reason(
                INTEREST,
                _("Sales interest fell from %(before)s to %(now)s")
                # One decimal at most, as the scores are entered ("5.2", "3"), in the
                # language's own decimal mark.
                % {
                    "before": floatformat(figures.previous_sales_interest, -1),
                    "now": floatformat(figures.sales_interest, -1),
                },
            )
        )
    if figures.overdue_commitments > 0:
        found.append(
            Reason(
                OVERDUE,
                ngettext("%(count)s commitment overdue", "%(count)s commitments overdue", figures.overdue_commitments)
                % {"count": figures.overdue_commitments},
            )
        )
    if no_recent_meeting(figures.last_meeting_on, today):
        gap = meeting_gap(figures.last_meeting_on, today)
        text = (
            _("No meeting held yet")
            if gap is None
            else ngettext("No meeting for %(days)s day", "No meeting for %(days)s days", gap) % {"days": gap}
        )
        found.append(Reason(NO_MEETING, text))
    return found
