"""Reads of the client analysis, each scoped to the user asking (through the account).

The Scores tab and the portfolio matrix each cost a fixed number of queries: the previous
score of each criterion and the latest and previous position of each account are computed
in SQL (a window function, correlated subqueries), never by looping over rows.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, F, FloatField, OuterRef, QuerySet, Subquery, Value, When, Window
from django.db.models.functions import Cast, Lag, NullIf

from accounts.models import Account
from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion
from analysis.scoring import Quadrant
from kam.core.choices import choice_labels
from kam.users.models import person_name


def criterion_list_for_scoring() -> list[Criterion]:
    """The active criteria of both dimensions, in the order the form shows them (one query)."""
    return list(Criterion.objects.filter(active=True).order_by("dimension", "position", "pk"))


def assessment_list_for_account(*, account: Account) -> list[Assessment]:
    """The account's assessments, newest first, each with the totals of the one before it
    (`previous_competitiveness`, `previous_sales_interest`); one query. The caller has
    checked that the user may see the account."""
    chronological = [F("assessed_on").asc(), F("pk").asc()]
    return list(
        Assessment.objects.filter(account=account)
        .select_related("by")
        .annotate(
            previous_competitiveness=Window(Lag("competitiveness"), order_by=chronological),
            previous_sales_interest=Window(Lag("sales_interest"), order_by=chronological),
        )
        .order_by("-assessed_on", "-pk")
    )


def score_list_for_account(*, account: Account) -> list[AssessmentScore]:
    """Every score of the account's assessments with the same criterion's score in the
    assessment before (`previous_value`, NULL for its first); one query. A criterion deleted
    since is followed by the name it was scored under."""
    criterion = [
        F("criterion_id"),
        Case(When(criterion__isnull=True, then=F("name")), default=Value("")),
    ]
    return list(
        AssessmentScore.objects.filter(assessment__account=account)
        .annotate(
            previous_value=Window(
                Lag("value"),
                partition_by=criterion,
                order_by=[F("assessment__assessed_on").asc(), F("assessment_id").asc()],
            )
        )
        .order_by("dimension", "position", "pk")
    )


def _share(numerator: str, denominator: str):
    return Cast(F(numerator), FloatField()) * 100 / NullIf(Cast(F(denominator), FloatField()), 0.0)


def latest_values_for_account(*, account: Account) -> dict[int, int]:
    """The values of the account's latest assessment by criterion id, shown beside a new
    assessment's inputs (the caller has checked access). One query."""
    latest = account.assessments.order_by("-assessed_on", "-pk").values("pk")[:1]
    return dict(
        AssessmentScore.objects.filter(assessment__in=latest, criterion__isnull=False).values_list(
            "criterion_id", "value"
        )
    )


def result_list_for_account(*, account: Account) -> list[AccountResult]:
    """The account's results per year, newest first, with margin and market share in per
    cent computed in SQL (NULL where the profit or the client's purchases are not known)."""
    return list(
        AccountResult.objects.filter(account=account)
        .annotate(
            margin_percent=_share("profit", "turnover"), market_share=_share("turnover", "client_total_purchases")
        )
        .order_by("-year")
    )


def result_get_for_year(*, account: Account, year: int) -> AccountResult | None:
    return AccountResult.objects.filter(account=account, year=year).first()


def _nth_assessment(field: str, offset: int):
    ranked = Assessment.objects.filter(account=OuterRef("pk")).order_by("-assessed_on", "-pk").values(field)
    return Subquery(ranked[offset : offset + 1])


def portfolio_for_user(*, user) -> QuerySet[Account]:
    """Every account the user may see with its latest and previous position on the matrix:
    `latest_on`, `competitiveness`, `sales_interest`, `previous_competitiveness`,
    `previous_sales_interest` (NULL where there is none). One query whatever the number of
    accounts: each position is an index lookup on (account, assessed_on, id)."""
    return (
        Account.objects.visible_to(user)
        .select_related("industry", "region", "owner")
        .annotate(
            latest_on=_nth_assessment("assessed_on", 0),
            competitiveness=_nth_assessment("competitiveness", 0),
            sales_interest=_nth_assessment("sales_interest", 0),
            previous_competitiveness=_nth_assessment("competitiveness", 1),
            previous_sales_interest=_nth_assessment("sales_interest", 1),
        )
        .order_by("name", "pk")
    )


@dataclass
class PortfolioRow:
    """One account of the matrix, as plain values: thousands of these cost a fraction of
    as many model instances (with their manager, region and industry)."""

    pk: int
    name: str
    tier: str
    tier_label: str
    owner: str
    region: str
    industry: str
    latest_on: date | None
    competitiveness: Decimal | None
    sales_interest: Decimal | None
    previous_competitiveness: Decimal | None
    previous_sales_interest: Decimal | None
    quadrant: Quadrant | None = None  # set by the caller


def portfolio_rows(accounts: QuerySet[Account]) -> list[PortfolioRow]:
    """The rows of a `portfolio_for_user` queryset (filtered or not), in its order; one query
    that reads only the columns the matrix, its table and its CSV show."""
    tiers = choice_labels(Account.Tier)
    rows = []
    for values in accounts.values_list(
        "pk",
        "name",
        "tier",
        "owner__first_name",
        "owner__last_name",
        "owner__username",
        "region__name",
        "industry__name",
        "latest_on",
        "competitiveness",
        "sales_interest",
        "previous_competitiveness",
        "previous_sales_interest",
    ):
        pk, name, tier, first_name, last_name, username, region, industry, *positions = values
        rows.append(
            PortfolioRow(
                pk,
                name,
                tier,
                tiers.get(tier, tier),
                person_name(first_name, last_name, username),
                region,
                industry,
                *positions,
            )
        )
    return rows
