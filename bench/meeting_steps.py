"""The meetings at company scale: about 50,000 meetings (25 per account, from two years back to
three months ahead), their agenda, negotiation targets and annual checklists, and 200,000
commitments with the status changes they went through.

Each function is a step of bench.generate.STEPS, run after the dossier steps (it reads their
accounts, contacts and users) and before history and search_index, which give every kept
meeting, topic, target, checklist item and commitment its "+" history row and every meeting
its search row. Texts come from the demo's phrase tables (meetings.demo_phrases), in the account's
language. Rows are keyed by attname; "_history_user_id" is who the history step records.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.models import Account, Contact
from kam.users.models import Department, Role, User
from meetings import demo
from meetings import demo_phrases as phrases
from meetings.demo_commitments import DEPARTMENT_WEIGHTS
from meetings.models import AgendaTopic, ChecklistItem, Commitment, CommitmentUpdate, Meeting, NegotiationTarget

if TYPE_CHECKING:
    from random import Random

    from bench.generate import Build

# DESIGN §6 at scale 1.0: 2,000 accounts × about 25 meetings, and 200,000 commitments.
MEETINGS_BY_TIER = {"A": (30, 40), "B": (22, 30), "C": (16, 24)}
COMMITMENTS_AT_SCALE = 200_000
PAST_DAYS = 730
FUTURE_DAYS = 90
CANCELLED_SHARE = 0.08
# Of the commitments: assigned to a department, to one of its members, to an account manager.
ASSIGNEE_SHARES = {"department": 55, "member": 10, "kam": 35}
BREACH_SHARE = 0.1
HOURS = [(9, 30), (10, 0), (11, 0), (11, 30), (14, 0), (15, 0), (16, 30)]
CHECKLIST_ITEMS = list(ChecklistItem.Item.values)


def _start(day: date, rng: Random) -> datetime:
    hour, minute = rng.choice(HOURS)
    return datetime.combine(day, dtime(hour, minute), tzinfo=timezone.get_default_timezone())


def _offsets(rng: Random, count: int) -> list[tuple[int, str]]:
    """(days from today, kind) for one account's meetings: an annual meeting on the same day
    each year, the rest spread over the two years back and the three months ahead."""
    anniversary = rng.randrange(365)
    annual = [(day, "annual") for day in (anniversary - 730, anniversary - 365, anniversary) if day <= FUTURE_DAYS]
    others = [
        (rng.randint(-PAST_DAYS, FUTURE_DAYS), rng.choices(["regular", "negotiation", "presentation"], [55, 25, 20])[0])
        for _ in range(max(0, count - len(annual)))
    ]
    return sorted(annual + others)


def build_meetings(build: Build) -> None:
    """Meetings with their attendees and agenda: held ones with outcomes, minutes and interest
    signals; planned ones carrying over the last goal their account did not reach."""
    rng = build.rng
    cities = build.shared["cities"]
    contacts_by_account: dict[int, list[dict]] = defaultdict(list)
    for contact in build.rows[Contact]:
        contacts_by_account[contact["account_id"]].append(contact)
    meetings, topics, ours, theirs = [], [], [], []
    topics_by_meeting: dict[int, list[dict]] = defaultdict(list)
    now = timezone.now()
    for account in build.rows[Account]:
        meta = build.shared["accounts"][account["id"]]
        lang, owner = meta["lang"], account["owner_id"]
        city = cities[account["region_id"]][0 if lang == "ru" else 2]
        senior = sorted(contacts_by_account[account["id"]], key=lambda c: -c["influence"])[:5]
        unreached: dict | None = None
        for offset, kind in _offsets(rng, rng.randint(*MEETINGS_BY_TIER[account["tier"]])):
            day = demo.weekday(build.today + timedelta(days=offset), forward=offset > 0)
            starts_at = _start(day, rng)
            status = "planned" if starts_at > now else "cancelled" if rng.random() < CANCELLED_SHARE else "held"
            pk = len(meetings) + 1
            created = min(starts_at - timedelta(days=rng.randint(5, 40)), now - timedelta(hours=rng.randint(1, 48)))
            row = {
                "id": pk,
                "version": 1,
                "account_id": account["id"],
                "kind": kind,
                "title": phrases.text(phrases.TITLES[kind], lang, rng).format(year=day.year),
                "starts_at": starts_at,
                "duration_minutes": rng.choice([30, 45, 60, 90, 120]),
                "location": phrases.text(phrases.LOCATIONS, lang, rng).format(city=city),
                "objective": phrases.OBJECTIVES[kind][lang],
                "status": status,
                "minutes": "",
                "client_questions": None,
                "tone": "",
                "expression": "",
                "took_notes": None,
                "other_signs": "",
                "signals_notes": "",
                "created_by_id": owner,
                "created_at": created,
                "updated_at": starts_at + timedelta(hours=3) if status == "held" else created,
                "_history_user_id": owner,
                "_lang": lang,
                "_day": day,
            }
            meetings.append(row)
            ours.append({"meeting_id": pk, "user_id": owner})
            if meta["team"] and rng.random() < 0.3:
                ours.append({"meeting_id": pk, "user_id": meta["team"][0]})
            for contact in rng.sample(senior, min(len(senior), rng.randint(1, 3))):
                theirs.append({"meeting_id": pk, "contact_id": contact["id"]})

            chosen = rng.sample(phrases.TOPICS[lang], rng.randint(2, 4))
            agenda = []
            if status == "planned" and unreached is not None:
                chosen = [t for t in chosen if t[0] != unreached["title"]][:3]
                agenda.append((unreached["title"], unreached["strategic_goal"], unreached["arguments"], unreached))
                unreached = None
            agenda += [(title, goal, arguments, None) for title, goal, arguments, _objections in chosen]
            objections = {t[0]: t[3] for t in phrases.TOPICS[lang]}
            lines = []
            for position, (title, goal, arguments, carried) in enumerate(agenda):
                topic = {
                    "id": len(topics) + 1,
                    "version": 1,
                    "meeting_id": pk,
                    "position": position,
                    "title": title,
                    "strategic_goal": goal,
                    "arguments": arguments,
                    "objections": objections.get(title, ""),
                    "outcome": "",
                    "outcome_notes": "",
                    "carried_from_id": carried["id"] if carried else None,
                    "_history_user_id": owner,
                    "created_at": created,
                }
                if status == "held":
                    topic["outcome"] = rng.choices(["achieved", "partly", "not_achieved"], weights=[5, 3, 2])[0]
                    topic["outcome_notes"] = phrases.text(phrases.OUTCOME_NOTES[topic["outcome"]], lang, rng)
                    lines.append(f"— {title}: {topic['outcome_notes']}")
                    if topic["outcome"] != "achieved":
                        unreached = topic
                topics.append(topic)
                topics_by_meeting[pk].append(topic)
            if status == "held":
                row["minutes"] = "\n".join([*lines, phrases.text(phrases.NEXT_STEPS, lang, rng)])
                questions = rng.randint(0, 10)
                row.update(
                    client_questions=questions,
                    tone=rng.choices(["cold", "neutral", "warm"], weights=[1, 3, 4])[0],
                    expression=rng.choices(["closed", "neutral", "open"], weights=[1, 3, 4])[0],
                    took_notes=rng.random() < 0.6,
                    other_signs=rng.choice(["negative", "none", "positive"]),
                    signals_notes=phrases.text(phrases.SIGNAL_NOTES, lang, rng),
                )
    build.load(Meeting, meetings)
    build.load(Meeting.attendees.through, ({"id": i, **row} for i, row in enumerate(ours, start=1)), keep=False)
    build.load(Meeting.client_attendees.through, ({"id": i, **r} for i, r in enumerate(theirs, start=1)), keep=False)
    build.load(AgendaTopic, topics)
    # The search step builds each meeting's document from its topics, as a prefetch would.
    build.search_prefetch[Meeting] = lambda row: {
        "topics": [AgendaTopic(**_columns(topic)) for topic in topics_by_meeting[row["id"]]]
    }


def _columns(row: dict) -> dict:
    return {name: value for name, value in row.items() if not name.startswith("_") and name != "created_at"}


def build_preparation(build: Build) -> None:
    """Negotiation targets with their limits (agreed values on held meetings, a few beyond the
    limits) and the nine checklist items of every annual meeting."""
    rng = build.rng
    targets, items = [], []
    for meeting in build.rows[Meeting]:
        kind, lang, held = meeting["kind"], meeting["_lang"], meeting["status"] == "held"
        common = {"version": 1, "meeting_id": meeting["id"], "_history_user_id": meeting["created_by_id"]}
        common["created_at"] = meeting["created_at"]
        count = (
            rng.randint(1, 3) if kind in ("annual", "negotiation") else int(kind == "regular" and rng.random() < 0.6)
        )
        for product in rng.sample(phrases.PRODUCTS, count):
            if kind != "regular" and rng.random() < 0.2:
                product = None  # the whole deal
            values = demo.target_values(rng, product)
            row = {
                **common,
                "id": len(targets) + 1,
                "product_name": "" if product is None else product[0 if lang == "ru" else 1],
                "unit": "" if product is None else product[2 if lang == "ru" else 3],
                "terms": phrases.text(phrases.TERMS, lang, rng),
                "planned_volume": None,
                "target_price": None,
                "min_price": None,
                "min_volume": None,
                "agreed_volume": None,
                "agreed_price": None,
                "agreed_discount": None,
                "agreed_terms": "",
                **values,
            }
            if held:
                row.update(
                    demo.agreed_values(rng, values, breach=rng.random() < BREACH_SHARE), agreed_terms=row["terms"]
                )
            targets.append(row)
        if kind == "annual":
            if meeting["status"] == "planned":
                profile = rng.choice(demo.READINESS_PROFILES)
                ready = 9 if profile == "ready" else rng.randint(2, 5) if profile == "partly" else 0
                draft = rng.randint(0, 9 - ready) if profile == "partly" else 0
            else:
                ready, draft = 9, 0
            statuses = ["ready"] * ready + ["draft"] * draft + ["missing"] * (9 - ready - draft)
            for item, status in zip(CHECKLIST_ITEMS, statuses, strict=True):
                content = "" if status == "missing" else phrases.CHECKLIST_CONTENT[item][lang == "en"]
                items.append({**common, "id": len(items) + 1, "item": item, "status": status, "content": content})
    build.load(NegotiationTarget, targets)
    build.load(ChecklistItem, items)


def _spread(rng: Random, total: int, weights: list[int]) -> list[int]:
    """`total` split over slots in proportion to `weights`, the remainder dealt at random."""
    whole = sum(weights) or 1
    counts = [total * w // whole for w in weights]
    for index in rng.sample(range(len(weights)), min(len(weights), total - sum(counts))):
        counts[index] += 1
    return counts


def build_commitments(build: Build) -> None:
    """Commitments of the held meetings, spread over the departments, their members and the
    account managers; statuses that fit the due dates (some overdue); one CommitmentUpdate
    per status change of each commitment that is no longer open."""
    rng = build.rng
    now = timezone.now()
    departments = {row["id"]: row["slug"] for row in build.rows[Department]}
    members: dict[int, list[int]] = defaultdict(list)
    for user in build.rows[User]:
        if user["role"] == Role.DEPARTMENT and user["department_id"]:
            members[user["department_id"]].append(user["id"])
    department_ids = list(departments)
    department_weights = [DEPARTMENT_WEIGHTS.get(departments[d], 1) for d in department_ids]
    held = [m for m in build.rows[Meeting] if m["status"] == "held"]
    weights = [rng.randint(1, 9) * (3 if m["kind"] in ("annual", "negotiation") else 2) for m in held]
    counts = _spread(rng, build.scaled(COMMITMENTS_AT_SCALE), weights)
    shares = list(ASSIGNEE_SHARES)
    commitments, updates = [], []
    for meeting, count in zip(held, counts, strict=True):
        lang, owner, day = meeting["_lang"], meeting["created_by_id"], meeting["_day"]
        team = build.shared["accounts"][meeting["account_id"]]["team"]
        for _ in range(count):
            share = rng.choices(shares, weights=list(ASSIGNEE_SHARES.values()))[0]
            department = rng.choices(department_ids, weights=department_weights)[0]
            user = None
            if share == "kam":
                user = team[0] if team and rng.random() < 0.2 else owner
            elif share == "member" and members[department]:
                user = rng.choice(members[department])
            phrase, unit_ru, unit_en, quantity = rng.choice(
                phrases.COMMITMENTS["kam" if share == "kam" else departments[department]][lang]
            )
            due = day + timedelta(days=rng.randint(10, 60))
            late = (build.today - due).days
            odds = [3, 2, 87, 8] if late > 30 else [25, 15, 60, 0] if late > 0 else [45, 35, 20, 0]
            status = rng.choices(["open", "in_progress", "done", "cancelled"], weights=odds)[0]
            created = meeting["starts_at"] + timedelta(hours=rng.randint(2, 6))
            started = min(created + timedelta(days=rng.randint(1, 6)), now - timedelta(hours=1))
            done_at = None
            if status == "done":
                done_day = max(day + timedelta(days=1), min(build.today, due + timedelta(days=rng.randint(-6, 3))))
                done_at = max(started, min(_start(done_day, rng), now - timedelta(minutes=5)))
            pk = len(commitments) + 1
            actor = user or (rng.choice(members[department]) if members[department] else owner)
            steps = []
            if status == "in_progress" or (status == "done" and rng.random() < 0.6):
                steps.append(("open", "in_progress", started, actor))
            if status == "done":
                steps.append((steps[-1][1] if steps else "open", "done", done_at, actor))
            if status == "cancelled":
                steps.append(("open", "cancelled", started, owner))
            for from_status, to_status, at, by in steps:
                note = phrases.text(phrases.UPDATE_NOTES[to_status], lang, rng)
                updates.append(
                    {
                        "commitment_id": pk,
                        "by_id": by,
                        "at": at,
                        "from_status": from_status,
                        "to_status": to_status,
                        "note": note,
                    }
                )
            commitments.append(
                {
                    "id": pk,
                    "version": 1,
                    "meeting_id": meeting["id"],
                    "account_id": meeting["account_id"],
                    "text": phrase,
                    "assignee_user_id": user,
                    "assignee_department_id": None if user else department,
                    "due_on": due,
                    "quantity": Decimal(rng.randrange(quantity[0], quantity[1], 100)) if quantity else None,
                    "unit": (unit_ru if lang == "ru" else unit_en) if quantity else "",
                    "status": status,
                    "done_at": done_at,
                    "created_by_id": owner,
                    "created_at": created,
                    "updated_at": steps[-1][2] if steps else created,
                    "_history_user_id": owner,
                }
            )
    build.load(Commitment, commitments)
    build.load(CommitmentUpdate, updates, keep=False)
