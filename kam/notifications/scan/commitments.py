"""Commitments due within each assignee's lead time, overdue ones (once a day), and those
overdue by more than a week, escalated once to the directors of the account's region.

One query for the open commitments due up to the latest possible lead date (the partial
index on open due dates), one for the members of the departments among them; directors are
read once per scan. Commitments due later cost nothing."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from kam.notifications.models import Kind
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import Due
from kam.users.models import User
from meetings.models import Commitment

ESCALATE_AFTER_DAYS = 7
# What a reminder needs of a person: whether and how to remind them, and their name.
PERSON_FIELDS = ("username", "first_name", "last_name", "is_active", "time_zone", "reminder_lead_days", "email_mode")


def _params(commitment: Commitment) -> dict:
    return {
        "what": "commitment",
        "title": commitment.text[:120],
        "account": commitment.account.name,
        "due": commitment.due_on,
        "assignee": str(commitment.assignee or "—"),
    }


def _owner_instead(ctx: ScanContext, commitment: Commitment, reason: str) -> list[User]:
    owner = commitment.account.owner
    if owner.is_active:
        ctx.skip("commitment %s: %s; rerouted to the account owner %s", commitment.pk, reason, owner.username)
        return [owner]
    ctx.skip("commitment %s: %s, and the account owner %s is inactive; nobody reminded", commitment.pk, reason, owner)
    return []


def _assignees(ctx: ScanContext, commitment: Commitment, members: dict[int, list[User]]) -> list[User]:
    """Who is reminded: the person, or every active member of the department. Someone who
    left (inactive, deleted) or an emptied department hands the reminder to the account owner."""
    if commitment.assignee_user_id:
        person = commitment.assignee_user
        if person.is_active:
            return [person]
        return _owner_instead(ctx, commitment, f"assignee {person.username} is inactive")
    if commitment.assignee_department_id:
        department = commitment.assignee_department
        everyone = members.get(department.pk, [])
        active = [member for member in everyone if member.is_active]
        for member in everyone:
            if not member.is_active:
                ctx.skip("commitment %s: inactive member %s of %s skipped", commitment.pk, member.username, department)
        if active:
            return active
        return _owner_instead(ctx, commitment, f"department {department} has no active members")
    return _owner_instead(ctx, commitment, "its assignee was deleted")


def due_reminders(ctx: ScanContext) -> Iterator[Due]:
    horizon = ctx.latest_today + datetime.timedelta(days=ctx.longest_lead_days)
    commitments = list(
        Commitment.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("account__owner", "assignee_user", "assignee_department")
        # Tens of thousands of rows on every scan: only the columns the reminders use.
        .only(
            "text",
            "due_on",
            "account__name",
            "account__region_id",
            *(f"{person}__{name}" for person in ("account__owner", "assignee_user") for name in PERSON_FIELDS),
            "assignee_department__name",
        )
        .order_by()
    )
    if not commitments:
        return
    department_ids = {c.assignee_department_id for c in commitments if c.assignee_department_id}
    members: dict[int, list[User]] = defaultdict(list)
    if department_ids:
        for member in User.objects.filter(department_id__in=department_ids).order_by("pk"):
            members[member.department_id].append(member)
    for commitment in commitments:
        params = _params(commitment)
        for person in _assignees(ctx, commitment, members):
            today = ctx.today_for(person)
            if commitment.due_on < today:
                yield Due(person, Kind.OVERDUE, commitment, today, params)
            elif commitment.due_on <= today + datetime.timedelta(days=person.reminder_lead_days):
                yield Due(person, Kind.DUE_SOON, commitment, commitment.due_on, params)
        if commitment.due_on < ctx.latest_today - datetime.timedelta(days=ESCALATE_AFTER_DAYS):
            for director in ctx.directors_of(commitment.account.region_id):
                late = (ctx.today_for(director) - commitment.due_on).days
                if late > ESCALATE_AFTER_DAYS:
                    yield Due(director, Kind.ESCALATED, commitment, commitment.due_on, params)
