"""The demo's phrase tables for a packaging supplier's client meetings, in Russian and English
(like accounts/demo_entries.py): meeting titles, objectives and places, agenda topics with goals and
objections, outcomes, products and terms, commitments by department, status notes and the annual
checklist's contents. The demo builders (meetings/demo.py, meetings/demo_commitments.py) and the
benchmark's generator (bench/meeting_steps.py) draw their texts from here.
"""

from __future__ import annotations

from random import Random

# Meeting titles by kind: {language: [title]}; {year} is the meeting's year.
TITLES = {
    "regular": {
        "ru": ["Ежеквартальная встреча", "Рабочая встреча по поставкам", "Обзор сотрудничества за квартал"],
        "en": ["Quarterly review", "Supply review meeting", "Operations check-in"],
    },
    "annual": {"ru": ["Годовая встреча {year}"], "en": ["Annual meeting {year}"]},
    "negotiation": {
        "ru": ["Переговоры по ценам на {year} год", "Переговоры: контракт на стрейч-плёнку"],
        "en": ["Price negotiation for {year}", "Negotiation: corrugated boxes contract"],
    },
    "presentation": {
        "ru": ["Презентация: упаковка для маркетплейсов", "Презентация плёнки с вторсырьём"],
        "en": ["Presentation: marketplace-ready packaging", "Presentation: recycled stretch film"],
    },
}
OBJECTIVES = {
    "regular": {
        "ru": "Сверить отгрузки и качество за квартал, снять вопросы логистики, обновить прогноз потребности.",
        "en": "Review the quarter's deliveries and quality, settle logistics issues, update the demand forecast.",
    },
    "annual": {
        "ru": "Подвести итоги года, согласовать объёмы, цены и условия на следующий год, продлить договор.",
        "en": "Review the year, agree next year's volumes, prices and terms, renew the supply contract.",
    },
    "negotiation": {
        "ru": "Согласовать цену и объём по ключевым позициям, не выходя за предельные показатели.",
        "en": "Agree price and volume on the key items without crossing our limits.",
    },
    "presentation": {
        "ru": "Показать новое решение и получить согласие на пилотную поставку.",
        "en": "Show the new solution and win a pilot delivery.",
    },
}
LOCATIONS = {
    "ru": ["Офис клиента, {city}", "Склад клиента, {city}", "Наш офис", "Видеозвонок (Контур.Толк)"],
    "en": ["Client's office, {city}", "Client's warehouse, {city}", "Our office", "Video call (Teams)"],
}

