"""The tables behind `manage.py seed_demo`: who logs in, where, and the clients they look after.

We play a supplier of packaging and industrial consumables (stretch film, corrugated boxes,
labels, pallets); every industry of the demo buys from it. All companies and people are
invented; websites and e-mails use the reserved `.example` domain so nothing reaches a real
address.
"""

SEED = 20240917
DEMO_PASSWORD = "demo"
# seed_demo does nothing while this user exists (unless --reset).
SENTINEL_USERNAME = "kam1"
EMAIL_DOMAIN = "kam.example"

DEPARTMENTS = [
    ("logistics", "Logistics"),
    ("finance", "Finance"),
    ("production", "Production"),
    ("marketing", "Marketing"),
    ("legal", "Legal"),
]

REGIONS = [
    ("center", "Moscow & Center"),
    ("north-west", "North-West"),
    ("volga", "Volga"),
]

# username, first name, last name, role, department slug
USERS = [
    ("kam1", "Анна", "Кузнецова", "kam", None),
    ("kam2", "Pavel", "Orlov", "kam", None),
    ("kam3", "Мария", "Лебедева", "kam", None),
    ("kam4", "Igor", "Petrov", "kam", None),
    ("director", "Елена", "Морозова", "director", None),
    ("director2", "Сергей", "Зайцев", "director", None),
    ("logistics", "Алексей", "Фёдоров", "department", "logistics"),
    ("finance", "Olga", "Nikitina", "department", "finance"),
    ("production", "Виктор", "Белов", "department", "production"),
    ("admin", "Roman", "Sysoev", "admin", None),
]
DEMO_USERNAMES = [row[0] for row in USERS]
# The regional sales director writes the regions' plans and approves the account managers';
# `director`, with no regions of their own, heads sales everywhere and approves the regions' plans.
DIRECTOR_REGIONS = {"director2": ["center", "north-west", "volga"]}
# The KAM who looks after most accounts of a region; kam4 takes every third account anywhere.
REGION_KAM = {"center": "kam1", "north-west": "kam2", "volga": "kam3"}
ROAMING_KAM = "kam4"

INDUSTRIES = {
    "manufacturing": "Manufacturing",
    "retail": "Retail",
    "automotive": "Automotive & parts",
    "ecommerce": "E-commerce & fulfilment",
    "food": "Food & fresh",
}

# What the client does, for its base information: (Russian, English).
INDUSTRY_PROFILE = {
    "manufacturing": (
        "производственная компания, около {staff} сотрудников, два цеха и собственный склад готовой продукции.",
        "a manufacturer with about {staff} staff, two workshops and its own finished-goods warehouse.",
    ),
    "retail": (
        "розничная сеть, число магазинов — {stores}, собственный распределительный центр.",
        "a retail chain of {stores} stores with its own distribution centre.",
    ),
    "automotive": (
        "производство и дистрибуция автокомпонентов, поставки на конвейер по графику JIT.",
        "makes and distributes car parts; delivers to assembly lines just in time.",
    ),
    "ecommerce": (
        "фулфилмент-оператор и интернет-магазин, до {orders} тыс. заказов в сутки в пик.",
        "an online retailer and fulfilment operator, up to {orders}k orders a day at peak.",
    ),
    "food": (
        "производитель продуктов питания, короткие сроки годности, доставка в сети ежедневно.",
        "a fresh food producer; short shelf life, daily deliveries to retail chains.",
    ),
}

