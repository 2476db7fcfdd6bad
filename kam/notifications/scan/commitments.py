"""Commitments due within each assignee's lead time, overdue ones (once a day), and those
overdue by more than a week, escalated once to the directors of the account's region.

One query for the open commitments due up to the latest possible lead date (the partial
index on open due dates), then their accounts, the people they name and the members of their
departments, each read once; directors are read once per scan. Commitments due later cost
nothing. The tens of thousands of commitments are read without their related rows: a few
hundred people and a couple of thousand accounts stand behind them, and building them once
per commitment took half of a scan that had nothing new to send.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import Account
from kam.notifications.models import Kind
from kam.notifications.scan.context import ScanContext
from kam.notifications.services import Due
from kam.users.models import Department, User
from meetings.models import Commitment

ESCALATE_AFTER_DAYS = 7
# What a reminder needs of a person: whether and how to remind them, and their name.
PERSON_FIELDS = ("username", "first_name", "last_name", "is_active", "time_zone", "reminder_lead_days", "email_mode")


@dataclass(frozen=True)
class AccountFacts:
    name: str
    region_id: int | None
    owner_id: int


@dataclass
class Named:
    """The accounts, people and departments the scanned commitments name, by id."""

    accounts: dict[int, AccountFacts]
    people: dict[int, User]
    departments: dict[int, Department]
    members: dict[int, list[User]]  # by department, in id order

    @classmethod
    def of(cls, commitments: list[Commitment]) -> "Named":
        account_ids = {c.account_id for c in commitments}
        accounts = {
            pk: AccountFacts(name, region_id, owner_id)
            for pk, name, region_id, owner_id in Account.objects.filter(pk__in=account_ids).values_list(
                "pk", "name", "region_id", "owner_id"
            )
        }
        department_ids = {c.assignee_department_id for c in commitments if c.assignee_department_id}
        person_ids = {c.assignee_user_id for c in commitments if c.assignee_user_id}
        person_ids |= {facts.owner_id for facts in accounts.values()}
        people = {
            person.pk: person
            for person in User.objects.filter(Q(pk__in=person_ids) | Q(department_id__in=department_ids))
            .only(*PERSON_FIELDS, "department_id")
            .order_by("pk")
        }
        members: dict[int, list[User]] = defaultdict(list)
        for person in people.values():
            if person.department_id in department_ids:
                members[person.department_id].append(person)
        departments = Department.objects.in_bulk(department_ids) if department_ids else {}
        return cls(accounts=accounts, people=people, departments=departments, members=members)


def _params(commitment: Commitment, named: Named) -> dict:
    if commitment.assignee_user_id:
        assignee = named.people.get(commitment.assignee_user_id)
    else:
        assignee = named.departments.get(commitment.assignee_department_id)
    return {
        "what": "commitment",
        "title": commitment.text[:120],
        "account": named.accounts[commitment.account_id].name,
        "due": commitment.due_on,
        "assignee": str(assignee or "—"),
    }


def _owner_instead(ctx: ScanContext, commitment: Commitment, named: Named, reason: str) -> list[User]:
    owner = named.people[named.accounts[commitment.account_id].owner_id]
    if owner.is_active:
        ctx.skip("commitment %s: %s; rerouted to the account owner %s", commitment.pk, reason, owner.username)
        return [owner]
    ctx.skip("commitment %s: %s, and the account owner %s is inactive; nobody reminded", commitment.pk, reason, owner)
    return []


def _assignees(ctx: ScanContext, commitment: Commitment, named: Named) -> list[User]:
    """Who is reminded: the person, or every active member of the department. Someone who
    left (inactive, deleted) or an emptied department hands the reminder to the account owner."""
    if commitment.assignee_user_id:
        person = named.people[commitment.assignee_user_id]
        if person.is_active:
            return [person]
        return _owner_instead(ctx, commitment, named, f"assignee {person.username} is inactive")
    if commitment.assignee_department_id:
        department = named.departments[commitment.assignee_department_id]
        everyone = named.members.get(department.pk, [])
        active = [member for member in everyone if member.is_active]
        for member in everyone:
            if not member.is_active:
                ctx.skip("commitment %s: inactive member %s of %s skipped", commitment.pk, member.username, department)
        if active:
            return active
        return _owner_instead(ctx, commitment, named, f"department {department} has no active members")
    return _owner_instead(ctx, commitment, named, "its assignee was deleted")


def due_reminders(ctx: ScanContext) -> Iterator[Due]:
    horizon = ctx.latest_today + datetime.timedelta(days=ctx.longest_lead_days)
    commitments = list(
        Commitment.objects.open()
        .filter(due_on__lte=horizon)
        .only("text", "due_on", "account_id", "assignee_user_id", "assignee_department_id")
        .order_by()
    )
    if not commitments:
        return
    named = Named.of(commitments)
    escalate_before = ctx.latest_today - datetime.timedelta(days=ESCALATE_AFTER_DAYS)
    for commitment in commitments:
        params = _params(commitment, named)
        for person in _assignees(ctx, commitment, named):
            today = ctx.today_for(person)
            if commitment.due_on < today:
                yield Due(person, Kind.OVERDUE, commitment, today, params)
            elif commitment.due_on <= today + datetime.timedelta(days=person.reminder_lead_days):
                yield Due(person, Kind.DUE_SOON, commitment, commitment.due_on, params)
        if commitment.due_on < escalate_before:
            for director in ctx.directors_of(named.accounts[commitment.account_id].region_id):
                late = (ctx.today_for(director) - commitment.due_on).days
                if late > ESCALATE_AFTER_DAYS:
                    yield Due(director, Kind.ESCALATED, commitment, commitment.due_on, params)
