"""Reads of the meeting page: the meeting with everything its preparation and follow-up
show, what the previous meeting left open, and the doors to one topic or one target.

The page costs a fixed number of queries however many topics, targets, checklist items,
commitments and attendees the meeting has: one per prefetched relation, never one per row.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from kam.core.access import deny_forbidden, deny_not_found
from meetings import limits
from meetings.engagement import engagement_score, signals_of
from meetings.models import AgendaTopic, ChecklistItem, Commitment, Meeting, NegotiationTarget
from meetings.readiness import readiness_percent
from meetings.selectors.access import meeting_is_editable
from meetings.selectors.annotations import overdue_expression
from meetings.selectors.meetings import previous_held_meeting

UNREACHED = (AgendaTopic.Outcome.PARTLY, AgendaTopic.Outcome.NOT_ACHIEVED)


def followup_is_open(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """The follow-up opens once the meeting's time has come (or it was marked held); a
    cancelled meeting has none."""
    if meeting.status == Meeting.Status.HELD:
        return True
    if meeting.status == Meeting.Status.CANCELLED:
        return False
    return meeting.starts_at <= (now or timezone.now())


def with_breaches(target: NegotiationTarget) -> NegotiationTarget:
    """Attach the agreed values beyond their limits (`breach_list`, and `breaches` keyed by
    the agreed field for templates)."""
    target.breach_list = limits.breaches(target)
    target.breaches = {breach.field: breach for breach in target.breach_list}
    return target


def _commitments(today: datetime.date) -> QuerySet[Commitment]:
    return Commitment.objects.select_related("assignee_user", "assignee_department").annotate(
        is_overdue=overdue_expression(today)
    )


def meeting_prefetch(meeting: Meeting, *, today: datetime.date) -> Meeting:
    """Load, in one query each, the meeting's attendees, topics (with the meeting a topic was
    carried over from), targets, checklist and commitments (overdue computed for `today`,
    the user's local date)."""
    prefetch_related_objects(
        [meeting],
        Prefetch("attendees"),
        Prefetch("client_attendees"),
        Prefetch("topics", queryset=AgendaTopic.objects.select_related("carried_from__meeting")),
        Prefetch("targets", queryset=NegotiationTarget.objects.all()),
        Prefetch("checklist", queryset=ChecklistItem.objects.all()),
        Prefetch("commitments", queryset=_commitments(today).order_by("due_on", "pk")),
    )
    return meeting


@dataclass
class MeetingPage:
    """What the meeting page shows, all loaded: templates run no queries."""

    meeting: Meeting
    can_edit: bool
    followup_open: bool
    topics: list[AgendaTopic]
    targets: list[NegotiationTarget]
    checklist: list[ChecklistItem]
    commitments: list[Commitment]
    previous: Meeting | None
    previous_unreached: list[AgendaTopic]
    open_commitments: list[Commitment]
    readiness: int | None
    engagement: int | None
    breach_count: int = 0
    overdue_count: int = 0
    open_count: int = 0


def meeting_page_get(*, user, meeting: Meeting, today: datetime.date | None = None) -> MeetingPage:
    """Everything the page of `meeting` (already fetched through a door for `user`) shows,
    in a fixed number of queries: the prefetches above, the previous held meeting, its
    unreached goals and the account's other open commitments (overdue first)."""
    today = today or timezone.localdate()
    meeting_prefetch(meeting, today=today)
    targets = [with_breaches(target) for target in meeting.targets.all()]
    checklist = sorted(meeting.checklist.all(), key=lambda item: item.order)
    commitments = list(meeting.commitments.all())
    previous = previous_held_meeting(meeting=meeting)
    previous_unreached = list(previous.topics.filter(outcome__in=UNREACHED)) if previous else []
    open_commitments = list(
        _commitments(today)
        .filter(account_id=meeting.account_id, status__in=Commitment.ACTIVE)
        .exclude(meeting_id=meeting.pk)
        .select_related("meeting")
        .order_by("-is_overdue", "due_on", "pk")
    )
    return MeetingPage(
        meeting=meeting,
        can_edit=meeting_is_editable(user=user, meeting=meeting),
        followup_open=followup_is_open(meeting),
        topics=list(meeting.topics.all()),
        targets=targets,
        checklist=checklist,
        commitments=commitments,
        previous=previous,
        previous_unreached=previous_unreached,
        open_commitments=open_commitments,
        readiness=readiness_percent([item.status for item in checklist]) if meeting.is_annual else None,
        engagement=engagement_score(signals_of(meeting)),
        breach_count=sum(len(target.breach_list) for target in targets),
        overdue_count=sum(1 for c in commitments if c.is_overdue),
        open_count=sum(1 for c in commitments if c.is_active),
    )


def _part_get(*, user, model, pk: int, edit: bool):
    """A topic or a target, visible through its meeting's account; 404 if the user may not
    see it, 403 with edit=True if they only read it."""
    record = (
        model.objects.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))
        .select_related("meeting__account__region", "meeting__account__industry", "meeting__account__owner")
        .filter(pk=pk)
        .first()
    )
    name = model._meta.model_name
    if record is None:
        raise deny_not_found(user, "change" if edit else "view", f"{name}:{pk}")
    if edit and not meeting_is_editable(user=user, meeting=record.meeting):
        raise deny_forbidden(user, "change", f"{name}:{pk}")
    return record


def topic_get_for_edit(*, user, pk: int) -> AgendaTopic:
    """One agenda topic the user may change, with its meeting and account joined."""
    return _part_get(user=user, model=AgendaTopic, pk=pk, edit=True)


def target_get_for_edit(*, user, pk: int) -> NegotiationTarget:
    """One negotiation target the user may change, with its meeting and account joined."""
    return _part_get(user=user, model=NegotiationTarget, pk=pk, edit=True)