# city key: region code, name (nominative), name (prepositional: «в Туле»), English, phone code
CITIES = {
    "moscow": ("center", "Москва", "Москве", "Moscow", "495"),
    "podolsk": ("center", "Подольск", "Подольске", "Podolsk", "496"),
    "tula": ("center", "Тула", "Туле", "Tula", "4872"),
    "kaluga": ("center", "Калуга", "Калуге", "Kaluga", "4842"),
    "yaroslavl": ("center", "Ярославль", "Ярославле", "Yaroslavl", "4852"),
    "vladimir": ("center", "Владимир", "Владимире", "Vladimir", "4922"),
    "tver": ("center", "Тверь", "Твери", "Tver", "4822"),
    "lipetsk": ("center", "Липецк", "Липецке", "Lipetsk", "4742"),
    "spb": ("north-west", "Санкт-Петербург", "Санкт-Петербурге", "Saint Petersburg", "812"),
    "kaliningrad": ("north-west", "Калининград", "Калининграде", "Kaliningrad", "4012"),
    "cherepovets": ("north-west", "Череповец", "Череповце", "Cherepovets", "8202"),
    "novgorod": ("north-west", "Великий Новгород", "Великом Новгороде", "Veliky Novgorod", "8162"),
    "pskov": ("north-west", "Псков", "Пскове", "Pskov", "8112"),
    "murmansk": ("north-west", "Мурманск", "Мурманске", "Murmansk", "8152"),
    "petrozavodsk": ("north-west", "Петрозаводск", "Петрозаводске", "Petrozavodsk", "8142"),
    "kazan": ("volga", "Казань", "Казани", "Kazan", "843"),
    "samara": ("volga", "Самара", "Самаре", "Samara", "846"),
    "tolyatti": ("volga", "Тольятти", "Тольятти", "Tolyatti", "8482"),
    "nnovgorod": ("volga", "Нижний Новгород", "Нижнем Новгороде", "Nizhny Novgorod", "831"),
    "saratov": ("volga", "Саратов", "Саратове", "Saratov", "8452"),
    "ulyanovsk": ("volga", "Ульяновск", "Ульяновске", "Ulyanovsk", "8422"),
    "penza": ("volga", "Пенза", "Пензе", "Penza", "8412"),
}

