"""The demo's catalogue, competitors and three years of actual sales (loaded by `manage.py seed_demo`).

A packaging supplier's catalogue: seven product groups, 28 products with their ERP codes and
units; six competitors (the ones the demo dossiers mention) with their products. For every
demo account that is a customer (not a prospect), 36 months of sales up to last month: each
account buys only some groups (the rest is whitespace), with the group's seasonality, a trend
of its own (growing accounts win new groups, declining ones lose a group to a competitor) and
prices that rise with inflation; revenue = volume × the account's price, margin 8–25 % of it.
Prospects buy nothing from us; competitors are recorded where they supply an account.

Deterministic given `rng` and `today`. The catalogue is created if missing and reused
otherwise (a reset deletes the accounts, whose sales and competitor records cascade, and keeps
the catalogue); sales and competitor records are written with bulk_create.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from random import Random

from accounts.demo import COMPETITORS, lang_of
from accounts.models import Account
from planning.models import Competitor, CompetitorPresence, CompetitorProduct, Product, ProductGroup, SalesRecord

MONTHS = 36
BATCH = 2000

# code, name, how strongly the group follows the year's seasonality (1 = as SEASON, 0 = flat)
GROUPS = [
    ("stretch-film", "Stretch film", 1.0),
    ("corrugated-boxes", "Corrugated boxes", 1.5),
    ("labels", "Labels and ribbons", 1.0),
    ("tapes", "Packaging tapes", 1.3),
    ("pallets", "Pallets", 0.5),
    ("strapping", "Strapping", 0.7),
    ("protective", "Protective packaging", 1.6),
]
# The groups every customer starts from: what the dossiers say clients buy from us.
CORE_GROUPS = ["stretch-film", "corrugated-boxes", "labels"]
# January holidays, a May dip, the run-up to the new year.
SEASON = [0.74, 0.9, 1.0, 1.02, 0.9, 0.97, 0.94, 0.98, 1.05, 1.1, 1.14, 1.22]

# group, ERP code, name, unit, price per unit (RUB, three years ago), monthly volume of a
# mid-sized client, margin (% of revenue before the account's discount)
PRODUCTS = [
    ("stretch-film", "SF-17-500M", "Machine stretch film 17 µm, 500 mm", "kg", 182, 900, 16),
    ("stretch-film", "SF-20-500H", "Hand stretch film 20 µm, 500 mm", "kg", 196, 450, 19),
    ("stretch-film", "SF-23-PRE", "Pre-stretched film 23 µm", "kg", 238, 300, 22),
    ("stretch-film", "SF-25-BLK", "Black UV-stable stretch film 25 µm", "kg", 264, 120, 24),
    ("corrugated-boxes", "CB-0201-S", "Box FEFCO 0201, 300×200×200, T23", "pcs", 31, 9000, 14),
    ("corrugated-boxes", "CB-0201-M", "Box FEFCO 0201, 400×300×300, T24", "pcs", 48, 6000, 15),
    ("corrugated-boxes", "CB-0201-L", "Box FEFCO 0201, 600×400×400, P32", "pcs", 79, 2500, 13),
    ("corrugated-boxes", "CB-0427-E", "E-commerce mailer FEFCO 0427", "pcs", 36, 7000, 18),
    ("corrugated-boxes", "CB-PRINT-2C", "Printed box, two colours", "pcs", 92, 1800, 21),
    ("labels", "LB-TT-100150", "Thermal transfer labels 100×150, 500/roll", "roll", 640, 140, 23),
    ("labels", "LB-DT-5840", "Direct thermal labels 58×40, 1,000/roll", "roll", 248, 260, 20),
    ("labels", "LB-SSCC-A5", "SSCC pallet labels A5, 500/roll", "roll", 910, 60, 25),
    ("labels", "RB-WAX-110", "Wax ribbon 110 mm × 300 m", "roll", 430, 90, 17),
    ("tapes", "TP-ACR-4866", "Acrylic tape 48 mm × 66 m", "roll", 58, 1500, 12),
    ("tapes", "TP-HM-4866", "Hot-melt tape 48 mm × 66 m", "roll", 71, 900, 14),
    ("tapes", "TP-PRT-4866", "Printed tape with the client's logo", "roll", 118, 600, 22),
    ("tapes", "TP-PPR-5050", "Reinforced paper tape 50 mm × 50 m", "roll", 164, 200, 18),
    ("pallets", "PL-EUR-NEW", "Euro pallet 1200×800, new", "pcs", 640, 400, 10),
    ("pallets", "PL-IND-1210", "Industrial pallet 1200×1000", "pcs", 760, 250, 9),
    ("pallets", "PL-EUR-REP", "Euro pallet 1200×800, repaired", "pcs", 370, 350, 12),
    ("pallets", "PL-HDPE-1208", "Plastic pallet HDPE 1200×800", "pcs", 2850, 30, 15),
    ("strapping", "ST-PP-1208", "PP strapping 12 mm × 0.8 mm", "coil", 1390, 25, 13),
    ("strapping", "ST-PET-1606", "PET strapping 16 mm × 0.6 mm", "coil", 3150, 18, 11),
    ("strapping", "ST-SEAL-16", "Metal seals 16 mm, 1,000/box", "box", 1120, 8, 20),
    ("protective", "PR-BUB-1500", "Bubble wrap 1.5 m, two-layer", "m²", 22, 4000, 19),
    ("protective", "PR-AIR-200", "Air cushion film 200×100", "roll", 1480, 20, 24),
    ("protective", "PR-EDGE-35", "Cardboard edge protector 35×35×1200", "pcs", 19, 3000, 16),
    ("protective", "PR-FOAM-2", "Foam sheet 2 mm, 1 m × 100 m", "roll", 890, 30, 17),
]
# Units sold in whole pieces; the others (kg, m²) to a tenth.
WHOLE_UNITS = {"pcs", "roll", "coil", "box"}

# Each competitor's products: (name, group).
COMPETITOR_PRODUCTS = {
    "ПромУпак": [("ПромСтрейч 20", "stretch-film"), ("Короб ПУ-0201", "corrugated-boxes")],
    "Nordpack": [
        ("Nordpack StretchPro", "stretch-film"),
        ("Nordpack Tape 48", "tapes"),
        ("Nordstrap PET", "strapping"),
    ],
    "ТехноПак": [("ТехноЛента 48", "tapes"), ("Этикетка ТП 100×150", "labels")],
    "Delta Supply": [("Delta Pallet EUR", "pallets"), ("Delta Bubble", "protective")],
    "ВолгаТара": [("Гофрокороб ВТ", "corrugated-boxes"), ("Поддон ВТ 1200", "pallets")],
    "PackLine": [("PackLine Labels", "labels"), ("PackLine Air", "protective"), ("PackLine Strap PP", "strapping")],
}
COMPETITOR_NOTES = {
    "Стратегия": "Основной поставщик упаковки; мы пока не в списке участников тендера.",
    "Strategy": "Their main packaging supplier today; we are not yet invited to the tender.",
}
PRESENCE_NOTES = {
    "ru": ["Цена ниже нашей на {pct}%.", "Поставляет по рамочному договору до конца года.", "Работают давно, лоялен."],
    "en": ["About {pct}% cheaper than us.", "Frame contract until the end of the year.", "Long-standing supplier."],
}

# Group counts (inclusive) by tier, and the size of an account against a mid-sized one.
GROUPS_BY_TIER = {"A": (4, 7), "B": (2, 5), "C": (1, 3)}
SIZE_BY_TIER = {"A": 3.0, "B": 1.0, "C": 0.35}
DISCOUNT_BY_TIER = {"A": (6, 10), "B": (2, 6), "C": (0, 3)}
MONTHLY_INFLATION = 1.006


@dataclass
class Trend:
    """An account's story over the three years: yearly growth, groups won late or lost."""

    growth: float  # per year, e.g. 0.2 = +20 %
    won_from: int | None = None  # month index from which a new group is bought
    lost_after: int | None = None  # month index after which a group is no longer bought


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the `count` months before today's month, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(date(year, month, 1))
    return months[::-1]


