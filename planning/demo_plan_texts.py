"""Phrase tables for the demo's sales plans (planning/demo_sales_plans.py) and client development
plans (planning/demo_development_plans.py): what a packaging supplier's account managers write,
in Russian for Russian clients and in English for the others, like the dossier entries in
accounts/demo.py."""

# The method of a sales plan line, by product group: {language: [(when growing, when holding or shrinking)]}.
METHODS = {
    "stretch-film": {
        "ru": [
            (
                "Перевести клиента на машинную плёнку: пилотная линия в I квартале, затем весь склад.",
                "Удержать объём: фиксированная цена на полугодие и запас на нашем складе под клиента.",
            ),
            (
                "Предложить предрастянутую плёнку 23 мкм: экономия 15 % плёнки на паллету, тест в феврале.",
                "Защитить долю от ПромУпак: расчёт стоимости владения и аудит обмотки на складе.",
            ),
        ],
        "en": [
            (
                "Move the client to machine film with a pilot line in Q1, then the whole warehouse.",
                "Hold the volume: a six-month fixed price and safety stock in our warehouse for them.",
            ),
            (
                "Offer 23 µm pre-stretched film: 15 % less film per pallet, trial in February.",
                "Defend our share against Nordpack: cost-of-ownership case and a wrapping audit on site.",
            ),
        ],
    },
    "corrugated-boxes": {
        "ru": [
            (
                "Войти в ассортимент интернет-магазина: почтовые короба 0427 под размеры маркетплейсов.",
                "Сохранить объём при переходе клиента на новый ЦФО: поставки напрямую на новый склад.",
            ),
            (
                "Печатный короб в два цвета к сезону: макет согласовать с маркетингом клиента до марта.",
                "Пересмотреть типоразмеры: 3 короба вместо 7, без роста цены за штуку.",
            ),
        ],
        "en": [
            (
                "Get into their online shop's range: 0427 mailers sized for the marketplaces.",
                "Keep the volume through their move to the new DC: deliver straight to the new site.",
            ),
            (
                "Two-colour printed box for the season: artwork agreed with their marketing by March.",
                "Rationalise the sizes: three boxes instead of seven, no rise in the price per piece.",
            ),
        ],
    },
    "labels": {
        "ru": [
            (
                "Этикетка SSCC и риббоны под новую WMS: поставить принтеры на тест в I квартале.",
                "Удержать этикетку: консигнационный склад и поставка за 48 часов.",
            ),
            (
                "Перевести все склады на термотрансфер 100×150 одним договором.",
                "Закрыть претензию по качеству печати и вернуть второй склад.",
            ),
        ],
        "en": [
            (
                "SSCC labels and ribbons for the new WMS: printers on trial in Q1.",
                "Keep the labels: consignment stock and delivery within 48 hours.",
            ),
            (
                "Move every warehouse to 100×150 thermal transfer under one contract.",
                "Close the print-quality claim and win back the second warehouse.",
            ),
        ],
    },
    "tapes": {
        "ru": [
            (
                "Скотч с логотипом клиента: образцы к февралю, первая партия к весне.",
                "Удержать объём скотча: поставка в паллетах вместе с плёнкой.",
            ),
            (
                "Заменить акриловый скотч на hot-melt на автоматических линиях.",
                "Цена на год в обмен на весь объём скотча у нас.",
            ),
        ],
        "en": [
            (
                "Tape printed with the client's logo: samples by February, first batch by spring.",
                "Keep the tape volume: deliver it on the same pallets as the film.",
            ),
            (
                "Replace acrylic tape with hot-melt on the automatic lines.",
                "A year's price in exchange for all of their tape volume.",
            ),
        ],
    },
    "pallets": {
        "ru": [
            (
                "Обменный фонд поддонов: возврат ремонтных, скидка на новые.",
                "Сохранить объём поддонов: график вывоза пустых с их складов.",
            ),
            (
                "Пластиковые поддоны для холодного склада: пилот на одной линии.",
                "Снизить долю ремонтных поддонов без потери маржи.",
            ),
        ],
        "en": [
            (
                "A pallet exchange pool: repaired ones back, a discount on new ones.",
                "Keep the pallet volume: a collection schedule for the empties.",
            ),
            (
                "Plastic pallets for the cold store: a pilot on one line.",
                "Cut the share of repaired pallets without losing margin.",
            ),
        ],
    },
    "strapping": {
        "ru": [
            (
                "ПЭТ-лента вместо стальной: демонстрация на складе клиента и инструмент в аренду.",
                "Удержать ленту: поставка вместе с плёнкой, один счёт.",
            ),
        ],
        "en": [
            (
                "PET strapping instead of steel: a demo on site and the tools on loan.",
                "Keep the strapping: deliver it with the film on one invoice.",
            ),
        ],
    },
    "protective": {
        "ru": [
            (
                "Воздушные подушки для отдела e-commerce: машина в аренду, плёнка у нас.",
                "Сохранить объём уголков: поставка под график отгрузок клиента.",
            ),
        ],
        "en": [
            (
                "Air cushions for their e-commerce team: machine on loan, film from us.",
                "Keep the edge protectors: deliveries on their dispatch schedule.",
            ),
        ],
    },
}
REGIONAL_METHODS = {
    "ru": [
        "Рост за счёт клиентов уровня A: годовые договоры и консигнационные склады.",
        "Два новых логистических оператора региона: тендеры в I квартале.",
        "Вернуть клиентов, ушедших к конкурентам: персональные условия на полгода.",
    ],
    "en": [
        "Growth from the A-tier accounts: annual contracts and consignment stock.",
        "Two new logistics operators in the region: tenders in Q1.",
        "Win back the accounts lost to competitors: six months of personal terms.",
    ],
}
# What a director writes when returning a plan.
RETURN_COMMENTS = {
    "ru": [
        "Рост по плёнке не подкреплён действиями: распишите, за счёт чего, по кварталам.",
        "Слишком осторожно для клиента уровня A — поднимите цель по гофрокоробам минимум на 10 %.",
        "IV квартал перегружен: разнесите цель с учётом сезонности прошлого года.",
    ],
    "en": [
        "The film growth has no actions behind it: spell out how, quarter by quarter.",
        "Too cautious for an A-tier client: raise the corrugated target by at least 10 %.",
        "Q4 is overloaded: stage the target by last year's seasonality.",
    ],
}
APPROVE_COMMENTS = {
    "ru": ["Согласовано.", "Согласовано, цели реалистичные.", "Согласовано; по плёнке жду отчёт после пилота."],
    "en": ["Approved.", "Approved, realistic targets.", "Approved; report on the film pilot when it is done."],
}
SUBMIT_COMMENTS = {
    "ru": ["", "Поправил поквартальную разбивку, как просили."],
    "en": ["", "Restaged the quarters as asked."],
}
REGIONAL_RETURN = {
    "ru": "План региона ниже суммы планов клиентов: поднимите цель или объясните разницу.",
    "en": "The region's target is below the sum of its accounts' plans: raise it or explain the gap.",
}