# name, legal name, industry, city. A Cyrillic name makes a Russian-speaking dossier.
ACCOUNTS = [
    ("ТулаСтальПром", "АО «ТулаСтальПром»", "manufacturing", "tula"),
    ("Нева Металл", "ООО «Нева Металл»", "manufacturing", "spb"),
    ("Волжский трубный комплекс", "АО «Волжский трубный комплекс»", "manufacturing", "samara"),
    ("Baltic Machinery", "Baltic Machinery LLC", "manufacturing", "kaliningrad"),
    ("КамаПолимер", "ООО «КамаПолимер»", "manufacturing", "kazan"),
    ("Meridian Packaging", "Meridian Packaging Rus LLC", "manufacturing", "kaluga"),
    ("Северный кабельный завод", "АО «Северный кабельный завод»", "manufacturing", "cherepovets"),
    ("Приволжские стеклотехнологии", "ООО «Приволжские стеклотехнологии»", "manufacturing", "nnovgorod"),
    ("Семейный маркет", "ООО «Семейный маркет»", "retail", "moscow"),
    ("ДомСтрой Центр", "ООО «ДомСтрой Центр»", "retail", "yaroslavl"),
    ("Northern Lights Retail", "Northern Lights Retail JSC", "retail", "spb"),
    ("Волга-Ритейл", "АО «Волга-Ритейл»", "retail", "samara"),
    ("Аптеки Здоровье+", "ООО «Здоровье Плюс»", "retail", "moscow"),
    ("Ладога Маркет", "ООО «Ладога Маркет»", "retail", "spb"),
    ("Kazan Home Center", "ООО «Казанский домашний центр»", "retail", "kazan"),
    ("ТехноМир", "ООО «ТехноМир Трейд»", "retail", "vladimir"),
    ("АвтоКомпонент Тольятти", "АО «АвтоКомпонент Тольятти»", "automotive", "tolyatti"),
    ("Калуга Моторс Сервис", "ООО «Калуга Моторс Сервис»", "automotive", "kaluga"),
    ("Baltic Auto Parts", "Baltic Auto Parts LLC", "automotive", "spb"),
    ("ПоволжьеШина", "ООО «ПоволжьеШина»", "automotive", "ulyanovsk"),
    ("ЯрДизельСервис", "ООО «ЯрДизельСервис»", "automotive", "yaroslavl"),
    ("Nordic Truck Service", "Nordic Truck Service LLC", "automotive", "murmansk"),
    ("Автодеталь-Регион", "ООО «Автодеталь-Регион»", "automotive", "nnovgorod"),
    ("МосАвтоСнаб", "АО «МосАвтоСнаб»", "automotive", "moscow"),
    ("БыстроДом", "ООО «БыстроДом»", "ecommerce", "moscow"),
    ("ShopLine Fulfilment", "ShopLine Fulfilment LLC", "ecommerce", "podolsk"),
    ("Невский фулфилмент", "ООО «Невский фулфилмент»", "ecommerce", "spb"),
    ("Корзина.онлайн", "ООО «Корзина Онлайн»", "ecommerce", "kazan"),
    ("Parcel Hub Volga", "ООО «Парсел Хаб Волга»", "ecommerce", "samara"),
    ("Маркет-Склад", "АО «Маркет-Склад»", "ecommerce", "tver"),
    ("NorthBox", "NorthBox LLC", "ecommerce", "novgorod"),
    ("Ozero Commerce", "ООО «Озеро Коммерс»", "ecommerce", "pskov"),
    ("Фермерское подворье", "ООО «Фермерское подворье»", "food", "tula"),
    ("Балтийская рыбная компания", "АО «Балтийская рыбная компания»", "food", "kaliningrad"),
    ("Волжские молочные продукты", "АО «Волжские молочные продукты»", "food", "saratov"),
    ("Fresh Valley", "Fresh Valley Agro LLC", "food", "lipetsk"),
    ("Невская пекарня", "ООО «Невская пекарня»", "food", "spb"),
    ("Сады Поволжья", "ООО «Сады Поволжья»", "food", "penza"),
    ("Green Basket", "Green Basket Foods LLC", "food", "moscow"),
    ("Карельские ягоды", "ООО «Карельские ягоды»", "food", "petrozavodsk"),
]

# How many accounts get each status and tier (shuffled over the 40 with the seed).
STATUS_MIX = {"active": 27, "at_risk": 6, "prospect": 4, "dormant": 3}
TIER_MIX = {"A": 8, "B": 19, "C": 13}

STREETS = [
    ("Промышленная", "Promyshlennaya"),
    ("Заводская", "Zavodskaya"),
    ("Складская", "Skladskaya"),
    ("Транспортная", "Transportnaya"),
    ("Садовая", "Sadovaya"),
    ("Индустриальная", "Industrialnaya"),
    ("Ленина", "Lenina"),
]

