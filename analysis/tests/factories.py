"""Factories of the client analysis. Criteria come from the data migration; `make_assessment`
records one through the service, as the form does."""

import datetime

import factory

from accounts.tests.factories import AccountFactory
from analysis import services
from analysis.models import AccountResult, Criterion


class AccountResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountResult

    account = factory.SubFactory(AccountFactory)
    year = 2024
    turnover = 1_000_000
    profit = 150_000
    client_total_purchases = 4_000_000


def make_assessment(*, account, by=None, on: datetime.date | None = None, values=None, default: int = 5, **kwargs):
    """An assessment of every active criterion; `values` maps criterion codes to scores."""
    values = values or {}
    scores = [
        services.ScoreInput(criterion=c, value=values.get(c.code, default))
        for c in Criterion.objects.filter(active=True).order_by("dimension", "position")
    ]
    return services.assessment_record(
        by=by or account.owner,
        account=account,
        assessed_on=on or datetime.date.today(),
        notes=kwargs.get("notes", ""),
        scores=scores,
    )
