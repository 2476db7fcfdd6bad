"""The client analysis at company scale: about nine accounts in ten assessed two or three
times over the last eighteen months, each assessment scoring every active criterion, and
three finished years of results for every account.

A step of bench.generate.STEPS, run after the dossier steps (it reads their accounts) and
before history and search_index (the analysis models keep no history and are not searched).
The criteria are the ones the database holds: the analysis data migration writes them and
the build's wipe leaves them (bench.generate.KEPT_MODELS); a database that lost them gets
the migration's defaults back. As the demo does (analysis.demo), each account's scores drift
from a profile of its own, so a client stays recognisable from one assessment to the next
while some move across quadrants; the stored totals come from analysis.scoring, as the app
computes them when an assessment is recorded.
"""

from __future__ import annotations

import importlib
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.apps import apps

from accounts.models import Account
from analysis import scoring
from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion, Dimension

if TYPE_CHECKING:
    from random import Random

    from bench.generate import Build

ASSESSED_SHARE = 0.9
ASSESSMENTS_PER_ACCOUNT = (2, 3)
# The latest assessment this many days back at most; the ones before it each 150–210 days
# earlier, so three fit in eighteen months (PERIOD_DAYS).
LATEST_DAYS_AGO = (3, 120)
INTERVAL_DAYS = (150, 210)
PERIOD_DAYS = 548
RESULT_YEARS = 3
# Where each tier's profile starts on the 1–10 scale (competitiveness, sales interest).
PROFILE_BY_TIER = {"A": ((5.0, 9.0), (5.0, 9.0)), "B": ((3.5, 8.0), (3.0, 8.5)), "C": ((2.5, 7.0), (2.0, 7.5))}
NOTES = {
    "ru": "Ежегодный разбор с командой клиента.",
    "en": "Annual review with the account team.",
}


def active_criteria() -> list[Criterion]:
    """The active criteria in the order the form shows them; the migration's defaults first
    if the table was emptied (it writes them with get_or_create, so this is a no-op when
    they are there)."""
    if not Criterion.objects.exists():
        defaults = importlib.import_module("analysis.migrations.0002_default_criteria")
        defaults.add_defaults(apps, None)
    return list(Criterion.objects.filter(active=True).order_by("dimension", "position", "pk"))


def _clamp(value: float) -> int:
    return max(1, min(10, round(value)))


def _days_ago(rng: Random, count: int) -> list[int]:
    """How many days back each of an account's assessments was made, oldest first."""
    days = [rng.randint(*LATEST_DAYS_AGO)]
    for _ in range(count - 1):
        days.append(days[-1] + rng.randint(*INTERVAL_DAYS))
    return sorted(days, reverse=True)


def build_assessments(build: Build) -> None:
    """Assessments by each account's owner with one score per active criterion (its name,
    weight and position copied, as analysis.services.assessment_record does) and the
    weighted totals; then the results per year."""
    rng = build.rng
    criteria = active_criteria()
    dimensions = [d for d in Dimension if any(c.dimension == d for c in criteria)]
    if len(dimensions) < len(Dimension):
        # An assessment needs a score in each dimension (its totals are NOT NULL).
        raise ValueError("the benchmark needs an active criterion of every dimension")
    assessments, scores = [], []
    for account in build.rows[Account]:
        if rng.random() >= ASSESSED_SHARE:
            continue
        lang = build.shared["accounts"][account["id"]]["lang"]
        competitiveness, interest = PROFILE_BY_TIER[account["tier"]]
        base = {
            Dimension.COMPETITIVENESS: rng.uniform(*competitiveness),
            Dimension.SALES_INTEREST: rng.uniform(*interest),
        }
        trend = {Dimension.COMPETITIVENESS: rng.uniform(-1.2, 1.5), Dimension.SALES_INTEREST: rng.uniform(-1.5, 1.8)}
        days = _days_ago(rng, rng.choice(ASSESSMENTS_PER_ACCOUNT))
        for step, days_ago in enumerate(days):
            pk = len(assessments) + 1
            values = [_clamp(base[c.dimension] + trend[c.dimension] * step + rng.uniform(-1.6, 1.6)) for c in criteria]
            totals = {
                dimension: scoring.weighted_total(
                    scoring.Weighted(value, c.weight)
                    for c, value in zip(criteria, values, strict=True)
                    if c.dimension == dimension
                )
                for dimension in Dimension
            }
            assessed_on = build.today - timedelta(days=days_ago)
            assessments.append(
                {
                    "id": pk,
                    "account_id": account["id"],
                    "assessed_on": assessed_on,
                    "by_id": account["owner_id"],
                    "notes": NOTES[lang] if step == len(days) - 1 else "",
                    "competitiveness": totals[Dimension.COMPETITIVENESS],
                    "sales_interest": totals[Dimension.SALES_INTEREST],
                    "created_at": build.moment(days_ago),
                }
            )
            scores.extend(
                {
                    "assessment_id": pk,
                    "criterion_id": c.pk,
                    "dimension": c.dimension,
                    "name": c.name,
                    "weight": c.weight,
                    "position": c.position,
                    "value": value,
                    "comment": "",
                    "suggested_value": None,
                    "suggestion_reason": "",
                }
                for c, value in zip(criteria, values, strict=True)
            )
    build.load(Assessment, assessments)
    # Ids left to the database: nothing refers to a score.
    build.load(AssessmentScore, scores, keep=False)
    build.load(AccountResult, _results(build))


def _results(build: Build) -> list[dict]:
    """Three finished years of turnover, profit and the client's estimated total purchases
    per account, entered by its owner early in the following year."""
    rng = build.rng
    rows = []
    for account in build.rows[Account]:
        turnover = Decimal(rng.randrange(8, 160)) * 250_000
        share = Decimal(str(rng.uniform(0.12, 0.6)))
        for year in range(build.today.year - RESULT_YEARS, build.today.year):
            turnover = (turnover * Decimal(str(rng.uniform(0.85, 1.3)))).quantize(Decimal("1000"))
            margin = Decimal(str(rng.uniform(0.08, 0.24)))
            share = min(Decimal("0.95"), max(Decimal("0.05"), share + Decimal(str(rng.uniform(-0.06, 0.08)))))
            entered = (build.today - build.today.replace(year=year + 1, month=1, day=15)).days
            rows.append(
                {
                    "id": len(rows) + 1,
                    "version": 1,
                    "account_id": account["id"],
                    "year": year,
                    "turnover": turnover,
                    "profit": (turnover * margin).quantize(Decimal("1000")),
                    "client_total_purchases": (turnover / share).quantize(Decimal("1000")),
                    "notes": "",
                    "updated_by_id": account["owner_id"],
                    "updated_at": build.moment(max(entered, 0)),
                }
            )
    return rows
