"""The annual meeting's checklist: its nine items, created once per meeting, with the
results of the previous meeting written out from that meeting for the user to go on editing."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from meetings.models import ChecklistItem, Commitment, Meeting
from meetings.selectors.meetings import previous_held_meeting


def _agreed_line(target) -> str:
    parts = []
    unit = f" {target.unit}" if target.unit else ""
    if target.agreed_volume is not None:
        parts.append(_("volume %(value)s%(unit)s") % {"value": target.agreed_volume, "unit": unit})
    if target.agreed_price is not None:
        parts.append(_("price %(value)s") % {"value": target.agreed_price})
    if target.agreed_discount is not None:
        parts.append(_("discount %(value)s %%") % {"value": target.agreed_discount})
    if target.agreed_terms:
        parts.append(_("terms: %(value)s") % {"value": target.agreed_terms})
    return f"- {target}: {', '.join(parts)}" if parts else ""


def previous_results_text(previous: Meeting) -> str:
    """The checklist's "results of the previous meeting", written out from that meeting: its
    date and title, each topic's outcome, the values agreed, and its commitments still open.
    Plain text the user goes on editing. Three queries."""
    when = date_format(timezone.localtime(previous.starts_at), "DATE_FORMAT")
    lines = [_("Previous meeting: %(date)s — %(title)s") % {"date": when, "title": previous.title}]
    topics = list(previous.topics.order_by("position", "pk"))
    if topics:
        lines += ["", _("Topics and outcomes:")]
        for topic in topics:
            outcome = topic.get_outcome_display() or _("no outcome recorded")
            notes = f" {topic.outcome_notes}" if topic.outcome_notes else ""
            lines.append(f"- {topic.title}: {outcome}.{notes}")
    agreed = [line for line in map(_agreed_line, previous.targets.order_by("product_name", "pk")) if line]
    if agreed:
        lines += ["", _("Agreed:"), *agreed]
    commitments = list(
        previous.commitments.filter(status__in=Commitment.ACTIVE)
        .select_related("assignee_user", "assignee_department")
        .order_by("due_on", "pk")
    )
    lines += ["", _("Commitments still open:") if commitments else _("No commitment of that meeting is still open.")]
    for commitment in commitments:
        lines.append(
            _("- %(text)s — %(who)s, due %(due)s")
            % {
                "text": commitment.text,
                "who": commitment.assignee or _("nobody"),
                "due": date_format(commitment.due_on, "SHORT_DATE_FORMAT"),
            }
        )
    return "\n".join(lines)


@transaction.atomic
def checklist_ensure(*, by, meeting: Meeting) -> list[ChecklistItem]:
    """The nine items of an annual meeting's checklist in their order, creating the ones it
    lacks (those it has are left as they are, so this may run again safely; the meeting's row
    is locked so two first visits do not race). "Results of the previous meeting" starts as a
    draft written from the previous held meeting, or as missing, saying there was none.
    Other kinds of meeting have no checklist."""
    if not meeting.is_annual:
        return []
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = set(meeting.checklist.values_list("item", flat=True))
    missing = [item for item in ChecklistItem.Item.values if item not in existing]
    if not missing:
        return sorted(meeting.checklist.all(), key=lambda row: row.order)
    items = []
    for item in missing:
        row = ChecklistItem(meeting=meeting, item=item)
        if item == ChecklistItem.Item.PREVIOUS_RESULTS:
            previous = previous_held_meeting(meeting=meeting)
            if previous is None:
                row.content = _("No earlier meeting with this account has been held: there are no results to build on.")
                row.status = ChecklistItem.Status.MISSING
            else:
                row.content = previous_results_text(previous)
                row.status = ChecklistItem.Status.DRAFT
        items.append(row)
    bulk_create_with_history(items, ChecklistItem, default_user=by)
    return sorted(meeting.checklist.all(), key=lambda row: row.order)
