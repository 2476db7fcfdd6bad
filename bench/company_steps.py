"""Today's company: its regions, the industries of its clients, and its users.

Each function is a step of bench.generate.STEPS. Sizes follow DESIGN §6 at scale 1.0: 20
regions, 200 KAMs, one director per region and one for all, department members and one
administrator, named from the demo's own people (accounts.demo, accounts.demo_people). Rows
are keyed by attname.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password

from accounts import demo, demo_people
from accounts.models import Industry
from kam.users.models import Department, Role, User
from planning.models import Region

if TYPE_CHECKING:
    from bench.generate import Build

# Every user of the dataset has this password, for a look around the benchmark database.
PASSWORD = "bench-password"
# DESIGN §6 at scale 1.0.
REGIONS_AT_SCALE = 20
KAMS_AT_SCALE = 200
MEMBERS_PER_DEPARTMENT = 4

# code, name, city, city (prepositional), city in English, phone code
REGIONS = [
    ("moscow", "Moscow", "Москва", "Москве", "Moscow", "495"),
    ("moscow-oblast", "Moscow Oblast", "Подольск", "Подольске", "Podolsk", "496"),
    ("spb", "Saint Petersburg", "Санкт-Петербург", "Санкт-Петербурге", "Saint Petersburg", "812"),
    ("north-west", "North-West", "Великий Новгород", "Великом Новгороде", "Veliky Novgorod", "8162"),
    ("kaliningrad", "Kaliningrad", "Калининград", "Калининграде", "Kaliningrad", "4012"),
    ("center", "Central", "Тула", "Туле", "Tula", "4872"),
    ("black-earth", "Black Earth", "Воронеж", "Воронеже", "Voronezh", "473"),
    ("volga", "Volga", "Нижний Новгород", "Нижнем Новгороде", "Nizhny Novgorod", "831"),
    ("tatarstan", "Tatarstan", "Казань", "Казани", "Kazan", "843"),
    ("samara", "Samara", "Самара", "Самаре", "Samara", "846"),
    ("bashkortostan", "Bashkortostan", "Уфа", "Уфе", "Ufa", "347"),
    ("perm", "Perm", "Пермь", "Перми", "Perm", "342"),
    ("ural", "Ural", "Екатеринбург", "Екатеринбурге", "Yekaterinburg", "343"),
    ("chelyabinsk", "Chelyabinsk", "Челябинск", "Челябинске", "Chelyabinsk", "351"),
    ("siberia", "Siberia", "Новосибирск", "Новосибирске", "Novosibirsk", "383"),
    ("krasnoyarsk", "Krasnoyarsk", "Красноярск", "Красноярске", "Krasnoyarsk", "391"),
    ("far-east", "Far East", "Владивосток", "Владивостоке", "Vladivostok", "423"),
    ("south", "South", "Краснодар", "Краснодаре", "Krasnodar", "861"),
    ("rostov", "Rostov", "Ростов-на-Дону", "Ростове-на-Дону", "Rostov-on-Don", "863"),
    ("caucasus", "North Caucasus", "Ставрополь", "Ставрополе", "Stavropol", "8652"),
]

# The clients' industries, in the demo's order: an industry's id is its place here, plus one.
INDUSTRY_KEYS = list(demo.INDUSTRIES)


def build_regions(build: Build) -> None:
    count = min(len(REGIONS), build.scaled(REGIONS_AT_SCALE, minimum=2))
    rows = [{"id": i, "code": code, "name": name} for i, (code, name, *_rest) in enumerate(REGIONS[:count], start=1)]
    build.load(Region, rows)
    build.shared["cities"] = {i: REGIONS[i - 1][2:] for i in range(1, count + 1)}


def build_industries(build: Build) -> None:
    rows = [{"id": i, "name": demo.INDUSTRIES[key]} for i, key in enumerate(INDUSTRY_KEYS, start=1)]
    build.load(Industry, rows)


def build_users(build: Build) -> None:
    """KAMs spread over the regions, one director per region and one for all regions,
    department members, one administrator."""
    rng = build.rng
    password = make_password(PASSWORD)
    region_ids = [row["id"] for row in build.rows[Region]]
    joined = build.moment(2000)
    users: list[dict] = []
    user_regions: list[dict] = []
    next_id = iter(range(1, 1_000_000))

    def person(username: str, role: str, **extra) -> dict:
        female = rng.random() < 0.45
        first_ru, _first_en = rng.choice(demo_people.FEMALE_NAMES if female else demo_people.MALE_NAMES)
        surname = rng.choice(demo_people.SURNAMES)
        row = {
            "id": next(next_id),
            "password": password,
            "last_login": None,
            "is_superuser": False,
            "username": username,
            "first_name": first_ru,
            "last_name": demo.feminine(surname) if female else surname,
            "email": f"{username}@bench.example",
            "is_staff": False,
            "is_active": True,
            "date_joined": joined,
            "role": role,
            "department_id": None,
            **extra,
        }
        users.append(row)
        return row

    kams_by_region: dict[int, list[int]] = {region_id: [] for region_id in region_ids}
    for k in range(build.scaled(KAMS_AT_SCALE, minimum=2)):
        region_id = region_ids[k % len(region_ids)]
        kams_by_region[region_id].append(person(f"kam{k + 1:03d}", Role.KAM)["id"])
    directors = {}
    for region_id in region_ids:
        director = person(f"director{region_id:02d}", Role.DIRECTOR)
        directors[region_id] = director["id"]
        user_regions.append({"id": len(user_regions) + 1, "user_id": director["id"], "region_id": region_id})
    director_all = person("director_all", Role.DIRECTOR)["id"]

    departments = [{"id": i, "slug": slug, "name": name} for i, (slug, name) in enumerate(demo.DEPARTMENTS, start=1)]
    build.load(Department, departments)
    for department in departments:
        for n in range(build.scaled(MEMBERS_PER_DEPARTMENT)):
            person(f"{department['slug']}{n + 1}", Role.DEPARTMENT, department_id=department["id"])
    person("admin", Role.ADMIN, is_staff=True, is_superuser=True)

    build.load(User, users)
    build.load(User.regions.through, user_regions)
    build.shared.update(kams_by_region=kams_by_region, directors=directors, director_all=director_all)