# Agenda topics: (title, strategic goal, our arguments, expected objections and our answers).
TOPICS = {
    "ru": [
        (
            "Объёмы на следующий квартал",
            "Закрепить объём стрейч-плёнки не ниже прошлого квартала.",
            "Стабильные сроки поставки, складской запас под клиента, фиксированная цена на квартал.",
            "«Конкурент дешевле на 5 %» — показать расчёт стоимости владения с учётом простоев.",
        ),
        (
            "Цена на гофрокороба",
            "Удержать цену; скидка только в обмен на объём.",
            "Рост цен на макулатуру, наша цена ниже рынка, качество подтверждено аудитом.",
            "«Нужна скидка 10 %» — предложить ступенчатую скидку от объёма.",
        ),
        (
            "Переход на плёнку 17 мкм",
            "Запустить пилот на одной линии.",
            "Экономия материала до 20 %, та же прочность, бесплатные испытания на их линии.",
            "«Риск разрывов на обмотчике» — наш технолог настроит оборудование.",
        ),
        (
            "Маркировка паллет и ЭДО",
            "Убрать отказы в приёмке на РЦ.",
            "SSCC-этикетка и УПД через ЭДО уже работают у других сетей.",
            "«Наша ИТ-служба не успеет» — берём настройку обмена на себя.",
        ),
        (
            "Отсрочка платежа",
            "Не увеличивать отсрочку сверх 45 дней.",
            "Цена рассчитана на текущие условия; при большей отсрочке растёт цена.",
            "«Другие поставщики дают 90 дней» — отсрочка в обмен на предоплату части объёма.",
        ),
        (
            "Упаковка для маркетплейсов",
            "Получить заказ на пробную партию коробов с печатью.",
            "Короба под требования площадки, маркировка и печать у нас, сроки 10 дней.",
            "«Пока нет бюджета» — пилот на одну категорию товаров.",
        ),
        (
            "Рекламация по партии этикетки",
            "Закрыть рекламацию и сохранить доверие.",
            "Замена за наш счёт, анализ причин и корректирующие меры.",
            "«Уйдём к другому поставщику» — усиленный входной контроль на полгода.",
        ),
    ],
    "en": [
        (
            "Next quarter's volumes",
            "Hold stretch film volume at least at last quarter's level.",
            "Reliable lead times, safety stock reserved for them, a fixed price for the quarter.",
            "'A competitor is 5 % cheaper' — show the total cost including line stoppages.",
        ),
        (
            "Corrugated box prices",
            "Hold the price; a discount only for more volume.",
            "Recovered paper costs are up, our price is below market, quality proven by their audit.",
            "'We need 10 % off' — offer a volume-tiered discount.",
        ),
        (
            "Switch to 17 µm film",
            "Start a pilot on one line.",
            "Up to 20 % less material at the same strength; free trials on their wrapper.",
            "'It will tear on our machines' — our technician sets the wrapper up.",
        ),
        (
            "Pallet labels and e-invoicing",
            "End the rejected deliveries at their DC.",
            "SSCC labels and e-invoices already run with other retail chains.",
            "'Our IT has no time' — we set up the exchange ourselves.",
        ),
        (
            "Payment terms",
            "Keep payment terms at 45 days or less.",
            "The price assumes today's terms; longer terms mean a higher price.",
            "'Others give 90 days' — longer terms only against a partial prepayment.",
        ),
        (
            "Marketplace packaging",
            "Win a trial order of printed boxes.",
            "Boxes to the marketplace's spec, printing and labelling in-house, 10-day lead time.",
            "'No budget yet' — a pilot for one product category.",
        ),
        (
            "Label quality claim",
            "Close the claim and keep their trust.",
            "Replacement at our cost, root-cause analysis and corrective actions.",
            "'We will switch suppliers' — reinforced incoming inspection for six months.",
        ),
    ],
}
OUTCOME_NOTES = {
    "achieved": {
        "ru": ["Согласовано, подтвердят письмом.", "Клиент согласился, оформляем допсоглашение."],
        "en": ["Agreed; they confirm in writing.", "Accepted; we draft the contract amendment."],
    },
    "partly": {
        "ru": ["Согласились частично, вернуться к вопросу через месяц.", "Только на часть объёма."],
        "en": ["Partly agreed; come back to it in a month.", "Only for part of the volume."],
    },
    "not_achieved": {
        "ru": ["Клиент не готов, ждут предложение конкурента.", "Отложили до утверждения бюджета."],
        "en": ["Not ready; they wait for a competitor's offer.", "Postponed until the budget is approved."],
    },
}
NEXT_STEPS = {
    "ru": ["Следующая встреча — через квартал.", "Отправить протокол и КП до конца недели."],
    "en": ["Next meeting in a quarter.", "Send the minutes and the quotation by Friday."],
}
SIGNAL_NOTES = {
    "ru": ["Закупщик активно спрашивал про сроки.", "Финдиректор торопился, смотрел на часы.", ""],
    "en": ["The buyer asked a lot about lead times.", "The CFO was in a hurry, kept checking the time.", ""],
}

# Products we negotiate: (Russian, English, unit ru, unit en, price range per unit, volume range).
PRODUCTS = [
    ("Стрейч-плёнка 23 мкм", "Stretch film 23 µm", "кг", "kg", (165, 230), (20_000, 120_000)),
    ("Гофрокороб 600×400×400", "Corrugated box 600×400×400", "шт", "pcs", (42, 70), (50_000, 400_000)),
    ("Термоэтикетка 58×40", "Thermal label 58×40", "рулон", "roll", (90, 140), (2_000, 20_000)),
    ("Паллета 1200×800", "Pallet 1200×800", "шт", "pcs", (650, 900), (5_000, 30_000)),
    ("Клейкая лента 48 мм", "Packing tape 48 mm", "рулон", "roll", (55, 95), (10_000, 60_000)),
]
TERMS = {
    "ru": ["Отсрочка 45 дней, доставка нашим транспортом", "Предоплата 30 %, остаток по факту отгрузки"],
    "en": ["45 days' credit, delivered by our trucks", "30 % prepaid, the rest on delivery"],
}