# People. Surnames are given in the masculine form; the feminine adds «а» / "a".
MALE_NAMES = [
    ("Дмитрий", "Dmitry"),
    ("Алексей", "Alexey"),
    ("Сергей", "Sergey"),
    ("Андрей", "Andrey"),
    ("Михаил", "Mikhail"),
    ("Игорь", "Igor"),
    ("Николай", "Nikolai"),
    ("Владимир", "Vladimir"),
    ("Артём", "Artem"),
    ("Константин", "Konstantin"),
    ("Роман", "Roman"),
    ("Евгений", "Evgeny"),
    ("Павел", "Pavel"),
    ("Олег", "Oleg"),
    ("Максим", "Maxim"),
    ("Денис", "Denis"),
]
FEMALE_NAMES = [
    ("Ирина", "Irina"),
    ("Елена", "Elena"),
    ("Наталья", "Natalia"),
    ("Ольга", "Olga"),
    ("Татьяна", "Tatiana"),
    ("Екатерина", "Ekaterina"),
    ("Анна", "Anna"),
    ("Марина", "Marina"),
    ("Светлана", "Svetlana"),
    ("Юлия", "Yulia"),
    ("Ксения", "Ksenia"),
    ("Виктория", "Victoria"),
]
SURNAMES = (  # noqa: SIM905 - a word list reads better than 54 quoted items
    "Волков Соколов Лебедев Козлов Новиков Попов Васильев Павлов Семёнов Голубев Виноградов "
    "Богданов Михайлов Беляев Тарасов Комаров Киселёв Макаров Андреев Ковалёв Ильин Гусев Титов "
    "Кузьмин Баранов Куликов Степанов Яковлев Сорокин Романов Захаров Борисов Королёв Григорьев "
    "Соболев Данилов Жуков Фролов Крылов Максимов Егоров Калинин Антонов Филиппов Марков Миронов "
    "Громов Фомин Карпов Власов Маслов Тихонов Зимин Логинов"
).split()
# People at international clients.
FOREIGN_NAMES = [
    ("Martin", "Keller"),
    ("Sarah", "Whitfield"),
    ("Lukas", "Meyer"),
    ("Emma", "Laurent"),
    ("Jan", "de Vries"),
    ("Katarzyna", "Nowak"),
    ("Mikko", "Virtanen"),
    ("Anna", "Lindqvist"),
    ("Tomas", "Novak"),
    ("James", "Porter"),
    ("Marco", "Bianchi"),
    ("Helena", "Berg"),
]
# The first account's CEO and head of purchasing, so the demo's search has names to find.
PINNED_PEOPLE = [(("Дмитрий", "Dmitry"), "Волков", "m"), (("Ирина", "Irina"), "Соколов", "f")]

CEO_TITLES = {"ru": ["Генеральный директор"], "en": ["General Director", "CEO", "Managing Director"]}

# Heads by function: position (ru, en), department (ru, en), usual buying role.
HEADS = {
    "purchasing": (
        ("Директор по закупкам", "Head of Purchasing"),
        ("Закупки", "Purchasing"),
        "economic_buyer",
    ),
    "logistics": (
        ("Руководитель службы логистики", "Head of Logistics"),
        ("Логистика", "Logistics"),
        "influencer",
    ),
    "finance": (("Финансовый директор", "CFO"), ("Финансы", "Finance"), "economic_buyer"),
    "operations": (
        ("Директор по производству", "Production Director"),
        ("Производство", "Production"),
        "influencer",
    ),
    "commercial": (
        ("Коммерческий директор", "Commercial Director"),
        ("Коммерция", "Commercial"),
        "influencer",
    ),
}
# Which heads a client of each industry has, most relevant to a packaging supplier first.
HEADS_BY_INDUSTRY = {
    "manufacturing": ["purchasing", "operations", "logistics", "finance"],
    "retail": ["purchasing", "commercial", "logistics", "finance"],
    "automotive": ["purchasing", "operations", "logistics", "finance"],
    "ecommerce": ["purchasing", "logistics", "commercial", "finance"],
    "food": ["purchasing", "operations", "logistics", "finance"],
}
# Specialists under each function (or under the CEO): position (ru, en), could be our champion.
SPECIALISTS = {
    "ceo": [(("Помощник генерального директора", "Executive Assistant"), False)],
    "purchasing": [
        (("Менеджер по закупкам", "Purchasing Manager"), True),
        (("Категорийный менеджер", "Category Manager"), True),
        (("Специалист по тендерам", "Tender Specialist"), False),
    ],
    "logistics": [
        (("Начальник склада", "Warehouse Manager"), True),
        (("Специалист по логистике", "Logistics Specialist"), False),
    ],
    "finance": [(("Главный бухгалтер", "Chief Accountant"), False)],
    "operations": [
        (("Главный инженер", "Chief Engineer"), True),
        (("Инженер по качеству", "Quality Engineer"), False),
    ],
    "commercial": [(("Бренд-менеджер", "Brand Manager"), True)],
}

