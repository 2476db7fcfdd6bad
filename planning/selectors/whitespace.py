"""Whitespace: where the account buys from us and where it does not, group by group, with the
competitors known to supply it there — the map of where to grow."""

import datetime

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum

from accounts.models import Account
from planning.models import CompetitorPresence, ProductGroup, SalesRecord
from planning.selectors.sales import last_twelve_months


def competitor_presence_list_for_account(*, account: Account) -> QuerySet[CompetitorPresence]:
    """The competitors recorded at the account (the caller has checked access), with their
    competitor and group joined in: one query."""
    return (
        CompetitorPresence.objects.filter(account=account)
        .select_related("competitor", "group")
        .order_by("competitor__name", "group__position", "group__name")
    )


def _last_twelve_months_sum(account: Account, first: datetime.date, last: datetime.date, metric: str) -> Subquery:
    records = (
        SalesRecord.objects.filter(account=account, product__group=OuterRef("pk"), month__gte=first, month__lte=last)
        .order_by()
        .values("product__group")
        .annotate(total=Sum(metric))
        .values("total")
    )
    return Subquery(records, output_field=DecimalField())


def whitespace_for_account(*, account: Account, today: datetime.date, presences: list[CompetitorPresence]) -> dict:
    """Every product group of the catalogue with what the account bought in it over the last
    12 months (volume and revenue, None where nothing) and the competitors present there.
    One query (a correlated sum per group, which stays on the account's own records); the
    competitors come from `presences`, already loaded by competitor_presence_list_for_account."""
    first, last = last_twelve_months(today)
    groups = ProductGroup.objects.annotate(
        volume=_last_twelve_months_sum(account, first, last, "volume"),
        revenue=_last_twelve_months_sum(account, first, last, "revenue"),
    ).order_by("position", "name")
    by_group: dict[int | None, list[CompetitorPresence]] = {}
    for presence in presences:
        by_group.setdefault(presence.group_id, []).append(presence)
    rows = [
        {
            "group": group,
            "volume": group.volume,
            "revenue": group.revenue,
            "buys": group.revenue is not None or group.volume is not None,
            "competitors": by_group.get(group.pk, []),
        }
        for group in groups
    ]
    return {
        "rows": rows,
        "in_general": by_group.get(None, []),
        "first_month": first,
        "last_month": last,
        "open_groups": sum(1 for row in rows if not row["buys"]),
    }
