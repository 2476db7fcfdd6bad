"""What a briefing pack shows, gathered through the same selectors as the pages, for one user.

The pack shows what its user may see: the meeting is looked up among the meetings visible to
them, and every other read goes through the account the meeting belongs to (which they see by
then) or through a user-scoped selector (the portfolio position, the sales plan). No markup
here: render.py draws the charts and the HTML from this.

A fixed number of queries whatever the number of contacts, topics, targets, commitments,
assessments or sales records (see test_packs_content.py).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Account, BusinessPartner, Contact, DossierEntry
from accounts.selectors import contact_list_for_account, entry_list_for_account, partner_list_for_account
from analysis import scoring
from analysis.models import AccountResult, Assessment, AssessmentScore
from analysis.selectors import (
    assessment_list_for_account,
    portfolio_for_user,
    result_list_for_account,
    score_list_for_account,
)
from meetings.models import AgendaTopic, ChecklistItem, Meeting
from meetings.selectors.meeting_page import MeetingPage, meeting_page_get
from planning.models import SalesPlan
from planning.selectors.plan_actuals import PlanActuals, plan_actuals
from planning.selectors.plans import line_list_for_plan, plan_list_for_user, plan_totals_of_lines
from planning.selectors.sales import SalesOverview, sales_overview_for_account

RECENT_ENTRIES = 8  # the latest facts of the dossier worth reading before the meeting
PARTNERS = 12
# Plans in the order a brief prefers them: the approved plan is the one that counts.
PLAN_PREFERENCE = (
    SalesPlan.Status.APPROVED,
    SalesPlan.Status.SUBMITTED,
    SalesPlan.Status.RETURNED,
    SalesPlan.Status.DRAFT,
)


class MeetingNotVisible(LookupError):
    """The user the pack is made for may not (or no longer) see the meeting."""


@dataclass
class PackContent:
    """Everything a pack shows, loaded; the template runs no queries."""

    meeting: Meeting
    account: Account
    user: object
    today: datetime.date
    generated_at: datetime.datetime
    page: MeetingPage
    contacts: list[Contact]
    entries: list[DossierEntry]
    partners: list[BusinessPartner]
    assessments: list[Assessment]
    scores: list[AssessmentScore]
    results: list[AccountResult]
    position: Account | None  # the account with its latest and previous position annotated
    quadrant: scoring.Quadrant | None
    sales: SalesOverview
    plan: SalesPlan | None
    actuals: PlanActuals | None
    previous_topics: list[AgendaTopic] = field(default_factory=list)

    @property
    def latest(self) -> Assessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def latest_scores(self) -> list[AssessmentScore]:
        latest = self.latest
        return [score for score in self.scores if latest and score.assessment_id == latest.pk]

    def checklist_item(self, item: str) -> ChecklistItem | None:
        return next((entry for entry in self.page.checklist if entry.item == item), None)

    @property
    def draft_proposal(self) -> ChecklistItem | None:
        return self.checklist_item(ChecklistItem.Item.DRAFT_PROPOSAL)


def _meeting_for(user, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.visible_to(user)
        .select_related("account__industry", "account__region", "account__owner", "created_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise MeetingNotVisible(meeting_id)
    return meeting


def _plan_for(user, account: Account, year: int) -> SalesPlan | None:
    """The account's plan of the year among the plans the user may see, approved first."""
    plans = list(plan_list_for_user(user=user).filter(account_id=account.pk, year=year))
    plans.sort(key=lambda plan: (PLAN_PREFERENCE.index(plan.status), -plan.pk))
    return plans[0] if plans else None


def pack_content(*, user, meeting_id: int, today: datetime.date | None = None) -> PackContent:
    """Everything the pack of meeting `meeting_id` shows, as `user` sees it; MeetingNotVisible
    if they may not see the meeting. 28 queries, however much data there is."""
    today = today or timezone.localdate()
    meeting = _meeting_for(user, meeting_id)
    account = meeting.account
    page = meeting_page_get(user=user, meeting=meeting, today=today)
    previous_topics = list(page.previous.topics.all()) if page.previous else []
    assessments = assessment_list_for_account(account=account)
    position = portfolio_for_user(user=user).filter(pk=account.pk).first() if assessments else None
    latest = assessments[0] if assessments else None
    plan = _plan_for(user, account, today.year)
    actuals = None
    if plan is not None:
        lines = line_list_for_plan(plan=plan)
        actuals = plan_actuals(plan=plan, lines=lines, totals=plan_totals_of_lines(lines), today=today)
    return PackContent(
        meeting=meeting,
        account=account,
        user=user,
        today=today,
        generated_at=timezone.now(),
        page=page,
        contacts=list(contact_list_for_account(account=account)),
        entries=list(entry_list_for_account(account=account).order_by("-occurred_on", "-pk")[:RECENT_ENTRIES]),
        partners=list(partner_list_for_account(account=account).order_by("name", "pk")[:PARTNERS]),
        assessments=assessments,
        scores=score_list_for_account(account=account) if assessments else [],
        results=result_list_for_account(account=account),
        position=position,
        quadrant=scoring.quadrant(latest.competitiveness, latest.sales_interest) if latest else None,
        sales=sales_overview_for_account(account=account, today=today),
        plan=plan,
        actuals=actuals,
        previous_topics=previous_topics,
    )
