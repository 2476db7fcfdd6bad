"""The at-risk rules on their edges (pure), and the selector applying them to the database:
exactly 90 days without a meeting is fine, 91 is not; a fall of exactly the threshold counts."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Account
from accounts.tests.factories import AccountFactory
from analysis.dashboard import risk_rules
from analysis.dashboard.at_risk import accounts_at_risk
from analysis.dashboard.filters import DashboardFilters, filtered_accounts
from analysis.dashboard.period import dashboard_period
from analysis.models import Assessment
from analysis.tests import dashboard_data as data
from meetings.models import Meeting
from meetings.tests.factories import CommitmentFactory, MeetingFactory
from planning.summary import rebuild_sales_summary

TODAY = data.TODAY
Figures = risk_rules.AccountFigures


def codes(figures: Figures) -> list[str]:
    return [reason.code for reason in risk_rules.reasons(figures, today=TODAY)]


RECENT = TODAY - datetime.timedelta(days=10)


def test_a_fall_of_exactly_the_threshold_counts():
    assert codes(Figures(revenue_ytd=Decimal(90), revenue_ytd_last_year=Decimal(100), last_meeting_on=RECENT)) == [
        risk_rules.SALES_YOY
    ]


def test_a_fall_just_short_of_the_threshold_does_not():
    assert (
        codes(Figures(revenue_ytd=Decimal("90.01"), revenue_ytd_last_year=Decimal(100), last_meeting_on=RECENT)) == []
    )


def test_nothing_sold_last_year_is_no_decline():
    assert codes(Figures(revenue_ytd=Decimal(0), revenue_ytd_last_year=None, last_meeting_on=RECENT)) == []
    assert codes(Figures(revenue_ytd=Decimal(0), revenue_ytd_last_year=Decimal(0), last_meeting_on=RECENT)) == []


def test_last_quarter_against_the_one_before():
    figures = Figures(revenue_last_quarter=Decimal(80), revenue_quarter_before=Decimal(100), last_meeting_on=RECENT)
    reasons = risk_rules.reasons(figures, today=TODAY)
    assert [r.code for r in reasons] == [risk_rules.SALES_QUARTER]
    assert "-20.0%" in reasons[0].text


def test_exactly_ninety_days_without_a_meeting_is_fine_ninety_one_is_not():
    assert codes(Figures(last_meeting_on=TODAY - datetime.timedelta(days=90))) == []
    assert codes(Figures(last_meeting_on=TODAY - datetime.timedelta(days=91))) == [risk_rules.NO_MEETING]
    assert codes(Figures(last_meeting_on=None)) == [risk_rules.NO_MEETING]


def test_sales_interest_falling_by_a_point_counts():
    fell = Figures(sales_interest=Decimal("5.0"), previous_sales_interest=Decimal("6.0"), last_meeting_on=RECENT)
    barely = Figures(sales_interest=Decimal("5.1"), previous_sales_interest=Decimal("6.0"), last_meeting_on=RECENT)
    assert codes(fell) == [risk_rules.INTEREST] and codes(barely) == []


def test_sales_interest_is_said_with_one_decimal_at_most():
    # As read from the database: a numeric column with many decimal places.
    fell = Figures(
        sales_interest=Decimal("3.00000000000000"),
        previous_sales_interest=Decimal("5.20000000000000"),
        last_meeting_on=RECENT,
    )
    reasons = risk_rules.reasons(fell, today=TODAY)
    assert [r.text for r in reasons] == ["Sales interest fell from 5.2 to 3"]


def test_overdue_commitments_say_how_many():
    reasons = risk_rules.reasons(Figures(overdue_commitments=2, last_meeting_on=RECENT), today=TODAY)
    assert [(r.code, r.text) for r in reasons] == [(risk_rules.OVERDUE, "2 commitments overdue")]


def test_the_rules_are_stated_with_their_thresholds():
    texts = risk_rules.rule_texts()
    assert len(texts) == 5 and "10%" in texts[0] and "90 days" in texts[4]


# The selector ---------------------------------------------------------------------------


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(data.NOW, tick=False)


def at_risk_for(user):
    accounts = filtered_accounts(user=user, filters=DashboardFilters(year=2026))
    return accounts_at_risk(accounts=accounts, period=dashboard_period(year=2026, today=TODAY), today=TODAY)


def held(account, days_ago: int, hour: int = 23):
    """A meeting held `days_ago` days before today, late in the evening Moscow time."""
    day = TODAY - datetime.timedelta(days=days_ago)
    starts = datetime.datetime.combine(
        day, datetime.time(hour, 30), tzinfo=datetime.timezone(datetime.timedelta(hours=3))
    )
    return MeetingFactory(account=account, status=Meeting.Status.HELD, starts_at=starts)


@pytest.mark.django_db
def test_selector_ninety_days_since_the_meeting_is_not_at_risk_ninety_one_is(frozen, director, region, owner):
    ninety = AccountFactory(name="Ninety", region=region, owner=owner)
    ninety_one = AccountFactory(name="Ninety-one", region=region, owner=owner)
    held(ninety, 90)
    held(ninety_one, 91)
    result = at_risk_for(director)
    assert [(a.name, [r.code for r in a.reasons]) for a in result.accounts] == [("Ninety-one", ["meeting"])]


@pytest.mark.django_db
def test_selector_a_sales_fall_of_exactly_the_threshold_counts(frozen, director, region, owner):
    cat = data.catalogue()
    exactly = AccountFactory(name="Exactly ten", region=region, owner=owner)
    less = AccountFactory(name="Nine", region=region, owner=owner)
    for account, now in ((exactly, 900), (less, 901)):
        held(account, 5)
        for number in range(1, 6):
            data.sale(account, cat["p_film"], data.month(2025, number), 1000, 0)
            data.sale(account, cat["p_film"], data.month(2026, number), now, 0)
        for number in range(6, 13):  # the quarter before stays level with the last one
            data.sale(account, cat["p_film"], data.month(2025, number), now, 0)
    rebuild_sales_summary()
    result = at_risk_for(director)
    assert [(a.name, [r.code for r in a.reasons]) for a in result.accounts] == [("Exactly ten", ["sales_yoy"])]
    assert result.accounts[0].figures.revenue_ytd == Decimal(4500)


@pytest.mark.django_db
def test_selector_reads_overdue_commitments_and_falling_interest(frozen, director, region, owner):
    account = AccountFactory(name="Slipping", region=region, owner=owner)
    meeting = held(account, 3)
    CommitmentFactory(meeting=meeting, due_on=TODAY - datetime.timedelta(days=1))
    CommitmentFactory(meeting=meeting, due_on=TODAY)  # due today: not overdue yet
    for day, interest in ((TODAY - datetime.timedelta(days=60), "7.0"), (TODAY, "5.5")):
        Assessment.objects.create(
            account=account, assessed_on=day, competitiveness=Decimal(5), sales_interest=Decimal(interest)
        )
    reasons = at_risk_for(director).accounts[0].reasons
    assert [r.code for r in reasons] == ["interest", "overdue"]
    assert reasons[1].text == "1 commitment overdue"


@pytest.mark.django_db
def test_selector_leaves_out_lost_accounts_and_other_regions(frozen, director, region, other_region, owner):
    AccountFactory(name="Lost", region=region, owner=owner, status=Account.Status.LOST)
    AccountFactory(name="Elsewhere", region=other_region, owner=owner)
    assert at_risk_for(director).count == 0


def sold(account, cat, *, last_year: int, this_year: int, before: int | None = None):
    """Five months of film this year and last, and the seven after them last year (`before`,
    level with this year's unless given: no fall in the last quarter against the one before)."""
    for number in range(1, 6):
        data.sale(account, cat["p_film"], data.month(2025, number), last_year, 0)
        data.sale(account, cat["p_film"], data.month(2026, number), this_year, 0)
    for number in range(6, 13):
        data.sale(account, cat["p_film"], data.month(2025, number), this_year if before is None else before, 0)


@pytest.mark.django_db
def test_selector_a_fall_in_the_last_quarter_counts(frozen, director, region, owner):
    cat = data.catalogue()
    falling = AccountFactory(name="Falling", region=region, owner=owner)
    held(falling, 5)
    # 1,000 a month both years, but 2,000 in December 2025.
    for year, number in [(2025, n) for n in range(1, 13)] + [(2026, n) for n in range(1, 6)]:
        data.sale(falling, cat["p_film"], data.month(year, number), 2000 if (year, number) == (2025, 12) else 1000, 0)
    rebuild_sales_summary()
    # Last quarter Mar–May: 3,000; the one before Dec–Feb: 4,000, a fall of 25 %.
    result = at_risk_for(director)
    assert [(a.name, [r.code for r in a.reasons]) for a in result.accounts] == [("Falling", ["sales_quarter"])]


@pytest.mark.django_db
def test_selector_ranks_by_the_number_of_reasons_then_by_name_and_counts_them_all(
    frozen, director, region, owner, monkeypatch
):
    cat = data.catalogue()
    # Two reasons: no meeting and an overdue commitment (its meeting is planned, not held).
    for name in ("Zeta", "alpha"):
        account = AccountFactory(name=name, region=region, owner=owner)
        meeting = MeetingFactory(account=account, status=Meeting.Status.PLANNED)
        CommitmentFactory(meeting=meeting, due_on=TODAY - datetime.timedelta(days=3))
    # One reason: no meeting.
    for name in ("Beta", "Gamma"):
        AccountFactory(name=name, region=region, owner=owner)
    # Three: falling sales too.
    worst = AccountFactory(name="Omega", region=region, owner=owner)
    CommitmentFactory(meeting=MeetingFactory(account=worst, status=Meeting.Status.PLANNED), due_on=RECENT)
    sold(worst, cat, last_year=1000, this_year=500)
    # Fine: met recently, nothing overdue, no sales to compare.
    held(AccountFactory(name="Fine", region=region, owner=owner), 3)
    rebuild_sales_summary()

    result = at_risk_for(director)
    assert [a.name for a in result.accounts] == ["Omega", "alpha", "Zeta", "Beta", "Gamma"]
    assert [len(a.reasons) for a in result.accounts] == [3, 2, 2, 1, 1]
    assert (result.count, result.more) == (5, 0)

    accounts = filtered_accounts(user=director, filters=DashboardFilters(year=2026))
    period = dashboard_period(year=2026, today=TODAY)
    first_two = accounts_at_risk(accounts=accounts, period=period, today=TODAY, shown=2)
    assert [a.name for a in first_two.accounts] == ["Omega", "alpha"]
    assert (first_two.count, first_two.more) == (5, 3)


@pytest.mark.django_db
def test_selector_names_the_biggest_sellers_and_counts_every_status(frozen, director, region, other_region, owner):
    cat = data.catalogue()
    amounts = {"Small": 100, "Large": 900, "Middle": 500}
    for name, amount in amounts.items():
        account = AccountFactory(name=name, region=region, owner=owner)
        held(account, 3)
        sold(account, cat, last_year=amount, this_year=amount)
    lost = AccountFactory(name="Lost but big", region=region, owner=owner, status=Account.Status.LOST)
    sold(lost, cat, last_year=5000, this_year=2000)
    sold(AccountFactory(name="Elsewhere", region=other_region, owner=owner), cat, last_year=9000, this_year=9000)
    AccountFactory(name="Nothing sold", region=region, owner=owner, status=Account.Status.PROSPECT)
    rebuild_sales_summary()

    result = at_risk_for(director)
    # A lost account still bought this year: it is among the biggest, never at risk.
    assert [name for _pk, name in result.biggest] == ["Lost but big", "Large", "Middle", "Small"]
    assert [a.name for a in result.accounts] == ["Nothing sold"]
    assert result.statuses[Account.Status.LOST] == 1
    assert result.statuses[Account.Status.PROSPECT] == 1
    assert sum(result.statuses.values()) == 5


@pytest.mark.django_db
def test_selector_before_any_month_of_the_year_has_sales(frozen, director, region, owner):
    # No summary yet: no sales rule can break, the others still do.
    AccountFactory(name="Quiet", region=region, owner=owner)
    result = at_risk_for(director)
    assert [(a.name, [r.code for r in a.reasons]) for a in result.accounts] == [("Quiet", ["meeting"])]
    assert result.biggest == []
