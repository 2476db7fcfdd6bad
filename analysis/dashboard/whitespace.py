"""The whitespace grid in small: the counted accounts that bought most from us this year ×
the product groups, drawn by planning's own grid (planning.selectors.whitespace)."""

import datetime

from accounts.models import Account
from planning.selectors.whitespace import WhitespaceGrid, grid_period, whitespace_grid

ROWS = 8


def biggest_accounts(sales: dict[int, dict], rows: int = ROWS) -> list[int]:
    """The ids of the accounts with the highest turnover year to date (from the at-risk
    section's sales_by_account, so ranking them costs no query of its own)."""
    ranked = sorted(((row["ytd"], pk) for pk, row in sales.items() if row["ytd"] > 0), key=lambda t: (-t[0], t[1]))
    return [pk for _ytd, pk in ranked[:rows]]


def whitespace_for_dashboard(*, account_ids: list[int], year: int, today: datetime.date) -> WhitespaceGrid:
    """The grid of these accounts (already scoped) in the year: one query for the accounts,
    then the grid's own (the period, the groups, one grouped sum over these few accounts'
    records, the competitors)."""
    period = grid_period(choice=str(min(year, today.year)), today=today)
    chosen = {account.pk: account for account in Account.objects.filter(pk__in=account_ids)}
    return whitespace_grid(accounts=[chosen[pk] for pk in account_ids if pk in chosen], period=period)
