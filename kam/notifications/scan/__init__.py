"""The reminder scan: each source yields the reminders due now from indexed queries on due
dates; the runner hands them to notify_many, which keeps the new ones only. Its cost grows
with the number of things that qualify, not with the number that need no reminder."""

import logging
import time
from dataclasses import dataclass, field

from django.utils import timezone

from kam.notifications.scan import commitments, meetings, plans, stages
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import notify_many

logger = logging.getLogger("kam.reminders")

SOURCES = {"commitments": commitments, "stages": stages, "meetings": meetings, "plans": plans}


@dataclass
class ScanResult:
    due: int = 0
    new: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_scan(*, now=None) -> ScanResult:
    """Find every reminder due now and send the new ones; safe to run again or twice at once.
    A source that fails is logged and the others still run."""
    started = time.monotonic()
    ctx = ScanContext(now or timezone.now())
    result = ScanResult()
    dues = []
    for name, source in SOURCES.items():
        try:
            dues.extend(source.due_reminders(ctx))
        except Exception:
            logger.exception("reminder scan: the %s source failed; the others go on", name)
            result.failed.append(name)
    result.due = len(dues)
    result.new = len(notify_many(dues))
    result.skipped = ctx.skipped
    result.seconds = time.monotonic() - started
    reasons = "; ".join(ctx.skipped[:5]) + (" …" if len(ctx.skipped) > 5 else "")
    logger.info(
        "reminder scan: %d new, %d skipped (%s), %.2f s",
        result.new,
        len(ctx.skipped),
        reasons or "none",
        result.seconds,
    )
    return result
