"""The tables behind `manage.py seed_demo`: who logs in, where, and the clients they look after.

We play a supplier of packaging and industrial consumables (stretch film, corrugated boxes,
labels, pallets); every industry of the demo buys from it. All companies and people are
invented; websites and e-mails use the reserved `.example` domain so nothing reaches a real
address. The people at those clients are in accounts/demo_people.py, the texts of their
dossier entries in accounts/demo_entries.py.
"""

import re
from datetime import date, datetime, time

from django.utils import timezone

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


CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def lang_of(name: str) -> str:
    """The language of a demo client's texts: Russian for a Cyrillic name, English otherwise."""
    return "ru" if CYRILLIC.search(name) else "en"


def aware(day: date, hour: int) -> datetime:
    """`day` at `hour` o'clock in the project's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))
