"""The demo's dossier-entry texts, in Russian and English (like accounts/demo.py): titles and
texts by category with placeholders filled per account, a prospect's opening entry, how often
each category comes up, and the month names and warehouses the placeholders take. The demo
builder (accounts/demo_builder.py) and the benchmark's generator (bench/dossier_steps.py) write
their dossier entries from here.
"""

MONTHS_PREP = "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()  # noqa: SIM905
MONTHS_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()  # noqa: SIM905
MONTHS_EN = "January February March April May June July August September October November December".split()  # noqa: SIM905

WAREHOUSES = {
    "center": [("Подольске", "Podolsk"), ("Домодедове", "Domodedovo"), ("Твери", "Tver")],
    "north-west": [("Шушарах", "Shushary"), ("Колпине", "Kolpino"), ("Великом Новгороде", "Veliky Novgorod")],
    "volga": [("Казани", "Kazan"), ("Тольятти", "Tolyatti"), ("Самаре", "Samara")],
}

# Dossier entries: category → {language: [(title, text)]}. Placeholders are filled per account.
ENTRIES = {
    "base_info": {
        "ru": [
            (
                "Профиль клиента",
                "{name}: {profile} Основная площадка — {city}. Закупки упаковки централизованы, "
                "годовой тендер проходит в {month_prep}. Мы закрываем около {share}% их потребности.",
            ),
            (
                "Итоги знакомства",
                "Ознакомительная встреча в офисе клиента в {city_prep}. Закупают стрейч-плёнку, "
                "гофрокороба и этикетку; платят в срок, отсрочка {days} дней.",
            ),
        ],
        "en": [
            (
                "Client profile",
                "{name}: {profile} Main site in {city_en}. Packaging is bought centrally; the annual "
                "tender runs in {month_en}. We cover roughly {share}% of their needs.",
            ),
            (
                "Account opened",
                "First supply contract signed for stretch film and corrugated boxes. Payment terms "
                "{days} days; volumes reviewed every quarter.",
            ),
        ],
    },
    "logistics": {
        "ru": [
            (
                "Смена логистического оператора",
                "Новый логистический оператор — {carrier}. С {month_gen} отгрузки идут через новый склад "
                "в {warehouse_prep}; нужно обновить графики доставки и требования к паллетам.",
            ),
            (
                "Новый распределительный центр",
                "Открывают РЦ в {warehouse_prep} площадью {area} м². Приёмка только по записи, окна по "
                "2 часа — согласовать с нашей логистикой.",
            ),
            (
                "Требования к маркировке",
                "С {month_gen} клиент требует SSCC-этикетку на каждом паллете и УПД через ЭДО. Без этого "
                "поставку не принимают.",
            ),
        ],
        "en": [
            (
                "Moved to cross-docking",
                "Inbound deliveries now go through a cross-dock in {warehouse_en}. Delivery windows cut to "
                "2 hours; late trucks are fined {amount} thousand RUB.",
            ),
            (
                "Warehouse consolidation",
                "Two regional warehouses close and move into {warehouse_en} by {month_en}. Expect larger, "
                "less frequent orders.",
            ),
            (
                "Pallet standard change",
                "From {month_en} the client takes 1200×1000 industrial pallets instead of Euro pallets; "
                "our standard loads need re-planning.",
            ),
        ],
    },
    "budget": {
        "ru": [
            (
                "Бюджет на следующий год",
                "Финансовый директор подтвердил: бюджет на упаковку сокращают на {pct}%, но готовы "
                "увеличить долю одного поставщика в обмен на цену. Решение — до конца {month_gen}.",
            ),
            (
                "Заморозка закупок",
                "До утверждения бюджета закупки ограничены действующими контрактами. Новые позиции — "
                "только через тендер.",
            ),
        ],
        "en": [
            (
                "Budget approved",
                "Packaging budget approved at {amount} mln RUB (+{pct}% year on year). Purchasing wants a "
                "two-year price commitment.",
            ),
            (
                "Cost-cutting programme",
                "The board launched a cost-cutting programme: every supplier is asked for {pct}% off or a "
                "value-engineering proposal by {month_en}.",
            ),
        ],
    },
    "competitors": {
        "ru": [
            (
                "{competitor} предлагает скидку",
                "{competitor} предложил скидку {pct}% на стрейч-плёнку при годовом контракте (источник — "
                "{contact}). Клиент пока не подписал — ждут наш ответ.",
            ),
            (
                "Тестовая партия конкурента",
                "На складе видели тестовую партию гофрокоробов {competitor}. Качество ниже (жалобы на "
                "влагостойкость), но цена на {pct}% ниже нашей.",
            ),
        ],
        "en": [
            (
                "{competitor} pitching",
                "{competitor} presented to the purchasing team: a VMI programme and {pct}% lower prices on "
                "labels. {contact} sees it as a serious threat.",
            ),
            (
                "Tender lot lost to {competitor}",
                "We lost lot 3 (tapes and adhesives) to {competitor}, about {pct}% cheaper. The other lots "
                "stay with us.",
            ),
        ],
    },
    "opportunity": {
        "ru": [
            (
                "Возможность: упаковка для маркетплейсов",
                "Клиент выходит на {marketplace}; нужны короба под требования площадки. Можем предложить "
                "комплект с печатью и маркировкой.",
            ),
            (
                "Пилот по переработанной плёнке",
                "{contact} интересуется плёнкой с 30% вторсырья. Предложить пилот на одной линии, "
                "оценка — {amount} млн руб. в год.",
            ),
        ],
        "en": [
            (
                "Private label packaging",
                "They plan a private-label range next season: printed boxes and labels, about {amount} mln RUB a year.",
            ),
            (
                "New site in {city_en}",
                "A new site opens in {month_en}. Purchasing asked us to quote the full packaging set for the launch.",
            ),
        ],
    },
    "contact_plan": {
        "ru": [
            (
                "План контактов на квартал",
                "Квартальная встреча: {contact} и команда закупок. Отдельно — знакомство с новым "
                "руководителем логистики. Пригласить на наш завод в {month_prep}.",
            ),
        ],
        "en": [
            (
                "Contact plan",
                "Quarterly review with {contact}; meet the new CFO before budget season; invite the "
                "operations team to our plant in {month_en}.",
            ),
        ],
    },
    "partners": {
        "ru": [
            (
                "Новый партнёр: {partner}",
                "Подписан договор: {partner}. Часть потока теперь идёт через этого партнёра, и упаковку "
                "для канала закупает он — нужен контакт там.",
            ),
        ],
        "en": [
            (
                "Key partner: {partner}",
                "{partner} now accounts for about {pct}% of their volume; packaging specifications follow "
                "the partner's requirements.",
            ),
        ],
    },
    "personal": {
        "ru": [
            (
                "Личное: {contact}",
                "{contact}: хобби — {interest_ru}. Поздравить с днём рождения; предпочитает короткие встречи.",
            ),
        ],
        "en": [
            (
                "Personal: {contact}",
                "{contact} is into {interest_en}; prefers a short agenda sent the day before.",
            ),
        ],
    },
    "other": {
        "ru": [
            (
                "Рекламация закрыта",
                "Рекламация по партии этикеток ({volume} рулонов) закрыта: заменили за наш счёт, клиент "
                "доволен скоростью реакции.",
            ),
        ],
        "en": [
            (
                "Supplier audit passed",
                "Their quality team audited our plant: no major findings, our supplier rating is now A.",
            ),
        ],
    },
}
# A prospect's file opens with what we know before the first contract.
PROSPECT_OPENING = {
    "ru": (
        "Первый контакт",
        "{name}: {profile} Основной поставщик упаковки сейчас — {competitor}. Годовой тендер проходит в "
        "{month_prep}; цель — попасть в список участников.",
    ),
    "en": (
        "First contact",
        "{name}: {profile} Their main packaging supplier today is {competitor}; the annual tender runs in "
        "{month_en}, and our goal is to be invited.",
    ),
}
# How often each category comes up after the opening base-information entry (one per file).
ENTRY_WEIGHTS = {
    "logistics": 4,
    "budget": 3,
    "competitors": 3,
    "opportunity": 3,
    "contact_plan": 2,
    "partners": 2,
    "personal": 2,
    "other": 1,
}
