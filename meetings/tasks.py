"""Background work of the meetings app: briefing packs (meetings.packs.services does the work;
the schedules of the periodic ones are in kam/celery.py)."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from meetings.packs import services

logger = logging.getLogger("kam.packs")


@shared_task(
    name="meetings.render_briefing_pack",
    bind=True,
    soft_time_limit=services.SOFT_TIME_LIMIT,
    time_limit=services.TIME_LIMIT,
    # The database going away is worth waiting for; anything else fails the pack with its reason.
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
)
def render_briefing_pack(self, pack_id: int) -> bool:
    """Render one pack. Idempotent: the run claims the pack first (a finished or otherwise
    claimed pack is left alone), and a retry or redelivery of the same run keeps its claim."""
    claim = self.request.id or f"local-{pack_id}"
    try:
        return services.pack_render(pack_id=pack_id, claim=claim)
    except OperationalError:
        raise
    except SoftTimeLimitExceeded:
        logger.warning("briefing pack %s: over the soft time limit", pack_id)
        services.pack_fail(
            pack_id=pack_id,
            claim=claim,
            reason=format_lazy(
                _("Rendering took longer than {seconds} seconds and was stopped."), seconds=services.SOFT_TIME_LIMIT
            ),
        )
    except Exception as error:
        logger.exception("briefing pack %s failed", pack_id)
        services.pack_fail(
            pack_id=pack_id,
            claim=claim,
            reason=format_lazy(_("The pack could not be rendered: {error}"), error=f"{type(error).__name__}: {error}"),
        )
    return False


@shared_task(name="meetings.prepare_annual_packs")
def prepare_annual_packs() -> int:
    """Daily: one automatic pack per annual meeting a week away (never twice: see the service)."""
    return len(services.packs_prepare_annual())


@shared_task(name="meetings.requeue_stale_packs")
def requeue_stale_packs() -> dict:
    """Every 5 minutes: packs left queued by a broker outage or rendering by a dead worker."""
    return services.packs_requeue_stale()
