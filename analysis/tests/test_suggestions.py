from decimal import Decimal

import pytest
from django.utils import translation

from analysis.suggestions import (
    percentile_rank,
    score_from_percentile,
    suggest,
    suggestions_from_measures,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en-gb"):
        yield


def test_reason_says_value_percentile_and_score():
    population = list(range(1, 101))  # 143 is not among them: take the 78th value
    suggestion = suggest(label="orders last 12 months", value=78, population=population)
    assert suggestion.percentile == 78  # 77 below + half of itself = 77.5 → 78
    assert suggestion.value == 8
    assert suggestion.reason == "orders last 12 months: 78, 78th percentile → 8"


def test_large_values_are_grouped_in_the_reason():
    suggestion = suggest(label="order volume", value=Decimal("12500.5"), population=[Decimal(1), Decimal("12500.5")])
    assert "12,500.5" in suggestion.reason


@pytest.mark.parametrize(
    ("percentile", "score"), [(0, 1), (1, 1), (10, 1), (11, 2), (50, 5), (78, 8), (91, 10), (100, 10)]
)
def test_percentile_maps_to_a_tenth_of_the_scale(percentile, score):
    assert score_from_percentile(percentile) == score


def test_ties_share_one_percentile_whatever_the_order():
    population = [5, 10, 10, 10, 20]
    assert percentile_rank(10, population) == percentile_rank(10, list(reversed(population))) == Decimal(50)
    assert suggest(label="x", value=10, population=population).value == 5


def test_everyone_level_sits_in_the_middle():
    assert {suggest(label="x", value=3, population=[3, 3, 3, 3]).value} == {5}


def test_top_and_bottom_of_ten_get_the_ends_of_the_scale():
    population = list(range(10))
    assert suggest(label="x", value=9, population=population).value == 10
    assert suggest(label="x", value=0, population=population).value == 1


def test_a_single_account_has_nothing_to_compare_with():
    assert suggest(label="x", value=143, population=[143]) is None


def test_no_data_suggests_nothing():
    assert suggest(label="x", value=None, population=[1, 2, 3]) is None
    assert suggestions_from_measures(account_id=1, measures={}) == {}
    assert suggestions_from_measures(account_id=1, measures={2: {"orders": 5}, 3: {"orders": 8}}) == {}


def test_each_measure_is_ranked_among_accounts_that_have_it():
    measures = {
        1: {"orders": 143, "buyers": 3},
        2: {"orders": 20, "buyers": 9},
        3: {"orders": 60},  # no buyer data: not in the buyers ranking
        4: {"orders": 143, "buyers": None},
    }
    result = suggestions_from_measures(account_id=1, measures=measures)
    assert set(result) == {"orders", "buyers"}
    assert result["orders"].percentile == 75  # (2 below + 2 level / 2) / 4
    assert result["buyers"].percentile == 25  # (0 below + 1 / 2) / 2
    assert result["buyers"].value == 3
