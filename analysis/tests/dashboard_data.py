"""A small world for the dashboard tests, with figures worked out by hand.

Today is Monday 15 June 2026 (Moscow); sales run January to May, so "year to date" is five
months. Region North (the `director`'s) has `account` (owned by `owner`); region South has
`south_account` (owned by `other_kam`), whose figures must never reach the North's totals.

North, 2026 Jan–May: film 1,000 a month (margin 100), boxes 400 a month (margin 40)
  → turnover 7,000, margin 700. 2025 Jan–May: film 1,000 + boxes 1,000 a month → 10,000;
  2025 Jun–Dec: film 1,000 a month. Growth: 7,000 against 10,000 = −30.0 %.
North's approved plan for 2026: film target 12,000 (3,000 a quarter), boxes 6,000 (1,500 a
  quarter), baselines 12,000 each. Target to date (Q1 + ⅔ Q2): 5,000 + 2,500 = 7,500;
  actual 7,000 = 93.3 %. Planned growth 18,000 against 24,000 = −25.0 %.
South, 2026 Jan–May: film 9,000 a month; its approved plan: film 100,000.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.tests.factories import AccountFactory
from analysis.models import Assessment
from kam.users.tests.factories import DepartmentFactory
from meetings.models import Commitment, Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory
from planning.models import PlanTransition, SalesPlan, SalesPlanLine, SalesRecord
from planning.summary import rebuild_sales_summary
from planning.tests.factories import ProductFactory, ProductGroupFactory

NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)  # 12:00 in Moscow
TODAY = datetime.date(2026, 6, 15)


def month(year: int, number: int) -> datetime.date:
    return datetime.date(year, number, 1)


def catalogue():
    film = ProductGroupFactory(code="film", name="Film", position=0)
    boxes = ProductGroupFactory(code="boxes", name="Boxes", position=1)
    return {
        "film": film,
        "boxes": boxes,
        "p_film": ProductFactory(code="F1", group=film),
        "p_boxes": ProductFactory(code="B1", group=boxes),
    }


def sale(account, product, day, revenue, margin) -> SalesRecord:
    return SalesRecord.objects.create(
        account=account, product=product, month=day, volume=Decimal(1), revenue=Decimal(revenue), margin=Decimal(margin)
    )


def plan(account, author, year, lines, status=SalesPlan.Status.APPROVED) -> SalesPlan:
    """`lines`: (group, target, baseline); the target staged in four equal quarters."""
    sales_plan = SalesPlan.objects.create(account=account, year=year, author=author, status=status)
    for group, target, baseline in lines:
        quarter = Decimal(target) / 4
        SalesPlanLine.objects.create(
            plan=sales_plan,
            group=group,
            target_revenue=Decimal(target),
            baseline_revenue=Decimal(baseline),
            q1_revenue=quarter,
            q2_revenue=quarter,
            q3_revenue=quarter,
            q4_revenue=quarter,
        )
    return sales_plan


def north_and_south(*, account, owner, other_kam, other_region, cat):
    """The sales and plans described above; rebuilds the summary. Returns the South account."""
    for number in range(1, 6):
        sale(account, cat["p_film"], month(2026, number), 1000, 100)
        sale(account, cat["p_boxes"], month(2026, number), 400, 40)
        sale(account, cat["p_boxes"], month(2025, number), 1000, 100)
    for number in range(1, 13):
        sale(account, cat["p_film"], month(2025, number), 1000, 100)
    south = AccountFactory(name="South Trading", owner=other_kam, region=other_region)
    for number in range(1, 6):
        sale(south, cat["p_film"], month(2026, number), 9000, 900)
    plan(account, owner, 2026, [(cat["film"], 12000, 12000), (cat["boxes"], 6000, 12000)])
    plan(south, other_kam, 2026, [(cat["film"], 100000, 50000)])
    rebuild_sales_summary()
    return south


def commitments(*, account, south):
    """Logistics' commitments of `account` (see the test for the hand count) and one overdue
    of the South's, which the North's totals must leave out."""
    logistics = DepartmentFactory(name="Logistics", slug="logistics")
    meeting = MeetingFactory(account=account, status=Meeting.Status.HELD, starts_at=NOW - datetime.timedelta(days=40))
    tz = timezone.get_current_timezone()

    def make(due_offset: int, status=Commitment.Status.OPEN, done_offset: int | None = None):
        due = TODAY + datetime.timedelta(days=due_offset)
        done_at = None
        if done_offset is not None:
            done_at = datetime.datetime.combine(
                due + datetime.timedelta(days=done_offset), datetime.time(18), tzinfo=tz
            )
        return CommitmentFactory(
            meeting=meeting, assignee_department=logistics, due_on=due, status=status, done_at=done_at
        )

    make(-10, Commitment.Status.DONE, done_offset=0)  # on time, to the day
    make(-20, Commitment.Status.DONE, done_offset=1)  # a day late
    make(-5)  # overdue
    make(-30, Commitment.Status.CANCELLED)  # counts neither way
    make(2)  # due this week (Monday 15 to Sunday 21 June)
    make(10)  # open, later
    south_meeting = MeetingFactory(
        account=south, status=Meeting.Status.HELD, starts_at=NOW - datetime.timedelta(days=3)
    )
    CommitmentFactory(meeting=south_meeting, assignee_department=logistics, due_on=TODAY - datetime.timedelta(days=3))
    return logistics


def activity(*, account, owner, south, other_kam):
    """The owner's year: two held meetings, one held last year, one planned; an assessment; a
    plan submitted. The South's manager: one held meeting."""
    for days in (10, 50):
        MeetingFactory(
            account=account,
            status=Meeting.Status.HELD,
            starts_at=NOW - datetime.timedelta(days=days),
            attendees=[owner],
        )
    MeetingFactory(
        account=account,
        status=Meeting.Status.HELD,
        starts_at=datetime.datetime(2025, 11, 1, 9, tzinfo=datetime.UTC),
        attendees=[owner],
    )
    MeetingFactory(account=account, starts_at=NOW + datetime.timedelta(days=3), attendees=[owner])
    Assessment.objects.create(
        account=account, by=owner, assessed_on=TODAY, competitiveness=Decimal("6.0"), sales_interest=Decimal("7.0")
    )
    submitted = plan(account, owner, 2027, [], status=SalesPlan.Status.SUBMITTED)
    PlanTransition.objects.create(
        plan=submitted, from_status=SalesPlan.Status.DRAFT, to_status=SalesPlan.Status.SUBMITTED, by=owner
    )
    MeetingFactory(
        account=south, status=Meeting.Status.HELD, starts_at=NOW - datetime.timedelta(days=5), attendees=[other_kam]
    )
