"""Today's client dossiers: accounts with their contacts, partners and dossier entries.

Each function is a step of bench.generate.STEPS, run after the company's
(bench.company_steps). Sizes follow DESIGN §6 at scale 1.0: 2,000 accounts, about 20,000
contacts (a reporting tree per account), 6,000 partners and 40,000 dossier entries in Russian
and English, built from the demo's own phrase tables (accounts.demo, accounts.demo_people,
accounts.demo_entries). Rows are keyed by attname; the "_history_user_id" they carry is who
the history step records as their creator.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from accounts import demo, demo_entries, demo_people
from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry
from bench.company_steps import INDUSTRY_KEYS

if TYPE_CHECKING:
    from bench.generate import Build

# DESIGN §6 at scale 1.0.
ACCOUNTS_AT_SCALE = 2000

# Account names: a root and a tail, Cyrillic ones make a Russian-speaking dossier.
RU_ROOTS = (  # noqa: SIM905 - a word list reads better quoted once
    "Волга Нева Урал Сибирь Кама Ока Дон Север Балтика Алтай Енисей Байкал Амур Кубань Вятка Ладога "
    "Онега Печора Ангара Иртыш Обь Дельта Вектор Гранит Кристалл Меридиан Полюс Зенит Витязь Сокол "
    "Прогресс Рассвет Исток Магистраль Союз Держава Аврора Восход Орбита Темп Фрегат Каскад Стрела "
    "Импульс Горизонт Континент Платформа Атлант Русь Берег"
).split()
RU_TAILS = (  # noqa: SIM905
    "Металл Пром Трейд Логистик Маркет Агро Хим Строй Пак Снаб Торг Фуд Авто Полимер Стекло Мебель "
    "Фарм Тех Энерго Транс Молоко Хлеб Кабель Пласт"
).split()
EN_ROOTS = (  # noqa: SIM905
    "Nord Baltic Meridian Vector Atlas Polar Orion Astra Nova Summit Harbor Granite Crystal Falcon "
    "Pioneer Horizon Crest Keystone Beacon Evergreen Silverline Northstar Bluewater Ironwood Redwood"
).split()
EN_TAILS = [
    " Group",
    " Foods",
    " Retail",
    " Logistics",
    " Machinery",
    " Packaging",
    " Trade",
    " Motors",
    " Industries",
    " Supply",
    " Pharma",
    " Home",
    " Components",
    " Distribution",
    " Fresh",
    " Metals",
]
STATUSES = {"active": 70, "at_risk": 12, "prospect": 10, "dormant": 6, "lost": 2}
TIERS = {"A": 15, "B": 45, "C": 40}
# Dossier entries per account by tier (inclusive ranges): about 40,000 at scale 1.0.
ENTRIES_BY_TIER = {"A": (30, 50), "B": (15, 27), "C": (5, 15)}
CONTACTS_PER_ACCOUNT = (5, 15)
PARTNERS_PER_ACCOUNT = (1, 5)
# Share of accounts with an account team, and of entries that carry an attachment.
TEAM_SHARE = 0.3
ATTACHMENT_SHARE = 0.05
# A second paragraph in some entries, so bodies are not all one template long.
EXTRA_SENTENCES = {
    "ru": [
        "Договорились вернуться к вопросу после согласования бюджета.",
        "Клиент просит коммерческое предложение с графиком поставок на квартал.",
        "Решение по поставщику упаковки принимает закупочный комитет.",
        "Отгрузки идут по графику, претензий по качеству нет.",
        "Нужно подготовить расчёт экономии на стрейч-плёнке и гофрокоробе.",
    ],
    "en": [
        "We agreed to come back to it once the budget is approved.",
        "The client asks for a quotation with a quarterly delivery schedule.",
        "A purchasing committee chooses the packaging supplier.",
        "Deliveries run on schedule, no quality claims.",
        "We need a savings estimate for stretch film and corrugated boxes.",
    ],
}


def _account_names(rng: Random, count: int, cities: list[str]) -> list[str]:
    pairs = [(root, tail) for root in RU_ROOTS for tail in RU_TAILS] + [
        (root, tail) for root in EN_ROOTS for tail in EN_TAILS
    ]
    rng.shuffle(pairs)
    names = []
    for i in range(count):
        root, tail = pairs[i % len(pairs)]
        name = f"{root}{tail}"
        # Past the combinations, the same name in another city, as real groups have.
        if i >= len(pairs):
            name = f"{name} {cities[i % len(cities)]}"
        names.append(name)
    return names


def _pick(rng: Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build_accounts(build: Build) -> None:
    """Accounts spread over the regions, each owned by a KAM of its region; some KAMs carry
    many more accounts than others; about a third of the accounts have a team."""
    rng = build.rng
    cities = build.shared["cities"]
    kams_by_region = build.shared["kams_by_region"]
    region_ids = list(cities)
    count = build.scaled(ACCOUNTS_AT_SCALE, minimum=4)
    names = _account_names(rng, count, [city[0] for city in cities.values()])
    # Uneven portfolios: a KAM's weight decides how many of the region's accounts they own.
    kam_weight = {kam: rng.choice([1, 1, 2, 2, 3, 5]) for kams in kams_by_region.values() for kam in kams}
    accounts, team, meta = [], [], {}
    for i in range(count):
        pk = i + 1
        region_id = region_ids[i % len(region_ids)] if rng.random() < 0.7 else rng.choice(region_ids)
        kams = kams_by_region[region_id] or [k for ks in kams_by_region.values() for k in ks]
        owner = rng.choices(kams, weights=[kam_weight[k] for k in kams])[0]
        name = names[i]
        lang = demo.lang_of(name)
        industry = rng.choice(INDUSTRY_KEYS)
        city, city_prep, city_en, phone_code = cities[region_id]
        facts = {
            "staff": rng.randrange(200, 5000, 50),
            "stores": rng.randint(20, 300),
            "orders": rng.randint(5, 80),
            "days": rng.choice([14, 30, 45, 60]),
        }
        profile = demo.INDUSTRY_PROFILE[industry][lang == "en"].format(**facts)
        first_nine = f"{rng.randint(10, 79):02d}{pk:07d}"
        created = build.moment(rng.randint(400, 1500))
        slug = demo.translit(name).lower().replace(" ", "-")
        street_ru, street_en = rng.choice(demo.STREETS)
        accounts.append(
            {
                "id": pk,
                "version": 1,
                "name": name,
                "legal_name": f"ООО «{name}»" if lang == "ru" else f"{name} LLC",
                "tax_id": first_nine + demo.inn_check_digit(first_nine),
                "external_code": f"ERP-{pk:06d}",
                "industry_id": INDUSTRY_KEYS.index(industry) + 1,
                "region_id": region_id,
                "owner_id": owner,
                "status": _pick(rng, STATUSES),
                "tier": _pick(rng, TIERS),
                "website": f"https://www.{slug}.example",
                "phone": f"+7 ({phone_code}) {rng.randint(200, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                "address": (
                    f"{city}, ул. {street_ru}, д. {rng.randint(1, 120)}"
                    if lang == "ru"
                    else f"{street_en} St. {rng.randint(1, 120)}, {city_en}"
                ),
                "base_information": f"{profile[0].upper()}{profile[1:]}",
                "created_at": created,
                "updated_at": created + timedelta(days=rng.randint(0, 300)),
                "_history_user_id": owner,
            }
        )
        members = []
        if rng.random() < TEAM_SHARE:
            others = [k for k in kams if k != owner]
            members = rng.sample(others, min(len(others), rng.randint(1, 2)))
            team.extend({"account_id": pk, "user_id": member} for member in members)
        meta[pk] = {"lang": lang, "industry": industry, "facts": facts, "team": members}
    build.load(Account, accounts)
    build.load(Account.team.through, [{"id": i, **row} for i, row in enumerate(team, start=1)])
    build.shared["accounts"] = meta


def build_contacts(build: Build) -> None:
    """Each account's people as a tree: the CEO, two to four heads reporting to the CEO,
    specialists under a head (some under another specialist)."""
    rng = build.rng
    rows = []
    pk = 0
    for account in build.rows[Account]:
        meta = build.shared["accounts"][account["id"]]
        lang, en = meta["lang"], meta["lang"] == "en"
        size = rng.randint(*CONTACTS_PER_ACCOUNT)
        functions = demo_people.HEADS_BY_INDUSTRY[meta["industry"]][: min(size - 1, rng.randint(2, 4))]
        owners = [account["owner_id"], *meta["team"]]
        tree: list[tuple[dict, str]] = []  # (row, function)
        surnames = rng.sample(demo_people.SURNAMES, size)
        for n in range(size):
            pk += 1
            if n == 0:
                parent, function = None, "ceo"
                position, department = rng.choice(demo_people.CEO_TITLES[lang]), "Management" if en else "Руководство"
                role, influence = ("decision_maker" if rng.random() < 0.6 else "influencer"), 5
            elif n <= len(functions):
                parent, function = tree[0][0], functions[n - 1]
                (position_ru, position_en), (department_ru, department_en), role = demo_people.HEADS[function]
                position, department = (position_en, department_en) if en else (position_ru, department_ru)
                influence = rng.randint(3, 4)
            else:
                parent, function = rng.choice(tree[1 : len(functions) + 1] or tree[:1])
                # A quarter of the specialists sit one level lower, under a colleague.
                colleagues = [row for row, f in tree[len(functions) + 1 :] if f == function]
                if colleagues and rng.random() < 0.25:
                    parent = rng.choice(colleagues)
                (position_ru, position_en), _champion = rng.choice(demo_people.SPECIALISTS[function])
                position = position_en if en else position_ru
                department = parent["department"]
                role = rng.choice(["user", "user", "influencer", "gatekeeper", "champion", ""])
                influence = rng.randint(1, 3)
            female = rng.random() < 0.45
            first_ru, first_en = rng.choice(demo_people.FEMALE_NAMES if female else demo_people.MALE_NAMES)
            last_ru = demo.feminine(surnames[n]) if female else surnames[n]
            first, last = (first_en, demo.translit(last_ru)) if en else (first_ru, last_ru)
            created = account["created_at"] + timedelta(days=rng.randint(0, 200))
            level = rng.randint(0, 3)
            row = {
                "id": pk,
                "version": 1,
                "account_id": account["id"],
                "first_name": first,
                "last_name": last,
                "position": position,
                "department": department,
                "email": f"{demo.translit(first)[0]}.{demo.translit(last)}@{account['website'][12:]}".lower(),
                "phone": f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randrange(100):02d}",
                "buying_role": role,
                "attitude": rng.choices(["supporter", "neutral", "opponent"], weights=[3, 5, 1])[0],
                "influence": influence,
                "reports_to_id": parent["id"] if parent else None,
                "birthday": date(rng.randint(1964, 1995), rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.4
                else None,
                "interests": rng.choice(demo_people.INTERESTS)[en] if rng.random() < 0.35 else "",
                "preferences": rng.choice(demo_people.PREFERENCES)[en] if rng.random() < 0.25 else "",
                "personal_notes": rng.choice(demo_people.PERSONAL_NOTES)[en] if rng.random() < 0.15 else "",
                "relationship_owner_id": rng.choice(owners),
                "relationship_level": level,
                "relationship_aim": max(level, rng.randint(1, 3)),
                "last_contacted": build.today - timedelta(days=rng.randint(1, 400)) if rng.random() < 0.94 else None,
                "created_at": created,
                "updated_at": created + timedelta(days=rng.randint(0, 200)),
                "_history_user_id": account["owner_id"],
            }
            tree.append((row, function))
            rows.append(row)
    build.load(Contact, rows)


def build_partners(build: Build) -> None:
    rng = build.rng
    pool = [(kind, name, notes) for kind, entries in demo.PARTNERS.items() for name, notes in entries]
    rows = []
    for account in build.rows[Account]:
        for kind, name, notes in rng.sample(pool, rng.randint(*PARTNERS_PER_ACCOUNT)):
            created = account["created_at"] + timedelta(days=rng.randint(0, 300))
            rows.append(
                {
                    "id": len(rows) + 1,
                    "version": 1,
                    "account_id": account["id"],
                    "name": name,
                    "kind": kind,
                    "website": "",
                    "notes": notes,
                    "created_at": created,
                    "updated_at": created,
                    "_history_user_id": account["owner_id"],
                }
            )
    build.load(BusinessPartner, rows)


def build_entries(build: Build) -> None:
    """The dated file: more entries for strategic accounts, in the account's language mostly,
    spread over three years; a few carry an attachment (a row only: no file is read)."""
    rng = build.rng
    cities = build.shared["cities"]
    categories = list(demo_entries.ENTRY_WEIGHTS)
    weights = list(demo_entries.ENTRY_WEIGHTS.values())
    warehouses = [pair for pairs in demo_entries.WAREHOUSES.values() for pair in pairs]
    contacts_by_account: dict[int, list[dict]] = {}
    for contact in build.rows[Contact]:
        contacts_by_account.setdefault(contact["account_id"], []).append(contact)
    partners_by_account: dict[int, list[dict]] = {}
    for partner in build.rows[BusinessPartner]:
        partners_by_account.setdefault(partner["account_id"], []).append(partner)
    entries, attachments = [], []
    for account in build.rows[Account]:
        meta = build.shared["accounts"][account["id"]]
        authors = [account["owner_id"], *meta["team"]]
        partners = partners_by_account[account["id"]]
        contacts = contacts_by_account[account["id"]]
        city, city_prep, city_en, _code = cities[account["region_id"]]
        count = rng.randint(*ENTRIES_BY_TIER[account["tier"]])
        chosen = ["base_info", *rng.choices(categories, weights=weights, k=count - 1)]
        for category in chosen:
            lang = meta["lang"] if rng.random() < 0.75 else ("en" if meta["lang"] == "ru" else "ru")
            title, text = rng.choice(demo_entries.ENTRIES[category][lang])
            month = rng.randrange(12)
            contact = rng.choice(contacts)
            warehouse_prep, warehouse_en = rng.choice(warehouses)
            interest_ru, interest_en = rng.choice(demo_people.INTERESTS)
            values = {
                "name": account["name"],
                "profile": demo.INDUSTRY_PROFILE[meta["industry"]][lang == "en"].format(**meta["facts"]),
                "city": city,
                "city_prep": city_prep,
                "city_en": city_en,
                "month_prep": demo_entries.MONTHS_PREP[month],
                "month_gen": demo_entries.MONTHS_GEN[month],
                "month_en": demo_entries.MONTHS_EN[month],
                "share": rng.randint(15, 70),
                "days": meta["facts"]["days"],
                "pct": rng.randint(3, 18),
                "amount": rng.randint(3, 60),
                "area": rng.randrange(8000, 40000, 500),
                "volume": rng.randint(200, 2000),
                "competitor": rng.choice(demo.COMPETITORS),
                "partner": rng.choice(partners)["name"],
                "carrier": rng.choice(partners)["name"],
                "contact": f"{contact['first_name']} {contact['last_name']}",
                "marketplace": rng.choice(demo.MARKETPLACES),
                "warehouse_prep": warehouse_prep,
                "warehouse_en": warehouse_en,
                "interest_ru": interest_ru,
                "interest_en": interest_en,
            }
            body = text.format(**values)
            if rng.random() < 0.4:
                body += "\n\n" + " ".join(rng.sample(EXTRA_SENTENCES[lang], rng.randint(1, 3)))
            author = rng.choice(authors)
            days_ago = rng.randint(0, 1095)
            created = build.moment(days_ago)
            pk = len(entries) + 1
            entries.append(
                {
                    "id": pk,
                    "version": 1,
                    "account_id": account["id"],
                    "category": category,
                    "occurred_on": build.today - timedelta(days=days_ago),
                    "title": title.format(**values)[:200],
                    "text": body,
                    "author_id": author,
                    "created_at": created,
                    "updated_at": created,
                    "_history_user_id": author,
                }
            )
            if rng.random() < ATTACHMENT_SHARE:
                attachments.append(
                    {
                        "id": len(attachments) + 1,
                        "entry_id": pk,
                        "file": f"attachments/{account['id']}/bench-{pk}.pdf",
                        "original_name": f"{'Протокол' if lang == 'ru' else 'Minutes'} {pk}.pdf",
                        "content_type": "application/pdf",
                        "size": rng.randint(40_000, 4_000_000),
                        "uploaded_by_id": author,
                        "uploaded_at": created,
                    }
                )
    build.load(DossierEntry, entries)
    build.load(Attachment, attachments)
