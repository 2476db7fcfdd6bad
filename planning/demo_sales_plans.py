"""The demo's sales plans, built for planning/demo_plans.py (run by `manage.py seed_demo` after
the sales of planning/demo.py).

For every account with sales last year, this year's plan (approved at the turn of the year, some
after being returned once, so plan vs actual has something to compare) and next year's (being
written now: drafts, submitted, approved and returned ones). They are made by the services, so
baselines come from the actual sales and every step of the approval is a PlanTransition; targets
grow each line by −5…+25 % and are staged by last year's quarters, adding up exactly. Regional
plans for the demo's regions by their regional director, approved by the head of sales.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from random import Random

from django.db.models import Sum

from accounts.demo import aware, lang_of
from accounts.models import Account
from kam.users.models import User
from planning import demo_plan_texts as texts
from planning.demo import SEASON
from planning.models import PlanTransition, ProductGroup, Region, SalesPlan, SalesPlanLine, SalesRecord
from planning.services.plans import QUARTERS, check_quarters, plan_approve, plan_create, plan_return, plan_submit

THOUSAND = Decimal(1000)
# The head of sales (every region) approves what the regional director writes; the regional
# director approves the account managers' plans.
HEAD_OF_SALES = "director"
REGIONAL_DIRECTOR = "director2"
REGION_LANG = {"center": "ru", "north-west": "en", "volga": "ru"}
# Next year's regional plans are at different steps of the approval.
NEXT_YEAR_REGIONAL = {"center": "submitted", "north-west": "approved", "volga": "returned"}
Status = SalesPlan.Status

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


class SalesPlansDemoBuilder:
    def __init__(
        self, *, accounts: Sequence[Account], users: Mapping[str, User], rng: Random, today: date, counts: Counter
    ):
        self.accounts = list(accounts)
        self.users = users
        self.rng = rng
        self.today = today
        self.counts = counts
        self.group_codes = dict(ProductGroup.objects.values_list("pk", "code"))
        # When each plan was written and each of its approval steps happened, applied at the end
        # (the records stamp "now" when they are made).
        self.timeline: dict[int, tuple[datetime, list[datetime]]] = {}
        self.pending: list[tuple] = []

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
            lang = lang_of(account.name)
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
