"""Sales plans submitted more than two days ago and still waiting for a director: the
directors of the plan's region (the account's or the regional plan's) are reminded once per
submission, the author excepted. One query: submitted plans with their last submit time."""

import datetime
from collections.abc import Iterator

from django.db.models import OuterRef, Subquery

from kam.notifications.models import Kind
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import Due
from planning.models import PlanTransition, SalesPlan

WAITING_DAYS = 2


def due_reminders(ctx: ScanContext) -> Iterator[Due]:
    submitted_at = (
        PlanTransition.objects.filter(plan=OuterRef("pk"), to_status=SalesPlan.Status.SUBMITTED)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    plans = (
        SalesPlan.objects.filter(status=SalesPlan.Status.SUBMITTED)
        .annotate(submitted_at=Subquery(submitted_at))
        .filter(submitted_at__lte=ctx.now - datetime.timedelta(days=WAITING_DAYS))
        .select_related("account", "region", "author")
        .order_by()
    )
    for plan in plans:
        region_id = plan.region_id if plan.region_id else plan.account.region_id
        # The submission's date in the company's zone: the same occasion for every director.
        since = plan.submitted_at.astimezone(ctx.company_zone).date()
        params = {"title": str(plan), "author": str(plan.author), "since": since}
        directors = [d for d in ctx.directors_of(region_id) if d.pk != plan.author_id]
        if not directors:
            ctx.skip("sales plan %s: no director of its region to decide on it", plan.pk)
        for director in directors:
            yield Due(director, Kind.APPROVAL_WAITING, plan, since, params)
