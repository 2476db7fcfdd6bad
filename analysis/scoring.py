"""Weighted totals, the portfolio quadrants and their strategies: pure arithmetic, no ORM.

A total is the weighted mean of the 1–10 scores of one dimension, with one decimal (half up),
so it stays on the same 1–10 scale whatever the weights add up to.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ONE_DECIMAL = Decimal("0.1")
# The middle of the 1–10 scale: a total above it is "high".
MIDPOINT = Decimal("5.5")


@dataclass(frozen=True)
class Weighted:
    value: int
    weight: Decimal


def weighted_total(items: Iterable[Weighted]) -> Decimal | None:
    """Σ value × weight / Σ weight, rounded half up to one decimal; None when nothing is
    scored (or every weight is zero)."""
    total = Decimal(0)
    weights = Decimal(0)
    for item in items:
        weight = Decimal(item.weight)
        total += Decimal(item.value) * weight
        weights += weight
    if weights <= 0:
        return None
    return (total / weights).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | int | None:
    """How much a score moved since the previous assessment (None if either is missing)."""
    if current is None or previous is None:
        return None
    moved = current - previous
    # Totals carry one decimal; SQLite hands window results back through a float, so the
    # difference is rounded to what the totals can hold rather than shown as 2.20000000000000.
    return moved.quantize(Decimal("0.1")) if isinstance(moved, Decimal) else moved


@dataclass(frozen=True)
class Quadrant:
    key: str
    title: str | Promise
    action: str | Promise  # the strategy in a few words, for the chart
    strategy: str | Promise
    high_competitiveness: bool
    high_interest: bool


QUADRANTS = (
    Quadrant(
        "partner",
        _("Strategic partners"),
        _("Invest and plan jointly"),
        _("Joint plans, top-to-top meetings, first call on new products."),
        True,
        True,
    ),
    Quadrant(
        "develop",
        _("Clients to develop"),
        _("Develop the client"),
        _("Help the client sell on — training, marketing support, logistics advice."),
        False,
        True,
    ),
    Quadrant(
        "defend",
        _("Share to win"),
        _("Defend and grow share"),
        _("A strong client, lukewarm to us: find what wins the next orders."),
        True,
        False,
    ),
    Quadrant(
        "serve",
        _("Efficient service"),
        _("Serve efficiently"),
        _("Standard terms, low cost to serve, watch for change."),
        False,
        False,
    ),
)


def quadrant(competitiveness: Decimal | None, sales_interest: Decimal | None) -> Quadrant | None:
    """The quadrant of a position on the matrix; a total exactly at the midpoint counts as low."""
    if competitiveness is None or sales_interest is None:
        return None
    high_c = Decimal(competitiveness) > MIDPOINT
    high_i = Decimal(sales_interest) > MIDPOINT
    return next(q for q in QUADRANTS if q.high_competitiveness == high_c and q.high_interest == high_i)
