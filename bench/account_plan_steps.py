"""This year's plans at company scale: client development plans (AccountPlan) for about half
of the accounts, each with its goals, SWOT, objectives, contact plan, budget, stages and
partnership opportunities.

Step of bench.generate.STEPS, run after the sales plans step and before history and
search_index. The plans themselves are kept, so the history step gives each its '+' row. No
page reads the plans' history, nor searches them.

The development plans' parts are COPYed like the other steps' rows. A stage's `account` is
its plan's account (the denormalised column reminders scope by), its owner the account's
owner; deadlines spread over the year, most past ones done, some overdue, a few future ones
done early. Texts are in the account's language.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from accounts.models import Account, BusinessPartner, Contact
from bench.sales_plan_steps import plan_created, year_so_far
from meetings.models import Meeting
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

if TYPE_CHECKING:
    from bench.generate import Build

DEVELOPMENT_PLAN_SHARE = 0.5
DEVELOPMENT_DRAFT_SHARE = 0.2
GOALS = 3
SWOT_POINTS = 4
OBJECTIVES = 3
PLANNED_CONTACTS = 4
BUDGET_LINES = 4
STAGES = (8, 12)
OPPORTUNITIES = 2
# Of the stages whose deadline has passed, those done; of the ones to come, those done early.
DONE_PAST_SHARE = 0.7
DONE_EARLY_SHARE = 0.1
# A planned contact already due is linked to a held meeting this many days around it.
MEETING_WINDOW_DAYS = 21

SUMMARIES = {
    "ru": [
        "К концу года — основной поставщик упаковки клиента с годовым контрактом.",
        "Удержать долю и выйти на новые площадки клиента.",
        "Перейти от разовых закупок к плановым поставкам по графику.",
    ],
    "en": [
        "By year end, the client's main packaging supplier on an annual contract.",
        "Keep our share and follow the client to its new sites.",
        "Move from spot purchases to scheduled deliveries.",
    ],
}
GOAL_TEXTS = {
    StrategicGoal.Side.CLIENT: {
        "ru": [
            "Снизить затраты на упаковку на 10 %.",
            "Открыть два новых распределительных центра.",
            "Сократить брак при транспортировке.",
            "Перейти на перерабатываемую упаковку.",
        ],
        "en": [
            "Cut packaging costs by 10 %.",
            "Open two new distribution centres.",
            "Reduce damage in transit.",
            "Switch to recyclable packaging.",
        ],
    },
    StrategicGoal.Side.OURS: {
        "ru": [
            "Стать единственным поставщиком стрейч-плёнки.",
            "Увеличить долю в закупках клиента до 40 %.",
            "Заключить трёхлетний рамочный договор.",
            "Вывести на клиента линейку эко-упаковки.",
        ],
        "en": [
            "Become the sole supplier of stretch film.",
            "Grow our share of the client's purchases to 40 %.",
            "Sign a three-year framework agreement.",
            "Bring our eco packaging range to the client.",
        ],
    },
}
SWOT_TEXTS = {
    SwotItem.Quadrant.STRENGTH: {
        "ru": ["Сильная сеть дистрибуции", "Лояльный закупочный отдел", "Стабильные платежи"],
        "en": ["A strong distribution network", "A loyal purchasing team", "Pays on time"],
    },
    SwotItem.Quadrant.WEAKNESS: {
        "ru": ["Долгое согласование решений", "Высокая зависимость от одного рынка", "Слабое планирование закупок"],
        "en": ["Slow decisions", "Depends on one market", "Weak purchase planning"],
    },
    SwotItem.Quadrant.OPPORTUNITY: {
        "ru": ["Выход в онлайн-торговлю", "Новые склады в регионах", "Спрос на эко-упаковку"],
        "en": ["Moving into e-commerce", "New regional warehouses", "Demand for eco packaging"],
    },
    SwotItem.Quadrant.THREAT: {
        "ru": ["Демпинг конкурентов", "Рост цен на полимеры", "Смена руководства закупок"],
        "en": ["Competitors' dumping", "Rising polymer prices", "A new head of purchasing"],
    },
}
OBJECTIVE_TEXTS = {
    "ru": [
        ("Рост выручки с клиента", "+15 % к прошлому году"),
        ("Новая товарная группа в закупках", "первая отгрузка до конца года"),
        ("Годовой договор", "подписан до 1 октября"),
        ("Сокращение претензий", "не более 2 за квартал"),
        ("Ежеквартальные встречи с руководством", "4 встречи"),
    ],
    "en": [
        ("Grow the client's revenue", "+15 % on last year"),
        ("A new product group bought", "first delivery before year end"),
        ("An annual contract", "signed by 1 October"),
        ("Fewer claims", "at most 2 a quarter"),
        ("Quarterly meetings with management", "4 meetings"),
    ],
}
CONTACT_PURPOSES = {
    "ru": [
        "Обсудить годовой объём закупок",
        "Представить новую линейку продукции",
        "Разобрать претензии прошлого квартала",
        "Согласовать график поставок",
        "Подготовить ежегодную встречу",
    ],
    "en": [
        "Discuss the year's purchase volume",
        "Present the new product range",
        "Go through last quarter's claims",
        "Agree the delivery schedule",
        "Prepare the annual meeting",
    ],
}
BUDGET_ITEMS = {
    "ru": ["Образцы и тестовые партии", "Выставка и совместный стенд", "Обучение персонала клиента", "Деловые поездки"],
    "en": ["Samples and trial batches", "Trade fair, joint stand", "Training the client's staff", "Business trips"],
}
STAGE_TEXTS = {
    "ru": [
        ("Аудит упаковки на складе клиента", "Выезд технолога, отчёт с рекомендациями."),
        ("Коммерческое предложение", "Расчёт цен по группам, согласование скидок с директором."),
        ("Тестовая поставка", "Партия на один склад, сбор отзывов."),
        ("Согласование договора", "Юридическая проверка, подписание."),
        ("Обучение персонала", "Семинар на площадке клиента."),
        ("Квартальный обзор", "Сравнение плана и факта с закупками клиента."),
        ("Запуск новой группы", "Первая отгрузка и контроль качества."),
        ("Ежегодная встреча", "Подготовка чек-листа и проекта предложения."),
    ],
    "en": [
        ("Packaging audit at the client's warehouse", "A technologist's visit and a report."),
        ("Commercial proposal", "Prices per group, discounts agreed with the director."),
        ("Trial delivery", "One warehouse's batch, feedback collected."),
        ("Contract negotiation", "Legal review, signature."),
        ("Staff training", "A seminar at the client's site."),
        ("Quarterly review", "Plan against actual with the client's buyers."),
        ("New group launch", "First delivery and a quality check."),
        ("Annual meeting", "The checklist and the draft proposal."),
    ],
}
OPPORTUNITY_TEXTS = {
    "ru": [
        ("Совместная логистика", "Общие рейсы с перевозчиком клиента."),
        ("Эко-упаковка под маркой клиента", "Совместный проект по перерабатываемой плёнке."),
        ("Поставки партнёру клиента", "Партнёр клиента закупает ту же упаковку."),
        ("Совместный маркетинг", "Кейс на отраслевой конференции."),
    ],
    "en": [
        ("Shared logistics", "Shared runs with the client's carrier."),
        ("Eco packaging under the client's brand", "A joint recyclable film project."),
        ("Supplying the client's partner", "The client's partner buys the same packaging."),
        ("Joint marketing", "A case study at an industry conference."),
    ],
}


def build_account_plans(build: Build) -> None:
    """Development plans for about half of the accounts, by the account's owner, and their parts."""
    rng = build.rng
    year_start, days_passed = year_so_far(build)
    contacts: dict[int, list[dict]] = defaultdict(list)
    for contact in build.rows[Contact]:
        contacts[contact["account_id"]].append(contact)
    partners: dict[int, list[dict]] = defaultdict(list)
    for partner in build.rows[BusinessPartner]:
        partners[partner["account_id"]].append(partner)
    held: dict[int, list[dict]] = defaultdict(list)
    for meeting in build.rows.get(Meeting, []):
        if meeting["status"] == Meeting.Status.HELD and meeting["_day"] >= year_start:
            held[meeting["account_id"]].append(meeting)
    parts: dict[type, list[dict]] = defaultdict(list)

    def part(model: type, plan_id: int, position: int, **values) -> dict:
        row = {"id": len(parts[model]) + 1, "version": 1, "plan_id": plan_id, "position": position, **values}
        parts[model].append(row)
        return row

    plans = []
    for account in build.rows[Account]:
        if rng.random() >= DEVELOPMENT_PLAN_SHARE:
            continue
        pk = len(plans) + 1
        owner, lang = account["owner_id"], build.shared["accounts"][account["id"]]["lang"]
        created, days_ago = plan_created(build, days_passed)
        plans.append(
            {
                "id": pk,
                "version": 1,
                "account_id": account["id"],
                "year": build.today.year,
                "author_id": owner,
                "status": AccountPlan.Status.DRAFT
                if rng.random() < DEVELOPMENT_DRAFT_SHARE
                else AccountPlan.Status.ACTIVE,
                "summary": rng.choice(SUMMARIES[lang]),
                "cloned_from_id": None,
                "created_at": created,
                "updated_at": created + timedelta(days=rng.randint(0, days_ago)),
                "_history_user_id": owner,
            }
        )
        sides = [StrategicGoal.Side.CLIENT, StrategicGoal.Side.OURS, rng.choice(list(StrategicGoal.Side))]
        for position, side in enumerate(sides[:GOALS]):
            part(StrategicGoal, pk, position, side=side, text=rng.choice(GOAL_TEXTS[side][lang]))
        for position, quadrant in enumerate(list(SwotItem.Quadrant)[:SWOT_POINTS]):
            part(SwotItem, pk, position, quadrant=quadrant, text=rng.choice(SWOT_TEXTS[quadrant][lang]))
        for position, (text, measure) in enumerate(rng.sample(OBJECTIVE_TEXTS[lang], OBJECTIVES)):
            part(PlanObjective, pk, position, text=text, measure=measure, achieved=rng.random() < 0.25)
        people = sorted(contacts[account["id"]], key=lambda c: -c["influence"])[:5]
        for position in range(PLANNED_CONTACTS):
            planned_for = year_start + timedelta(days=rng.randrange(365))
            part(
                PlannedContact,
                pk,
                position,
                contact_id=rng.choice(people)["id"] if people else None,
                planned_for=planned_for,
                purpose=rng.choice(CONTACT_PURPOSES[lang]),
                meeting_id=_meeting_near(held[account["id"]], planned_for, build.today),
            )
        progress = days_passed / 365
        for position, item in enumerate(BUDGET_ITEMS[lang][:BUDGET_LINES]):
            planned = Decimal(rng.randrange(50, 800) * 1000)
            spent = (planned * Decimal(str(round(progress * rng.uniform(0.3, 1.2), 2)))).quantize(Decimal("1000"))
            part(BudgetLine, pk, position, item=item, planned=planned, spent=spent)
        count = rng.randint(*STAGES)
        deadlines = sorted(year_start + timedelta(days=rng.randrange(365)) for _ in range(count))
        for position, deadline in enumerate(deadlines):
            title, procedure = rng.choice(STAGE_TEXTS[lang])
            done = rng.random() < (DONE_PAST_SHARE if deadline < build.today else DONE_EARLY_SHARE)
            # Done around the deadline, but not before the plan was written nor after today.
            done_on = min(build.today, max(created.date(), deadline + timedelta(days=rng.randint(-10, 5))))
            part(
                PlanStage,
                pk,
                position,
                account_id=account["id"],
                title=title,
                procedure=procedure,
                owner_id=owner,
                deadline=deadline,
                done_at=build.moment((build.today - done_on).days) if done else None,
            )
        for position, (title, description) in enumerate(rng.sample(OPPORTUNITY_TEXTS[lang], OPPORTUNITIES)):
            with_partner = partners[account["id"]] and rng.random() < 0.5
            part(
                PartnershipOpportunity,
                pk,
                position,
                title=title,
                description=description,
                partner_id=rng.choice(partners[account["id"]])["id"] if with_partner else None,
                value=Decimal(rng.randrange(5, 300) * 10_000) if rng.random() < 0.7 else None,
                status=rng.choice(list(PartnershipOpportunity.Status)),
            )
    build.load(AccountPlan, plans)
    for model in (
        StrategicGoal,
        SwotItem,
        PlanObjective,
        PlannedContact,
        BudgetLine,
        PlanStage,
        PartnershipOpportunity,
    ):
        build.load(model, parts[model])


def _meeting_near(meetings: list[dict], day: date, today: date) -> int | None:
    """The held meeting closest to a planned contact already due, if one is near enough."""
    if day > today or not meetings:
        return None
    nearest = min(meetings, key=lambda m: (abs((m["_day"] - day).days), m["id"]))
    return nearest["id"] if abs((nearest["_day"] - day).days) <= MEETING_WINDOW_DAYS else None
