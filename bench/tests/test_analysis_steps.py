"""The benchmark's assessments and results (bench.analysis_steps) at a tiny scale: the sizes
follow the scale, the scores copy the criteria and the stored totals are the app's own.
Figures are never asserted."""

from datetime import timedelta

import pytest
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from analysis import scoring
from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion, Dimension
from analysis.selectors import portfolio_for_user
from analysis.services import ScoreInput, assessment_record
from bench.analysis_steps import ASSESSMENTS_PER_ACCOUNT, PERIOD_DAYS, RESULT_YEARS
from bench.generate import ensure_dataset
from kam.users.models import Role, User

TINY = 0.01


@pytest.fixture
def dataset(require_postgres, db):
    return ensure_dataset(scale=TINY, log=lambda _line: None)


def test_most_accounts_have_two_or_three_assessments_and_every_account_three_years_of_results(dataset):
    accounts = Account.objects.count()
    per_account = dict(Assessment.objects.order_by().values_list("account").annotate(n=Count("pk")))
    assert set(per_account.values()) <= set(ASSESSMENTS_PER_ACCOUNT)
    assert 0.7 * accounts <= len(per_account) <= accounts
    assert AccountResult.objects.count() == accounts * RESULT_YEARS
    assert dataset.counts["analysis.Assessment"] == Assessment.objects.count()
    assert dataset.counts["analysis.AssessmentScore"] == AssessmentScore.objects.count()
    assert dataset.counts["analysis.AccountResult"] == AccountResult.objects.count()


def test_every_assessment_scores_each_active_criterion_once_as_it_stood(dataset):
    criteria = Criterion.objects.filter(active=True)
    assert criteria.exists()
    counts = Assessment.objects.order_by().annotate(n=Count("scores")).values_list("n", flat=True).distinct()
    assert list(counts) == [criteria.count()]
    copied = Q(name=F("criterion__name"), weight=F("criterion__weight"), dimension=F("criterion__dimension"))
    assert not AssessmentScore.objects.exclude(copied).exists()
    assert not AssessmentScore.objects.filter(Q(value__lt=1) | Q(value__gt=10) | Q(criterion__isnull=True)).exists()
    assert AssessmentScore.objects.values("value").distinct().count() > 3


def test_stored_totals_are_the_weighted_means_the_app_computes(dataset):
    assessments = Assessment.objects.prefetch_related("scores")
    assert assessments.exists()
    for assessment in assessments:
        for dimension, stored in (
            (Dimension.COMPETITIVENESS, assessment.competitiveness),
            (Dimension.SALES_INTEREST, assessment.sales_interest),
        ):
            scores = [s for s in assessment.scores.all() if s.dimension == dimension]
            assert stored == scoring.weighted_total(scoring.Weighted(s.value, s.weight) for s in scores), assessment.pk


def test_assessments_lie_in_the_last_eighteen_months_by_the_owner(dataset):
    today = timezone.localdate()
    assert not Assessment.objects.filter(assessed_on__gt=today).exists()
    assert not Assessment.objects.filter(assessed_on__lt=today - timedelta(days=PERIOD_DAYS)).exists()
    assert not Assessment.objects.exclude(by=F("account__owner")).exists()
    # Distinct dates per account, so "latest" and "previous" are well defined.
    dates = Assessment.objects.values("account", "assessed_on").annotate(n=Count("pk"))
    assert not dates.filter(n__gt=1).exists()


def test_results_cover_the_last_three_finished_years_with_sane_figures(dataset):
    year = timezone.localdate().year
    years = set(AccountResult.objects.values_list("year", flat=True))
    assert years == set(range(year - RESULT_YEARS, year))
    assert not AccountResult.objects.filter(profit__gte=F("turnover")).exists()
    assert not AccountResult.objects.filter(client_total_purchases__lt=F("turnover")).exists()
    assert not AccountResult.objects.exclude(updated_by=F("account__owner")).exists()


def test_the_matrix_places_the_assessed_accounts_with_where_they_came_from(dataset):
    director_all = User.objects.filter(role=Role.DIRECTOR, regions__isnull=True).first()
    rows = list(portfolio_for_user(user=director_all))
    assert len(rows) == Account.objects.count()
    placed = [row for row in rows if row.competitiveness is not None]
    assert len(placed) == Assessment.objects.values("account").distinct().count()
    assert all(row.previous_competitiveness is not None for row in placed)


def test_the_app_records_a_new_assessment_after_the_build(dataset):
    # The sequences were reset: the service's INSERTs do not collide with generated ids.
    account = Account.objects.select_related("owner").order_by("pk").first()
    criteria = list(Criterion.objects.filter(active=True))
    before = Assessment.objects.count()
    assessment_record(
        by=account.owner,
        account=account,
        assessed_on=timezone.localdate(),
        notes="",
        scores=[ScoreInput(criterion=c, value=7) for c in criteria],
    )
    assert Assessment.objects.count() == before + 1
    assert AssessmentScore.objects.filter(
        assessment__account=account, assessment__assessed_on=timezone.localdate()
    ).count() == len(criteria)


def test_the_scores_tab_and_the_matrix_answer_on_the_dataset(dataset, client):
    account = Account.objects.filter(assessments__isnull=False).select_related("owner").order_by("pk").first()
    client.force_login(account.owner)
    assert client.get(reverse("analysis:scores", args=[account.pk])).status_code == 200
    assert client.get(reverse("analysis:portfolio")).status_code == 200


def test_criteria_survive_the_wipe_and_come_back_if_lost(dataset):
    criteria = list(Criterion.objects.order_by("pk").values_list("pk", "code", "weight"))
    assert ensure_dataset(scale=TINY, rebuild=True, log=lambda _line: None).built
    assert list(Criterion.objects.order_by("pk").values_list("pk", "code", "weight")) == criteria
    Criterion.objects.all().delete()
    rebuilt = ensure_dataset(scale=TINY, rebuild=True, log=lambda _line: None)
    assert Criterion.objects.filter(active=True).count() == len(criteria)
    assert rebuilt.counts["analysis.AssessmentScore"] == dataset.counts["analysis.AssessmentScore"]
