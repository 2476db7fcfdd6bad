"""Stages of client development plans due within the owner's lead time, and overdue ones
(once a day) until done. One query on the partial index of open deadlines."""

import datetime
from collections.abc import Iterator

from kam.notifications.models import Kind
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import Due
from planning.models import PlanStage


def _recipient(ctx: ScanContext, stage: PlanStage):
    """The stage's owner; without one who is active, the account's current owner."""
    if stage.owner_id and stage.owner.is_active:
        return stage.owner
    reason = f"owner {stage.owner.username} is inactive" if stage.owner_id else "it has no owner"
    account_owner = stage.account.owner
    if account_owner.is_active:
        ctx.skip("plan stage %s: %s; rerouted to the account owner %s", stage.pk, reason, account_owner.username)
        return account_owner
    ctx.skip("plan stage %s: %s, and the account owner is inactive; nobody reminded", stage.pk, reason)
    return None


def due_reminders(ctx: ScanContext) -> Iterator[Due]:
    horizon = ctx.latest_today + datetime.timedelta(days=ctx.longest_lead_days)
    stages = PlanStage.objects.filter(done_at__isnull=True, deadline__lte=horizon).select_related(
        "owner", "account__owner"
    )
    for stage in stages.order_by():
        person = _recipient(ctx, stage)
        if person is None:
            continue
        params = {"what": "stage", "title": stage.title, "account": stage.account.name, "due": stage.deadline}
        today = ctx.today_for(person)
        if stage.deadline < today:
            yield Due(person, Kind.OVERDUE, stage, today, params)
        elif stage.deadline <= today + datetime.timedelta(days=person.reminder_lead_days):
            yield Due(person, Kind.DUE_SOON, stage, stage.deadline, params)
