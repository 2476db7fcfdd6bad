"""Denying access, in one place, so every refusal is logged the same way.

Something the user may not see answers 404 (its existence is not revealed); something they
may see but not change answers 403.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

logger = logging.getLogger("kam.access")


def _log(user, action: str, target: str) -> None:
    logger.warning(
        "access denied: user=%s action=%s target=%s at=%s",
        getattr(user, "pk", None) or "anonymous",
        action,
        target,
        timezone.now().isoformat(),
    )


def deny_not_found(user, action: str, target: str) -> Http404:
    """Log and return a 404 to raise: the user may not know the target exists."""
    _log(user, action, target)
    return Http404()


def deny_forbidden(user, action: str, target: str) -> PermissionDenied:
    """Log and return a 403 to raise: the user sees the target but may not do this to it."""
    _log(user, action, target)
    return PermissionDenied()