# Commitments by assignee: a department's slug, or "kam" for the account manager.
# (text, unit ru, unit en, quantity range or None)
COMMITMENTS = {
    "logistics": {
        "ru": [
            ("Перейти на доставку в двухчасовые окна на РЦ клиента", "", "", None),
            ("Согласовать график отгрузок на квартал", "", "", None),
            ("Отгрузить пробную партию стрейч-плёнки", "кг", "kg", (500, 3000)),
            ("Маркировать все паллеты SSCC-этикеткой", "", "", None),
        ],
        "en": [
            ("Deliver in two-hour windows at the client's DC", "", "", None),
            ("Agree the quarterly delivery schedule", "", "", None),
            ("Ship a trial batch of stretch film", "кг", "kg", (500, 3000)),
            ("Put an SSCC label on every pallet", "", "", None),
        ],
    },
    "finance": {
        "ru": [
            ("Подготовить акт сверки за год", "", "", None),
            ("Согласовать отсрочку 60 дней на новый объём", "", "", None),
            ("Выставить кредит-ноту по рекламации", "", "", None),
        ],
        "en": [
            ("Prepare the year's statement of account", "", "", None),
            ("Approve 60 days' credit for the added volume", "", "", None),
            ("Issue the credit note for the quality claim", "", "", None),
        ],
    },
    "production": {
        "ru": [
            ("Изготовить пробную партию коробов с усиленным дном", "шт", "pcs", (200, 2000)),
            ("Подтвердить срок производства печатной этикетки", "", "", None),
            ("Провести испытания плёнки с 30 % вторсырья", "кг", "kg", (100, 500)),
        ],
        "en": [
            ("Make a trial batch of boxes with a reinforced bottom", "шт", "pcs", (200, 2000)),
            ("Confirm the lead time of printed labels", "", "", None),
            ("Run trials of film with 30 % recycled content", "кг", "kg", (100, 500)),
        ],
    },
    "marketing": {
        "ru": [
            ("Подготовить образцы и презентацию для категорийного менеджера", "", "", None),
            ("Разработать макет печати коробов под маркетплейс", "", "", None),
        ],
        "en": [
            ("Prepare samples and slides for the category manager", "", "", None),
            ("Design the box print for the marketplace range", "", "", None),
        ],
    },
    "legal": {
        "ru": [
            ("Согласовать протокол разногласий к договору поставки", "", "", None),
            ("Подготовить дополнительное соглашение о цене на год", "", "", None),
        ],
        "en": [
            ("Settle the disagreement protocol to the supply contract", "", "", None),
            ("Draft the price amendment for the year", "", "", None),
        ],
    },
    "kam": {
        "ru": [
            ("Направить коммерческое предложение с графиком поставок", "", "", None),
            ("Организовать визит клиента на наш завод", "", "", None),
            ("Прислать расчёт экономии на упаковке", "", "", None),
        ],
        "en": [
            ("Send the quotation with a delivery schedule", "", "", None),
            ("Arrange the client's visit to our plant", "", "", None),
            ("Send the packaging savings estimate", "", "", None),
        ],
    },
}
UPDATE_NOTES = {
    "in_progress": {
        "ru": ["Взяли в работу.", "Ждём подтверждения от клиента."],
        "en": ["Started.", "Waiting for the client."],
    },
    "done": {
        "ru": ["Выполнено, клиент подтвердил.", "Сделано в срок."],
        "en": ["Done, the client confirmed.", "Done on time."],
    },
    "cancelled": {"ru": ["Клиент отказался."], "en": ["The client no longer needs it."]},
}
CHECKLIST_CONTENT = {
    "financial_report": (
        "Оборот за год, маржа по группам товаров, динамика к прошлому году.",
        "Turnover, margin by product group, change on last year.",
    ),
    "previous_results": ("Итоги прошлой встречи: см. протокол.", "Results of the last meeting: see its minutes."),
    "work_plan": (
        "План поставок по кварталам; клиент ждёт стабильных сроков и цены.",
        "Quarterly supply plan; they expect steady lead times and prices.",
    ),
    "our_expectations": (
        "Рост объёма на 15 %, переход на плёнку 17 мкм.",
        "15 % more volume, the switch to 17 µm film.",
    ),
    "proposal_arguments": (
        "Экономия на материале, склад под клиента, собственный транспорт.",
        "Material savings, stock held for them, our own trucks.",
    ),
    "limits": (
        "Цена не ниже минимальной, скидка не более 7 %, объём не меньше 80 % плана.",
        "Price not below the floor, discount at most 7 %, volume at least 80 % of plan.",
    ),
    "terms_arguments": (
        "Сравнение с рынком по трём позициям, расчёт стоимости владения.",
        "Market comparison on three items, total cost of ownership.",
    ),
    "decision_tools": (
        "Таблица вариантов «цена — объём — отсрочка».",
        "An options table: price, volume, payment terms.",
    ),
    "draft_proposal": (
        "Проект КП и допсоглашения на следующий год.",
        "Draft quotation and contract amendment for next year.",
    ),
}


def text(table: dict[str, list], lang: str, rng: Random):
    """A random phrase of `table` in language `lang`."""
    return rng.choice(table[lang])
