"""`manage.py seed_demo`: the demo's users, regions and 40 key accounts with their dossiers,
their meetings and commitments (built by meetings/demo.py), and the catalogue, competitors and
three years of sales (built by planning/demo.py).

Deterministic (one seeded random.Random; dates relative to today, so stale contacts stay
stale) and idempotent: while user kam1 exists it does nothing, unless --reset deletes the demo
users and everything they own first. The tables live in accounts/demo.py.
"""

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts import demo
from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry, Industry
from analysis.demo import build_assessments
from kam.users.models import Department, User
from meetings.demo import MeetingsDemoBuilder, demo_meeting_ids
from meetings.packs.services import packs_prepare_annual
from planning.demo import build_sales_demo
from planning.demo_plans import build_plans_demo, demo_plan_ids
from planning.models import Region, SalesPlan
from planning.summary import rebuild_sales_summary

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


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


class Command(BaseCommand):
    help = (
        "Load deterministic demo data (users with the password 'demo', 40 key accounts with dossiers, "
        "meetings and commitments, a product catalogue and three years of sales)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo users and everything they own first, then load the demo again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        started = time.monotonic()
        if not reset and User.objects.filter(username=demo.SENTINEL_USERNAME).exists():
            self.stdout.write(
                f"Demo data is already loaded (user {demo.SENTINEL_USERNAME} exists); nothing to do. "
                "Use --reset to load it again."
            )
            return
        with transaction.atomic():
            removed = delete_demo_data() if reset else 0
            counts = DemoBuilder(rng=Random(demo.SEED), today=timezone.localdate()).build()
            # The dashboards read the monthly summary, not the records the demo just wrote.
            rebuild_sales_summary()
        indexed = rebuild_search_index()
        # What the daily job does: packs for the annual meetings of the coming week (rendered
        # here and now when no broker is configured, as when `make demo` seeds).
        packs = packs_prepare_annual()
        elapsed = time.monotonic() - started
        if removed:
            self.stdout.write(f"Removed the previous demo data ({removed} accounts).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {elapsed:.1f} s: {counts['users']} users, {counts['accounts']} accounts, "
                f"{counts['contacts']} contacts, {counts['partners']} business partners, "
                f"{counts['entries']} dossier entries, {counts['meetings']} meetings "
                f"({counts['topics']} agenda topics, {counts['targets']} negotiation targets, "
                f"{counts['checklist_items']} checklist items), {counts['commitments']} commitments "
                f"({counts['commitment_updates']} status changes), {counts['assessments']} assessments, "
                f"{counts['products']} products, {counts['competitors']} competitors "
                f"({counts['competitor_presences']} at accounts), {counts['sales_records']} sales records, "
                f"{counts['sales_plans']} sales plans ({counts['plan_lines']} lines, "
                f"{counts['plan_transitions']} approval steps), {counts['account_plans']} development plans "
                f"({counts['plan_stages']} stages)."
            )
        )
        if packs:
            self.stdout.write(f"{len(packs)} briefing packs for the annual meetings of the coming week.")
        if not indexed:
            self.stdout.write("The dossier search index was not rebuilt (accounts.search is not installed).")
        self.stdout.write(f"Log in as {', '.join(demo.DEMO_USERNAMES)} with the password '{demo.DEMO_PASSWORD}'.")


def delete_demo_data() -> int:
    """Delete the demo users, the accounts they own with their meetings and commitments, and
    what they wrote elsewhere, with the history of those records, so a reset starts from a
    clean slate. Regions, industries and departments stay: the demo reuses them, and other
    data may refer to them."""
    users = User.objects.filter(username__in=demo.DEMO_USERNAMES)
    accounts = Account.objects.filter(owner__in=users)
    entries = DossierEntry.objects.filter(Q(account__in=accounts) | Q(author__in=users))
    ids = {
        Account: list(accounts.values_list("pk", flat=True)),
        Contact: list(Contact.objects.filter(account__in=accounts).values_list("pk", flat=True)),
        BusinessPartner: list(BusinessPartner.objects.filter(account__in=accounts).values_list("pk", flat=True)),
        DossierEntry: list(entries.values_list("pk", flat=True)),
    }
    ids.update(demo_meeting_ids(account_ids=ids[Account]))
    ids.update(demo_plan_ids(account_ids=ids[Account], user_ids=list(users.values_list("pk", flat=True))))
    attachments = Attachment.objects.filter(Q(entry__in=ids[DossierEntry]) | Q(uploaded_by__in=users))
    for attachment in attachments:
        attachment.file.delete(save=False)
    attachments.delete()
    DossierEntry.objects.filter(pk__in=ids[DossierEntry]).delete()
    Account.objects.filter(pk__in=ids[Account]).delete()
    # The regional plans the demo's directors wrote do not go with any account.
    SalesPlan.objects.filter(pk__in=ids[SalesPlan]).delete()
    users.delete()
    for model, pks in ids.items():
        model.history.model.objects.filter(id__in=pks).delete()
    return len(ids[Account])


