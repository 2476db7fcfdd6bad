"""The demo's meetings: the builder `seed_demo` calls after the accounts, writing texts from
the phrase tables of meetings/demo_phrases.py in each account's language.

For each demo account: held meetings of the past year with minutes, topic outcomes, agreed
values (a few beyond their limits) and interest signals; planned meetings of the next weeks with
agenda topics, negotiation targets and limits, topics carried over from goals not reached;
annual meetings with the nine checklist items at 0 %, partly and 100 % ready. Last, the held
meetings' commitments (meetings/demo_commitments.py). Everything is written with bulk_create
(one "+" history row per record), dates relative to today. The date and value helpers and the
readiness profiles serve bench/meeting_steps.py too; demo_meeting_ids serves seed_demo --reset.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from random import Random
from typing import Protocol

from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts import demo as accounts_demo
from accounts.models import Account, Contact
from kam.users.models import Department, User
from meetings import demo_phrases as phrases
from meetings.demo_commitments import CommitmentsDemoBuilder
from meetings.models import AgendaTopic, ChecklistItem, Commitment, Meeting, NegotiationTarget

# Readiness profiles of the upcoming annual meetings, dealt in turn (so several states show).
READINESS_PROFILES = ["ready", "partly", "empty", "partly"]
ANNUAL_PER_KAM = 2


class DemoAccount(Protocol):
    """What the builder needs of each demo account (the AccountSketch of accounts/demo_builder.py)."""

    account: Account
    lang: str
    city_key: str
    team: list[User]
    contacts: list[Contact]


def meeting_moment(day: date, rng: Random) -> datetime:
    """A meeting start on `day` at a usual business hour, in the project's time zone."""
    hour, minute = rng.choice([(9, 30), (10, 0), (11, 0), (11, 30), (14, 0), (15, 0), (16, 30)])
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_default_timezone())


def weekday(day: date, *, forward: bool = True) -> date:
    """The day, moved to the Monday after (or the Friday before) when it falls on a weekend."""
    if day.weekday() < 5:
        return day
    return day + timedelta(days=7 - day.weekday()) if forward else day - timedelta(days=day.weekday() - 4)


def target_values(rng: Random, product: tuple | None) -> dict:
    """Targets and limits that respect each other (the model's check constraints)."""
    discount = Decimal(rng.choice([0, 2, 3, 5]))
    values = {"target_discount": discount, "max_discount": discount + rng.choice([2, 3, 4])}
    if product is not None:
        (low, high), (vmin, vmax) = product[4], product[5]
        price = Decimal(rng.randint(low, high))
        volume = Decimal(rng.randrange(vmin, vmax, 500))
        values.update(
            target_price=price,
            min_price=(price * Decimal(rng.choice(["0.92", "0.94", "0.95", "0.96"]))).quantize(Decimal("0.01")),
            planned_volume=volume,
            min_volume=(volume * Decimal("0.8")).quantize(Decimal("1")),
        )
    return values


def agreed_values(rng: Random, values: dict, *, breach: bool) -> dict:
    """What was agreed: between target and limit, or (breach) beyond the limit."""
    agreed = {}
    if values.get("target_price") is not None:
        low, high = values["min_price"], values["target_price"]
        agreed["agreed_price"] = (
            low * Decimal("0.96") if breach else low + (high - low) * Decimal(rng.random())
        ).quantize(Decimal("0.01"))
        agreed["agreed_volume"] = (
            values["min_volume"] + (values["planned_volume"] - values["min_volume"]) * Decimal(rng.random())
        ).quantize(Decimal("1"))
        agreed["agreed_discount"] = values["target_discount"]
    else:
        agreed["agreed_discount"] = values["max_discount"] + 2 if breach else values["target_discount"]
    return agreed


class _Plan:
    """One demo meeting being built, with what the later passes need to know about it."""

    def __init__(self, meeting: Meeting, source: DemoAccount, lang: str, *, profile: str = ""):
        self.meeting = meeting
        self.source = source
        self.lang = lang
        self.profile = profile  # readiness of an annual meeting's checklist
        self.topics: list[AgendaTopic] = []
        self.our_people: list[User] = []
        self.client_people: list[Contact] = []
        self.held = meeting.status == Meeting.Status.HELD

    @property
    def day(self) -> date:
        return timezone.localtime(self.meeting.starts_at).date()


