import datetime
from decimal import Decimal

import factory

from accounts.tests.factories import AccountFactory
from planning.models import AccountPlan, Competitor, PlanStage, Product, ProductGroup, SalesRecord


class ProductGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductGroup
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Group {n}")
    code = factory.Sequence(lambda n: f"group-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    group = factory.SubFactory(ProductGroupFactory)
    unit = "kg"


class CompetitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competitor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Competitor {n}")


class SalesRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesRecord

    account = factory.SubFactory(AccountFactory)
    product = factory.SubFactory(ProductFactory)
    month = datetime.date(2026, 1, 1)
    volume = Decimal("100.000")
    revenue = Decimal("25000.00")
    margin = Decimal("5000.00")


class AccountPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountPlan

    account = factory.SubFactory(AccountFactory)
    year = 2027
    author = factory.LazyAttribute(lambda plan: plan.account.owner)
    summary = "Become the client's first supplier of fasteners"


class PlanStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStage

    plan = factory.SubFactory(AccountPlanFactory)
    title = factory.Sequence(lambda n: f"Stage {n}")
    owner = factory.LazyAttribute(lambda stage: stage.plan.author)
    deadline = datetime.date(2027, 3, 31)
