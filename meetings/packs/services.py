"""Requesting, rendering and sweeping briefing packs.

The life of a pack: queued (a row, then a task after commit) → rendering (one task run claims
it with a conditional UPDATE) → ready (the file is stored first, then one conditional UPDATE
points the row at it) or failed (with the reason). Whatever happens to a worker, a pack never
points at a half-written file and is finished once: a second run finds it claimed or done.
The sweeper re-queues what a broker outage or a dead worker left behind.
"""

import datetime
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from kam.core.access import deny_not_found
from kam.core.queueing import enqueue_now, enqueue_on_commit
from meetings.models import BriefingPack, Meeting
from meetings.packs.content import MeetingNotVisible, pack_content
from meetings.packs.render import render_pack

logger = logging.getLogger("kam.packs")

# The render task's limits (meetings.tasks): a soft limit raises inside the task so the pack is
# marked failed; the hard one kills it. A pack rendering for longer than the hard limit lost
# its worker, and may be claimed again.
SOFT_TIME_LIMIT = 120
TIME_LIMIT = 150
STALE_QUEUED = datetime.timedelta(minutes=5)
STALE_RENDERING = datetime.timedelta(seconds=TIME_LIMIT)
MAX_ATTEMPTS = 3  # claims of one pack; past them the sweeper gives up and marks it failed
ANNUAL_LEAD = datetime.timedelta(days=7)

Status = BriefingPack.Status


def _render_task():
    from meetings.tasks import render_briefing_pack  # noqa: PLC0415 (tasks import this module)

    return render_briefing_pack


# Requests --------------------------------------------------------------------------------------


@transaction.atomic
def pack_request(*, by, meeting: Meeting, automatic: bool = False) -> BriefingPack:
    """Queue a pack of `meeting` for `by` (anyone who may see the meeting), or return the one
    already queued or rendering. The task is queued after commit; a broker outage leaves the
    pack queued for the sweeper and never fails the request."""
    if not Meeting.objects.visible_to(by).filter(pk=meeting.pk).exists():
        raise deny_not_found(by, "brief", f"meeting:{meeting.pk}")
    current = BriefingPack.objects.in_progress().filter(meeting=meeting).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            pack = BriefingPack.objects.create(
                meeting=meeting, requested_by=by, automatic=automatic, language=translation.get_language() or ""
            )
    except IntegrityError:
        # Another request queued one between our look and our insert (the partial unique
        # constraint stopped ours): show that one.
        current = BriefingPack.objects.in_progress().filter(meeting=meeting).first()
        if current is None:
            raise
        return current
    logger.info("briefing pack %s queued for meeting %s by %s", pack.pk, meeting.pk, by.pk)
    enqueue_on_commit(_render_task(), pack.pk)
    return pack


def pack_retry(*, by, pack: BriefingPack) -> BriefingPack:
    """Ask again after a failure: a new pack (the failed one stays listed with its reason)."""
    if pack.status != Status.FAILED:
        raise ValidationError(_("Only a pack that failed can be retried."), code="pack_not_failed")
    return pack_request(by=by, meeting=pack.meeting)


# Rendering -------------------------------------------------------------------------------------


def pack_claim(*, pack_id: int, claim: str, now: datetime.datetime | None = None) -> bool:
    """Take the pack for this task run: a queued pack; a rendering one this same run held (a
    retry, or a redelivery after its worker died); or one whose claim is older than the render
    time limit (its worker is gone). One conditional UPDATE, so two runs never both win."""
    now = now or timezone.now()
    claimable = (
        Q(status=Status.QUEUED)
        | Q(status=Status.RENDERING, claim=claim)
        | Q(status=Status.RENDERING, started_at__lt=now - STALE_RENDERING)
    )
    return bool(
        BriefingPack.objects.filter(claimable, pk=pack_id).update(
            status=Status.RENDERING, claim=claim, started_at=now, attempts=F("attempts") + 1, error=""
        )
    )


def _owner_of(pack: BriefingPack):
    """Whom the pack is made for: its requester, else (theirs was deleted) the account's owner."""
    return pack.requested_by or pack.meeting.account.owner


def pack_file_name(pack: BriefingPack) -> str:
    """A readable download name: client, meeting, date (letters of any script kept)."""
    meeting = pack.meeting
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return get_valid_filename(f"{meeting.account.name} {meeting.title} {day}.pdf")[:150]