class MeetingsDemoBuilder:
    """Builds the demo meetings of `accounts` (see the module docstring); `build` returns the
    counts of what it wrote. Deterministic for a given random source and day."""

    def __init__(self, *, rng: Random, today: date, users: dict[str, User], departments: dict[str, Department]):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.users = users
        self.departments = departments
        self.counts: Counter = Counter()

    def build(self, accounts: list[DemoAccount]) -> Counter:
        plans = self._meetings(accounts)
        topics = self._topics(plans)
        self._save([plan.meeting for plan in plans], Meeting, times=("created_at", "updated_at"))
        self._attendees(plans)
        # Held meetings' topics first: planned ones point at them (carried over).
        for batch in topics:
            self._save(batch, AgendaTopic)
        self._targets(plans)
        self._checklists(plans)
        commitments = CommitmentsDemoBuilder(
            rng=self.rng,
            today=self.today,
            now=self.now,
            users=self.users,
            departments=self.departments,
            save=self._save,
            moment=meeting_moment,
        )
        self.counts.update(commitments.build(plans))
        return self.counts

    # Meetings ----------------------------------------------------------------------------

    def _meetings(self, accounts: list[DemoAccount]) -> list[_Plan]:
        rng = self.rng
        annual = self._annual_profiles(accounts)
        plans: list[_Plan] = []
        for source in accounts:
            status = source.account.status
            if status == "dormant":
                past, future = rng.sample(range(150, 400), rng.randint(1, 2)), []
            elif status == "prospect":
                past, future = rng.sample(range(10, 120), 1), rng.sample(range(3, 40), 1)
            else:
                past, future = rng.sample(range(7, 320), rng.randint(3, 5)), rng.sample(range(2, 42), rng.randint(1, 2))
            kinds = ["regular", "negotiation", "presentation"]
            rows = [(-days, rng.choices(kinds, weights=[5, 3, 2])[0], "") for days in sorted(past, reverse=True)]
            if source.account.pk in annual:
                # Last year's annual meeting, held, and this year's in the coming weeks.
                rows.insert(0, (-rng.randint(335, 360), "annual", "ready"))
                future = future[:1]
                rows.append((rng.randint(5, 35), "annual", annual[source.account.pk]))
            rows += [(days, rng.choices(kinds, weights=[4, 3, 2])[0], "") for days in sorted(future)]
            latest_past = max((offset for offset, _kind, _p in rows if offset < 0), default=0)
            for offset, kind, profile in rows:
                day = weekday(self.today + timedelta(days=offset), forward=offset > 0)
                status_ = Meeting.Status.PLANNED
                if offset < 0:
                    cancelled = offset != latest_past and kind != "annual" and rng.random() < 0.1
                    status_ = Meeting.Status.CANCELLED if cancelled else Meeting.Status.HELD
                plans.append(self._meeting(source, kind, day, status_, profile))
        self.counts["meetings"] = len(plans)
        return plans

    def _annual_profiles(self, accounts: list[DemoAccount]) -> dict[int, str]:
        """The accounts that hold an annual meeting in the coming weeks (the first active ones
        of each account manager, strategic tiers first), and how ready each one is."""
        by_owner: dict[str, list[DemoAccount]] = defaultdict(list)
        for source in accounts:
            if source.account.status in ("active", "at_risk"):
                by_owner[source.account.owner.username].append(source)
        chosen = [
            source
            for owner in sorted(by_owner)
            for source in sorted(by_owner[owner], key=lambda s: s.account.tier)[:ANNUAL_PER_KAM]
        ]
        return {source.account.pk: READINESS_PROFILES[i % len(READINESS_PROFILES)] for i, source in enumerate(chosen)}

    def _meeting(self, source: DemoAccount, kind: str, day: date, status: str, profile: str) -> _Plan:
        rng = self.rng
        # In the account's language throughout, so topics carried over read like the rest.
        lang = source.lang
        city = accounts_demo.CITIES[source.city_key][1 if lang == "ru" else 3]
        starts_at = meeting_moment(day, rng)
        owner = source.account.owner
        held = status == Meeting.Status.HELD
        created = min(starts_at - timedelta(days=rng.randint(7, 30)), self.now - timedelta(hours=rng.randint(2, 90)))
        meeting = Meeting(
            account=source.account,
            kind=kind,
            title=phrases.text(phrases.TITLES[kind], lang, rng).format(
                year=day.year + (1 if kind == "annual" and day.month > 9 else 0)
            ),
            starts_at=starts_at,
            duration_minutes=rng.choice([45, 60, 90, 120] if kind != "regular" else [30, 45, 60]),
            location=phrases.text(phrases.LOCATIONS, lang, rng).format(city=city),
            objective=phrases.OBJECTIVES[kind][lang],
            status=status,
            created_by=owner,
            created_at=created,
            updated_at=starts_at + timedelta(hours=rng.randint(2, 30)) if held else created,
        )
        if held:
            at_risk = source.account.status == "at_risk"
            meeting.client_questions = rng.randint(0, 4) if at_risk else rng.randint(1, 10)
            meeting.tone = rng.choices(["cold", "neutral", "warm"], weights=[3, 3, 1] if at_risk else [1, 3, 4])[0]
            meeting.expression = rng.choices(
                ["closed", "neutral", "open"], weights=[3, 3, 1] if at_risk else [1, 3, 4]
            )[0]
            meeting.took_notes = rng.random() < (0.3 if at_risk else 0.7)
            meeting.other_signs = rng.choice(["negative", "none", "positive"])
            meeting.signals_notes = phrases.text(phrases.SIGNAL_NOTES, lang, rng)
        meeting._history_user = owner
        meeting._history_date = meeting.created_at
        plan = _Plan(meeting, source, lang, profile=profile)
        # The owner, sometimes with a team member; one to three of the client's senior people.
        plan.our_people = [owner]
        if source.team and rng.random() < 0.4:
            plan.our_people.append(source.team[0])
        senior = sorted(source.contacts, key=lambda c: (-c.influence, c.last_name))[:4]
        plan.client_people = rng.sample(senior, min(len(senior), rng.randint(1, 3)))
        return plan

    def _attendees(self, plans: list[_Plan]) -> None:
        ours, theirs = Meeting.attendees.through, Meeting.client_attendees.through
        ours.objects.bulk_create(
            ours(meeting_id=plan.meeting.pk, user_id=user.pk) for plan in plans for user in plan.our_people
        )
        theirs.objects.bulk_create(
            theirs(meeting_id=plan.meeting.pk, contact_id=contact.pk)
            for plan in plans
            for contact in plan.client_people
        )

    # Preparation and outcomes ------------------------------------------------------------

    def _topics(self, plans: list[_Plan]) -> list[list[AgendaTopic]]:
        """The agenda, and for held meetings the outcomes and the minutes they make. Held
        meetings come first: a planned meeting carries over a goal its account's last held
        meeting did not reach, pointing at that topic. Returns the two batches to save."""
        rng = self.rng
        unreached: dict[int, AgendaTopic] = {}
        batches = []
        for batch in ([p for p in plans if p.held], [p for p in plans if not p.held]):
            topics = []
            for plan in batch:
                count = rng.randint(3, 4) if plan.meeting.kind == "annual" else rng.randint(2, 4)
                chosen = rng.sample(phrases.TOPICS[plan.lang], count)
                carried = unreached.get(plan.meeting.account_id) if plan.meeting.status == "planned" else None
                if carried is not None:
                    chosen = [t for t in chosen if t[0] != carried.title][: count - 1]
                    plan.topics.append(self._topic(plan, 0, carried_topic(carried), carried_from=carried))
                    unreached.pop(plan.meeting.account_id)
                for title, goal, arguments, objections in chosen:
                    topic = self._topic(plan, len(plan.topics), (title, goal, arguments, objections))
                    plan.topics.append(topic)
                if plan.held:
                    lines = []
                    for topic in plan.topics:
                        topic.outcome = rng.choices(["achieved", "partly", "not_achieved"], weights=[5, 3, 2])[0]
                        topic.outcome_notes = phrases.text(phrases.OUTCOME_NOTES[topic.outcome], plan.lang, rng)
                        lines.append(f"— {topic.title}: {topic.outcome_notes}")
                        if topic.goal_unreached:
                            unreached[plan.meeting.account_id] = topic
                    intro = "Участники со стороны клиента: " if plan.lang == "ru" else "Client attendees: "
                    plan.meeting.minutes = "\n".join(
                        [
                            intro + ", ".join(c.full_name for c in plan.client_people) + ".",
                            *lines,
                            phrases.text(phrases.NEXT_STEPS, plan.lang, rng),
                        ]
                    )
                topics += plan.topics
            batches.append(topics)
            self.counts["topics"] += len(topics)
        return batches

    def _topic(self, plan: _Plan, position: int, values: tuple, carried_from: AgendaTopic | None = None) -> AgendaTopic:
        title, goal, arguments, objections = values
        topic = AgendaTopic(
            meeting=plan.meeting,
            position=position,
            title=title,
            strategic_goal=goal,
            arguments=arguments,
            objections=objections,
            carried_from=carried_from,
        )
        topic._history_user = plan.meeting.created_by
        topic._history_date = plan.meeting.created_at
        return topic

    def _targets(self, plans: list[_Plan]) -> None:
        rng = self.rng
        targets: list[tuple[_Plan, NegotiationTarget]] = []
        for plan in plans:
            kind = plan.meeting.kind
            if (
                kind == "presentation"
                or plan.meeting.status == "cancelled"
                or (kind == "regular" and rng.random() < 0.5)
            ):
                continue
            products = rng.sample(phrases.PRODUCTS, 1 if kind == "regular" else rng.randint(1, 3))
            if kind != "regular" and rng.random() < 0.3:
                products.append(None)  # the whole deal: a discount and terms
            for product in products:
                values = target_values(rng, product)
                target = NegotiationTarget(
                    meeting=plan.meeting,
                    product_name="" if product is None else product[0 if plan.lang == "ru" else 1],
                    unit="" if product is None else product[2 if plan.lang == "ru" else 3],
                    terms=phrases.text(phrases.TERMS, plan.lang, rng),
                    **values,
                )
                target._history_user = plan.meeting.created_by
                target._history_date = plan.meeting.created_at
                targets.append((plan, target))
        # Some agreed values beyond the limits, at least one for every account manager.
        held = [(plan, target) for plan, target in targets if plan.held]
        breached = {id(target) for _plan, target in held if rng.random() < 0.15}
        for owner in {plan.meeting.account.owner_id for plan, _target in held}:
            mine = [t for p, t in held if p.meeting.account.owner_id == owner]
            if not breached & {id(t) for t in mine}:
                breached.add(id(mine[-1]))
        for _plan, target in held:
            for name, value in agreed_values(rng, target.__dict__, breach=id(target) in breached).items():
                setattr(target, name, value)
            target.agreed_terms = target.terms
        self._save([target for _plan, target in targets], NegotiationTarget)
        self.counts["targets"] = len(targets)
        self.counts["breaches"] = len(breached)

    def _checklists(self, plans: list[_Plan]) -> None:
        rng = self.rng
        items = []
        for plan in plans:
            if plan.meeting.kind != "annual":
                continue
            statuses = ["ready"] * 9 if plan.profile == "ready" else ["missing"] * 9
            if plan.profile == "partly":
                ready, draft = rng.randint(2, 4), rng.randint(1, 3)
                statuses = ["ready"] * ready + ["draft"] * draft + ["missing"] * (9 - ready - draft)
            for item, status in zip(ChecklistItem.Item.values, statuses, strict=True):
                content = "" if status == "missing" else phrases.CHECKLIST_CONTENT[item][plan.lang == "en"]
                checklist_item = ChecklistItem(meeting=plan.meeting, item=item, status=status, content=content)
                checklist_item._history_user = plan.meeting.created_by
                checklist_item._history_date = plan.meeting.created_at
                items.append(checklist_item)
        self._save(items, ChecklistItem)
        self.counts["checklist_items"] = len(items)

    def _save(self, objects: list, model, *, times: tuple[str, ...] = (), history: bool = True) -> None:
        """bulk_create (with one "+" history row each, dated by `_history_date`), then put back
        the demo's own dates in the auto_now(_add) fields `times`, which bulk_create stamps
        with the present moment (bulk_update writes the values as they are)."""
        intended = [[getattr(obj, name) for name in times] for obj in objects]
        if history:
            bulk_create_with_history(objects, model)
        else:
            model.objects.bulk_create(objects)
        if times:
            for obj, values in zip(objects, intended, strict=True):
                for name, value in zip(times, values, strict=True):
                    setattr(obj, name, value)
            model.objects.bulk_update(objects, list(times), batch_size=500)


def carried_topic(topic: AgendaTopic) -> tuple[str, str, str, str]:
    return topic.title, topic.strategic_goal, topic.arguments, topic.objections


def demo_meeting_ids(*, account_ids: list[int]) -> dict[type, list[int]]:
    """The primary keys of these accounts' meetings and of everything under them, by model,
    for seed_demo --reset: the records go with their accounts (a cascade), and their history
    rows, which no cascade reaches, are deleted by these keys afterwards."""
    meeting_ids = list(Meeting.objects.filter(account_id__in=account_ids).values_list("pk", flat=True))
    under = Q(meeting_id__in=meeting_ids)
    ids: dict[type, list[int]] = {Meeting: meeting_ids}
    for model in (AgendaTopic, NegotiationTarget, ChecklistItem):
        ids[model] = list(model.objects.filter(under).values_list("pk", flat=True))
    ids[Commitment] = list(
        Commitment.objects.filter(under | Q(account_id__in=account_ids)).values_list("pk", flat=True)
    )
    return ids
