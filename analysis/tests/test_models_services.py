import datetime
from decimal import Decimal
from random import Random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.tests.factories import AccountFactory
from analysis import services
from analysis.demo import build_assessments
from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion, Dimension
from analysis.suggestions import Suggestion
from analysis.tests.factories import make_assessment

pytestmark = pytest.mark.django_db


def test_the_seed_criteria_are_there_with_equal_weights():
    names = dict.fromkeys(Dimension, None)
    for dimension in Dimension:
        names[dimension] = list(Criterion.objects.filter(dimension=dimension).values_list("name", flat=True))
    assert names[Dimension.COMPETITIVENESS] == [
        "Image",
        "Distribution channels",
        "Supply channels",
        "Logistics",
        "Product range",
        "Sales organisation",
    ]
    assert names[Dimension.SALES_INTEREST][:4] == [
        "Number of orders",
        "Order volumes",
        "Number of buyers",
        "Purchase volumes",
    ]
    assert set(Criterion.objects.values_list("weight", flat=True)) == {Decimal(1)}


@pytest.mark.parametrize("value", [0, 11])
def test_the_database_refuses_a_score_outside_1_to_10(account, value):
    assessment = make_assessment(account=account)
    criterion = Criterion.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentScore.objects.create(
            assessment=assessment, criterion=None, dimension=criterion.dimension, name="x", weight=1, value=value
        )


def test_the_service_refuses_a_score_outside_1_to_10(account):
    criteria = list(Criterion.objects.all())
    scores = [services.ScoreInput(criterion=c, value=11 if i == 0 else 5) for i, c in enumerate(criteria)]
    with pytest.raises(ValidationError):
        services.assessment_record(
            by=account.owner, account=account, assessed_on=datetime.date.today(), notes="", scores=scores
        )
    assert not Assessment.objects.exists()


def test_totals_are_weighted_and_stored(account):
    Criterion.objects.filter(code="image").update(weight=3)
    assessment = make_assessment(account=account, values={"image": 9, "orders": 8}, default=5)
    # competitiveness: (9×3 + 5×5) / 8 = 6.5; sales interest: (8 + 5×5) / 6 = 5.5
    assert assessment.competitiveness == Decimal("6.5")
    assert assessment.sales_interest == Decimal("5.5")


def test_changing_weights_later_leaves_the_assessment_unchanged(account):
    assessment = make_assessment(account=account, values={"image": 9}, default=5)
    Criterion.objects.filter(code="image").update(weight=5, name="Brand")
    assessment.refresh_from_db()
    image = assessment.scores.get(criterion__code="image")
    assert (image.name, image.weight) == ("Image", Decimal(1))
    assert assessment.competitiveness == Decimal("5.7")  # (9 + 25) / 6


def test_overriding_a_suggestion_needs_a_comment(account):
    criteria = list(Criterion.objects.all())
    suggestion = Suggestion(value=8, percentile=78, reason="orders last 12 months: 143, 78th percentile → 8")
    orders = next(c for c in criteria if c.code == "orders")
    scores = [
        services.ScoreInput(criterion=c, value=5, suggestion=suggestion if c == orders else None) for c in criteria
    ]
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            by=account.owner, account=account, assessed_on=datetime.date.today(), notes="", scores=scores
        )
    assert error.value.code == "override_without_comment"
    scores = [
        services.ScoreInput(
            criterion=c,
            value=5,
            comment="Orders were one-off." if c == orders else "",
            suggestion=suggestion if c == orders else None,
        )
        for c in criteria
    ]
    assessment = services.assessment_record(
        by=account.owner, account=account, assessed_on=datetime.date.today(), notes="", scores=scores
    )
    kept = assessment.scores.get(criterion=orders)
    assert (kept.value, kept.suggested_value, kept.overrides_suggestion) == (5, 8, True)
    assert kept.suggestion_reason.startswith("orders last 12 months")


def test_a_director_may_not_record_an_assessment(account, director):
    with pytest.raises(PermissionDenied):
        make_assessment(account=account, by=director)


def test_an_assessment_cannot_be_dated_in_the_future(account):
    with pytest.raises(ValidationError):
        make_assessment(account=account, on=datetime.date.today() + datetime.timedelta(days=1))


def test_result_is_one_per_year_and_updated_in_place(account):
    services.result_save(
        by=account.owner, account=account, year=2024, data={"turnover": Decimal(100)}, expected_version=None
    )
    result = AccountResult.objects.get()
    services.result_save(
        by=account.owner, account=account, year=2024, data={"turnover": Decimal(200)}, expected_version=result.version
    )
    assert list(AccountResult.objects.values_list("year", "turnover")) == [(2024, Decimal(200))]


def test_demo_builder_assesses_most_accounts_two_or_three_times(owner, region):
    accounts = AccountFactory.create_batch(14, owner=owner, region=region)
    made = build_assessments(accounts=accounts, users={"kam1": owner}, rng=Random(7), today=datetime.date(2026, 6, 1))
    per_account = {a.pk: a.assessments.count() for a in accounts}
    assert made == sum(per_account.values())
    assert sum(1 for n in per_account.values() if n == 0) == 2  # one in seven left for the "never assessed" list
    assert {n for n in per_account.values() if n} <= {2, 3}
    assert AssessmentScore.objects.count() == made * Criterion.objects.count()
    assert AccountResult.objects.filter(account=accounts[0]).count() == 3
    assert all(1 <= a.competitiveness <= 10 for a in Assessment.objects.all())
