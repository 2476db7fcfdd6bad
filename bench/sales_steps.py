"""The catalogue and the actual sales at company scale (DESIGN §6): 7 product groups, 196
products, 12 competitors with their products and where they supply the accounts, and about
2,000,000 sales records (three years up to last month × 2,000 accounts × some 40 products
each, sparse: not every product every month).

Each function is a step of bench.generate.STEPS, run after the dossier steps (it reads their
accounts). The catalogue is kept (`keep=True`); the sales records are generated account by
account and streamed straight into COPY (`keep=False`), never held in memory. Records follow
planning/demo.py: the group's seasonality, a trend per account (growing, steady, declining
with the account's status), list prices rising with inflation less the account's discount,
and a margin of 8–25 % of the revenue. Prospects buy nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from accounts.demo import COMPETITORS
from accounts.models import Account
from planning import demo
from planning.models import (
    Competitor,
    CompetitorPresence,
    CompetitorProduct,
    Product,
    ProductGroup,
    SalesRecord,
    SalesSummary,
    SalesYearSummary,
)

if TYPE_CHECKING:
    from bench.generate import Build

# Variants of each demo product: 28 × 7 = 196 products.
VARIANTS = [("", 1.0), ("XS", 0.7), ("S", 0.85), ("L", 1.2), ("XL", 1.45), ("eco", 0.92), ("premium", 1.3)]
MORE_COMPETITORS = ["Упак-Сервис", "EuroWrap", "СибТара", "UralPack", "Flexo Lines", "Гофра-Юг"]
# Products an account buys (inclusive ranges), and the groups they come from, by tier.
PRODUCTS_BY_TIER = {"A": (60, 80), "B": (38, 54), "C": (16, 32)}
GROUPS_BY_TIER = {"A": (5, 7), "B": (3, 6), "C": (1, 4)}
# How often a product an account buys is bought in a given month.
MONTHLY_PURCHASE = (0.75, 1.0)
PRESENCE_SHARE = 0.4


def build_catalogue(build: Build) -> None:
    """Product groups and products (variants of the demo's), competitors and their products,
    and the competitors present at some of the accounts, in groups they mostly do not buy
    from us."""
    rng = build.rng
    groups = [
        {"id": i, "code": code, "name": name, "position": i}
        for i, (code, name, _amplitude) in enumerate(demo.GROUPS, start=1)
    ]
    build.load(ProductGroup, groups)
    group_ids = {group["code"]: group["id"] for group in groups}
    products, facts = [], {}
    for group, code, name, unit, price, volume, margin in demo.PRODUCTS:
        for suffix, factor in VARIANTS:
            product_id = len(products) + 1
            products.append(
                {
                    "id": product_id,
                    "code": f"{code}-{suffix.upper()}" if suffix else code,
                    "name": f"{name}, {suffix}" if suffix else name,
                    "group_id": group_ids[group],
                    "unit": unit,
                    "active": True,
                }
            )
            facts[product_id] = (group, unit in demo.WHOLE_UNITS, price * factor, volume / factor, margin)
    build.load(Product, products)
    build.shared["products"] = facts
    names = [*COMPETITORS, *MORE_COMPETITORS]
    build.load(Competitor, [{"id": i, "name": name, "notes": ""} for i, name in enumerate(names, start=1)])
    offers = []
    for competitor_id, name in enumerate(names, start=1):
        for group in rng.sample(list(group_ids), rng.randint(2, 4)):
            offers.append(
                {
                    "id": len(offers) + 1,
                    "competitor_id": competitor_id,
                    "name": f"{name} {group.replace('-', ' ')}",
                    "group_id": group_ids[group],
                }
            )
    build.load(CompetitorProduct, offers)
    presences = []
    for account in build.rows[Account]:
        if rng.random() > PRESENCE_SHARE:
            continue
        for competitor_id, group in {
            (rng.randint(1, len(names)), rng.choice(list(group_ids))) for _ in range(rng.randint(1, 3))
        }:
            presences.append(
                {
                    "id": len(presences) + 1,
                    "account_id": account["id"],
                    "competitor_id": competitor_id,
                    "group_id": group_ids[group],
                    "notes": "",
                    "recorded_by_id": account["owner_id"],
                    "updated_at": build.moment(rng.randint(0, 700)),
                }
            )
    build.load(CompetitorPresence, presences)


def build_sales(build: Build) -> None:
    """About 1,000 records per customer account, streamed into COPY."""
    build.load(SalesRecord, _sales(build), keep=False)


def _sales(build: Build) -> Iterator[dict]:
    rng = build.rng
    months = demo.month_starts(build.today)
    facts: dict[int, tuple] = build.shared["products"]
    by_group: dict[str, list[int]] = {}
    for product_id, (group, *_rest) in facts.items():
        by_group.setdefault(group, []).append(product_id)
    amplitude = {code: a for code, _name, a in demo.GROUPS}
    inflation = [demo.MONTHLY_INFLATION**index for index in range(len(months))]
    for account in build.rows[Account]:
        if account["status"] == Account.Status.PROSPECT:
            continue
        tier = account["tier"]
        trend = demo.account_trend(account["status"], rng)
        growth = [(1 + trend.growth) ** (index / 12) for index in range(len(months))]
        groups = rng.sample(list(by_group), rng.randint(*GROUPS_BY_TIER[tier]))
        pool = [product_id for group in groups for product_id in by_group[group]]
        chosen = rng.sample(pool, min(len(pool), rng.randint(*PRODUCTS_BY_TIER[tier])))
        low, high = demo.DISCOUNT_BY_TIER[tier]
        discount = 1 - rng.uniform(low, high) / 100
        size = demo.SIZE_BY_TIER[tier] * rng.uniform(0.6, 1.5) / 4
        account_id = account["id"]
        for product_id in chosen:
            group, whole, price, volume, margin = facts[product_id]
            season = [demo.SEASON[month.month - 1] ** amplitude[group] for month in months]
            base = volume * size * rng.uniform(0.4, 1.2)
            percent = min(0.25, max(0.08, (margin - (1 - discount) * 60 + rng.uniform(-1.5, 1.5)) / 100))
            unit_price = price * discount
            # Most products are bought throughout; some start late, some stop early.
            first = 0 if rng.random() < 0.8 else rng.randint(6, 30)
            last = len(months) - 1 if rng.random() < 0.85 else rng.randint(first, len(months) - 1)
            chance = rng.uniform(*MONTHLY_PURCHASE)
            random = rng.random
            for index in range(first, last + 1):
                if random() > chance:
                    continue
                amount = base * season[index] * growth[index] * (0.88 + 0.24 * random())
                quantity = max(1, round(amount)) if whole else max(0.1, round(amount, 1))
                revenue = round(quantity * unit_price * inflation[index], 2)
                yield {
                    "account_id": account_id,
                    "product_id": product_id,
                    "month": months[index],
                    "volume": f"{quantity:.3f}",
                    "revenue": f"{revenue:.2f}",
                    "margin": f"{revenue * percent:.2f}",
                }


def build_sales_summary(build: Build) -> None:
    """The monthly and yearly sales summaries that the dashboard reads, built as the nightly
    job builds them (an INSERT … SELECT each)."""
    from planning.summary import rebuild_sales_summary

    refresh = rebuild_sales_summary()
    written = {SalesSummary: refresh.rows, SalesYearSummary: SalesYearSummary.objects.count()}
    for model, rows in written.items():
        label = model._meta.label
        build.counts[label] = build.counts.get(label, 0) + rows
        if model not in build.loaded_models:
            build.loaded_models.append(model)
