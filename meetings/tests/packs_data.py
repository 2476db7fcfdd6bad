"""A meeting with everything a briefing pack shows, for the pack tests (and the look of the
PDF): Cyrillic names, limits, a previous meeting, scores, three years of sales and a plan."""

import datetime
import importlib
from decimal import Decimal as D

from django.apps import apps
from django.utils import timezone

from accounts.models import Contact
from accounts.tests.factories import BusinessPartnerFactory, ContactFactory, DossierEntryFactory
from analysis.tests.factories import AccountResultFactory, make_assessment
from meetings.models import AgendaTopic, ChecklistItem, Meeting
from meetings.tests.factories import (
    AgendaTopicFactory,
    CommitmentFactory,
    MeetingFactory,
    NegotiationTargetFactory,
    add_checklist,
)
from planning.models import SalesPlan, SalesPlanLine
from planning.tests.factories import ProductFactory, ProductGroupFactory, SalesRecordFactory

AGENDA_GOAL = "Agree a two-year framework contract for stretch film"
LIMIT_PRICE = D("118500")


def briefed_meeting(account, owner, *, contacts: int = 6, topics: int = 3, targets: int = 2, commitments: int = 2):
    """An annual meeting a week away with its preparation, a held previous meeting, and the
    account's dossier, scores and sales filled in; `contacts`, `topics`, `targets` and
    `commitments` set how many rows of each."""
    today = timezone.localdate()
    boss = ContactFactory(
        account=account,
        first_name="Ирина",
        last_name="Волкова",
        position="Директор по закупкам",
        buying_role=Contact.BuyingRole.DECISION_MAKER,
        attitude=Contact.Attitude.SUPPORTER,
        influence=5,
        interests="Теннис, путешествия",
    )
    people = [boss]
    for index in range(contacts - 1):
        people.append(
            ContactFactory(
                account=account,
                first_name=f"Пётр{index}",
                last_name="Смирнов",
                position="Менеджер по логистике",
                reports_to=boss if index < 3 else people[1],
                influence=1 + index % 5,
            )
        )
    BusinessPartnerFactory(account=account, name="ТК Энергия", notes="Перевозчик клиента по Уралу")
    DossierEntryFactory(account=account, title="Новый склад в Екатеринбурге", text="Открытие в марте.", author=owner)

    previous = MeetingFactory(
        account=account,
        title="Квартальная встреча",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=90),
        minutes="Клиент просит скидку 7 % на объём.",
    )
    AgendaTopicFactory(
        meeting=previous, title="Объёмы на год", outcome=AgendaTopic.Outcome.PARTLY, outcome_notes="Только на Q1"
    )
    for index in range(commitments):
        CommitmentFactory(meeting=previous, text=f"Отгрузить пробную партию №{index + 1}", assignee_user=owner)

    meeting = MeetingFactory(
        account=account,
        kind=Meeting.Kind.ANNUAL,
        title="Годовая встреча 2027",
        objective="Продлить договор поставки",
        starts_at=timezone.now() + datetime.timedelta(days=7),
        attendees=[owner],
        client_attendees=people[:2],
    )
    for index in range(topics):
        AgendaTopicFactory(
            meeting=meeting,
            title=f"Тема {index + 1}: условия поставки",
            strategic_goal=AGENDA_GOAL if index == 0 else f"Цель темы {index + 1}",
            arguments="Стабильное качество, склад рядом с клиентом",
            objections="Цена выше конкурента → считаем полную стоимость владения",
        )
    for index in range(targets):
        NegotiationTargetFactory(
            meeting=meeting,
            product_name=f"Стрейч-плёнка 23 мкм, вариант {index + 1}",
            planned_volume=D("1200"),
            min_volume=D("900"),
            target_price=D("125000"),
            min_price=LIMIT_PRICE,
            target_discount=D("3"),
            max_discount=D("5.5"),
            terms="Отсрочка платежа 30 дней",
        )
    items = add_checklist(meeting, ChecklistItem.Status.DRAFT)
    for item in items:
        if item.item == ChecklistItem.Item.DRAFT_PROPOSAL:
            item.content = "Предложение: рамочный договор на 2 года, цена 124 000 ₽/т, скидка 3 % от 1 000 т."
            item.status = ChecklistItem.Status.READY
            item.save()

    # The criteria come from a data migration, which a transactional test's flush may have
    # removed: they are put back first.
    importlib.import_module("analysis.migrations.0002_default_criteria").add_defaults(apps, None)
    make_assessment(account=account, on=today - datetime.timedelta(days=200), default=4)
    make_assessment(account=account, on=today - datetime.timedelta(days=20), default=7)
    AccountResultFactory(account=account, year=today.year - 1)

    group = ProductGroupFactory(name="Плёнки", code="films")
    product = ProductFactory(name="Стрейч-плёнка", code="FILM23", group=group)
    for year in (today.year - 2, today.year - 1, today.year):
        for month in range(1, 13 if year < today.year else today.month + 1):
            SalesRecordFactory(
                account=account,
                product=product,
                month=datetime.date(year, month, 1),
                revenue=D(200000 + 10000 * month + 30000 * (year - today.year + 2)),
            )
    plan = SalesPlan.objects.create(year=today.year, account=account, author=owner, status=SalesPlan.Status.APPROVED)
    SalesPlanLine.objects.create(
        plan=plan,
        group=group,
        baseline_revenue=D("3000000"),
        target_revenue=D("3600000"),
        q1_revenue=D("900000"),
        q2_revenue=D("900000"),
        q3_revenue=D("900000"),
        q4_revenue=D("900000"),
    )
    return meeting
