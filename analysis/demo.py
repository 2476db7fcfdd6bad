"""The demo's assessments and results: two or three assessments over the past year and a half
for most accounts (so the trends and the matrix's arrows show), and three years of results.

Deterministic given `rng`; scores drift from a per-account profile, so a client stays
recognisable from one assessment to the next while some move across quadrants.
"""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from analysis import scoring
from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion, Dimension

NEVER_ASSESSED_EVERY = 7  # one account in seven is left unassessed, as in real portfolios
COMMENTS = {
    "image": "Well known in the region; trade press coverage this year.",
    "logistics": "Own warehouse, but late deliveries in peak season.",
    "orders": "Orders weekly since the spring.",
    "competitors": "Also buys film from two competitors.",
}


def _clamp(value: float) -> int:
    return max(1, min(10, round(value)))


def build_assessments(*, accounts: Sequence, users: Mapping | Sequence, rng: Random, today: date) -> int:
    """Create the demo's assessments (by each account's owner) and results per year; returns
    the number of assessments made. `users` is accepted for symmetry with the other builders:
    the assessor is the account's owner."""
    criteria = list(Criterion.objects.filter(active=True).order_by("dimension", "position"))
    if not criteria:
        return 0
    assessments: list[Assessment] = []
    pending_scores: list[list[AssessmentScore]] = []
    results: list[AccountResult] = []
    for index, account in enumerate(accounts):
        _results(account, rng, today, results)
        if index % NEVER_ASSESSED_EVERY == NEVER_ASSESSED_EVERY - 1:
            continue
        base = {Dimension.COMPETITIVENESS: rng.uniform(2.5, 9), Dimension.SALES_INTEREST: rng.uniform(2.5, 9)}
        trend = {Dimension.COMPETITIVENESS: rng.uniform(-1.2, 1.5), Dimension.SALES_INTEREST: rng.uniform(-1.5, 1.8)}
        count = rng.choice((2, 3, 3))
        for step in range(count):
            days_ago = (count - 1 - step) * rng.randint(150, 200) + rng.randint(3, 40)
            scores = []
            for criterion in criteria:
                centre = base[criterion.dimension] + trend[criterion.dimension] * step
                value = _clamp(centre + rng.uniform(-1.6, 1.6))
                comment = COMMENTS.get(criterion.code, "") if step == count - 1 and rng.random() < 0.5 else ""
                scores.append(
                    AssessmentScore(
                        criterion=criterion,
                        dimension=criterion.dimension,
                        name=criterion.name,
                        weight=criterion.weight,
                        position=criterion.position,
                        value=value,
                        comment=comment,
                    )
                )
            totals = {
                dimension: scoring.weighted_total(
                    scoring.Weighted(s.value, s.weight) for s in scores if s.dimension == dimension
                )
                for dimension in Dimension
            }
            assessments.append(
                Assessment(
                    account=account,
                    assessed_on=today - timedelta(days=days_ago),
                    by=account.owner,
                    competitiveness=totals[Dimension.COMPETITIVENESS],
                    sales_interest=totals[Dimension.SALES_INTEREST],
                    notes="Annual review with the account team." if step == count - 1 else "",
                )
            )
            pending_scores.append(scores)
    Assessment.objects.bulk_create(assessments)
    for assessment, scores in zip(assessments, pending_scores, strict=True):
        for score in scores:
            score.assessment = assessment
    AssessmentScore.objects.bulk_create(score for scores in pending_scores for score in scores)
    AccountResult.objects.bulk_create(results)
    return len(assessments)


def _results(account, rng: Random, today: date, results: list[AccountResult]) -> None:
    """Three finished years of turnover, profit and the client's estimated total purchases."""
    turnover = Decimal(rng.randrange(8, 160)) * 250_000
    share = Decimal(str(rng.uniform(0.12, 0.6)))
    for year in range(today.year - 3, today.year):
        turnover = (turnover * Decimal(str(rng.uniform(0.85, 1.3)))).quantize(Decimal("1000"))
        margin = Decimal(str(rng.uniform(0.08, 0.24)))
        share = min(Decimal("0.95"), max(Decimal("0.05"), share + Decimal(str(rng.uniform(-0.06, 0.08)))))
        results.append(
            AccountResult(
                account=account,
                year=year,
                turnover=turnover,
                profit=(turnover * margin).quantize(Decimal("1000")),
                client_total_purchases=(turnover / share).quantize(Decimal("1000")),
                updated_by=account.owner,
            )
        )
