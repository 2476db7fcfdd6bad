"""The demo's commitments, built for meetings/demo.py (run by `manage.py seed_demo` after the
meetings, their topics, targets and checklists): for each held meeting one to four commitments,
for the departments (by DEPARTMENT_WEIGHTS) and for the account managers, with statuses that fit
their due dates (done, in progress, open, cancelled, some overdue) and the status changes that
led there, by whoever made them. Every department's queue shows open and overdue work. Texts from
meetings/demo_phrases.py in the account's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from random import Random
from typing import TYPE_CHECKING

from kam.users.models import Department, User
from meetings import demo_phrases as phrases
from meetings.models import Commitment, CommitmentUpdate

if TYPE_CHECKING:
    from meetings.demo import _Plan

# How often each department gets a commitment (the rest go to account managers).
DEPARTMENT_WEIGHTS = {"logistics": 4, "finance": 3, "production": 3, "marketing": 2, "legal": 2}
KAM_SHARE = 0.3


class CommitmentsDemoBuilder:
    """Builds the commitments of the held meetings among `plans` and their status changes, on
    the meetings builder's random source, day, moment and `save`; `build` returns the counts of
    what it wrote."""

    def __init__(
        self,
        *,
        rng: Random,
        today: date,
        now: datetime,
        users: dict[str, User],
        departments: dict[str, Department],
        save: Callable[..., None],
        moment: Callable[[date, Random], datetime],
    ):
        self.rng = rng
        self.today = today
        self.now = now
        self.departments = departments
        # Who moves a department's commitments along: its demo member, when it has one.
        self.members = {user.department_id: user for user in users.values() if user.department_id}
        self._save = save
        self.moment = moment  # a meeting's start on a day, as the meetings builder draws it
        self.counts: Counter = Counter()

    def build(self, plans: list[_Plan]) -> Counter:
        rng = self.rng
        commitments: list[tuple[_Plan, Commitment]] = []
        for plan in (p for p in plans if p.held):
            many = plan.meeting.kind in ("annual", "negotiation")
            for _ in range(rng.randint(2, 4) if many else rng.randint(1, 3)):
                commitments.append((plan, self._commitment(plan)))
        self._make_every_queue_show(commitments)
        updates = []
        for plan, commitment in commitments:
            updates += self._updates(plan, commitment)
        created = [commitment for _plan, commitment in commitments]
        self._save(created, Commitment, times=("created_at", "updated_at"))
        self._save(updates, CommitmentUpdate, times=("at",), history=False)
        self.counts["commitments"] = len(created)
        self.counts["commitment_updates"] = len(updates)
        return self.counts

    def _commitment(self, plan: _Plan, assignee: str | None = None) -> Commitment:
        rng = self.rng
        account = plan.meeting.account
        if assignee is None:
            departments = list(DEPARTMENT_WEIGHTS)
            assignee = (
                "kam" if rng.random() < KAM_SHARE else rng.choices(departments, list(DEPARTMENT_WEIGHTS.values()))[0]
            )
        phrase, unit_ru, unit_en, quantity = rng.choice(phrases.COMMITMENTS[assignee][plan.lang])
        person = None
        if assignee == "kam":
            person = plan.source.team[0] if plan.source.team and rng.random() < 0.3 else account.owner
        created = plan.meeting.starts_at + timedelta(hours=rng.randint(2, 6))
        commitment = Commitment(
            meeting=plan.meeting,
            account=account,
            text=phrase,
            assignee_user=person,
            assignee_department=None if person else self.departments[assignee],
            due_on=plan.day + timedelta(days=rng.randint(10, 60)),
            quantity=Decimal(rng.randrange(quantity[0], quantity[1], 100)) if quantity else None,
            unit=(unit_ru if plan.lang == "ru" else unit_en) if quantity else "",
            created_by=account.owner,
            created_at=created,
            updated_at=created,
        )
        commitment._history_user = account.owner
        commitment._history_date = created
        self._set_status(plan, commitment)
        return commitment

    def _set_status(self, plan: _Plan, commitment: Commitment, status: str = "") -> None:
        """A status that fits the due date: long past ones mostly done, recent ones in motion."""
        rng = self.rng
        late = (self.today - commitment.due_on).days
        if not status:
            weights = [3, 2, 87, 8] if late > 30 else [25, 15, 60, 0] if late > 0 else [45, 35, 20, 0]
            status = rng.choices(["open", "in_progress", "done", "cancelled"], weights=weights)[0]
        commitment.status = status
        commitment.done_at = None
        if status == "done":
            day = max(
                plan.day + timedelta(days=1), min(self.today, commitment.due_on + timedelta(days=rng.randint(-6, 3)))
            )
            commitment.done_at = min(self.moment(day, rng), self.now - timedelta(minutes=5))

    def _make_every_queue_show(self, commitments: list[tuple[_Plan, Commitment]]) -> None:
        """Every department's queue holds open work and overdue work, whatever the dice said:
        the most recent commitments of a department are set to open (due soon) and overdue."""
        newest_first = sorted(commitments, key=lambda pc: pc[0].meeting.starts_at, reverse=True)
        for slug in DEPARTMENT_WEIGHTS:
            department = self.departments[slug]
            mine = [(p, c) for p, c in newest_first if c.assignee_department_id == department.pk]
            if not any(c.is_active and c.due_on >= self.today for _p, c in mine):
                plan, commitment = mine[0] if mine else self._reassign(newest_first, slug)
                commitment.due_on = max(plan.day + timedelta(days=7), self.today + timedelta(days=5))
                self._set_status(plan, commitment, "open")
            if not any(c.is_active and c.due_on < self.today for _p, c in mine):
                older = [(p, c) for p, c in mine if p.day <= self.today - timedelta(days=5) and c.due_on < self.today]
                plan, commitment = older[0] if older else self._reassign(newest_first, slug)
                commitment.due_on = self.today - timedelta(days=2)
                self._set_status(plan, commitment, "in_progress" if slug == "finance" else "open")

    def _reassign(self, commitments: list[tuple[_Plan, Commitment]], slug: str) -> tuple[_Plan, Commitment]:
        """Give the department an account manager's commitment of a meeting at least a week old."""
        for plan, commitment in commitments:
            if commitment.assignee_user_id and plan.day <= self.today - timedelta(days=7):
                fresh = self._commitment(plan, assignee=slug)
                commitment.text, commitment.assignee_user = fresh.text, None
                commitment.assignee_department = self.departments[slug]
                return plan, commitment
        raise ValueError("the demo has no commitment to give a department")

    def _updates(self, plan: _Plan, commitment: Commitment) -> list[CommitmentUpdate]:
        """Each status change the commitment went through, by whoever made it."""
        rng = self.rng
        owner = plan.meeting.account.owner
        actor = commitment.assignee_user or self.members.get(commitment.assignee_department_id, owner)
        started = min(commitment.created_at + timedelta(days=rng.randint(1, 6)), self.now - timedelta(hours=3))
        steps: list[tuple[str, str, datetime, User]] = []
        if commitment.status == "in_progress" or (commitment.status == "done" and rng.random() < 0.6):
            steps.append(("open", "in_progress", started, actor))
        if commitment.status == "done":
            steps.append((steps[-1][1] if steps else "open", "done", max(commitment.done_at, started), actor))
        if commitment.status == "cancelled":
            steps.append(("open", "cancelled", started, owner))
        updates = []
        for from_status, to_status, at, by in steps:
            update = CommitmentUpdate(
                commitment=commitment,
                by=by,
                from_status=from_status,
                to_status=to_status,
                note=phrases.text(phrases.UPDATE_NOTES[to_status], plan.lang, rng),
                at=at,
            )
            updates.append(update)
            commitment.updated_at = max(commitment.updated_at, at)
        return updates
