import datetime
from decimal import Decimal

import factory

from accounts.tests.factories import AccountFactory, BusinessPartnerFactory, ContactFactory
from planning.models import (
    AccountPlan,
    BudgetLine,
    Competitor,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    Product,
    ProductGroup,
    SalesRecord,
    StrategicGoal,
    SwotItem,
)


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


class StrategicGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    plan = factory.SubFactory(AccountPlanFactory)
    side = StrategicGoal.Side.CLIENT
    text = factory.Sequence(lambda n: f"Goal {n}")


class SwotItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SwotItem

    plan = factory.SubFactory(AccountPlanFactory)
    quadrant = SwotItem.Quadrant.STRENGTH
    text = factory.Sequence(lambda n: f"Point {n}")


class PlanObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanObjective

    plan = factory.SubFactory(AccountPlanFactory)
    text = factory.Sequence(lambda n: f"Objective {n}")
    measure = "Signed listing"


class PlannedContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedContact

    plan = factory.SubFactory(AccountPlanFactory)
    contact = factory.SubFactory(ContactFactory, account=factory.SelfAttribute("..plan.account"))
    planned_for = datetime.date(2027, 2, 15)
    purpose = factory.Sequence(lambda n: f"Purpose {n}")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    plan = factory.SubFactory(AccountPlanFactory)
    item = factory.Sequence(lambda n: f"Budget item {n}")
    planned = Decimal("100000.00")
    spent = Decimal("25000.00")


class PartnershipOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipOpportunity

    plan = factory.SubFactory(AccountPlanFactory)
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    partner = factory.SubFactory(BusinessPartnerFactory, account=factory.SelfAttribute("..plan.account"))
    value = Decimal("500000.00")
