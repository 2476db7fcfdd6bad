"""The whitespace grid in small: the counted accounts that bought most from us this year ×
the product groups, drawn by planning's own grid (planning.selectors.whitespace)."""

import datetime

from accounts.models import Account
from planning.selectors.whitespace import WhitespaceGrid, grid_period, whitespace_grid


def whitespace_for_dashboard(*, accounts: list[tuple[int, str]], year: int, today: datetime.date) -> WhitespaceGrid:
    """The grid of these accounts, (id, name) pairs already scoped and ranked (the at-risk
    statement reads the accounts that sold most), in the year: the grid's own queries (the
    period, the groups, one grouped sum over these few accounts' records, the competitors),
    none for the accounts."""
    period = grid_period(choice=str(min(year, today.year)), today=today)
    # The compact grid shows an account's name and links to it by id: nothing else to read.
    return whitespace_grid(accounts=[Account(pk=pk, name=name) for pk, name in accounts], period=period)