def build_catalogue() -> dict[str, list[Product]]:
    """The product groups, products and competitors, created where missing; the products by
    group code."""
    groups = {}
    for position, (code, name, _amplitude) in enumerate(GROUPS, start=1):
        groups[code] = ProductGroup.objects.get_or_create(code=code, defaults={"name": name, "position": position})[0]
    existing = {product.code: product for product in Product.objects.filter(code__in=[p[1] for p in PRODUCTS])}
    Product.objects.bulk_create(
        [
            Product(code=code, name=name, group=groups[group], unit=unit)
            for group, code, name, unit, *_rest in PRODUCTS
            if code not in existing
        ]
    )
    products = {product.code: product for product in Product.objects.filter(code__in=[p[1] for p in PRODUCTS])}
    for name in COMPETITORS:
        competitor = Competitor.objects.get_or_create(name=name)[0]
        for product_name, group in COMPETITOR_PRODUCTS[name]:
            CompetitorProduct.objects.get_or_create(
                competitor=competitor, name=product_name, defaults={"group": groups[group]}
            )
    by_group: dict[str, list[Product]] = {code: [] for code, *_rest in GROUPS}
    for group, code, *_rest in PRODUCTS:
        by_group[group].append(products[code])
    return by_group


def build_sales_demo(*, accounts: Sequence[Account], rng: Random, today: date) -> Counter:
    """The catalogue, then the sales and competitor records of `accounts` (saved, with owner,
    status and tier). Returns the counts written: products, competitors, sales_records,
    competitor_presences."""
    counts: Counter = Counter()
    before = Product.objects.count(), Competitor.objects.count()
    by_group = build_catalogue()
    counts["products"] = Product.objects.count() - before[0]
    counts["competitors"] = Competitor.objects.count() - before[1]
    competitors = list(Competitor.objects.filter(name__in=COMPETITORS).order_by("name"))
    group_ids = {group.code: group.pk for group in ProductGroup.objects.filter(code__in=by_group)}
    months = month_starts(today)
    records: list[SalesRecord] = []
    presences: list[CompetitorPresence] = []
    for account in accounts:
        lang = lang_of(account.name)
        if account.status == Account.Status.PROSPECT:
            presences.extend(_prospect_presences(account, competitors, group_ids, rng, lang))
            continue
        trend = account_trend(account.status, rng)
        bought = _groups(account.tier, rng)
        not_bought = [code for code in by_group if code not in bought]
        won = lost = None
        if trend.won_from is not None and not_bought:
            won = rng.choice(not_bought)
            not_bought.remove(won)
        if trend.lost_after is not None and len(bought) > 1:
            lost = rng.choice(bought[1:])
        for code in [*bought, *([won] if won else [])]:
            first = trend.won_from if code == won else 0
            last = trend.lost_after if code == lost else MONTHS - 1
            records.extend(_group_sales(account, code, by_group[code], months, first, last, trend, rng))
        # Competitors where we sell nothing, where we lost the group, and now and then
        # beside us in a group we share.
        where = rng.sample(not_bought, min(len(not_bought), rng.randint(0, 2)))
        if lost:
            where.append(lost)
        if rng.random() < 0.25:
            where.append(rng.choice(bought))
        taken = set()
        for code in where:
            competitor = rng.choice(competitors)
            if (competitor.pk, code) in taken:
                continue
            taken.add((competitor.pk, code))
            presences.append(_presence(account, competitor, group_ids[code], rng, lang))
    SalesRecord.objects.bulk_create(records, batch_size=BATCH)
    CompetitorPresence.objects.bulk_create(presences, batch_size=BATCH)
    counts["sales_records"] = len(records)
    counts["competitor_presences"] = len(presences)
    return counts