def rebuild_search_index() -> bool:
    """Fill the dossier search index, when the search module is installed (bulk_create sends
    no signals, so the index does not follow the seed by itself)."""
    try:
        import accounts.search as search
    except ModuleNotFoundError as error:
        if error.name != "accounts.search":
            raise
        return False
    search.rebuild_index()
    return True


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
        self._contacts(sketches)
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
            lang = "ru" if CYRILLIC.search(name) else "en"
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

    # Contacts: the org chart, created top down so each level can point at the one above ----

    def _contacts(self, sketches: list[AccountSketch]) -> None:
        levels: list[list[Contact]] = [[], [], []]
        for index, sketch in enumerate(sketches):
            for level, contact in self._org_chart(sketch, pinned=index == 0):
                levels[level].append(contact)
                sketch.contacts.append(contact)
        # bulk_create reads each reports_to's primary key, saved with the level above.
        for contacts in levels:
            bulk_create_with_history(contacts, Contact)
            self.counts["contacts"] += len(contacts)

    def _org_chart(self, sketch: AccountSketch, *, pinned: bool) -> list[tuple[int, Contact]]:
        rng = self.rng
        en = sketch.lang == "en"
        size = rng.randint(3, 8)
        people = self._people(sketch, size, pinned=pinned)
        head_functions = demo.HEADS_BY_INDUSTRY[sketch.industry]
        n_heads = 1 if size <= 3 else 2 if size <= 5 else 3
        functions = head_functions[:1] + rng.sample(head_functions[1:], n_heads - 1)

        management = "Management" if en else "Руководство"
        ceo = self._contact(sketch, people.pop(0), rng.choice(demo.CEO_TITLES[sketch.lang]), management)
        ceo.influence = 5
        chart = [(0, ceo, "ceo")]
        heads = {}
        for function in functions:
            position, department, buying_role = demo.HEADS[function]
            head = self._contact(sketch, people.pop(0), position[en], department[en])
            head.reports_to = ceo
            head.buying_role = buying_role
            head.influence = rng.randint(3, 4)
            heads[function] = head
            chart.append((1, head, function))
        openings = [
            (function, position, can_champion)
            for function in ["ceo", *functions]
            for position, can_champion in demo.SPECIALISTS[function]
        ]
        rng.shuffle(openings)
        champion_candidates = []
        for function, position, can_champion in openings[: len(people)]:
            boss = ceo if function == "ceo" else heads[function]
            contact = self._contact(sketch, people.pop(0), position[en], boss.department)
            contact.reports_to = boss
            contact.buying_role = "gatekeeper" if function == "ceo" else rng.choice(["user", "user", "influencer"])
            contact.influence = rng.randint(1, 3)
            if can_champion:
                champion_candidates.append(contact)
            chart.append((2, contact, function))

        if sketch.lacks_decision_maker:
            ceo.buying_role = ""
        else:
            decision_maker = ceo if rng.random() < 0.6 else heads["purchasing"]
            decision_maker.buying_role = "decision_maker"
            decision_maker.influence = 5
            if decision_maker is not ceo:
                ceo.buying_role = "influencer"
        champion = None
        if not sketch.lacks_champion:
            candidates = champion_candidates or [h for h in heads.values() if h.buying_role != "decision_maker"]
            if candidates:
                champion = rng.choice(candidates)
                champion.buying_role = "champion"
                champion.influence = max(champion.influence, 3)

        status = sketch.account.status
        for level, contact, _function in chart:
            self._relationship(sketch, contact, level=level, champion=contact is champion)
        if status == "at_risk":
            # Someone senior argues against us: that is why the account is at risk.
            opponent = rng.choice([c for level, c, _ in chart if level == 1])
            if opponent is not champion:
                opponent.attitude = "opponent"
                opponent.relationship_level = min(opponent.relationship_level, 1)
        return [(level, contact) for level, contact, _ in chart]

    def _people(self, sketch: AccountSketch, size: int, *, pinned: bool) -> list[tuple[str, str]]:
        """Names for the account's contacts: Cyrillic at Russian clients, Latin at the others
        (some of them foreigners); no surname twice in one company."""
        rng = self.rng
        pinned_people = demo.PINNED_PEOPLE if pinned else []
        pinned_surnames = {surname for _, surname, _ in pinned_people}
        surnames = rng.sample([s for s in demo.SURNAMES if s not in pinned_surnames], size)
        foreigners = rng.sample(demo.FOREIGN_NAMES, size)
        people = []
        for i in range(size):
            if i < len(pinned_people):
                (first_ru, first_en), surname, gender = pinned_people[i]
            else:
                gender = "f" if rng.random() < 0.45 else "m"
                first_ru, first_en = rng.choice(demo.FEMALE_NAMES if gender == "f" else demo.MALE_NAMES)
                surname = surnames[i]
            last_ru = demo.feminine(surname) if gender == "f" else surname
            if sketch.lang == "ru":
                people.append((first_ru, last_ru))
            elif rng.random() < 0.4:
                people.append(foreigners[i])
            else:
                people.append((first_en, demo.translit(last_ru)))
        return people

    def _contact(self, sketch: AccountSketch, name: tuple[str, str], position: str, department: str) -> Contact:
        rng = self.rng
        first_name, last_name = name
        domain = re.sub(r"^https://www\.", "", sketch.account.website)
        local = f"{demo.translit(first_name)[0]}.{demo.translit(last_name)}".lower().replace(" ", "")
        contact = Contact(
            account=sketch.account,
            first_name=first_name,
            last_name=last_name,
            position=position,
            department=department,
            email=f"{local}@{domain}",
            phone=(
                f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
                if rng.random() < 0.7
                else ""
            ),
        )
        contact._history_user = sketch.account.owner
        if rng.random() < 0.4:
            contact.birthday = date(rng.randint(1964, 1993), rng.randint(1, 12), rng.randint(1, 28))
        lang = sketch.lang == "en"
        if rng.random() < 0.35:
            contact.interests = rng.choice(demo.INTERESTS)[lang]
        if rng.random() < 0.25:
            contact.preferences = rng.choice(demo.PREFERENCES)[lang]
        if rng.random() < 0.15:
            contact.personal_notes = rng.choice(demo.PERSONAL_NOTES)[lang]
        return contact

    def _relationship(self, sketch: AccountSketch, contact: Contact, *, level: int, champion: bool) -> None:
        rng = self.rng
        status = sketch.account.status
        if champion:
            contact.attitude = "supporter"
        else:
            weights = [1, 4, 3] if status == "at_risk" else [3, 5, 1]
            contact.attitude = rng.choices(["supporter", "neutral", "opponent"], weights=weights)[0]
        if champion:
            current = rng.randint(2, 3)
        elif contact.attitude == "opponent":
            current = rng.randint(0, 1)
        else:
            current = rng.randint(0, 2) if level < 2 else rng.randint(1, 2)
        if status == "prospect":
            current = min(current, 1)
        contact.relationship_level = current
        key = contact.buying_role in {"decision_maker", "economic_buyer", "champion"} or level == 0
        contact.relationship_aim = 3 if key else max(current, 2 if contact.influence >= 3 else 1)
        contact.relationship_owner = sketch.account.owner
        if sketch.team and level == 2 and rng.random() < 0.5:
            contact.relationship_owner = sketch.team[0]

        roll = rng.random()
        if roll < 0.06:
            contact.last_contacted = None
        elif status == "dormant" or roll < (0.45 if status == "at_risk" else 0.25):
            contact.last_contacted = self.today - timedelta(days=rng.randint(95, 420))
        else:
            contact.last_contacted = self.today - timedelta(days=rng.randint(1, 80))

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
        categories = list(demo.ENTRY_WEIGHTS)
        weights = list(demo.ENTRY_WEIGHTS.values())
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
                    title, text = demo.PROSPECT_OPENING[lang]
                else:
                    title, text = rng.choice(demo.ENTRIES[category][lang])
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
        warehouse_prep, warehouse_en = rng.choice(demo.WAREHOUSES[region_code])
        carriers = [p.name for p in sketch.partners if p.kind == "logistics"] or [
            name for name, _ in demo.PARTNERS["logistics"]
        ]
        contact = rng.choice(sketch.contacts)
        # A personal note repeats what the contact card says, when it says something.
        interest_ru, interest_en = next(
            (pair for pair in demo.INTERESTS if contact.interests in pair), rng.choice(demo.INTERESTS)
        )
        return {
            "name": sketch.account.name,
            "profile": demo.INDUSTRY_PROFILE[sketch.industry][lang == "en"].format(**sketch.facts),
            "city": city,
            "city_prep": city_prep,
            "city_en": city_en,
            "month_prep": demo.MONTHS_PREP[month],
            "month_gen": demo.MONTHS_GEN[month],
            "month_en": demo.MONTHS_EN[month],
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
