"""Suggested scores for the quantitative elements of sales interest.

Where sales records exist, an element such as "number of orders" is suggested from the
account's percentile among the accounts the user can see: the 78th percentile suggests 8.
The sales records belong to the planning app; it installs a provider (from its AppConfig.ready)
that measures accounts, and until one is installed nothing is suggested.

Percentiles are mid-rank: (accounts below + half of the accounts level with it) / accounts,
so ties share one percentile and the order of the accounts never matters. With fewer than
MIN_POPULATION accounts that have data, there is nothing to compare with and nothing is
suggested.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from analysis.models import SCORE_MAX, SCORE_MIN, Measure

MIN_POPULATION = 2

Number = int | Decimal


class SalesMeasuresProvider(Protocol):
    """Measures accounts from sales records: for each of `accounts` (a queryset of Account,
    already scoped to the user) that has sales data, its measures keyed by Measure value —
    orders, order_volume, buyers and purchase_volume over the 12 months up to `today`.
    Accounts without data are left out. Expected to cost a fixed number of queries."""

    def measures(self, *, accounts, today: date) -> Mapping[int, Mapping[str, Number]]: ...


_provider: SalesMeasuresProvider | None = None


def install_provider(provider: SalesMeasuresProvider | None) -> None:
    """Install (or, with None, remove) the provider of sales measures."""
    global _provider  # noqa: PLW0603 — one provider per process, set once at start-up
    _provider = provider


def installed_provider() -> SalesMeasuresProvider | None:
    return _provider


@dataclass(frozen=True)
class Suggestion:
    value: int
    percentile: int
    reason: str


def percentile_rank(value: Number, population: list[Number]) -> Decimal:
    """The mid-rank percentile (0–100) of `value` within `population` (which includes it)."""
    below = sum(1 for other in population if other < value)
    level = sum(1 for other in population if other == value)
    return Decimal(100) * (Decimal(below) + Decimal(level) / 2) / Decimal(len(population))


def score_from_percentile(percentile: int) -> int:
    """0–10th percentile → 1, 11–20th → 2, … 91–100th → 10."""
    return min(SCORE_MAX, max(SCORE_MIN, math.ceil(percentile / 10)))


def _display(value: Number) -> str:
    decimals = 0 if Decimal(value) == Decimal(value).to_integral_value() else 1
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def suggest(*, label: str, value: Number | None, population: list[Number]) -> Suggestion | None:
    """The suggestion for one measure, with its reason ("orders last 12 months: 143, 78th
    percentile → 8"); None without a value or with too few accounts to compare."""
    if value is None or len(population) < MIN_POPULATION:
        return None
    percentile = int(percentile_rank(value, population).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    score = score_from_percentile(percentile)
    reason = _("%(measure)s: %(value)s, %(percentile)s percentile → %(score)s") % {
        "measure": label,
        "value": _display(value),
        "percentile": ordinal(percentile),
        "score": score,
    }
    return Suggestion(value=score, percentile=percentile, reason=reason)


def suggestions_from_measures(
    *, account_id: int, measures: Mapping[int, Mapping[str, Number]]
) -> dict[str, Suggestion]:
    """Suggestions for each measure of one account, ranked among all measured accounts."""
    own = measures.get(account_id)
    if not own:
        return {}
    result = {}
    for measure in Measure:
        population = [row[measure.value] for row in measures.values() if row.get(measure.value) is not None]
        suggestion = suggest(label=str(measure.label), value=own.get(measure.value), population=population)
        if suggestion is not None:
            result[measure.value] = suggestion
    return result


def suggestions_for_account(*, account_id: int, accounts, today: date) -> dict[str, Suggestion]:
    """What the installed provider suggests for an account among `accounts` (the accounts the
    user can see); empty when no provider is installed."""
    provider = installed_provider()
    if provider is None:
        return {}
    return suggestions_from_measures(account_id=account_id, measures=provider.measures(accounts=accounts, today=today))
