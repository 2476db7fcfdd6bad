"""The demo's people at its clients, in Russian and English (like accounts/demo.py): first
names and surnames, foreign names at international clients, the two people the demo's search
finds, the titles of CEOs, heads and specialists by function, and the interests, preferences
and personal notes of the contact cards. The demo builder (accounts/demo_builder.py) and the
benchmark's generator (bench/dossier_steps.py) draw their contacts from here, and the
benchmark's users (bench/company_steps.py) their names.
"""

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
