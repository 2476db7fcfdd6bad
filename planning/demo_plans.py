"""The demo's sales plans and client development plans (loaded by `manage.py seed_demo` after
the sales of planning/demo.py).

Sales plans: for every account with sales last year, this year's plan (approved at the turn
of the year, some after being returned once, so plan vs actual has something to compare) and
next year's (being written now: drafts, submitted, approved and returned ones). They are made
by the services, so baselines come from the actual sales and every step of the approval is a
PlanTransition; targets grow each line by −5…+25 % and are staged by last year's quarters,
adding up exactly. Regional plans for the demo's regions by their regional director, approved
by the head of sales.

Client development plans for half the accounts: goals of both sides, a SWOT, objectives, a
contact plan tied to held meetings, budget lines, stages around today (done, overdue, due in a
few days) and partnership opportunities with the client's own partners; a few accounts already
have next year's plan as a draft. These rows are written with bulk_create.

Deterministic given `rng` and `today`; texts in the account's language (planning/demo_plan_texts.py).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from random import Random

from django.db.models import Q, Sum
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import Account, BusinessPartner, Contact
from kam.users.models import User
from meetings.models import Meeting
from planning import demo_plan_texts as texts
from planning.demo import SEASON
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    PlanTransition,
    ProductGroup,
    Region,
    SalesPlan,
    SalesPlanLine,
    SalesRecord,
    StrategicGoal,
    SwotItem,
)
from planning.services.plans import QUARTERS, check_quarters, plan_approve, plan_create, plan_return, plan_submit

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
THOUSAND = Decimal(1000)
# The head of sales (every region) approves what the regional director writes; the regional
# director approves the account managers' plans.
HEAD_OF_SALES = "director"
REGIONAL_DIRECTOR = "director2"
REGION_LANG = {"center": "ru", "north-west": "en", "volga": "ru"}
# Next year's regional plans are at different steps of the approval.
NEXT_YEAR_REGIONAL = {"center": "submitted", "north-west": "approved", "volga": "returned"}
NEXT_YEAR_DRAFT_PLANS = 4  # development plans already drafted for next year
Status = SalesPlan.Status


def lang_of(account: Account) -> str:
    return "ru" if CYRILLIC.search(account.name) else "en"


# The demo's seasonality by quarter, for a group the client did not buy all of last year.
SEASON_QUARTERS = [Decimal(f"{sum(SEASON[3 * q : 3 * q + 3]):.2f}") for q in range(4)]


def stage_quarters(target: Decimal, shares: Sequence[Decimal]) -> list[Decimal]:
    """The year's target split like `shares` (last year's quarters; the demo's seasonality
    where a quarter had no sales), in whole thousands but the last quarter, which takes the
    remainder so the four add up to the target exactly."""
    if len(shares) != 4 or not all(share > 0 for share in shares):
        shares = SEASON_QUARTERS
    total = sum(shares, Decimal(0))
    weights = [share / total for share in shares]
    quarters = [(target * weight / THOUSAND).quantize(Decimal(1), ROUND_HALF_UP) * THOUSAND for weight in weights[:3]]
    quarters.append(target - sum(quarters, Decimal(0)))
    if quarters[3] < 0:  # only when the target is tiny against its rounding
        quarters = [(target * weight).quantize(Decimal("0.01")) for weight in weights[:3]]
        quarters.append(target - sum(quarters, Decimal(0)))
    return quarters


def round_target(amount: Decimal) -> Decimal:
    """A target as a KAM writes it: whole thousands, never below a thousand."""
    return max(THOUSAND, (amount / THOUSAND).quantize(Decimal(1), ROUND_HALF_UP) * THOUSAND)


def aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def demo_plan_ids(*, account_ids: list[int], user_ids: list[int]) -> dict[type, list[int]]:
    """The primary keys of the demo's plans (the accounts' plans and the regional plans the demo
    users wrote) and their lines, for seed_demo --reset: their history rows are deleted by
    these keys, which no cascade reaches."""
    plans = SalesPlan.objects.filter(Q(account_id__in=account_ids) | Q(region__isnull=False, author_id__in=user_ids))
    plan_ids = list(plans.values_list("pk", flat=True))
    return {
        SalesPlan: plan_ids,
        SalesPlanLine: list(SalesPlanLine.objects.filter(plan_id__in=plan_ids).values_list("pk", flat=True)),
        AccountPlan: list(AccountPlan.objects.filter(account_id__in=account_ids).values_list("pk", flat=True)),
    }


def build_plans_demo(*, accounts: Sequence[Account], users: Mapping[str, User], rng: Random, today: date) -> Counter:
    """Sales plans (accounts' and regions') and development plans of `accounts` (saved, with
    their sales, contacts, partners and meetings). Returns the counts written: sales_plans,
    plan_lines, plan_transitions, account_plans, plan_stages."""
    builder = PlansDemoBuilder(accounts=accounts, users=users, rng=rng, today=today)
    builder.sales_plans()
    builder.regional_plans()
    builder.approvals()
    builder.date_the_approvals()
    builder.development_plans()
    return builder.counts


class PlansDemoBuilder:
    def __init__(self, *, accounts: Sequence[Account], users: Mapping[str, User], rng: Random, today: date):
        self.accounts = list(accounts)
        self.users = users
        self.rng = rng
        self.today = today
        self.counts: Counter = Counter()
        self.group_codes = dict(ProductGroup.objects.values_list("pk", "code"))
        # When each plan was written and each of its approval steps happened, applied at the end
        # (the records stamp "now" when they are made).
        self.timeline: dict[int, tuple[datetime, list[datetime]]] = {}
        self.pending: list[tuple] = []

    # Sales plans -------------------------------------------------------------------------

    def _trailing_year(self) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
        """Revenue and volume of the last twelve months, by (account, product group): the base
        of next year's targets, as this year's own sales are not complete yet."""
        start = date(self.today.year - 1, self.today.month, 1)
        rows = (
            SalesRecord.objects.filter(account__in=self.accounts, month__gte=start, month__lt=self.today.replace(day=1))
            .values("account_id", "product__group_id")
            .annotate(revenue=Sum("revenue"), volume=Sum("volume"))
            .order_by()
        )
        return {(row["account_id"], row["product__group_id"]): (row["revenue"], row["volume"]) for row in rows}

    def _growth(self, account: Account) -> float:
        if account.status == Account.Status.ACTIVE:
            return self.rng.uniform(-0.05, 0.25)
        return self.rng.uniform(-0.05, 0.08)

    def _method(self, group_id: int, lang: str, growth: float) -> str:
        growing, holding = self.rng.choice(texts.METHODS[self.group_codes[group_id]][lang])
        return growing if growth > 0.03 else holding

    def _set_targets(self, plan: SalesPlan, lines, *, base, shares, growth_of, method_of) -> list[SalesPlanLine]:
        """Targets, quarters and methods of the plan's lines, checked as the line service checks them."""
        for line in lines:
            revenue, volume = base(line)
            growth = growth_of()
            line.target_revenue = round_target(revenue * Decimal(f"{1 + growth:.4f}"))
            line.target_volume = (volume * Decimal(f"{1 + growth:.4f}")).quantize(Decimal(1), ROUND_HALF_UP)
            for name, value in zip(QUARTERS, stage_quarters(line.target_revenue, shares(line)), strict=True):
                setattr(line, name, value)
            check_quarters(target_revenue=line.target_revenue, quarters=[getattr(line, q) for q in QUARTERS])
            line.method = method_of(line, growth)
        return list(lines)

    def _approval(self, plan: SalesPlan, steps: list[str], *, approver: User, lang: str, start: date) -> None:
        """Note the steps the plan will go through, taken once every line is saved."""
        self.pending.append((plan, steps, approver, lang, start))

    def approvals(self) -> None:
        for plan, steps, approver, lang, start in self.pending:
            self._walk(plan, steps, approver=approver, lang=lang, start=start)

    def _walk(self, plan: SalesPlan, steps: list[str], *, approver: User, lang: str, start: date) -> None:
        """Walk the plan through `steps` (submitted, returned, approved) with the services, and
        note when each step happened: a few days apart from `start`, never after today."""
        rng = self.rng
        author = plan.author
        moments = []
        day = start
        returned = False
        for step in steps:
            day = min(self.today, day + timedelta(days=rng.randint(1, 4)))
            moments.append(aware(day, rng.randint(9, 18)))
            if step == Status.SUBMITTED:
                plan_submit(by=author, plan=plan, comment=texts.SUBMIT_COMMENTS[lang][1] if returned else "")
            elif step == Status.RETURNED:
                returned = True
                comment = texts.REGIONAL_RETURN[lang] if plan.is_regional else rng.choice(texts.RETURN_COMMENTS[lang])
                plan_return(by=approver, plan=plan, comment=comment)
            else:
                plan_approve(by=approver, plan=plan, comment=rng.choice(texts.APPROVE_COMMENTS[lang]))
            self.counts["plan_transitions"] += 1
        self.timeline[plan.pk] = (aware(start, 10), moments)

    def sales_plans(self) -> None:
        rng = self.rng
        today = self.today
        sold_last_year = set(
            SalesRecord.objects.filter(account__in=self.accounts, month__year=today.year - 1)
            .values_list("account_id", flat=True)
            .distinct()
        )
        planned = [account for account in self.accounts if account.pk in sold_last_year]
        trailing = self._trailing_year()
        next_statuses = self._next_year_statuses(len(planned))
        # Two of this year's plans were returned once before they were approved.
        returned_once = set(rng.sample(range(len(planned)), min(2, len(planned))))
        updated: list[SalesPlanLine] = []
        for index, account in enumerate(planned):
            lang = lang_of(account)
            owner = account.owner
            approver = self.users[REGIONAL_DIRECTOR if rng.random() < 0.7 else HEAD_OF_SALES]

            # This year: baseline and seasonality are last year's actuals, on the lines already.
            current = plan_create(by=owner, account=account, year=today.year)
            lines = list(current.lines.all())
            seasonality = {line.group_id: [getattr(line, q) for q in QUARTERS] for line in lines}
            updated += self._set_targets(
                current,
                lines,
                base=lambda line: (line.baseline_revenue, line.baseline_volume),
                shares=lambda line, seasonality=seasonality: seasonality[line.group_id],
                growth_of=lambda account=account: self._growth(account),
                method_of=lambda line, growth, lang=lang: self._method(line.group_id, lang, growth),
            )
            steps = (
                [Status.SUBMITTED, Status.RETURNED, Status.SUBMITTED] if index in returned_once else [Status.SUBMITTED]
            )
            self._approval(
                current,
                [*steps, Status.APPROVED],
                approver=approver,
                lang=lang,
                start=date(today.year - 1, 12, rng.randint(1, 12)),
            )

            # Next year: the baseline is this year so far; targets grow from the last twelve months.
            following = plan_create(by=owner, account=account, year=today.year + 1)
            lines = list(following.lines.all())
            present = {line.group_id for line in lines}
            missing = [group for (acc, group) in trailing if acc == account.pk and group not in present]
            lines += [SalesPlanLine(plan=following, group_id=group) for group in sorted(missing)]
            lines = [line for line in lines if (account.pk, line.group_id) in trailing]
            updated += self._set_targets(
                following,
                lines,
                base=lambda line, account=account: trailing[(account.pk, line.group_id)],
                shares=lambda line, seasonality=seasonality: seasonality.get(line.group_id, []),
                growth_of=lambda account=account: self._growth(account),
                method_of=lambda line, growth, lang=lang: self._method(line.group_id, lang, growth),
            )
            status = next_statuses[index]
            steps = {
                Status.DRAFT: [],
                Status.SUBMITTED: [Status.SUBMITTED],
                Status.APPROVED: [Status.SUBMITTED, Status.APPROVED],
                Status.RETURNED: [Status.SUBMITTED, Status.RETURNED],
            }[status]
            self._approval(
                following, steps, approver=approver, lang=lang, start=today - timedelta(days=rng.randint(10, 24))
            )
            self.counts["sales_plans"] += 2
        self._save_lines(updated)

    def _next_year_statuses(self, count: int) -> list[str]:
        """Next year's plans are being written now: most are drafts, some wait for the director,
        some are already approved and some came back."""
        returned = max(2, count * 15 // 100)
        approved = max(2, count // 5)
        submitted = max(2, count // 4)
        statuses = [Status.RETURNED] * returned + [Status.APPROVED] * approved + [Status.SUBMITTED] * submitted
        statuses += [Status.DRAFT] * max(2, count - len(statuses))
        self.rng.shuffle(statuses)
        return statuses[:count]

    def _save_lines(self, lines: list[SalesPlanLine]) -> None:
        fields = ["target_volume", "target_revenue", *QUARTERS, "method"]
        existing = [line for line in lines if line.pk is not None]
        # A group sold in the last twelve months but not yet this year: a line with no baseline.
        new = [line for line in lines if line.pk is None]
        # No history rows, like the lines plan_create makes: the plan's own history tells the story.
        SalesPlanLine.objects.bulk_create(new)
        SalesPlanLine.objects.bulk_update(existing, fields, batch_size=100)
        self.counts["plan_lines"] += len(lines)

    def regional_plans(self) -> None:
        """This year's plan and next year's of each demo region, by the regional director;
        the head of sales approves or returns them."""
        rng = self.rng
        today = self.today
        director = self.users[REGIONAL_DIRECTOR]
        head = self.users[HEAD_OF_SALES]
        region_ids = {account.region_id for account in self.accounts}
        taken = set(
            SalesPlan.objects.filter(region_id__in=region_ids, year__in=[today.year, today.year + 1]).values_list(
                "region_id", "year"
            )
        )
        trailing = defaultdict(lambda: [Decimal(0), Decimal(0)])
        region_of = {account.pk: account.region_id for account in self.accounts}
        for (account_id, group), (revenue, volume) in self._trailing_year().items():
            trailing[(region_of[account_id], group)][0] += revenue
            trailing[(region_of[account_id], group)][1] += volume
        updated = []
        for region in Region.objects.filter(pk__in=region_ids).order_by("code"):
            lang = REGION_LANG.get(region.code, "en")
            seasonality = {}
            for year in (today.year, today.year + 1):
                if (region.pk, year) in taken:
                    continue
                plan = plan_create(by=director, region=region, year=year)
                lines = list(plan.lines.all())
                if year == today.year:
                    seasonality = {line.group_id: [getattr(line, q) for q in QUARTERS] for line in lines}
                    lines = [line for line in lines if line.baseline_revenue > 0]
                else:
                    lines = [line for line in lines if (region.pk, line.group_id) in trailing]
                updated += self._set_targets(
                    plan,
                    lines,
                    base=(
                        (lambda line: (line.baseline_revenue, line.baseline_volume))
                        if year == today.year
                        else (lambda line, region=region: tuple(trailing[(region.pk, line.group_id)]))
                    ),
                    shares=lambda line, seasonality=seasonality: seasonality.get(line.group_id, []),
                    growth_of=lambda: rng.uniform(0.03, 0.15),
                    method_of=lambda line, growth, lang=lang: rng.choice(texts.REGIONAL_METHODS[lang]),
                )
                status = Status.APPROVED if year == today.year else NEXT_YEAR_REGIONAL.get(region.code, Status.DRAFT)
                steps = {
                    Status.DRAFT: [],
                    Status.SUBMITTED: [Status.SUBMITTED],
                    Status.APPROVED: [Status.SUBMITTED, Status.APPROVED],
                    Status.RETURNED: [Status.SUBMITTED, Status.RETURNED],
                }[status]
                start = date(today.year - 1, 12, 15) if year == today.year else today - timedelta(days=8)
                self._approval(plan, steps, approver=head, lang=lang, start=start)
                self.counts["sales_plans"] += 1
        self._save_lines(updated)

    def date_the_approvals(self) -> None:
        """Put each plan's writing and approval steps where the story has them (two queries)."""
        plans = SalesPlan.objects.filter(pk__in=self.timeline).only("pk", "created_at")
        for plan in plans:
            plan.created_at = self.timeline[plan.pk][0]
        SalesPlan.objects.bulk_update(plans, ["created_at"], batch_size=500)
        transitions = list(PlanTransition.objects.filter(plan_id__in=self.timeline).order_by("plan_id", "pk"))
        by_plan = defaultdict(list)
        for transition in transitions:
            by_plan[transition.plan_id].append(transition)
        for plan_id, steps in by_plan.items():
            for transition, moment in zip(steps, self.timeline[plan_id][1], strict=True):
                transition.at = moment
        PlanTransition.objects.bulk_update(transitions, ["at"], batch_size=500)

    # Client development plans ------------------------------------------------------------

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
                summary=rng.choice(texts.SUMMARIES[lang_of(account)]).format(name=account.name),
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
            lang = lang_of(account)
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
            lang = lang_of(draft.account)
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
