"""Writes to a meeting's preparation: agenda topics, negotiation targets and the annual
checklist. The caller fetched the meeting or the record through an editing door; each
service checks the right again, as every write does, and records history by whom."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kam.core.access import deny_forbidden
from kam.core.locking import save_versioned
from meetings.models import AgendaTopic, ChecklistItem, Meeting, NegotiationTarget
from meetings.selectors.access import meeting_is_editable

TOPIC_FIELDS = ("title", "strategic_goal", "arguments", "objections")
TARGET_FIELDS = (
    "product_name",
    "unit",
    "planned_volume",
    "target_price",
    "target_discount",
    "terms",
    "min_price",
    "max_discount",
    "min_volume",
)
CHECKLIST_FIELDS = ("status", "content")


def require_meeting_edit(*, by, meeting: Meeting) -> None:
    """Refuse (403, logged) a write by someone who may not change the meeting's account."""
    if not meeting_is_editable(user=by, meeting=meeting):
        raise deny_forbidden(by, "change", f"meeting:{meeting.pk}")


def apply(instance, data: dict, allowed: tuple[str, ...]) -> None:
    """Copy the form's fields onto `instance`; anything else in `data` is ignored."""
    for name in allowed:
        if name in data:
            setattr(instance, name, data[name])


def save_by(instance, *, by, expected_version: int | None) -> None:
    """A versioned save whose history names `by` (the follow-up's writes use it too)."""
    instance._history_user = by
    save_versioned(instance, expected_version=expected_version)


# Agenda ----------------------------------------------------------------------------------


@transaction.atomic
def topic_create(*, by, meeting: Meeting, data: dict) -> AgendaTopic:
    """Add a topic at the end of the agenda."""
    require_meeting_edit(by=by, meeting=meeting)
    last = AgendaTopic.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    topic = AgendaTopic(meeting=meeting, position=0 if last is None else last + 1)
    apply(topic, data, TOPIC_FIELDS)
    save_by(topic, by=by, expected_version=None)
    return topic


@transaction.atomic
def topic_update(*, by, topic: AgendaTopic, data: dict, expected_version: int | None) -> AgendaTopic:
    """Change a topic's preparation. ConcurrentEditError if someone saved it meanwhile."""
    require_meeting_edit(by=by, meeting=topic.meeting)
    apply(topic, data, TOPIC_FIELDS)
    save_by(topic, by=by, expected_version=expected_version)
    return topic


@transaction.atomic
def topic_move(*, by, topic: AgendaTopic, direction: str) -> None:
    """Swap the topic with its neighbour above ("up") or below ("down"); at either end of
    the agenda nothing changes. The agenda is locked and numbered 0…n-1 first, so equal or
    gapped positions (rows made elsewhere) still move by exactly one place."""
    require_meeting_edit(by=by, meeting=topic.meeting)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a topic up or down."), code="direction")
    agenda = list(
        AgendaTopic.objects.select_for_update().filter(meeting_id=topic.meeting_id).order_by("position", "pk")
    )
    index = next(i for i, t in enumerate(agenda) if t.pk == topic.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(agenda):
        return
    agenda[index], agenda[other] = agenda[other], agenda[index]
    for position, row in enumerate(agenda):
        if row.position != position:
            row.position = position
            save_by(row, by=by, expected_version=row.version)


@transaction.atomic
def topic_delete(*, by, topic: AgendaTopic) -> None:
    require_meeting_edit(by=by, meeting=topic.meeting)
    topic._history_user = by
    topic.delete()


# Negotiation targets ---------------------------------------------------------------------


def check_target_limits(target: NegotiationTarget) -> None:
    """A target beyond its own limit contradicts itself (the form says so field by field;
    this holds the line for any other caller before the database's check constraints)."""
    errors = {}
    if target.target_price is not None and target.min_price is not None and target.target_price < target.min_price:
        errors["target_price"] = _("The target price is below the lowest price.")
    if (
        target.target_discount is not None
        and target.max_discount is not None
        and target.target_discount > target.max_discount
    ):
        errors["target_discount"] = _("The discount is above the largest discount.")
    if (
        target.planned_volume is not None
        and target.min_volume is not None
        and target.planned_volume < target.min_volume
    ):
        errors["planned_volume"] = _("The planned volume is below the smallest volume.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def target_create(*, by, meeting: Meeting, data: dict) -> NegotiationTarget:
    require_meeting_edit(by=by, meeting=meeting)
    target = NegotiationTarget(meeting=meeting)
    apply(target, data, TARGET_FIELDS)
    check_target_limits(target)
    save_by(target, by=by, expected_version=None)
    return target


@transaction.atomic
def target_update(*, by, target: NegotiationTarget, data: dict, expected_version: int | None) -> NegotiationTarget:
    """Change what we aim for and the limits (the agreed values are the follow-up's)."""
    require_meeting_edit(by=by, meeting=target.meeting)
    apply(target, data, TARGET_FIELDS)
    check_target_limits(target)
    save_by(target, by=by, expected_version=expected_version)
    return target


@transaction.atomic
def target_delete(*, by, target: NegotiationTarget) -> None:
    require_meeting_edit(by=by, meeting=target.meeting)
    target._history_user = by
    target.delete()


# Annual checklist ------------------------------------------------------------------------


@transaction.atomic
def checklist_item_update(*, by, item: ChecklistItem, data: dict, expected_version: int | None) -> ChecklistItem:
    """Change an item's status and content; the meeting's readiness follows from the items."""
    require_meeting_edit(by=by, meeting=item.meeting)
    apply(item, data, CHECKLIST_FIELDS)
    save_by(item, by=by, expected_version=expected_version)
    return item
