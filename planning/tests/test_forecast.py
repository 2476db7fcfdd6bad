"""Plan against actual arithmetic: staged year-to-date targets, the run-rate forecast, the miss flag."""

from decimal import Decimal

import pytest

from planning.forecast import plan_vs_actual, run_rate_forecast, ytd_target

D = Decimal
# Q1 300, Q2 600, Q3 900, Q4 1200: a year's target of 3000.
QUARTERS = (D("300"), D("600"), D("900"), D("1200"))


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (0, "0.00"),  # a future year: nothing is due yet
        (1, "100.00"),  # January, first month of Q1: ⅓ × 300
        (3, "300.00"),  # March, last month of Q1: all of Q1
        (4, "500.00"),  # April, first month of Q2: 300 + ⅓ × 600
        (5, "700.00"),  # May: 300 + ⅔ × 600
        (6, "900.00"),  # June, last month of Q2: 300 + 600
        (7, "1200.00"),  # July, first month of Q3: 900 + ⅓ × 900
        (12, "3000.00"),  # a past year, or December: the whole target
    ],
)
def test_ytd_target_adds_whole_quarters_and_prorates_the_current_one(months, expected):
    assert ytd_target(QUARTERS, months) == D(expected)


def test_ytd_target_rounds_a_third_of_a_quarter_to_cents():
    assert ytd_target((D("100"), D("0"), D("0"), D("0")), 1) == D("33.33")
    assert ytd_target((D("100"), D("0"), D("0"), D("0")), 2) == D("66.67")


@pytest.mark.parametrize("months", [-1, 13])
def test_ytd_target_refuses_impossible_month_counts(months):
    with pytest.raises(ValueError):
        ytd_target(QUARTERS, months)


def test_forecast_is_the_run_rate_over_twelve_months():
    assert run_rate_forecast(D("1000"), 4) == D("3000.00")
    assert run_rate_forecast(D("700"), 3) == D("2800.00")
    assert run_rate_forecast(D("100"), 7) == D("171.43")
    assert run_rate_forecast(D("2500"), 12) == D("2500.00")


def test_no_forecast_before_the_year_starts():
    assert run_rate_forecast(D("0"), 0) is None


def test_a_line_behind_its_target_misses():
    # April elapsed: target to date 300 + 200 = 500; 400 sold; run rate 400 / 4 × 12 = 1200.
    result = plan_vs_actual(target=D("3000"), quarters=QUARTERS, actual=D("400"), months_elapsed=4)
    assert result.ytd_target == D("500.00")
    assert result.ytd_percent == D("80.0")
    assert result.forecast == D("1200.00")
    assert result.forecast_gap == D("-1800.00")
    assert result.forecast_percent == D("40.0")
    assert result.misses is True


def test_a_line_on_its_run_rate_does_not_miss():
    # June elapsed: 900 due, 1500 sold; 1500 / 6 × 12 = 3000 exactly: reaching the target is no miss.
    result = plan_vs_actual(target=D("3000"), quarters=QUARTERS, actual=D("1500"), months_elapsed=6)
    assert result.ytd_percent == D("166.7")
    assert result.forecast == D("3000.00")
    assert result.forecast_gap == D("0.00")
    assert result.misses is False


def test_a_line_one_cent_short_misses():
    # 12 months elapsed: the forecast is the actual itself.
    result = plan_vs_actual(target=D("3000"), quarters=QUARTERS, actual=D("2999.99"), months_elapsed=12)
    assert result.forecast == D("2999.99")
    assert result.misses is True


def test_future_year_has_no_forecast_and_no_flag():
    result = plan_vs_actual(target=D("3000"), quarters=QUARTERS, actual=D("0"), months_elapsed=0)
    assert result.ytd_target == D("0.00")
    assert result.ytd_percent is None
    assert result.forecast is None and result.forecast_gap is None and result.forecast_percent is None
    assert result.misses is False


def test_a_zero_target_gives_no_percentages():
    zero = (D("0"),) * 4
    result = plan_vs_actual(target=D("0"), quarters=zero, actual=D("50"), months_elapsed=5)
    assert result.ytd_percent is None and result.forecast_percent is None
    assert result.forecast == D("120.00")
    assert result.misses is False
