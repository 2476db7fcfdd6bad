"""Negotiation limits: whether a target or an agreed value crosses the line we may not cross,
and by how much. Pure arithmetic on the target's fields, no database."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Breach:
    field: str  # the agreed field that crossed its limit
    label: str
    limit: Decimal
    value: Decimal
    by: Decimal  # the size of the breach, always positive


# (agreed field, limit field, True when the value must stay at or above the limit, label)
RULES = (
    ("agreed_price", "min_price", True, _("price below the lowest price")),
    ("agreed_discount", "max_discount", False, _("discount above the largest discount")),
    ("agreed_volume", "min_volume", True, _("volume below the smallest volume")),
)


def breaches(target) -> list[Breach]:
    """The agreed values of `target` that lie beyond their limits."""
    found = []
    for agreed_field, limit_field, floor, label in RULES:
        value, limit = getattr(target, agreed_field), getattr(target, limit_field)
        if value is None or limit is None:
            continue
        by = limit - value if floor else value - limit
        if by > 0:
            found.append(Breach(agreed_field, str(label), limit, value, by))
    return found
