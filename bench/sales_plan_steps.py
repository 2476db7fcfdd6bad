"""This year's plans at company scale: sales plans for about half of the accounts that bought
last year and one for every region, with their approval history.

Step of bench.generate.STEPS, run after the sales step (the plans' baselines are last year's
sales records) and before history and search_index. The plans themselves are kept, so the
history step gives each its '+' row. Their lines are written in SQL: last year's sales per
account and product group go into a temporary table in one pass over the records, then one
INSERT … SELECT per kind of plan sums them per plan and group (as the app's plan_create
computes a baseline, planning.services.plans), and another writes the lines' '+' history
rows. Each line's target is its baseline grown by the plan's rate, staged as last year's
quarters were; the target is the sum of the rounded quarters, so they always add up. No page
reads the plans' history, nor searches them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection

from accounts.models import Account
from planning.models import (
    PlanTransition,
    Product,
    SalesPlan,
    SalesPlanLine,
    SalesRecord,
)

if TYPE_CHECKING:
    from random import Random

    from bench.generate import Build

Status = SalesPlan.Status
# Of the accounts that bought last year, the share with a sales plan for this year.
SALES_PLAN_SHARE = 0.5
# Weights of an account's plan status; the first plans take each status once, so all show.
STATUS_WEIGHTS = {Status.DRAFT: 25, Status.SUBMITTED: 25, Status.APPROVED: 40, Status.RETURNED: 10}
# Of the approved plans, those returned once before.
RETURNED_BEFORE_SHARE = 0.2
# A plan's growth on last year (a line's varies by up to ±4 points around it).
GROWTH = (0.92, 1.30)
REGIONAL_GROWTH = (1.02, 1.18)
# Plans are made in the first weeks of the year.
CREATED_WITHIN_DAYS = 45

METHODS = {
    "ru": [
        "Расширить ассортимент на новых складах клиента.",
        "Квартальный бонус за объём при выполнении плана.",
        "Совместное планирование закупок с отделом снабжения.",
        "Перевести клиента на годовой контракт с фиксированной ценой.",
        "Тестовая партия новой продукции и обучение персонала.",
        "Заменить поставки конкурента по результатам аудита упаковки.",
    ],
    "en": [
        "Extend the range to the client's new warehouses.",
        "Quarterly volume bonus once the plan is met.",
        "Joint purchase planning with the client's procurement.",
        "Move the client to an annual fixed-price contract.",
        "A trial batch of the new products and staff training.",
        "Replace the competitor's supply after the packaging audit.",
    ],
}
RETURN_COMMENTS = {
    "ru": [
        "Рост ниже региональной цели: пересмотрите цели по ключевым группам.",
        "Квартальная разбивка не учитывает сезонность, поправьте третий квартал.",
        "Опишите, за счёт чего будет достигнут рост.",
    ],
    "en": [
        "Growth is below the region's aim: revisit the main groups' targets.",
        "The quarters ignore the season: adjust the third quarter.",
        "Say what makes the growth reachable.",
    ],
}


def year_so_far(build: Build) -> tuple[date, int]:
    """The first day of this year, and how many days of it have passed."""
    year_start = date(build.today.year, 1, 1)
    return year_start, (build.today - year_start).days


def plan_created(build: Build, days_passed: int) -> tuple[datetime, int]:
    """When a plan was made (in the first weeks of the year), and the days since."""
    days_ago = build.rng.randint(max(0, days_passed - CREATED_WITHIN_DAYS), days_passed)
    return build.moment(days_ago), days_ago


def _statuses(rng: Random, count: int) -> list[str]:
    first = list(STATUS_WEIGHTS)
    rng.shuffle(first)
    rest = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=max(0, count - len(first)))
    return (first + rest)[:count]


def _path(status: str, rng: Random) -> list[str]:
    """The statuses a plan went through after draft to reach `status`."""
    if status == Status.DRAFT:
        return []
    if status == Status.SUBMITTED:
        return [Status.SUBMITTED]
    if status == Status.RETURNED:
        return [Status.SUBMITTED, Status.RETURNED]
    if rng.random() < RETURNED_BEFORE_SHARE:
        return [Status.SUBMITTED, Status.RETURNED, Status.SUBMITTED, Status.APPROVED]
    return [Status.SUBMITTED, Status.APPROVED]


def _sales_plan(build: Build, pk: int, *, status: str, author: int, approver: int, lang: str, transitions: list):
    """A plan row with its transitions appended to `transitions`: submitted by the author,
    decided by the approver, a few days or weeks apart, never after today."""
    rng = build.rng
    created, days_left = plan_created(build, year_so_far(build)[1])
    at, previous = created, Status.DRAFT
    path = _path(status, rng)
    for to in path:
        gap = min(days_left, rng.randint(2, 25))
        days_left -= gap
        # An hour at least between two steps, so the timeline keeps its order.
        at = at + timedelta(days=gap, hours=1)
        deciding = to in (Status.APPROVED, Status.RETURNED)
        transitions.append(
            {
                "id": len(transitions) + 1,
                "plan_id": pk,
                "from_status": previous,
                "to_status": to,
                "by_id": approver if deciding else author,
                "at": at,
                "comment": rng.choice(RETURN_COMMENTS[lang]) if to == Status.RETURNED else "",
            }
        )
        previous = to
    return {
        "id": pk,
        # Every transition saved the plan once more.
        "version": 1 + len(path),
        "year": build.today.year,
        "status": status,
        "author_id": author,
        "created_at": created,
        "updated_at": at,
        "_history_user_id": author,
    }


BASELINE_TABLE = "bench_last_year_by_group"


def _write_baseline(build: Build) -> None:
    """Last year's volume, revenue and revenue per quarter per account and product group, in a
    temporary table that the customers and both kinds of lines read: one pass over the
    records however many plans."""
    year = build.today.year - 1
    quote = connection.ops.quote_name
    record, product = quote(SalesRecord._meta.db_table), quote(Product._meta.db_table)
    quarters = ", ".join(
        f"coalesce(sum(s.revenue) FILTER (WHERE s.month >= %(q{n})s AND s.month < %(q{n + 1})s), 0) AS a{n}"
        for n in range(1, 5)
    )
    build.cursor.execute(f"DROP TABLE IF EXISTS {BASELINE_TABLE}")
    build.cursor.execute(
        f"CREATE TEMPORARY TABLE {BASELINE_TABLE} AS "  # noqa: S608 - a model's tables and constants
        f"SELECT s.account_id, p.group_id, sum(s.volume) AS volume, sum(s.revenue) AS revenue, {quarters} "
        f"FROM {record} s JOIN {product} p ON p.id = s.product_id "
        "WHERE s.month >= %(q1)s AND s.month < %(q5)s GROUP BY s.account_id, p.group_id",
        {**{f"q{n}": date(year, 3 * n - 2, 1) for n in range(1, 5)}, "q5": date(year + 1, 1, 1)},
    )


def _customers_last_year(build: Build) -> set[int]:
    """The accounts that bought last year."""
    build.cursor.execute(f"SELECT DISTINCT account_id FROM {BASELINE_TABLE}")  # noqa: S608 - a constant
    return {row[0] for row in build.cursor.fetchall()}


def _lines_sql(scope_join: str) -> str:
    """INSERT … SELECT of plan lines: per plan (`chosen`: plan, scope, growth, language) and
    product group, last year's volume, revenue and quarters summed over the scope's accounts
    (`scope_join` reaches BASELINE_TABLE as `b`); targets grown, quarters rounded, the target
    their sum."""
    line = connection.ops.quote_name(SalesPlanLine._meta.db_table)
    return f"""
        WITH chosen AS (
            SELECT * FROM unnest(%(plans)s::integer[], %(scopes)s::integer[], %(growth)s::numeric[], %(langs)s::text[])
                AS c (plan_id, scope_id, growth, lang)
        ), actual AS (
            SELECT c.plan_id, b.group_id, c.lang,
                   -- A line's growth differs from its plan's by up to four points either way.
                   c.growth + (mod(c.plan_id * 7 + b.group_id * 3, 9) - 4) / 100.0 AS g,
                   sum(b.volume) AS volume, sum(b.revenue) AS revenue,
                   sum(b.a1) AS a1, sum(b.a2) AS a2, sum(b.a3) AS a3, sum(b.a4) AS a4
            FROM chosen c {scope_join}
            GROUP BY c.plan_id, b.group_id, c.lang, c.growth
        ), staged AS (
            SELECT *, round(a1 * g, 2) AS t1, round(a2 * g, 2) AS t2, round(a3 * g, 2) AS t3, round(a4 * g, 2) AS t4
            FROM actual
        )
        INSERT INTO {line} (version, plan_id, group_id, product_id, baseline_volume, baseline_revenue,
                            target_volume, target_revenue, q1_revenue, q2_revenue, q3_revenue, q4_revenue, method)
        SELECT 1, plan_id, group_id, NULL, volume, revenue, round(volume * g, 3), t1 + t2 + t3 + t4, t1, t2, t3, t4,
               CASE WHEN mod(plan_id + group_id, 3) = 0 THEN ''
                    WHEN lang = 'ru' THEN (%(methods_ru)s::text[])[1 + mod(plan_id * 31 + group_id, %(methods)s)]
                    ELSE (%(methods_en)s::text[])[1 + mod(plan_id * 31 + group_id, %(methods)s)] END
        FROM staged
        ORDER BY plan_id, group_id
    """  # noqa: S608


def _write_lines(build: Build, plans: list[dict], scope_join: str) -> None:
    build.execute(
        SalesPlanLine,
        _lines_sql(scope_join),
        {
            "plans": [plan["id"] for plan in plans],
            "scopes": [plan["_scope"] for plan in plans],
            "growth": [plan["_growth"] for plan in plans],
            "langs": [plan["_lang"] for plan in plans],
            "methods_ru": METHODS["ru"],
            "methods_en": METHODS["en"],
            "methods": len(METHODS["ru"]),
        },
    )


def build_sales_plans(build: Build) -> None:
    """This year's sales plans: for about half of last year's customers (by the account's
    owner, decided by the region's director) and for every region (by its director, decided
    by the director of all regions), each with one line per product group bought last year."""
    rng = build.rng
    directors: dict[int, int] = build.shared["directors"]
    director_all: int = build.shared["director_all"]
    _write_baseline(build)
    customers = _customers_last_year(build)
    accounts = [a for a in build.rows[Account] if a["id"] in customers and rng.random() < SALES_PLAN_SHARE]
    plans, transitions = [], []
    for account, status in zip(accounts, _statuses(rng, len(accounts)), strict=True):
        lang = build.shared["accounts"][account["id"]]["lang"]
        plan = _sales_plan(
            build,
            len(plans) + 1,
            status=status,
            author=account["owner_id"],
            approver=directors[account["region_id"]],
            lang=lang,
            transitions=transitions,
        )
        plan.update(account_id=account["id"], region_id=None, _scope=account["id"], _lang=lang)
        plan["_growth"] = Decimal(str(round(rng.uniform(*GROWTH), 3)))
        plans.append(plan)
    per_account = len(plans)
    regional_statuses = [Status.APPROVED, Status.SUBMITTED, Status.DRAFT, Status.RETURNED]
    for n, (region_id, director) in enumerate(sorted(directors.items())):
        plan = _sales_plan(
            build,
            len(plans) + 1,
            status=regional_statuses[n % len(regional_statuses)],
            author=director,
            approver=director_all,
            lang="ru",
            transitions=transitions,
        )
        plan.update(account_id=None, region_id=region_id, _scope=region_id, _lang="ru")
        plan["_growth"] = Decimal(str(round(rng.uniform(*REGIONAL_GROWTH), 3)))
        plans.append(plan)
    build.load(SalesPlan, plans)
    build.load(PlanTransition, transitions)
    account_table = connection.ops.quote_name(Account._meta.db_table)
    _write_lines(build, plans[:per_account], f"JOIN {BASELINE_TABLE} b ON b.account_id = c.scope_id")
    _write_lines(
        build,
        plans[per_account:],
        f"JOIN {account_table} a ON a.region_id = c.scope_id JOIN {BASELINE_TABLE} b ON b.account_id = a.id",
    )
    build.cursor.execute(f"DROP TABLE {BASELINE_TABLE}")
    _write_line_history(build)


def _write_line_history(build: Build) -> None:
    """The '+' history row of every line, dated and authored as its plan's creation."""
    historical = SalesPlanLine.history.model
    columns = [
        f.column for f in historical._meta.concrete_fields if f.attname != "history_id" and "history" not in f.attname
    ]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    selected = ", ".join(f"l.{quote(c)}" for c in columns)
    line, plan = quote(SalesPlanLine._meta.db_table), quote(SalesPlan._meta.db_table)
    build.execute(
        historical,
        f"INSERT INTO {quote(historical._meta.db_table)} ({names}, history_date, history_change_reason, "  # noqa: S608
        f"history_type, history_user_id) SELECT {selected}, p.created_at, NULL, '+', p.author_id "
        f"FROM {line} l JOIN {plan} p ON p.id = l.plan_id ORDER BY l.id",
    )