INTERESTS = [
    ("рыбалка", "fishing"),
    ("горные лыжи", "skiing"),
    ("хоккей, болеет за СКА", "ice hockey"),
    ("шахматы", "chess"),
    ("джаз", "jazz"),
    ("марафоны", "marathon running"),
    ("история авиации", "aviation history"),
    ("сад и дача", "gardening"),
    ("фотография", "photography"),
    ("теннис", "tennis"),
]
PREFERENCES = [
    ("Предпочитает встречи утром, до 11:00.", "Prefers morning meetings, before 11:00."),
    ("Не любит звонки без договорённости — сначала письмо.", "Write first; dislikes unannounced calls."),
    ("Повестку присылать накануне, коротко.", "Wants a short agenda the day before."),
    ("Не пьёт кофе, только зелёный чай.", "No coffee — green tea only."),
]
PERSONAL_NOTES = [
    ("Двое детей, сын учится в Политехе.", "Two children; the eldest just started university."),
    ("Раньше работал у конкурента, хорошо знает рынок упаковки.", "Used to work for a competitor of ours."),
    ("Ценит факты и цифры, презентации не любит.", "Values numbers over slides."),
]

# The client's own partners: kind → (name, notes).
PARTNERS = {
    "supplier": [
        ("СталькомТрейд", "Основной поставщик металлопроката, рамочный договор до конца года."),
        ("Polymer Resources", "Supplies PE granulate and also sells film — competes with us on stretch film."),
        ("Химпром-Снаб", "Поставщик клеев и химии; иногда закупает у нас ленту."),
        ("Nordic Components", "Ships components from Finland through Saint Petersburg."),
    ],
    "distributor": [
        ("ТоргДом Восток", "Дистрибьютор на Урал и Сибирь, около 20% продаж клиента."),
        ("Baltic Trade Partners", "Distributor for the Baltic region and Belarus."),
        ("Регион-Опт", "Оптовый дистрибьютор по Поволжью, требует паллеты с маркировкой SSCC."),
    ],
    "customer": [
        ("Гипермаркет Северный", "Крупнейший покупатель клиента, жёсткие требования к упаковке."),
        ("АвтоСборка Калуга", "Assembly plant; JIT deliveries, returnable packaging only."),
        ("HoReCa Group", "Restaurant chain; daily deliveries of fresh products."),
        ("Маркетплейс-партнёр ТопШоп", "Продажи через маркетплейс, свои стандарты коробов."),
    ],
    "logistics": [
        ("ТрансЛайн Логистик", "3PL-оператор: склад и доставка по Центральному региону."),
        ("Baltic Freight Forwarding", "Handles imports through the port of Saint Petersburg."),
        ("ВолгаТрансСервис", "Перевозки по Поволжью, собственный парк рефрижераторов."),
        ("FastLane 3PL", "Fulfilment operator for marketplace orders."),
    ],
    "other": [
        ("Консалтинг «Оптима»", "Ведёт проект по оптимизации закупок; влияет на выбор поставщиков."),
        ("GreenPack Recycling", "Collects used film and cardboard; partner in their recycling programme."),
    ],
}

# Our own competitors, as the clients mention them.
COMPETITORS = ["ПромУпак", "Nordpack", "ТехноПак", "Delta Supply", "ВолгаТара", "PackLine"]
MARKETPLACES = ["Ozon", "Wildberries", "Яндекс Маркет"]

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

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)


def translit(text: str) -> str:
    """Latin letters for a Cyrillic name (e-mail addresses, web addresses)."""
    out = []
    for char in text:
        latin = _TRANSLIT.get(char.lower())
        if latin is None:
            out.append(char)
        elif latin != "-":
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def feminine(surname: str) -> str:
    return surname + "а"


def inn_check_digit(first_nine: str) -> str:
    """The check digit of a 10-digit Russian tax id (ИНН of an organisation)."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return str(sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11 % 10)
