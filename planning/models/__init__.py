"""Our sales geography (regions), catalogue (product groups, products), competitors, and the
actual sales imported from the ERP.

One module per entity: catalogue (regions, product groups, products, competitors and where
they supply an account), sales (imported sales records and their monthly and yearly
summaries), sales_plans (yearly sales plans, their lines and approval transitions),
account_plans (client development plans and their parts)."""

from planning.models.account_plans import (
    AccountPlan,
    AccountPlanPart,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)
from planning.models.catalogue import Competitor, CompetitorPresence, CompetitorProduct, Product, ProductGroup, Region
from planning.models.sales import (
    MONTHS,
    SalesImport,
    SalesRecord,
    SalesSummary,
    SalesSummaryRefresh,
    SalesYearSummary,
    margin_to,
    revenue_to,
)
from planning.models.sales_plans import MONEY, VOLUME, PlanTransition, SalesPlan, SalesPlanLine

__all__ = [
    # catalogue
    "Region",
    "ProductGroup",
    "Product",
    "Competitor",
    "CompetitorProduct",
    "CompetitorPresence",
    # sales
    "SalesImport",
    "SalesRecord",
    "SalesSummary",
    "MONTHS",
    "revenue_to",
    "margin_to",
    "SalesYearSummary",
    "SalesSummaryRefresh",
    # sales_plans
    "SalesPlan",
    "MONEY",
    "VOLUME",
    "SalesPlanLine",
    "PlanTransition",
    # account_plans
    "AccountPlan",
    "AccountPlanPart",
    "StrategicGoal",
    "SwotItem",
    "PlanObjective",
    "PlannedContact",
    "BudgetLine",
    "PlanStage",
    "PartnershipOpportunity",
]
