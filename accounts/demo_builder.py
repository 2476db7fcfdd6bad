"""The demo's builder, run by `manage.py seed_demo`: the users, regions and 40 key accounts with
their business partners and dossier entries, from the tables of accounts/demo.py,
accounts/demo_people.py and accounts/demo_entries.py. It hands the accounts to the builders of
their contacts (accounts/demo_contacts.py), meetings (meetings/demo.py, with their commitments
from meetings/demo_commitments.py), assessments (analysis/demo.py), sales (planning/demo.py) and
plans (planning/demo_plans.py).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from accounts import demo, demo_entries, demo_people
from accounts.demo_contacts import ContactsDemoBuilder
from accounts.models import Account, BusinessPartner, Contact, DossierEntry, Industry
from analysis.demo import build_assessments
from kam.users.models import Department, User
from meetings.demo import MeetingsDemoBuilder
from planning.demo import build_sales_demo
from planning.demo_plans import build_plans_demo
from planning.models import Region


@dataclass
class AccountSketch:
    """What the builder knows about an account beyond its model fields."""

    account: Account
    lang: str
    industry: str
    city_key: str
    team: list[User]
    lacks_decision_maker: bool
    lacks_champion: bool
    # Size and payment terms, so the base information and the dossier tell the same story.
    facts: dict[str, int]
    contacts: list[Contact] = field(default_factory=list)
    partners: list[BusinessPartner] = field(default_factory=list)


class DemoBuilder:
    def __init__(self, *, rng: Random, today: date):
        self.rng = rng
        self.today = today
        self.counts: Counter = Counter()

    def build(self) -> Counter:
        self.departments = {
            slug: Department.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in demo.DEPARTMENTS
        }
        self.regions = {
            code: Region.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in demo.REGIONS
        }
        self.industries = {key: Industry.objects.get_or_create(name=name)[0] for key, name in demo.INDUSTRIES.items()}
        self.users = self._users()
        sketches = self._accounts()
        self.counts.update(ContactsDemoBuilder(rng=self.rng, today=self.today).build(sketches))
        self._partners(sketches)
        self._entries(sketches)
        self.counts.update(
            MeetingsDemoBuilder(rng=self.rng, today=self.today, users=self.users, departments=self.departments).build(
                sketches
            )
        )
        self.counts["assessments"] = build_assessments(
            accounts=[sketch.account for sketch in sketches], users=self.users, rng=self.rng, today=self.today
        )
        accounts = [sketch.account for sketch in sketches]
        self.counts.update(build_sales_demo(accounts=accounts, rng=self.rng, today=self.today))
        self.counts.update(build_plans_demo(accounts=accounts, users=self.users, rng=self.rng, today=self.today))
        return self.counts

    # Users -------------------------------------------------------------------------------

    def _users(self) -> dict[str, User]:
        # Created directly, not through the password validators, which rightly reject "demo".
        # One hash for all of them: each PBKDF2 hash costs about 0.3 s.
        password = make_password(demo.DEMO_PASSWORD)
        users = {}
        for username, first_name, last_name, role, department in demo.USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                is_admin = role == "admin"
                user = User.objects.create(
                    username=username,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{username}@{demo.EMAIL_DOMAIN}",
                    role=role,
                    department=self.departments.get(department),
                    is_staff=is_admin,
                    is_superuser=is_admin,
                    password=password,
                )
                if username in demo.DIRECTOR_REGIONS:
                    user.regions.set([self.regions[code] for code in demo.DIRECTOR_REGIONS[username]])
                self.counts["users"] += 1
            users[username] = user
        return users

    # Accounts ----------------------------------------------------------------------------

    def _accounts(self) -> list[AccountSketch]:
        rng = self.rng
        total = len(demo.ACCOUNTS)
        statuses = [status for status, n in demo.STATUS_MIX.items() for _ in range(n)]
        tiers = [tier for tier, n in demo.TIER_MIX.items() for _ in range(n)]
        rng.shuffle(statuses)
        rng.shuffle(tiers)
        # Most accounts get a full buying centre; these few do not, so the map's warnings show.
        lacks_decision_maker = set(rng.sample(range(total), 5))
        lacks_champion = set(rng.sample(range(total), 6))
        tax_ids = self._tax_ids(total)
        taken_tax_ids = set(Account.objects.exclude(tax_id="").values_list("tax_id", flat=True))
        kams = [row[0] for row in demo.USERS if row[3] == "kam"]
        nth_in_region: Counter = Counter()
        sketches = []
        for i, (name, legal_name, industry, city_key) in enumerate(demo.ACCOUNTS):
            region_code, city, _city_prep, city_en, phone_code = demo.CITIES[city_key]
            nth = nth_in_region[region_code]
            nth_in_region[region_code] += 1
            owner = self.users[demo.ROAMING_KAM if nth % 3 == 2 else demo.REGION_KAM[region_code]]
            lang = demo.lang_of(name)
            status = statuses[i]
            slug = re.sub(r"[^a-z0-9]", "", demo.translit(name).lower())
            street_ru, street_en = rng.choice(demo.STREETS)
            house = rng.randint(1, 120)
            facts = {
                "staff": rng.randrange(300, 3000, 50),
                "stores": rng.randint(12, 140),
                "orders": rng.randint(5, 60),
                "days": rng.choice([30, 45, 60, 90]),
            }
            team = []
            if rng.random() < 0.3:
                team = [self.users[rng.choice([kam for kam in kams if kam != owner.username])]]
            account = Account(
                name=name,
                legal_name=legal_name,
                tax_id="" if tax_ids[i] in taken_tax_ids else tax_ids[i],
                external_code="" if status == "prospect" else f"KA-{1001 + i}",
                industry=self.industries[industry],
                region=self.regions[region_code],
                owner=owner,
                status=status,
                tier=tiers[i],
                website=f"https://www.{slug}.example",
                phone=self._landline(phone_code),
                address=(
                    f"г. {city}, ул. {street_ru}, д. {house}" if lang == "ru" else f"{house} {street_en} St., {city_en}"
                ),
                base_information=self._base_information(industry, lang, facts),
            )
            account._history_user = owner
            sketches.append(
                AccountSketch(
                    account=account,
                    lang=lang,
                    industry=industry,
                    city_key=city_key,
                    team=team,
                    lacks_decision_maker=i in lacks_decision_maker,
                    lacks_champion=i in lacks_champion,
                    facts=facts,
                )
            )
        bulk_create_with_history([sketch.account for sketch in sketches], Account)
        Account.team.through.objects.bulk_create(
            [
                Account.team.through(account_id=sketch.account.pk, user_id=member.pk)
                for sketch in sketches
                for member in sketch.team
            ]
        )
        self.counts["accounts"] = len(sketches)
        return sketches

    def _tax_ids(self, count: int) -> list[str]:
        tax_ids: list[str] = []
        while len(tax_ids) < count:
            first_nine = f"{self.rng.randint(10, 79):02d}{self.rng.randint(0, 9_999_999):07d}"
            tax_id = first_nine + demo.inn_check_digit(first_nine)
            if tax_id not in tax_ids:
                tax_ids.append(tax_id)
        return tax_ids

    def _landline(self, code: str) -> str:
        rng = self.rng
        if len(code) == 3:
            return f"+7 ({code}) {rng.randint(200, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        return f"+7 ({code}) {rng.randint(20, 79)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"

    def _base_information(self, industry: str, lang: str, facts: dict[str, int]) -> str:
        profile = demo.INDUSTRY_PROFILE[industry][lang == "en"].format(**facts)
        days = facts["days"]
        if lang == "ru":
            return (
                f"{profile[0].upper()}{profile[1:]}\nПокупают у нас стрейч-плёнку, гофрокороба и этикетку. "
                f"Отсрочка платежа {days} дней."
            )
        return (
            f"{profile[0].upper()}{profile[1:]}\nBuys stretch film, corrugated boxes and labels from us. "
            f"Payment terms {days} days."
        )

    # Partners and dossier entries --------------------------------------------------------

    def _partners(self, sketches: list[AccountSketch]) -> None:
        pool = [(kind, name, notes) for kind, rows in demo.PARTNERS.items() for name, notes in rows]
        partners = []
        for sketch in sketches:
            for kind, name, notes in self.rng.sample(pool, self.rng.randint(1, 4)):
                partner = BusinessPartner(account=sketch.account, kind=kind, name=name, notes=notes)
                partner._history_user = sketch.account.owner
                sketch.partners.append(partner)
                partners.append(partner)
        bulk_create_with_history(partners, BusinessPartner)
        self.counts["partners"] = len(partners)

    def _entries(self, sketches: list[AccountSketch]) -> None:
        rng = self.rng
        categories = list(demo_entries.ENTRY_WEIGHTS)
        weights = list(demo_entries.ENTRY_WEIGHTS.values())
        entries = []
        for sketch in sketches:
            count = rng.randint(3, 10)
            chosen = ["base_info", *rng.choices(categories, weights=weights, k=count - 1)]
            # The dossier says why an account is at risk, and what a prospect could become.
            if sketch.account.status == "at_risk" and "competitors" not in chosen:
                chosen[-1] = "competitors"
            if sketch.account.status == "prospect" and "opportunity" not in chosen:
                chosen[-1] = "opportunity"
            # The opening entry is the oldest; the rest spread over the last 18 months (a dormant
            # account's file has gone quiet for months).
            newest = 150 if sketch.account.status == "dormant" else 0
            ages = [rng.randint(450, 540)] + sorted((rng.randint(newest, 440) for _ in chosen[1:]), reverse=True)
            for position, (category, age) in enumerate(zip(chosen, ages, strict=True)):
                lang = sketch.lang if rng.random() < 0.75 else ("en" if sketch.lang == "ru" else "ru")
                if position == 0 and sketch.account.status == "prospect":
                    title, text = demo_entries.PROSPECT_OPENING[lang]
                else:
                    title, text = rng.choice(demo_entries.ENTRIES[category][lang])
                values = self._entry_values(sketch, lang)
                author = sketch.team[0] if sketch.team and rng.random() < 0.3 else sketch.account.owner
                entry = DossierEntry(
                    account=sketch.account,
                    category=category,
                    occurred_on=self.today - timedelta(days=age),
                    title=title.format(**values)[:200],
                    text=text.format(**values),
                    author=author,
                )
                entry._history_user = author
                entries.append(entry)
        bulk_create_with_history(entries, DossierEntry)
        self.counts["entries"] = len(entries)

    def _entry_values(self, sketch: AccountSketch, lang: str) -> dict[str, object]:
        rng = self.rng
        region_code, city, city_prep, city_en, _ = demo.CITIES[sketch.city_key]
        month = rng.randrange(12)
        warehouse_prep, warehouse_en = rng.choice(demo_entries.WAREHOUSES[region_code])
        carriers = [p.name for p in sketch.partners if p.kind == "logistics"] or [
            name for name, _ in demo.PARTNERS["logistics"]
        ]
        contact = rng.choice(sketch.contacts)
        # A personal note repeats what the contact card says, when it says something.
        interest_ru, interest_en = next(
            (pair for pair in demo_people.INTERESTS if contact.interests in pair), rng.choice(demo_people.INTERESTS)
        )
        return {
            "name": sketch.account.name,
            "profile": demo.INDUSTRY_PROFILE[sketch.industry][lang == "en"].format(**sketch.facts),
            "city": city,
            "city_prep": city_prep,
            "city_en": city_en,
            "month_prep": demo_entries.MONTHS_PREP[month],
            "month_gen": demo_entries.MONTHS_GEN[month],
            "month_en": demo_entries.MONTHS_EN[month],
            "share": rng.randint(15, 70),
            "days": sketch.facts["days"],
            "pct": rng.randint(3, 18),
            "amount": rng.randint(3, 60),
            "area": rng.randrange(8000, 40000, 500),
            "volume": rng.randint(200, 2000),
            "competitor": rng.choice(demo.COMPETITORS),
            "partner": rng.choice(sketch.partners).name,
            "carrier": rng.choice(carriers),
            "contact": contact.full_name,
            "marketplace": rng.choice(demo.MARKETPLACES),
            "warehouse_prep": warehouse_prep,
            "warehouse_en": warehouse_en,
            "interest_ru": interest_ru,
            "interest_en": interest_en,
        }