def pack_fail(*, pack_id: int, claim: str, reason) -> bool:
    """Mark the pack failed with the reason shown to the user, if this run still holds it. A
    lazy `reason` is written in the language the pack was asked for in."""
    language = BriefingPack.objects.filter(pk=pack_id).values_list("language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        text = str(reason)[:2000]
    return bool(
        BriefingPack.objects.filter(pk=pack_id, status=Status.RENDERING, claim=claim).update(
            status=Status.FAILED, error=text, finished_at=timezone.now()
        )
    )


def pack_render(*, pack_id: int, claim: str) -> bool:
    """Render the pack (if this run can claim it) and store it; True when this run finished it.

    The PDF is made in memory as the user the pack is for sees the meeting, in their time zone
    and in the language they asked in (the site's for automatic packs);
    the file is saved, then one conditional UPDATE makes the pack ready and names the file. If
    another run finished it first, the file just saved is deleted again."""
    if not pack_claim(pack_id=pack_id, claim=claim):
        logger.info("briefing pack %s: nothing to do (claimed by another run, or finished)", pack_id)
        return False
    pack = BriefingPack.objects.select_related("meeting__account__owner", "requested_by").get(pk=pack_id)
    user = _owner_of(pack)
    started = time.perf_counter()
    zone = getattr(user, "time_zone", "") or timezone.get_default_timezone_name()
    with timezone.override(zone), translation.override(pack.language or settings.LANGUAGE_CODE):
        try:
            content = pack_content(user=user, meeting_id=pack.meeting_id)
        except MeetingNotVisible:
            reason = _("%(user)s may no longer see this meeting.") % {"user": user}
            pack_fail(pack_id=pack_id, claim=claim, reason=reason)
            return False
        rendered = render_pack(content)
    seconds = time.perf_counter() - started
    field = BriefingPack._meta.get_field("file")
    name = field.storage.save(field.generate_filename(pack, pack_file_name(pack)), ContentFile(rendered.pdf))
    finished = BriefingPack.objects.filter(pk=pack_id, status=Status.RENDERING, claim=claim).update(
        status=Status.READY,
        file=name,
        pages=rendered.pages,
        size=len(rendered.pdf),
        render_seconds=round(seconds, 3),
        finished_at=timezone.now(),
        error="",
    )
    if not finished:
        field.storage.delete(name)
        logger.info("briefing pack %s was finished by another run; %s removed", pack_id, name)
        return False
    logger.info(
        "briefing pack %s ready: %s pages, %s bytes, %.2f s (HTML %.2f s, PDF %.2f s)",
        pack_id,
        rendered.pages,
        len(rendered.pdf),
        seconds,
        rendered.html_seconds,
        rendered.pdf_seconds,
    )
    if pack.automatic:
        pack_ready_notify(pack=pack, recipient=user)
    return True


def pack_ready_notify(*, pack: BriefingPack, recipient) -> None:
    """Tell the meeting's account manager that the pack prepared for them is ready (once: the
    reminder's unique key is the recipient, the pack and the meeting's date)."""
    from kam.notifications.services import notify  # noqa: PLC0415 (an app that may import meetings)

    meeting = pack.meeting
    day = timezone.localtime(meeting.starts_at).date()
    notify(
        recipient=recipient,
        kind="pack_ready",
        target=pack,
        occasion=day,
        params={"title": meeting.title, "account": meeting.account.name, "due": day.isoformat()},
    )


# Periodic jobs ---------------------------------------------------------------------------------


def annual_meetings_due_a_pack(*, now: datetime.datetime | None = None):
    """Planned annual meetings starting within the next 7 days that have no automatic pack yet
    (so a day the job did not run is caught up the next day)."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            kind=Meeting.Kind.ANNUAL, status=Meeting.Status.PLANNED, starts_at__gt=now, starts_at__lte=now + ANNUAL_LEAD
        )
        .exclude(packs__automatic=True)
        .select_related("account__owner", "created_by")
        .order_by("starts_at", "pk")
    )


def packs_prepare_annual(*, now: datetime.datetime | None = None) -> list[BriefingPack]:
    """One automatic pack per annual meeting a week away, made for the meeting's organiser (or,
    if they may no longer see it, the account's owner). Running twice makes no second pack: a
    partial unique constraint allows one automatic pack per meeting. A meeting whose pack a
    user already has in progress is left to that one."""
    made = []
    for meeting in annual_meetings_due_a_pack(now=now):
        kam = meeting.created_by if meeting.created_by and meeting.created_by.is_active else meeting.account.owner
        if not Meeting.objects.visible_to(kam).filter(pk=meeting.pk).exists():
            kam = meeting.account.owner
        try:
            with transaction.atomic():
                if BriefingPack.objects.in_progress().filter(meeting=meeting).exists():
                    continue
                pack = BriefingPack.objects.create(meeting=meeting, requested_by=kam, automatic=True)
                enqueue_on_commit(_render_task(), pack.pk)
        except IntegrityError:
            continue  # another run made it meanwhile
        made.append(pack)
    if made:
        logger.info("annual briefing packs queued: %s", [pack.pk for pack in made])
    return made


def packs_requeue_stale(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue again the packs left behind: queued for over 5 minutes (the broker was down when
    they were requested) and rendering past the render time limit (their worker died). A pack
    whose claims reached MAX_ATTEMPTS is marked failed instead of being tried forever."""
    now = now or timezone.now()
    stale_rendering = Q(status=Status.RENDERING, started_at__lt=now - STALE_RENDERING)
    stale_queued = Q(status=Status.QUEUED, created_at__lt=now - STALE_QUEUED)
    given_up = BriefingPack.objects.filter(stale_rendering, attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED,
        finished_at=now,
        error=_("The pack could not be rendered in %(count)s attempts; the renderer kept stopping.")
        % {"count": MAX_ATTEMPTS},
    )
    pack_ids = list(
        BriefingPack.objects.filter(stale_queued | stale_rendering).order_by("created_at").values_list("pk", flat=True)
    )
    queued = sum(1 for pack_id in pack_ids if enqueue_now(_render_task(), pack_id))
    if pack_ids or given_up:
        logger.info("briefing pack sweep: %s re-queued of %s stale, %s given up", queued, len(pack_ids), given_up)
    return {"stale": len(pack_ids), "queued": queued, "failed": given_up}
