"""Client meetings: their preparation (agenda, negotiation targets and limits, the annual
checklist) and their follow-up (outcomes, interest signals, minutes, commitments).

One module per entity: meetings (the meeting, its agenda topics, negotiation targets and
checklist), commitments (commitments, their scoping and status updates), calendar_feeds
(private calendar subscription URLs), briefing_packs (the printed PDF briefs)."""

from meetings.models.briefing_packs import BriefingPack, BriefingPackQuerySet
from meetings.models.calendar_feeds import CalendarFeed, new_feed_token
from meetings.models.commitments import AnyOf, Commitment, CommitmentQuerySet, CommitmentUpdate
from meetings.models.meetings import MONEY, PERCENT, AgendaTopic, ChecklistItem, Meeting, NegotiationTarget

__all__ = [
    # meetings
    "MONEY",
    "PERCENT",
    "Meeting",
    "AgendaTopic",
    "NegotiationTarget",
    "ChecklistItem",
    # commitments
    "AnyOf",
    "CommitmentQuerySet",
    "Commitment",
    "CommitmentUpdate",
    # calendar_feeds
    "new_feed_token",
    "CalendarFeed",
    # briefing_packs
    "BriefingPackQuerySet",
    "BriefingPack",
]
