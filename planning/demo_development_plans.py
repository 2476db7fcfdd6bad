"""The demo's client development plans, built for planning/demo_plans.py (run by
`manage.py seed_demo` after the sales plans).

For half the accounts: goals of both sides, a SWOT, objectives, a contact plan tied to held
meetings, budget lines, stages around today (done, overdue, due in a few days) and partnership
opportunities with the client's own partners; a few accounts already have next year's plan as a
draft. These rows are written with bulk_create.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.demo import aware, lang_of
from accounts.models import Account, BusinessPartner, Contact
from meetings.models import Meeting
from planning import demo_plan_texts as texts
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)

NEXT_YEAR_DRAFT_PLANS = 4  # development plans already drafted for next year


class DevelopmentPlansDemoBuilder:
    def __init__(self, *, accounts: Sequence[Account], rng: Random, today: date, counts: Counter):
        self.accounts = list(accounts)
        self.rng = rng
        self.today = today
        self.counts = counts

    def development_plans(self) -> None:
        rng = self.rng
        today = self.today
        chosen = sorted(rng.sample(range(len(self.accounts)), len(self.accounts) // 2))
        accounts = [self.accounts[i] for i in chosen]
        ids = [account.pk for account in accounts]
        contacts = defaultdict(list)
        for account_id, pk in (
            Contact.objects.filter(account_id__in=ids).order_by("-influence", "pk").values_list("account_id", "pk")
        ):
            contacts[account_id].append(pk)
        partners = defaultdict(list)
        for account_id, pk, name in (
            BusinessPartner.objects.filter(account_id__in=ids).order_by("pk").values_list("account_id", "pk", "name")
        ):
            partners[account_id].append((pk, name))
        held = defaultdict(list)
        for account_id, pk, starts_at in (
            Meeting.objects.filter(account_id__in=ids, status=Meeting.Status.HELD, starts_at__lt=timezone.now())
            .order_by("-starts_at", "pk")
            .values_list("account_id", "pk", "starts_at")
        ):
            held[account_id].append((pk, timezone.localdate(starts_at)))
        team = defaultdict(list)
        for account_id, user_id in Account.team.through.objects.filter(account_id__in=ids).values_list(
            "account_id", "user_id"
        ):
            team[account_id].append(user_id)

        plans = []
        for account in accounts:
            plan = AccountPlan(
                account=account,
                year=today.year,
                author=account.owner,
                status=AccountPlan.Status.ACTIVE,
                summary=rng.choice(texts.SUMMARIES[lang_of(account.name)]).format(name=account.name),
            )
            plan._history_user = account.owner
            plans.append(plan)
        bulk_create_with_history(plans, AccountPlan)
        drafts = []
        for plan in rng.sample(plans, min(NEXT_YEAR_DRAFT_PLANS, len(plans))):
            draft = AccountPlan(
                account=plan.account,
                year=today.year + 1,
                author=plan.author,
                status=AccountPlan.Status.DRAFT,
                summary=plan.summary,
                cloned_from=plan,
            )
            draft._history_user = plan.author
            drafts.append(draft)
        bulk_create_with_history(drafts, AccountPlan)
        self.counts["account_plans"] = len(plans) + len(drafts)

        rows: dict[type, list] = defaultdict(list)
        for index, plan in enumerate(plans):
            account = plan.account
            lang = lang_of(account.name)
            self._goals_and_swot(plan, lang, rows)
            for position, (text, measure) in enumerate(rng.sample(texts.OBJECTIVES[lang], rng.randint(3, 4))):
                rows[PlanObjective].append(
                    PlanObjective(
                        plan=plan, position=position, text=text, measure=measure, achieved=position < index % 3
                    )
                )
            self._contact_plan(plan, lang, contacts[account.pk], held[account.pk], rows)
            self._budget(plan, lang, overspent=index % 3 == 0, rows=rows)
            self._stages(plan, lang, [account.owner_id, *team[account.pk]], rows)
            self._opportunities(plan, lang, partners[account.pk], rows)
        for draft in drafts:
            lang = lang_of(draft.account.name)
            self._goals_and_swot(draft, lang, rows)
            for position, (title, procedure) in enumerate(texts.STAGES[lang][:3]):
                rows[PlanStage].append(
                    PlanStage(
                        plan=draft,
                        account_id=draft.account_id,
                        position=position,
                        title=title,
                        procedure=procedure,
                        owner_id=draft.author_id,
                        deadline=date(draft.year, 3 * position + 2, rng.randint(1, 28)),
                    )
                )
        for model in (StrategicGoal, SwotItem, PlanObjective, PlannedContact, BudgetLine, PlanStage):
            model.objects.bulk_create(rows[model], batch_size=1000)
        PartnershipOpportunity.objects.bulk_create(rows[PartnershipOpportunity], batch_size=1000)
        self.counts["plan_stages"] = len(rows[PlanStage])

    def _goals_and_swot(self, plan: AccountPlan, lang: str, rows) -> None:
        rng = self.rng
        goals = [(StrategicGoal.Side.CLIENT, text) for text in rng.sample(texts.CLIENT_GOALS[lang], 2)]
        goals += [(StrategicGoal.Side.OURS, text) for text in rng.sample(texts.OUR_GOALS[lang], 2)]
        for position, (side, text) in enumerate(goals):
            rows[StrategicGoal].append(StrategicGoal(plan=plan, position=position, side=side, text=text))
        position = 0
        for quadrant in SwotItem.Quadrant:
            for text in rng.sample(texts.SWOT[quadrant.value][lang], rng.randint(1, 2)):
                rows[SwotItem].append(SwotItem(plan=plan, position=position, quadrant=quadrant, text=text))
                position += 1

    def _contact_plan(self, plan: AccountPlan, lang: str, contacts: list[int], held: list, rows) -> None:
        """Two past contacts, each the account's held meeting where there is one, and two to come."""
        rng = self.rng
        purposes = rng.sample(texts.CONTACT_PURPOSES[lang], 4)
        dates = [self.today - timedelta(days=rng.randint(20, 120)), self.today - timedelta(days=rng.randint(121, 240))]
        past = [(held[i] if i < len(held) else (None, dates[i])) for i in range(2)]
        future = [
            (None, self.today + timedelta(days=rng.randint(5, 20))),
            (None, self.today + timedelta(days=rng.randint(21, 75))),
        ]
        for position, ((meeting_id, day), purpose) in enumerate(zip([*past, *future], purposes, strict=True)):
            rows[PlannedContact].append(
                PlannedContact(
                    plan=plan,
                    position=position,
                    contact_id=contacts[position % len(contacts)] if contacts else None,
                    planned_for=day,
                    purpose=purpose,
                    meeting_id=meeting_id,
                )
            )

    def _budget(self, plan: AccountPlan, lang: str, *, overspent: bool, rows) -> None:
        rng = self.rng
        items = rng.sample(texts.BUDGET_ITEMS[lang], 3)
        for position, item in enumerate(items):
            planned = Decimal(rng.randrange(40_000, 400_000, 5_000))
            ratio = rng.uniform(1.08, 1.3) if overspent and position == 0 else rng.uniform(0.1, 0.95)
            spent = (planned * Decimal(f"{ratio:.2f}") / 100).quantize(Decimal(1)) * 100
            rows[BudgetLine].append(BudgetLine(plan=plan, position=position, item=item, planned=planned, spent=spent))

    def _stages(self, plan: AccountPlan, lang: str, owners: list[int], rows) -> None:
        """Stages around today: two done, one overdue (in most plans), one due in a few days,
        the rest later."""
        rng = self.rng
        today = self.today
        offsets = [
            -rng.randint(90, 150),
            -rng.randint(40, 80),
            -rng.randint(3, 25),
            rng.randint(1, 5),
            rng.randint(20, 60),
            rng.randint(61, 120),
        ]
        overdue = rng.random() < 0.7
        for position, ((title, procedure), offset) in enumerate(zip(texts.STAGES[lang], offsets, strict=True)):
            # Within the plan's year: the stages after year end belong to next year's plan.
            deadline = min(today + timedelta(days=offset), date(plan.year, 12, 31))
            done = position < 2 or (position == 2 and not overdue)
            rows[PlanStage].append(
                PlanStage(
                    plan=plan,
                    account_id=plan.account_id,
                    position=position,
                    title=title,
                    procedure=procedure,
                    owner_id=owners[0] if rng.random() < 0.7 else rng.choice(owners),
                    deadline=deadline,
                    done_at=aware(deadline - timedelta(days=rng.randint(0, 5)), 15) if done else None,
                )
            )

    def _opportunities(self, plan: AccountPlan, lang: str, partners: list, rows) -> None:
        rng = self.rng
        options = texts.OPPORTUNITIES[lang]
        # With a partner of the client first, where it has any.
        chosen = [options[0]] if partners else []
        chosen += rng.sample(options[1:], rng.randint(1, 2))
        partner = rng.choice(partners) if partners else None
        for position, (title, description) in enumerate(chosen):
            with_partner = position == 0 and partner is not None
            rows[PartnershipOpportunity].append(
                PartnershipOpportunity(
                    plan=plan,
                    position=position,
                    title=title.format(partner=partner[1] if partner else ""),
                    description=description,
                    partner_id=partner[0] if with_partner else None,
                    value=Decimal(rng.randrange(200_000, 3_000_000, 50_000)),
                    status=rng.choice(list(PartnershipOpportunity.Status)),
                )
            )