def account_trend(status: str, rng: Random) -> Trend:
    """Accounts at risk slip and lose a group; dormant ones fall steeply; of the active ones
    about half grow (most of those win a new group), the others hold steady."""
    if status == Account.Status.AT_RISK:
        return Trend(growth=rng.uniform(-0.3, -0.12), lost_after=rng.randint(24, 30))
    if status in (Account.Status.DORMANT, Account.Status.LOST):
        return Trend(growth=rng.uniform(-0.5, -0.35), lost_after=rng.randint(18, 26))
    if rng.random() < 0.5:
        return Trend(growth=rng.uniform(0.08, 0.3), won_from=rng.randint(14, 26) if rng.random() < 0.6 else None)
    return Trend(growth=rng.uniform(-0.05, 0.06))


def _groups(tier: str, rng: Random) -> list[str]:
    """The groups an account buys, a core group first (it buys that one all three years)."""
    low, high = GROUPS_BY_TIER.get(tier, (2, 5))
    first = rng.choice(CORE_GROUPS)
    others = [code for code, *_rest in GROUPS if code != first]
    return [first, *rng.sample(others, rng.randint(low, high) - 1)]


def _group_sales(
    account: Account,
    group: str,
    products: list[Product],
    months: list[date],
    first: int,
    last: int,
    trend: Trend,
    rng: Random,
) -> list[SalesRecord]:
    amplitude = next(a for code, _name, a in GROUPS if code == group)
    # A group won late starts with one or two products.
    chosen = rng.sample(products, rng.randint(1, 2 if first else len(products)))
    low, high = DISCOUNT_BY_TIER.get(account.tier, (2, 6))
    discount = rng.uniform(low, high)
    size = SIZE_BY_TIER.get(account.tier, 1.0) * rng.uniform(0.6, 1.5)
    rows = []
    for product in chosen:
        _group, _code, _name, unit, price, volume, margin = next(p for p in PRODUCTS if p[1] == product.code)
        share = rng.uniform(0.4, 1.2)
        for index in range(first, last + 1):
            month = months[index]
            ramp = min(1.0, 0.35 + 0.2 * (index - first)) if first else 1.0
            fade = 0.5 if index == last and last < MONTHS - 1 else 1.0
            amount = (
                volume
                * size
                * share
                * SEASON[month.month - 1] ** amplitude
                * (1 + trend.growth) ** (index / 12)
                * ramp
                * fade
                * rng.uniform(0.88, 1.12)
            )
            quantity = Decimal(max(1, round(amount))) if unit in WHOLE_UNITS else Decimal(f"{max(0.1, amount):.1f}")
            unit_price = price * MONTHLY_INFLATION**index * (1 - discount / 100) * rng.uniform(0.98, 1.02)
            revenue = (quantity * Decimal(f"{unit_price:.4f}")).quantize(Decimal("0.01"))
            percent = min(25.0, max(8.0, margin - discount * 0.6 + rng.uniform(-1.5, 1.5)))
            rows.append(
                SalesRecord(
                    account=account,
                    product=product,
                    month=month,
                    volume=quantity.quantize(Decimal("0.001")),
                    revenue=revenue,
                    margin=(revenue * Decimal(f"{percent / 100:.4f}")).quantize(Decimal("0.01")),
                )
            )
    return rows


def _presence(account: Account, competitor: Competitor, group_id: int | None, rng: Random, lang: str):
    note = rng.choice(PRESENCE_NOTES[lang]).format(pct=rng.randint(3, 12))
    return CompetitorPresence(
        account=account, competitor=competitor, group_id=group_id, notes=note, recorded_by_id=account.owner_id
    )


def _prospect_presences(account, competitors, group_ids, rng: Random, lang: str) -> list[CompetitorPresence]:
    """A prospect's main supplier in general, and one or two competitors by group."""
    main = rng.choice(competitors)
    presences = [
        CompetitorPresence(
            account=account,
            competitor=main,
            notes=COMPETITOR_NOTES["Стратегия" if lang == "ru" else "Strategy"],
            recorded_by_id=account.owner_id,
        )
    ]
    for code in rng.sample(CORE_GROUPS, rng.randint(1, 2)):
        presences.append(_presence(account, rng.choice(competitors), group_ids[code], rng, lang))
    return presences
