"""Writes of the client analysis. The caller has fetched the account through an editing
selector; each service checks the right again, as every write does."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from accounts.services.access import require_edit
from analysis import scoring
from analysis.models import SCORE_MAX, SCORE_MIN, AccountResult, Assessment, AssessmentScore, Criterion, Dimension
from analysis.suggestions import Suggestion
from kam.core.locking import save_versioned


@dataclass(frozen=True)
class ScoreInput:
    criterion: Criterion
    value: int
    comment: str = ""
    suggestion: Suggestion | None = None


def totals(scores: Sequence[ScoreInput]) -> dict[str, Decimal | None]:
    """The weighted total of each dimension, with the criteria's current weights."""
    return {
        dimension.value: scoring.weighted_total(
            scoring.Weighted(value=s.value, weight=s.criterion.weight)
            for s in scores
            if s.criterion.dimension == dimension
        )
        for dimension in Dimension
    }


def _check(scores: Sequence[ScoreInput], assessed_on: datetime.date) -> None:
    if assessed_on > timezone.localdate():
        raise ValidationError(_("An assessment cannot be dated in the future."), code="future")
    seen = set()
    for score in scores:
        if score.criterion.pk in seen:
            raise ValidationError(_("%(name)s is scored twice.") % {"name": score.criterion.name}, code="twice")
        seen.add(score.criterion.pk)
        if not SCORE_MIN <= score.value <= SCORE_MAX:
            raise ValidationError(_("Scores run from 1 to 10."), code="range")
        overridden = score.suggestion is not None and score.suggestion.value != score.value
        if overridden and not score.comment.strip():
            raise ValidationError(
                _("%(name)s: say in a comment why the score differs from the suggested one.")
                % {"name": score.criterion.name},
                code="override_without_comment",
            )
    for dimension in Dimension:
        if not any(s.criterion.dimension == dimension for s in scores):
            raise ValidationError(_("Score at least one %(dimension)s criterion.") % {"dimension": dimension.label})


@transaction.atomic
def assessment_record(
    *, by, account: Account, assessed_on: datetime.date, notes: str, scores: Sequence[ScoreInput]
) -> Assessment:
    """Record an assessment of the account: each score keeps the criterion's name and weight
    of today, and the totals are stored, so later changes to the criteria leave it as it was."""
    require_edit(by=by, account=account)
    _check(scores, assessed_on)
    dimension_totals = totals(scores)
    assessment = Assessment.objects.create(
        account=account,
        assessed_on=assessed_on,
        by=by,
        notes=notes,
        competitiveness=dimension_totals[Dimension.COMPETITIVENESS],
        sales_interest=dimension_totals[Dimension.SALES_INTEREST],
    )
    AssessmentScore.objects.bulk_create(
        AssessmentScore(
            assessment=assessment,
            criterion=score.criterion,
            dimension=score.criterion.dimension,
            name=score.criterion.name,
            weight=score.criterion.weight,
            position=score.criterion.position,
            value=score.value,
            comment=score.comment.strip(),
            suggested_value=score.suggestion.value if score.suggestion else None,
            suggestion_reason=score.suggestion.reason if score.suggestion else "",
        )
        for score in scores
    )
    return assessment


@transaction.atomic
def result_save(*, by, account: Account, year: int, data: dict, expected_version: int | None) -> AccountResult:
    """Enter or correct the account's result for a year (one record per year). Raises
    ConcurrentEditError when someone saved that year since `expected_version`."""
    require_edit(by=by, account=account)
    result = AccountResult.objects.filter(account=account, year=year).first() or AccountResult(
        account=account, year=year
    )
    for name in ("turnover", "profit", "client_total_purchases", "notes"):
        if name in data:
            setattr(result, name, data[name])
    result.updated_by = by
    save_versioned(result, expected_version=expected_version if result.pk else None)
    return result
