"""Queuing background work without letting a broker outage break a page.

Work is queued only once the transaction that made it commits (a worker never sees a row that
is not there yet). If the broker cannot be reached then, the request still succeeds: the failure
is logged, and the work is picked up later — the rows that describe it (a queued pack, an unsent
reminder) stay in the database for the periodic sweep or the next scan to find.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger("kam.tasks")


def _send(task, args: tuple, kwargs: dict) -> bool:
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except OperationalError as error:
        logger.warning("broker unreachable, %s%r left for the next sweep: %s", task.name, args, error)
        return False
    return True


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue `task` with these arguments after the current transaction commits (at once when
    there is none); a broker outage is logged, never raised."""
    transaction.on_commit(lambda: _send(task, args, kwargs))


def enqueue_now(task, *args, **kwargs) -> bool:
    """Queue `task` now (for periodic jobs outside any request); False if the broker is down."""
    return _send(task, args, kwargs)
