"""Negotiation limits: the target form refuses a target beyond its own limit, and an agreed
value beyond a limit is measured (meetings.limits) and flagged."""

from decimal import Decimal

import pytest

from meetings.forms.preparation import TargetForm
from meetings.limits import breaches
from meetings.models import NegotiationTarget

# The form checks the model's constraints too, which asks the database.
db = pytest.mark.django_db


def form(**values):
    data = {"product_name": "Film", "unit": "t", **{k: str(v) for k, v in values.items()}}
    return TargetForm(data)


@db
def test_target_price_below_the_lowest_price_is_a_form_error():
    f = form(target_price=89, min_price=90)
    assert not f.is_valid()
    assert "below the lowest price" in f.errors["target_price"][0]
    assert not f.non_field_errors()  # the database constraint does not repeat it


@db
def test_discount_above_the_largest_discount_is_a_form_error():
    f = form(target_discount=9, max_discount=8)
    assert not f.is_valid()
    assert "above the largest discount" in f.errors["target_discount"][0]


@db
def test_planned_volume_below_the_smallest_volume_is_a_form_error():
    f = form(planned_volume=99, min_volume=100)
    assert not f.is_valid()
    assert "below the smallest volume" in f.errors["planned_volume"][0]


@db
def test_targets_on_their_limits_are_valid():
    assert form(
        target_price=90, min_price=90, target_discount=8, max_discount=8, planned_volume=5, min_volume=5
    ).is_valid()


@db
@pytest.mark.parametrize("limit", [{"min_price": 90}, {"max_discount": 8}, {"min_volume": 100}])
def test_a_limit_without_a_target_is_valid(limit):
    assert form(**limit).is_valid()


@db
def test_a_discount_over_100_per_cent_is_a_form_error():
    f = form(max_discount=101)
    assert not f.is_valid()
    assert "max_discount" in f.errors


def test_breaches_measure_how_far_each_agreed_value_went():
    target = NegotiationTarget(
        min_price=Decimal("100"),
        agreed_price=Decimal("92.5"),
        max_discount=Decimal("8"),
        agreed_discount=Decimal("10"),
        min_volume=Decimal("50"),
        agreed_volume=Decimal("60"),
    )
    found = {breach.field: breach.by for breach in breaches(target)}
    assert found == {"agreed_price": Decimal("7.5"), "agreed_discount": Decimal("2")}


def test_no_limit_no_breach():
    assert breaches(NegotiationTarget(agreed_price=Decimal("1"))) == []