# Client development plans ---------------------------------------------------------------------

SUMMARIES = {
    "ru": [
        "К концу года — основной поставщик упаковки для {name}: все склады, годовой договор.",
        "Выйти из роли «второго поставщика»: закрепиться в плёнке и этикетке, войти в e-commerce.",
    ],
    "en": [
        "By year end, {name}'s main packaging supplier: every warehouse, an annual contract.",
        "Stop being the second supplier: own the film and labels, get into their e-commerce.",
    ],
}
CLIENT_GOALS = {
    "ru": [
        "Снизить стоимость упаковки на единицу отгрузки на 8 %.",
        "Открыть второй распределительный центр к осени.",
        "Перейти на перерабатываемую упаковку к концу года.",
        "Сократить число поставщиков расходных материалов вдвое.",
    ],
    "en": [
        "Cut the packaging cost per shipped unit by 8 %.",
        "Open a second distribution centre by the autumn.",
        "Switch to recyclable packaging by year end.",
        "Halve the number of consumables suppliers.",
    ],
}
OUR_GOALS = {
    "ru": [
        "Стать единственным поставщиком стрейч-плёнки.",
        "Подписать годовой договор с фиксированной ценой на полгода.",
        "Войти в две новые товарные группы.",
        "Довести долю в закупках упаковки клиента до 40 %.",
    ],
    "en": [
        "Become the only stretch film supplier.",
        "Sign an annual contract with a six-month fixed price.",
        "Win two new product groups.",
        "Reach 40 % of the client's packaging purchases.",
    ],
}
SWOT = {
    "strength": {
        "ru": ["Собственный склад и автопарк.", "Лидер в регионе по своей категории.", "Стабильные платежи."],
        "en": ["Own warehouse and fleet.", "Leader of its category in the region.", "Pays on time."],
    },
    "weakness": {
        "ru": ["Закупки решают централизованно и медленно.", "Нет WMS на втором складе.", "Высокая текучесть."],
        "en": ["Central purchasing, slow to decide.", "No WMS in the second warehouse.", "High staff turnover."],
    },
    "opportunity": {
        "ru": ["Рост продаж через маркетплейсы.", "Новый распределительный центр.", "Переход на экоупаковку."],
        "en": ["Growing marketplace sales.", "A new distribution centre.", "The move to eco packaging."],
    },
    "threat": {
        "ru": ["Конкурент предлагает цену ниже на 5–7 %.", "Смена закупщика.", "Сокращение ассортимента."],
        "en": ["A competitor 5–7 % cheaper.", "A new head of purchasing.", "A narrower product range."],
    },
}
OBJECTIVES = {
    "ru": [
        ("Подписать годовой договор на плёнку.", "Договор подписан"),
        ("Пилот машинной плёнки на одной линии.", "Пилот проведён, отчёт у клиента"),
        ("Войти в тендер на гофрокороба.", "Приглашение на тендер"),
        ("Консигнационный склад этикетки.", "Склад работает"),
        ("Снизить число рекламаций до нуля.", "0 рекламаций за квартал"),
    ],
    "en": [
        ("Sign the annual film contract.", "Contract signed"),
        ("Pilot machine film on one line.", "Pilot done, report with the client"),
        ("Get into the corrugated tender.", "Invited to the tender"),
        ("Consignment stock for labels.", "Stock running"),
        ("No more quality claims.", "0 claims in a quarter"),
    ],
}
CONTACT_PURPOSES = {
    "ru": [
        "Обсудить итоги пилота и объёмы на полугодие.",
        "Представить нового технолога и план аудита упаковки.",
        "Согласовать график поставок в новый РЦ.",
        "Годовая встреча: итоги и условия на следующий год.",
        "Знакомство с новым руководителем закупок.",
    ],
    "en": [
        "Review the pilot and agree six months' volumes.",
        "Introduce our packaging engineer and the audit plan.",
        "Agree the delivery schedule for the new DC.",
        "Annual meeting: the year's results and next year's terms.",
        "Meet the new head of purchasing.",
    ],
}
BUDGET_ITEMS = {
    "ru": ["Образцы и тестовые партии", "Аренда упаковочной машины", "Выезд технолога", "Совместный семинар"],
    "en": ["Samples and trial batches", "Packaging machine on loan", "Engineer's site visits", "Joint workshop"],
}
STAGES = {
    "ru": [
        ("Аудит упаковки на складе", "Замеры расхода плёнки, фото, отчёт клиенту."),
        ("Пилот на линии", "Поставить машину, обучить смену, собрать данные за 4 недели."),
        ("Коммерческое предложение", "Цена, объём, условия; согласовать с финансами."),
        ("Согласование договора", "Юристы обеих сторон, протокол разногласий."),
        ("Запуск поставок", "График, первый заказ, контроль сроков логистикой."),
        ("Квартальный обзор", "Отчёт об экономии, следующие шаги."),
    ],
    "en": [
        ("Packaging audit in the warehouse", "Measure film use, photos, a report for the client."),
        ("Pilot on the line", "Install the machine, train the shift, four weeks of data."),
        ("Commercial proposal", "Price, volume, terms; cleared with finance."),
        ("Contract approval", "Both legal teams, the table of disagreements."),
        ("Start of deliveries", "Schedule, first order, logistics watching the lead times."),
        ("Quarterly review", "The savings report, next steps."),
    ],
}
OPPORTUNITIES = {
    "ru": [
        ("Совместная поставка через {partner}", "Доставлять упаковку вместе с грузами партнёра клиента."),
        ("Общий стенд на отраслевой выставке", "Показать экоупаковку клиента на нашем стенде."),
        ("Упаковка для поставщиков клиента", "Единый стандарт упаковки для всех поставщиков."),
    ],
    "en": [
        ("Joint deliveries with {partner}", "Ship our packaging with the client's partner's loads."),
        ("A shared stand at the trade fair", "Show the client's eco packaging on our stand."),
        ("Packaging for the client's suppliers", "One packaging standard for all of their suppliers."),
    ],
}
