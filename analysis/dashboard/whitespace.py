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


def whitespace_for_dashboard(
    *, account_ids: list[int], names: dict[int, str], year: int, today: datetime.date
) -> WhitespaceGrid:
    """The grid of these accounts (already scoped; `names` their names by id, as the at-risk
    query read them) in the year: the grid's own queries (the period, the groups, one grouped
    sum over these few accounts' records, the competitors), none for the accounts."""
    period = grid_period(choice=str(min(year, today.year)), today=today)
    # The compact grid shows an account's name and links to it by id: nothing else to read.
    chosen = [Account(pk=pk, name=names[pk]) for pk in account_ids if pk in names]
    return whitespace_grid(accounts=chosen, period=period)
