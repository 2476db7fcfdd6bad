"""Writes of client development plans: creating a plan, changing its header, adding,
changing and deleting the rows of its parts, marking a stage done, and turning a planned
contact into a real meeting.

The caller fetched the plan or the row through an editing door; each service checks the
right again, as every write does (a closed plan refuses every change), and names the actor
as the history user of the plan's history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import Account
from accounts.services.access import require_edit
from kam.core.access import deny_forbidden
from kam.core.locking import save_versioned
from meetings.models import Meeting
from meetings.services.meetings import meeting_schedule
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)
from planning.selectors.development import account_plan_is_editable, account_plan_may_change_account

PLAN_FIELDS = ("summary", "status")
# What a part's form may set, per model; anything else in `data` is ignored.
PART_FIELDS: dict[type[Model], tuple[str, ...]] = {
    StrategicGoal: ("side", "text"),
    SwotItem: ("quadrant", "text"),
    PlanObjective: ("text", "measure", "achieved"),
    PlannedContact: ("planned_for", "contact", "purpose"),
    BudgetLine: ("item", "planned", "spent"),
    PlanStage: ("title", "procedure", "owner", "deadline"),
    PartnershipOpportunity: ("title", "description", "partner", "value", "status"),
}
# A meeting made from the contact plan starts at this local time on the planned date.
MEETING_TIME = datetime.time(10, 0)


def require_plan_edit(*, by, plan: AccountPlan) -> None:
    """Refuse (403, logged) a write by someone who may not change the plan now."""
    if not account_plan_is_editable(user=by, plan=plan):
        raise deny_forbidden(by, "change", f"account_plan:{plan.pk}")


def _save(instance, *, by, expected_version: int | None) -> None:
    """A versioned save whose history (where the model keeps one) names `by`."""
    instance._history_user = by
    save_versioned(instance, expected_version=expected_version)


@transaction.atomic
def account_plan_create(*, by, account: Account, year: int, summary: str = "") -> AccountPlan:
    """A draft development plan for `account` and `year`, written by `by`. One plan per
    account per year: a second one is a ValidationError on the year."""
    require_edit(by=by, account=account)
    plan = AccountPlan(account=account, year=year, summary=summary, author=by)
    try:
        with transaction.atomic():
            _save(plan, by=by, expected_version=None)
    except IntegrityError:
        raise ValidationError(
            {"year": _("%(account)s already has a development plan for %(year)s.") % {"account": account, "year": year}}
        ) from None
    return plan


@transaction.atomic
def account_plan_update(*, by, plan: AccountPlan, data: dict, expected_version: int | None) -> AccountPlan:
    """Change the plan's summary and status. ConcurrentEditError if someone saved it meanwhile."""
    require_plan_edit(by=by, plan=plan)
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    _save(plan, by=by, expected_version=expected_version)
    return plan


@transaction.atomic
def account_plan_reopen(*, by, plan: AccountPlan) -> AccountPlan:
    """A closed plan made active again by its account's editors (closed by mistake, or the
    year taken up again); the only change a closed plan accepts."""
    if not account_plan_may_change_account(user=by, plan=plan):
        raise deny_forbidden(by, "reopen", f"account_plan:{plan.pk}")
    if plan.status != AccountPlan.Status.CLOSED:
        raise ValidationError(_("Only a closed plan can be reopened."))
    plan.status = AccountPlan.Status.ACTIVE
    _save(plan, by=by, expected_version=plan.version)
    return plan


def _apply(part, data: dict) -> None:
    for name in PART_FIELDS[type(part)]:
        if name in data:
            setattr(part, name, data[name])
    if isinstance(part, PlanStage) and "done" in data:
        _set_done(part, done=bool(data["done"]))


def _set_done(stage: PlanStage, *, done: bool) -> None:
    """Done keeps the moment it was first marked; undone clears it."""
    if done and stage.done_at is None:
        stage.done_at = timezone.now()
    elif not done:
        stage.done_at = None


def _check_belongs(part) -> None:
    """A contact or a partner chosen for a row must be the plan's account's own (the forms
    offer only those; this holds the line for any other caller)."""
    account_id = part.plan.account_id
    contact = getattr(part, "contact", None) if isinstance(part, PlannedContact) else None
    if contact is not None and contact.account_id != account_id:
        raise ValidationError({"contact": _("Choose a person who works at the client.")})
    partner = part.partner if isinstance(part, PartnershipOpportunity) else None
    if partner is not None and partner.account_id != account_id:
        raise ValidationError({"partner": _("Choose one of the client's own partners.")})


@transaction.atomic
def plan_part_create(*, by, plan: AccountPlan, model: type[Model], data: dict) -> Model:
    """Add a row to one part of the plan (a goal, a SWOT point, an objective, a planned
    contact, a budget line, a stage, an opportunity), at the end of its list."""
    require_plan_edit(by=by, plan=plan)
    last = model._default_manager.filter(plan=plan).aggregate(last=Max("position"))["last"]
    part = model(plan=plan, position=0 if last is None else last + 1)
    _apply(part, data)
    _check_belongs(part)
    _save(part, by=by, expected_version=None)
    return part


@transaction.atomic
def plan_part_update(*, by, part: Model, data: dict, expected_version: int | None) -> Model:
    """Change one row of a part of the plan. ConcurrentEditError if someone saved it meanwhile."""
    require_plan_edit(by=by, plan=part.plan)
    _apply(part, data)
    _check_belongs(part)
    _save(part, by=by, expected_version=expected_version)
    return part


@transaction.atomic
def plan_part_delete(*, by, part: Model) -> None:
    """Remove one row of a part of the plan (a meeting made from a planned contact stays)."""
    require_plan_edit(by=by, plan=part.plan)
    part._history_user = by
    part.delete()


@transaction.atomic
def plan_stage_done(*, by, stage: PlanStage) -> PlanStage:
    """Mark the stage done now; a stage already done keeps its date. Undone through the
    stage's edit form."""
    require_plan_edit(by=by, plan=stage.plan)
    if stage.done_at is None:
        _set_done(stage, done=True)
        _save(stage, by=by, expected_version=stage.version)
    return stage


@transaction.atomic
def planned_contact_schedule(*, by, planned: PlannedContact) -> Meeting:
    """Turn a planned contact into a regular meeting through the meetings service: on the
    planned date at 10:00 in the current (the user's) time zone, titled after the purpose,
    with the contact as client attendee and `by` attending for us; the planned contact then
    links to it. The row is locked first, so a double click schedules one meeting: an
    already linked contact returns its meeting."""
    require_plan_edit(by=by, plan=planned.plan)
    locked = (
        PlannedContact.objects.select_for_update(of=("self",)).select_related("meeting", "contact").get(pk=planned.pk)
    )
    if locked.meeting is not None:
        return locked.meeting
    purpose = locked.purpose.strip()
    meeting = meeting_schedule(
        by=by,
        account=planned.plan.account,
        data={
            "kind": Meeting.Kind.REGULAR,
            "title": Truncator(purpose.splitlines()[0] if purpose else _("Planned contact")).chars(200),
            "starts_at": datetime.datetime.combine(
                locked.planned_for, MEETING_TIME, tzinfo=timezone.get_current_timezone()
            ),
            "objective": purpose,
            "attendees": [by] if by.is_active else [],
            "client_attendees": [locked.contact] if locked.contact else [],
        },
    )
    locked.plan = planned.plan
    locked.meeting = meeting
    _save(locked, by=by, expected_version=locked.version)
    planned.meeting = meeting
    planned.version = locked.version
    return meeting
