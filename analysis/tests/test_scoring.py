from decimal import Decimal

import pytest

from analysis import scoring
from analysis.scoring import Weighted, weighted_total


def test_equal_weights_give_the_mean_with_one_decimal():
    assert weighted_total([Weighted(7, Decimal(1)), Weighted(8, Decimal(1)), Weighted(8, Decimal(1))]) == Decimal("7.7")


def test_weights_pull_the_total_towards_heavier_criteria():
    assert weighted_total([Weighted(10, Decimal(3)), Weighted(2, Decimal(1))]) == Decimal("8.0")


def test_half_rounds_up():
    assert weighted_total([Weighted(7, Decimal(1)), Weighted(8, Decimal(1))]) == Decimal("7.5")
    # 6.25 → 6.3, not banker's 6.2
    assert weighted_total([Weighted(6, Decimal(3)), Weighted(7, Decimal(1))]) == Decimal("6.3")


def test_nothing_scored_has_no_total():
    assert weighted_total([]) is None


@pytest.mark.parametrize(
    ("competitiveness", "interest", "key"),
    [
        ("8", "9", "partner"),
        ("3", "9", "develop"),
        ("8", "2", "defend"),
        ("3", "2", "serve"),
        ("5.5", "5.6", "develop"),
    ],
)
def test_quadrants_split_at_the_middle_of_the_scale(competitiveness, interest, key):
    assert scoring.quadrant(Decimal(competitiveness), Decimal(interest)).key == key


def test_no_position_no_quadrant():
    assert scoring.quadrant(None, Decimal(5)) is None


def test_change_since_previous():
    assert scoring.change(7, 5) == 2
    assert scoring.change(Decimal("6.1"), Decimal("6.4")) == Decimal("-0.3")
    assert scoring.change(7, None) is None


def test_change_is_rounded_to_the_totals_one_decimal():
    assert str(scoring.change(Decimal("7.5"), Decimal("5.29999999999999982236431605997495353221893310546875"))) == "2.2"
    assert scoring.change(8, 6) == 2
    assert scoring.change(None, Decimal("1.0")) is None
